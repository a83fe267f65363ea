import { readFile } from 'node:fs/promises';
import { DataContract, type ColumnContract } from '../contracts/data-contract.js';
import { DataProfile, type ColumnProfile } from '../contracts/data-profile.js';
import { loadDocument } from '../contracts/load.js';
import { ConfigurationError } from '../errors.js';
import { HttpError } from '../serve/http.js';
import { OutputIncident, type ServedVersion } from '../serve/served-model.js';
import type { SmokeAnswer } from './serve-admin.js';

/**
 * The smoke test: a handful of rows through the new version, every answer checked. The rows are
 * the ones given (smoke-rows), else drawn from the version's data profile (the training data's
 * quantiles and most frequent values, so every row is one the model has seen the like of), else
 * made from its data contract (the middle of each range, the first allowed value).
 */

export interface SmokeRows {
  rows: Record<string, unknown>[];
  source: string;
}

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

function nearestQuantile(column: ColumnProfile, q: number): number | undefined {
  const quantiles = column.numeric?.quantiles ?? [];
  if (quantiles.length === 0) return undefined;
  return quantiles.reduce((best, entry) => (Math.abs(entry.quantile - q) < Math.abs(best.quantile - q) ? entry : best)).value;
}

function fromProfile(profile: DataProfile, features: string[]): Record<string, unknown>[] | null {
  const columns = features.map((name) => profile.columns.find((column) => column.name === name));
  if (columns.some((column) => column === undefined)) return null;
  return QUANTILES.map((q, i) => {
    const row: Record<string, unknown> = {};
    for (const column of columns as ColumnProfile[]) {
      if (column.type === 'timestamp') {
        const value = nearestQuantile(column, q);
        row[column.name] = value === undefined ? null : new Date(value).toISOString();
      } else if (column.type === 'boolean' || column.type === 'string' || column.type === 'category') {
        const values = column.frequent?.values ?? [];
        const value = values.length === 0 ? null : values[i % values.length].value;
        row[column.name] = column.type === 'boolean' && value !== null ? value === 'true' : value;
      } else {
        const value = nearestQuantile(column, q);
        row[column.name] = value === undefined ? null : column.type === 'integer' ? Math.round(value) : value;
      }
    }
    return row;
  });
}

function contractValue(column: ColumnContract): unknown {
  if (column['allowed-values']) return column['allowed-values'][0];
  if (column.type === 'boolean') return false;
  if (column.type === 'string' || column.type === 'category') return 'x';
  if (column.type === 'timestamp') return typeof column.min === 'string' ? column.min : '2020-01-01T00:00:00Z';
  const min = typeof column.min === 'number' ? column.min : undefined;
  const max = typeof column.max === 'number' ? column.max : undefined;
  const middle = min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max ?? 0);
  return column.type === 'integer' ? Math.round(middle) : middle;
}

function fromContract(contract: DataContract, features: string[]): Record<string, unknown>[] | null {
  const columns = features.map((name) => contract.columns.find((column) => column.name === name));
  if (columns.some((column) => column === undefined)) return null;
  return [Object.fromEntries((columns as ColumnContract[]).map((column) => [column.name, contractValue(column)]))];
}

async function fromFile(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new ConfigurationError(`smoke rows "${file}" cannot be read: check the path given to smoke-rows`, { input: 'smoke-rows' });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    } catch (error) {
      throw new ConfigurationError(`smoke rows "${file}" are neither JSON nor JSON Lines (${(error as Error).message})`, { input: 'smoke-rows' });
    }
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown })?.rows;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    throw new ConfigurationError(`smoke rows "${file}" must hold a list of row objects, as [{"feature": value}] or {"rows": [...]} or one object per line`, { input: 'smoke-rows' });
  }
  return rows as Record<string, unknown>[];
}

export async function smokeRows(options: { file?: string; profileFile: string | null; contract: DataContract | null; features: string[]; label: string }): Promise<SmokeRows> {
  if (options.file) return { rows: await fromFile(options.file), source: options.file };
  if (options.profileFile) {
    const profile = await loadDocument(options.profileFile, DataProfile, 'data profile', 'model');
    const rows = fromProfile(profile, options.features);
    if (rows) return { rows, source: `${options.label}'s data profile (quantiles ${QUANTILES.join(', ')})` };
  }
  if (options.contract) {
    const rows = fromContract(options.contract, options.features);
    if (rows) return { rows, source: `${options.label}'s data contract` };
  }
  throw new ConfigurationError(`${options.label} has no data profile or contract describing its features (${options.features.join(', ')}), so there are no rows to smoke-test it with: give smoke-rows`, { input: 'smoke-rows' });
}

/** What is wrong with a smoke answer, or null: every row answered, labels among the classes, probabilities that sum to 1. */
export function smokeProblem(answer: SmokeAnswer, rows: number, classes: readonly (string | number)[] | null): string | null {
  if (answer.status !== 200) return `the server answered ${answer.status}: ${answer.error ?? 'no reason given'}`;
  if (!answer.predictions || answer.predictions.length !== rows) return `the server answered ${answer.predictions?.length ?? 'no'} predictions for ${rows} rows`;
  for (const [i, prediction] of answer.predictions.entries()) {
    if (classes && !classes.map(String).includes(String(prediction.label))) return `row ${i}: label ${JSON.stringify(prediction.label)} is not one of ${classes.join(', ')}`;
    const probabilities = prediction.probabilities as Record<string, unknown> | undefined;
    if (probabilities) {
      const values = Object.values(probabilities);
      if (!values.every((value) => typeof value === 'number' && value >= 0 && value <= 1)) return `row ${i}: probabilities outside [0, 1]`;
      const sum = (values as number[]).reduce((total, value) => total + value, 0);
      if (Math.abs(sum - 1) > 1e-3) return `row ${i}: probabilities sum to ${sum}`;
    }
    if ('prediction' in prediction && !Number.isFinite(prediction.prediction)) return `row ${i}: prediction ${JSON.stringify(prediction.prediction)} is not a finite number`;
  }
  return null;
}

/** The smoke test on this machine, with ONNX Runtime, before the version goes anywhere. */
export async function localSmokeProblem(version: ServedVersion, rows: Record<string, unknown>[]): Promise<string | null> {
  try {
    const prediction = await version.predict(version.prepareRows({ rows }));
    return smokeProblem({ status: 200, version: version.version, predictions: JSON.parse(version.rowsResponse(prediction, 'smoke')).predictions, error: null }, rows.length, version.classes);
  } catch (error) {
    if (error instanceof HttpError) return `the smoke rows do not fit the model: ${error.message}`;
    if (error instanceof OutputIncident) return `the model gave no valid answer: ${error.message}`;
    throw error;
  }
}
