import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnType } from '../contracts/data-contract.js';
import type { FileFingerprint } from '../contracts/data-profile.js';
import { ConfigurationError } from '../errors.js';
import type { Batch, ColumnPlan, ReadIssue } from './batch.js';
import { CsvReader } from './csv.js';
import { JsonLinesReader } from './jsonl.js';
import { ParquetReader } from './parquet.js';

export type DataFormat = FileFingerprint['format'];

/** Sees every byte of a file once, as it is read, so the content hash costs no second pass. */
export type ByteObserver = (chunk: Uint8Array) => void;

export interface DatasetReader {
  readonly path: string;
  readonly format: DataFormat;
  /** Column names in file order; known after open(). */
  columns: string[];
  /** Rows read so far (records, header excluded). */
  rows: number;
  /** Column types the format itself declares (Parquet's schema); empty for text formats, whose types are read off the values. */
  declaredTypes: Map<string, ColumnType>;
  open(): Promise<void>;
  batches(plan: ColumnPlan[], onIssue: (issue: ReadIssue) => void): AsyncGenerator<Batch>;
  close(): Promise<void>;
}

const formatsByExtension: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

export function formatOf(file: string): DataFormat {
  const format = formatsByExtension[path.extname(file).toLowerCase()];
  if (!format) {
    throw new ConfigurationError(
      `cannot tell the format of "${file}" from its extension: name it .csv, .tsv, .jsonl, .ndjson or .parquet`,
      { input: 'data' },
    );
  }
  return format;
}

/** Checks that every data path names a readable file, before any work starts. */
export async function checkDataFiles(files: string[], input = 'data'): Promise<void> {
  if (files.length === 0) throw new ConfigurationError(`no data files given: pass at least one with --${input}`, { input });
  for (const file of files) {
    formatOf(file);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new ConfigurationError(`data file "${file}" does not exist: check the path given to ${input}`, { input });
    if (!info.isFile()) throw new ConfigurationError(`data path "${file}" is not a file: list the files themselves`, { input });
  }
}

/** A reader for one file plus the fingerprint of its bytes, complete once the file is read. */
export interface OpenedFile {
  reader: DatasetReader;
  fingerprint(): Promise<FileFingerprint>;
}

export function readerFor(file: string): OpenedFile {
  const format = formatOf(file);
  let hash = createHash('sha256');
  let bytes = 0;
  const observe: ByteObserver = (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  };
  const reader =
    format === 'csv' ? new CsvReader(file, observe) : format === 'jsonl' ? new JsonLinesReader(file, observe) : new ParquetReader(file);
  return {
    reader,
    async fingerprint() {
      // Parquet is read by random access, and a file whose reading stopped early was not seen
      // whole: hash those in a pass of their own, so the digest is always of the entire file.
      const { size } = await stat(file);
      if (bytes !== size) {
        hash = createHash('sha256');
        bytes = 0;
        for await (const chunk of createReadStream(file)) observe(chunk as Buffer);
      }
      return { path: file, format, bytes, sha256: hash.digest('hex'), rows: reader.rows };
    },
  };
}

/** One digest for a list of files: sha256 over their digests, in order. */
export function combinedFingerprint(files: FileFingerprint[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.sha256}\n`);
  return hash.digest('hex');
}
