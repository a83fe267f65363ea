import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { PackageManifest, VersionRecord } from '../../../src/contracts/registry.js';
import { ConfigurationError } from '../../../src/errors.js';
import { registryPaths } from '../../../src/registry/paths.js';
import { Registry } from '../../../src/registry/registry.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runPromote, runRollback } from '../../../src/steps/promote.js';
import { runRegister } from '../../../src/steps/register.js';
import { expectNoContractViolations, octokitFor } from '../../sandbox/helpers.js';
import { callsDuring, githubPorts, registerOptions, registrationInputs, type RegistrationInputs } from './support.js';

const policy = `registry-branch: ghml/registry
stages: [staging, production]
risk-tiers:
  low: { approvals: 1 }
models:
  weather: { risk: low, owners: ["@octo-org/ml-leads"] }
`;

let sandbox: Sandbox;
let work: string;
let inputs: RegistrationInputs;
let ports: ReturnType<typeof githubPorts>;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ghml-register-'));
  const seed = path.join(work, 'seed');
  await mkdir(path.join(seed, '.github'), { recursive: true });
  await writeFile(path.join(seed, '.github/ghml.yml'), policy);
  await writeFile(path.join(seed, 'train.py'), 'print("train")\n');
  sandbox = await startSandbox({ seed, directory: path.join(work, 'sandbox') });
  const commit = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
  inputs = await registrationInputs(path.join(work, 'inputs'), commit);
  ports = githubPorts(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  expect(sandbox.faults.remaining).toBe(0);
  expectNoContractViolations(sandbox);
});

const register = (options: Partial<Parameters<typeof runRegister>[0]> = {}) => runRegister({ ...registerOptions(inputs, path.join(work, 'scratch')), ...options }, ports);
const registry = () => new Registry(ports.store, 'ghml/registry');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliAs('alice', ...argv);
}

async function cliAs(login: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--repo', 'octo-org/ml-repo', '--api-url', sandbox.apiUrl], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: work,
    env: { GITHUB_TOKEN: sandbox.tokens[login] },
  }, commands);
  return { code, stdout, stderr };
}

async function mergePullRequest(number: number): Promise<void> {
  await octokitFor(sandbox, 'octocat').rest.pulls.merge({ ...repo, pull_number: number });
}

/** What a reader can see of a version: its record, its release, its tag. */
async function visible(version: number) {
  const snapshot = await registry().snapshot();
  const record = await snapshot.read(registryPaths.version('weather', version));
  const releases = await octokitFor(sandbox, 'alice').paginate(octokitFor(sandbox, 'alice').rest.repos.listReleases, { ...repo, per_page: 100 });
  const release = releases.find((candidate) => candidate.tag_name === `model/weather/v${version}`);
  const tag = (await sandbox.repo.git(['tag', '--list', `model/weather/v${version}`])).trim();
  return { record: record !== undefined, release: release !== undefined, tag: tag !== '' };
}

