import { MAX_AGE_UNITS, type ColumnContract, type DataContract } from '../contracts/data-contract.js';
import type { DataProfile, FileFingerprint } from '../contracts/data-profile.js';
import type { ExampleRow, ExpectationKind, Finding, ValidationReport } from '../contracts/validation-report.js';
import { DataError } from '../errors.js';
import { parseDuration } from '../io/duration.js';
import { decodingFor, ValueStatus, type Batch, type ColumnData, type ColumnPlan } from './batch.js';
import { buildProfile, ColumnProfiler } from './profile.js';
import { combinedFingerprint, readerFor } from './reader.js';
import { DistinctTracker, RowKeyHasher } from './unique.js';

export const DEFAULT_MAX_EXAMPLES = 5;

export interface ValidateOptions {
  files: string[];
  contract: DataContract;
  /** Example rows kept per failed expectation. */
  maxExamples?: number;
  /** The time freshness is measured against; now by default. */
  now?: Date;
}

export interface ValidateResult {
  report: ValidationReport;
  profile: DataProfile;
}

interface Tally {
  expectation: ExpectationKind;
  severity: Finding['severity'];
  column: string | null;
  expected: string;
  failures: number;
  examples: ExampleRow[];
  messages: string[];
}

/** Collects row-level failures per expectation and column, keeping counts and a few examples. */
class Findings {
  private readonly tallies = new Map<string, Tally>();
  readonly dataset: Finding[] = [];

  constructor(private readonly maxExamples: number) {}

