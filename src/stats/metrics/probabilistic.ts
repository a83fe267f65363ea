/**
 * Scores of the probabilities themselves: log loss and the Brier score.
 *
 * Both are means of a per-row loss, so the per-row losses are computed once and a bootstrap
 * resample only re-weights them.
 *
 * - log_loss follows scikit-learn 1.2 (the version the fixtures were recorded with): every
 *   probability is clipped to [eps, 1 - eps] with eps = the float64 machine epsilon (2^-52,
 *   scikit-learn's `eps='auto'` for float64 input; before 1.2 the default was 1e-15), the row is
 *   renormalised to sum to 1, and the row's loss is -ln(p_true / row sum). Probabilities are held
 *   as float64 here, so a float32 model output gets float64's epsilon, as it would in
 *   scikit-learn after converting to float64.
 * - brier_score for two classes is `brier_score_loss(y_true == positive, P[:, positive])`,
 *   mean((1{y = positive} - p)^2). For more classes it is the mean over rows of the squared
 *   distance to the one-hot truth, summed over classes and not halved. scikit-learn 1.2 refuses
 *   multiclass targets; from 1.7 its `brier_score_loss` with an [N, C] matrix computes this same
 *   unhalved sum. Note the two-class value is half what the multiclass formula would give on the
 *   same two columns.
 */

import { encodeLabels, positiveClassIndex, requireProbabilities, requireRows, type Label } from './input.js';
import { measured, type Metric } from './metric.js';

/** scikit-learn's `eps='auto'` for float64 probabilities: numpy.finfo(float64).eps. */
export const LOG_LOSS_EPSILON = Number.EPSILON;

/** Row i's log loss: its true class's clipped probability over the row's clipped sum. */
export function rowLogLoss(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number, i: number): number {
  const eps = LOG_LOSS_EPSILON;
  const upper = 1 - eps;
  const base = i * classCount;
  let sum = 0;
  for (let k = 0; k < classCount; k++) sum += Math.min(Math.max(probabilities[base + k], eps), upper);
  const truth = Math.min(Math.max(probabilities[base + labels[i]], eps), upper);
  return -Math.log(truth / sum);
}

/** Row i's squared error; `positive` selects the two-class form, null the multiclass sum. */
export function rowBrier(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number, positive: number | null, i: number): number {
  const base = i * classCount;
  const label = labels[i];
  // Number(boolean), not a conditional: whether a class is the true one is a branch no processor predicts.
  if (positive !== null) {
    const error = Number(label === positive) - probabilities[base + positive];
    return error * error;
  }
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    const error = Number(label === k) - probabilities[base + k];
    sum += error * error;
  }
  return sum;
}

/** The sums of the per-row log losses and squared errors, added to in row order: batch by batch or all at once, the same sums. */
export class LossSums {
  logLoss = 0;
  brier = 0;

  /** Adds rows × classCount probabilities with their true classes; `positive` as for `rowBrier`. */
  addRows(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number, positive: number | null): void {
    let { logLoss, brier } = this;
    for (let i = 0; i < labels.length; i++) {
      logLoss += rowLogLoss(labels, probabilities, classCount, i);
      brier += rowBrier(labels, probabilities, classCount, positive, i);
    }
    this.logLoss = logLoss;
    this.brier = brier;
  }
}

export function logLossPerRow(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number): Float64Array {
  const losses = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) losses[i] = rowLogLoss(labels, probabilities, classCount, i);
  return losses;
}

export function brierPerRow(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number, positive: number | null): Float64Array {
  const losses = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) losses[i] = rowBrier(labels, probabilities, classCount, positive, i);
  return losses;
}

/** The mean of `values` with row i counted multiplicities[i] times (once each without them). */
export function weightedMean(values: Float64Array, multiplicities?: Uint32Array): number {
  let sum = 0;
  if (multiplicities === undefined) {
    for (let i = 0; i < values.length; i++) sum += values[i];
    return sum / values.length;
  }
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const m = multiplicities[i];
    if (m !== 0) {
      sum += m * values[i];
      count += m;
    }
  }
  return sum / count;
}

function checked(yTrue: ArrayLike<Label>, probabilities: ArrayLike<number>, classes: readonly Label[], what: string): Int32Array {
  requireRows(yTrue.length, what);
  const labels = encodeLabels(yTrue, classes);
  requireProbabilities(probabilities, labels.length, classes);
  return labels;
}

/** `log_loss(y_true, P, labels=classes)` with scikit-learn 1.2's default eps for float64. */
export function logLoss(yTrue: ArrayLike<Label>, probabilities: ArrayLike<number>, classes: readonly Label[]): Metric {
  const labels = checked(yTrue, probabilities, classes, 'log_loss');
  return measured(weightedMean(logLossPerRow(labels, probabilities, classes.length)));
}

/** `brier_score_loss` for two classes, the unhalved multiclass sum for more (see above). */
export function brierScoreLoss(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  classes: readonly Label[],
  positiveLabel?: Label,
): Metric {
  const labels = checked(yTrue, probabilities, classes, 'brier_score');
  const positive = classes.length === 2 ? positiveClassIndex(classes, positiveLabel) : null;
  return measured(weightedMean(brierPerRow(labels, probabilities, classes.length, positive)));
}
