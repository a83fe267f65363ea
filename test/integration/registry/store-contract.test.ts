import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistryFormat } from '../../../src/contracts/registry.js';
import { GitHubRegistryStore } from '../../../src/github/registry-store.js';
import { createOctokit } from '../../../src/github/client.js';
import { LocalGitRegistryStore } from '../../../src/registry/local-git-store.js';
import { updateBranch, type RegistryStore } from '../../../src/registry/store.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { expectNoContractViolations } from '../../sandbox/helpers.js';
import { sandboxTarget } from './support.js';

/**
 * One contract, two adapters: every behaviour the registry relies on, checked against GitHub's Git
 * Data API (through the sandbox) and against a repository on disk.
 */

let sandbox: Sandbox;
let workTree: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: workTree, encoding: 'utf8' }).trim();

beforeAll(async () => {
  sandbox = await startSandbox();
  workTree = await mkdtemp(path.join(tmpdir(), 'ghml-local-registry-'));
  git('init', '-q', '-b', 'main');
  await writeFile(path.join(workTree, 'train.py'), 'print("train")\n');
  git('add', '.');
  git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'code');
  git('config', 'user.name', 'Local Dev');
  git('config', 'user.email', 'local@example.com');
});
afterAll(async () => {
  await sandbox.close();
  await rm(workTree, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

const adapters: [string, () => Promise<RegistryStore>, string][] = [
  ['GitHub (sandbox)', async () => new GitHubRegistryStore(createOctokit(sandboxTarget(sandbox), { retries: 0 }), sandboxTarget(sandbox)), 'Alice Liddell'],
  ['local git', () => LocalGitRegistryStore.open(workTree), 'Local Dev'],
];

describe.each(adapters)('the registry store over %s', (_name, open, author) => {
  let store: RegistryStore;
  const branch = 'ghml/registry';
  beforeAll(async () => {
    store = await open();
  });

  it('has no head before the branch exists, and reads nothing from a missing file', async () => {
    expect(await store.head(branch)).toBeUndefined();
    expect(await store.head('no/such/branch')).toBeUndefined();
  });

  it('creates the branch on first write as an orphan holding ghml.json and the change', async () => {
    const { commit, result } = await updateBranch(store, branch, async (snapshot) => {
      expect(snapshot.commit).toBeUndefined();
      expect(await snapshot.read('counter.json')).toBeUndefined();
      return { files: [{ path: 'counter.json', content: '0\n' }], message: 'start the counter', result: 'created' };
    });
    expect(result).toBe('created');
    expect(await store.head(branch)).toBe(commit);
    expect(RegistryFormat.parse(JSON.parse((await store.readFile(commit!, 'ghml.json'))!)).format).toBe('ghml.registry/v1');
    expect(await store.readFile(commit!, 'counter.json')).toBe('0\n');
    expect(await store.readFile(commit!, 'missing.json')).toBeUndefined();
    expect((await store.listDirectory(commit!, ''))!.sort()).toEqual(['counter.json', 'ghml.json']);
    const [only] = await store.history(branch, 'ghml.json', 10);
    expect(only.commit).toBe(commit);
  });

  it('writes several files in one commit on top of the head, in nested directories', async () => {
    const { commit } = await updateBranch(store, branch, async () => ({
      files: [{ path: 'models/a/model.json', content: '{"a":1}\n' }, { path: 'models/b/model.json', content: '{"b":1}\n' }],
      message: 'two models',
      result: undefined,
    }));
    expect((await store.listDirectory(commit!, 'models'))!.sort()).toEqual(['a', 'b']);
    expect(await store.listDirectory(commit!, 'models/none')).toBeUndefined();
    expect(await store.readFile(commit!, 'counter.json')).toBe('0\n');
    expect(await store.readFile(commit!, 'models/b/model.json')).toBe('{"b":1}\n');
  });

  it('refuses a write computed from a head that has moved since: the compare-and-swap', async () => {
    const head = (await store.head(branch))!;
    const first = await store.commitFiles({ branch, parent: head, expected: head, files: [{ path: 'race.json', content: '1\n' }], message: 'first' });
    expect(first).toBeDefined();
    const stale = await store.commitFiles({ branch, parent: head, expected: head, files: [{ path: 'race.json', content: '2\n' }], message: 'second' });
    expect(stale).toBeUndefined();
    expect(await store.head(branch)).toBe(first);
    expect(await store.commitFiles({ branch, parent: undefined, expected: undefined, files: [{ path: 'x', content: 'x' }], message: 'again' })).toBeUndefined();
  });

  it('gives racing writers distinct results and loses none, re-running the change on conflict', async () => {
    const takes = await Promise.all(Array.from({ length: 4 }, () => updateBranch(store, branch, async (snapshot) => {
      const value = Number(await snapshot.read('counter.json')) + 1;
      return { files: [{ path: 'counter.json', content: `${value}\n` }], message: `counter ${value}`, result: value };
    }, { backoffMs: 5, attempts: 30 })));
    expect(takes.map((take) => take.result).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(await store.readFile((await store.head(branch))!, 'counter.json')).toBe('4\n');
  });

  it('lists the commits that changed a path, newest first, with who and when', async () => {
    const history = await store.history(branch, 'counter.json', 3);
    expect(history).toHaveLength(3);
    expect(history.map((entry) => entry.message.split('\n')[0])).toEqual(['counter 4', 'counter 3', 'counter 2']);
    expect(await store.readFile(history[0].commit, 'counter.json')).toBe('4\n');
    expect(history[0].author.name).toBe(author);
    expect(Date.parse(history[0].committer.date)).toBeGreaterThan(Date.now() - 600_000);
    expect(await store.history(branch, 'no-such-file.json', 5)).toEqual([]);
  });

  it('rewrites a promotion branch onto a new base, leaving the registry branch alone', async () => {
    const head = (await store.head(branch))!;
    const proposal = await store.commitFiles({ branch: 'ghml/promote/a/staging/v1', parent: head, expected: undefined, files: [{ path: 'models/a/aliases.json', content: '{"staging":1}\n' }], message: 'propose' });
    expect(proposal).toBeDefined();
    const moved = await store.commitFiles({ branch: 'ghml/promote/a/staging/v1', parent: head, expected: proposal, force: true, files: [{ path: 'models/a/aliases.json', content: '{"staging":2}\n' }], message: 'propose again' });
    expect(moved).toBeDefined();
    expect(await store.readFile((await store.head('ghml/promote/a/staging/v1'))!, 'models/a/aliases.json')).toBe('{"staging":2}\n');
    expect(await store.head(branch)).toBe(head);
  });
});

describe('the local-git store', () => {
  it('never touches the work tree, the index or the checked-out branch', async () => {
    await writeFile(path.join(workTree, 'train.py'), 'print("edited, not committed")\n');
    const status = git('status', '--porcelain');
    const checkedOut = git('rev-parse', 'HEAD');
    const store = await LocalGitRegistryStore.open(workTree);
    await updateBranch(store, 'ghml/registry', async () => ({ files: [{ path: 'models/c/model.json', content: '{}\n' }], message: 'more', result: undefined }));
    expect(git('status', '--porcelain')).toBe(status);
    expect(git('rev-parse', 'HEAD')).toBe(checkedOut);
    expect(git('symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(await readFile(path.join(workTree, 'train.py'), 'utf8')).toBe('print("edited, not committed")\n');
    expect(git('ls-files')).toBe('train.py');
  });

  it('refuses a directory that is not a git repository', async () => {
    await expect(LocalGitRegistryStore.open(tmpdir())).rejects.toThrow(/is not a git repository/);
  });
});
