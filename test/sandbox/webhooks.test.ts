import webhookExamples from '@octokit/webhooks-examples' with { type: 'json' };
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, octokitWithToken, startProbotApp } from './helpers.js';

let sandbox: Sandbox;
let seed: string;
let app: Awaited<ReturnType<typeof startProbotApp>>;
const repo = { owner: 'octo-org', repo: 'ml-repo' };
const secret = 'webhook-secret-for-tests';

beforeAll(async () => {
  seed = await mkdtemp(path.join(tmpdir(), 'ghml-seed-'));
  await mkdir(path.join(seed, '.github', 'workflows'), { recursive: true });
  await writeFile(path.join(seed, '.github', 'workflows', 'retrain.yml'), 'on:\n  workflow_dispatch: {}\njobs: {}\n');
  await writeFile(path.join(seed, '.github', 'ghml.yml'), 'registry-branch: ghml/registry\n');
  sandbox = await startSandbox({ seed });
  // A reactor in the style of ghml's app: it reads the policy file with Probot's config loader
  // (raw contents from the default branch) and comments on every opened issue.
  app = await startProbotApp(sandbox, (probot) => {
    probot.on('issues.opened', async (context) => {
      const config = await context.config<{ 'registry-branch': string }>('ghml.yml');
      await context.octokit.rest.issues.createComment(context.issue({ body: `Tracking ${context.payload.issue.title} on ${config?.['registry-branch']}` }));
    });
  }, secret);
});
afterAll(async () => {
  expectCoverage(sandbox, 'webhooks.test.ts');
  await app.close();
  await sandbox.close();
  await rm(seed, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

describe('webhook delivery', () => {
  it('signs deliveries so Probot accepts them, and lets the app call back while handling one', async () => {
    const { data: issue } = await octokitFor(sandbox, 'alice').rest.issues.create({ ...repo, title: 'Drift in churn' });
    await sandbox.settle();
    const delivery = sandbox.deliveries.find((entry) => entry.event === 'issues')!;
    expect([delivery.action, delivery.statusCode, delivery.redelivery]).toEqual(['opened', 200, false]);
    expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
    const body = JSON.stringify(delivery.payload);
    expect(delivery.requestHeaders['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(delivery.requestHeaders['x-github-event']).toBe('issues');
    expect(delivery.requestHeaders['user-agent']).toMatch(/^GitHub-Hookshot\//);

    const { data: comments } = await octokitFor(sandbox, 'carol').rest.issues.listComments({ ...repo, issue_number: issue.number });
    expect(comments.map((comment) => [comment.user?.login, comment.body, comment.performed_via_github_app?.slug])).toEqual([['ghml[bot]', 'Tracking Drift in churn on ghml/registry', 'ghml']]);
    expect(app.events('issue_comment.created')[0].payload.comment.user.login).toBe('ghml[bot]');
  });

  it('records a rejected delivery and redelivers it with the same GUID', async () => {
    sandbox.setWebhook(app.url, 'a-secret-the-app-does-not-know');
    await octokitFor(sandbox, 'bob').rest.repos.createDispatchEvent({ ...repo, event_type: 'ghml-retrain' });
    await sandbox.settle();
    const rejected = sandbox.deliveries.at(-1)!;
    expect([rejected.event, rejected.statusCode]).toEqual(['repository_dispatch', 400]);
    expect(app.events('repository_dispatch')).toEqual([]);

    sandbox.setWebhook(app.url, secret);
    const redelivered = await sandbox.redeliver(rejected.id);
    expect([redelivered.guid, redelivered.redelivery, redelivered.statusCode]).toEqual([rejected.guid, true, 200]);
    expect(app.events('repository_dispatch').map((event) => event.id)).toEqual([rejected.guid]);
  });

  it('tells the app about its installation', async () => {
    await sandbox.sendInstallationEvent('created');
    await sandbox.settle();
    const [installation] = app.events('installation.created');
    expect(installation.payload.installation.app_slug).toBe('ghml');
    expect(installation.payload.repositories.map((entry: { full_name: string }) => entry.full_name)).toEqual(['octo-org/ml-repo']);
  });
});

/** Every key path of a value down to `depth`, with `[]` for array elements. */
function keyPaths(value: unknown, depth: number, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visit = (node: unknown, at: string, level: number) => {
    if (level >= depth || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, `${at}[]`, level);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const next = at ? `${at}.${key}` : key;
      paths.add(next);
      visit(child, next, level + 1);
    }
  };
  visit(value, prefix, 0);
  return paths;
}

interface ExampleSet {
  name: string;
  examples: Record<string, unknown>[];
}

describe('webhook payload shapes', () => {
  it('emits every webhook ghml uses, each valid against @octokit/webhooks-schemas', async () => {
    const alice = octokitFor(sandbox, 'alice');
    const main = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
    await alice.rest.git.createRef({ ...repo, ref: 'refs/heads/shapes', sha: main });
    await alice.rest.repos.createOrUpdateFileContents({ ...repo, branch: 'shapes', path: 'shapes.txt', message: 'Shapes', content: Buffer.from('x').toString('base64') });
    const { data: pull } = await alice.rest.pulls.create({ ...repo, head: 'shapes', base: 'main', title: 'Shapes' });
    await octokitFor(sandbox, 'bob').rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'APPROVE' });
    await alice.rest.pulls.merge({ ...repo, pull_number: pull.number });
    const probotOctokit = await app.probot.auth();
    const { data: token } = await probotOctokit.rest.apps.createInstallationAccessToken({ installation_id: sandbox.app.installationId });
    const bot = octokitWithToken(sandbox, token.token);
    const { data: run } = await bot.rest.checks.create({ ...repo, name: 'ghml/gate', head_sha: main, status: 'in_progress' });
    await bot.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: 'neutral' });
    const { data: deployment } = await bot.rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'staging', required_contexts: [] });
    if (!('id' in deployment)) throw new Error('expected a deployment');
    await bot.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'success', log_url: 'https://ci.example.com/1' });
    await bot.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'retrain.yml', ref: 'main' });
    await sandbox.requestDeploymentGate({ environment: 'production' });
    await sandbox.settle();

    const delivered = new Set(sandbox.deliveries.map((delivery) => delivery.event));
    for (const event of ['push', 'pull_request', 'pull_request_review', 'issue_comment', 'issues', 'check_run', 'deployment', 'deployment_status',
      'deployment_protection_rule', 'workflow_dispatch', 'repository_dispatch', 'installation']) {
      expect(delivered, event).toContain(event);
    }
    expect(sandbox.deliveries.filter((delivery) => delivery.statusCode !== 200)).toHaveLength(1);
  });

  it('sends the keys GitHub’s own example payloads have, and no keys they lack', () => {
    const examples = webhookExamples as unknown as ExampleSet[];
    const seen = new Map<string, Record<string, unknown>>();
    for (const delivery of sandbox.deliveries) seen.set(`${delivery.event}.${delivery.action ?? ''}`, delivery.payload);
    const depth = 3;
    const compared: string[] = [];
    for (const [key, payload] of seen) {
      const [event, action] = key.split('.');
      const set = examples.find((entry) => entry.name === event);
      // deployment_protection_rule has no published example; its schema check above still applies.
      if (!set || set.examples.length === 0) continue;
      // repository_dispatch's action is the caller's event_type, so any example of the event compares.
      const sameAction = set.examples.filter((example) => event === 'repository_dispatch' || (example.action ?? '') === action);
      if (sameAction.length === 0) continue;
      const ours = new Set([...keyPaths(payload, depth)].filter((entry) => !isData(entry)));
      const everywhere = [...keyPaths(sameAction[0], depth)].filter((entry) => !isData(entry) && sameAction.every((example) => keyPaths(example, depth).has(entry)));
      const anywhere = new Set(set.examples.flatMap((example) => [...keyPaths(example, depth)]));
      const parentOf = (entry: string) => entry.slice(0, Math.max(entry.lastIndexOf('.'), 0));
      const missing = everywhere.filter((entry) => !ours.has(entry) && !dependsOnDelivery(entry) && holdsObjects(payload, parentOf(entry)));
      expect(missing, `${key}: keys every example has`).toEqual([]);
      const invented = [...ours].filter((entry) => !anywhere.has(entry) && !newerThanExamples(entry) && !dependsOnDelivery(entry)
        && set.examples.some((example) => holdsObjects(example, parentOf(entry))));
      expect(invented, `${key}: keys no example has`).toEqual([]);
      compared.push(key);
    }
    expect(compared.length).toBeGreaterThanOrEqual(12);
  });
});

