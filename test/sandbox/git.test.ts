import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
let seed: string;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  seed = await mkdtemp(path.join(tmpdir(), 'ghml-seed-'));
  await mkdir(path.join(seed, 'data'));
  await writeFile(path.join(seed, 'README.md'), '# churn\n');
  await writeFile(path.join(seed, 'data', 'train.csv'), 'a,b\n1,2\n');
  sandbox = await startSandbox({ seed });
});
afterAll(async () => {
  expectCoverage(sandbox, 'git.test.ts');
  await sandbox.close();
  await rm(seed, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

/** A commit on top of `parent` that writes `files`, through the git data API as ghml's registry store does. */
async function commitFiles(login: string, parent: string, files: Record<string, string | null>, message: string) {
  const octokit = octokitFor(sandbox, login);
  const { data: base } = await octokit.rest.git.getCommit({ ...repo, commit_sha: parent });
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: base.tree.sha,
    tree: Object.entries(files).map(([file, content]) => (content === null
      ? { path: file, mode: '100644' as const, type: 'blob' as const, sha: null }
      : { path: file, mode: '100644' as const, type: 'blob' as const, content })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [parent] });
  return commit;
}

describe('git data', () => {
  it('serves the seeded repository from a real git repository on disk', async () => {
    const octokit = octokitFor(sandbox, 'carol');
    const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(ref.ref).toBe('refs/heads/main');
    expect(await sandbox.repo.git(['rev-parse', 'refs/heads/main'])).toBe(`${ref.object.sha}\n`);
    const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: ref.object.sha, recursive: 'true' });
    expect(tree.tree.map((entry) => `${entry.type} ${entry.path}`)).toEqual(['blob README.md', 'tree data', 'blob data/train.csv']);
    const csv = tree.tree.find((entry) => entry.path === 'data/train.csv')!;
    const { data: blob } = await octokit.rest.git.getBlob({ ...repo, file_sha: csv.sha! });
    expect(Buffer.from(blob.content, 'base64').toString()).toBe('a,b\n1,2\n');
    expect(blob.size).toBe(8);
  });

  it('creates blobs in both encodings, trees on a base tree, and commits with the caller as author', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: utf8 } = await octokit.rest.git.createBlob({ ...repo, content: 'héllo', encoding: 'utf-8' });
    const { data: binary } = await octokit.rest.git.createBlob({ ...repo, content: Buffer.from([0, 1, 2, 255]).toString('base64'), encoding: 'base64' });
    expect(await sandbox.repo.git(['cat-file', '-s', binary.sha])).toBe('4\n');
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    const { data: parent } = await octokit.rest.git.getCommit({ ...repo, commit_sha: main });
    const { data: tree } = await octokit.rest.git.createTree({
      ...repo,
      base_tree: parent.tree.sha,
      tree: [
        { path: 'models/churn/model.json', mode: '100644', type: 'blob', sha: utf8.sha },
        { path: 'models/churn/weights.bin', mode: '100644', type: 'blob', sha: binary.sha },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.tree.map((entry) => entry.path).sort()).toEqual(['data', 'models']);
    const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message: 'Register churn', tree: tree.sha, parents: [main] });
    expect(commit.author.name).toBe('Alice Liddell');
    expect(commit.parents.map((p) => p.sha)).toEqual([main]);
    const onDisk = await sandbox.repo.git(['show', '--name-status', '--format=%an|%s', commit.sha]);
    expect(onDisk).toContain('Alice Liddell|Register churn');
    expect(onDisk).toContain('D\tREADME.md');
    expect(onDisk).toContain('A\tmodels/churn/weights.bin');
  });

  it('moves a branch forward, answers 422 to a non-fast-forward update, and lets force win', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/ghml/registry', sha: main });
    const first = await commitFiles('alice', main, { 'ghml.json': '{"format":1}' }, 'Start the registry');
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/ghml/registry', sha: first.sha });
    const sideways = await commitFiles('alice', main, { 'other.json': '{}' }, 'Diverge');
    const refused = await statusOf(octokit.rest.git.updateRef({ ...repo, ref: 'heads/ghml/registry', sha: sideways.sha }));
    expect(refused.status).toBe(422);
    expect(refused.data.message).toBe('Update is not a fast forward');
    expect(refused.data.documentation_url).toContain('docs.github.com/rest/git/refs');
    expect(await sandbox.repo.git(['rev-parse', 'refs/heads/ghml/registry'])).toBe(`${first.sha}\n`);
    const { data: forced } = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/ghml/registry', sha: sideways.sha, force: true });
    expect(forced.object.sha).toBe(sideways.sha);
  });

  it('lets exactly one of two concurrent compare-and-swap writers win', async () => {
    const octokit = octokitFor(sandbox, 'bob');
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/ghml/registry' })).data.object.sha;
    const [a, b] = await Promise.all([
      commitFiles('bob', head, { 'models/churn/versions/1.json': '{"by":"a"}' }, 'Take version 1 (a)'),
      commitFiles('erin', head, { 'models/churn/versions/1.json': '{"by":"b"}' }, 'Take version 1 (b)'),
    ]);
    const outcomes = await Promise.allSettled([a, b].map((commit) => octokit.rest.git.updateRef({ ...repo, ref: 'heads/ghml/registry', sha: commit.sha })));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.status).toBe(422);
    const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    expect(await sandbox.repo.git(['rev-parse', 'refs/heads/ghml/registry'])).toBe(`${[a, b][winner].sha}\n`);
  });

  it('lists matching refs, refuses duplicates and deletes refs', async () => {
    const octokit = octokitFor(sandbox, 'octocat');
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/model/churn/v1', sha: main });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/model/churn/v2', sha: main });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/model/fraud/v1', sha: main });
    const duplicate = await statusOf(octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/model/churn/v1', sha: main }));
    expect([duplicate.status, duplicate.data.message]).toEqual([422, 'Reference already exists']);
    const { data: churn } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'tags/model/churn/' });
    expect(churn.map((ref) => ref.ref)).toEqual(['refs/tags/model/churn/v1', 'refs/tags/model/churn/v2']);
    await octokit.rest.git.deleteRef({ ...repo, ref: 'tags/model/fraud/v1' });
    expect((await statusOf(octokit.rest.git.getRef({ ...repo, ref: 'tags/model/fraud/v1' }))).status).toBe(404);
    expect((await statusOf(octokit.rest.git.deleteRef({ ...repo, ref: 'tags/model/fraud/v1' }))).status).toBe(422);
  });

  it('answers 404 for objects that do not exist', async () => {
    const octokit = octokitFor(sandbox, 'carol');
    expect((await statusOf(octokit.rest.git.getCommit({ ...repo, commit_sha: 'f'.repeat(40) }))).status).toBe(404);
    expect((await statusOf(octokit.rest.git.getBlob({ ...repo, file_sha: 'f'.repeat(40) }))).status).toBe(404);
    expect((await statusOf(octokit.rest.git.getTree({ ...repo, tree_sha: 'no-such-branch' }))).status).toBe(404);
  });
});

