import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POLICY_PATH } from '../contracts/policy.js';
import { ConfigurationError } from '../errors.js';
import type { PolicySource } from './ports.js';
import type { CommitRequest, PathCommit, RegistryStore } from './store.js';

const ZERO = '0'.repeat(40);

interface GitResult {
  stdout: string;
  exitCode: number;
}

/**
 * The registry store over a git repository on disk, for the CLI without GitHub; pushing the branch
 * is then the user's. Everything goes through plumbing with a throwaway index, so the user's work
 * tree, index and checked-out branch are never touched, and `git update-ref <ref> <new> <old>` is
 * the compare-and-swap: git moves the ref only if it still holds <old>, under its lock file.
 */
export class LocalGitRegistryStore implements RegistryStore {
  private constructor(readonly location: string, private readonly gitDir: string) {}

  static async open(repository: string): Promise<LocalGitRegistryStore> {
    const resolved = path.resolve(repository);
    const found = await runGit(['-C', resolved, 'rev-parse', '--absolute-git-dir'], { okCodes: [128] }).catch(() => undefined);
    if (!found || found.exitCode !== 0) throw new ConfigurationError(`${resolved} is not a git repository`, { input: 'local' });
    return new LocalGitRegistryStore(resolved, found.stdout.trim());
  }

  private git(args: string[], options: RunOptions = {}): Promise<GitResult> {
    return runGit(['--git-dir', this.gitDir, ...args], options);
  }

  async head(branch: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${branch}^{commit}`], { okCodes: [1, 128] });
    return exitCode === 0 ? stdout.trim() : undefined;
  }

  async readFile(commit: string, filePath: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.git(['cat-file', 'blob', `${commit}:${filePath}`], { okCodes: [128] });
    return exitCode === 0 ? stdout : undefined;
  }

  async listDirectory(commit: string, directory: string): Promise<string[] | undefined> {
    const { stdout, exitCode } = await this.git(['ls-tree', '-z', '--name-only', `${commit}:${directory}`], { okCodes: [128] });
    return exitCode === 0 ? stdout.split('\0').filter(Boolean) : undefined;
  }

  async commitFiles(request: CommitRequest): Promise<string | undefined> {
    const scratch = await mkdtemp(path.join(tmpdir(), 'ghml-registry-index-'));
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    try {
      await this.git(request.parent ? ['read-tree', request.parent] : ['read-tree', '--empty'], { env });
      const entries: string[] = [];
      for (const file of request.files) {
        const blob = (await this.git(['hash-object', '-w', '--stdin'], { input: file.content })).stdout.trim();
        entries.push(`100644 ${blob}\t${file.path}`);
      }
      await this.git(['update-index', '--add', '--index-info'], { env, input: `${entries.join('\n')}\n` });
      const tree = (await this.git(['write-tree'], { env })).stdout.trim();
      const commit = (await this.git(['commit-tree', tree, ...(request.parent ? ['-p', request.parent] : []), '-F', '-'], { input: request.message, env: await this.identity() })).stdout.trim();
      const moved = await this.git(['update-ref', '-m', 'ghml registry', `refs/heads/${request.branch}`, commit, request.expected ?? ZERO], { okCodes: [1, 128] });
      return moved.exitCode === 0 ? commit : undefined;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async history(branch: string, filePath: string, limit: number): Promise<PathCommit[]> {
    const format = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00');
    const { stdout, exitCode } = await this.git(['log', `--format=${format}%x1e`, `--max-count=${limit}`, `refs/heads/${branch}`, '--', filePath], { okCodes: [128] });
    if (exitCode !== 0) return [];
    return stdout.split('\x1e').map((record) => record.replace(/^\n/, '')).filter(Boolean).map((record) => {
      const [commit, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, message] = record.split('\0');
      return {
        commit,
        author: { name: authorName, email: authorEmail, date: new Date(authorDate).toISOString() },
        committer: { name: committerName, email: committerEmail, date: new Date(committerDate).toISOString() },
        message,
      };
    });
  }

  /** The user's configured identity when there is one; commit-tree refuses to run without any. */
  private async identity(): Promise<Record<string, string>> {
    const configured = async (key: string) => (await this.git(['config', '--get', key], { okCodes: [1] })).stdout.trim();
    const env: Record<string, string> = {};
    if (!process.env.GIT_AUTHOR_NAME && !(await configured('user.name'))) Object.assign(env, { GIT_AUTHOR_NAME: 'ghml', GIT_COMMITTER_NAME: 'ghml' });
    if (!process.env.GIT_AUTHOR_EMAIL && !(await configured('user.email'))) Object.assign(env, { GIT_AUTHOR_EMAIL: 'ghml@localhost', GIT_COMMITTER_EMAIL: 'ghml@localhost' });
    return env;
  }
}

interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  okCodes?: number[];
}

function runGit(args: string[], options: RunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LANG: 'C', ...options.env } }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (exitCode === 0 || options.okCodes?.includes(exitCode)) resolve({ stdout, exitCode });
      else reject(new Error(`git ${args.join(' ')} failed: ${stderr.trim() || error?.message}`));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * The policy of a repository on disk, from its default branch: the branch origin/HEAD names, else
 * main, else master. Never the checked-out branch, which may be the change under review.
 */
export class LocalPolicySource implements PolicySource {
  readonly location: string;

  constructor(private readonly repository: string) {
    this.location = `${repository} (default branch):${POLICY_PATH}`;
  }

  async read(): Promise<string | undefined> {
    const git = (args: string[]) => runGit(['-C', this.repository, ...args], { okCodes: [1, 128] });
    const remoteHead = await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
    const candidates = [remoteHead.exitCode === 0 ? remoteHead.stdout.trim() : undefined, 'refs/heads/main', 'refs/heads/master'].filter((ref): ref is string => ref !== undefined);
    for (const ref of candidates) {
      if ((await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).exitCode !== 0) continue;
      const file = await git(['cat-file', 'blob', `${ref}:${POLICY_PATH}`]);
      return file.exitCode === 0 ? file.stdout : undefined;
    }
    return undefined;
  }
}
