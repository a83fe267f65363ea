import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registryOn } from '../../../src/actions/registry.js';
import { DeployReport } from '../../../src/contracts/deploy.js';
import { ServerStatus } from '../../../src/contracts/serve.js';
import { GitHubDeploymentTracker } from '../../../src/github/deployments.js';
import { startSandbox, type Sandbox, type WorkflowRun } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment, type StepRunResult } from '../../../src/sandbox/step-runner.js';
import { runDeploy } from '../../../src/steps/deploy.js';
import { runDriftCheck } from '../../../src/steps/drift-check.js';
import { runRegister } from '../../../src/steps/register.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';
import { expectNoContractViolations } from '../../sandbox/helpers.js';
import { githubPorts, registerOptions, registrationInputs } from '../registry/support.js';
import { ADMIN_TOKEN, call, CLIENT_TOKEN, contractFile, handmadeModel, inferBody, startServeProcess, weatherRows, type ServeProcess } from '../../serve/support.js';

/**
 * The deploy Action as the runner runs it (dist/deploy.js), against the sandbox's GitHub (registry
 * branch, releases, deployments and their statuses) and a real `ghml serve` serving the registered
 * versions, with clients sending requests throughout.
 */

const run = promisify(execFile);
const scratch = await scratchDirectory();
let sandbox: Sandbox;
let server: ServeProcess;
let hooks: Server;
const deploymentEvents: any[] = [];
const digests = new Map<number, string>();

beforeAll(async () => {
  sandbox = await startSandbox();
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      if (request.headers['x-github-event'] === 'deployment') deploymentEvents.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  sandbox.setWebhook(`http://127.0.0.1:${(hooks.address() as AddressInfo).port}/`, 'deploy-test-secret');

  const ports = githubPorts(sandbox);
  const commit = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
  const models = [undefined, await handmadeModel(scratch.dir, 'green', { favour: 'rain' }), await handmadeModel(scratch.dir, 'broken', { broken: true })];
  for (const [index, modelFile] of models.entries()) {
    const inputs = await registrationInputs(path.join(scratch.dir, `v${index + 1}`), commit);
    const result = await runRegister(registerOptions({ ...inputs, modelFile: modelFile ?? inputs.modelFile }, path.join(scratch.dir, 'scratch')), ports);
    digests.set(result.version, result.packageDigest);
  }
  // Served from the registry as a user would: the release downloaded and verified by ghml serve itself.
  server = await startServeProcess(
    ['--model', 'weather@v1', '--repo', sandbox.repo.fullName, '--api-url', sandbox.apiUrl, '--log-dir', path.join(scratch.dir, 'prediction-log'), '--package-dir', path.join(scratch.dir, 'packages'), '--rate-limit', '0', '--drain-grace', '0'],
    { GITHUB_TOKEN: sandbox.tokens.alice, GHML_SERVE_TOKENS: CLIENT_TOKEN, GHML_ADMIN_TOKEN: ADMIN_TOKEN },
  );
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await new Promise<void>((resolve) => hooks.close(() => resolve()));
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

async function serverStatus(): Promise<ServerStatus> {
  return ServerStatus.parse((await call(server.url, 'GET', '/admin/v1/status', { token: ADMIN_TOKEN })).json);
}

/** Requests from a few clients until `work` is done; what they got back. */
async function underLoad<T>(work: () => Promise<T>): Promise<{ result: T; answered: number; failures: string[]; versions: Set<string> }> {
  let done = false;
  const failures: string[] = [];
  const versions = new Set<string>();
  let answered = 0;
  const agent = new Agent({ keepAlive: true });
  const clients = Array.from({ length: 3 }, async (_, client) => {
    for (let i = 0; !done; i++) {
      const answer = await call(server.url, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(4, client * 500 + i)), token: CLIENT_TOKEN, agent });
      if (answer.status === 200) {
        answered++;
        versions.add(answer.json.model_version);
      } else failures.push(`${answer.status} ${answer.text}`);
    }
  });
  try {
    return { result: await work(), answered, failures, versions };
  } finally {
    done = true;
    await Promise.all(clients);
    agent.destroy();
  }
}

async function createDeployment(version: number, strategy: string): Promise<any> {
  const { octokit } = githubPorts(sandbox);
  const before = deploymentEvents.length;
  await octokit.rest.repos.createDeployment({
    owner: sandbox.repo.owner,
    repo: sandbox.repo.name,
    ref: 'main',
    environment: 'production',
    payload: { model: 'weather', version, digest: digests.get(version)!, strategy, registryCommit: 'a'.repeat(40) },
    auto_merge: false,
    required_contexts: [],
  });
  await sandbox.settle();
  expect(deploymentEvents).toHaveLength(before + 1);
  return deploymentEvents.at(-1);
}

