import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/errors.js';
import {
  ClassificationAccumulator,
  ClassificationEvaluation,
  encodeLabels,
  encodeSliceKeys,
  RegressionAccumulator,
  RegressionEvaluation,
  sliceMetrics,
} from '../../../src/stats/metrics/index.js';
import { classificationCase, expectClose, fixture } from './reference.js';

const c = classificationCase('3 classes, realistic');
const classCount = c.classes.length;
const rows = c.y_true.length;
const regions = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'north' : i % 3 === 1 ? 'south' : null));
const BATCH_ENDS = [1, 78, 230, rows];

function batches() {
  let start = 0;
  return BATCH_ENDS.map((end) => {
    const batch = {
      labels: c.y_true.slice(start, end),
      probabilities: Float64Array.from(c.probabilities.slice(start * classCount, end * classCount)),
      slices: { region: regions.slice(start, end) },
    };
    start = end;
    return batch;
  });
}

const oneShot = new ClassificationEvaluation({
  classes: c.classes,
  labels: encodeLabels(c.y_true, c.classes),
  probabilities: Float64Array.from(c.probabilities),
});

describe('ClassificationAccumulator keeping rows', () => {
  const accumulator = new ClassificationAccumulator({ classes: c.classes, sliceColumns: ['region'] });
  for (const batch of batches()) accumulator.add(batch);

  it('gives exactly the one-shot report, whatever the batch sizes', () => {
    expect(accumulator.rows).toBe(rows);
    expect(accumulator.report()).toEqual(oneShot.report());
  });

  it('keeps slice keys aligned with the rows across batches', () => {
    const streamed = sliceMetrics(accumulator.evaluation(), accumulator.sliceKeys('region'), { minSize: 10 });
    expect(streamed).toEqual(sliceMetrics(oneShot, encodeSliceKeys(regions), { minSize: 10 }));
    expect(() => accumulator.sliceKeys('country')).toThrow(/not a slice column/);
  });

  it('keeps float32 model outputs as float32, to exactly the report of the same numbers in float64', () => {
    const float32 = new ClassificationAccumulator({ classes: c.classes });
    const probabilities = Float32Array.from(c.probabilities);
    float32.add({ labels: c.y_true, probabilities });
    const kept = float32.evaluation().probabilities!;
    expect(kept).toBeInstanceOf(Float32Array);
    expect(kept).toEqual(probabilities);
    const same = new ClassificationEvaluation({ classes: c.classes, labels: encodeLabels(c.y_true, c.classes), probabilities: Float64Array.from(probabilities) });
    expect(float32.report()).toEqual(same.report());
    expectClose(float32.report().metrics.accuracy.value, c.expected.metrics.accuracy as number, 'accuracy');
  });

  it('widens the kept float32 rows to float64 at the first batch that is not float32, losing no digit', () => {
    const mixed = new ClassificationAccumulator({ classes: c.classes });
    const [first, ...rest] = batches();
    mixed.add({ ...first, probabilities: Float32Array.from(first.probabilities), slices: undefined });
    for (const batch of rest) mixed.add({ ...batch, slices: undefined });
    const kept = mixed.evaluation().probabilities!;
    expect(kept).toBeInstanceOf(Float64Array);
    expect(Array.from(kept.subarray(0, classCount))).toEqual(Array.from(Float32Array.from(first.probabilities)));
    expect(Array.from(kept.subarray(classCount))).toEqual(c.probabilities.slice(classCount));
  });
});

describe('ClassificationAccumulator without rows', () => {
  const accumulator = new ClassificationAccumulator({ classes: c.classes, keepRows: false });
  for (const { labels, probabilities } of batches()) accumulator.add({ labels, probabilities });
  const report = accumulator.report();
  const reference = oneShot.report();

  it('keeps the counts: label metrics, confusion matrix and per-class table are exact', () => {
    expect(report.confusionMatrix).toEqual(reference.confusionMatrix);
    expect(report.perClass).toEqual(reference.perClass);
    for (const name of ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted']) {
      expect(report.metrics[name], name).toEqual(reference.metrics[name]);
    }
  });

  it('keeps running sums for log loss, Brier score and the reliability table', () => {
    for (const name of ['log_loss', 'brier_score', 'expected_calibration_error']) {
      expectClose(report.metrics[name].value, reference.metrics[name].value!, name);
    }
    expect(report.reliability!.bins.map((b) => b.count)).toEqual(reference.reliability!.bins.map((b) => b.count));
  });

  it('says the ranking metrics need the rows it did not keep', () => {
    expect(report.metrics.roc_auc).toEqual({ value: null, reason: expect.stringMatching(/keepRows: false/) });
    expect(report.metrics.average_precision.value).toBeNull();
    expect(() => accumulator.evaluation()).toThrow(/keepRows: false/);
  });
});

describe('ClassificationAccumulator input checks', () => {
  it('names the row, counted across batches, of a label the model does not know', () => {
    const accumulator = new ClassificationAccumulator({ classes: ['a', 'b'] });
    accumulator.add({ labels: ['a', 'b'], predictions: ['a', 'a'] });
    const error = (() => {
      try {
        accumulator.add({ labels: ['a', 'c'], predictions: ['a', 'a'] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/^row 4: label "c" is not one of the model's classes \[a, b\]/);
    expect(accumulator.rows).toBe(2);
  });

  it('wants every batch to carry the same outputs', () => {
    const accumulator = new ClassificationAccumulator({ classes: [0, 1] });
    accumulator.add({ labels: [0], probabilities: [0.4, 0.6] });
    expect(() => accumulator.add({ labels: [1], predictions: [1] })).toThrow(/same outputs/);
    expect(() => accumulator.add({ labels: [1] })).toThrow(/probabilities, predictions or both/);
  });

  it('refuses slices without rows, and batches missing a slice column', () => {
    expect(() => new ClassificationAccumulator({ classes: [0, 1], keepRows: false, sliceColumns: ['s'] })).toThrow(/slices need the rows/);
    const accumulator = new ClassificationAccumulator({ classes: [0, 1], sliceColumns: ['s'] });
    expect(() => accumulator.add({ labels: [0], predictions: [0] })).toThrow(/no keys for slice column "s"/);
    expect(accumulator.rows).toBe(0);
  });
});

describe('RegressionAccumulator', () => {
  it('gives the one-shot metrics from batches', () => {
    const r = fixture.regression[0];
    const accumulator = new RegressionAccumulator({ sliceColumns: ['half'] });
    const half = r.y_true.map((_, i) => (i < r.y_true.length / 2 ? 'first' : 'second'));
    for (let start = 0; start < r.y_true.length; start += 64) {
      const end = Math.min(start + 64, r.y_true.length);
      accumulator.add({ yTrue: r.y_true.slice(start, end), yPred: r.y_pred.slice(start, end), slices: { half: half.slice(start, end) } });
    }
    const oneShotRegression = new RegressionEvaluation({ yTrue: r.y_true, yPred: r.y_pred });
    expect(accumulator.report()).toEqual(oneShotRegression.report());
    expect(sliceMetrics(accumulator.evaluation(), accumulator.sliceKeys('half'))).toEqual(
      sliceMetrics(oneShotRegression, encodeSliceKeys(half)),
    );
  });

  it('names the row of a value that is not finite', () => {
    const accumulator = new RegressionAccumulator();
    accumulator.add({ yTrue: [1, 2], yPred: [1, 2] });
    expect(() => accumulator.add({ yTrue: [3], yPred: [NaN] })).toThrow(/^row 3: y_pred is NaN/);
  });
});