describe('register against the sandbox', () => {
  it('registers the example model twice at once: distinct versions, each a published release with verified assets', async () => {
    const [first, second] = await Promise.all([register(), register({ tags: ['second'] })]);
    expect([first.version, second.version].sort()).toEqual([1, 2]);
    for (const result of [first, second]) {
      expect(result.tag).toBe(`model/weather/v${result.version}`);
      const { data: release } = await octokitFor(sandbox, 'carol').rest.repos.getReleaseByTag({ ...repo, tag: result.tag });
      expect(release.draft).toBe(false);
      expect(release.html_url).toBe(result.releaseUrl);
      expect(release.body).toContain(`# weather v${result.version}`);
      expect(release.assets.map((asset) => asset.name).sort()).toEqual([
        'data-contract.json', 'data-profile.json', 'evaluation-report.json', 'ghml-package.json', 'metrics.json', 'model-card.md', 'run-record.json', 'seattle-weather.onnx', 'validation-report.json',
      ]);
      for (const asset of release.assets) expect(`sha256:${result.record.assets.find((entry) => entry.name === asset.name)!.sha256}`).toBe(asset.digest);
      expect((await sandbox.repo.git(['rev-parse', `${result.tag}^{commit}`])).trim()).toBe(inputs.commit);
    }
    const snapshot = await registry().snapshot();
    const stored = VersionRecord.parse(JSON.parse((await snapshot.read(registryPaths.version('weather', 1)))!));
    expect(stored).toMatchObject({ model: 'weather', version: 1, commit: inputs.commit, evaluation: { passed: true }, dataValidation: { passed: true }, metrics: { accuracy: 0.84 } });
    expect(stored.lineage.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const model = await registry().requireModel(snapshot, 'weather');
    expect(model).toMatchObject({ latestVersion: 2, riskTier: 'low', owners: ['@octo-org/ml-leads'], task: 'multiclass' });
    expect(await registry().aliases(snapshot, 'weather')).toEqual({});
    const runId = JSON.parse(await readFile(inputs.runRecord, 'utf8')).id;
    expect(await snapshot.read(registryPaths.run('weather', runId))).toBeDefined();
    expect(await snapshot.read(registryPaths.evaluation('weather', 1, stored.evaluation!.id))).toContain('"passed": true');
  });

  it('promotes to staging through a pull request that changes only aliases.json, updated rather than duplicated', async () => {
    const reader = octokitFor(sandbox, 'carol');
    const opened = await runPromote({ model: 'weather', version: 1, stage: 'staging' }, ports);
    expect(opened.kind).toBe('opened');
    if (opened.kind !== 'opened') return;
    const { data: pull } = await reader.rest.pulls.get({ ...repo, pull_number: opened.pullRequest.number });
    expect(pull.base.ref).toBe('ghml/registry');
    expect(pull.head.ref).toBe('ghml/promote/weather/staging/v1');
    expect(pull.body).toContain('<!-- ghml:promotion {"model":"weather","stage":"staging","version":1} -->');
    expect(pull.body).toContain('✅ passed its gate');
    expect(pull.body).toContain('✅ valid');
    expect(pull.body).toContain(`/commit/${inputs.commit}`);
    expect(pull.body).toContain('## Intended use');
    const { data: files } = await reader.rest.pulls.listFiles({ ...repo, pull_number: pull.number });
    expect(files.map((file) => file.filename)).toEqual(['models/weather/aliases.json']);
    const headBefore = pull.head.sha;

    const again = await runPromote({ model: 'weather', version: 1, stage: 'staging' }, ports);
    expect(again).toMatchObject({ kind: 'updated', pullRequest: { number: pull.number } });
    expect((await reader.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha).toBe(headBefore);

    const newer = await runPromote({ model: 'weather', version: 2, stage: 'staging' }, ports);
    expect(newer).toMatchObject({ kind: 'opened', superseded: [pull.number] });
    expect((await reader.rest.pulls.get({ ...repo, pull_number: pull.number })).data.state).toBe('closed');
    const open = await reader.rest.pulls.list({ ...repo, state: 'open', base: 'ghml/registry' });
    expect(open.data.map((entry) => entry.head.ref)).toEqual(['ghml/promote/weather/staging/v2']);
    await mergePullRequest(open.data[0].number);
    expect(await registry().aliases(await registry().snapshot(), 'weather')).toEqual({ staging: 2 });
    expect(await runPromote({ model: 'weather', version: 2, stage: 'staging' }, ports)).toMatchObject({ kind: 'unchanged' });
  });

  it('shows, lists and tells the history through the CLI', async () => {
    const show = await cli('registry', 'show', 'weather@staging');
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^weather v2\n/);
    expect(show.stdout).toContain('stages           staging');
    const json = JSON.parse((await cli('registry', 'show', 'weather@v1', '--format', 'json')).stdout);
    expect(json).toMatchObject({ model: 'weather', version: 1, stages: [] });
    const model = await cli('registry', 'show', 'weather');
    expect(model.stdout).toContain('stages          staging v2');
    const list = await cli('registry', 'list');
    expect(list.stdout).toContain('| weather | v2 | staging v2 | @octo-org/ml-leads |');
    await octokitFor(sandbox, 'alice').rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'staging', payload: { model: 'weather', version: 2 }, required_contexts: [], auto_merge: false });
    await octokitFor(sandbox, 'alice').rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'staging', payload: { model: 'other', version: 1 }, required_contexts: [], auto_merge: false });
    const history = await cli('registry', 'history', 'weather', '--stage', 'staging');
    expect(history.code).toBe(0);
    const [change, blank, heading, deployment, ...rest] = history.stdout.trim().split('\n');
    expect(change).toMatch(/staging — → v2 {2}by alice/);
    expect([blank, heading, rest]).toEqual(['', 'deployments', []]);
    expect(deployment).toMatch(/ {2}staging {2}v2 {2}by alice {2}\(deployment \d+\)$/);
  });

  it('downloads a package, verifying every digest, and refuses a tampered asset', async () => {
    const out = path.join(work, 'got');
    const got = await cli('registry', 'get', 'weather@staging', '--out', out);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('weather@staging is weather v2: 8 files verified');
    const manifest = PackageManifest.parse(JSON.parse(await readFile(path.join(out, 'ghml-package.json'), 'utf8')));
    expect(manifest.files.map((file) => file.name)).toContain('seattle-weather.onnx');
    expect(await readFile(path.join(out, 'seattle-weather.onnx'))).toEqual(await readFile(inputs.modelFile));

    const record = VersionRecord.parse(JSON.parse((await (await registry().snapshot()).read(registryPaths.version('weather', 1)))!));
    const model = record.assets.find((asset) => asset.name === 'seattle-weather.onnx')!;
    const stored = path.join(work, 'sandbox', 'assets', String(model.id));
    const bytes = await readFile(stored);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(stored, bytes);
    const refusedOut = path.join(work, 'refused');
    const refused = await cli('registry', 'get', 'weather@v1', '--out', refusedOut);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused weather v1: seattle-weather\.onnx is \d+ bytes with sha256 [0-9a-f]{64}, but the package lists/);
    expect(await readdir(refusedOut)).toEqual([]);
  });

  it('splits a file larger than the part size into assets and puts it together on download', async () => {
    const result = await register({ partSize: 1000 });
    const out = path.join(work, 'parts');
    expect((await cli('registry', 'get', `weather@v${result.version}`, '--out', out)).code).toBe(0);
    const manifest = PackageManifest.parse(JSON.parse(await readFile(path.join(out, 'ghml-package.json'), 'utf8')));
    const modelEntry = manifest.files.find((file) => file.role === 'model')!;
    const size = (await readFile(inputs.modelFile)).length;
    expect(modelEntry.parts).toHaveLength(Math.ceil(size / 1000));
    expect(modelEntry.parts![0]).toMatchObject({ asset: 'seattle-weather.onnx.part-001', size: 1000 });
    expect(result.record.assets.map((asset) => asset.name)).not.toContain('seattle-weather.onnx');
    expect(await readFile(path.join(out, 'seattle-weather.onnx'))).toEqual(await readFile(inputs.modelFile));
    expect((await readdir(out)).filter((name) => name.includes('.part-'))).toEqual([]);
  });

  it('rolls production back to the version that held it before', async () => {
    for (const version of [1, 2]) {
      const outcome = await runPromote({ model: 'weather', version, stage: 'production' }, ports);
      if (outcome.kind !== 'opened') throw new Error(`expected a new pull request, got ${outcome.kind}`);
      await mergePullRequest(outcome.pullRequest.number);
    }
    const rollback = await runRollback({ model: 'weather', stage: 'production' }, ports);
    expect(rollback).toMatchObject({ kind: 'opened', plan: { version: 1, champion: 2, branch: 'ghml/promote/weather/production/v1', title: 'Roll back weather to v1 in production' } });
    const viaCli = await cli('rollback', 'weather', '--stage', 'production');
    expect(viaCli.stdout).toContain('updated #');
    const history = await registry().aliasHistory('weather', { stage: 'production' });
    expect(history.map((entry) => entry.changes[0])).toEqual([{ stage: 'production', from: 1, to: 2 }, { stage: 'production', from: null, to: 1 }]);
  });
});

