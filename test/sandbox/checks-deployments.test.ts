import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, octokitWithToken, startProbotApp, statusOf } from './helpers.js';

let sandbox: Sandbox;
let seed: string;
let app: Awaited<ReturnType<typeof startProbotApp>>;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

const trainWorkflow = `name: train
on:
  workflow_dispatch:
    inputs:
      model:
        required: true
      reason:
        required: false
jobs: {}
`;

beforeAll(async () => {
  seed = await mkdtemp(path.join(tmpdir(), 'ghml-seed-'));
  await mkdir(path.join(seed, '.github', 'workflows'), { recursive: true });
  await writeFile(path.join(seed, '.github', 'workflows', 'train.yml'), trainWorkflow);
  await writeFile(path.join(seed, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
  sandbox = await startSandbox({ seed });
  // The app answers deployment gates the way ghml's app does: through the callback URL's operation.
  app = await startProbotApp(sandbox, (probot) => {
    probot.on('deployment_protection_rule.requested', async (context) => {
      const runId = Number(/\/actions\/runs\/(\d+)\//.exec(context.payload.deployment_callback_url!)![1]);
      await context.octokit.rest.actions.reviewCustomGatesForRun({
        ...context.repo(), run_id: runId, environment_name: context.payload.environment!, state: 'approved', comment: 'Policy satisfied',
      });
    });
  });
});
afterAll(async () => {
  expectCoverage(sandbox, 'checks-deployments.test.ts');
  await app.close();
  await sandbox.close();
  await rm(seed, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

async function installationClient() {
  const probotOctokit = await app.probot.auth();
  const { data } = await probotOctokit.rest.apps.createInstallationAccessToken({ installation_id: sandbox.app.installationId });
  return octokitWithToken(sandbox, data.token);
}

describe('check runs', () => {
  it('are created by apps only, updated to completion, listed by ref and fetched', async () => {
    const head = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
    const refused = await statusOf(octokitFor(sandbox, 'octocat').rest.checks.create({ ...repo, name: 'ghml/gate', head_sha: head }));
    expect(refused.status).toBe(403);

    const bot = await installationClient();
    const { data: run, status } = await bot.rest.checks.create({ ...repo, name: 'ghml/gate', head_sha: head, status: 'in_progress' });
    expect([status, run.app?.slug, run.status]).toEqual([201, 'ghml', 'in_progress']);
    const tooLong = await statusOf(bot.rest.checks.update({ ...repo, check_run_id: run.id, output: { title: 't', summary: 'x'.repeat(65_536) } }));
    expect(tooLong.status).toBe(422);
    // The request broke GitHub's description, so the sandbox recorded it as the caller's violation.
    expect(sandbox.contractViolations.splice(0)).toEqual([
      { kind: 'request', subject: 'checks/update', message: 'request body: /output/summary must NOT have more than 65535 characters' },
    ]);
    const { data: done } = await bot.rest.checks.update({
      ...repo, check_run_id: run.id, conclusion: 'success', output: { title: 'Gate passed', summary: '| metric | value |\n|---|---|\n| auc | 0.91 |' },
    });
    expect([done.status, done.conclusion]).toEqual(['completed', 'success']);

    const viaActions = octokitFor(sandbox, 'github-actions[bot]');
    const { data: listed } = await viaActions.rest.checks.listForRef({ ...repo, ref: 'main' });
    expect(listed.check_runs.map((entry) => [entry.name, entry.conclusion])).toEqual([['ghml/gate', 'success']]);
    const { data: fetched } = await octokitFor(sandbox, 'carol').rest.checks.get({ ...repo, check_run_id: run.id });
    expect(fetched.output.summary).toContain('0.91');
    await sandbox.settle();
    expect(app.events('check_run').map((event) => event.payload.action)).toEqual(['created', 'completed']);
  });
});

describe('deployments', () => {
  it('refuses a deployment while required checks fail, then creates it with statuses', async () => {
    const bot = await installationClient();
    const head = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
    await bot.rest.checks.create({ ...repo, name: 'ghml/evaluate', head_sha: head, conclusion: 'failure', output: { title: 'Worse than champion', summary: 'AUC dropped' } });
    const blocked = await statusOf(bot.rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'production' }));
    expect(blocked.status).toBe(409);
    expect(blocked.data.errors[0].contexts).toEqual([{ context: 'ghml/evaluate', state: 'failure' }]);

    const { data: deployment, status } = await bot.rest.repos.createDeployment({
      ...repo, ref: 'main', environment: 'production', required_contexts: ['ghml/gate'], payload: { model: 'churn', version: 2 }, auto_merge: false,
    });
    expect(status).toBe(201);
    if (!('id' in deployment)) throw new Error('expected a deployment');
    expect([deployment.sha, deployment.creator?.login, deployment.production_environment]).toEqual([head, 'ghml[bot]', true]);
    await bot.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'in_progress' });
    await bot.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'success', environment_url: 'https://models.example.com/churn' });
    const { data: statuses } = await bot.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id });
    expect(statuses.map((entry) => entry.state)).toEqual(['success', 'in_progress']);
    const { data: fetched } = await octokitFor(sandbox, 'carol').rest.repos.getDeployment({ ...repo, deployment_id: deployment.id });
    expect(fetched.payload).toEqual({ model: 'churn', version: 2 });
    const { data: list } = await octokitFor(sandbox, 'carol').rest.repos.listDeployments({ ...repo, environment: 'production' });
    expect(list.map((entry) => entry.id)).toEqual([deployment.id]);
    await sandbox.settle();
    expect(app.events('deployment.created')).toHaveLength(1);
    expect(app.events('deployment_status.created').map((event) => event.payload.deployment_status.state)).toEqual(['in_progress', 'success']);
  });

  it('merges the default branch into a stale branch first when auto_merge is on (202)', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const oldMain = (await sandbox.repo.git(['rev-parse', 'main~0'])).trim();
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/stale', sha: oldMain });
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'later.txt', message: 'Later on main', content: Buffer.from('x').toString('base64') });
    const response = await octokit.rest.repos.createDeployment({ ...repo, ref: 'stale', environment: 'staging', required_contexts: [] });
    expect(response.status).toBe(202);
    expect(await sandbox.repo.git(['log', '-1', '--format=%P', 'stale'])).toBe(`${oldMain} ${(await sandbox.repo.git(['rev-parse', 'main'])).trim()}\n`);
  });

  it('asks the app at a protected environment and records its answer through the callback', async () => {
    const gate = await sandbox.requestDeploymentGate({ environment: 'production', event: 'workflow_dispatch' });
    const decision = await gate.decision;
    expect([decision.state, decision.comment, decision.app]).toEqual(['approved', 'Policy satisfied', 'ghml']);
    const again = await statusOf((await installationClient()).rest.actions.reviewCustomGatesForRun({ ...repo, run_id: gate.runId, environment_name: 'production', state: 'rejected', comment: 'late' }));
    expect(again.status).toBe(404);
  });
});

