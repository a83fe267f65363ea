import { describe, expect, it } from 'vitest';
import {
  ClassificationEvaluation,
  encodeLabels,
  encodeSliceKeys,
  fairnessGaps,
  RegressionEvaluation,
  sliceMetrics,
  type Label,
  type SliceKey,
} from '../../../src/stats/metrics/index.js';

interface Block {
  slice: SliceKey;
  truth: Label;
  predicted: Label;
  rows: number;
}

/** Rows built from blocks of identical (slice, truth, prediction), so every count is known. */
function build(classes: Label[], blocks: Block[], positiveLabel?: Label) {
  const truth: Label[] = [];
  const predicted: Label[] = [];
  const keys: SliceKey[] = [];
  for (const block of blocks) {
    for (let i = 0; i < block.rows; i++) {
      truth.push(block.truth);
      predicted.push(block.predicted);
      keys.push(block.slice);
    }
  }
  const evaluation = new ClassificationEvaluation({
    classes,
    labels: encodeLabels(truth, classes),
    predictions: encodeLabels(predicted, classes),
    positiveLabel,
  });
  return { evaluation, slices: encodeSliceKeys(keys) };
}

describe('binary slices and fairness gaps', () => {
  const { evaluation, slices } = build(
    ['no', 'yes'],
    [
      // A: recall 15/20, precision 15/20, selection 20/40
      { slice: 'A', truth: 'yes', predicted: 'yes', rows: 15 },
      { slice: 'A', truth: 'yes', predicted: 'no', rows: 5 },
      { slice: 'A', truth: 'no', predicted: 'yes', rows: 5 },
      { slice: 'A', truth: 'no', predicted: 'no', rows: 15 },
      // B: recall 4/10, precision 4/6, selection 6/40
      { slice: 'B', truth: 'yes', predicted: 'yes', rows: 4 },
      { slice: 'B', truth: 'yes', predicted: 'no', rows: 6 },
      { slice: 'B', truth: 'no', predicted: 'yes', rows: 2 },
      { slice: 'B', truth: 'no', predicted: 'no', rows: 28 },
      // missing key: no positive rows (recall undefined), precision 0/3, selection 3/30
      { slice: null, truth: 'no', predicted: 'yes', rows: 3 },
      { slice: null, truth: 'no', predicted: 'no', rows: 27 },
      // C: too small to measure
      { slice: 'C', truth: 'yes', predicted: 'no', rows: 5 },
    ],
    'yes',
  );

  it('measures each slice of at least minSize rows, in key order, and lists the small ones', () => {
    const report = sliceMetrics(evaluation, slices, { minSize: 30 });
    expect(report.minSize).toBe(30);
    expect(report.slices.map((s) => [s.key, s.rows])).toEqual([
      ['A', 40],
      ['B', 40],
      [null, 30],
    ]);
    expect(report.tooSmall).toEqual([{ key: 'C', rows: 5 }]);
    const [a, b, missing] = report.slices;
    expect(a.metrics.recall.value).toBe(0.75);
    expect(b.metrics.precision.value).toBeCloseTo(4 / 6, 15);
    expect(b.metrics.selection_rate.value).toBe(0.15);
    expect(missing.metrics.recall).toEqual({ value: 0, reason: expect.stringMatching(/absent from y_true/) });
  });

  it('gives the largest differences, naming the slices and leaving out undefined ones', () => {
    const gaps = fairnessGaps(evaluation, slices, { minSize: 30 });
    expect(gaps.recall_gap.value).toBeCloseTo(0.35, 15);
    expect(gaps.recall_gap.highest).toEqual({ key: 'A', value: 0.75 });
    expect(gaps.recall_gap.lowest).toEqual({ key: 'B', value: 0.4 });
    expect(gaps.recall_gap.excluded).toEqual([null]);
    expect(gaps.precision_gap.value).toBe(0.75);
    expect(gaps.precision_gap.lowest).toEqual({ key: null, value: 0 });
    expect(gaps.selection_rate_gap.value).toBeCloseTo(0.4, 15);
    expect(gaps.selection_rate_gap.highest!.key).toBe('A');
    expect(gaps.selection_rate_gap.lowest!.key).toBe(null);
  });

  it('is undefined with fewer than two measured slices', () => {
    const gaps = fairnessGaps(evaluation, slices, { minSize: 35 });
    expect(gaps.recall_gap.value).toBeCloseTo(0.35, 15);
    const none = fairnessGaps(evaluation, slices, { minSize: 41 });
    for (const gap of Object.values(none)) {
      expect(gap.value).toBeNull();
      expect(gap.reason).toMatch(/fewer than two slices of at least 41 rows/);
    }
  });
});

describe('multiclass fairness gaps', () => {
  const blocks: Block[] = [];
  for (const k of ['x', 'y', 'z']) blocks.push({ slice: 'perfect', truth: k, predicted: k, rows: 10 });
  blocks.push({ slice: 'confused', truth: 'x', predicted: 'x', rows: 10 });
  blocks.push({ slice: 'confused', truth: 'y', predicted: 'x', rows: 10 });
  blocks.push({ slice: 'confused', truth: 'z', predicted: 'z', rows: 10 });
  const { evaluation, slices } = build(['x', 'y', 'z'], blocks);

  it('uses macro recall and precision, and the mean per-class selection-rate gap', () => {
    const gaps = fairnessGaps(evaluation, slices, { minSize: 30 });
    // confused: recall (1, 0, 1) → 2/3; precision (10/20, 0 never predicted, 1) → 1/2
    expect(gaps.recall_gap.value).toBeCloseTo(1 / 3, 15);
    expect(gaps.recall_gap.lowest!.key).toBe('confused');
    expect(gaps.precision_gap.value).toBeCloseTo(0.5, 15);
    // shares predicted per class: perfect (1/3, 1/3, 1/3), confused (2/3, 0, 1/3)
    expect(gaps.selection_rate_gap.value).toBeCloseTo(2 / 9, 15);
    expect(gaps.selection_rate_gap.reason).toMatch(/mean over classes/);
  });
});

describe('regression slices', () => {
  it('computes the regression suite per slice', () => {
    const evaluation = new RegressionEvaluation({ yTrue: [1, 2, 3, 4, 10, 20], yPred: [1, 2, 3, 4, 13, 16] });
    const report = sliceMetrics(evaluation, encodeSliceKeys([2, 2, 2, 2, 1, 1]), { minSize: 2 });
    expect(report.slices.map((s) => s.key)).toEqual([1, 2]);
    expect(report.slices[0].metrics.mae.value).toBe(3.5);
    expect(report.slices[1].metrics.rmse.value).toBe(0);
  });
});

describe('slice keys', () => {
  it('keeps numbers and strings apart and maps undefined to the missing slice', () => {
    const encoded = encodeSliceKeys([1, '1', undefined, null, 1]);
    expect(encoded.keys).toEqual([1, '1', null]);
    expect(Array.from(encoded.codes)).toEqual([0, 1, 2, 2, 0]);
  });

  it('refuses keys that do not cover the rows', () => {
    const evaluation = new RegressionEvaluation({ yTrue: [1, 2], yPred: [1, 2] });
    expect(() => sliceMetrics(evaluation, encodeSliceKeys(['a']))).toThrow(/cover 1 rows, the evaluation 2/);
  });
});
