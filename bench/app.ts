// The ghml app under a burst of webhooks: a real Probot with the app, against the sandbox. Work is
// prepared while the app is unreachable (promotion PRs and reviews, drift reports, commands,
// deployment gates, the registry writes behind them), so every delivery is recorded but none
// handled; then the recorded deliveries are sent as a burst of 500, each several times and many at
// once, as GitHub's retries and redeliveries would. Printed: throughput, handler latency (the app
// answers a delivery when its handlers are done) and the duplicates found afterwards (must be 0).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ghmlApp from '../app/index.js';
import { Aliases } from '../src/contracts/registry.js';
import type { DriftReport } from '../src/contracts/drift.js';
import { createOctokit } from '../src/github/client.js';
import { GitHubPolicySource, GitHubPullRequests } from '../src/github/pull-requests.js';
import { GitHubRegistryStore } from '../src/github/registry-store.js';
import { GitHubReleases } from '../src/github/releases.js';
import { driftIssueMarker, driftLabels } from '../src/policy/drift-issue.js';
import { serializeDocument } from '../src/registry/documents.js';
import { registryPaths } from '../src/registry/paths.js';
import { Registry } from '../src/registry/registry.js';
import { updateBranch } from '../src/registry/store.js';
import { startSandbox, type Delivery } from '../src/sandbox/index.js';
import { startSandboxApp } from '../src/sandbox/probot.js';
import { runRegister } from '../src/steps/register.js';

const webhooks = Number(process.env.GHML_BENCH_APP_WEBHOOKS ?? 500);
const concurrency = Number(process.env.GHML_BENCH_APP_CONCURRENCY ?? 16);
const models = ['churn', 'fraud', 'upsell', 'ltv', 'nps'];
const repo = { owner: 'octo-org', repo: 'ml-repo' };
const branch = 'ghml/registry';
const secret = 'bench-secret';

const seed = await mkdtemp(path.join(tmpdir(), 'ghml-bench-app-'));
await mkdir(path.join(seed, '.github', 'workflows'), { recursive: true });
await writeFile(path.join(seed, '.github', 'ghml.yml'), `stages: [staging, production]
risk-tiers:
  default: { approvals: 2 }
gates:
  production: { evaluation: required, open-drift-issues: block }
drift:
  schedule-issue-after: 2
  retrain-workflow: retrain.yml
`);
await writeFile(path.join(seed, '.github', 'workflows', 'retrain.yml'), 'on:\n  workflow_dispatch:\n    inputs:\n      model:\n        required: true\njobs: {}\n');
const sandbox = await startSandbox({ seed });
const as = (login: string) => {
  const target = { ...repo, apiUrl: sandbox.apiUrl, serverUrl: sandbox.url, token: sandbox.tokens[login] };
  return { target, octokit: createOctokit(target, { retries: 0 }) };
};

const { probot, url: appUrl, close: closeApp } = await startSandboxApp(sandbox, ghmlApp, secret);
// Handler latency is the time from a verified delivery to every handler done. Probot answers 202
// "still processing" after 9 s and goes on in the background, so the HTTP answer cannot tell it.
const handlerLatencies = new Map<string, number[]>();
const receive = probot.webhooks.verifyAndReceive.bind(probot.webhooks);
probot.webhooks.verifyAndReceive = async (event) => {
  const begin = performance.now();
  try {
    return await receive(event);
  } finally {
    handlerLatencies.set(event.name, [...(handlerLatencies.get(event.name) ?? []), performance.now() - begin]);
  }
};

// Everything below is recorded by the sandbox but reaches no app until the burst.
sandbox.setWebhook('http://127.0.0.1:9/unreachable', secret);
const prepared = performance.now();
const workflow = as('github-actions[bot]');
const store = new GitHubRegistryStore(workflow.octokit, workflow.target);
const scratch = path.join(seed, 'scratch');
await mkdir(scratch, { recursive: true });
const modelFile = path.join(scratch, 'model.onnx');
const evaluationFile = path.join(scratch, 'evaluation.json');
await writeFile(modelFile, 'model bytes');
await writeFile(evaluationFile, JSON.stringify({ format: 'ghml.evaluation-report/v1', metrics: { accuracy: 0.9 }, gate: { passed: true } }));
const main = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
const registry = new Registry(store, branch);
const heads: string[] = [];
const gates: Promise<unknown>[] = [];
const commandComments: number[] = [];

