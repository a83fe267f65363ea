import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A temporary directory removed after the file's tests; `file()` writes into it and returns the path. */
export async function scratchDirectory(): Promise<{ dir: string; file(name: string, content: string | Uint8Array): Promise<string> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ghml-test-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    dir,
    async file(name, content) {
      const target = path.join(dir, name);
      await writeFile(target, content);
      return target;
    },
  };
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const seattleWeather = path.join(repoRoot, 'node_modules/vega-datasets/data/seattle-weather.csv');
export const flights3m = path.join(repoRoot, 'node_modules/vega-datasets/data/flights-3m.parquet');
