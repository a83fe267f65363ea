import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  brierScoreLoss,
  ClassificationEvaluation,
  confusionMatrix,
  encodeLabels,
  expectedCalibrationError,
  f1Score,
  logLoss,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  rocAucScore,
  type Label,
  type Metric,
} from '../../../src/stats/metrics/index.js';
import { expectClose, expectMetric, expectUndefined, fixture, type ClassificationCase } from './reference.js';

function evaluationOf(c: ClassificationCase): ClassificationEvaluation {
  return new ClassificationEvaluation({
    classes: c.classes,
    labels: encodeLabels(c.y_true, c.classes),
    probabilities: Float64Array.from(c.probabilities),
    positiveLabel: c.positive_label ?? undefined,
  });
}

/**
 * Where the TypeScript side deliberately answers null: scikit-learn raises, or returns a number
 * for a quantity that is undefined (README: "Undefined values").
 */
const UNDEFINED_HERE: Record<string, Record<string, RegExp>> = {
  'binary, constant score': { roc_auc: /same score.*scikit-learn reports 0\.5/ },
  'binary, one class in y_true': { roc_auc: /no rows of class "1"/, average_precision: /no rows of class "1"/ },
  '3 classes, one absent from y_true': { roc_auc: /class "c"/, average_precision: /class "c"/ },
};

/** The same metric through the scikit-learn-named function, to hold the public functions to the fixture too. */
function namedFunction(c: ClassificationCase, name: string): Metric {
  const probabilities = Float64Array.from(c.probabilities);
  const positive = c.positive_label ?? undefined;
  const binary = { average: 'binary', positiveLabel: positive } as const;
  const [measure, average] = name.split('_') as [string, 'macro' | 'weighted' | undefined];
  const averaging = average === undefined ? binary : { average };
  switch (measure) {
    case 'precision':
      return precisionScore(c.y_true, c.y_pred, c.classes, averaging);
    case 'recall':
      return recallScore(c.y_true, c.y_pred, c.classes, averaging);
    case 'f1':
      return f1Score(c.y_true, c.y_pred, c.classes, averaging);
  }
  switch (name) {
    case 'accuracy':
      return accuracyScore(c.y_true, c.y_pred, c.classes);
    case 'balanced_accuracy':
      return balancedAccuracyScore(c.y_true, c.y_pred, c.classes);
    case 'roc_auc':
      return rocAucScore(c.y_true, probabilities, c.classes, positive);
    case 'average_precision':
      return averagePrecisionScore(c.y_true, probabilities, c.classes, positive);
    case 'log_loss':
      return logLoss(c.y_true, probabilities, c.classes);
    case 'brier_score':
      return brierScoreLoss(c.y_true, probabilities, c.classes, positive);
    case 'expected_calibration_error':
      return { value: expectedCalibrationError(c.y_true, probabilities, c.classes).expectedCalibrationError };
    case 'selection_rate': {
      const predictedPositive = c.y_pred.filter((label) => String(label) === String(positive ?? c.classes[1])).length;
      return { value: predictedPositive / c.y_pred.length };
    }
  }
  throw new Error(`no function for ${name}`);
}

