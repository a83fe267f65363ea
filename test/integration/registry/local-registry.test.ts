import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { DriftReport } from '../../../src/contracts/drift.js';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { LocalGitRegistryStore } from '../../../src/registry/local-git-store.js';
import { registryPaths } from '../../../src/registry/paths.js';
import { Registry } from '../../../src/registry/registry.js';
import { runDriftCheck } from '../../../src/steps/drift-check.js';
import { seattleWeather } from '../../helpers/temp.js';
import { seedRegistry } from './seed.js';
import { registrationInputs } from './support.js';

/** The registry in a repository on disk: reading, promotion branches, runs and drift reports, without GitHub. */

let repository: string;
let registry: Registry;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, encoding: 'utf8' }).trim();

beforeAll(async () => {
  repository = await mkdtemp(path.join(tmpdir(), 'ghml-local-'));
  git('init', '-q', '-b', 'main');
  await mkdir(path.join(repository, '.github'));
  await writeFile(path.join(repository, '.github/ghml.yml'), 'registry-branch: models\nstages: [staging, production]\n');
  git('add', '.');
  git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'policy');
  git('config', 'user.name', 'Local Dev');
  git('config', 'user.email', 'local@example.com');
  await seedRegistry(path.join(repository, '.git'), 'models', git('rev-parse', 'HEAD'), [{ name: 'churn', versions: 3, aliases: { staging: 3, production: 2 } }]);
  registry = new Registry(await LocalGitRegistryStore.open(repository), 'models');
});
afterAll(() => rm(repository, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--local', repository], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: repository, env: {} }, commands);
  return { code, stdout, stderr };
}

describe('a registry on disk', () => {
  it('is read through the CLI, on the branch the default branch\'s policy names', async () => {
    expect((await cli('registry', 'list')).stdout).toContain('| churn | v3 | staging v3, production v2 | — |');
    expect((await cli('registry', 'show', 'churn@production')).stdout).toMatch(/^churn v2\n/);
    const promote = await cli('promote', 'churn', '3', '--to', 'production');
    expect(promote.stderr).toBe('');
    expect(promote.stdout).toBe('Promote churn to v3 in production: the branch ghml/promote/churn/production/v3 holds the change; push it and open a pull request into models\n');
    expect(git('diff', '--name-only', 'models', 'ghml/promote/churn/production/v3')).toBe('models/churn/aliases.json');
    expect(JSON.parse(git('show', 'ghml/promote/churn/production/v3:models/churn/aliases.json'))).toEqual({ staging: 3, production: 3 });
    const register = await cli('register', '--model', 'churn', '--model-file', 'x.onnx');
    expect(register.code).toBe(2);
    expect(register.stderr).toContain('register publishes the package as a GitHub release: give --repo');
  });

  it('tells who moved which stage when, and what a rollback would restore', async () => {
    const store = registry.store;
    const head = (await store.head('models'))!;
    await store.commitFiles({ branch: 'models', parent: head, expected: head, files: [{ path: registryPaths.aliases('churn'), content: '{\n  "staging": 3,\n  "production": 3\n}\n' }], message: 'promote churn v3 to production' });
    const history = await registry.aliasHistory('churn');
    expect(history.map((entry) => entry.changes)).toEqual([
      [{ stage: 'production', from: 2, to: 3 }],
      [{ stage: 'production', from: null, to: 2 }, { stage: 'staging', from: null, to: 3 }],
    ]);
    expect(history[0].author).toMatchObject({ name: 'Local Dev', email: 'local@example.com' });
    expect(await registry.previousHolder('churn', 'production')).toMatchObject({ version: 2, current: 3 });
    expect(await registry.productionVersion('churn')).toBe(3);
    const text = (await cli('registry', 'history', 'churn', '--stage', 'production')).stdout;
    expect(text.split('\n')[0]).toMatch(/production v2 → v3 {2}by Local Dev/);
    // A version where a model name belongs, and a limit of nothing, are refused before any reading.
    const versioned = await cli('registry', 'history', 'churn@v3');
    expect(versioned.code).toBe(2);
    expect(versioned.stderr).toContain('model name "churn@v3"');
    const none = await cli('registry', 'history', 'churn', '--limit', '0');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--limit must be at least 1');
    await expect(registry.previousHolder('churn', 'staging')).rejects.toThrow('churn v3 is the only version staging has held');
  });

  it('files run records once and drift reports by time, with latest.json', async () => {
    const inputs = await registrationInputs(path.join(repository, '..', `${path.basename(repository)}-inputs`), git('rev-parse', 'HEAD'), { model: 'churn' });
    const run = RunRecord.parse(JSON.parse(await readFile(inputs.runRecord, 'utf8')));
    expect(await registry.commitRun(run)).toBe(`${repository} models:runs/churn/${run.id}.json`);
    const before = await registry.store.head('models');
    await registry.commitRun(run);
    expect(await registry.store.head('models')).toBe(before);

    const report = DriftReport.parse(await runDriftCheck({ reference: [seattleWeather], current: [seattleWeather], now: new Date('2026-03-04T05:06:07.089Z') }));
    const filed = await registry.recordDriftReport('churn', 'production', report);
    expect(filed.path).toMatch(/^drift\/churn\/production\/20260304T050607\.089Z-[0-9a-f]{8}\.json$/);
    const snapshot = await registry.snapshot();
    expect(await snapshot.read(filed.path)).toBe(await snapshot.read(registryPaths.latestDrift('churn', 'production')));
    await expect(registry.recordDriftReport('churn', 'Prod/x', report)).rejects.toThrow('stage "Prod/x"');
  });
});
