import type { ColumnContract, ColumnType, DataContract } from '../contracts/data-contract.js';
import type { ColumnProfile, DataProfile } from '../contracts/data-profile.js';
import { DataError } from '../errors.js';
import { parseBoolean, parseFromString, parseInteger, parseNumber, parseTimestamp } from './parse.js';
import { readerFor } from './reader.js';
import { validateData } from './validate.js';

/**
 * Contract inference, in the spirit of TFDV's schema inference: a first pass guesses each
 * column's type from its text, a second profiles the data with those types, and the contract
 * states what the reference data shows (types, presence, ranges, categories). A person then
 * edits it; validating the same data against its inferred contract always passes.
 */

/** A column with at most this many distinct values, each seen at least twice on average, is a category. */
const CATEGORY_MAX_DISTINCT = 20;

class TypeSniffer {
  present = 0;
  integer = true;
  number = true;
  boolean = true;
  booleanWord = false;
  timestamp = true;
  readonly distinct = new Set<string>();

  see(value: string): void {
    this.present++;
    if (this.distinct.size <= CATEGORY_MAX_DISTINCT) this.distinct.add(value);
    if (this.integer && Number.isNaN(parseFromString(parseInteger, value))) this.integer = false;
    if (this.number && Number.isNaN(parseFromString(parseNumber, value))) this.number = false;
    if (this.boolean) {
      if (Number.isNaN(parseFromString(parseBoolean, value))) this.boolean = false;
      else if (/[a-z]/i.test(value)) this.booleanWord = true;
    }
    if (this.timestamp && Number.isNaN(parseFromString(parseTimestamp, value))) this.timestamp = false;
  }

  type(): ColumnType {
    if (this.present === 0) return 'string';
    // 0/1 alone reads as integer; a boolean column has words in it (true, no, …).
    if (this.boolean && this.booleanWord) return 'boolean';
    if (this.integer) return 'integer';
    if (this.number) return 'number';
    if (this.timestamp) return 'timestamp';
    if (this.distinct.size <= CATEGORY_MAX_DISTINCT && this.distinct.size * 2 <= this.present) return 'category';
    return 'string';
  }
}

export interface InferOptions {
  files: string[];
  name?: string;
}

export interface InferResult {
  contract: DataContract;
  profile: DataProfile;
}

export interface SniffedColumns {
  /** Column names in first-seen order, with the type their text reads as. */
  columns: { name: string; type: ColumnType }[];
  /** In how many of the files each column appears. */
  presentIn: Map<string, number>;
}

/** Reads column text (the first `maxRows` rows of each file, or all) and guesses each column's type. */
export async function sniffColumnTypes(files: string[], maxRows = Number.POSITIVE_INFINITY): Promise<SniffedColumns> {
  const order: string[] = [];
  const declared = new Map<string, ColumnType>();
  const sniffers = new Map<string, TypeSniffer>();
  const presentIn = new Map<string, number>();
  const snifferFor = (name: string) => {
    let sniffer = sniffers.get(name);
    if (!sniffer) {
      sniffer = new TypeSniffer();
      sniffers.set(name, sniffer);
      order.push(name);
    }
    return sniffer;
  };
  for (const file of files) {
    const { reader } = readerFor(file);
    try {
      await reader.open();
      for (const name of reader.columns) {
        presentIn.set(name, (presentIn.get(name) ?? 0) + 1);
        snifferFor(name);
      }
      for (const [name, type] of reader.declaredTypes) declared.set(name, type);
      // Columns whose type the file declares need no guessing; read the others as text.
      const plan = reader.columns.filter((name) => !reader.declaredTypes.has(name)).map((name) => ({ name, decoding: 'string' as const }));
      let seen = 0;
      for await (const batch of reader.batches(plan, () => {})) {
        // A batch may run past maxRows; the rows beyond it are not looked at.
        const rows = Math.min(batch.rows, maxRows - seen);
        batch.columns.forEach((column, c) => {
          if (column?.kind !== 'string') return;
          const sniffer = snifferFor(plan[c].name);
          for (let i = 0; i < rows; i++) {
            const value = column.values[i];
            if (value !== null) sniffer.see(value);
          }
        });
        seen += rows;
        if (seen >= maxRows) break;
      }
    } finally {
      await reader.close();
    }
  }
  if (order.length === 0) throw new DataError('no columns found: the data files are empty', { file: files[0] });
  return { columns: order.map((name) => ({ name, type: declared.get(name) ?? sniffers.get(name)!.type() })), presentIn };
}

export async function inferContract(options: InferOptions): Promise<InferResult> {
  const { columns: sniffed, presentIn } = await sniffColumnTypes(options.files);
  const typed: DataContract = {
    version: 1,
    columns: sniffed.map(({ name, type }) => ({ name, type, required: false, nullable: true, unique: false })),
    dataset: { 'unexpected-columns': 'ignore' },
  };
  const { profile } = await validateData({ files: options.files, contract: typed });
  const columns = profile.columns.map((column) => contractColumn(column, presentIn.get(column.name) === options.files.length));
  const contract: DataContract = {
    version: 1,
    ...(options.name ? { name: options.name } : {}),
    columns,
    dataset: { 'unexpected-columns': 'error' },
  };
  return { contract, profile };
}

function contractColumn(profile: ColumnProfile, inEveryFile: boolean): ColumnContract {
  const total = profile.count + profile.missing;
  const column: ColumnContract = {
    name: profile.name,
    type: profile.type,
    required: inEveryFile,
    nullable: profile.missing > 0,
    unique: false,
  };
  if (profile.missing > 0 && total > 0) {
    // Round the observed share up, so the reference data itself stays within it.
    column['max-missing'] = Math.min(1, Math.ceil((profile.missing / total) * 100) / 100);
  }
  if (profile.numeric) {
    const { min, max } = profile.numeric;
    column.min = profile.type === 'timestamp' ? new Date(min).toISOString() : min;
    column.max = profile.type === 'timestamp' ? new Date(max).toISOString() : max;
  }
  if (profile.type === 'category' && profile.frequent) {
    column['allowed-values'] = profile.frequent.values.map((v) => v.value).sort();
  }
  return column;
}
