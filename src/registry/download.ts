import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PackageManifest, type PackageFile, type VersionRecord } from '../contracts/registry.js';
import { DataError } from '../errors.js';
import { parseDocument } from './documents.js';
import { MANIFEST_NAME } from './package.js';
import type { ReleaseAssetReader } from './ports.js';

export interface DownloadedFile {
  name: string;
  role: PackageFile['role'];
  path: string;
  size: number;
  sha256: string;
}

/**
 * Downloads a version's package and verifies it before anything reaches `outDir`. The chain of
 * trust starts at the version record on the registry branch: the manifest must hash to the
 * package digest recorded there, and every file (every part, and the reassembled whole) to the
 * sha256 the manifest gives. Anything else is refused and nothing is left behind.
 */
export async function downloadPackage(record: VersionRecord, reader: ReleaseAssetReader, outDir: string): Promise<{ manifest: PackageManifest; files: DownloadedFile[] }> {
  const label = `${record.model} v${record.version}`;
  const assetIds = new Map(record.assets.map((asset) => [asset.name, asset.id]));
  const assetId = (name: string) => {
    const id = assetIds.get(name);
    if (id === undefined) throw new DataError(`refused ${label}: its version record lists no release asset ${name}`);
    return id;
  };
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path.join(outDir, '.ghml-download-'));
  try {
    const manifestPath = path.join(staging, MANIFEST_NAME);
    const got = await reader.downloadAsset(assetId(MANIFEST_NAME), manifestPath);
    if (got.sha256 !== record.package.digest) {
      throw new DataError(`refused ${label}: ${MANIFEST_NAME} hashes to ${got.sha256}, not to the package digest ${record.package.digest} the registry recorded; the release was changed after registration`);
    }
    const manifest = parseDocument(PackageManifest, await readFile(manifestPath, 'utf8'), `${record.release.tag}/${MANIFEST_NAME}`);
    if (manifest.model !== record.model || manifest.version !== record.version) {
      throw new DataError(`refused ${label}: its manifest describes ${manifest.model} v${manifest.version}`);
    }
    const files: DownloadedFile[] = [];
    for (const entry of manifest.files) {
      const target = path.join(staging, entry.name);
      if (entry.parts === null) {
        check(label, entry.name, entry, await reader.downloadAsset(assetId(entry.name), target));
      } else {
        const whole = createHash('sha256');
        let size = 0;
        for (const part of entry.parts) {
          const partPath = path.join(staging, part.asset);
          check(label, part.asset, part, await reader.downloadAsset(assetId(part.asset), partPath));
          await pipeline(createReadStream(partPath), async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              whole.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          }, createWriteStream(target, { flags: 'a' }));
          await rm(partPath);
        }
        check(label, `${entry.name} (put together from ${entry.parts.length} parts)`, entry, { size, sha256: whole.digest('hex') });
      }
      files.push({ name: entry.name, role: entry.role, path: path.join(outDir, entry.name), size: entry.size, sha256: entry.sha256 });
    }
    for (const name of [...manifest.files.map((entry) => entry.name), MANIFEST_NAME]) await rename(path.join(staging, name), path.join(outDir, name));
    return { manifest, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function check(label: string, name: string, expected: { size: number; sha256: string }, actual: { size: number; sha256: string }): void {
  if (actual.size === expected.size && actual.sha256 === expected.sha256) return;
  throw new DataError(`refused ${label}: ${name} is ${actual.size} bytes with sha256 ${actual.sha256}, but the package lists ${expected.size} bytes with sha256 ${expected.sha256}; the release asset was changed or damaged`);
}