describe('dispatches', () => {
  it('records a workflow dispatch after checking the workflow and its inputs', async () => {
    const octokit = octokitFor(sandbox, 'github-actions[bot]');
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn', reason: 'drift' } });
    expect((await statusOf(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'train.yml', ref: 'main', inputs: { reason: 'drift' } }))).status).toBe(422);
    expect((await statusOf(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'ci.yml', ref: 'main' }))).status).toBe(422);
    expect((await statusOf(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'none.yml', ref: 'main' }))).status).toBe(404);
    expect(sandbox.dispatches.filter((dispatch) => dispatch.kind === 'workflow_dispatch')).toEqual([
      expect.objectContaining({ workflow: '.github/workflows/train.yml', ref: 'refs/heads/main', inputs: { model: 'churn', reason: 'drift' }, sender: 'github-actions[bot]' }),
    ]);
    await sandbox.settle();
    expect(app.events('workflow_dispatch').map((event) => event.payload.inputs)).toEqual([{ model: 'churn', reason: 'drift' }]);
  });

  it('records a repository dispatch', async () => {
    await octokitFor(sandbox, 'alice').rest.repos.createDispatchEvent({ ...repo, event_type: 'ghml-retrain', client_payload: { model: 'churn' } });
    expect(sandbox.dispatches.at(-1)).toEqual(expect.objectContaining({ kind: 'repository_dispatch', eventType: 'ghml-retrain', clientPayload: { model: 'churn' } }));
    await sandbox.settle();
    expect(app.events('repository_dispatch').map((event) => event.payload.action)).toEqual(['ghml-retrain']);
  });
});
