import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PackageManifest } from '../../../src/contracts/registry.js';
import { ConfigurationError } from '../../../src/errors.js';
import { buildManifest, describeFile, MANIFEST_NAME, plannedAssets, safeAssetName } from '../../../src/registry/package.js';
import { scratchDirectory } from '../../helpers/temp.js';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const scratch = await scratchDirectory();

describe('model packages', () => {
  it('hashes a file whole and, when it is larger than a part, each part in one pass', async () => {
    const bytes = Buffer.from(Array.from({ length: 2_500 }, (_, i) => (i * 7) % 256));
    const file = await scratch.file('model.onnx', bytes);
    const whole = await describeFile({ name: 'model.onnx', role: 'model', file }, 10_000);
    expect(whole.entry).toEqual({ name: 'model.onnx', role: 'model', size: 2_500, sha256: sha256(bytes), parts: null });
    const split = await describeFile({ name: 'model.onnx', role: 'model', file }, 1_000);
    expect(split.entry.sha256).toBe(sha256(bytes));
    expect(split.entry.parts).toEqual([
      { asset: 'model.onnx.part-001', size: 1_000, sha256: sha256(bytes.subarray(0, 1_000)) },
      { asset: 'model.onnx.part-002', size: 1_000, sha256: sha256(bytes.subarray(1_000, 2_000)) },
      { asset: 'model.onnx.part-003', size: 500, sha256: sha256(bytes.subarray(2_000)) },
    ]);
    expect(split.partOffsets).toEqual([0, 1_000, 2_000]);
    const exact = await describeFile({ name: 'model.onnx', role: 'model', file }, 2_500);
    expect(exact.entry.parts).toBeNull();
  });

  it('lists every file in the manifest, whose sha256 is the package digest, and plans one asset per file or part', async () => {
    const model = await scratch.file('net.onnx', Buffer.alloc(2_048, 1));
    const card = await scratch.file('model-card.md', '# net v3\n');
    const files = [await describeFile({ name: 'net.onnx', role: 'model', file: model }, 1_024), await describeFile({ name: 'model-card.md', role: 'model-card', file: card }, 1_024)];
    const manifest = buildManifest('net', 3, '2026-01-01T00:00:00.000Z', files);
    expect(PackageManifest.parse(JSON.parse(manifest.content))).toEqual(manifest.manifest);
    expect(manifest.digest).toBe(sha256(manifest.content));
    const manifestFile = await scratch.file(MANIFEST_NAME, manifest.content);
    const assets = plannedAssets(files, manifestFile, manifest);
    expect(assets.map(({ name, offset, size, contentType }) => ({ name, offset, size, contentType }))).toEqual([
      { name: 'net.onnx.part-001', offset: 0, size: 1_024, contentType: 'application/octet-stream' },
      { name: 'net.onnx.part-002', offset: 1_024, size: 1_024, contentType: 'application/octet-stream' },
      { name: 'model-card.md', offset: 0, size: 9, contentType: 'text/markdown' },
      { name: MANIFEST_NAME, offset: 0, size: Buffer.byteLength(manifest.content), contentType: 'application/json' },
    ]);
    expect(assets.at(-1)!.sha256).toBe(manifest.digest);
    expect(await readFile(manifestFile, 'utf8')).toBe(manifest.content);
  });

  it('keeps file names within what GitHub keeps in asset names, and refuses two files of one name', async () => {
    expect(safeAssetName('/models/my model (final).onnx')).toBe('my.model..final..onnx');
    expect(safeAssetName('.hidden.onnx')).toBe('hidden.onnx');
    const file = await scratch.file('a.json', '{}');
    const twice = [await describeFile({ name: 'a.json', role: 'model', file }, 100), await describeFile({ name: 'a.json', role: 'metrics', file }, 100)];
    expect(() => buildManifest('net', 1, '2026-01-01T00:00:00.000Z', twice)).toThrow(ConfigurationError);
    expect(() => buildManifest('net', 1, '2026-01-01T00:00:00.000Z', twice)).toThrow('two files of the package are named a.json');
  });
});