function report(drifted: boolean, day: number): DriftReport {
  return {
    format: 'ghml.drift-report/v1', drifted, driftShare: drifted ? 0.5 : 0, driftShareThreshold: 0.3, enoughData: true, minRows: 100, referenceRows: 500, currentRows: 400,
    correction: 'none', reference: { kind: 'data', fingerprint: 'a'.repeat(64) }, current: { fingerprint: 'b'.repeat(64), files: ['log.jsonl'] }, createdAt: `2026-04-0${day}T00:00:00.000Z`, performance: null,
    columns: [{ name: 'x', role: 'feature', kind: 'numeric', method: 'ks', statistic: 0.3, pValue: drifted ? 0.001 : 0.5, significance: null, threshold: 0.05, drifted, referenceCount: 500, currentCount: 400, status: 'ok', message: null, approximate: false, distribution: null }],
  };
}

const { data: tracking } = await as('alice').octokit.rest.issues.create({ ...repo, title: 'Model operations' });
for (const model of models) {
  const ports = { store, releases: new GitHubReleases(workflow.octokit, workflow.target), policy: new GitHubPolicySource(workflow.octokit, workflow.target), promotions: new GitHubPullRequests(workflow.octokit, workflow.target), updateOptions: { backoffMs: 5 } };
  const { record } = await runRegister({ model, modelFiles: [modelFile], commit: main, evaluationReport: evaluationFile, scratchDirectory: scratch }, ports);
  await updateBranch(store, branch, async () => ({ files: [{ path: registryPaths.aliases(model), content: serializeDocument(Aliases, { staging: 1 }) }], message: `${model}: staging v1`, result: undefined }));

  const author = as('octocat').octokit;
  const promotionBranch = `ghml/promote/${model}/production/v1`;
  const { data: tip } = await author.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
  await author.rest.git.createRef({ ...repo, ref: `refs/heads/${promotionBranch}`, sha: tip.object.sha });
  const { data: current } = await author.rest.repos.getContent({ ...repo, path: registryPaths.aliases(model), ref: promotionBranch });
  await author.rest.repos.createOrUpdateFileContents({
    ...repo, path: registryPaths.aliases(model), branch: promotionBranch, message: `Promote ${model}`, sha: (current as { sha: string }).sha,
    content: Buffer.from(serializeDocument(Aliases, { staging: 1, production: 1 })).toString('base64'),
  });
  const { data: pull } = await author.rest.pulls.create({ ...repo, head: promotionBranch, base: branch, title: `Promote ${model} v1 to production` });
  heads.push(pull.head.sha);
  for (const reviewer of ['alice', 'erin', 'bob']) await as(reviewer).octokit.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: 'APPROVE' });

  for (const day of [1, 2, 3]) await registry.recordDriftReport(model, 'production', report(day > 1, day));
  for (const [login, body] of [['erin', `/ghml status ${model}`], ['carol', `/ghml promote ${model} v1 to production`]]) {
    commandComments.push((await as(login).octokit.rest.issues.createComment({ ...repo, issue_number: tracking.number, body })).data.id);
  }
  const payload = { model, version: 1, digest: record.package.digest, strategy: 'blue-green' };
  gates.push((await sandbox.requestDeploymentGate({ environment: 'staging', event: 'deployment', payload })).decision);
}
await sandbox.settle();
const preparedSeconds = (performance.now() - prepared) / 1000;

const recorded = sandbox.deliveries.filter((delivery) => delivery.statusCode === null);
const burst: Delivery[] = Array.from({ length: webhooks }, (_, index) => recorded[index % recorded.length]);
// A fixed shuffle, so runs compare: deliveries of one event arrive spread out and together.
let state = 42;
for (let i = burst.length - 1; i > 0; i--) {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  const j = state % (i + 1);
  [burst[i], burst[j]] = [burst[j], burst[i]];
}

const responses: number[] = [];
const calls = () => [...sandbox.callLog.values()].reduce((sum, n) => sum + n, 0);
const callsBefore = calls();
let late = 0;
const failures: string[] = [];
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < burst.length) {
    const delivery = burst[next++];
    const begin = performance.now();
    const response = await fetch(appUrl, { method: 'POST', headers: delivery.requestHeaders, body: JSON.stringify(delivery.payload) });
    await response.text();
    responses.push(performance.now() - begin);
    if (response.status === 202) late++;
    else if (response.status !== 200) failures.push(`${delivery.event}.${delivery.action}: ${response.status}`);
  }
}));
await sandbox.settle();
// Handlers that answered 202 finish in the background; the burst ends when they have.
while ([...handlerLatencies.values()].reduce((sum, values) => sum + values.length, 0) < burst.length) await new Promise((resolve) => setTimeout(resolve, 50));
const seconds = (performance.now() - started) / 1000;
const burstCalls = calls() - callsBefore;
sandbox.setWebhook(appUrl, secret);
await Promise.all(gates);

