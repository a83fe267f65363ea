import { describe, expect, it } from 'vitest';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  medianAbsoluteError,
  r2Score,
  REGRESSION_METRICS,
  RegressionEvaluation,
  rootMeanSquaredError,
  type Metric,
} from '../../../src/stats/metrics/index.js';
import { expectMetric, expectUndefined, fixture } from './reference.js';

const FUNCTIONS: Record<string, (yTrue: number[], yPred: number[]) => Metric> = {
  rmse: rootMeanSquaredError,
  mae: meanAbsoluteError,
  r2: r2Score,
  mape: meanAbsolutePercentageError,
  median_absolute_error: medianAbsoluteError,
};

describe.each(fixture.regression)('$name', (c) => {
  const metrics = new RegressionEvaluation({ yTrue: c.y_true, yPred: c.y_pred }).metrics();

  it('reports the documented metrics in order', () => {
    expect(Object.keys(metrics)).toEqual([...REGRESSION_METRICS]);
  });

  it.each(Object.keys(FUNCTIONS))('%s agrees with scikit-learn', (name) => {
    if (c.name === 'constant target' && name === 'r2') {
      expect(c.expected.r2).toBe(0);
      expectUndefined(metrics.r2, 'r2', /y_true is constant.*scikit-learn reports/);
      expectUndefined(FUNCTIONS.r2(c.y_true, c.y_pred), 'r2 (function)');
      return;
    }
    expectMetric(metrics[name], c.expected[name], name);
    expectMetric(FUNCTIONS[name](c.y_true, c.y_pred), c.expected[name], `${name} (function)`);
  });
});

describe('mape with zero targets', () => {
  it('divides by machine epsilon as scikit-learn does, and says how many rows did it', () => {
    const metrics = new RegressionEvaluation({ yTrue: [0, 0, 2], yPred: [0, 1, 1] }).metrics();
    expect(metrics.mape.value).toBe((1 / Number.EPSILON + 0.5) / 3);
    expect(metrics.mape.reason).toMatch(/y_true is 0 in 1 row/);
    expect(meanAbsolutePercentageError([1, 2], [1, 3]).reason).toBeUndefined();
  });
});

describe('a single row', () => {
  it('has every metric but R², which needs variance in y_true', () => {
    const metrics = new RegressionEvaluation({ yTrue: [2], yPred: [3] }).metrics();
    expect(metrics.rmse.value).toBe(1);
    expect(metrics.median_absolute_error.value).toBe(1);
    expectUndefined(metrics.r2, 'r2');
  });
});
