import type { ColumnType } from '../contracts/data-contract.js';
import type { ColumnProfile, DataProfile } from '../contracts/data-profile.js';
import { decodingFor, valueAt, ValueStatus, type ColumnData, type ColumnPlan } from '../data/batch.js';
import { combinedFingerprint, readerFor } from '../data/reader.js';
import { DataError } from '../errors.js';
import { FrequentItems, KllSketch, Moments } from '../stats/sketch/index.js';

/**
 * One side (reference or current) of one column, summarized for drift tests. Exact samples keep
 * every numeric value (tests such as KS need them all); sketch samples keep a KLL sketch, so their
 * memory is constant. Categorical columns keep exact counts per category either way.
 */

/** Beyond this many distinct categories a column is free text, not a distribution worth testing. */
export const MAX_CATEGORIES = 10_000;
const KLL_K = 200;

const numericTypes = new Set<ColumnType>(['integer', 'number', 'timestamp']);

export class ColumnSample {
  count = 0;
  missing = 0;
  invalid = 0;
  /** Every valid value, for exact tests; undefined on the sketch path. */
  private buffer: Float64Array | undefined;
  readonly sketch = new KllSketch(KLL_K);
  readonly moments = new Moments();
  /** Category counts (categorical types), or for numeric columns while they have at most 5 distinct values. */
  counts: Map<string, number> | undefined = new Map();
  tooManyCategories = false;
  /** True when counts or values were rebuilt from a profile's sketches rather than read. */
  approximate = false;

  constructor(
    readonly name: string,
    readonly type: ColumnType,
    exact: boolean,
  ) {
    if (exact && this.numeric) this.buffer = new Float64Array(1024);
  }

  get numeric(): boolean {
    return numericTypes.has(this.type);
  }

  /** The exact values (a view, valid until the next add), or undefined on the sketch path. */
  get values(): Float64Array | undefined {
    return this.buffer?.subarray(0, this.count);
  }

  add(column: ColumnData | undefined, rows: number): void {
    if (column === undefined) {
      this.missing += rows;
      return;
    }
    if (column.kind === 'number') this.addNumbers(column.values, column.status, rows);
    else this.addStrings(column.values, column.invalidText.size, rows);
  }

  private addNumbers(values: Float64Array, status: Uint8Array, rows: number): void {
    if (!this.numeric) {
      // Booleans arrive as 0/1; they are categories here.
      for (let i = 0; i < rows; i++) {
        if (status[i] === ValueStatus.valid) this.countCategory(values[i] === 1 ? 'true' : 'false');
        else if (status[i] === ValueStatus.missing) this.missing++;
        else this.invalid++;
      }
      return;
    }
    let buffer = this.buffer;
    for (let i = 0; i < rows; i++) {
      const state = status[i];
      if (state !== ValueStatus.valid) {
        if (state === ValueStatus.missing) this.missing++;
        else this.invalid++;
        continue;
      }
      const value = values[i];
      if (buffer) {
        if (this.count === buffer.length) {
          const larger = new Float64Array(buffer.length * 2);
          larger.set(buffer);
          buffer = this.buffer = larger;
        }
        buffer[this.count] = value;
      }
      this.count++;
      this.sketch.update(value);
      this.moments.add(value);
      const counts = this.counts;
      if (counts) {
        const key = String(value);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        // Evidently treats a numeric column with at most 5 distinct values as categorical; keep counting until it has more.
        if (counts.size > 5) this.counts = undefined;
      }
    }
  }

  private addStrings(values: (string | null)[], invalid: number, rows: number): void {
    let missing = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i];
      if (value === null) missing++;
      else this.countCategory(value);
    }
    this.invalid += invalid;
    this.missing += missing - invalid;
  }

  private countCategory(value: string): void {
    this.count++;
    const counts = this.counts;
    if (!counts) return;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > MAX_CATEGORIES) {
      this.counts = undefined;
      this.tooManyCategories = true;
    }
  }

  /** Rebuilds a reference side from a saved profile: sketches for numbers, frequent-value counts for categories. */
  static fromProfile(profile: ColumnProfile): ColumnSample {
    const sample = new ColumnSample(profile.name, profile.type, false);
    sample.count = profile.count;
    sample.missing = profile.missing;
    sample.invalid = profile.invalid;
    sample.approximate = true;
    if (profile.numeric) {
      const { min, max, mean, variance, sketch } = profile.numeric;
      sample.sketch.merge(KllSketch.fromState(sketch));
      sample.moments.merge(Moments.from({ count: profile.count, mean, variance, min, max }));
      sample.counts = undefined;
    } else if (profile.frequent) {
      const frequent = FrequentItems.fromState(profile.frequent.sketch);
      const counts = new Map<string, number>();
      let kept = 0;
      for (const { value, count } of frequent.top(Number.MAX_SAFE_INTEGER)) {
        counts.set(value, count);
        kept += count;
      }
      // Values the sketch dropped are pooled into one category rather than lost.
      if (kept < profile.count) counts.set('(other values)', profile.count - kept);
      sample.counts = counts;
      sample.approximate = frequent.maxError > 0;
    }
    return sample;
  }
}

