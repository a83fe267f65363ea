import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PackageManifest, type PackageFile, type PackageFileRole } from '../contracts/registry.js';
import { ConfigurationError } from '../errors.js';
import { sha256Hex } from '../io/digest.js';
import { serializeDocument } from './documents.js';
import type { AssetUpload } from './ports.js';

/**
 * A model package: the files of one version, each with its size and sha256, listed in
 * ghml-package.json. GitHub takes release assets under 2 GiB, so a larger file travels as parts,
 * listed in order in the manifest, and is put together again and verified on download.
 */

export const MANIFEST_NAME = 'ghml-package.json';
export const MODEL_CARD_NAME = 'model-card.md';
/** Parts stay well under GitHub's 2 GiB per asset. */
export const DEFAULT_PART_SIZE = 2_000_000_000;

export interface PackageSource {
  name: string;
  role: PackageFileRole;
  file: string;
}

export interface DescribedFile {
  source: PackageSource;
  entry: PackageFile;
  /** Where each part starts in the file, in the order of entry.parts. */
  partOffsets: number[];
}

/** GitHub replaces characters outside this set in asset names, so ghml never sends any. */
export function safeAssetName(fileName: string): string {
  return path.basename(fileName).replace(/[^A-Za-z0-9._+-]/g, '.').replace(/^[.]+/, '');
}

function partName(name: string, index: number): string {
  return `${name}.part-${String(index + 1).padStart(3, '0')}`;
}

/** Hashes a file, and each part of it when it is larger than a part, in one pass. */
export async function describeFile(source: PackageSource, partSize: number): Promise<DescribedFile> {
  const size = (await stat(source.file).catch(() => {
    throw new ConfigurationError(`${source.file} cannot be read`, { input: source.role === 'model' ? 'model-files' : source.role });
  })).size;
  const whole = createHash('sha256');
  const split = size > partSize;
  const parts: { hash: Hash; size: number }[] = [];
  let current: { hash: Hash; size: number } | undefined;
  for await (const chunk of createReadStream(source.file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    if (!split) continue;
    for (let offset = 0; offset < chunk.length; ) {
      if (!current || current.size === partSize) parts.push((current = { hash: createHash('sha256'), size: 0 }));
      const take = Math.min(partSize - current.size, chunk.length - offset);
      current.hash.update(chunk.subarray(offset, offset + take));
      current.size += take;
      offset += take;
    }
  }
  const entryParts = split ? parts.map((part, index) => ({ asset: partName(source.name, index), size: part.size, sha256: part.hash.digest('hex') })) : null;
  return {
    source,
    entry: { name: source.name, role: source.role, size, sha256: whole.digest('hex'), parts: entryParts },
    partOffsets: split ? parts.map((_, index) => index * partSize) : [],
  };
}

export interface BuiltManifest {
  manifest: PackageManifest;
  content: string;
  /** The package digest: the sha256 of the manifest, which holds every file's sha256. */
  digest: string;
}

export function buildManifest(model: string, version: number, createdAt: string, files: DescribedFile[]): BuiltManifest {
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.entry.name) || file.entry.name === MANIFEST_NAME) {
      throw new ConfigurationError(`two files of the package are named ${file.entry.name} (asset names keep only A-Z, a-z, 0-9, ".", "_", "+" and "-"): rename one`, { input: 'model-files' });
    }
    names.add(file.entry.name);
  }
  const manifest: PackageManifest = { format: 'ghml.package/v1', model, version, createdAt, files: files.map((file) => file.entry) };
  const content = serializeDocument(PackageManifest, manifest);
  return { manifest, content, digest: sha256Hex(content) };
}

function contentType(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.md')) return 'text/markdown';
  return 'application/octet-stream';
}

export interface PlannedAsset extends AssetUpload {
  sha256: string;
}

/** The release assets that carry the package: one per file, or one per part, then the manifest. */
export function plannedAssets(files: DescribedFile[], manifestFile: string, manifest: BuiltManifest): PlannedAsset[] {
  const assets: PlannedAsset[] = [];
  for (const { source, entry, partOffsets } of files) {
    if (entry.parts === null) {
      assets.push({ name: entry.name, contentType: contentType(entry.name), file: source.file, offset: 0, size: entry.size, sha256: entry.sha256 });
      continue;
    }
    entry.parts.forEach((part, index) => {
      assets.push({ name: part.asset, contentType: 'application/octet-stream', file: source.file, offset: partOffsets[index], size: part.size, sha256: part.sha256 });
    });
  }
  assets.push({ name: MANIFEST_NAME, contentType: 'application/json', file: manifestFile, offset: 0, size: Buffer.byteLength(manifest.content), sha256: manifest.digest });
  return assets;
}