// Duplicates: anything the app made more than once for one subject.
const reader = as('carol').octokit;
const duplicates: Record<string, number> = {};
const count = (kind: string, copies: number) => (duplicates[kind] = (duplicates[kind] ?? 0) + Math.max(copies - 1, 0));
for (const head of heads) {
  const { data } = await reader.rest.checks.listForRef({ ...repo, ref: head, check_name: 'ghml/promotion', filter: 'all' });
  count('promotion checks', data.total_count);
}
const issues = await reader.paginate(reader.rest.issues.listForRepo, { ...repo, state: 'all', labels: driftLabels.all, per_page: 100 });
for (const model of models) count('drift issues', issues.filter((issue) => issue.body?.includes(driftIssueMarker(model, 'production'))).length);
const replies = await reader.paginate(reader.rest.issues.listComments, { ...repo, issue_number: tracking.number, per_page: 100 });
for (const id of commandComments) count('command replies', replies.filter((reply) => reply.body?.includes(`<!-- ghml:reply:${id} -->`)).length);
for (const model of models) count('retraining dispatches', sandbox.dispatches.filter((dispatch) => dispatch.kind === 'workflow_dispatch' && dispatch.inputs.model === model).length);
for (const issue of issues) {
  const comments = await reader.paginate(reader.rest.issues.listComments, { ...repo, issue_number: issue.number, per_page: 100 });
  const markers = comments.flatMap((comment) => comment.body?.match(/<!-- ghml:drift-report:[^>]+ -->/g) ?? []);
  count('drift comments', markers.length - new Set(markers).size + 1);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const handled = [...handlerLatencies.values()].flat();
const totalDuplicates = Object.values(duplicates).reduce((sum, value) => sum + value, 0);
const events = new Map<string, number>();
for (const delivery of recorded) events.set(delivery.event, (events.get(delivery.event) ?? 0) + 1);
console.log(`prepared ${recorded.length} distinct deliveries in ${preparedSeconds.toFixed(1)} s: ${[...events].map(([event, n]) => `${n} ${event}`).join(', ')}`);
console.log(`| webhooks | in flight | seconds | webhooks/s | handler p50 ms | handler p99 ms | answered 202 | failed | duplicates |`);
console.log(`|---|---|---|---|---|---|---|---|---|`);
console.log(`| ${burst.length} | ${concurrency} | ${seconds.toFixed(2)} | ${(burst.length / seconds).toFixed(1)} | ${quantile(handled, 0.5).toFixed(0)} | ${quantile(handled, 0.99).toFixed(0)} | ${late} | ${failures.length} | ${totalDuplicates} |`);
console.log(`\n| event | deliveries | handler p50 ms | handler p99 ms |\n|---|---|---|---|`);
for (const [event, values] of [...handlerLatencies].sort()) console.log(`| ${event} | ${values.length} | ${quantile(values, 0.5).toFixed(0)} | ${quantile(values, 0.99).toFixed(0)} |`);
console.log(`\nsandbox: ${burstCalls} API calls during the burst (${(burstCalls / seconds).toFixed(0)}/s, each checked against GitHub's OpenAPI description); response p50 ${quantile(responses, 0.5).toFixed(0)} ms`);
console.log(`duplicates by kind: ${Object.entries(duplicates).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
console.log(`made: ${issues.length} drift issues, ${heads.length} promotion checks, ${replies.length} comments on the command issue, ${sandbox.dispatches.length} dispatches, ${gates.length} gates answered`);
if (failures.length > 0) console.log(`failures: ${[...new Set(failures)].join('; ')}`);
if (sandbox.contractViolations.length > 0) console.log(`contract violations: ${sandbox.contractViolations.map((violation) => `${violation.subject}: ${violation.message}`).join('; ')}`);

await closeApp();
await sandbox.close();
await rm(seed, { recursive: true, force: true });
if (totalDuplicates > 0 || failures.length > 0) process.exitCode = 1;
