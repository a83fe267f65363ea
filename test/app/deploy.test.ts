import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VersionRecord } from '../../src/contracts/registry.js';
import { appLabels } from '../../src/github/app-labels.js';
import { driftIssueMarker, driftLabels } from '../../src/policy/drift-issue.js';
import { repoRoot } from '../helpers/temp.js';
import { expectNoContractViolations } from '../sandbox/helpers.js';
import { approve, checkRuns, openPromotion, registryBranch, replay, repo, startAppHarness, type AppHarness } from './harness.js';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.register('churn', { evaluation: 'passed', validated: true });
  await harness.register('churn', { evaluation: 'passed', validated: true });
  await harness.setAliases('churn', { staging: 1 });
  await harness.sandbox.settle();
});
afterAll(async () => harness.close());
afterEach(() => expectNoContractViolations(harness.sandbox));

async function versionRecord(version: number): Promise<VersionRecord> {
  const { data } = await harness.as('carol').rest.repos.getContent({ ...repo, path: `models/churn/versions/${version}.json`, ref: registryBranch, mediaType: { format: 'raw' } });
  return VersionRecord.parse(JSON.parse(String(data)));
}

async function deployments(environment: string) {
  return (await harness.as('carol').rest.repos.listDeployments({ ...repo, environment })).data;
}

async function comments(issue: number) {
  return (await harness.as('carol').rest.issues.listComments({ ...repo, issue_number: issue })).data.map((comment) => comment.body ?? '');
}

describe('installation', () => {
  it('asks in its manifest for exactly the permissions these tests run with', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'app/app.yml'), 'utf8')) as { default_permissions: Record<string, string>; default_events: string[] };
    const appOctokit = await harness.app.probot.auth();
    const { data: token } = await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: harness.sandbox.app.installationId });
    expect(token.permissions).toEqual(manifest.default_permissions);
    expect([...manifest.default_events].sort()).toEqual(['deployment_protection_rule', 'issue_comment', 'pull_request', 'pull_request_review', 'push']);
  });


  it('creates the labels of the app\'s issues', async () => {
    await harness.sandbox.sendInstallationEvent('created');
    await harness.sandbox.settle();
    const { data: labels } = await harness.as('carol').rest.issues.listLabelsForRepo({ ...repo, per_page: 100 });
    for (const label of appLabels) expect(labels).toContainEqual(expect.objectContaining({ name: label.name, description: label.description }));
    expect(labels.find((label) => label.name === driftLabels.critical)?.color).toBe('b60205');
  });
});

describe('deployments on merge', () => {
  let pull: number;

  it('creates a deployment for the promoted stage with the model, version, digest and strategy, and links it on the PR', async () => {
    const promotion = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 });
    pull = promotion.number;
    for (const reviewer of ['alice', 'erin', 'bob']) await approve(harness, reviewer, pull);
    expect((await checkRuns(harness, promotion.head, 'ghml/promotion'))[0].conclusion).toBe('success');
    const { data: merge } = await harness.as('octocat').rest.pulls.merge({ ...repo, pull_number: pull });
    await harness.sandbox.settle();

    const [deployment] = await deployments('production');
    const record = await versionRecord(1);
    expect(deployment.payload).toEqual({ model: 'churn', version: 1, digest: record.package.digest, strategy: 'canary', registryCommit: merge.sha, pullRequest: pull });
    expect([deployment.ref, deployment.creator?.login, deployment.production_environment]).toEqual(['main', 'ghml[bot]', true]);
    expect(await deployments('staging')).toEqual([]);
    expect(harness.app.events('deployment.created').map((event) => event.payload.deployment.id)).toEqual([deployment.id]);
    const links = (await comments(pull)).filter((body) => body.includes('🚀'));
    expect(links).toEqual([expect.stringContaining(`🚀 Deploying **churn v1** to **production** (canary): [deployment ${deployment.id}](${harness.sandbox.url}/octo-org/ml-repo/deployments/production)`)]);
  });

  it('creates nothing twice when the push is redelivered or delivered several times at once', async () => {
    const push = harness.sandbox.deliveries.filter((delivery) => delivery.event === 'push' && delivery.payload.ref === `refs/heads/${registryBranch}`).at(-1)!;
    expect((await harness.sandbox.redeliver(push.id)).statusCode).toBe(200);
    expect(await Promise.all([1, 2, 3].map(() => replay(push, harness.app.url)))).toEqual([200, 200, 200]);
    await harness.sandbox.settle();
    expect(await deployments('production')).toHaveLength(1);
    expect((await comments(pull)).filter((body) => body.includes('🚀'))).toHaveLength(1);
  });

  it('deploys nothing that was merged without a passing promotion check', async () => {
    const unreviewed = await openPromotion(harness, 'octocat', 'churn', { staging: 2, production: 1 });
    expect((await checkRuns(harness, unreviewed.head, 'ghml/promotion'))[0].conclusion).toBe('failure');
    await harness.as('octocat').rest.pulls.merge({ ...repo, pull_number: unreviewed.number });
    await harness.sandbox.settle();
    expect(await deployments('staging')).toEqual([]);
    expect(await comments(unreviewed.number)).toEqual([expect.stringContaining('⛔ No deployment of churn v2 to staging: the pull request was merged without a passing ghml/promotion check.')]);
  });
});

describe('the deployment protection rule', () => {
  it('approves the version the alias names with its gates passed, and rejects anything else with the reason', async () => {
    const [deployment] = await deployments('production');
    const payload = deployment.payload as Record<string, unknown>;
    const approved = await (await harness.sandbox.requestDeploymentGate({ environment: 'production', event: 'deployment', payload })).decision;
    expect([approved.state, approved.comment]).toEqual(['approved', expect.stringContaining('Approved: churn v1 is what production names; evaluation of v1 passed')]);

    const stale = await (await harness.sandbox.requestDeploymentGate({ environment: 'production', payload: { ...payload, version: 2 } })).decision;
    expect([stale.state, stale.comment]).toEqual(['rejected', 'Rejected: churn v2 is not what production names; the alias names v1.']);
    const tampered = await (await harness.sandbox.requestDeploymentGate({ environment: 'production', payload: { ...payload, digest: 'f'.repeat(64) } })).decision;
    expect(tampered.comment).toMatch(/^Rejected: the package digest ffffffffffff is not the digest churn v1 was registered with/);
    const foreign = await (await harness.sandbox.requestDeploymentGate({ environment: 'production' })).decision;
    expect(foreign.comment).toMatch(/^Rejected: this deployment's payload names no ghml model and version/);

    const { data: issue } = await harness.as('alice').rest.issues.create({
      ...repo, title: 'Drift: churn in production', body: driftIssueMarker('churn', 'production'), labels: [driftLabels.all, driftLabels.critical],
    });
    const drifting = await (await harness.sandbox.requestDeploymentGate({ environment: 'production', payload })).decision;
    expect(drifting.comment).toBe(`Rejected: open critical drift issue #${issue.number} (production).`);
    await harness.as('alice').rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed' });
  });
});
