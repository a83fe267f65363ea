import { execFile } from 'node:child_process';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Environment, LockFile, RunRecord, Trigger } from '../contracts/run-record.js';
import { sha256OfFile } from '../io/digest.js';

/** What the run ran on and for whom: enough to tell two runs' environments apart and to rebuild one. */

interface Executed {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function execute(file: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Executed> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ ok: !error, stdout, stderr }),
    );
  });
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? null : value);

function workflowRunUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return server && repository && runId ? `${server.replace(/\/$/, '')}/${repository}/actions/runs/${runId}` : null;
}

export function captureTrigger(env: NodeJS.ProcessEnv): Trigger {
  const inActions = env.GITHUB_ACTIONS === 'true';
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return {
    event: inActions ? nonEmpty(env.GITHUB_EVENT_NAME) : 'cli',
    actor: nonEmpty(inActions ? env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR : env.USER ?? env.USERNAME),
    repository: nonEmpty(env.GITHUB_REPOSITORY),
    ref: nonEmpty(env.GITHUB_REF),
    sha: nonEmpty(env.GITHUB_SHA),
    workflow: nonEmpty(env.GITHUB_WORKFLOW),
    job: nonEmpty(env.GITHUB_JOB),
    runId: nonEmpty(env.GITHUB_RUN_ID),
    runAttempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
    runUrl: workflowRunUrl(env),
  };
}

export async function captureGit(cwd: string, env: NodeJS.ProcessEnv): Promise<RunRecord['git']> {
  const git = (...args: string[]) => execute('git', args, { cwd, env });
  const head = await git('rev-parse', 'HEAD');
  if (!head.ok) return null;
  const branch = await git('symbolic-ref', '--short', '-q', 'HEAD');
  const status = await git('status', '--porcelain', '--untracked-files=no');
  return {
    commit: head.stdout.trim(),
    // Actions check out a detached HEAD; the branch is then only known from the event.
    branch: branch.ok ? branch.stdout.trim() : nonEmpty(env.GITHUB_HEAD_REF) ?? nonEmpty(env.GITHUB_REF_NAME),
    dirty: status.stdout.trim() !== '',
  };
}

/** Files that pin a project's dependencies, by ecosystem. */
const LOCK_FILE_PATTERNS = [
  /^requirements.*\.txt$/,
  /^constraints.*\.txt$/,
  /^poetry\.lock$/,
  /^uv\.lock$/,
  /^Pipfile\.lock$/,
  /^pdm\.lock$/,
  /^pixi\.lock$/,
  /^conda-lock\.ya?ml$/,
  /^environment\.ya?ml$/,
  /^package-lock\.json$/,
  /^yarn\.lock$/,
  /^pnpm-lock\.yaml$/,
  /^Cargo\.lock$/,
  /^go\.sum$/,
  /^renv\.lock$/,
  /^Manifest\.toml$/,
];

export async function findLockFiles(cwd: string): Promise<LockFile[]> {
  const entries = await readdir(cwd, { withFileTypes: true });
  const lockFiles: LockFile[] = [];
  for (const entry of entries.filter((e) => e.isFile() && LOCK_FILE_PATTERNS.some((p) => p.test(e.name))).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(cwd, entry.name);
    lockFiles.push({ path: entry.name, bytes: (await stat(file)).size, sha256: await sha256OfFile(file) });
  }
  return lockFiles;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function detectContainer(env: NodeJS.ProcessEnv): Promise<Environment['container']> {
  const image = nonEmpty(env.GHML_CONTAINER_IMAGE);
  if (env.KUBERNETES_SERVICE_HOST) return { runtime: 'kubernetes', image };
  if (await exists('/.dockerenv')) return { runtime: 'docker', image };
  if (await exists('/run/.containerenv')) return { runtime: 'podman', image };
  return image ? { runtime: 'unknown', image } : null;
}

async function osName(): Promise<string | null> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
  return match ? match[1] : null;
}

async function capturePython(cwd: string, env: NodeJS.ProcessEnv): Promise<Environment['python']> {
  for (const executable of ['python3', 'python']) {
    const version = await execute(executable, ['--version'], { cwd, env, timeoutMs: 15_000 });
    if (!version.ok) continue;
    const freeze = await execute(executable, ['-m', 'pip', 'freeze', '--disable-pip-version-check'], { cwd, env, timeoutMs: 60_000 });
    const said = (version.stdout || version.stderr).trim();
    return {
      executable,
      version: said.replace(/^Python\s+/, '') || null,
      packages: freeze.ok ? freeze.stdout.split(/\r?\n/).filter(Boolean) : null,
      reason: freeze.ok ? null : `pip freeze failed: ${freeze.stderr.trim().split('\n').pop() ?? 'no output'}`,
    };
  }
  return null;
}

export async function captureEnvironment(cwd: string, env: NodeJS.ProcessEnv): Promise<Environment> {
  const cpus = os.cpus();
  const [name, container, lockFiles, python] = await Promise.all([osName(), detectContainer(env), findLockFiles(cwd), capturePython(cwd, env)]);
  return {
    os: { platform: os.platform(), release: os.release(), name },
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() || 'unknown', count: Math.max(1, cpus.length) },
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    runner:
      env.GITHUB_ACTIONS === 'true'
        ? {
            name: nonEmpty(env.RUNNER_NAME),
            os: nonEmpty(env.RUNNER_OS),
            arch: nonEmpty(env.RUNNER_ARCH),
            environment: nonEmpty(env.RUNNER_ENVIRONMENT),
            labels: env.RUNNER_LABELS ? env.RUNNER_LABELS.split(',').map((l) => l.trim()).filter(Boolean) : null,
          }
        : null,
    container,
    workflowRunUrl: workflowRunUrl(env),
    lockFiles,
    python,
  };
}
