import { open, type FileHandle } from 'node:fs/promises';
import type { ColumnType } from '../contracts/data-contract.js';
import { DataError } from '../errors.js';
import { BATCH_ROWS, newColumn, truncateColumn, ValueStatus, type Batch, type ColumnData, type ColumnPlan, type NumberColumn, type ReadIssue, type StringColumn } from './batch.js';
import { EXACT_POWERS_OF_TEN, parseBoolean, parseInteger, parseNumber, parseTimestamp } from './parse.js';
import type { ByteObserver, DatasetReader } from './reader.js';

/**
 * A streaming RFC 4180 reader: header row, quoted fields with embedded delimiters, newlines and
 * doubled quotes, LF or CRLF line ends, an optional UTF-8 byte-order mark. It reads the file in
 * fixed chunks and parses typed fields straight from the bytes, so memory stays flat whatever the
 * number of rows.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const MINUS = 0x2d;
const CHUNK_BYTES = 1 << 20;

type ScanResult = 'complete' | 'incomplete' | 'unclosed-quote' | 'stray-quote';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

type FieldParser = (bytes: Uint8Array, start: number, end: number) => number;

/** What the plain-record path does with a field, by how the plan reads its column. */
const enum FieldRole {
  skip,
  number,
  integer,
  parsed,
  text,
}

/**
 * A decimal of at most this many digits has a mantissa below 2^53 and at most that many fraction
 * digits: one division by an exact power of ten gives its correctly rounded double, as in parseNumber.
 */
const MAX_PLAIN_DIGITS = 15;

const parsers: Record<Exclude<ColumnPlan['decoding'], 'string'>, FieldParser> = {
  integer: parseInteger,
  number: parseNumber,
  timestamp: parseTimestamp,
  boolean: parseBoolean,
};

export class CsvReader implements DatasetReader {
  readonly format = 'csv' as const;
  columns: string[] = [];
  rows = 0;
  readonly declaredTypes = new Map<string, ColumnType>();
  private handle: FileHandle | undefined;
  private buffer = Buffer.alloc(CHUNK_BYTES);
  /** Unparsed bytes live in buffer[start, end). */
  private start = 0;
  private end = 0;
  private eof = false;
  /** buffer[start, linesEnd) ends with a LF, so a scan for a field's end stops inside it without checking bounds. */
  private linesEnd = 0;
  private readonly delimiter: number;

  constructor(
    readonly path: string,
    private readonly observe: ByteObserver,
    options: { delimiter?: string } = {},
  ) {
    this.delimiter = (options.delimiter ?? (path.endsWith('.tsv') ? '\t' : ',')).charCodeAt(0);
  }