describe('a registration that fails on the way', () => {
  const failures: [string, Parameters<Sandbox['faults']['inject']>[0]][] = [
    ['creating the draft release', { route: 'repos/create-release', status: 500 }],
    ['uploading an asset, halfway through the package', { route: 'repos/upload-release-asset', status: 500, skip: 3, times: 3 }],
    ['publishing the release', { route: 'repos/update-release', status: 503 }],
    ['committing the version record', { route: 'git/create-tree', status: 500, skip: 1 }],
  ];

  let firstGap: number;

  it.each(failures)('leaves nothing half-registered when %s fails', async (_step, fault) => {
    const gap = (await registry().requireModel(await registry().snapshot(), 'weather')).latestVersion + 1;
    firstGap ??= gap;
    sandbox.faults.inject(fault);
    await expect(register()).rejects.toThrow();
    expect(await visible(gap)).toEqual({ record: false, release: false, tag: false });
    await expect(registry().resolve({ model: 'weather', kind: 'version', version: gap })).rejects.toThrow(`weather v${gap} was never completed`);
  });

  it('takes the next number on a retry, and recovers from a transient upload failure by sending the asset again', async () => {
    sandbox.faults.inject({ route: 'repos/upload-release-asset', status: 502, skip: 1 });
    const result = await register();
    expect(result.version).toBe(firstGap + failures.length);
    expect(await visible(result.version)).toEqual({ record: true, release: true, tag: true });
    expect((await registry().resolve({ model: 'weather', kind: 'latest' })).record.version).toBe(result.version);
  });
});

