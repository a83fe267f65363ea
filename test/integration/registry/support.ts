import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { createOctokit, type GitHubTarget } from '../../../src/github/client.js';
import { GitHubDeploymentHistory, GitHubPolicySource, GitHubPullRequests } from '../../../src/github/pull-requests.js';
import { GitHubRegistryStore } from '../../../src/github/registry-store.js';
import { GitHubReleases } from '../../../src/github/releases.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { runValidateData } from '../../../src/steps/validate-data.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, seattleWeather } from '../../helpers/temp.js';

export const contractFile = path.join(repoRoot, 'examples/seattle-weather/contract.yml');

export function sandboxTarget(sandbox: Sandbox, login = 'alice'): GitHubTarget {
  return { owner: sandbox.repo.owner, repo: sandbox.repo.name, apiUrl: sandbox.apiUrl, serverUrl: sandbox.url, token: sandbox.tokens[login] };
}

/** The GitHub ports, on the real octokit client ghml builds, pointed at the sandbox. */
export function githubPorts(sandbox: Sandbox, options: { login?: string; retries?: number } = {}) {
  const target = sandboxTarget(sandbox, options.login);
  const octokit = createOctokit(target, { retries: options.retries ?? 0 });
  return {
    target,
    octokit,
    store: new GitHubRegistryStore(octokit, target),
    releases: new GitHubReleases(octokit, target),
    policy: new GitHubPolicySource(octokit, target),
    promotions: new GitHubPullRequests(octokit, target),
    deployments: new GitHubDeploymentHistory(octokit, target),
    updateOptions: { backoffMs: 5 },
  };
}

export interface RegistrationInputs {
  modelFile: string;
  runRecord: string;
  evaluationReport: string;
  dataProfile: string;
  validationReport: string;
  dataContract: string;
  commit: string;
}

/**
 * Everything a registration takes, made for real where it can be: the example ONNX model, the
 * profile and validation report of its data from validate-data, a run record that passes the
 * run-record contract, and an evaluation report with the fields the registry reads.
 */
export async function registrationInputs(dir: string, commit: string, options: { accuracy?: number; passed?: boolean; model?: string } = {}): Promise<RegistrationInputs> {
  const modelFile = await trainExampleModel(dir);
  const dataProfile = path.join(dir, 'profile.json');
  const validationReport = path.join(dir, 'validation.json');
  const validation = await runValidateData({ data: [seattleWeather], contract: contractFile, profileOut: dataProfile, reportOut: validationReport });
  const modelBytes = await readFile(modelFile);
  const now = '2026-01-02T03:04:05.000Z';
  const record: RunRecord = {
    format: 'ghml.run-record/v1',
    id: `20260102T030405Z-${createHash('sha256').update(`${dir}${options.accuracy}`).digest('hex').slice(0, 8)}`,
    model: options.model ?? 'weather',
    status: 'succeeded',
    message: null,
    exitCode: 0,
    signal: null,
    startedAt: now,
    endedAt: now,
    durationSeconds: 1.5,
    trigger: { event: 'push', actor: 'alice', repository: 'octo-org/ml-repo', ref: 'refs/heads/main', sha: commit, workflow: 'train', job: 'train', runId: '4242', runAttempt: 1, runUrl: 'http://127.0.0.1/octo-org/ml-repo/actions/runs/4242' },
    git: { commit, branch: 'main', dirty: false },
    command: 'node train.js',
    workingDirectory: '.',
    params: { epochs: 20 },
    seed: 0,
    data: { files: validation.profile.files, otherFiles: [], fingerprint: validation.fingerprint },
    dvc: [],
    environment: {
      os: { platform: 'linux', release: '6.1', name: null },
      arch: 'x64',
      cpu: { model: 'test', count: 2 },
      memoryBytes: 1024,
      nodeVersion: process.version,
      runner: null,
      container: null,
      workflowRunUrl: null,
      lockFiles: [],
      python: null,
    },
    gpu: { available: false, reason: 'no nvidia-smi', cudaVersion: null, sampleIntervalSeconds: 5, devices: [] },
    metrics: { final: { accuracy: 0.8, loss: 0.5 }, series: [], warnings: [] },
    modelArtifact: { path: 'seattle-weather.onnx', format: 'onnx', bytes: modelBytes.length, sha256: createHash('sha256').update(modelBytes).digest('hex'), signature: null, signatureUnavailable: 'not read in tests' },
    checkpoint: null,
    previousProductionVersion: null,
  };
  const runRecord = path.join(dir, 'run-record.json');
  await writeFile(runRecord, JSON.stringify(RunRecord.parse(record), null, 2));
  const evaluationReport = path.join(dir, 'evaluation.json');
  await writeFile(evaluationReport, JSON.stringify({
    format: 'ghml.evaluation-report/v1',
    task: 'multiclass',
    modelName: options.model ?? 'weather',
    metrics: { accuracy: options.accuracy ?? 0.84, macro_f1: 0.61 },
    data: { files: ['holdout.csv'], fingerprint: 'a'.repeat(64) },
    gate: { passed: options.passed ?? true, noBaseline: 'absolute-only', thresholds: null, checks: [] },
  }, null, 2));
  return { modelFile, runRecord, evaluationReport, dataProfile, validationReport, dataContract: contractFile, commit };
}

export function registerOptions(inputs: RegistrationInputs, scratch: string, model = 'weather') {
  return {
    model,
    modelFiles: [inputs.modelFile],
    runRecord: inputs.runRecord,
    evaluationReport: inputs.evaluationReport,
    dataProfile: inputs.dataProfile,
    dataContract: inputs.dataContract,
    validationReport: inputs.validationReport,
    description: 'Tomorrow\'s weather in Seattle from today\'s measurements.',
    intendedUse: 'Demonstrations of ghml.',
    limitations: 'Trained on four years of one city.',
    owners: ['@octo-org/ml-leads'],
    scratchDirectory: scratch,
    context: { actor: 'alice', repositoryUrl: 'http://127.0.0.1/octo-org/ml-repo', workflowRun: null },
  };
}

/** Counts of calls per operation made while `work` ran. */
export async function callsDuring<T>(sandbox: Sandbox, work: () => Promise<T>): Promise<{ result: T; calls: Record<string, number>; total: number }> {
  const before = new Map(sandbox.callLog);
  const result = await work();
  const calls: Record<string, number> = {};
  for (const [operation, count] of sandbox.callLog) {
    const made = count - (before.get(operation) ?? 0);
    if (made > 0) calls[operation] = made;
  }
  return { result, calls, total: Object.values(calls).reduce((sum, count) => sum + count, 0) };
}
