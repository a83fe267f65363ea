/**
 * Metrics of predicted labels, all from one confusion matrix: accuracy, balanced accuracy,
 * precision, recall, F1 (binary, macro, weighted) and the per-class table.
 *
 * Zero division follows scikit-learn's `zero_division='warn'`: a ratio with a zero denominator
 * is 0. Such a value is still a number (the gate can use it), but it carries a reason saying it
 * is a convention. Macro averages run over the classes present in y_true or in the predictions,
 * as scikit-learn does when `labels` is not given: a class absent from both says nothing about
 * the model and would only pull the average towards 0.
 */

import { encodeLabels, positiveClassIndex, requireRows, requireSameLength, type Label } from './input.js';
import { measured, type Metric } from './metric.js';

/**
 * counts[t * C + p]: the rows of true class t predicted as p, each counted `multiplicities[row]`
 * times when given (a bootstrap resample), once otherwise.
 */
export function confusionCounts(
  labels: Int32Array,
  predictions: Int32Array,
  classCount: number,
  multiplicities?: Uint32Array,
): Float64Array {
  const counts = new Float64Array(classCount * classCount);
  if (multiplicities === undefined) {
    for (let i = 0; i < labels.length; i++) counts[labels[i] * classCount + predictions[i]] += 1;
  } else {
    for (let i = 0; i < labels.length; i++) counts[labels[i] * classCount + predictions[i]] += multiplicities[i];
  }
  return counts;
}

/** Row and column sums of a confusion matrix. */
export interface ClassTotals {
  rows: number;
  /** true positives per class (the diagonal) */
  correct: Float64Array;
  /** rows predicted as each class */
  predicted: Float64Array;
  /** rows of each class in y_true */
  support: Float64Array;
}

export function classTotals(counts: Float64Array, classCount: number): ClassTotals {
  const correct = new Float64Array(classCount);
  const predicted = new Float64Array(classCount);
  const support = new Float64Array(classCount);
  let rows = 0;
  for (let t = 0; t < classCount; t++) {
    for (let p = 0; p < classCount; p++) {
      const c = counts[t * classCount + p];
      support[t] += c;
      predicted[p] += c;
      rows += c;
    }
    correct[t] = counts[t * classCount + t];
  }
  return { rows, correct, predicted, support };
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

function classPrecision(totals: ClassTotals, k: number): number {
  return ratio(totals.correct[k], totals.predicted[k]);
}

function classRecall(totals: ClassTotals, k: number): number {
  return ratio(totals.correct[k], totals.support[k]);
}

/** 2·TP / (2·TP + FP + FN), which is 2PR / (P + R) wherever that is defined, and 0 where it is not. */
function classF1(totals: ClassTotals, k: number): number {
  return ratio(2 * totals.correct[k], totals.predicted[k] + totals.support[k]);
}

function accuracyOf(totals: ClassTotals): number {
  let correct = 0;
  for (let k = 0; k < totals.correct.length; k++) correct += totals.correct[k];
  return correct / totals.rows;
}

/** The mean recall over the classes present in y_true (scikit-learn drops the others). */
function balancedAccuracyOf(totals: ClassTotals): number {
  let sum = 0;
  let present = 0;
  for (let k = 0; k < totals.support.length; k++) {
    if (totals.support[k] > 0) {
      sum += totals.correct[k] / totals.support[k];
      present++;
    }
  }
  return sum / present;
}

const MEASURES = { precision: classPrecision, recall: classRecall, f1: classF1 } as const;
type MeasureName = keyof typeof MEASURES;

function isZeroDivision(totals: ClassTotals, measure: MeasureName, k: number): boolean {
  if (measure === 'precision') return totals.predicted[k] === 0;
  if (measure === 'recall') return totals.support[k] === 0;
  return totals.predicted[k] + totals.support[k] === 0;
}

function zeroDivisionReason(measure: MeasureName, labels: readonly string[]): string {
  const why =
    measure === 'precision'
      ? 'never predicted'
      : measure === 'recall'
        ? 'absent from y_true'
        : 'absent from y_true and never predicted';
  const subject = labels.length === 1 ? `class ${labels[0]} was` : `classes ${labels.join(', ')} were`;
  return `${measure} counted as 0 where ${subject} ${why} (scikit-learn's zero_division='warn')`;
}

function isPresent(totals: ClassTotals, k: number): boolean {
  return totals.support[k] > 0 || totals.predicted[k] > 0;
}

/** Macro (unweighted mean over present classes) or weighted (by support) average of a per-class measure. */
export function averagedMeasure(
  totals: ClassTotals,
  classes: readonly Label[],
  measure: MeasureName,
  average: 'macro' | 'weighted',
): Metric {
  const perClass = MEASURES[measure];
  let sum = 0;
  let weight = 0;
  const conventional: string[] = [];
  for (let k = 0; k < classes.length; k++) {
    if (!isPresent(totals, k)) continue;
    const w = average === 'macro' ? 1 : totals.support[k];
    if (w === 0) continue;
    sum += w * perClass(totals, k);
    weight += w;
    if (isZeroDivision(totals, measure, k)) conventional.push(JSON.stringify(String(classes[k])));
  }
  return measured(sum / weight, conventional.length > 0 ? zeroDivisionReason(measure, conventional) : undefined);
}

/** A per-class measure of the positive class, as scikit-learn's `average='binary'`. */
function binaryMeasure(totals: ClassTotals, classes: readonly Label[], measure: MeasureName, positive: number): Metric {
  const reason = isZeroDivision(totals, measure, positive)
    ? zeroDivisionReason(measure, [JSON.stringify(String(classes[positive]))])
    : undefined;
  return measured(MEASURES[measure](totals, positive), reason);
}

/**
 * The label metrics of one confusion matrix: for two classes the positive class's precision,
 * recall, F1 and selection rate (share of rows predicted positive); for more, macro and
 * weighted averages.
 */
export function countMetrics(counts: Float64Array, classes: readonly Label[], positive: number | null): Record<string, Metric> {
  const totals = classTotals(counts, classes.length);
  const out: Record<string, Metric> = {
    accuracy: measured(accuracyOf(totals)),
    balanced_accuracy: measured(balancedAccuracyOf(totals)),
  };
  if (positive !== null) {
    for (const name of ['precision', 'recall', 'f1'] as const) out[name] = binaryMeasure(totals, classes, name, positive);
    out.selection_rate = measured(totals.predicted[positive] / totals.rows);
  } else {
    for (const average of ['macro', 'weighted'] as const) {
      for (const name of ['precision', 'recall', 'f1'] as const) {
        out[`${name}_${average}`] = averagedMeasure(totals, classes, name, average);
      }
    }
  }
  return out;
}

export interface PerClassMetrics {
  label: Label;
  /** 0 when the class was never predicted */
  precision: number;
  /** 0 when the class is absent from y_true */
  recall: number;
  f1: number;
  /** rows of this class in y_true */
  support: number;
  /** rows predicted as this class */
  predicted: number;
}

export function perClassMetrics(counts: Float64Array, classes: readonly Label[]): PerClassMetrics[] {
  const totals = classTotals(counts, classes.length);
  return classes.map((label, k) => ({
    label,
    precision: classPrecision(totals, k),
    recall: classRecall(totals, k),
    f1: classF1(totals, k),
    support: totals.support[k],
    predicted: totals.predicted[k],
  }));
}

/** counts as a nested array, rows the true classes and columns the predicted ones (scikit-learn's layout). */
export function confusionRows(counts: Float64Array, classCount: number): number[][] {
  return Array.from({ length: classCount }, (_, t) => Array.from(counts.subarray(t * classCount, (t + 1) * classCount)));
}

// ---------------------------------------------------------------- scikit-learn-named functions

function countsOf(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[], what: string): Float64Array {
  requireSameLength(yTrue, yPred, 'y_true', 'y_pred');
  requireRows(yTrue.length, what);
  return confusionCounts(encodeLabels(yTrue, classes), encodeLabels(yPred, classes), classes.length);
}

/** `confusion_matrix(y_true, y_pred, labels=classes)` */
export function confusionMatrix(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[]): number[][] {
  return confusionRows(countsOf(yTrue, yPred, classes, 'confusion_matrix'), classes.length);
}

/** `accuracy_score(y_true, y_pred)` */
export function accuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[]): Metric {
  return measured(accuracyOf(classTotals(countsOf(yTrue, yPred, classes, 'accuracy'), classes.length)));
}

