import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, startProbotApp, statusOf } from './helpers.js';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startProbotApp>>;
const repo = { owner: 'octo-org', repo: 'ml-repo' };
const base64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await startProbotApp(sandbox);
});
afterAll(async () => {
  expectCoverage(sandbox, 'pulls.test.ts');
  await app.close();
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

/** A branch off main with one commit per file, written through the contents API. */
async function branchWithFiles(login: string, branch: string, files: Record<string, string>) {
  const octokit = octokitFor(sandbox, login);
  const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
  await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main });
  for (const [file, content] of Object.entries(files)) {
    const existing = await octokit.rest.repos.getContent({ ...repo, path: file, ref: branch }).then(({ data }) => (data as { sha: string }).sha, () => undefined);
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, branch, path: file, message: `Write ${file}`, content: base64(content), sha: existing });
  }
}

async function headOf(branch: string): Promise<string> {
  return (await sandbox.repo.git(['rev-parse', `refs/heads/${branch}`])).trim();
}

describe('pull requests', () => {
  let number: number;

  it('opens a pull request and tells the app', async () => {
    await branchWithFiles('alice', 'promote/churn-v2', { 'models/churn/aliases.json': '{"production": 2}\n' });
    const octokit = octokitFor(sandbox, 'alice');
    const { data: pull, status } = await octokit.rest.pulls.create({ ...repo, head: 'promote/churn-v2', base: 'main', title: 'Promote churn v2', body: 'Evaluation passed.' });
    expect(status).toBe(201);
    number = pull.number;
    expect(pull.user.login).toBe('alice');
    expect(pull.head.sha).toBe(await headOf('promote/churn-v2'));
    await sandbox.settle();
    const [opened] = app.events('pull_request.opened');
    expect(opened.payload.pull_request.number).toBe(number);
    expect(opened.payload.sender.login).toBe('alice');
    const duplicate = await statusOf(octokit.rest.pulls.create({ ...repo, head: 'promote/churn-v2', base: 'main', title: 'Again' }));
    expect(duplicate.status).toBe(422);
  });

  it('reports mergeability, files and commits from git', async () => {
    const octokit = octokitFor(sandbox, 'carol');
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    expect([pull.mergeable, pull.mergeable_state, pull.commits, pull.changed_files, pull.additions]).toEqual([true, 'clean', 1, 1, 1]);
    const { data: files } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: number });
    expect(files.map((file) => [file.filename, file.status])).toEqual([['models/churn/aliases.json', 'added']]);
    const { data: commits } = await octokit.rest.pulls.listCommits({ ...repo, pull_number: number });
    expect(commits.map((commit) => [commit.commit.message, commit.author && 'login' in commit.author ? commit.author.login : undefined]))
      .toEqual([['Write models/churn/aliases.json', 'alice']]);
  });

  it('lists pull requests by state, head and base, and edits them', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    await octokit.rest.pulls.update({ ...repo, pull_number: number, title: 'Promote churn v2 to production' });
    const byHead = await octokit.rest.pulls.list({ ...repo, head: 'octo-org:promote/churn-v2' });
    expect(byHead.data.map((pull) => pull.title)).toEqual(['Promote churn v2 to production']);
    expect((await octokit.rest.pulls.list({ ...repo, base: 'ghml/registry' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, state: 'closed' })).data).toEqual([]);
    await sandbox.settle();
    expect(app.events('pull_request.edited').at(-1)!.payload.changes).toEqual({ title: { from: 'Promote churn v2' } });
  });

  it('records reviews with GitHub rules: no self-approval, pending until submitted, dismissal', async () => {
    const author = await statusOf(octokitFor(sandbox, 'alice').rest.pulls.createReview({ ...repo, pull_number: number, event: 'APPROVE' }));
    expect(author.status).toBe(422);
    expect(author.data.errors).toEqual(['Can not approve your own pull request']);

    const { data: approval } = await octokitFor(sandbox, 'bob').rest.pulls.createReview({ ...repo, pull_number: number, event: 'APPROVE' });
    expect([approval.state, approval.user?.login, approval.commit_id]).toEqual(['APPROVED', 'bob', await headOf('promote/churn-v2')]);
    const erin = octokitFor(sandbox, 'erin');
    const { data: pending } = await erin.rest.pulls.createReview({ ...repo, pull_number: number, body: 'Looking' });
    expect(pending.state).toBe('PENDING');
    const othersView = await octokitFor(sandbox, 'octocat').rest.pulls.listReviews({ ...repo, pull_number: number });
    expect(othersView.data.map((review) => review.user?.login)).toEqual(['bob']);
    const { data: submitted } = await erin.rest.pulls.submitReview({ ...repo, pull_number: number, review_id: pending.id, event: 'COMMENT', body: 'Looks fine' });
    expect(submitted.state).toBe('COMMENTED');

    const maintainer = octokitFor(sandbox, 'octocat');
    const { data: dismissed } = await maintainer.rest.pulls.dismissReview({ ...repo, pull_number: number, review_id: approval.id, message: 'Stale' });
    expect(dismissed.state).toBe('DISMISSED');
    expect((await statusOf(maintainer.rest.pulls.dismissReview({ ...repo, pull_number: number, review_id: submitted.id, message: 'x' }))).status).toBe(422);

    await sandbox.settle();
    expect(app.events('pull_request_review.submitted').map((event) => [event.payload.review.user.login, event.payload.review.state]))
      .toEqual([['bob', 'approved'], ['erin', 'commented']]);
    expect(app.events('pull_request_review.dismissed')).toHaveLength(1);
  });

  it('sends synchronize when the head branch moves', async () => {
    const before = await headOf('promote/churn-v2');
    await octokitFor(sandbox, 'alice').rest.repos.createOrUpdateFileContents({
      ...repo, branch: 'promote/churn-v2', path: 'models/churn/notes.md', message: 'Add notes', content: base64('notes\n'),
    });
    await sandbox.settle();
    const synchronize = app.events('pull_request.synchronize').at(-1)!;
    expect([synchronize.payload.before, synchronize.payload.after]).toEqual([before, await headOf('promote/churn-v2')]);
  });

  it('merges with a merge commit on the base branch, checking the head sha', async () => {
    const octokit = octokitFor(sandbox, 'octocat');
    const stale = await statusOf(octokit.rest.pulls.merge({ ...repo, pull_number: number, sha: 'a'.repeat(40) }));
    expect(stale.status).toBe(409);
    const mainBefore = await headOf('main');
    const head = await headOf('promote/churn-v2');
    const { data: merge } = await octokit.rest.pulls.merge({ ...repo, pull_number: number, sha: head });
    expect(merge.merged).toBe(true);

    expect(await headOf('main')).toBe(merge.sha);
    expect(await sandbox.repo.git(['log', '-1', '--format=%P|%an|%cn|%s', merge.sha])).toBe(`${mainBefore} ${head}|The Octocat|GitHub|Merge pull request #${number} from octo-org/promote/churn-v2\n`);
    expect(await sandbox.repo.git(['show', 'main:models/churn/aliases.json'])).toBe('{"production": 2}\n');

    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    expect([pull.state, pull.merged, pull.merged_by?.login, pull.merge_commit_sha]).toEqual(['closed', true, 'octocat', merge.sha]);
    await sandbox.settle();
    const closed = app.events('pull_request.closed').at(-1)!;
    expect(closed.payload.pull_request.merged).toBe(true);
    const push = app.events('push').at(-1)!;
    expect([push.payload.ref, push.payload.before, push.payload.after]).toEqual(['refs/heads/main', mainBefore, merge.sha]);
    expect((await statusOf(octokit.rest.pulls.merge({ ...repo, pull_number: number }))).status).toBe(405);
  });

  it('refuses to merge a conflicting pull request', async () => {
    await branchWithFiles('bob', 'conflict', { 'README.md': 'from the branch\n' });
    const octokit = octokitFor(sandbox, 'bob');
    const readme = await octokit.rest.repos.getContent({ ...repo, path: 'README.md' });
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'README.md', message: 'Edit on main', content: base64('from main\n'), sha: (readme.data as { sha: string }).sha });
    const { data: pull } = await octokit.rest.pulls.create({ ...repo, head: 'conflict', base: 'main', title: 'Conflicting' });
    const { data: fresh } = await octokit.rest.pulls.get({ ...repo, pull_number: pull.number });
    expect([fresh.mergeable, fresh.mergeable_state]).toEqual([false, 'dirty']);
    expect((await statusOf(octokit.rest.pulls.merge({ ...repo, pull_number: pull.number }))).status).toBe(405);
    await octokit.rest.pulls.update({ ...repo, pull_number: pull.number, state: 'closed' });
    await sandbox.settle();
    expect(app.events('pull_request.closed').at(-1)!.payload.pull_request.merged).toBe(false);
  });

  it('squashes on request and refuses rebase merges, which the repository disallows', async () => {
    await branchWithFiles('erin', 'squash-me', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const octokit = octokitFor(sandbox, 'erin');
    const { data: pull } = await octokit.rest.pulls.create({ ...repo, head: 'squash-me', base: 'main', title: 'Two files' });
    expect((await statusOf(octokit.rest.pulls.merge({ ...repo, pull_number: pull.number, merge_method: 'rebase' }))).status).toBe(405);
    const mainBefore = await headOf('main');
    const { data: merge } = await octokit.rest.pulls.merge({ ...repo, pull_number: pull.number, merge_method: 'squash' });
    expect(await sandbox.repo.git(['log', '-1', '--format=%P|%an|%s', merge.sha])).toBe(`${mainBefore}|Erin Hopper|Two files (#${pull.number})\n`);
    expect(await sandbox.repo.git(['ls-tree', '--name-only', 'main'])).toContain('b.txt');
  });

  it('hides the private repository from people without access', async () => {
    expect((await statusOf(octokitFor(sandbox, 'mallory').rest.pulls.get({ ...repo, pull_number: number }))).status).toBe(404);
  });
});
