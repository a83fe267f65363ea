import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sandbox, WorkflowRun } from './index.js';

/**
 * Runs a bundled Action (`dist/<step>.js`) in a child process the way the Actions runner does:
 * inputs as INPUT_<NAME> variables, the file-based commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_ENV, GITHUB_PATH, GITHUB_STATE), and workflow commands (annotations) on stdout.
 */

export interface StepRunOptions {
  /** Path to the bundled entry, e.g. dist/validate-data.js. */
  entry: string;
  /** Inputs by their action.yml names (kebab-case). */
  inputs?: Record<string, string>;
  /** Working directory of the step (GITHUB_WORKSPACE). */
  workspace: string;
  /** Extra environment (GITHUB_API_URL, GITHUB_TOKEN, GITHUB_REPOSITORY, …). */
  env?: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  eventName?: string;
  timeoutMs?: number;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface StepRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  stdout: string;
  stderr: string;
  /** RUNNER_TEMP of this run, for files the step left there. */
  runnerTemp: string;
}

/**
 * The variables a job of a workflow run on the sandbox's repository would see, for `env`: the
 * server, API and GraphQL URLs, the repository, the default branch and its tip commit, the run's id
 * and attempt, the artifact service (ACTIONS_RESULTS_URL, and the job's ACTIONS_RUNTIME_TOKEN), and
 * GITHUB_TOKEN (the github-actions[bot] installation token unless another is given) for steps
 * whose workflow exports it. Each call starts a new workflow run unless `run` names one, as steps of
 * one job share theirs.
 */
export async function sandboxEnvironment(
  sandbox: Pick<Sandbox, 'url' | 'serverUrl' | 'apiUrl' | 'resultsUrl' | 'tokens' | 'repo' | 'startWorkflowRun'>,
  token = sandbox.tokens['github-actions[bot]'],
  run?: WorkflowRun,
): Promise<Record<string, string>> {
  const { repo } = sandbox;
  const job = run ?? (await sandbox.startWorkflowRun());
  return {
    GITHUB_SERVER_URL: sandbox.serverUrl,
    GITHUB_API_URL: sandbox.apiUrl,
    GITHUB_GRAPHQL_URL: `${sandbox.url}/api/graphql`,
    GITHUB_REPOSITORY: repo.fullName,
    GITHUB_REPOSITORY_OWNER: repo.owner,
    GITHUB_REF: `refs/heads/${job.headBranch}`,
    GITHUB_REF_NAME: job.headBranch,
    GITHUB_SHA: job.headSha,
    GITHUB_RUN_ID: String(job.id),
    GITHUB_RUN_ATTEMPT: String(job.attempt),
    GITHUB_TOKEN: token,
    ACTIONS_RESULTS_URL: sandbox.resultsUrl,
    ACTIONS_RUNTIME_TOKEN: job.runtimeToken,
  };
}

export function inputVariableName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runStep(options: StepRunOptions): Promise<StepRunResult> {
  const base = await mkdtemp(path.join(tmpdir(), 'ghml-step-'));
  const runnerTemp = path.join(base, 'temp');
  const toolCache = path.join(base, 'tool-cache');
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(toolCache, { recursive: true });
  const files = {
    GITHUB_OUTPUT: path.join(base, 'output'),
    GITHUB_STEP_SUMMARY: path.join(base, 'summary.md'),
    GITHUB_ENV: path.join(base, 'env'),
    GITHUB_PATH: path.join(base, 'path'),
    GITHUB_STATE: path.join(base, 'state'),
    GITHUB_EVENT_PATH: path.join(base, 'event.json'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? base,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_REPOSITORY: 'octo-org/ml-repo',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_JOB: 'step',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'ghml-step-runner',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariableName(name)] = value;

  const child = spawn(process.execPath, [path.resolve(options.entry)], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timer);

  return {
    exitCode,
    signal,
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    exportedEnv: parseFileCommands(await readFile(files.GITHUB_ENV, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    annotations: parseAnnotations(stdout),
    stdout,
    stderr,
    runnerTemp,
  };
}

/** Parses `name=value` and `name<<DELIMITER … DELIMITER` entries, as the runner does. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`unterminated value for "${name}" (delimiter ${delimiter})`);
      result[name] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq <= 0) throw new Error(`malformed file command line: ${line}`);
      result[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return result;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** Reads `::error file=…,line=…::message` workflow commands from a step's stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    annotations.push({ level: match[1] as Annotation['level'], message: unescapeData(match[3]), properties });
  }
  return annotations;
}
