import { describe, expect, it } from 'vitest';
import {
  calibrationCurve,
  ClassificationEvaluation,
  downsampleCurve,
  encodeLabels,
  precisionRecallCurve,
  rocCurve,
} from '../../../src/stats/metrics/index.js';
import { classificationCase, expectCloseArray, fixture, type ClassificationCase } from './reference.js';

function column(c: ClassificationCase, k: number): Float64Array {
  const classCount = c.classes.length;
  return Float64Array.from({ length: c.y_true.length }, (_, i) => c.probabilities[i * classCount + k]);
}

const withCurves = fixture.classification.filter((c) => c.expected.curves !== null);

describe.each(withCurves)('$name', (c) => {
  const reference = c.expected.curves!;
  const label = c.classes[reference.positive];
  const evaluation = new ClassificationEvaluation({
    classes: c.classes,
    labels: encodeLabels(c.y_true, c.classes),
    probabilities: Float64Array.from(c.probabilities),
    positiveLabel: c.positive_label ?? undefined,
  });
  const curves = evaluation.curves(label);
  if (curves.value === null) throw new Error(curves.reason);

  it('matches roc_curve(drop_intermediate=True) point for point', () => {
    for (const roc of [curves.value.roc, rocCurve(c.y_true, column(c, reference.positive), label)]) {
      if (roc.value === null) throw new Error(roc.reason);
      expectCloseArray(roc.value.fpr, reference.roc_curve.fpr, 'fpr');
      expectCloseArray(roc.value.tpr, reference.roc_curve.tpr, 'tpr');
      expectCloseArray(roc.value.thresholds, reference.roc_curve.thresholds, 'thresholds');
    }
  });

  it('matches precision_recall_curve point for point', () => {
    for (const pr of [curves.value.precisionRecall, precisionRecallCurve(c.y_true, column(c, reference.positive), label)]) {
      if (pr.value === null) throw new Error(pr.reason);
      expectCloseArray(pr.value.precision, reference.precision_recall_curve.precision, 'precision');
      expectCloseArray(pr.value.recall, reference.precision_recall_curve.recall, 'recall');
      expectCloseArray(pr.value.thresholds, reference.precision_recall_curve.thresholds, 'thresholds');
    }
  });

  it.each(Object.keys(reference.calibration_curve))('matches calibration_curve(n_bins=%s, strategy="uniform")', (bins) => {
    const expected = reference.calibration_curve[bins];
    const ours = calibrationCurve(c.y_true, column(c, reference.positive), label, Number(bins));
    expectCloseArray(ours.probTrue, expected.prob_true, 'prob_true');
    expectCloseArray(ours.probPred, expected.prob_pred, 'prob_pred');
    if (bins === '10') {
      expectCloseArray(curves.value.calibration.probTrue, expected.prob_true, 'prob_true (evaluation)');
      expectCloseArray(curves.value.calibration.probPred, expected.prob_pred, 'prob_pred (evaluation)');
    }
    expect(ours.counts.reduce((a, b) => a + b, 0)).toBe(c.y_true.length);
  });
});

describe('undefined curves', () => {
  it('returns null with a reason when y_true has one class', () => {
    const c = classificationCase('binary, one class in y_true');
    const roc = rocCurve(c.y_true, column(c, 1), 1);
    const pr = precisionRecallCurve(c.y_true, column(c, 1), 1);
    expect(roc).toEqual({ value: null, reason: expect.stringMatching(/no rows of class "1"/) });
    expect(pr).toEqual({ value: null, reason: expect.stringMatching(/no rows of class "1"/) });
    expect(rocCurve([1, 1, 1], [0.2, 0.5, 0.9], 1).reason).toMatch(/every row is of class "1"/);
  });

  it('asks for a class when a multiclass evaluation is asked for curves without one', () => {
    const c = classificationCase('3 classes, realistic');
    const evaluation = new ClassificationEvaluation({
      classes: c.classes,
      labels: encodeLabels(c.y_true, c.classes),
      probabilities: Float64Array.from(c.probabilities),
    });
    expect(() => evaluation.curves()).toThrow(/name the class/);
  });
});

describe('downsampleCurve', () => {
  it('keeps every point of a short curve', () => {
    expect(Array.from(downsampleCurve([0, 0.5, 1], [0, 0.7, 1], 5))).toEqual([0, 1, 2]);
  });

  it('keeps the ends and at most maxPoints points spread along the curve', () => {
    const n = 10_001;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const y = Float64Array.from(x, (v) => Math.sqrt(v));
    const kept = downsampleCurve(x, y, 101);
    expect(kept.length).toBeLessThanOrEqual(101);
    expect(kept.length).toBeGreaterThan(95);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
    for (let j = 1; j < kept.length; j++) expect(kept[j]).toBeGreaterThan(kept[j - 1]);
    let widest = 0;
    for (let j = 1; j < kept.length; j++) {
      const step = Math.abs(x[kept[j]] - x[kept[j - 1]]) + Math.abs(y[kept[j]] - y[kept[j - 1]]);
      widest = Math.max(widest, step);
    }
    expect(widest).toBeLessThan((2 / 100) * 1.05);
  });

  it('keeps both corners of a step and the ends of a curve standing still', () => {
    const x = [0, 0, 0, 0, 1, 1];
    const y = [0, 0.5, 1, 1, 1, 1];
    expect(Array.from(downsampleCurve(x, y, 4))).toEqual([0, 2, 4, 5]);
    expect(Array.from(downsampleCurve([0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1], 3))).toEqual([0, 3]);
  });
});
