import type { FileFingerprint } from '../contracts/data-profile.js';
import { BATCH_ROWS, type ColumnData, type ColumnPlan } from '../data/batch.js';
import { sniffColumnTypes } from '../data/infer.js';
import { checkDataFiles, combinedFingerprint, readerFor } from '../data/reader.js';
import { ConfigurationError, DataError } from '../errors.js';
import type { ColumnRows, DataColumn } from '../model/io-mapping.js';

/**
 * The evaluation dataset, read once as a stream of row chunks of at most `BATCH_ROWS` rows, each
 * with the planned columns decoded. Memory holds one reader batch at a time.
 */

/** Rows read to tell the columns' types before the model's inputs are planned. */
const SNIFF_ROWS = 2_000;

async function hasRows(file: string): Promise<boolean> {
  const { reader } = readerFor(file);
  try {
    await reader.open();
    for await (const batch of reader.batches([{ name: reader.columns[0], decoding: 'string' }], () => undefined)) if (batch.rows > 0) return true;
    return false;
  } finally {
    await reader.close();
  }
}

/**
 * The data's columns in file order, with the type their first rows read as. Data without a single
 * row is refused here, before its columns' types (unknowable without values) could be blamed.
 */
export async function describeColumns(files: string[], input = 'data'): Promise<DataColumn[]> {
  await checkDataFiles(files, input);
  const columns = (await sniffColumnTypes(files, SNIFF_ROWS)).columns;
  for (const file of files) if (await hasRows(file)) return columns;
  throw new DataError(`there are no rows to evaluate: ${files.join(', ')} ${files.length > 1 ? 'have' : 'has'} a header but no records`);
}

export interface RowChunk extends ColumnRows {
  /** 0-based index of the chunk's first row over all files. */
  offset: number;
}

export class DatasetStream {
  private readonly fingerprints: FileFingerprint[] = [];

  constructor(
    readonly files: string[],
    private readonly plan: ColumnPlan[],
    private readonly chunkRows = BATCH_ROWS,
    /** The input the files came from, for messages. */
    private readonly input = 'data',
  ) {}

  async *chunks(): AsyncGenerator<RowChunk> {
    let offset = 0;
    for (const file of this.files) {
      const { reader, fingerprint } = readerFor(file);
      try {
        await reader.open();
        const missing = this.plan.filter((column) => !reader.columns.includes(column.name)).map((column) => column.name);
        if (missing.length > 0) {
          throw new ConfigurationError(
            `data file "${file}" has no column ${missing.map((name) => `"${name}"`).join(', ')} (its columns: ${reader.columns.join(', ')})`,
            { input: this.input },
          );
        }
        // A row that cannot be read would leave the predictions out of step with the labels (and the reference predictions).
        const refuse = (issue: { row: number | null; column: string | null; message: string }) => {
          throw new DataError(`${issue.message}: every row must be readable to be evaluated`, { file, row: issue.row ?? undefined, column: issue.column ?? undefined });
        };
        for await (const batch of reader.batches(this.plan, refuse)) {
          const columns = new Map<string, ColumnData>();
          this.plan.forEach((column, i) => columns.set(column.name, batch.columns[i]!));
          for (let start = 0; start < batch.rows; start += this.chunkRows) {
            const rows = Math.min(this.chunkRows, batch.rows - start);
            yield { columns, start, rows, file, firstRow: batch.firstRow + start, offset };
            offset += rows;
          }
        }
        this.fingerprints.push(await fingerprint());
      } finally {
        await reader.close();
      }
    }
  }

  /** After the stream is read: sha256 over the files' digests, in order. */
  fingerprint(): string {
    return combinedFingerprint(this.fingerprints);
  }
}