describe('contents', () => {
  it('reads files and directories at a ref, through @actions/github', async () => {
    // @actions/github reads GITHUB_API_URL when it is first imported, as in an Action's process.
    process.env.GITHUB_API_URL = sandbox.apiUrl;
    const { getOctokit } = await import('@actions/github');
    const github = getOctokit(sandbox.tokens['github-actions[bot]']);
    const { data: file } = await github.rest.repos.getContent({ ...repo, path: 'data/train.csv', ref: 'main' });
    expect(Array.isArray(file)).toBe(false);
    expect(Buffer.from((file as { content: string }).content, 'base64').toString()).toBe('a,b\n1,2\n');
    const { data: directory } = await github.rest.repos.getContent({ ...repo, path: 'data' });
    expect((directory as { name: string; type: string }[]).map((entry) => [entry.name, entry.type])).toEqual([['train.csv', 'file']]);
    expect((await statusOf(github.rest.repos.getContent({ ...repo, path: 'missing.txt' }))).status).toBe(404);
    const raw = await github.rest.repos.getContent({ ...repo, path: 'README.md', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('# churn\n');
  });

  it('creates and updates a file with a sha check: 409 on a stale sha, 422 without one', async () => {
    const octokit = octokitFor(sandbox, 'erin');
    const content = (text: string) => Buffer.from(text).toString('base64');
    const { data: created, status } = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'config/ghml.yml', message: 'Add policy', content: content('stages: [staging]\n') });
    expect(status).toBe(201);
    expect(created.commit.author?.name).toBe('Erin Hopper');
    const missingSha = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'config/ghml.yml', message: 'Edit', content: content('x') }));
    expect(missingSha.status).toBe(422);
    const { data: updated, status: updateStatus } = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: 'config/ghml.yml', message: 'Add production', content: content('stages: [staging, production]\n'), sha: created.content!.sha!,
    });
    expect(updateStatus).toBe(200);
    const stale = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'config/ghml.yml', message: 'Stale', content: content('x'), sha: created.content!.sha! }));
    expect(stale.status).toBe(409);
    expect(await sandbox.repo.git(['show', `${updated.commit.sha}:config/ghml.yml`])).toBe('stages: [staging, production]\n');
    expect(await sandbox.repo.git(['rev-parse', 'main'])).toBe(`${updated.commit.sha}\n`);
  });
});