/**
 * Whether our payload has objects at `keyPath` (a key path as keyPaths writes them), so keys below
 * it can be compared; a null or an empty list has none, whatever the example's value was.
 */
function holdsObjects(payload: unknown, keyPath: string): boolean {
  if (keyPath === '') return true;
  let nodes: unknown[] = [payload];
  for (const segment of keyPath.split('.')) {
    const [key, ...arrays] = segment.split('[]');
    nodes = nodes.map((node) => (node as Record<string, unknown> | null)?.[key]);
    for (let level = 0; level < arrays.length; level++) nodes = nodes.flatMap((node) => (Array.isArray(node) ? node : []));
  }
  return nodes.some((node) => node !== null && typeof node === 'object' && !Array.isArray(node));
}

/** Maps whose keys are data rather than shape: an app's permissions, dispatch inputs and payloads. */
function isData(keyPath: string): boolean {
  return /(^|\.)(permissions|client_payload|inputs|payload)\./.test(keyPath);
}

/**
 * Keys a payload has only in some deliveries: `installation` in those to a GitHub App (the
 * examples were captured from repository webhooks), `organization` and `enterprise` by account,
 * `performed_via_github_app` by actor.
 */
function dependsOnDelivery(keyPath: string): boolean {
  return /^(installation|enterprise|organization)(\.|$)/.test(keyPath) || keyPath.endsWith('performed_via_github_app');
}

/** Keys GitHub added after the examples were captured; the schema check covers them. */
function newerThanExamples(keyPath: string): boolean {
  return /(^|\.)(custom_properties|state_reason|timeline_url|web_commit_signoff_required|has_discussions|topics|visibility|is_template|allow_forking|disabled)$/.test(keyPath);
}