/** `balanced_accuracy_score(y_true, y_pred)` */
export function balancedAccuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[]): Metric {
  return measured(balancedAccuracyOf(classTotals(countsOf(yTrue, yPred, classes, 'balanced_accuracy'), classes.length)));
}

export type Averaging = { average: 'binary'; positiveLabel?: Label } | { average: 'macro' | 'weighted' };

function averagedScore(
  measure: MeasureName,
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  classes: readonly Label[],
  averaging: Averaging,
): Metric {
  const totals = classTotals(countsOf(yTrue, yPred, classes, measure), classes.length);
  if (averaging.average === 'binary') {
    return binaryMeasure(totals, classes, measure, positiveClassIndex(classes, averaging.positiveLabel));
  }
  return averagedMeasure(totals, classes, measure, averaging.average);
}

/** `precision_score(y_true, y_pred, average=..., pos_label=..., zero_division='warn')` */
export function precisionScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[], averaging: Averaging): Metric {
  return averagedScore('precision', yTrue, yPred, classes, averaging);
}

/** `recall_score(y_true, y_pred, average=..., pos_label=..., zero_division='warn')` */
export function recallScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[], averaging: Averaging): Metric {
  return averagedScore('recall', yTrue, yPred, classes, averaging);
}

/** `f1_score(y_true, y_pred, average=..., pos_label=..., zero_division='warn')` */
export function f1Score(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, classes: readonly Label[], averaging: Averaging): Metric {
  return averagedScore('f1', yTrue, yPred, classes, averaging);
}

/** `precision_recall_fscore_support(y_true, y_pred, labels=classes, average=None)`, one entry per class. */
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  classes: readonly Label[],
): PerClassMetrics[] {
  return perClassMetrics(countsOf(yTrue, yPred, classes, 'precision_recall_fscore_support'), classes);
}
