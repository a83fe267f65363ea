import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileFingerprint } from '../contracts/data-profile.js';
import type { DvcPointer, RunRecord } from '../contracts/run-record.js';
import { readerFor } from '../data/reader.js';
import { ConfigurationError, DataError } from '../errors.js';
import { sha256OfFile } from '../io/digest.js';

/**
 * Which data the run trained on, without copying it: digests of the declared data files, and the
 * DVC pointers of the project, which name exact data versions in a DVC remote.
 */

const TABULAR = /\.(csv|tsv|txt|jsonl|ndjson|parquet|pq)$/i;

/** Checks that every declared data path exists (a file or a directory), before the command starts. */
export async function checkDataPaths(paths: string[], workingDirectory: string): Promise<void> {
  for (const given of paths) {
    if (!(await stat(path.resolve(workingDirectory, given)).catch(() => undefined))) {
      throw new ConfigurationError(`data path "${given}" does not exist in ${workingDirectory}: data paths are relative to working-directory`, { input: 'data' });
    }
  }
}

async function expand(given: string, workingDirectory: string): Promise<string[]> {
  const absolute = path.resolve(workingDirectory, given);
  if (!(await stat(absolute)).isDirectory()) return [given];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(given, path.relative(absolute, path.join(e.parentPath, e.name))))
    .sort();
}

async function fingerprintTabular(file: string, absolute: string): Promise<FileFingerprint | undefined> {
  const { reader, fingerprint } = readerFor(absolute);
  try {
    await reader.open();
    // Reading every row is what makes the reader count the rows and hash the bytes.
    for await (const _batch of reader.batches([], () => {}));
    return { ...(await fingerprint()), path: file };
  } catch (error) {
    // Data the parser cannot read is still data the run used: it is kept by its digest alone.
    if (error instanceof DataError) return undefined;
    throw error;
  } finally {
    await reader.close();
  }
}

export async function fingerprintData(paths: string[], workingDirectory: string): Promise<RunRecord['data']> {
  const files: FileFingerprint[] = [];
  const otherFiles: RunRecord['data']['otherFiles'] = [];
  for (const given of paths) {
    for (const file of await expand(given, workingDirectory)) {
      const absolute = path.resolve(workingDirectory, file);
      const tabular = TABULAR.test(file) ? await fingerprintTabular(file, absolute) : undefined;
      if (tabular) files.push(tabular);
      else otherFiles.push({ path: file, bytes: (await stat(absolute)).size, sha256: await sha256OfFile(absolute) });
    }
  }
  if (files.length + otherFiles.length === 0) return { files, otherFiles, fingerprint: null };
  const hash = createHash('sha256');
  for (const file of [...files, ...otherFiles]) hash.update(`${file.sha256}\n`);
  return { files, otherFiles, fingerprint: hash.digest('hex') };
}

/** Directories never searched for DVC files: tools' own state, environments and caches. */
const SKIPPED = new Set(['.git', '.dvc', 'node_modules', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache']);
/** A data directory of a million files is no place for pointers; the search stops after this many entries. */
const MAX_ENTRIES = 20_000;

/** Finds *.dvc files and dvc.lock files under the working directory, nearest first. */
export async function findDvcFiles(workingDirectory: string): Promise<{ files: string[]; truncated: boolean }> {
  const found: string[] = [];
  const queue = [''];
  let seen = 0;
  while (queue.length > 0) {
    const relative = queue.shift()!;
    const entries = await readdir(path.join(workingDirectory, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++seen > MAX_ENTRIES) return { files: found, truncated: true };
      const child = path.join(relative, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) queue.push(child);
      else if (entry.isFile() && (entry.name.endsWith('.dvc') || entry.name === 'dvc.lock')) found.push(child);
    }
  }
  return { files: found, truncated: false };
}

type DvcEntry = Record<string, unknown>;

function pointer(source: string, stage: string | null, role: DvcPointer['role'], entry: DvcEntry): DvcPointer | undefined {
  if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string') return undefined;
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  const count = (key: string) => (typeof entry[key] === 'number' && Number.isInteger(entry[key]) && (entry[key] as number) >= 0 ? (entry[key] as number) : null);
  const hash = text('md5') ?? text('etag') ?? text('checksum');
  const algorithm = text('hash') ?? (text('md5') ? 'md5' : text('etag') ? 'etag' : text('checksum') ? 'checksum' : null);
  return { source, stage, role, path: entry.path, hash, hashAlgorithm: algorithm, size: count('size'), files: count('nfiles') };
}

function entries(list: unknown): DvcEntry[] {
  return Array.isArray(list) ? (list as DvcEntry[]) : [];
}

/** Reads one .dvc file or dvc.lock; a file that is not valid YAML yields no pointers. */
export function parseDvcFile(source: string, text: string): DvcPointer[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch {
    return [];
  }
  if (typeof document !== 'object' || document === null) return [];
  const doc = document as Record<string, unknown>;
  const pointers: (DvcPointer | undefined)[] = [];
  if (path.basename(source) === 'dvc.lock') {
    // dvc.lock 2.0 lists stages under "stages"; DVC 1.x wrote them at the top level.
    const stages = (typeof doc.stages === 'object' && doc.stages !== null ? doc.stages : doc) as Record<string, Record<string, unknown>>;
    for (const [stage, body] of Object.entries(stages)) {
      if (typeof body !== 'object' || body === null) continue;
      for (const dep of entries(body.deps)) pointers.push(pointer(source, stage, 'dep', dep));
      for (const out of entries(body.outs)) pointers.push(pointer(source, stage, 'out', out));
    }
  } else {
    for (const dep of entries(doc.deps)) pointers.push(pointer(source, null, 'dep', dep));
    for (const out of entries(doc.outs)) pointers.push(pointer(source, null, 'out', out));
  }
  return pointers.filter((p): p is DvcPointer => p !== undefined);
}

export async function readDvcPointers(workingDirectory: string): Promise<{ pointers: DvcPointer[]; truncated: boolean }> {
  const { files, truncated } = await findDvcFiles(workingDirectory);
  const pointers: DvcPointer[] = [];
  for (const file of files) {
    const text = await readFile(path.join(workingDirectory, file), 'utf8');
    pointers.push(...parseDvcFile(file.split(path.sep).join('/'), text));
  }
  return { pointers, truncated };
}
