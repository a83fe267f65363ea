/**
 * Metrics per slice (the rows sharing a value of a slice column) and fairness gaps between slices.
 *
 * Slices smaller than `minSize` rows (MIN_SLICE_SIZE = 30 by default) are listed with their
 * size but not measured, because a metric on a handful of rows is noise that would trip a gate.
 * Missing keys (null or undefined) form one slice of their own, keyed null. Slices come out
 * ordered by key: numbers ascending, then strings by code unit, then null.
 *
 * Fairness gaps are the largest difference between measured slices, max − min:
 * - binary: recall (true positive rate of the positive class) over slices that have positive
 *   rows, precision over slices with rows predicted positive (a ratio with nothing to count is
 *   not a measurement, so those slices are listed in `excluded` rather than counted as 0), and
 *   selection rate (share of rows predicted positive) over every slice;
 * - multiclass: the macro recall and macro precision of each slice (scikit-learn's values,
 *   zero-division counted as 0); and, because the macro average of the per-class selection
 *   rates is always 1/C, the selection-rate gap is the mean over classes of each class's gap in
 *   the share of rows predicted as that class.
 * A gap needs at least two measured slices; otherwise it is null with the reason.
 */

import { averagedMeasure, classTotals, type ClassTotals } from './classification.js';
import type { ClassificationEvaluation, Evaluation } from './evaluation.js';
import { measured, undefinedMetric, type FairnessGapName, type Metric, type MetricValues } from './metric.js';

export type SliceKey = string | number | null;

export const MIN_SLICE_SIZE = 30;

/** One code per row into `keys`. */
export interface EncodedSlices {
  codes: Int32Array;
  keys: SliceKey[];
}

/**
 * Dictionary-encodes slice keys; successive calls share one dictionary, so batches get consistent
 * codes. Strings and numbers are looked up in maps of their own, so the string "1" and the number 1
 * stay two keys without a string being made per row.
 */
export class SliceEncoder {
  readonly keys: SliceKey[] = [];
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();
  private nullCode = -1;

  encode(values: ArrayLike<SliceKey | undefined>): Int32Array {
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const key = values[i] ?? null;
      let code = key === null ? this.nullCode : typeof key === 'string' ? this.byText.get(key) : this.byNumber.get(key);
      if (code === undefined || code < 0) code = this.add(key);
      codes[i] = code;
    }
    return codes;
  }

  private add(key: SliceKey): number {
    const code = this.keys.length;
    this.keys.push(key);
    if (key === null) this.nullCode = code;
    else if (typeof key === 'string') this.byText.set(key, code);
    else this.byNumber.set(key, code);
    return code;
  }
}

export function encodeSliceKeys(values: ArrayLike<SliceKey | undefined>): EncodedSlices {
  const encoder = new SliceEncoder();
  const codes = encoder.encode(values);
  return { codes, keys: encoder.keys };
}

