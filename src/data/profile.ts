import type { ColumnType } from '../contracts/data-contract.js';
import type { ColumnProfile, DataProfile, FileFingerprint, NumericSummary } from '../contracts/data-profile.js';
import { FrequentItems, HyperLogLog, KllSketch, Moments } from '../stats/sketch/index.js';
import { ValueStatus, type ColumnData } from './batch.js';
import { combinedFingerprint } from './reader.js';

/** Quantiles every numeric column reports; drift-check and the contract inference read them. */
export const PROFILE_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
export const HISTOGRAM_BINS = 20;
export const FREQUENT_VALUES_KEPT = 20;
const KLL_K = 200;
const HLL_PRECISION = 12;
const FREQUENT_CAPACITY = 256;

const numericTypes = new Set<ColumnType>(['integer', 'number', 'timestamp']);
const textTypes = new Set<ColumnType>(['string', 'category']);

/**
 * Accumulates one column's profile from batches, in memory that does not depend on the number of
 * rows: exact counts and moments, a KLL sketch for quantiles and the histogram, HyperLogLog for
 * the distinct count, Misra–Gries for the frequent values. Profiles of shards merge through the
 * same sketches, so profiling shards on many runners and merging gives the profile of the whole.
 */
export class ColumnProfiler {
  count = 0;
  missing = 0;
  invalid = 0;
  readonly moments = new Moments();
  readonly quantiles = new KllSketch(KLL_K);
  readonly distinct = new HyperLogLog(HLL_PRECISION);
  readonly frequent: FrequentItems | undefined;
  minLength = Number.POSITIVE_INFINITY;
  maxLength = 0;

  constructor(
    readonly name: string,
    readonly type: ColumnType,
  ) {
    this.frequent = numericTypes.has(type) ? undefined : new FrequentItems(FREQUENT_CAPACITY);
  }

  /** Adds a batch; `column` is undefined when the file lacks the column, and its rows count as missing. */
  add(column: ColumnData | undefined, rows: number): void {
    if (column === undefined) {
      this.missing += rows;
      return;
    }
    if (column.kind === 'number') this.addNumbers(column.values, column.status, rows);
    else this.addStrings(column.values, column.invalidText, rows);
  }

  private addNumbers(values: Float64Array, status: Uint8Array, rows: number): void {
    const { moments, quantiles, distinct } = this;
    if (this.type === 'boolean') {
      let trues = 0;
      let falses = 0;
      for (let i = 0; i < rows; i++) {
        if (status[i] === ValueStatus.valid) {
          if (values[i] === 1) trues++;
          else falses++;
        } else if (status[i] === ValueStatus.missing) this.missing++;
        else this.invalid++;
      }
      if (trues > 0) {
        this.frequent!.add('true', trues);
        distinct.addNumber(1);
      }
      if (falses > 0) {
        this.frequent!.add('false', falses);
        distinct.addNumber(0);
      }
      this.count += trues + falses;
      return;
    }
    for (let i = 0; i < rows; i++) {
      const state = status[i];
      if (state === ValueStatus.valid) {
        const value = values[i];
        moments.add(value);
        quantiles.update(value);
        distinct.addNumber(value);
      } else if (state === ValueStatus.missing) this.missing++;
      else this.invalid++;
    }
    this.count = moments.count;
  }

  private addStrings(values: (string | null)[], invalidText: Map<number, string>, rows: number): void {
    const { distinct } = this;
    const frequent = this.frequent!;
    const invalid = invalidText.size;
    let missing = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i];
      if (value === null) {
        missing++;
        continue;
      }
      frequent.add(value);
      distinct.addString(value);
      const length = value.length;
      if (length < this.minLength) this.minLength = length;
      if (length > this.maxLength) this.maxLength = length;
    }
    this.invalid += invalid;
    this.missing += missing - invalid;
    this.count += rows - missing;
  }

  merge(other: ColumnProfiler): void {
    this.count += other.count;
    this.missing += other.missing;
    this.invalid += other.invalid;
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    this.distinct.merge(other.distinct);
    if (this.frequent && other.frequent) this.frequent.merge(other.frequent);
    this.minLength = Math.min(this.minLength, other.minLength);
    this.maxLength = Math.max(this.maxLength, other.maxLength);
  }

  toProfile(): ColumnProfile {
    return {
      name: this.name,
      type: this.type,
      count: this.count,
      missing: this.missing,
      invalid: this.invalid,
      numeric: numericTypes.has(this.type) && this.moments.count > 0 ? this.numericSummary() : null,
      distinct: { estimate: Math.round(this.distinct.estimate()), sketch: this.distinct.toState() },
      frequent: this.frequent
        ? { values: this.frequent.top(FREQUENT_VALUES_KEPT), sketch: this.frequent.toState() }
        : null,
      length: textTypes.has(this.type) && this.count > 0 ? { min: this.minLength, max: this.maxLength } : null,
    };
  }

  private numericSummary(): NumericSummary {
    const { moments, quantiles } = this;
    return {
      min: moments.min,
      max: moments.max,
      mean: moments.mean,
      variance: moments.variance,
      quantiles: PROFILE_QUANTILES.map((quantile) => ({ quantile, value: quantiles.quantile(quantile) })),
      histogram: histogramFromSketch(quantiles, moments.min, moments.max),
      sketch: quantiles.toState(),
    };
  }

  static fromProfile(profile: ColumnProfile): ColumnProfiler {
    const profiler = new ColumnProfiler(profile.name, profile.type);
    profiler.count = profile.count;
    profiler.missing = profile.missing;
    profiler.invalid = profile.invalid;
    if (profile.numeric) {
      const { min, max, mean, variance, sketch } = profile.numeric;
      profiler.moments.merge(Moments.from({ count: profile.count, mean, variance, min, max }));
      profiler.quantiles.merge(KllSketch.fromState(sketch));
    }
    profiler.distinct.merge(HyperLogLog.fromState(profile.distinct.sketch));
    if (profile.frequent && profiler.frequent) profiler.frequent.merge(FrequentItems.fromState(profile.frequent.sketch));
    if (profile.length) {
      profiler.minLength = profile.length.min;
      profiler.maxLength = profile.length.max;
    }
    return profiler;
  }
}

/** Equal-width bins between min and max, with counts read off the quantile sketch's CDF. */
function histogramFromSketch(sketch: KllSketch, min: number, max: number): NumericSummary['histogram'] {
  if (min === max) return { edges: [min, max], counts: [sketch.n] };
  const width = (max - min) / HISTOGRAM_BINS;
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => (i === HISTOGRAM_BINS ? max : min + i * width));
  const inner = edges.slice(1, -1);
  const below = sketch.cdf(inner);
  const counts: number[] = [];
  let previous = 0;
  for (let i = 0; i < HISTOGRAM_BINS; i++) {
    const cumulative = i < inner.length ? below[i] : 1;
    counts.push(Math.max(0, Math.round((cumulative - previous) * sketch.n)));
    previous = cumulative;
  }
  return { edges, counts };
}

export function buildProfile(columns: ColumnProfiler[], files: FileFingerprint[]): DataProfile {
  return {
    format: 'ghml.data-profile/v1',
    rows: files.reduce((sum, file) => sum + file.rows, 0),
    files,
    fingerprint: combinedFingerprint(files),
    columns: columns.map((column) => column.toProfile()),
  };
}