describe.each(fixture.classification)('$name', (c) => {
  const evaluation = evaluationOf(c);
  const report = evaluation.report();
  const undefinedHere = UNDEFINED_HERE[c.name] ?? {};

  it('predicts the most probable class, ties to the first, as numpy argmax', () => {
    expect(Array.from(evaluation.predictions)).toEqual(Array.from(encodeLabels(c.y_pred, c.classes)));
  });

  it('reports exactly the documented metric names, none NaN', () => {
    expect(Object.keys(report.metrics).sort()).toEqual(Object.keys(c.expected.metrics).sort());
    for (const [name, metric] of Object.entries(report.metrics)) {
      expect(Number.isNaN(metric.value), name).toBe(false);
    }
  });

  it('agrees with scikit-learn on every scalar metric', () => {
    for (const [name, expected] of Object.entries(c.expected.metrics)) {
      if (name in undefinedHere) {
        expectUndefined(report.metrics[name], name, undefinedHere[name]);
        expectUndefined(namedFunction(c, name), `${name} (function)`, undefinedHere[name]);
      } else {
        expectMetric(report.metrics[name], expected, name);
        expectMetric(namedFunction(c, name), expected, `${name} (function)`);
      }
    }
  });

  it('agrees on the confusion matrix and the per-class table', () => {
    expect(report.confusionMatrix).toEqual(c.expected.confusion_matrix);
    expect(confusionMatrix(c.y_true, c.y_pred, c.classes)).toEqual(c.expected.confusion_matrix);
    const reference = c.expected.per_class;
    for (const table of [report.perClass, precisionRecallFscoreSupport(c.y_true, c.y_pred, c.classes)]) {
      table.forEach((row, k) => {
        expect(row.label).toBe(c.classes[k]);
        expectClose(row.precision, reference.precision[k], `precision[${k}]`);
        expectClose(row.recall, reference.recall[k], `recall[${k}]`);
        expectClose(row.f1, reference.f1[k], `f1[${k}]`);
        expect(row.support).toBe(reference.support[k]);
      });
    }
  });

  it('agrees with the numpy reliability table bin by bin', () => {
    const reference = c.expected.reliability;
    expectClose(report.reliability!.expectedCalibrationError, reference.value, 'ece');
    expect(report.reliability!.bins).toHaveLength(fixture.ece_bins);
    report.reliability!.bins.forEach((bin, j) => {
      const expected = reference.bins[j];
      expect(bin.count, `bin ${j} count`).toBe(expected.count);
      if (expected.confidence === null) {
        expect(bin.confidence).toBeNull();
        expect(bin.accuracy).toBeNull();
      } else {
        expectClose(bin.confidence, expected.confidence, `bin ${j} confidence`);
        expectClose(bin.accuracy, expected.accuracy!, `bin ${j} accuracy`);
      }
    });
  });
});

describe('zero division', () => {
  it('counts a never-predicted class as precision 0 and says so, as scikit-learn', () => {
    const c = fixture.classification.find((x) => x.name === '5 classes, one never predicted')!;
    const metrics = evaluationOf(c).metrics();
    expect(metrics.precision_macro.reason).toMatch(/class "5" was never predicted.*zero_division='warn'/);
    expect(metrics.recall_macro.reason).toBeUndefined();
  });

  it('gives a binary precision of 0 with a reason when nothing is predicted positive', () => {
    const m = precisionScore([0, 1, 1, 0], [0, 0, 0, 0], [0, 1], { average: 'binary' });
    expect(m).toEqual({ value: 0, reason: expect.stringMatching(/never predicted/) });
    expect(recallScore([0, 1, 1, 0], [0, 0, 0, 0], [0, 1], { average: 'binary' })).toEqual({ value: 0 });
  });
});

describe('labels only', () => {
  it('measures the label metrics and explains each missing probability metric', () => {
    const classes: Label[] = ['a', 'b', 'c'];
    const evaluation = new ClassificationEvaluation({
      classes,
      labels: encodeLabels(['a', 'b', 'c', 'a'], classes),
      predictions: encodeLabels(['a', 'b', 'b', 'a'], classes),
    });
    const metrics = evaluation.metrics();
    expect(metrics.accuracy.value).toBe(0.75);
    for (const name of ['roc_auc', 'average_precision', 'log_loss', 'brier_score', 'expected_calibration_error']) {
      expectUndefined(metrics[name], name, /no class probabilities/);
    }
    expect(evaluation.report().reliability).toBeNull();
    expectUndefined(evaluation.curves('a') as Metric, 'curves', /no class probabilities/);
  });
});

describe('log loss clipping', () => {
  it('clips to the float64 epsilon (scikit-learn 1.2 eps="auto"): a certain wrong answer costs -ln(2^-52)', () => {
    const m = logLoss([1, 0], Float64Array.of(1, 0, 0, 1), [0, 1]);
    expect(m.value).toBeCloseTo(-Math.log(Number.EPSILON), 12);
  });
});
