import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { inputsSchema } from '../../../src/actions/train/runner.js';
import { repoRoot } from '../../helpers/temp.js';

describe('actions/train/action.yml', () => {
  it('declares exactly the inputs the Action reads, and the outputs it sets', async () => {
    const manifest = parseYaml(await readFile(path.join(repoRoot, 'actions/train/action.yml'), 'utf8'));
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(inputsSchema.shape).sort());
    const runner = await readFile(path.join(repoRoot, 'src/actions/train/runner.ts'), 'utf8');
    const set = [...runner.matchAll(/core\.setOutput\('([^']+)'/g)].map((m) => m[1]);
    expect(Object.keys(manifest.outputs).sort()).toEqual(set.sort());
    expect(manifest.runs).toEqual({ using: 'node24', main: '../../dist/train.js' });
  });
});
