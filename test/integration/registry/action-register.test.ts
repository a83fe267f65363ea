import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../../src/sandbox/step-runner.js';
import { sha256OfFile } from '../../../src/io/digest.js';
import { repoRoot } from '../../helpers/temp.js';
import { expectNoContractViolations, octokitFor } from '../../sandbox/helpers.js';
import { registrationInputs, type RegistrationInputs } from './support.js';

const entry = path.join(repoRoot, 'dist/register.js');
let sandbox: Sandbox;
let workspace: string;
let inputs: RegistrationInputs;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'ghml-register-action-'));
  const seed = path.join(workspace, 'seed');
  await mkdir(path.join(seed, '.github'), { recursive: true });
  await writeFile(path.join(seed, '.github/ghml.yml'), 'stages: [staging, production]\n');
  sandbox = await startSandbox({ seed });
  inputs = await registrationInputs(workspace, (await sandbox.repo.git(['rev-parse', 'main'])).trim());
});
afterAll(async () => {
  await sandbox.close();
  await rm(workspace, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

const stepInputs = () => ({
  model: 'weather',
  'model-files': path.relative(workspace, inputs.modelFile),
  'run-record': path.relative(workspace, inputs.runRecord),
  'evaluation-report': path.relative(workspace, inputs.evaluationReport),
  'data-profile': path.relative(workspace, inputs.dataProfile),
  'data-contract': inputs.dataContract,
  description: 'Seattle weather',
  owners: '@octo-org/ml-leads',
});

describe('the register Action, bundled, as the runner runs it', () => {
  it('registers, opens the promotion pull request, and builds the attestation statement for actions/attest', async () => {
    const env = { ...(await sandboxEnvironment(sandbox)), GITHUB_RUN_ID: '99', ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'unused' };
    const result = await runStep({ entry, workspace, env, inputs: { ...stepInputs(), 'promote-to': 'staging', attest: 'true' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: '1', tag: 'model/weather/v1', 'release-url': expect.stringContaining('/releases/tag/model%2Fweather%2Fv1') });
    expect(result.outputs['package-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.outputs['pull-request-url']).toMatch(/\/pull\/\d+$/);
    expect(result.outputs['attestation-subject-digest']).toBe(result.outputs['package-digest']);
    expect(result.outputs['attestation-subject-name']).toBe('model/weather/v1/ghml-package.json');
    // Every subject, for actions/attest's subject-checksums: the manifest and the model file, by the digests the version record lists.
    const checksums = await readFile(result.outputs['attestation-subject-checksums'], 'utf8');
    expect(checksums).toBe(`${result.outputs['package-digest'].slice('sha256:'.length)}  model/weather/v1/ghml-package.json\n${await sha256OfFile(inputs.modelFile)}  model/weather/v1/${path.basename(inputs.modelFile)}\n`);
    expect(result.summary).toContain('Attestation: the statement is built for 2 subjects (`model/weather/v1/ghml-package.json`, `model/weather/v1/');
    const predicate = JSON.parse(await readFile(result.outputs['attestation-predicate-path'], 'utf8'));
    expect(predicate.model).toEqual({ name: 'weather', version: 1, tag: 'model/weather/v1' });
    expect(result.summary).toContain('### ✅ Registered weather v1');
    const { data: pulls } = await octokitFor(sandbox, 'carol').rest.pulls.list({ owner: 'octo-org', repo: 'ml-repo', base: 'ghml/registry' });
    expect(pulls.map((pull) => [pull.head.ref, pull.user?.login])).toEqual([['ghml/promote/weather/staging/v1', 'github-actions[bot]']]);
  });

  it('fails with the input and the fix named, having registered nothing', async () => {
    const env = await sandboxEnvironment(sandbox);
    const badName = await runStep({ entry, workspace, env, inputs: { ...stepInputs(), model: '../weather' } });
    expect(badName.exitCode).toBe(1);
    expect(badName.annotations.map((annotation) => annotation.message)).toEqual(['Configuration error in input "model": model name "../weather" must be 1–64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit']);
    const noToken = await runStep({ entry, workspace, env, inputs: { ...stepInputs(), attest: 'true' } });
    expect(noToken.annotations[0].message).toMatch(/^Configuration error in input "attest": attest is true but this job cannot get an OIDC token/);
    const wrongStage = await runStep({ entry, workspace, env, inputs: { ...stepInputs(), 'promote-to': 'prod' } });
    expect(wrongStage.annotations[0].message).toContain('"prod" is not a stage of the promotion policy: its stages are staging, production');
    expect((await sandbox.repo.git(['tag', '--list', 'model/*'])).trim().split('\n')).toEqual(['model/weather/v1']);
  });
});