  async open(): Promise<void> {
    this.handle = await open(this.path, 'r');
    try {
      await this.readHeader();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async readHeader(): Promise<void> {
    await this.fill();
    if (this.end === 0) throw new DataError('the file is empty: a CSV file needs a header row naming its columns', { file: this.path });
    if (this.buffer[0] === 0xef && this.buffer[1] === 0xbb && this.buffer[2] === 0xbf) this.start = 3;
    const header: string[] = [];
    const fields = new FieldSpans();
    let scan = this.scanRecord(fields);
    while (scan === 'incomplete' && !this.eof) {
      await this.fill();
      scan = this.scanRecord(fields);
    }
    if (scan !== 'complete') throw new DataError('the header row is not well-formed CSV: check its quotes', { file: this.path, row: 0 });
    for (let f = 0; f < fields.count; f++) {
      let name: string;
      try {
        name = decodeField(this.buffer, fields.starts[f], fields.ends[f], fields.escaped[f] === 1, true);
      } catch {
        throw new DataError('the header is not valid UTF-8: save the file as UTF-8', { file: this.path, row: 0 });
      }
      if (name === '') throw new DataError(`header field ${header.length + 1} is empty: give every column a name`, { file: this.path, row: 0 });
      if (header.includes(name)) throw new DataError(`the header names column "${name}" twice`, { file: this.path, row: 0 });
      header.push(name);
    }
    this.columns = header;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  /** Moves unparsed bytes to the front and reads more; grows the buffer when one record outgrows it. */
  private async fill(): Promise<void> {
    if (!this.handle) throw new Error('CsvReader.fill before open');
    const pending = this.end - this.start;
    if (pending === this.buffer.length) {
      const larger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(larger, 0, this.start, this.end);
      this.buffer = larger;
    } else if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.start = 0;
    this.end = pending;
    const { bytesRead } = await this.handle.read(this.buffer, this.end, this.buffer.length - this.end, null);
    if (bytesRead === 0) this.eof = true;
    else this.observe(this.buffer.subarray(this.end, this.end + bytesRead));
    this.end += bytesRead;
    this.linesEnd = this.end === 0 ? 0 : this.buffer.lastIndexOf(LF, this.end - 1) + 1;
  }

  /**
   * Finds the fields of the next record. 'incomplete' consumes nothing: the record does not end
   * in the buffer yet (at end of file the last record may lack a newline). 'unclosed-quote' and
   * 'stray-quote' consume the broken record so that reading can go on after it.
   */
  private scanRecord(fields: FieldSpans): ScanResult {
    fields.count = 0;
    const bytes = this.buffer;
    const end = this.end;
    const delimiter = this.delimiter;
    let i = this.start;
    if (i >= end) return 'incomplete';
    for (;;) {
      let fieldStart = i;
      let fieldEnd: number;
      let escaped = false;
      if (bytes[i] === QUOTE) {
        fieldStart = ++i;
        for (;;) {
          while (i < end && bytes[i] !== QUOTE) i++;
          if (i >= end) {
            if (!this.eof) return 'incomplete';
            this.start = end;
            return 'unclosed-quote';
          }
          if (i + 1 >= end) {
            if (!this.eof) return 'incomplete';
            break;
          }
          if (bytes[i + 1] === QUOTE) {
            escaped = true;
            i += 2;
            continue;
          }
          break;
        }
        fieldEnd = i++;
      } else {
        while (i < end) {
          const b = bytes[i];
          if (b === delimiter || b === LF || b === CR) break;
          i++;
        }
        fieldEnd = i;
      }
      if (i >= end) {
        if (!this.eof) return 'incomplete';
        fields.push(fieldStart, fieldEnd, escaped);
        this.start = end;
        return 'complete';
      }
      fields.push(fieldStart, fieldEnd, escaped);
      const b = bytes[i];
      if (b === delimiter) {
        i++;
        continue;
      }
      if (b === CR) {
        if (i + 1 >= end && !this.eof) return 'incomplete';
        i += bytes[i + 1] === LF ? 2 : 1;
      } else if (b === LF) {
        i++;
      } else {
        // Text after a closing quote: skip to the end of the line and report the record.
        while (i < end && bytes[i] !== LF) i++;
        if (i >= end && !this.eof) return 'incomplete';
        this.start = Math.min(i + 1, end);
        return 'stray-quote';
      }
      this.start = i;
      return 'complete';
    }
  }

  async *batches(plan: ColumnPlan[], onIssue: (issue: ReadIssue) => void): AsyncGenerator<Batch> {
    const fieldOfColumn = plan.map((column) => this.columns.indexOf(column.name));
    const width = this.columns.length;
    const fields = new FieldSpans();
    const targets = new Array<ColumnData | undefined>(width);
    const fieldParsers = new Array<FieldParser | undefined>(width);
    const recentText = new Array<RecentText | undefined>(width);
    const roles = new Uint8Array(width).fill(FieldRole.skip);
    plan.forEach((column, planIndex) => {
      const field = fieldOfColumn[planIndex];
      if (field < 0) return;
      if (column.decoding === 'string') {
        recentText[field] = new RecentText();
        roles[field] = FieldRole.text;
      } else {
        fieldParsers[field] = parsers[column.decoding];
        roles[field] = column.decoding === 'number' ? FieldRole.number : column.decoding === 'integer' ? FieldRole.integer : FieldRole.parsed;
      }
    });
    const fieldReaders: FieldReaders = { roles, targets, parsers: fieldParsers, recentText };

    let columns = plan.map((column, i) => (fieldOfColumn[i] >= 0 ? newColumn(column.decoding, BATCH_ROWS) : undefined));
    let row = 0;
    let firstRow = this.rows + 1;
    const emit = (): Batch => {
      const batch: Batch = { rows: row, firstRow, columns: columns.map((c) => (c && row < BATCH_ROWS ? truncateColumn(c, row) : c)) };
      columns = plan.map((column, i) => (fieldOfColumn[i] >= 0 ? newColumn(column.decoding, BATCH_ROWS) : undefined));
      firstRow += row;
      row = 0;
      return batch;
    };
    const bindTargets = () => {
      targets.fill(undefined);
      plan.forEach((_, planIndex) => {
        const field = fieldOfColumn[planIndex];
        if (field >= 0) targets[field] = columns[planIndex];
      });
    };
    bindTargets();

    for (;;) {
      row = this.readPlainRecords(fieldReaders, row);
      if (row === BATCH_ROWS) {
        yield emit();
        bindTargets();
        continue;
      }
      // The next record is not plain, or does not end in the buffer yet: the general path decides.
      const scan = this.scanRecord(fields);
      if (scan === 'incomplete') {
        if (this.eof) break;
        await this.fill();
        continue;
      }
      this.rows++;
      // A blank line (or the empty last line of a file) is not a record.
      if (scan === 'complete' && fields.count === 1 && fields.starts[0] === fields.ends[0] && width > 1) {
        this.rows--;
        continue;
      }
      const problem = scan !== 'complete' ? scanProblems[scan] : fields.count !== width ? raggedRow(fields.count, width) : undefined;
      if (problem !== undefined) {
        onIssue({ row: this.rows, column: null, message: problem });
        // A batch covers contiguous rows: flush what we have, then restart after the skipped row.
        if (row > 0) {
          yield emit();
          bindTargets();
        }
        firstRow = this.rows + 1;
        continue;
      }
      const bytes = this.buffer;
      for (let f = 0; f < width; f++) {
        const target = targets[f];
        if (target !== undefined) storeField(target, fieldParsers[f], recentText[f], bytes, fields.starts[f], fields.ends[f], fields.escaped[f] === 1, row);
      }
      if (++row === BATCH_ROWS) {
        yield emit();
        bindTargets();
      }
    }
    if (row > 0) yield emit();
  }

  /**
   * Reads records from `start` for as long as they are plain: well-formed, as many fields as the
   * header, wholly before `linesEnd`. Each field is parsed in the same pass that finds its end,
   * and the common values (short decimals, short ASCII text) go straight into the batch; the rest
   * take the general path's storeField. Stops before the first record that is not plain (a blank
   * line, a ragged row, a stray quote, one that ends past `linesEnd`), leaving it to the general
   * path, or when the batch is full. Returns the batch's row count.
   */
  private readPlainRecords({ roles, targets, parsers, recentText }: FieldReaders, row: number): number {
    const bytes = this.buffer;
    const delimiter = this.delimiter;
    const linesEnd = this.linesEnd;
    const lastField = roles.length - 1;
    /** Where the first record not yet read starts. */
    let next = this.start;
    let records = 0;
    plain: for (; next < linesEnd && row < BATCH_ROWS; row++, records++) {
      let i = next;
      for (let f = 0; ; f++) {
        const role = roles[f];
        let b = bytes[i];
        if (b === QUOTE) {
          const contentStart = i + 1;
          let close = contentStart;
          let escaped = false;
          for (;;) {
            while (close < linesEnd && bytes[close] !== QUOTE) close++;
            // Past linesEnd the quote may not be closed in the buffer yet.
            if (close >= linesEnd) {
              forgetRecord(targets, row);
              break plain;
            }
            if (bytes[close + 1] !== QUOTE) break;
            escaped = true;
            close += 2;
          }
          i = close + 1;
          b = bytes[i];
          const target = targets[f];
          if (target !== undefined) storeField(target, parsers[f], recentText[f], bytes, contentStart, close, escaped, row);
        } else if (role === FieldRole.number || role === FieldRole.integer) {
          const target = targets[f] as NumberColumn;
          if (b === delimiter || b === LF || b === CR) {
            target.status[row] = ValueStatus.missing;
            target.values[row] = Number.NaN;
          } else {
            const fieldStart = i;
            const negative = b === MINUS;
            if (negative) b = bytes[++i];
            let mantissa = 0;
            let digits = 0;
            for (; b >= ZERO && b <= NINE; b = bytes[++i], digits++) mantissa = mantissa * 10 + (b - ZERO);
            let fractionDigits = 0;
            if (b === DOT) {
              for (b = bytes[++i]; b >= ZERO && b <= NINE; b = bytes[++i], fractionDigits++) mantissa = mantissa * 10 + (b - ZERO);
            }
            digits += fractionDigits;
            const plain = (b === delimiter || b === LF || b === CR) && digits > 0 && digits <= MAX_PLAIN_DIGITS;
            // The exact case of parseNumber, with the same arithmetic, so the same double.
            const magnitude = plain ? mantissa / EXACT_POWERS_OF_TEN[fractionDigits] : 0;
            const value = negative ? -magnitude : magnitude;
            if (plain && (role === FieldRole.number || Number.isSafeInteger(value))) {
              target.values[row] = value;
              target.status[row] = ValueStatus.valid;
            } else {
              // Anything else (an exponent, blanks, a long mantissa, an invalid value) is parseNumber's or parseInteger's.
              while (b !== delimiter && b !== LF && b !== CR) b = bytes[++i];
              storeField(target, parsers[f], undefined, bytes, fieldStart, i, false, row);
            }
          }
        } else if (role === FieldRole.text) {
          const fieldStart = i;
          let hash = FNV_OFFSET_BASIS;
          let highBits = 0;
          for (; b !== delimiter && b !== LF && b !== CR; b = bytes[++i]) {
            hash = Math.imul(hash ^ b, FNV_PRIME);
            highBits |= b;
          }
          const target = targets[f] as StringColumn;
          if (i === fieldStart) target.values[row] = null;
          else if (highBits < 0x80 && i - fieldStart <= RECENT_TEXT_MAX_BYTES) target.values[row] = recentText[f]!.text(bytes, fieldStart, i, hash);
          else storeField(target, undefined, recentText[f], bytes, fieldStart, i, false, row);
        } else {
          const fieldStart = i;
          while (b !== delimiter && b !== LF && b !== CR) b = bytes[++i];
          if (role === FieldRole.parsed) storeField(targets[f]!, parsers[f], undefined, bytes, fieldStart, i, false, row);
        }
        if (f === lastField) {
          if (b === LF) {
            i++;
          } else if (b === CR) {
            i += bytes[i + 1] === LF ? 2 : 1;
          } else {
            forgetRecord(targets, row);
            break plain;
          }
          break;
        }
        if (b !== delimiter) {
          forgetRecord(targets, row);
          break plain;
        }
        i++;
      }
      next = i;
    }
    this.start = next;
    this.rows += records;
    return row;
  }
}

/** The per-field state of the plain-record path, indexed by field in the file. */
interface FieldReaders {
  roles: Uint8Array;
  targets: (ColumnData | undefined)[];
  parsers: (FieldParser | undefined)[];
  recentText: (RecentText | undefined)[];
}

/** Parses bytes[start, end) into row `row` of its column: a value, missing, or invalid with its text kept for reports. */
function storeField(
  target: ColumnData,
  parse: FieldParser | undefined,
  recent: RecentText | undefined,
  bytes: Buffer,
  start: number,
  end: number,
  escaped: boolean,
  row: number,
): void {
  if (target.kind === 'number') {
    if (start === end) {
      target.status[row] = ValueStatus.missing;
      target.values[row] = Number.NaN;
      return;
    }
    const value = escaped ? Number.NaN : parse!(bytes, start, end);
    target.values[row] = value;
    if (value === value) {
      target.status[row] = ValueStatus.valid;
    } else {
      target.status[row] = ValueStatus.invalid;
      target.invalidText.set(row, decodeField(bytes, start, end, escaped, false));
    }
  } else if (start === end) {
    target.values[row] = null;
  } else {
    const text = escaped || end - start > RECENT_TEXT_MAX_BYTES ? undefined : recent!.ascii(bytes, start, end);
    if (text !== undefined) {
      target.values[row] = text;
      return;
    }
    try {
      target.values[row] = decodeField(bytes, start, end, escaped, true);
    } catch {
      target.values[row] = null;
      target.invalidText.set(row, `${decodeField(bytes, start, end, escaped, false)} (not valid UTF-8)`);
    }
  }
}

/**
 * Undoes the invalid-value notes a record's first fields left at `row` before it turned out not
 * plain: the general path reads it afresh, and may skip it. Its values need no undoing, as the
 * next record read overwrites them, or the batch ends before them.
 */
function forgetRecord(targets: (ColumnData | undefined)[], row: number): void {
  for (const target of targets) target?.invalidText.delete(row);
}

/** Where the fields of the current record lie in the buffer, in flat arrays to avoid an object per field. */
class FieldSpans {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  escaped = new Uint8Array(64);
  count = 0;

  push(start: number, end: number, escaped: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const larger = new (a.constructor as new (n: number) => T)(a.length * 2);
        larger.set(a);
        return larger;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.escaped = grow(this.escaped);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count] = escaped ? 1 : 0;
    this.count++;
  }
}

const scanProblems = {
  'unclosed-quote': 'a quoted field is not closed before the end of the file: the rest of the file is skipped (close the quote)',
  'stray-quote': 'text follows a closing quote: the row is skipped (a quote inside a quoted field must be doubled: "")',
} as const;

function raggedRow(found: number, expected: number): string {
  return `row has ${found} fields, the header has ${expected}: the row is skipped (check for an unquoted delimiter or a missing field)`;
}

/** Buffer's own latin1Slice skips the argument checks of toString('latin1'), a fifth of the cost per field. */
type LatinSlicing = Buffer & { latin1Slice(start: number, end: number): string };

/** Slots of a text column's cache of recent values; a power of two. */
const RECENT_TEXT_SLOTS = 256;
/** Longer values are seldom repeated: they are decoded every time. */
const RECENT_TEXT_MAX_BYTES = 32;
/** 32-bit FNV-1a, the hash of RecentText's slots. */
const FNV_OFFSET_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * The strings of a text column's recent ASCII values, by a hash of their bytes. A column of few
 * distinct values (a label, a category) then makes no new string per row, and a repeated string
 * keeps the hash the engine computed for it, so Map lookups by it (class labels, slice keys) are
 * cheap. A column of many distinct values only pays the hash, taken in the pass that checks for
 * ASCII anyway.
 */
class RecentText {
  private readonly hashes = new Int32Array(RECENT_TEXT_SLOTS);
  private readonly texts = new Array<string | undefined>(RECENT_TEXT_SLOTS).fill(undefined);

  /** The text of bytes[start, end) when every byte is ASCII; undefined otherwise. */
  ascii(bytes: Buffer, start: number, end: number): string | undefined {
    let hash = FNV_OFFSET_BASIS;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b >= 0x80) return undefined;
      hash = Math.imul(hash ^ b, FNV_PRIME);
    }
    return this.text(bytes, start, end, hash);
  }

  /** The text of bytes[start, end), all ASCII, whose FNV-1a hash the caller took while finding the field's end. */
  text(bytes: Buffer, start: number, end: number, hash: number): string {
    const slot = (hash ^ (hash >>> 16)) & (RECENT_TEXT_SLOTS - 1);
    const cached = this.texts[slot];
    if (cached !== undefined && this.hashes[slot] === hash && cached.length === end - start) {
      let same = true;
      for (let i = 0; i < cached.length && same; i++) same = cached.charCodeAt(i) === bytes[start + i];
      if (same) return cached;
    }
    const text = (bytes as LatinSlicing).latin1Slice(start, end);
    this.hashes[slot] = hash;
    this.texts[slot] = text;
    return text;
  }
}

function decodeField(bytes: Buffer, start: number, end: number, escaped: boolean, strict: boolean): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  const text = ascii ? (bytes as LatinSlicing).latin1Slice(start, end) : (strict ? utf8 : utf8Lenient).decode(bytes.subarray(start, end));
  return escaped ? text.replaceAll('""', '"') : text;
}
