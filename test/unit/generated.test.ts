import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build script is plain JavaScript, run by node directly
import { bundle } from '../../scripts/build.mjs';
import { generateSchemas } from '../../scripts/generate-schemas.js';
import { repoRoot } from '../helpers/temp.js';

const scratch = await mkdtemp(path.join(tmpdir(), 'ghml-generated-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`])),
  );
  return files.flat().sort();
}

async function expectSameTree(fresh: string, committed: string, rebuild: string): Promise<void> {
  const freshFiles = await listFiles(fresh);
  expect(await listFiles(committed), `${committed} is stale: run \`${rebuild}\` and commit`).toEqual(freshFiles);
  for (const file of freshFiles) {
    const same = (await readFile(path.join(fresh, file))).equals(await readFile(path.join(committed, file)));
    expect(same, `${path.relative(repoRoot, path.join(committed, file))} is stale: run \`${rebuild}\` and commit`).toBe(true);
  }
}

// The committed dist/ is what the Actions run and schemas/ is what users' editors check against:
// both must be exactly what the sources produce.
describe('generated files', () => {
  it('schemas/ matches the zod contracts', async () => {
    await generateSchemas(path.join(scratch, 'schemas'));
    await expectSameTree(path.join(scratch, 'schemas'), path.join(repoRoot, 'schemas'), 'npm run build');
  });

  it('dist/ matches a fresh bundle', async () => {
    await bundle(path.join(scratch, 'dist'));
    await expectSameTree(path.join(scratch, 'dist'), path.join(repoRoot, 'dist'), 'npm run build');
  });
});