/** The Action in a workflow run of its own (`run`, else a new one), with what `env` adds to or takes from the runner's environment. */
async function runDeployStep(options: { event?: any; inputs: Record<string, string>; run?: WorkflowRun; env?: Record<string, string | undefined> }): Promise<StepRunResult> {
  const env: Record<string, string | undefined> = { ...(await sandboxEnvironment(sandbox, undefined, options.run)), GHML_ADMIN_TOKEN: ADMIN_TOKEN, ...options.env };
  return runStep({
    entry: path.join(repoRoot, 'dist/deploy.js'),
    workspace: scratch.dir,
    eventName: options.event ? 'deployment' : 'workflow_dispatch',
    event: options.event ?? {},
    env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    inputs: options.inputs,
  });
}

async function statusesOf(deploymentId: number) {
  const { octokit } = githubPorts(sandbox);
  const { data } = await octokit.rest.repos.listDeploymentStatuses({ owner: sandbox.repo.owner, repo: sandbox.repo.name, deployment_id: deploymentId });
  return data.reverse();
}

const serveInputs = () => ({ 'server-url': server.url, 'step-duration': '400ms', 'min-requests': '5', 'max-p95-ms': '1000' });

describe('the deploy Action', () => {
  it('carries a deployment event through a canary rollout to success, with statuses on the deployment and no failed request', async () => {
    expect((await serverStatus()).models[0].routing.primary).toBe('1');
    const event = await createDeployment(2, 'canary');
    const { result: step, answered, failures, versions } = await underLoad(() => runDeployStep({ event, inputs: serveInputs() }));
    expect(step.stderr).toBe('');
    expect(step.exitCode).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'succeeded', version: '2', 'previous-version': '1', digest: digests.get(2), 'deployment-id': String(event.deployment.id) });
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    expect([...versions].sort()).toEqual(['1', '2']);

    const report = DeployReport.parse(JSON.parse(await readFile(step.outputs['report-path'], 'utf8')));
    expect(report.steps.map((entry) => [entry.name, entry.percent, entry.passed])).toEqual([
      ['load v2', null, true],
      ['smoke test of v2', null, true],
      ['canary 10%', 10, true],
      ['canary 50%', 50, true],
      ['all traffic to v2', 100, true],
      ['smoke test through the routing', null, true],
    ]);
    expect(step.summary).toMatch(/^## ✅ weather v2 deployed to production \(was v1\)/);
    expect(step.summary).toContain('| ✅ | canary 50% | 50% |');

    const statuses = await statusesOf(event.deployment.id);
    expect(statuses.map((status) => status.state)).toEqual(['in_progress', 'success']);
    const runUrl = expect.stringMatching(/\/octo-org\/ml-repo\/actions\/runs\/\d+$/);
    expect(statuses[1]).toMatchObject({ log_url: runUrl, environment_url: server.url, description: 'ghml: weather v2 deployed to production (was v1)' });

    const model = (await serverStatus()).models[0];
    expect(model.routing).toEqual({ primary: '2', canary: null, shadow: null });
    expect(model.versions.map((version) => version.version).sort()).toEqual(['1', '2']);
  });

  it('rolls back a version that fails its smoke test and marks the deployment failed, saying why', async () => {
    const event = await createDeployment(3, 'blue-green');
    const { result: step, failures } = await underLoad(() => runDeployStep({ event, inputs: serveInputs() }));
    expect(step.exitCode).toBe(1);
    expect(step.outputs).toMatchObject({ result: 'rolled-back', version: '3', 'previous-version': '2' });
    expect(failures).toEqual([]);
    const why = /smoke test of v3 failed: the server answered 500: weather v3 failed to give a valid answer; incident [0-9a-f-]+ is logged/;
    expect(step.stdout).toMatch(new RegExp(`::error::weather v3 rolled back in production, v2 serves: ${why.source}`));
    expect(step.summary).toMatch(/^## ↩️ weather v3 rolled back in production, v2 serves/);
    expect(step.summary).toMatch(new RegExp(`\\*\\*Why:\\*\\* ${why.source}`));
    const statuses = await statusesOf(event.deployment.id);
    expect(statuses.map((status) => status.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1].description).toMatch(/^ghml: weather v3 rolled back in production, v2 serves: smoke test of v3 failed/);
    const model = (await serverStatus()).models[0];
    expect(model.routing.primary).toBe('2');
    expect(model.versions.map((version) => version.version).sort()).toEqual(['1', '2']);
  });

  it('rolls a canary back when it breaches the latency limit, on a deployment it creates itself from inputs', async () => {
    const { result: step, failures } = await underLoad(() =>
      runDeployStep({ inputs: { model: 'weather', version: 'v1', environment: 'production', strategy: 'canary', ...serveInputs(), 'canary-steps': '50,100', 'min-requests': '1', 'max-p95-ms': '0.0001' } }),
    );
    expect(step.exitCode).toBe(1);
    expect(failures).toEqual([]);
    expect(step.outputs.result).toBe('rolled-back');
    const report = DeployReport.parse(JSON.parse(await readFile(step.outputs['report-path'], 'utf8')));
    expect(report.reason).toMatch(/^canary 50% failed: \d+ requests, 0 server errors \(0\.00%\), p95 ≤ [\d.]+ ms: p95 latency ≤ [\d.]+ ms is above 0\.0001 ms$/);
    const { octokit } = githubPorts(sandbox);
    const { data } = await octokit.rest.repos.getDeployment({ owner: sandbox.repo.owner, repo: sandbox.repo.name, deployment_id: Number(step.outputs['deployment-id']) });
    expect(data).toMatchObject({ environment: 'production', payload: { model: 'weather', version: 1, digest: digests.get(1), strategy: 'canary' } });
    expect((await statusesOf(data.id)).map((status) => status.state)).toEqual(['in_progress', 'failure']);
    expect((await serverStatus()).models[0].routing).toEqual({ primary: '2', canary: null, shadow: null });
  });

  it('shadows a version: it sees a share of the requests, its answers go to the shadow log, clients only get the serving version\'s', async () => {
    const event = await createDeployment(1, 'shadow');
    const { result: step, failures, versions } = await underLoad(() => runDeployStep({ event, inputs: { ...serveInputs(), 'shadow-percent': '50' } }));
    expect(step.exitCode).toBe(0);
    expect(failures).toEqual([]);
    expect([...versions]).toEqual(['2']);
    expect(step.summary).toMatch(/^## ✅ weather v1 shadows v2 in production/);
    const report = DeployReport.parse(JSON.parse(await readFile(step.outputs['report-path'], 'utf8')));
    const watched = report.steps.find((entry) => entry.name === 'shadow 50%')!;
    expect(watched.passed).toBe(true);
    expect(watched.requests).toBeGreaterThan(0);
    expect((await serverStatus()).models[0].routing).toEqual({ primary: '2', canary: null, shadow: { version: '1', percent: 50 } });
    const logDir = path.join(scratch.dir, 'prediction-log');
    await expect.poll(async () => (await readdir(logDir)).some((name) => name.startsWith('shadow-'))).toBe(true);
    const shadow = await readFile(path.join(logDir, (await readdir(logDir)).find((name) => name.startsWith('shadow-'))!), 'utf8');
    expect(shadow.trim().split('\n').map((line) => JSON.parse(line)).every((line) => line.model_version === '1' && line.route === 'shadow')).toBe(true);
  });

  it('refuses a deployment whose digest is not the registered one', async () => {
    const event = await createDeployment(2, 'blue-green');
    event.deployment.payload.digest = 'f'.repeat(64);
    const step = await runDeployStep({ event, inputs: serveInputs() });
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toMatch(/::error::refused weather v2: the deployment names package digest f{64}, but the registry recorded [0-9a-f]{64}/);
    expect((await statusesOf(event.deployment.id)).map((status) => status.state)).toEqual(['in_progress', 'failure']);
  });

  it('refuses a deployment whose payload is not ghml\'s, naming the input and what the payload needs', async () => {
    const event = await createDeployment(2, 'blue-green');
    event.deployment.payload = 'deploy weather please';
    const step = await runDeployStep({ event, inputs: serveInputs() });
    expect(step.exitCode, step.stdout).toBe(1);
    expect(step.stdout).toContain(
      `::error::Configuration error in input "model": deployment ${event.deployment.id}'s payload names no ghml model (it needs model, version, digest and strategy, as the ghml app writes them): Invalid input: expected object, received string`,
    );
  });

  it('scores a dataset for the batch strategy, in the prediction log\'s layout, and publishes it as a workflow artifact', async () => {
    const output = path.join(scratch.dir, 'predictions', 'weather.jsonl');
    const run = await sandbox.startWorkflowRun();
    const inputs = { model: 'weather', version: '2', environment: 'nightly', strategy: 'batch', 'batch-data': seattleWeather, 'batch-output': 'predictions/weather.jsonl', 'batch-artifact': 'weather-predictions' };
    const step = await runDeployStep({ inputs, run });
    expect(step.exitCode, step.stdout).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'succeeded', predictions: output });
    const text = await readFile(output, 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1461);
    expect(lines[1460]).toMatchObject({ model: 'weather', model_version: '2', route: 'batch', row: 1460, precipitation: 0, temp_max: 5.6, temp_min: -2.1, wind: 3.5 });
    expect(typeof lines[0].probability_rain).toBe('number');
    expect(step.summary).toMatch(/^## ✅ weather v2 scored 1461 rows for nightly/);
    expect(step.summary).toMatch(/\| ✅ \| publish the predictions \|.*\| artifact weather-predictions \(id \d+, \d+ bytes zipped\) \|/);

    // A later job, or a person, fetches it the REST way: the run's artifacts, then the download.
    const report = DeployReport.parse(JSON.parse(await readFile(step.outputs['report-path'], 'utf8')));
    expect(report.predictions).toMatchObject({ path: output, rows: 1461, artifact: expect.stringMatching(/^artifact weather-predictions \(id \d+/) });
    const savedEnv = { ...process.env };
    try {
      Object.assign(process.env, { GITHUB_API_URL: sandbox.apiUrl, GITHUB_SERVER_URL: sandbox.serverUrl });
      const { DefaultArtifactClient } = await import('@actions/artifact');
      const client = new DefaultArtifactClient();
      const findBy = { token: sandbox.tokens.carol, workflowRunId: run.id, repositoryOwner: sandbox.repo.owner, repositoryName: sandbox.repo.name };
      const { artifacts } = await client.listArtifacts({ findBy });
      expect(artifacts.map((artifact) => artifact.name)).toEqual(['weather-predictions']);
      const destination = path.join(scratch.dir, 'downloaded-predictions');
      const { digestMismatch } = await client.downloadArtifact(artifacts[0].id, { path: destination, findBy, expectedHash: artifacts[0].digest });
      expect(digestMismatch).toBe(false);
      expect(await readdir(destination)).toEqual(['weather.jsonl']);
      expect(await readFile(path.join(destination, 'weather.jsonl'), 'utf8')).toBe(text);
    } finally {
      process.env = savedEnv;
    }
  });

  it('refuses batch-artifact where there is no artifact service, before anything is scored', async () => {
    const step = await runDeployStep({
      inputs: { model: 'weather', version: '2', environment: 'nightly', strategy: 'batch', 'batch-data': seattleWeather, 'batch-output': 'predictions/unpublished.jsonl', 'batch-artifact': 'weather-predictions' },
      env: { ACTIONS_RUNTIME_TOKEN: undefined, ACTIONS_RESULTS_URL: undefined },
    });
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toMatch(/::error::Configuration error in input "batch-artifact": publishing artifact "weather-predictions" needs GitHub's artifact service, which this run does not have .*: leave batch-artifact out and upload .*unpublished\.jsonl with actions\/upload-artifact@v3/);
    expect(existsSync(path.join(scratch.dir, 'predictions', 'unpublished.jsonl'))).toBe(false);
    const statuses = await statusesOf(Number(step.outputs['deployment-id']));
    expect(statuses.map((status) => status.state)).toEqual(['in_progress', 'failure']);
  });

  it('ghml deploy does the same from the command line: a batch of predictions as CSV', async () => {
    const { stdout, stderr } = await run(process.execPath, [
      path.join(repoRoot, 'bin/ghml.js'), 'deploy', 'weather@v2', '--environment', 'nightly', '--batch-data', seattleWeather, '--batch-output', 'predictions/weather.csv', '--strategy', 'batch',
      '--repo', sandbox.repo.fullName, '--api-url', sandbox.apiUrl, '--work-dir', 'cli-packages',
    ], { cwd: scratch.dir, env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: sandbox.tokens.alice } });
    expect(stdout).toBe('weather v2 scored 1461 rows for nightly\n');
    expect(stderr).toMatch(/^weather@v2 is weather v2: every file of package sha256:[0-9a-f]{64} verified$/m);
    const [header, first] = (await readFile(path.join(scratch.dir, 'predictions/weather.csv'), 'utf8')).split('\n');
    expect(header).toBe('row,precipitation,temp_max,temp_min,wind,label,probability_drizzle,probability_fog,probability_rain,probability_snow,probability_sun');
    expect(first).toMatch(/^0,0,12\.8,5,4\.7,(drizzle|fog|rain|snow|sun)(,[\d.e-]+){5}$/);

    // Parquet is read, never written: refused before anything is downloaded.
    const parquet = await run(process.execPath, [path.join(repoRoot, 'bin/ghml.js'), 'deploy', 'weather@v2', '--environment', 'nightly', '--batch-data', seattleWeather, '--batch-output', 'predictions/weather.parquet', '--strategy', 'batch', '--repo', sandbox.repo.fullName, '--api-url', sandbox.apiUrl], {
      cwd: scratch.dir,
      env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: sandbox.tokens.alice },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(parquet).toMatchObject({ code: 2, stderr: expect.stringContaining('batch-output "predictions/weather.parquet": predictions are written as JSON Lines or CSV, not Parquet; name a .jsonl or .csv file') });
  });

  it('runs the user\'s command with the verified package, and its rollback command when it fails', async () => {
    const ok = await runDeployStep({ inputs: { model: 'weather', version: '2', environment: 'staging', command: 'node -e "require(\'fs\').writeFileSync(\'command-env.json\', JSON.stringify(process.env))"' } });
    expect(ok.exitCode).toBe(0);
    const env = JSON.parse(await readFile(path.join(scratch.dir, 'command-env.json'), 'utf8'));
    expect(env).toMatchObject({ GHML_MODEL_NAME: 'weather', GHML_MODEL_VERSION: '2', GHML_MODEL_DIGEST: digests.get(2), GHML_ENVIRONMENT: 'staging', GHML_STRATEGY: 'blue-green' });
    expect(path.basename(env.GHML_MODEL_PATH)).toBe('green.onnx');
    expect(await readFile(env.GHML_MODEL_PATH)).toEqual(await readFile(path.join(scratch.dir, 'green.onnx')));

    const failed = await runDeployStep({ inputs: { model: 'weather', version: '2', environment: 'staging', command: 'echo deploying; exit 3', 'rollback-command': 'echo "restored $GHML_FAILED_VERSION" > rollback.txt' } });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.result).toBe('rolled-back');
    expect(await readFile(path.join(scratch.dir, 'rollback.txt'), 'utf8')).toBe('restored 2\n');
  });

  it('leaves no deployment in progress when the deploy stops on an error after the package is verified', async () => {
    const { octokit, target, releases } = githubPorts(sandbox);
    const repository = { owner: sandbox.repo.owner, repo: sandbox.repo.name };
    const tracker = await GitHubDeploymentTracker.create(octokit, repository, { ref: 'main', environment: 'staging', payload: { model: 'weather', version: 2, digest: digests.get(2)!, strategy: 'blue-green' }, description: 'ghml: weather v2 to staging' }, 'http://127.0.0.1/log');
    const deploy = runDeploy(
      {
        reference: { model: 'weather', kind: 'version', version: 2 },
        environment: 'staging',
        strategy: 'blue-green',
        target: 'command',
        workDirectory: path.join(scratch.dir, 'stopped-deploy'),
        smokeRowsFile: path.join(scratch.dir, 'no-such-smoke-rows.json'),
        command: { run: 'true', cwd: scratch.dir },
        log: () => {},
      },
      { packages: { registry: await registryOn(octokit, target), releases }, tracker },
    );
    await expect(deploy).rejects.toThrow(/smoke rows ".*no-such-smoke-rows\.json" cannot be read/);
    const statuses = await statusesOf(tracker.deploymentId);
    expect(statuses.map((status) => status.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1].description).toMatch(/^ghml: deploying weather v2 failed: smoke rows /);
  });

  it('leaves a prediction log that drift-check reads as it is', async () => {
    const logDir = path.join(scratch.dir, 'prediction-log');
    const files = (await readdir(logDir)).filter((name) => name.startsWith('predictions-')).map((name) => path.join(logDir, name));
    const report = await runDriftCheck({ reference: [seattleWeather], current: files, contract: contractFile });
    expect(report.enoughData).toBe(true);
    expect(report.columns.filter((column) => column.status === 'ok').map((column) => column.name).sort()).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
    const versions = new Set((await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('').trim().split('\n').map((line) => JSON.parse(line).model_version));
    // v3 never gave a valid answer, so never a line.
    expect([...versions].sort()).toEqual(['1', '2']);
  });
});