/**
 * How well predictions matched labels, on rows that have both: accuracy for categorical labels,
 * mean absolute error for numeric ones. Where labels arrive, this is what concept drift moves.
 */
export class PerformanceTally {
  rows = 0;
  /** Matches (categorical) or the sum of absolute errors (numeric). */
  private total = 0;

  constructor(readonly metric: 'accuracy' | 'mae') {}

  add(prediction: ColumnData | undefined, label: ColumnData | undefined, rows: number): void {
    if (!prediction || !label) return;
    for (let i = 0; i < rows; i++) {
      const predicted = valueAt(prediction, i);
      const actual = valueAt(label, i);
      if (predicted === null || actual === null) continue;
      this.rows++;
      this.total += this.metric === 'accuracy' ? Number(predicted === actual) : Math.abs(Number(predicted) - Number(actual));
    }
  }

  get value(): number | null {
    return this.rows > 0 ? this.total / this.rows : null;
  }
}

export interface SampledDataset {
  rows: number;
  fingerprint: string;
  files: string[];
  columns: Map<string, ColumnSample>;
  /** Present when prediction and label columns were named and the data has both. */
  performance: PerformanceTally | null;
}

/** Reads data files into per-column samples, decoding each column as `types` says. */
export async function sampleData(
  files: string[],
  types: Map<string, ColumnType>,
  exact: boolean,
  roles: { prediction?: string; label?: string } = {},
): Promise<SampledDataset> {
  const plan: ColumnPlan[] = [...types].map(([name, type]) => ({ name, decoding: decodingFor(type) }));
  const samples = plan.map((column) => new ColumnSample(column.name, types.get(column.name)!, exact));
  const predictionIndex = plan.findIndex((c) => c.name === roles.prediction);
  const labelIndex = plan.findIndex((c) => c.name === roles.label);
  const labelType = labelIndex >= 0 ? types.get(plan[labelIndex].name) : undefined;
  const performance =
    predictionIndex >= 0 && labelIndex >= 0 ? new PerformanceTally(labelType === 'integer' || labelType === 'number' ? 'mae' : 'accuracy') : null;
  const seen = new Set<string>();
  const fingerprints = [];
  for (const file of files) {
    const { reader, fingerprint } = readerFor(file);
    try {
      await reader.open();
      for (const name of reader.columns) seen.add(name);
      for await (const batch of reader.batches(plan, () => {})) {
        for (let c = 0; c < plan.length; c++) samples[c].add(batch.columns[c], batch.rows);
        performance?.add(batch.columns[predictionIndex], batch.columns[labelIndex], batch.rows);
      }
      fingerprints.push(await fingerprint());
    } finally {
      await reader.close();
    }
  }
  const columns = new Map<string, ColumnSample>();
  samples.forEach((sample) => {
    if (seen.has(sample.name)) columns.set(sample.name, sample);
  });
  return {
    rows: fingerprints.reduce((sum, f) => sum + f.rows, 0),
    fingerprint: combinedFingerprint(fingerprints),
    files,
    columns,
    performance: performance && performance.rows > 0 ? performance : null,
  };
}

export function sampleProfile(profile: DataProfile, source: string): SampledDataset {
  const columns = new Map<string, ColumnSample>();
  for (const column of profile.columns) {
    try {
      columns.set(column.name, ColumnSample.fromProfile(column));
    } catch (error) {
      throw new DataError(`column "${column.name}": ${(error as Error).message}: write the profile again with validate-data`, { file: source });
    }
  }
  return { rows: profile.rows, fingerprint: profile.fingerprint, files: profile.files.map((f) => f.path), columns, performance: null };
}
