import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Who made a commit, and when (ISO 8601). */
export interface GitIdentity {
  name: string;
  email: string;
  date: string;
}

export interface ParsedCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  message: string;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  path: string;
  /** Blob size in bytes; absent for trees and submodules. */
  size?: number;
}

/** One change to a tree: a blob written at `path`, or a deletion when `sha` is null. */
export interface TreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string | null;
}

export interface FileChange {
  status: 'added' | 'removed' | 'modified' | 'renamed';
  path: string;
  previousPath?: string;
  additions: number;
  deletions: number;
  /** The blob after the change (before it, for removals). */
  sha: string;
}

export class GitError extends Error {
  override name = 'GitError';
  constructor(message: string, readonly exitCode: number | null, readonly stderr: string) {
    super(message);
  }
}

interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  okCodes?: number[];
}

/**
 * A bare repository driven through the git CLI, so every object the sandbox serves is a real git
 * object that `git` itself can read back.
 */
export class GitRepository {
  constructor(readonly gitDir: string) {}

  static async init(gitDir: string, defaultBranch: string): Promise<GitRepository> {
    await runGit(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, gitDir], { cwd: path.dirname(gitDir) });
    return new GitRepository(gitDir);
  }

  async run(args: string[], options: RunOptions = {}): Promise<{ stdout: Buffer; exitCode: number }> {
    return runGit(['--git-dir', this.gitDir, ...args], { cwd: this.gitDir, ...options });
  }

  async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8');
  }

  /** The object a name resolves to, or undefined when it names nothing. */
  async resolve(name: string, type?: 'commit' | 'tree' | 'blob'): Promise<string | undefined> {
    const spec = type ? `${name}^{${type}}` : name;
    const { stdout, exitCode } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', spec], { okCodes: [1, 128] });
    return exitCode === 0 ? stdout.toString().trim() : undefined;
  }

  async objectType(sha: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.run(['cat-file', '-t', sha], { okCodes: [1, 128] });
    return exitCode === 0 ? stdout.toString().trim() : undefined;
  }

  async readBlob(sha: string): Promise<Buffer> {
    return (await this.run(['cat-file', 'blob', sha])).stdout;
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (await this.text(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  async readCommit(sha: string): Promise<ParsedCommit> {
    const raw = await this.text(['cat-file', 'commit', sha]);
    const split = raw.indexOf('\n\n');
    const headers = raw.slice(0, split).split('\n');
    const commit: ParsedCommit = { sha, tree: '', parents: [], author: undefined!, committer: undefined!, message: raw.slice(split + 2) };
    for (const line of headers) {
      const space = line.indexOf(' ');
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      if (key === 'tree') commit.tree = value;
      else if (key === 'parent') commit.parents.push(value);
      else if (key === 'author') commit.author = parseIdentity(value);
      else if (key === 'committer') commit.committer = parseIdentity(value);
    }
    return commit;
  }

  async writeCommit(options: { tree: string; parents: string[]; message: string; author: GitIdentity; committer: GitIdentity }): Promise<string> {
    const args = ['commit-tree', options.tree, ...options.parents.flatMap((parent) => ['-p', parent])];
    const env = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_AUTHOR_DATE: options.author.date,
      GIT_COMMITTER_NAME: options.committer.name,
      GIT_COMMITTER_EMAIL: options.committer.email,
      GIT_COMMITTER_DATE: options.committer.date,
    };
    // The message goes through stdin so it is stored byte for byte, trailing newline included.
    return (await this.text([...args, '-F', '-'], { input: options.message, env })).trim();
  }

  async listTree(treeish: string, recursive: boolean): Promise<TreeEntry[]> {
    const out = await this.text(['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), treeish]);
    return out.split('\0').filter(Boolean).map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
      return { mode, type: type as TreeEntry['type'], sha, path: line.slice(tab + 1), ...(size !== '-' ? { size: Number(size) } : {}) };
    });
  }

  /** The entry at `filePath` in a commit's tree, or undefined. */
  async entryAt(commit: string, filePath: string): Promise<TreeEntry | undefined> {
    const clean = filePath.replace(/^\/+|\/+$/g, '');
    if (clean === '') {
      const tree = await this.resolve(commit, 'tree');
      return tree ? { mode: '040000', type: 'tree', sha: tree, path: '' } : undefined;
    }
    const out = await this.text(['ls-tree', '-z', '-l', commit, '--', clean]);
    const line = out.split('\0').find(Boolean);
    if (!line) return undefined;
    const tab = line.indexOf('\t');
    const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
    if (line.slice(tab + 1) !== clean) return undefined;
    return { mode, type: type as TreeEntry['type'], sha, path: clean, ...(size !== '-' ? { size: Number(size) } : {}) };
  }

  /**
   * Writes a tree: `base` (a tree or nothing) with `changes` applied, the way GitHub's create-tree
   * applies nested paths onto `base_tree`. Uses a throwaway index so nothing else is touched, and
   * `--index-info` because the repository is bare (no work tree to remove files from).
   */
  async writeTree(base: string | undefined, changes: TreeChange[]): Promise<string> {
    const scratch = await mkdtemp(path.join(tmpdir(), 'ghml-index-'));
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    try {
      await this.run(base ? ['read-tree', base] : ['read-tree', '--empty'], { env });
      for (const change of changes) {
        const clean = change.path.replace(/^\/+|\/+$/g, '');
        const listed = await this.text(['ls-files', '-z', '--cached', '--', clean], { env });
        const replaced = listed.split('\0').filter((p) => p === clean || p.startsWith(`${clean}/`));
        const lines = replaced.map((p) => `0 ${'0'.repeat(40)}\t${p}`);
        if (change.sha !== null && change.type !== 'tree') lines.push(`${change.mode} ${change.type} ${change.sha}\t${clean}`);
        if (lines.length > 0) await this.run(['update-index', '--index-info'], { env, input: `${lines.join('\n')}\n` });
        if (change.sha !== null && change.type === 'tree') await this.run(['read-tree', `--prefix=${clean}/`, change.sha], { env });
      }
      return (await this.text(['write-tree'], { env })).trim();
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Snapshots a directory into a tree, as `git add -A` would. */
  async writeTreeFromDirectory(directory: string): Promise<string> {
    const scratch = await mkdtemp(path.join(tmpdir(), 'ghml-index-'));
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    try {
      await this.run(['--work-tree', directory, 'add', '-A', '.'], { env });
      return (await this.text(['write-tree'], { env })).trim();
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async readRef(ref: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', ref], { okCodes: [1, 128] });
    return exitCode === 0 ? stdout.toString().trim() : undefined;
  }

  async listRefs(prefix: string): Promise<{ ref: string; sha: string; type: string }[]> {
    const out = await this.text(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(objecttype)', 'refs/']);
    return out.split('\n').filter(Boolean)
      .map((line) => { const [ref, sha, type] = line.split('\0'); return { ref, sha, type }; })
      .filter((entry) => entry.ref.startsWith(prefix));
  }

  /**
   * Moves a ref only if it still points at `expected` (undefined: only if it does not exist), so
   * two writers can never both win.
   */
  async compareAndSwapRef(ref: string, next: string, expected: string | undefined): Promise<boolean> {
    const { exitCode } = await this.run(['update-ref', ref, next, expected ?? '0'.repeat(40)], { okCodes: [1, 128] });
    return exitCode === 0;
  }

  async deleteRef(ref: string, expected: string): Promise<boolean> {
    const { exitCode } = await this.run(['update-ref', '-d', ref, expected], { okCodes: [1, 128] });
    return exitCode === 0;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const { exitCode } = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1] });
    return exitCode === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.run(['merge-base', a, b], { okCodes: [1] });
    return exitCode === 0 ? stdout.toString().trim() : undefined;
  }

  /** The tree of a three-way merge of two commits, or undefined when they conflict. */
  async mergeTrees(ours: string, theirs: string): Promise<string | undefined> {
    const { stdout, exitCode } = await this.run(['merge-tree', '--write-tree', '--no-messages', ours, theirs], { okCodes: [1] });
    return exitCode === 0 ? stdout.toString().split('\n')[0].trim() : undefined;
  }

  /** Commits reachable from `head` but not from `exclude`, oldest first. */
  async commitsBetween(exclude: string | undefined, head: string, limit?: number): Promise<string[]> {
    const args = ['rev-list', '--reverse', ...(limit ? [`--max-count=${limit}`] : []), head, ...(exclude ? [`^${exclude}`] : [])];
    return (await this.text(args)).split('\n').filter(Boolean);
  }

  /** File-level changes from `from` (a commit, or nothing for the empty tree) to `to`. */
  async diff(from: string | undefined, to: string): Promise<FileChange[]> {
    const base = from ?? (await this.emptyTree());
    const [numstat, raw] = await Promise.all([
      this.text(['diff-tree', '-r', '-z', '-M', '--numstat', base, to]),
      this.text(['diff-tree', '-r', '-z', '-M', '--raw', '--no-abbrev', base, to]),
    ]);
    const counts = parseNumstat(numstat);
    const changes: FileChange[] = [];
    const fields = raw.split('\0');
    for (let i = 0; i < fields.length - 1; ) {
      const meta = fields[i++];
      if (!meta.startsWith(':')) continue;
      const [, , oldSha, newSha, statusCode] = meta.slice(1).split(' ');
      const letter = statusCode[0];
      const first = fields[i++];
      const second = letter === 'R' || letter === 'C' ? fields[i++] : undefined;
      const filePath = second ?? first;
      const count = counts.get(filePath) ?? { additions: 0, deletions: 0 };
      const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : letter === 'R' ? 'renamed' : 'modified';
      changes.push({ status, path: filePath, ...(second ? { previousPath: first } : {}), ...count, sha: letter === 'D' ? oldSha : newSha });
    }
    return changes;
  }

  async emptyTree(): Promise<string> {
    return (await this.text(['hash-object', '-t', 'tree', '-w', '--stdin'], { input: '' })).trim();
  }
}

function parseNumstat(out: string): Map<string, { additions: number; deletions: number }> {
  const counts = new Map<string, { additions: number; deletions: number }>();
  const fields = out.split('\0');
  const toNumber = (value: string) => (value === '-' ? 0 : Number(value));
  for (let i = 0; i < fields.length; i++) {
    if (!fields[i]) continue;
    const [additions, deletions, name] = fields[i].split('\t');
    let filePath = name;
    if (name === '') {
      // A rename prints an empty name followed by the old and the new path as fields of their own.
      filePath = fields[i + 2];
      i += 2;
    }
    counts.set(filePath, { additions: toNumber(additions), deletions: toNumber(deletions) });
  }
  return counts;
}

function parseIdentity(value: string): GitIdentity {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!match) throw new Error(`unparseable git identity: ${value}`);
  return { name: match[1], email: match[2], date: new Date(Number(match[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

function runGit(args: string[], options: RunOptions & { cwd: string }): Promise<{ stdout: Buffer; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, {
      cwd: options.cwd,
      encoding: 'buffer',
      maxBuffer: 1 << 30,
      env: {
        PATH: process.env.PATH ?? '',
        // Keep the user's and the system's git configuration out of the sandbox's repository.
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        HOME: options.cwd,
        LANG: 'C',
        ...options.env,
      },
    }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (exitCode !== null && (exitCode === 0 || options.okCodes?.includes(exitCode))) {
        resolve({ stdout, exitCode });
        return;
      }
      const message = stderr.toString('utf8').trim();
      reject(new GitError(`git ${args.join(' ')} failed: ${message || error?.message}`, exitCode, message));
    });
    // git may exit before reading stdin (e.g. on a bad argument); its exit status tells what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}
