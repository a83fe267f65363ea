import { describe, expect, it } from 'vitest';
import {
  averagePrecisionScore,
  ClassificationEvaluation,
  downsampleCurve,
  precisionRecallCurve,
  rocAucScore,
  Xoshiro128,
} from '../../../src/stats/metrics/index.js';

/**
 * The ranking metrics and curves on many rows with ties, against a definition computed threshold
 * by threshold, for scores that are float32 (as model outputs are, ranked by their 32-bit pattern)
 * and for float64 scores (ranked by all 64 bits).
 */

const random = new Xoshiro128(7);

/** Scores drawn from a few hundred values, so that ties are common; labels that follow the score loosely. */
function rankingCase(rows: number, float32: boolean): { scores: Float64Array; labels: number[] } {
  const scores = new Float64Array(rows);
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const step = random.indexBelow(300);
    const score = step === 0 ? -0 : step === 1 ? 0 : (step - 20) / 280 + (float32 ? 0 : 1e-12 * step);
    scores[i] = float32 ? Math.fround(score) : score;
    labels.push(random.indexBelow(1000) < 200 + 600 * Math.max(0, score) ? 1 : 0);
  }
  return { scores, labels };
}

/** Distinct thresholds in descending order with the rows scored at or above each: the definition. */
function reference(scores: Float64Array, labels: number[]) {
  const thresholds = [...new Set(Array.from(scores, (s) => s + 0))].sort((a, b) => b - a);
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  const points = thresholds.map((t) => {
    let tp = 0;
    let fp = 0;
    scores.forEach((s, i) => {
      if (s >= t) {
        if (labels[i] === 1) tp++;
        else fp++;
      }
    });
    return { t, tp, fp };
  });
  let auc = 0;
  let ap = 0;
  let previous = { tp: 0, fp: 0 };
  for (const point of points) {
    auc += ((point.fp - previous.fp) / negatives) * ((point.tp + previous.tp) / 2 / positives);
    ap += ((point.tp - previous.tp) / positives) * (point.tp / (point.tp + point.fp));
    previous = point;
  }
  return { auc, ap, points, positives };
}

describe.each([
  ['float32 scores', true],
  ['float64 scores', false],
])('ranking %s with ties, ±0 and negative scores', (_, float32) => {
  const { scores, labels } = rankingCase(3_000, float32);
  const expected = reference(scores, labels);
  // Probabilities that rank the rows as the scores do: a shift and a halving keep order and ties.
  const probabilities = Float64Array.from({ length: 2 * scores.length }, (_, j) => {
    const p = (scores[j >> 1] + 20 / 280) / 2;
    return j % 2 === 1 ? (float32 ? Math.fround(p) : p) : 1 - p;
  });
  const evaluation = new ClassificationEvaluation({ classes: [0, 1], labels: Int32Array.from(labels), probabilities });

  it('gives ROC AUC and average precision as the definition does', () => {
    const metrics = evaluation.metrics();
    expect(metrics.roc_auc.value).toBeCloseTo(expected.auc, 12);
    expect(metrics.average_precision.value).toBeCloseTo(expected.ap, 12);
    expect(rocAucScore(labels, probabilities, [0, 1]).value).toBe(metrics.roc_auc.value);
    expect(averagePrecisionScore(labels, probabilities, [0, 1]).value).toBe(metrics.average_precision.value);
  });

  it('gives one precision–recall point per distinct score, -0 and 0 as one', () => {
    const curve = precisionRecallCurve(labels, scores, 1).value!;
    const ascending = [...expected.points].reverse();
    expect(Array.from(curve.thresholds)).toEqual(ascending.map((p) => p.t));
    curve.recall.subarray(0, -1).forEach((recall, i) => expect(recall).toBeCloseTo(ascending[i].tp / expected.positives, 14));
    curve.precision.subarray(0, -1).forEach((precision, i) => expect(precision).toBeCloseTo(ascending[i].tp / (ascending[i].tp + ascending[i].fp), 14));
  });

  it('gives the same metrics when every row is counted once through the resampling path', () => {
    const once = evaluation.metrics();
    const resampled = evaluation.metrics(new Uint32Array(scores.length).fill(1));
    for (const name of ['roc_auc', 'average_precision', 'log_loss', 'brier_score', 'expected_calibration_error', 'accuracy']) {
      expect(resampled[name].value, name).toBe(once[name].value);
    }
  });
});

describe('curves downsampled by the evaluation (curvePoints)', () => {
  const rows = 20_000;
  const classes = ['a', 'b', 'c'];
  const labels = Int32Array.from({ length: rows }, () => random.indexBelow(3));
  const probabilities = new Float64Array(rows * 3);
  for (let i = 0; i < rows; i++) {
    const weights = [1, 2, 3].map((w, k) => Math.fround(w * (k === labels[i] ? 2 : 1) * (1 + random.indexBelow(1000))));
    const total = weights[0] + weights[1] + weights[2];
    weights.forEach((w, k) => (probabilities[i * 3 + k] = Math.fround(w / total)));
  }
  const full = new ClassificationEvaluation({ classes, labels, probabilities });
  const charted = new ClassificationEvaluation({ classes, labels, probabilities, curvePoints: 101 });

  it.each(classes)('keeps exactly the points downsampleCurve keeps of the full curves of class %s', (label) => {
    const whole = full.curves(label).value!;
    const kept = charted.curves(label).value!;
    const roc = whole.roc.value!;
    const rocKept = downsampleCurve(roc.fpr, roc.tpr, 101);
    expect(roc.fpr.length).toBeGreaterThan(1000);
    expect(Array.from(kept.roc.value!.fpr)).toEqual(Array.from(rocKept, (i) => roc.fpr[i]));
    expect(Array.from(kept.roc.value!.tpr)).toEqual(Array.from(rocKept, (i) => roc.tpr[i]));
    expect(Array.from(kept.roc.value!.thresholds)).toEqual(Array.from(rocKept, (i) => roc.thresholds[i]));
    const pr = whole.precisionRecall.value!;
    const prKept = downsampleCurve(pr.recall, pr.precision, 101);
    expect(Array.from(kept.precisionRecall.value!.recall)).toEqual(Array.from(prKept, (i) => pr.recall[i]));
    expect(Array.from(kept.precisionRecall.value!.precision)).toEqual(Array.from(prKept, (i) => pr.precision[i]));
    // The last point (recall 0, precision 1) has no threshold.
    expect(Array.from(kept.precisionRecall.value!.thresholds)).toEqual(Array.from(prKept.subarray(0, -1), (i) => pr.thresholds[i]));
    expect(kept.calibration).toEqual(whole.calibration);
  });

  it('leaves the metrics as they are', () => {
    expect(charted.report()).toEqual(full.report());
  });

  it('refuses fewer than two points', () => {
    expect(() => new ClassificationEvaluation({ classes, labels, probabilities, curvePoints: 1 })).toThrow(/maxPoints must be an integer >= 2/);
  });
});
