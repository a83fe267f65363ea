import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/errors.js';
import {
  accuracyScore,
  averagePrecisionScore,
  bootstrap,
  brierScoreLoss,
  calibrationCurve,
  ClassificationAccumulator,
  ClassificationEvaluation,
  confusionMatrix,
  encodeLabels,
  expandBinaryProbabilities,
  expectedCalibrationError,
  logLoss,
  meanAbsoluteError,
  medianAbsoluteError,
  precisionRecallCurve,
  r2Score,
  RegressionAccumulator,
  RegressionEvaluation,
  rocAucScore,
  rocCurve,
  rootMeanSquaredError,
} from '../../../src/stats/metrics/index.js';

const NO_ROWS = /there are no rows to evaluate/;

describe('empty input', () => {
  const none = new Float64Array(0);
  it.each([
    ['accuracy', () => accuracyScore([], [], [0, 1])],
    ['confusion_matrix', () => confusionMatrix([], [], [0, 1])],
    ['roc_auc', () => rocAucScore([], none, [0, 1])],
    ['average_precision', () => averagePrecisionScore([], none, [0, 1])],
    ['log_loss', () => logLoss([], none, [0, 1])],
    ['brier_score', () => brierScoreLoss([], none, [0, 1])],
    ['expected_calibration_error', () => expectedCalibrationError([], none, [0, 1])],
    ['calibration_curve', () => calibrationCurve([], none, 1)],
    ['roc_curve', () => rocCurve([], none, 1)],
    ['precision_recall_curve', () => precisionRecallCurve([], none, 1)],
    ['rmse', () => rootMeanSquaredError([], [])],
    ['mae', () => meanAbsoluteError([], [])],
    ['r2', () => r2Score([], [])],
    ['median_absolute_error', () => medianAbsoluteError([], [])],
    ['ClassificationEvaluation', () => new ClassificationEvaluation({ classes: [0, 1], labels: new Int32Array(0), probabilities: none })],
    ['RegressionEvaluation', () => new RegressionEvaluation({ yTrue: [], yPred: [] })],
    ['ClassificationAccumulator', () => new ClassificationAccumulator({ classes: [0, 1] }).report()],
    ['ClassificationAccumulator without rows', () => new ClassificationAccumulator({ classes: [0, 1], keepRows: false }).report()],
    ['RegressionAccumulator', () => new RegressionAccumulator().report()],
  ])('%s throws a DataError that says there is nothing to evaluate', (_, call) => {
    expect(call).toThrow(DataError);
    expect(call).toThrow(NO_ROWS);
  });
});

describe('bad data', () => {
  it('names the row and class of a probability that is not one', () => {
    expect(() => logLoss(['a', 'b'], Float64Array.of(0.5, 0.5, -0.1, 1.1), ['a', 'b'])).toThrow(
      /^row 2: the predicted probability of class "a" is -0\.1, not a number in \[0, 1\]/,
    );
    expect(() => logLoss([0], Float64Array.of(NaN, 1), [0, 1])).toThrow(DataError);
  });

  it('names the row of a label the model does not know', () => {
    expect(() => encodeLabels(['cat', 'dog', 'cow'], ['cat', 'dog'])).toThrow(/^row 3: label "cow" is not one of the model's classes/);
  });

  it('matches labels by their string form and refuses classes that collide', () => {
    expect(Array.from(encodeLabels(['1', 0, '0', 1], [0, 1]))).toEqual([1, 0, 0, 1]);
    const many = Array.from({ length: 12 }, (_, k) => (k % 2 === 0 ? k : `c${k}`));
    expect(Array.from(encodeLabels([10, '10', 'c11', 0, 'c1', 0], many))).toEqual([10, 10, 11, 0, 1, 0]);
    expect(() => encodeLabels([2, 'c3', 12], many)).toThrow(/^row 3: label "12" is not one of the model's classes/);
    expect(() => encodeLabels([1], [1, '1'])).toThrow(/listed twice/);
    expect(() => encodeLabels([1], [1])).toThrow(/at least two classes/);
  });

  it('treats misuse of the API as a RangeError, not a data problem', () => {
    expect(() => accuracyScore([0, 1], [0], [0, 1])).toThrow(RangeError);
    expect(() => new ClassificationEvaluation({ classes: [0, 1], labels: Int32Array.of(0, 2), predictions: Int32Array.of(0, 0) })).toThrow(
      /labels\[1\] = 2 is not a class index below 2/,
    );
    expect(() => new ClassificationEvaluation({ classes: [0, 1], labels: Int32Array.of(0) })).toThrow(/probabilities, predictions or both/);
    expect(() => rocAucScore([0, 1], Float64Array.of(0.5, 0.5), [0, 1])).toThrow(/not 2 rows × 2 classes/);
  });
});

describe('undefined cases are null with a reason, never NaN', () => {
  it('a constant prediction', () => {
    const classes = ['no', 'yes'];
    const probabilities = expandBinaryProbabilities(new Float64Array(20).fill(0.3), 1);
    const labels = Int32Array.from({ length: 20 }, (_, i) => (i < 5 ? 1 : 0));
    const evaluation = new ClassificationEvaluation({ classes, labels, probabilities, positiveLabel: 'yes' });
    const metrics = evaluation.metrics();
    expect(metrics.roc_auc).toEqual({ value: null, reason: expect.stringMatching(/same score for class "yes"/) });
    expect(metrics.average_precision.value).toBe(0.25);
    expect(metrics.precision).toEqual({ value: 0, reason: expect.stringMatching(/never predicted/) });
    for (const interval of Object.values(bootstrap(evaluation, { resamples: 20 }))) {
      expect(Number.isNaN(interval.interval?.lower)).toBe(false);
    }
    expect(JSON.stringify(evaluation.report())).not.toMatch(/NaN|null,"reason":undefined/);
  });

  it('a single class in y_true, multiclass', () => {
    const classes = [0, 1, 2];
    const probabilities = Float64Array.of(0.6, 0.3, 0.1, 0.2, 0.5, 0.3);
    const evaluation = new ClassificationEvaluation({ classes, labels: Int32Array.of(1, 1), probabilities });
    const metrics = evaluation.metrics();
    expect(metrics.roc_auc.value).toBeNull();
    expect(metrics.roc_auc.reason).toMatch(/class "0": no rows of class "0".*class "1": every row is of class "1"/);
    expect(metrics.average_precision.value).toBeNull();
    for (const metric of Object.values(metrics)) expect(Number.isNaN(metric.value)).toBe(false);
  });

  it('one row', () => {
    const evaluation = new ClassificationEvaluation({ classes: [0, 1], labels: Int32Array.of(1), probabilities: Float64Array.of(0.2, 0.8) });
    const metrics = evaluation.metrics();
    expect(metrics.accuracy.value).toBe(1);
    expect(metrics.roc_auc.value).toBeNull();
    for (const metric of Object.values(metrics)) expect(Number.isNaN(metric.value)).toBe(false);
  });
});

describe('expandBinaryProbabilities', () => {
  it('puts the positive probability in its column and the complement in the other', () => {
    expect(Array.from(expandBinaryProbabilities([0.25, 1], 1))).toEqual([0.75, 0.25, 0, 1]);
    expect(Array.from(expandBinaryProbabilities([0.25], 0))).toEqual([0.25, 0.75]);
  });
});
