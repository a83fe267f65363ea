import { stat } from 'node:fs/promises';
import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetScan, type ParquetScan } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DataError } from '../errors.js';
import { newColumn, ValueStatus, type Batch, type ColumnData, type ColumnPlan, type Decoding, type ReadIssue } from './batch.js';
import { parseFromString, parseTimestamp } from './parse.js';
import type { DatasetReader } from './reader.js';

/**
 * Parquet, read one row group at a time and only the planned columns, so memory is bounded by
 * the row-group size rather than the file size.
 */

type ZstdZlib = typeof zlib & { zstdDecompressSync?: (input: Uint8Array) => Buffer };
const nativeZstd = (zlib as ZstdZlib).zstdDecompressSync;

const decompressors = {
  ...compressors,
  // Node 22.15+ (and the Actions node24 runtime) decompress zstd natively, far faster than JavaScript.
  ...(nativeZstd ? { ZSTD: (input: Uint8Array) => new Uint8Array(nativeZstd(input)) } : {}),
};

// Timestamps become epoch milliseconds, the unit every timestamp column has in ghml.
const parsers = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1e3,
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

export class ParquetReader implements DatasetReader {
  readonly format = 'parquet' as const;
  columns: string[] = [];
  rows = 0;
  private scan: ParquetScan | undefined;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    const { size } = await stat(this.path);
    if (size === 0) throw new DataError('the file is empty: it is not a Parquet file', { file: this.path });
    try {
      const file = await asyncBufferFromFile(this.path);
      this.scan = await parquetScan({ file, compressors: decompressors, parsers, utf8: true });
    } catch (error) {
      throw new DataError(`cannot read the Parquet footer (${(error as Error).message}): the file is truncated or not Parquet`, { file: this.path }, { cause: error });
    }
    this.columns = this.scan.metadata.schema.slice(1).filter((element) => !element.num_children).map((element) => element.name);
  }

  async close(): Promise<void> {
    this.scan = undefined;
  }

  async *batches(plan: ColumnPlan[], _onIssue: (issue: ReadIssue) => void): AsyncGenerator<Batch> {
    if (!this.scan) throw new Error('ParquetReader.batches before open');
    const scan = this.scan;
    for (const { rowStart, rowEnd } of scan.ranges) {
      const rows = rowEnd - rowStart;
      const columns: (ColumnData | undefined)[] = [];
      for (const column of plan) {
        if (!this.columns.includes(column.name)) {
          columns.push(undefined);
          continue;
        }
        let values: ArrayLike<unknown>;
        try {
          values = await scan.readColumn({ column: column.name, rowStart, rowEnd });
        } catch (error) {
          throw new DataError(
            `cannot decode column "${column.name}" in rows ${rowStart + 1}–${rowEnd} (${(error as Error).message}): the file is corrupt`,
            { file: this.path, column: column.name },
            { cause: error },
          );
        }
        columns.push(toColumn(values, rows, column.decoding));
      }
      this.rows += rows;
      yield { rows, firstRow: rowStart + 1, columns };
    }
  }
}

function toColumn(values: ArrayLike<unknown>, rows: number, decoding: Decoding): ColumnData {
  const column = newColumn(decoding, rows);
  if (column.kind === 'string') {
    for (let i = 0; i < rows; i++) {
      const value = values[i];
      column.values[i] = value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);
    }
    return column;
  }
  for (let i = 0; i < rows; i++) store(column, i, decoding, values[i]);
  return column;
}

function store(column: Extract<ColumnData, { kind: 'number' }>, row: number, decoding: Decoding, value: unknown): void {
  if (value === null || value === undefined) {
    column.status[row] = ValueStatus.missing;
    column.values[row] = Number.NaN;
    return;
  }
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'bigint') number = Number(value);
  else if (typeof value === 'boolean' && decoding === 'boolean') number = value ? 1 : 0;
  else if (value instanceof Date) number = value.getTime();
  else if (typeof value === 'string' && decoding === 'timestamp') number = parseFromString(parseTimestamp, value);
  else number = Number.NaN;
  if (decoding === 'boolean' && typeof value !== 'boolean') number = Number.NaN;
  if (decoding === 'integer' && !Number.isSafeInteger(number)) number = Number.NaN;
  if (!Number.isFinite(number)) {
    column.status[row] = ValueStatus.invalid;
    column.values[row] = Number.NaN;
    column.invalidText.set(row, String(value));
    return;
  }
  column.status[row] = ValueStatus.valid;
  column.values[row] = number;
}
