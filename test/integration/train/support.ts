import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { repoRoot, seattleWeather } from '../../helpers/temp.js';

export const trainEntry = path.join(repoRoot, 'dist/train.js');
export const fixtures = path.join(repoRoot, 'test/fixtures/train');
export const twoGpus = path.join(fixtures, 'nvidia-smi/two-gpus');
export const resumableScript = path.join(fixtures, 'resumable.mjs');
export const exampleCommand = `node --import tsx ${path.join(repoRoot, 'examples/seattle-weather/train.ts')} --data data/seattle-weather.csv`;

/** PATH without any real nvidia-smi, so "no GPU" holds on a machine that has one. */
export function pathWithoutGpu(): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !existsSync(path.join(dir, 'nvidia-smi')))
    .join(path.delimiter);
}

export function pathWithFakeGpus(): string {
  return `${twoGpus}${path.delimiter}${pathWithoutGpu()}`;
}

export const DVC_FILE = `outs:
- md5: 0845078a290b48e3149ab8639966824d
  size: 48219
  hash: md5
  path: seattle-weather.csv
`;

export const DVC_LOCK = `schema: '2.0'
stages:
  prepare:
    cmd: python prepare.py
    deps:
    - path: raw
      hash: md5
      md5: 9a0364b9e99bb480dd25e1f0284c8555.dir
      size: 1048576
      nfiles: 12
    outs:
    - path: data/prepared.csv
      hash: md5
      md5: 3f1b2a6c8d9e0f1a2b3c4d5e6f7a8b9c
      size: 48219
`;

/**
 * A project as a user's repository holds it: committed code, lock files, DVC pointers and the data,
 * in a real git repository. node_modules links to ours so `node --import tsx` resolves.
 */
export async function userProject(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await copyFile(seattleWeather, path.join(dir, 'data/seattle-weather.csv'));
  await writeFile(path.join(dir, 'requirements.txt'), 'numpy==1.26.4\nonnx==1.16.0\n');
  await writeFile(path.join(dir, 'uv.lock'), 'version = 1\nrequires-python = ">=3.11"\n');
  await writeFile(path.join(dir, 'data/seattle-weather.csv.dvc'), DVC_FILE);
  await writeFile(path.join(dir, 'dvc.lock'), DVC_LOCK);
  await writeFile(path.join(dir, '.gitignore'), 'node_modules\nmodel/\ncheckpoints/\n');
  await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=ghml', '-c', 'user.email=ghml@example.com', 'commit', '-q', '-m', 'project');
  return git('rev-parse', 'HEAD');
}

const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;
let validate: ValidateFunction | undefined;

/** Reads a run record, failing unless it is valid against the published schemas/run-record.json and the zod contract. */
export async function readRecord(file: string): Promise<RunRecord> {
  const document: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(await readFile(path.join(repoRoot, 'schemas/run-record.json'), 'utf8')));
  }
  if (!validate(document)) throw new Error(`${file} does not match schemas/run-record.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  return RunRecord.parse(document);
}
