import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  expectCoverage(sandbox, 'commits.test.ts');
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

describe('commits', () => {
  it('lists the commits of a branch that touched a path, newest first, page by page', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    let parent = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    const written: string[] = [];
    for (const [file, content] of [['a.json', '1'], ['b.json', '1'], ['a.json', '2'], ['a.json', '3']]) {
      const base = (await octokit.rest.git.getCommit({ ...repo, commit_sha: parent })).data.tree.sha;
      const { data: tree } = await octokit.rest.git.createTree({ ...repo, base_tree: base, tree: [{ path: file, mode: '100644', type: 'blob', content }] });
      const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message: `${file} = ${content}`, tree: tree.sha, parents: [parent] });
      written.push(commit.sha);
      parent = commit.sha;
    }
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/history', sha: parent });

    const reader = octokitFor(sandbox, 'carol');
    const { data: touching } = await reader.rest.repos.listCommits({ ...repo, sha: 'history', path: 'a.json' });
    expect(touching.map((entry) => entry.sha)).toEqual([written[3], written[2], written[0]]);
    expect(touching[0].commit.message).toBe('a.json = 3');
    expect(touching[0].commit.author?.name).toBe('Alice Liddell');
    expect(touching[0].author && 'login' in touching[0].author ? touching[0].author.login : undefined).toBe('alice');

    const firstPage = await reader.rest.repos.listCommits({ ...repo, sha: 'history', per_page: 2 });
    expect(firstPage.data.map((entry) => entry.sha)).toEqual([written[3], written[2]]);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await reader.paginate(reader.rest.repos.listCommits, { ...repo, sha: 'history', per_page: 2 });
    expect(all).toHaveLength(5);
    expect((await reader.rest.repos.listCommits({ ...repo })).data).toHaveLength(1);
    expect((await statusOf(reader.rest.repos.listCommits({ ...repo, sha: 'no-such-branch' }))).status).toBe(404);
  });
});
