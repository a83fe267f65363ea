import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Octokit } from 'octokit';
import ghmlApp from '../../app/index.js';
import type { DriftReport } from '../../src/contracts/drift.js';
import { Aliases } from '../../src/contracts/registry.js';
import { createOctokit } from '../../src/github/client.js';
import { GitHubPolicySource, GitHubPullRequests } from '../../src/github/pull-requests.js';
import { GitHubRegistryStore } from '../../src/github/registry-store.js';
import { GitHubReleases } from '../../src/github/releases.js';
import { serializeDocument } from '../../src/registry/documents.js';
import { registryPaths } from '../../src/registry/paths.js';
import { Registry } from '../../src/registry/registry.js';
import { updateBranch } from '../../src/registry/store.js';
import { startSandbox, type Delivery, type Sandbox } from '../../src/sandbox/index.js';
import { runRegister } from '../../src/steps/register.js';
import { runValidateData } from '../../src/steps/validate-data.js';
import { repoRoot, seattleWeather } from '../helpers/temp.js';
import { octokitFor, startProbotApp } from '../sandbox/helpers.js';

export const repo = { owner: 'octo-org', repo: 'ml-repo' };
export const registryBranch = 'ghml/registry';
export const webhookSecret = 'ghml-app-tests';
const contractFile = path.join(repoRoot, 'examples/seattle-weather/contract.yml');

/** The policy of DESIGN §5, with the sandbox's organization and teams. */
export const policyYaml = `registry-branch: ghml/registry
stages: [staging, production]
risk-tiers:
  low: { approvals: 1 }
  high: { approvals: 2, approvers: ["@octo-org/ml-leads"], also-required: ["@octo-org/risk"] }
models:
  churn: { risk: high, owners: ["@octo-org/ml-leads"] }
  fraud: { risk: low, owners: ["@erin"] }
gates:
  production:
    evaluation: required
    data-validation: required
    open-drift-issues: block
drift:
  schedule-issue-after: 2
  retrain-workflow: retrain.yml
deployments:
  production: { strategy: canary }
`;

const retrainWorkflow = `name: retrain
on:
  workflow_dispatch:
    inputs:
      model:
        required: true
jobs: {}
`;

export interface AppHarness {
  sandbox: Sandbox;
  app: Awaited<ReturnType<typeof startProbotApp>>;
  scratch: string;
  as(login: string): Octokit;
  /** Registers a version with the real register step, as a workflow's GITHUB_TOKEN would. */
  register(model: string, options?: { evaluation?: 'passed' | 'failed'; validated?: boolean }): Promise<number>;
  /** Writes aliases.json straight onto the registry branch, as an administrator could. */
  setAliases(model: string, aliases: Aliases): Promise<void>;
  /** Files a drift report with the registry's own writer, as drift-check does. */
  recordDrift(model: string, environment: string, report: DriftReport): Promise<string>;
  close(): Promise<void>;
}