  row(expectation: ExpectationKind, column: string | null, expected: string, file: string, row: number, value: string | null, message?: string): void {
    const key = `${expectation}\u0000${column ?? ''}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { expectation, severity: 'error', column, expected, failures: 0, examples: [], messages: [] };
      this.tallies.set(key, tally);
    }
    tally.failures++;
    if (tally.examples.length < this.maxExamples) {
      tally.examples.push({ file, row, value });
      if (message !== undefined) tally.messages.push(message);
    }
  }

  add(finding: Omit<Finding, 'examples' | 'failures'> & { failures?: number }): void {
    this.dataset.push({ failures: 0, examples: [], ...finding });
  }

  all(): Finding[] {
    const rowFindings = [...this.tallies.values()].map(
      (tally): Finding => ({
        expectation: tally.expectation,
        severity: tally.severity,
        column: tally.column,
        expected: tally.expected,
        observed: `${tally.failures} row${tally.failures === 1 ? '' : 's'} failed`,
        failures: tally.failures,
        examples: tally.examples,
        message: rowMessage(tally),
      }),
    );
    return [...this.dataset, ...rowFindings];
  }
}

function rowMessage(tally: Tally): string {
  const where = tally.column === null ? '' : `column "${tally.column}": `;
  const first = tally.examples[0];
  const example = first ? ` (first: ${first.file} row ${first.row}${first.value === null ? '' : `, value ${JSON.stringify(first.value)}`})` : '';
  const detail = tally.messages[0] ? `; ${tally.messages[0]}` : '';
  return `${where}${tally.failures} row${tally.failures === 1 ? '' : 's'} broke "${tally.expectation}": expected ${tally.expected}${example}${detail}`;
}

function formatValue(column: ColumnContract, value: number): string {
  if (column.type === 'timestamp') return new Date(value).toISOString();
  if (column.type === 'boolean') return value === 1 ? 'true' : 'false';
  return String(value);
}

function boundValue(column: ColumnContract, bound: number | string): number {
  return typeof bound === 'number' ? bound : Date.parse(bound);
}

/** The row-level expectations of one column, compiled once and run over every batch. */
class ColumnChecker {
  private readonly min: number | undefined;
  private readonly max: number | undefined;
  private readonly allowedNumbers: Set<number> | undefined;
  private readonly allowedStrings: Set<string> | undefined;
  private readonly pattern: RegExp | undefined;
  private readonly unique: DistinctTracker | undefined;
  readonly evaluated: number;

  constructor(
    readonly contract: ColumnContract,
    private readonly findings: Findings,
  ) {
    const c = contract;
    this.min = c.min === undefined ? undefined : boundValue(c, c.min);
    this.max = c.max === undefined ? undefined : boundValue(c, c.max);
    const allowed = c['allowed-values'];
    if (allowed && (c.type === 'string' || c.type === 'category')) this.allowedStrings = new Set(allowed.map(String));
    else if (allowed) this.allowedNumbers = new Set(allowed.map((v) => (typeof v === 'boolean' ? Number(v) : (v as number))));
    this.pattern = c.pattern === undefined ? undefined : new RegExp(`^(?:${c.pattern})$`, 'u');
    this.unique = c.unique ? new DistinctTracker() : undefined;
    this.evaluated =
      2 +
      Number(!c.nullable) +
      Number(c['max-missing'] !== undefined) +
      Number(this.min !== undefined) +
      Number(this.max !== undefined) +
      Number(allowed !== undefined) +
      Number(this.pattern !== undefined) +
      Number(c.unique) +
      Number(c.mean !== undefined) +
      Number(c.stddev !== undefined) +
      (c.quantiles?.length ?? 0);
  }

  check(data: ColumnData, batch: Batch, file: string): void {
    const c = this.contract;
    const name = c.name;
    const findings = this.findings;
    if (data.kind === 'number') {
      const { values, status } = data;
      for (let i = 0; i < batch.rows; i++) {
        const state = status[i];
        if (state === ValueStatus.missing) {
          if (!c.nullable) findings.row('nullable', name, 'a value (the column is not nullable)', file, batch.firstRow + i, null);
          continue;
        }
        if (state === ValueStatus.invalid) {
          findings.row('type', name, `a valid ${c.type}`, file, batch.firstRow + i, data.invalidText.get(i) ?? null);
          continue;
        }
        const value = values[i];
        if (this.min !== undefined && value < this.min) findings.row('min', name, `at least ${formatValue(c, this.min)}`, file, batch.firstRow + i, formatValue(c, value));
        if (this.max !== undefined && value > this.max) findings.row('max', name, `at most ${formatValue(c, this.max)}`, file, batch.firstRow + i, formatValue(c, value));
        if (this.allowedNumbers && !this.allowedNumbers.has(value)) {
          findings.row('allowed-values', name, `one of ${c['allowed-values']!.join(', ')}`, file, batch.firstRow + i, formatValue(c, value));
        }
        if (this.unique && !this.unique.addNumber(value)) findings.row('unique', name, 'no repeated value', file, batch.firstRow + i, formatValue(c, value));
      }
      return;
    }
    const { values, invalidText } = data;
    for (let i = 0; i < batch.rows; i++) {
      const value = values[i];
      if (value === null) {
        const invalid = invalidText.get(i);
        if (invalid !== undefined) findings.row('type', name, `a valid ${c.type}`, file, batch.firstRow + i, invalid);
        else if (!c.nullable) findings.row('nullable', name, 'a value (the column is not nullable)', file, batch.firstRow + i, null);
        continue;
      }
      if (this.allowedStrings && !this.allowedStrings.has(value)) {
        findings.row('allowed-values', name, `one of ${c['allowed-values']!.join(', ')}`, file, batch.firstRow + i, value);
      }
      if (this.pattern && !this.pattern.test(value)) findings.row('pattern', name, `a match for /${c.pattern}/`, file, batch.firstRow + i, value);
      if (this.unique && !this.unique.addString(value)) findings.row('unique', name, 'no repeated value', file, batch.firstRow + i, value);
    }
  }
}

/** Validates data files against a contract and profiles them, in one streaming pass. */
export async function validateData(options: ValidateOptions): Promise<ValidateResult> {
  const { contract } = options;
  const findings = new Findings(options.maxExamples ?? DEFAULT_MAX_EXAMPLES);
  const plan: ColumnPlan[] = contract.columns.map((column) => ({ name: column.name, decoding: decodingFor(column.type) }));
  const profilers = contract.columns.map((column) => new ColumnProfiler(column.name, column.type));
  const checkers = contract.columns.map((column) => new ColumnChecker(column, findings));
  const primaryKey = contract.dataset['primary-key'];
  const keyHasher = primaryKey ? new RowKeyHasher(primaryKey.map((name) => contract.columns.findIndex((c) => c.name === name))) : undefined;
  const declared = new Set(contract.columns.map((column) => column.name));
  const unexpectedPolicy = contract.dataset['unexpected-columns'];
  const fingerprints: FileFingerprint[] = [];

  for (const file of options.files) {
    const { reader, fingerprint } = readerFor(file);
    try {
      await reader.open();
      for (const column of contract.columns) {
        if (column.required && !reader.columns.includes(column.name)) {
          findings.add({
            expectation: 'required-column',
            severity: 'error',
            column: column.name,
            expected: 'the column to be present',
            observed: `absent from ${file}`,
            message: `column "${column.name}" is required but ${file} does not have it (its columns: ${reader.columns.join(', ')})`,
          });
        }
      }
      for await (const batch of reader.batches(plan, (issue) => findings.row('readable', issue.column, 'well-formed rows', file, issue.row ?? 0, null, issue.message))) {
        for (let c = 0; c < plan.length; c++) {
          const data = batch.columns[c];
          profilers[c].add(data, batch.rows);
          if (data) checkers[c].check(data, batch, file);
        }
        if (keyHasher) {
          keyHasher.check(batch, (row, problem, key) =>
            findings.row('primary-key', primaryKey!.join(', '), 'a unique, complete key', file, batch.firstRow + row, key, problem),
          );
        }
      }
      if (unexpectedPolicy !== 'ignore') {
        for (const name of reader.columns.filter((column) => !declared.has(column))) {
          findings.add({
            expectation: 'unexpected-column',
            severity: unexpectedPolicy === 'error' ? 'error' : 'warning',
            column: name,
            expected: 'only the columns the contract declares',
            observed: `present in ${file}`,
            message: `column "${name}" in ${file} is not in the contract: declare it, or set dataset.unexpected-columns to warn or ignore`,
          });
        }
      }
      fingerprints.push(await fingerprint());
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      findings.add({ expectation: 'readable', severity: 'error', column: null, expected: 'a readable file', observed: error.message, message: error.message });
      fingerprints.push(await fingerprint());
    } finally {
      await reader.close();
    }
  }

  const rows = fingerprints.reduce((sum, f) => sum + f.rows, 0);
  checkDataset(contract, profilers, rows, findings, options.now ?? new Date());
  const all = findings.all();
  const failed = all.filter((f) => f.severity === 'error');
  const evaluated =
    checkers.reduce((sum, c) => sum + c.evaluated, 0) +
    1 +
    Number(unexpectedPolicy !== 'ignore') +
    Number(contract.dataset['row-count'] !== undefined) +
    Number(primaryKey !== undefined) +
    Number(contract.dataset.freshness !== undefined);
  const report: ValidationReport = {
    format: 'ghml.validation-report/v1',
    valid: failed.length === 0,
    contract: contract.name ?? null,
    rows,
    files: fingerprints,
    fingerprint: combinedFingerprint(fingerprints),
    expectations: { evaluated, failed: failed.length, warnings: all.length - failed.length },
    findings: all,
  };
  return { report, profile: buildProfile(profilers, fingerprints) };
}

const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, ''));

function rangeText(range: { min?: number; max?: number }): string {
  if (range.min !== undefined && range.max !== undefined) return `between ${range.min} and ${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  return `at most ${range.max}`;
}

const outside = (value: number, range: { min?: number; max?: number }) =>
  (range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max);

/** Expectations on the whole dataset, read off the profile once every row is in. */
function checkDataset(contract: DataContract, profilers: ColumnProfiler[], rows: number, findings: Findings, now: Date): void {
  const dataset = contract.dataset;
  if (rows === 0) {
    findings.add({
      expectation: 'row-count',
      severity: 'error',
      column: null,
      expected: dataset['row-count'] ? rangeText(dataset['row-count']) : 'at least one row',
      observed: 'no data rows',
      message: 'the data has no rows (a header alone is not a dataset): check that the right file was given',
    });
  } else if (dataset['row-count'] && outside(rows, dataset['row-count'])) {
    findings.add({
      expectation: 'row-count',
      severity: 'error',
      column: null,
      expected: rangeText(dataset['row-count']),
      observed: `${rows} rows`,
      message: `the data has ${rows} rows, expected ${rangeText(dataset['row-count'])}`,
    });
  }
  contract.columns.forEach((column, index) => {
    const profiler = profilers[index];
    const name = column.name;
    const total = profiler.count + profiler.missing + profiler.invalid;
    const maxMissing = column['max-missing'];
    if (maxMissing !== undefined && total > 0 && profiler.missing / total > maxMissing) {
      const share = profiler.missing / total;
      findings.add({
        expectation: 'max-missing',
        severity: 'error',
        column: name,
        expected: `at most ${(maxMissing * 100).toFixed(1)}% missing`,
        observed: `${(share * 100).toFixed(1)}% missing (${profiler.missing} of ${total})`,
        message: `column "${name}": ${(share * 100).toFixed(1)}% of values are missing, more than the ${(maxMissing * 100).toFixed(1)}% allowed`,
      });
    }
    const moments = profiler.moments;
    if (moments.count === 0) return;
    const statistics: [ExpectationKind, { min?: number; max?: number } | undefined, number, string][] = [
      ['mean', column.mean, moments.mean, 'mean'],
      ['stddev', column.stddev, Math.sqrt(moments.variance), 'standard deviation'],
    ];
    for (const [kind, range, value, label] of statistics) {
      if (range && outside(value, range)) {
        findings.add({
          expectation: kind,
          severity: 'error',
          column: name,
          expected: `${label} ${rangeText(range)}`,
          observed: `${label} ${formatNumber(value)}`,
          message: `column "${name}": ${label} is ${formatNumber(value)}, expected ${rangeText(range)}`,
        });
      }
    }
    for (const expectation of column.quantiles ?? []) {
      const value = profiler.quantiles.quantile(expectation.quantile);
      if (outside(value, expectation)) {
        findings.add({
          expectation: 'quantile',
          severity: 'error',
          column: name,
          expected: `quantile ${expectation.quantile} ${rangeText(expectation)}`,
          observed: `quantile ${expectation.quantile} ≈ ${formatNumber(value)}`,
          message: `column "${name}": quantile ${expectation.quantile} is about ${formatNumber(value)}, expected ${rangeText(expectation)}`,
        });
      }
    }
  });
  const freshness = dataset.freshness;
  if (freshness) {
    const index = contract.columns.findIndex((c) => c.name === freshness.column);
    const moments = profilers[index].moments;
    // The contract's schema took only durations in these units.
    const maxAge = parseDuration(freshness['max-age'], MAX_AGE_UNITS)!;
    const newest = moments.count > 0 ? moments.max : undefined;
    if (newest === undefined || now.getTime() - newest > maxAge) {
      const observed = newest === undefined ? 'no timestamps' : `newest ${new Date(newest).toISOString()}`;
      findings.add({
        expectation: 'freshness',
        severity: 'error',
        column: freshness.column,
        expected: `newest value at most ${freshness['max-age']} old (after ${new Date(now.getTime() - maxAge).toISOString()})`,
        observed,
        message: `column "${freshness.column}": data is stale (${observed}), expected a value within ${freshness['max-age']} of ${now.toISOString()}`,
      });
    }
  }
}
