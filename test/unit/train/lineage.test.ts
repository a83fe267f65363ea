import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintData, parseDvcFile, readDvcPointers } from '../../../src/train/data-lineage.js';
import { sha256OfFile } from '../../../src/io/digest.js';
import { captureGit, captureTrigger, findLockFiles } from '../../../src/train/environment.js';
import { scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

describe('data lineage', () => {
  it('fingerprints tabular files with their rows, other files by digest, and directories file by file', async () => {
    const dir = path.join(scratch.dir, 'data-project');
    await mkdir(path.join(dir, 'images/cats'), { recursive: true });
    await copyFile(seattleWeather, path.join(dir, 'weather.csv'));
    await writeFile(path.join(dir, 'images/cats/1.png'), 'png');
    await writeFile(path.join(dir, 'images/a.npy'), 'npy');
    await writeFile(path.join(dir, 'ragged.csv'), 'a,b\n1\n');
    const data = await fingerprintData(['weather.csv', 'images', 'ragged.csv'], dir);
    expect(data.files).toEqual([
      { path: 'weather.csv', format: 'csv', bytes: 48219, sha256: await sha256OfFile(seattleWeather), rows: 1461 },
      { path: 'ragged.csv', format: 'csv', bytes: 6, sha256: await sha256OfFile(path.join(dir, 'ragged.csv')), rows: expect.any(Number) },
    ]);
    expect(data.otherFiles.map((f) => f.path)).toEqual(['images/a.npy', 'images/cats/1.png']);
    expect(data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await fingerprintData([], dir)).fingerprint).toBeNull();
  });

  it('reads DVC pointers from .dvc files and dvc.lock, in either dvc.lock format', () => {
    expect(parseDvcFile('data/images.dvc', 'outs:\n- md5: 3863d0e317dee0a55c4e59d2ec0eef33.dir\n  size: 1024\n  nfiles: 3\n  hash: md5\n  path: images\n')).toEqual([
      { source: 'data/images.dvc', stage: null, role: 'out', path: 'images', hash: '3863d0e317dee0a55c4e59d2ec0eef33.dir', hashAlgorithm: 'md5', size: 1024, files: 3 },
    ]);
    expect(parseDvcFile('dvc.lock', 'train:\n  cmd: python train.py\n  deps:\n  - path: data.csv\n    md5: abc\n')).toEqual([
      { source: 'dvc.lock', stage: 'train', role: 'dep', path: 'data.csv', hash: 'abc', hashAlgorithm: 'md5', size: null, files: null },
    ]);
    expect(parseDvcFile('s3.dvc', 'deps:\n- path: s3://bucket/data.csv\n  etag: "0x8D9"\n')).toMatchObject([{ role: 'dep', hash: '0x8D9', hashAlgorithm: 'etag' }]);
    expect(parseDvcFile('broken.dvc', 'outs: [')).toEqual([]);
  });

  it('finds DVC files below the working directory, but not inside .git, .dvc or node_modules', async () => {
    const dir = path.join(scratch.dir, 'dvc-project');
    for (const sub of ['data', '.dvc/cache', 'node_modules/pkg']) await mkdir(path.join(dir, sub), { recursive: true });
    await writeFile(path.join(dir, 'data/train.csv.dvc'), 'outs:\n- md5: 1\n  path: train.csv\n');
    await writeFile(path.join(dir, '.dvc/cache/x.dvc'), 'outs:\n- md5: 2\n  path: x\n');
    await writeFile(path.join(dir, 'node_modules/pkg/y.dvc'), 'outs:\n- md5: 3\n  path: y\n');
    const { pointers, truncated } = await readDvcPointers(dir);
    expect(truncated).toBe(false);
    expect(pointers.map((p) => `${p.source}:${p.path}`)).toEqual(['data/train.csv.dvc:train.csv']);
  });
});

describe('code and trigger', () => {
  it('records the commit, the branch and whether tracked files changed', async () => {
    const dir = path.join(scratch.dir, 'repo');
    await mkdir(dir);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    expect(await captureGit(dir, process.env)).toBeNull();
    git('init', '-q', '-b', 'feature/x');
    await writeFile(path.join(dir, 'train.py'), 'print(1)\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one');
    const commit = git('rev-parse', 'HEAD');
    await writeFile(path.join(dir, 'untracked.txt'), 'not code');
    expect(await captureGit(dir, process.env)).toEqual({ commit, branch: 'feature/x', dirty: false });
    await writeFile(path.join(dir, 'train.py'), 'print(2)\n');
    expect(await captureGit(dir, process.env)).toMatchObject({ dirty: true });
    git('checkout', '-q', '--detach');
    expect(await captureGit(dir, { ...process.env, GITHUB_REF_NAME: 'main' })).toMatchObject({ branch: 'main' });
  });

  it('finds lock files by their names, and describes the trigger outside Actions as the CLI', async () => {
    const dir = path.join(scratch.dir, 'locks');
    await mkdir(dir);
    for (const name of ['requirements-dev.txt', 'poetry.lock', 'Pipfile.lock', 'environment.yml', 'package-lock.json', 'notes.txt', 'pyproject.toml']) await writeFile(path.join(dir, name), name);
    expect((await findLockFiles(dir)).map((f) => f.path)).toEqual(['environment.yml', 'package-lock.json', 'Pipfile.lock', 'poetry.lock', 'requirements-dev.txt']);
    expect(captureTrigger({ USER: 'ada' })).toEqual({ event: 'cli', actor: 'ada', repository: null, ref: null, sha: null, workflow: null, job: null, runId: null, runAttempt: null, runUrl: null });
  });
});