/** A sandbox with the policy and a retraining workflow on main, and the ghml app on a real Probot. */
export async function startAppHarness(options: { policy?: string } = {}): Promise<AppHarness> {
  const seed = await mkdtemp(path.join(tmpdir(), 'ghml-app-seed-'));
  const scratch = await mkdtemp(path.join(tmpdir(), 'ghml-app-scratch-'));
  await mkdir(path.join(seed, '.github', 'workflows'), { recursive: true });
  await writeFile(path.join(seed, '.github', 'ghml.yml'), options.policy ?? policyYaml);
  await writeFile(path.join(seed, '.github', 'workflows', 'retrain.yml'), retrainWorkflow);
  const sandbox = await startSandbox({ seed });
  const app = await startProbotApp(sandbox, ghmlApp, webhookSecret);
  const main = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
  const modelFile = path.join(scratch, 'model.onnx');
  await writeFile(modelFile, 'a stand-in for an ONNX file: the registry stores bytes');
  const validationReport = path.join(scratch, 'validation.json');
  await runValidateData({ data: [seattleWeather], contract: contractFile, reportOut: validationReport });

  const workflowToken = () => {
    const target = { owner: repo.owner, repo: repo.repo, apiUrl: sandbox.apiUrl, serverUrl: sandbox.url, token: sandbox.tokens['github-actions[bot]'] };
    const octokit = createOctokit(target, { retries: 0 });
    return { target, octokit, store: new GitHubRegistryStore(octokit, target) };
  };

  return {
    sandbox,
    app,
    scratch,
    as: (login) => octokitFor(sandbox, login),
    async register(model, registerOptions = {}) {
      const { target, octokit, store } = workflowToken();
      let evaluationReport: string | undefined;
      if (registerOptions.evaluation) {
        evaluationReport = path.join(scratch, `evaluation-${model}-${Date.now()}.json`);
        const passed = registerOptions.evaluation === 'passed';
        await writeFile(evaluationReport, JSON.stringify({ format: 'ghml.evaluation-report/v1', task: 'binary', metrics: { accuracy: passed ? 0.91 : 0.55 }, gate: { passed } }));
      }
      const result = await runRegister({
        model,
        modelFiles: [modelFile],
        commit: main,
        evaluationReport,
        validationReport: registerOptions.validated ? validationReport : undefined,
        scratchDirectory: path.join(scratch, 'register'),
      }, { store, releases: new GitHubReleases(octokit, target), policy: new GitHubPolicySource(octokit, target), promotions: new GitHubPullRequests(octokit, target), updateOptions: { backoffMs: 5 } });
      return result.version;
    },
    async setAliases(model, aliases) {
      const { store } = workflowToken();
      await updateBranch(store, registryBranch, async () => ({
        files: [{ path: registryPaths.aliases(model), content: serializeDocument(Aliases, aliases) }],
        message: `${model}: set aliases`,
        result: undefined,
      }));
    },
    async recordDrift(model, environment, report) {
      const { store } = workflowToken();
      const { path: written } = await new Registry(store, registryBranch).recordDriftReport(model, environment, report);
      return written;
    },
    async close() {
      await app.close();
      await sandbox.close();
      await rm(seed, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Sends a recorded delivery again, to any app URL, as GitHub sent it: the same body, GUID and
 * signature. Several at once are the concurrent deliveries the sandbox (one at a time) never makes.
 */
export async function replay(delivery: Delivery, url: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: delivery.requestHeaders, body: JSON.stringify(delivery.payload) });
  await response.text();
  return response.status;
}

/**
 * Opens a promotion PR by hand, the way a person would: a branch from the registry head with
 * aliases.json changed, and any extra files.
 */
export async function openPromotion(harness: AppHarness, author: string, model: string, aliases: Aliases, extra: Record<string, string> = {}): Promise<{ number: number; head: string }> {
  const octokit = harness.as(author);
  const branch = `ghml/promote/${model}/by-hand-${Math.random().toString(36).slice(2, 8)}`;
  const { data: head } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${registryBranch}` });
  await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: head.object.sha });
  const files = { [registryPaths.aliases(model)]: serializeDocument(Aliases, aliases), ...extra };
  for (const [filePath, content] of Object.entries(files)) {
    const existing = await existingSha(octokit, filePath, branch);
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: filePath, branch, message: `Change ${filePath}`, content: Buffer.from(content).toString('base64'), ...(existing ? { sha: existing } : {}) });
  }
  const { data: pull } = await octokit.rest.pulls.create({ ...repo, head: branch, base: registryBranch, title: `Promote ${model}` });
  await harness.sandbox.settle();
  return { number: pull.number, head: pull.head.sha };
}

export async function existingSha(octokit: Octokit, filePath: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: filePath, ref });
    return Array.isArray(data) ? undefined : data.sha;
  } catch {
    return undefined;
  }
}

export async function approve(harness: AppHarness, login: string, pull: number, event: 'APPROVE' | 'REQUEST_CHANGES' = 'APPROVE'): Promise<void> {
  await harness.as(login).rest.pulls.createReview({ ...repo, pull_number: pull, event, ...(event === 'APPROVE' ? {} : { body: 'Not yet' }) });
  await harness.sandbox.settle();
}

/** The app's check runs of a name on a commit, every one of them (not only the latest). */
export async function checkRuns(harness: AppHarness, sha: string, name: string) {
  const { data } = await harness.as('carol').rest.checks.listForRef({ ...repo, ref: sha, check_name: name, filter: 'all' });
  return data.check_runs;
}

export async function pullHead(harness: AppHarness, pull: number): Promise<string> {
  return (await harness.as('carol').rest.pulls.get({ ...repo, pull_number: pull })).data.head.sha;
}