function compareKeys(a: SliceKey, b: SliceKey): number {
  const rank = (k: SliceKey) => (k === null ? 2 : typeof k === 'string' ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

interface Group {
  key: SliceKey;
  rows: Int32Array;
}

/** The row indices of each slice, ordered by key. */
function groupRows(slices: EncodedSlices, rows: number): Group[] {
  if (slices.codes.length !== rows) {
    throw new RangeError(`slice keys cover ${slices.codes.length} rows, the evaluation ${rows}`);
  }
  const sizes = new Int32Array(slices.keys.length);
  for (const code of slices.codes) sizes[code]++;
  const groups = slices.keys.map((key, code) => ({ key, rows: new Int32Array(sizes[code]) }));
  const filled = new Int32Array(slices.keys.length);
  slices.codes.forEach((code, row) => {
    groups[code].rows[filled[code]++] = row;
  });
  return groups.filter((g) => g.rows.length > 0).sort((a, b) => compareKeys(a.key, b.key));
}

function checkMinSize(minSize: number): void {
  if (!Number.isInteger(minSize) || minSize < 1) throw new RangeError(`the minimum slice size must be a positive integer, got ${minSize}`);
}

export interface SliceOptions {
  /** slices with fewer rows are listed but not measured; MIN_SLICE_SIZE by default */
  minSize?: number;
}

export interface SliceMetrics {
  key: SliceKey;
  rows: number;
  metrics: MetricValues;
}

export interface SliceReport {
  minSize: number;
  slices: SliceMetrics[];
  tooSmall: { key: SliceKey; rows: number }[];
}

/** The evaluation's metric suite on each slice of at least `minSize` rows. */
export function sliceMetrics(evaluation: Evaluation, slices: EncodedSlices, options: SliceOptions = {}): SliceReport {
  const minSize = options.minSize ?? MIN_SLICE_SIZE;
  checkMinSize(minSize);
  const report: SliceReport = { minSize, slices: [], tooSmall: [] };
  for (const group of groupRows(slices, evaluation.rows)) {
    if (group.rows.length < minSize) report.tooSmall.push({ key: group.key, rows: group.rows.length });
    else report.slices.push({ key: group.key, rows: group.rows.length, metrics: evaluation.subset(group.rows).metrics() });
  }
  return report;
}

export type FairnessGap = Metric & {
  /** the slices with the highest and the lowest value (absent for the multiclass selection-rate gap) */
  highest?: { key: SliceKey; value: number };
  lowest?: { key: SliceKey; value: number };
  /** measured slices left out because the measure is undefined in them */
  excluded: SliceKey[];
};

interface SliceValue {
  key: SliceKey;
  value: number | null;
}

function gapOf(values: SliceValue[], measure: string, minSize: number): FairnessGap {
  const measuredSlices = values.filter((v): v is { key: SliceKey; value: number } => v.value !== null);
  const excluded = values.filter((v) => v.value === null).map((v) => v.key);
  if (measuredSlices.length < 2) {
    return {
      ...undefinedMetric(`fewer than two slices of at least ${minSize} rows with a defined ${measure}`),
      excluded,
    };
  }
  let highest = measuredSlices[0];
  let lowest = measuredSlices[0];
  for (const v of measuredSlices) {
    if (v.value > highest.value) highest = v;
    if (v.value < lowest.value) lowest = v;
  }
  return { ...measured(highest.value - lowest.value), highest, lowest, excluded };
}

function sliceTotals(evaluation: ClassificationEvaluation, group: Group): ClassTotals {
  const classCount = evaluation.classes.length;
  const counts = new Float64Array(classCount * classCount);
  for (const row of group.rows) counts[evaluation.labels[row] * classCount + evaluation.predictions[row]] += 1;
  return classTotals(counts, classCount);
}

/** Gaps between slices in recall, precision and selection rate (see the module comment). */
export function fairnessGaps(
  evaluation: ClassificationEvaluation,
  slices: EncodedSlices,
  options: SliceOptions = {},
): Record<FairnessGapName, FairnessGap> {
  const minSize = options.minSize ?? MIN_SLICE_SIZE;
  checkMinSize(minSize);
  const groups = groupRows(slices, evaluation.rows).filter((g) => g.rows.length >= minSize);
  const totals = groups.map((g) => sliceTotals(evaluation, g));
  const per = (value: (t: ClassTotals) => number | null): SliceValue[] =>
    groups.map((g, s) => ({ key: g.key, value: value(totals[s]) }));
  const positive = evaluation.positive;
  if (positive !== null) {
    return {
      recall_gap: gapOf(per((t) => (t.support[positive] > 0 ? t.correct[positive] / t.support[positive] : null)), 'recall', minSize),
      precision_gap: gapOf(
        per((t) => (t.predicted[positive] > 0 ? t.correct[positive] / t.predicted[positive] : null)),
        'precision',
        minSize,
      ),
      selection_rate_gap: gapOf(per((t) => t.predicted[positive] / t.rows), 'selection rate', minSize),
    };
  }
  const classes = evaluation.classes;
  return {
    recall_gap: gapOf(per((t) => averagedMeasure(t, classes, 'recall', 'macro').value), 'macro recall', minSize),
    precision_gap: gapOf(per((t) => averagedMeasure(t, classes, 'precision', 'macro').value), 'macro precision', minSize),
    selection_rate_gap: multiclassSelectionGap(groups, totals, classes.length, minSize),
  };
}

function multiclassSelectionGap(groups: Group[], totals: ClassTotals[], classCount: number, minSize: number): FairnessGap {
  if (groups.length < 2) {
    return { ...undefinedMetric(`fewer than two slices of at least ${minSize} rows`), excluded: [] };
  }
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    let highest = -Infinity;
    let lowest = Infinity;
    for (const t of totals) {
      const rate = t.predicted[k] / t.rows;
      highest = Math.max(highest, rate);
      lowest = Math.min(lowest, rate);
    }
    sum += highest - lowest;
  }
  return {
    ...measured(sum / classCount, 'mean over classes of the largest difference between slices in the share of rows predicted as that class'),
    excluded: [],
  };
}
