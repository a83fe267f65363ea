import { open, type FileHandle } from 'node:fs/promises';
import type { ColumnType } from '../contracts/data-contract.js';
import { DataError } from '../errors.js';
import { BATCH_ROWS, newColumn, truncateColumn, ValueStatus, type Batch, type ColumnPlan, type Decoding, type ReadIssue } from './batch.js';
import { parseFromString, parseTimestamp } from './parse.js';
import type { ByteObserver, DatasetReader } from './reader.js';
import { isRecord } from '../io/json.js';

/**
 * JSON Lines: one JSON object per line, keys are columns. A key that no object has is a missing
 * column; a key an object lacks, or a null, is a missing value. The column list grows as keys
 * appear, so an unexpected key on line 1,000,000 is still reported.
 */

const CHUNK_BYTES = 1 << 20;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JsonLinesReader implements DatasetReader {
  readonly format = 'jsonl' as const;
  columns: string[] = [];
  rows = 0;
  readonly declaredTypes = new Map<string, ColumnType>();
  private readonly known = new Set<string>();
  private handle: FileHandle | undefined;
  private readonly chunk = Buffer.alloc(CHUNK_BYTES);
  /** Read but not yet split bytes: pending[offset…]. */
  private pending: Buffer = Buffer.alloc(0);
  private offset = 0;
  private firstRecord: { line: number; value: unknown } | undefined;
  private line = 0;

  constructor(
    readonly path: string,
    private readonly observe: ByteObserver,
  ) {}

  async open(): Promise<void> {
    this.handle = await open(this.path, 'r');
    try {
      await this.readFirstRecord();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async readFirstRecord(): Promise<void> {
    // The first object's keys give the column order; read up to it now.
    for (let next = await this.nextLine(); next; next = await this.nextLine()) {
      const [line, text] = next;
      if (text === null) throw new DataError('line is not valid UTF-8: save the file as UTF-8', { file: this.path, row: line });
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DataError(`line is not valid JSON (${(error as Error).message}): each line must be one JSON object`, { file: this.path, row: line });
      }
      if (!isRecord(value)) throw new DataError('line is not a JSON object: each line must be one object like {"column": value}', { file: this.path, row: line });
      this.addKeys(value);
      this.firstRecord = { line, value };
      return;
    }
    throw new DataError('the file is empty: JSON Lines needs one JSON object per line', { file: this.path });
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private addKeys(record: Record<string, unknown>): void {
    for (const key of Object.keys(record)) {
      if (!this.known.has(key)) {
        this.known.add(key);
        this.columns.push(key);
      }
    }
  }

  /** The next line (its number and text, null when not UTF-8), or undefined at end of file. */
  private async nextLine(): Promise<[number, string | null] | undefined> {
    if (!this.handle) throw new Error('JsonLinesReader.nextLine before open');
    for (;;) {
      const newline = this.pending.indexOf(LF, this.offset);
      if (newline >= 0) {
        const text = this.decode(this.pending, this.offset, newline);
        this.offset = newline + 1;
        return [++this.line, text];
      }
      const rest = this.pending.subarray(this.offset);
      const { bytesRead } = await this.handle.read(this.chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) {
        this.pending = Buffer.alloc(0);
        this.offset = 0;
        return rest.length > 0 ? [++this.line, this.decode(rest, 0, rest.length)] : undefined;
      }
      this.observe(this.chunk.subarray(0, bytesRead));
      this.pending = Buffer.concat([rest, this.chunk.subarray(0, bytesRead)]);
      this.offset = 0;
    }
  }

  /** The line's text, or null when it is not valid UTF-8. */
  private decode(data: Buffer, start: number, end: number): string | null {
    if (end > start && data[end - 1] === 0x0d) end--;
    try {
      return utf8.decode(data.subarray(start, end));
    } catch {
      return null;
    }
  }

  async *batches(plan: ColumnPlan[], onIssue: (issue: ReadIssue) => void): AsyncGenerator<Batch> {
    const present = () => plan.map((column) => this.known.has(column.name));
    let columns = plan.map((column) => newColumn(column.decoding, BATCH_ROWS));
    let row = 0;
    let firstRow = 1;
    const emit = (): Batch => {
      const isPresent = present();
      const batch: Batch = {
        rows: row,
        firstRow,
        columns: columns.map((c, i) => (isPresent[i] ? (row < BATCH_ROWS ? truncateColumn(c, row) : c) : undefined)),
      };
      columns = plan.map((column) => newColumn(column.decoding, BATCH_ROWS));
      firstRow += row;
      row = 0;
      return batch;
    };
    const take = (record: Record<string, unknown>) => {
      this.addKeys(record);
      plan.forEach((column, c) => store(columns[c], row, column.decoding, record[column.name]));
      this.rows++;
      if (++row === BATCH_ROWS) return true;
      return false;
    };

    if (this.firstRecord) {
      if (take(this.firstRecord.value as Record<string, unknown>)) yield emit();
      this.firstRecord = undefined;
    }
    for (let next = await this.nextLine(); next; next = await this.nextLine()) {
      const text = next[1];
      if (text !== null && text.trim() === '') continue;
      let value: unknown;
      let syntaxError: Error | undefined;
      try {
        value = text === null ? undefined : JSON.parse(text);
      } catch (error) {
        syntaxError = error as Error;
      }
      if (!isRecord(value)) {
        this.rows++;
        onIssue({
          row: this.rows,
          column: null,
          message:
            text === null
              ? 'line is not valid UTF-8: the row is skipped (save the file as UTF-8)'
              : syntaxError
                ? `line is not valid JSON (${syntaxError.message}): the row is skipped`
                : 'line is not a JSON object: the row is skipped',
        });
        if (row > 0) yield emit();
        firstRow = this.rows + 1;
        continue;
      }
      if (take(value)) yield emit();
    }
    if (row > 0) yield emit();
  }
}

function store(column: ReturnType<typeof newColumn>, row: number, decoding: Decoding, value: unknown): void {
  if (column.kind === 'string') {
    if (value === null || value === undefined) column.values[row] = null;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') column.values[row] = String(value);
    else {
      column.values[row] = null;
      column.invalidText.set(row, JSON.stringify(value));
    }
    return;
  }
  if (value === null || value === undefined) {
    column.status[row] = ValueStatus.missing;
    column.values[row] = Number.NaN;
    return;
  }
  const parsed = jsonNumber(decoding, value);
  column.values[row] = parsed;
  if (parsed === parsed) {
    column.status[row] = ValueStatus.valid;
  } else {
    column.status[row] = ValueStatus.invalid;
    column.invalidText.set(row, typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/** JSON has types of its own, so a number column takes JSON numbers only, not numeric-looking text. */
function jsonNumber(decoding: Decoding, value: unknown): number {
  switch (decoding) {
    case 'number':
      return typeof value === 'number' ? value : Number.NaN;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : Number.NaN;
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : Number.NaN;
    case 'timestamp':
      return typeof value === 'string' ? parseFromString(parseTimestamp, value) : Number.NaN;
    default:
      return Number.NaN;
  }
}
