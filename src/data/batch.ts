import type { ColumnType } from '../contracts/data-contract.js';

/**
 * Readers yield columnar batches. Typed columns arrive already parsed into a Float64Array, so the
 * profile and the checks run over typed arrays and no per-value objects are made on the hot path.
 */

/** How a reader decodes a column: numbers (integer, number, timestamp as epoch ms, boolean as 0/1) or strings. */
export type Decoding = 'integer' | 'number' | 'timestamp' | 'boolean' | 'string';

export function decodingFor(type: ColumnType): Decoding {
  return type === 'category' ? 'string' : type;
}

export const enum ValueStatus {
  valid = 0,
  missing = 1,
  invalid = 2,
}

export interface NumberColumn {
  kind: 'number';
  values: Float64Array;
  status: Uint8Array;
  /** The text of each invalid value, by row index in the batch, for reports. */
  invalidText: Map<number, string>;
}

export interface StringColumn {
  kind: 'string';
  /** null where the value is missing. */
  values: (string | null)[];
  /** Values that are present but not valid text (a byte that is not UTF-8), by row index. */
  invalidText: Map<number, string>;
}

export type ColumnData = NumberColumn | StringColumn;

export interface Batch {
  /** Number of rows in this batch. */
  rows: number;
  /** 1-based row number (within the file, header excluded) of the batch's first row. */
  firstRow: number;
  /** One entry per planned column, in plan order; undefined where the file lacks the column. */
  columns: (ColumnData | undefined)[];
}

export interface ColumnPlan {
  name: string;
  decoding: Decoding;
}

/** A problem found while reading: the row is skipped or the value is counted invalid, and reading goes on. */
export interface ReadIssue {
  row: number | null;
  column: string | null;
  message: string;
}

export const BATCH_ROWS = 16_384;

export function newColumn(decoding: Decoding, capacity: number): ColumnData {
  if (decoding === 'string') return { kind: 'string', values: new Array<string | null>(capacity), invalidText: new Map() };
  return { kind: 'number', values: new Float64Array(capacity), status: new Uint8Array(capacity), invalidText: new Map() };
}

/** Row `row`'s value: its text or number, null when it is missing or not valid. */
export function valueAt(column: ColumnData, row: number): string | number | null {
  if (column.kind === 'string') return column.values[row];
  return column.status[row] === ValueStatus.valid ? column.values[row] : null;
}

/** Shrinks a column to its first `rows` entries (the last batch of a file is short). */
export function truncateColumn(column: ColumnData, rows: number): ColumnData {
  if (column.kind === 'string') {
    column.values.length = rows;
    return column;
  }
  return { ...column, values: column.values.subarray(0, rows), status: column.status.subarray(0, rows) };
}
