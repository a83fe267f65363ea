import type { Calibration, ClassCurves, Comparison, FairnessGap, SliceResult } from '../contracts/evaluation-report.js';
import {
  bootstrap,
  fairnessGaps,
  FAIRNESS_GAPS,
  metricDirection,
  sliceMetrics,
  type ClassificationEvaluation,
  type DifferenceInterval,
  type EncodedSlices,
  type Evaluation,
  type Interval,
  type Label,
  type MetricName,
  type MetricValues,
  type ReliabilityTable,
} from '../stats/metrics/index.js';

/** The pieces of the evaluation report computed from the metrics core's results. */

/** Points kept of each curve: enough for a chart, little enough for a report. */
export const MAX_CURVE_POINTS = 101;

export interface MetricRecord {
  metrics: Record<string, number | null>;
  reasons: Record<string, string>;
}

export function metricRecord(values: MetricValues): MetricRecord {
  const record: MetricRecord = { metrics: {}, reasons: {} };
  for (const [name, metric] of Object.entries(values)) {
    record.metrics[name] = metric.value;
    if (metric.reason !== undefined) record.reasons[name] = metric.reason;
  }
  return record;
}

export function intervalsOf(evaluation: Evaluation, resamples: number, seed: number): Record<string, Interval | null> {
  if (resamples === 0) return {};
  return Object.fromEntries(Object.entries(bootstrap(evaluation, { resamples, seed })).map(([name, result]) => [name, result.interval]));
}

export function calibrationOf(table: ReliabilityTable | null): Calibration | null {
  return table === null ? null : { expectedCalibrationError: table.expectedCalibrationError, bins: table.bins.map((bin) => ({ ...bin, count: Math.round(bin.count) })) };
}

/**
 * ROC, precision–recall and calibration curves: of the positive class, or of each class
 * one-vs-rest. The evaluation's curvePoints (MAX_CURVE_POINTS) has them downsampled already.
 */
export function curvesOf(evaluation: ClassificationEvaluation): ClassCurves[] | null {
  if (evaluation.probabilities === null) return null;
  const labels: (Label | undefined)[] = evaluation.positive === null ? [...evaluation.classes] : [undefined];
  return labels.map((label) => {
    const curves = evaluation.curves(label).value!;
    const reasons: string[] = [];
    let roc: ClassCurves['roc'] = null;
    if (curves.roc.value === null) reasons.push(`ROC: ${curves.roc.reason}`);
    else roc = { fpr: Array.from(curves.roc.value.fpr), tpr: Array.from(curves.roc.value.tpr), thresholds: Array.from(curves.roc.value.thresholds) };
    let precisionRecall: ClassCurves['precisionRecall'] = null;
    if (curves.precisionRecall.value === null) reasons.push(`precision–recall: ${curves.precisionRecall.reason}`);
    else {
      const { precision, recall, thresholds } = curves.precisionRecall.value;
      precisionRecall = { precision: Array.from(precision), recall: Array.from(recall), thresholds: Array.from(thresholds) };
    }
    const { probPred, probTrue, counts } = curves.calibration;
    return {
      label: curves.label,
      roc,
      precisionRecall,
      calibration: { probPred: Array.from(probPred), probTrue: Array.from(probTrue), counts: Array.from(counts) },
      reason: reasons.length > 0 ? reasons.join('; ') : null,
    };
  });
}

export interface SliceParts {
  slices: SliceResult[];
  fairness: FairnessGap[];
  /** Per gap, the largest over the slice columns: what a threshold on recall_gap bounds. */
  gaps: MetricRecord;
}

/** The metric suite per slice of each slice column, and for classification the fairness gaps. */
export function slicesOf(evaluation: Evaluation, keysOf: (column: string) => EncodedSlices, columns: readonly string[], minSize: number): SliceParts {
  const parts: SliceParts = { slices: [], fairness: [], gaps: { metrics: {}, reasons: {} } };
  const classification = 'classes' in evaluation ? (evaluation as ClassificationEvaluation) : null;
  for (const column of columns) {
    const keys = keysOf(column);
    const report = sliceMetrics(evaluation, keys, { minSize });
    parts.slices.push({
      column,
      minSize: report.minSize,
      slices: report.slices.map((slice) => ({ key: slice.key, rows: slice.rows, metrics: metricRecord(slice.metrics).metrics })),
      tooSmall: report.tooSmall,
    });
    if (classification === null) continue;
    const gaps = fairnessGaps(classification, keys, { minSize });
    for (const metric of FAIRNESS_GAPS) {
      const gap = gaps[metric];
      parts.fairness.push({
        metric,
        column,
        value: gap.value,
        reason: gap.reason ?? null,
        highest: gap.value === null ? null : gap.highest ?? null,
        lowest: gap.value === null ? null : gap.lowest ?? null,
        excluded: gap.excluded,
      });
    }
  }
  for (const metric of FAIRNESS_GAPS) {
    const perColumn = parts.fairness.filter((gap) => gap.metric === metric);
    if (perColumn.length === 0) continue;
    const measured = perColumn.filter((gap) => gap.value !== null);
    if (measured.length === 0) {
      parts.gaps.metrics[metric] = null;
      parts.gaps.reasons[metric] = perColumn.map((gap) => `${gap.column}: ${gap.reason}`).join('; ');
    } else {
      const largest = measured.reduce((a, b) => (b.value! > a.value! ? b : a));
      parts.gaps.metrics[metric] = largest.value;
      if (perColumn.length > 1) parts.gaps.reasons[metric] = `the largest over the slice columns: ${largest.column}`;
    }
  }
  return parts;
}


function betterSide(metric: string, difference: number | null): Comparison['better'] {
  if (difference === null || difference === 0) return 'neither';
  const direction = metricDirection(metric as MetricName);
  if (direction === 'neither') return 'neither';
  return (direction === 'higher') === difference > 0 ? 'challenger' : 'champion';
}

/** challenger − champion for every metric both have, with the paired interval when there is one. */
export function compareMetrics(challenger: MetricRecord, champion: MetricRecord, paired: Record<string, DifferenceInterval> | null): Comparison[] {
  const rows: Comparison[] = [];
  for (const [metric, value] of Object.entries(challenger.metrics)) {
    if (!(metric in champion.metrics)) continue;
    const championValue = champion.metrics[metric];
    const difference = value === null || championValue === null ? null : value - championValue;
    const reason =
      value === null ? `the challenger's ${metric} is undefined: ${challenger.reasons[metric]}` : championValue === null ? `the champion's ${metric} is undefined: ${champion.reasons[metric]}` : null;
    const interval = paired?.[metric];
    rows.push({
      metric,
      champion: championValue,
      challenger: value,
      difference,
      interval: interval?.interval ?? null,
      significant: interval?.excludesZero ?? false,
      better: betterSide(metric, difference),
      reason: reason ?? interval?.reason ?? null,
    });
  }
  return rows;
}
