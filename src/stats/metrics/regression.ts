/**
 * Regression metrics, as scikit-learn computes them:
 *
 * - rmse: sqrt(mean((y − ŷ)²)) (`mean_squared_error(squared=False)`)
 * - mae: mean(|y − ŷ|)
 * - r2: 1 − Σ(y − ŷ)² / Σ(y − ȳ)². Undefined when y_true is constant (scikit-learn's
 *   `force_finite` reports 1.0 or 0.0 there instead).
 * - mape: mean(|y − ŷ| / max(|y|, eps)) with eps = the float64 machine epsilon, so a zero target
 *   with a wrong prediction contributes |ŷ| · 2^52: the value is then dominated by those rows,
 *   and a reason says how many there were. This is scikit-learn's definition; it is a fraction,
 *   not a percentage.
 * - median_absolute_error: the median of |y − ŷ|, the mean of the two middle values for an even
 *   count, as numpy.median.
 *
 * With multiplicities (a bootstrap resample) every metric equals its value on the rows repeated
 * that many times; the errors are sorted once and the median found by a walk over them.
 */

import { requireFinite, requireRows, requireSameLength } from './input.js';
import { measured, undefinedMetric, type Metric } from './metric.js';

export class RegressionRows {
  readonly yTrue: Float64Array;
  readonly yPred: Float64Array;
  readonly absoluteErrors: Float64Array;
  private sortedByError: Int32Array | undefined;

  constructor(yTrue: Float64Array, yPred: Float64Array) {
    this.yTrue = yTrue;
    this.yPred = yPred;
    this.absoluteErrors = new Float64Array(yTrue.length);
    for (let i = 0; i < yTrue.length; i++) this.absoluteErrors[i] = Math.abs(yPred[i] - yTrue[i]);
  }

  get rows(): number {
    return this.yTrue.length;
  }

  private errorOrder(): Int32Array {
    if (this.sortedByError === undefined) {
      const errors = this.absoluteErrors;
      this.sortedByError = Int32Array.from({ length: errors.length }, (_, i) => i).sort((a, b) => errors[a] - errors[b]);
    }
    return this.sortedByError;
  }

  metrics(multiplicities?: Uint32Array): Record<string, Metric> {
    const { yTrue, absoluteErrors } = this;
    const weight = (i: number) => (multiplicities === undefined ? 1 : multiplicities[i]);
    let count = 0;
    let squared = 0;
    let absolute = 0;
    let percentage = 0;
    let targetSum = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    let zeroTargetsMissed = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const m = weight(i);
      if (m === 0) continue;
      const y = yTrue[i];
      const error = absoluteErrors[i];
      count += m;
      squared += m * error * error;
      absolute += m * error;
      percentage += (m * error) / Math.max(Math.abs(y), Number.EPSILON);
      targetSum += m * y;
      if (y < lowest) lowest = y;
      if (y > highest) highest = y;
      if (y === 0 && error !== 0) zeroTargetsMissed += m;
    }
    const mean = targetSum / count;
    let total = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const m = weight(i);
      if (m !== 0) total += m * (yTrue[i] - mean) * (yTrue[i] - mean);
    }
    return {
      rmse: measured(Math.sqrt(squared / count)),
      mae: measured(absolute / count),
      r2:
        lowest === highest
          ? undefinedMetric(
              'y_true is constant, so R² has no variance to explain (scikit-learn reports 1.0 for perfect predictions and 0.0 otherwise)',
            )
          : measured(1 - squared / total),
      mape: measured(
        percentage / count,
        zeroTargetsMissed > 0
          ? `y_true is 0 in ${zeroTargetsMissed} row(s) predicted otherwise: those rows are divided by machine epsilon, as scikit-learn does, and dominate the value`
          : undefined,
      ),
      median_absolute_error: measured(this.medianError(count, multiplicities)),
    };
  }

  private medianError(count: number, multiplicities?: Uint32Array): number {
    const order = this.errorOrder();
    const errors = this.absoluteErrors;
    const lowerRank = Math.floor((count - 1) / 2);
    const upperRank = Math.floor(count / 2);
    if (multiplicities === undefined) return (errors[order[lowerRank]] + errors[order[upperRank]]) / 2;
    let seen = 0;
    let lower = NaN;
    for (let j = 0; j < order.length; j++) {
      const row = order[j];
      seen += multiplicities[row];
      if (Number.isNaN(lower) && seen > lowerRank) lower = errors[row];
      if (seen > upperRank) return (lower + errors[row]) / 2;
    }
    throw new Error('median rank beyond the resample: the multiplicities do not add up to the row count');
  }
}

/** Checked rows: same length, at least one, every value finite. */
export function regressionRows(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, what: string): RegressionRows {
  requireSameLength(yTrue, yPred, 'y_true', 'y_pred');
  requireRows(yTrue.length, what);
  requireFinite(yTrue, 'y_true');
  requireFinite(yPred, 'y_pred');
  const asFloat64 = (values: ArrayLike<number>) => (values instanceof Float64Array ? values : Float64Array.from(values));
  return new RegressionRows(asFloat64(yTrue), asFloat64(yPred));
}

/** `mean_squared_error(y_true, y_pred, squared=False)` */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metric {
  return regressionRows(yTrue, yPred, 'rmse').metrics().rmse;
}

/** `mean_absolute_error(y_true, y_pred)` */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metric {
  return regressionRows(yTrue, yPred, 'mae').metrics().mae;
}

/** `r2_score(y_true, y_pred)`, null where y_true is constant */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metric {
  return regressionRows(yTrue, yPred, 'r2').metrics().r2;
}

/** `mean_absolute_percentage_error(y_true, y_pred)` */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metric {
  return regressionRows(yTrue, yPred, 'mape').metrics().mape;
}

/** `median_absolute_error(y_true, y_pred)` */
export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metric {
  return regressionRows(yTrue, yPred, 'median_absolute_error').metrics().median_absolute_error;
}
