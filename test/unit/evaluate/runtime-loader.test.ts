import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { loadFromToolCache, pinnedRuntime, toolCacheDirectory, type RuntimePin } from '../../../src/model/runtime-loader.js';
import { readModelMetadata } from '../../../src/model/session.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const lock = JSON.parse(await readFile(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };

/**
 * A tool cache seeded as an administrator of an offline runner would: the packages in
 * <tool cache>/ghml-onnxruntime-node/<version>/node_modules (here links to this checkout's), with
 * npm's record of the install. `record` overrides what that record says.
 */
async function seedToolCache(name: string, pin: RuntimePin, record: Record<string, { version: string; integrity: string }> = {}): Promise<string> {
  const toolCache = path.join(scratch.dir, name);
  const modules = path.join(toolCacheDirectory(toolCache, pin, false), 'node_modules');
  await mkdir(modules, { recursive: true });
  const packages: Record<string, unknown> = {};
  for (const pkg of ['onnxruntime-node', 'onnxruntime-common']) {
    await symlink(path.join(repoRoot, 'node_modules', pkg), path.join(modules, pkg), 'dir');
    packages[`node_modules/${pkg}`] = record[pkg] ?? lock.packages[`node_modules/${pkg}`];
  }
  await writeFile(path.join(modules, '.package-lock.json'), JSON.stringify({ name: 'seeded', lockfileVersion: 3, requires: true, packages }));
  return toolCache;
}

describe('runtime loader', () => {
  it('pins the version and integrity of package-lock.json', async () => {
    const pin = await pinnedRuntime();
    expect(pin['onnxruntime-node']).toEqual({ version: lock.packages['node_modules/onnxruntime-node'].version, integrity: lock.packages['node_modules/onnxruntime-node'].integrity });
    expect(pin['onnxruntime-common'].integrity).toMatch(/^sha512-/);
  });

  it('loads ONNX Runtime from a pre-seeded tool cache that matches the pin, without installing anything', async () => {
    const pin = await pinnedRuntime();
    const toolCache = await seedToolCache('seeded', pin);
    const loaded = await loadFromToolCache(toolCache, pin, { installMissing: false });
    expect(loaded.source).toBe('tool-cache');
    expect(loaded.directory).toBe(path.join(toolCache, 'ghml-onnxruntime-node', pin['onnxruntime-node'].version, 'node_modules', 'onnxruntime-node'));
    const session = await loaded.ort.InferenceSession.create(await trainExampleModel());
    const features = new loaded.ort.Tensor('float32', Float32Array.of(0, 10, 5, 3), [1, 4]);
    const result = await session.run({ features });
    expect(result.label.data).toHaveLength(1);
    await session.release();
  });

  it('refuses a tool cache whose install does not carry the pinned integrity, naming the directory and the fix', async () => {
    const pin = await pinnedRuntime();
    const tampered = await seedToolCache('tampered', pin, { 'onnxruntime-node': { version: pin['onnxruntime-node'].version, integrity: 'sha512-AAAA' } });
    const error = await loadFromToolCache(tampered, pin, { installMissing: false }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(toolCacheDirectory(tampered, pin, false));
    expect((error as Error).message).toMatch(/onnxruntime-node .* \(sha512-AAAA\) is installed, but ghml's package-lock\.json pins .*Remove the directory/);
  });

  it('says what to do when the tool cache is empty and installing is not allowed', async () => {
    const pin = await pinnedRuntime();
    await expect(loadFromToolCache(path.join(scratch.dir, 'empty'), pin, { installMissing: false })).rejects.toThrow(/not in the tool cache .*ONNX Runtime on the runner/);
  });

  it('reads the classes and features a model carries in its metadata, and nothing from bytes that are not a model', async () => {
    const metadata = readModelMetadata(await readFile(await trainExampleModel()));
    expect(JSON.parse(metadata.classes)).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(JSON.parse(metadata.features)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
    expect(readModelMetadata(Buffer.from('not a model at all'))).toEqual({});
  });
});
