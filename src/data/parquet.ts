import { stat } from 'node:fs/promises';
import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnType } from '../contracts/data-contract.js';
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
  readonly declaredTypes = new Map<string, ColumnType>();
  private source: { file: AsyncBuffer; metadata: FileMetaData } | undefined;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    const { size } = await stat(this.path);
    if (size === 0) throw new DataError('the file is empty: it is not a Parquet file', { file: this.path });
    try {
      const file = await asyncBufferFromFile(this.path);
      this.source = { file, metadata: await parquetMetadataAsync(file) };
    } catch (error) {
      throw new DataError(`cannot read the Parquet footer (${(error as Error).message}): the file is truncated or not Parquet`, { file: this.path }, { cause: error });
    }
    const leaves = this.source.metadata.schema.slice(1).filter((element) => !element.num_children);
    this.columns = leaves.map((element) => element.name);
    for (const element of leaves) {
      const type = declaredType(element);
      if (type) this.declaredTypes.set(element.name, type);
    }
  }

  async close(): Promise<void> {
    this.source = undefined;
  }

  async *batches(plan: ColumnPlan[], _onIssue: (issue: ReadIssue) => void): AsyncGenerator<Batch> {
    if (!this.source) throw new Error('ParquetReader.batches before open');
    const { file, metadata } = this.source;
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      const rowEnd = rowStart + rows;
      const columns: (ColumnData | undefined)[] = [];
      for (const column of plan) {
        if (!this.columns.includes(column.name)) {
          columns.push(undefined);
          continue;
        }
        const data = newColumn(column.decoding, rows);
        try {
          // One column at a time, converted as its chunks arrive: memory holds one decoded column chunk at most.
          await parquetRead({
            file,
            metadata,
            columns: [column.name],
            rowStart,
            rowEnd,
            compressors: decompressors,
            parsers,
            utf8: true,
            onChunk: (chunk) => fill(data, column.decoding, chunk.columnData, chunk.rowStart - rowStart, rows),
          });
        } catch (error) {
          throw new DataError(
            `cannot decode column "${column.name}" in rows ${rowStart + 1}–${rowEnd} (${(error as Error).message}): the file is corrupt`,
            { file: this.path, column: column.name },
            { cause: error },
          );
        }
        columns.push(data);
      }
      this.rows += rows;
      yield { rows, firstRow: rowStart + 1, columns };
      rowStart = rowEnd;
    }
  }
}

/** The ghml type a Parquet column declares; strings are left to the values (string or category). */
function declaredType(element: SchemaElement): ColumnType | undefined {
  const logical = element.logical_type?.type;
  if (logical === 'TIMESTAMP' || logical === 'DATE' || element.converted_type === 'DATE' || element.converted_type?.startsWith('TIMESTAMP') || element.type === 'INT96') return 'timestamp';
  if (logical === 'STRING' || element.converted_type === 'UTF8' || element.type === 'BYTE_ARRAY') return undefined;
  switch (element.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
      return logical === 'DECIMAL' || element.converted_type === 'DECIMAL' ? 'number' : 'integer';
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    default:
      return undefined;
  }
}

/** Copies decoded values into the batch column; `offset` is where the chunk's first value lands. */
function fill(column: ColumnData, decoding: Decoding, values: ArrayLike<unknown>, offset: number, rows: number): void {
  const from = Math.max(0, -offset);
  const to = Math.min(values.length, rows - offset);
  if (column.kind === 'string') {
    for (let i = from; i < to; i++) {
      const value = values[i];
      column.values[offset + i] = value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);
    }
    return;
  }
  for (let i = from; i < to; i++) store(column, offset + i, decoding, values[i]);
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