describe('bad input', () => {
  it('names what is wrong, before any call for a bad model name', async () => {
    const calls = await callsDuring(sandbox, async () => {
      for (const name of ['team/weather', '../weather', 'a..b', 'Weather', 'w.lock']) {
        await expect(register({ model: name })).rejects.toThrow(ConfigurationError);
      }
    });
    expect(calls.total).toBe(0);
    await expect(register({ model: 'team/weather' })).rejects.toThrow('model name "team/weather" must be 1–64 characters of a-z, 0-9');
    await expect(register({ model: 'a..b' })).rejects.toThrow('must not contain ".."');
  });

  it('refuses unknown models, missing versions and stages outside the policy', async () => {
    expect((await cli('registry', 'show', 'nope@v1')).stderr).toContain('there is no model "nope" in the registry');
    expect((await cli('registry', 'show', 'weather@v99')).stderr).toMatch(/weather has no version 99: its versions go up to v\d+/);
    expect((await cli('registry', 'show', 'weather@canary')).stderr).toContain('no version of weather is in canary (staging → v2, production → v2)');
    const promote = await cli('promote', 'weather', '1', '--to', 'prod');
    expect(promote.code).toBe(2);
    expect(promote.stderr).toContain('"prod" is not a stage of the promotion policy: its stages are staging, production');
    await expect(register({ promoteTo: 'prod' })).rejects.toThrow('its stages are staging, production');
    await expect(register({ modelFiles: [path.join(work, 'missing.onnx')] })).rejects.toThrow('missing.onnx cannot be read');
    const wrongModel = await registrationInputs(path.join(work, 'other'), inputs.commit, { model: 'other' });
    await expect(register({ runRecord: wrongModel.runRecord })).rejects.toThrow('the run record is of model "other", not "weather"');
    await expect(register({ attest: true, env: {} })).rejects.toThrow(/attest is true but this job cannot get an OIDC token/);
    await expect(register({ commit: 'f'.repeat(40) })).rejects.toThrow(`commit ${'f'.repeat(40)} is not in octo-org/ml-repo`);
  });

  it('tells a token that cannot see the repository, or may not write to it, from a registry that is not there', async () => {
    const hidden = await cliAs('mallory', 'registry', 'list');
    expect(hidden).toMatchObject({ code: 2, stdout: '' });
    expect(hidden.stderr).toContain('repository octo-org/ml-repo does not exist, or the token cannot see it');
    const reader = await cliAs('carol', 'promote', 'weather', '1', '--to', 'production');
    expect(reader.code).toBe(2);
    expect(reader.stderr).toContain('the token may not do this on octo-org/ml-repo (403');
    expect(await cliAs('carol', 'registry', 'list', '--registry-branch', 'nothing-here')).toMatchObject({ code: 0, stdout: 'no models registered\n' });
  });

  it('reports a registry document that fails its schema with its path', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/ghml/registry' })).data.object.sha;
    const base = (await octokit.rest.git.getCommit({ ...repo, commit_sha: head })).data.tree.sha;
    const { data: tree } = await octokit.rest.git.createTree({ ...repo, base_tree: base, tree: [{ path: 'models/weather/aliases.json', mode: '100644', type: 'blob', content: '{"staging": "two"}\n' }] });
    const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message: 'a hand edit', tree: tree.sha, parents: [head] });
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/ghml/registry', sha: commit.sha });
    const shown = await cli('registry', 'show', 'weather@staging');
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('octo-org/ml-repo ghml/registry:models/weather/aliases.json: does not match its schema: staging: Invalid input: expected number, received string');
  });
});
