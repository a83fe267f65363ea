import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, octokitWithToken, startProbotApp, statusOf } from './helpers.js';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startProbotApp>>;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await startProbotApp(sandbox);
});
afterAll(async () => {
  expectCoverage(sandbox, 'issues.test.ts');
  await app.close();
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

describe('labels', () => {
  it('creates and lists labels, refusing duplicates', async () => {
    const octokit = octokitFor(sandbox, 'bob');
    const { data: label, status } = await octokit.rest.issues.createLabel({ ...repo, name: 'ghml:drift', color: 'd73a4a', description: 'Drift alert' });
    expect([status, label.color]).toEqual([201, 'd73a4a']);
    expect((await statusOf(octokit.rest.issues.createLabel({ ...repo, name: 'GHML:drift' }))).data.errors).toEqual([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    await octokit.rest.issues.createLabel({ ...repo, name: 'severity:critical' });
    const { data: labels } = await octokit.rest.issues.listLabelsForRepo({ ...repo });
    expect(labels.map((entry) => entry.name)).toEqual(['ghml:drift', 'severity:critical']);
  });
});

describe('issues', () => {
  let number: number;

  it('opens an issue with labels as the app, and the app hears of it', async () => {
    const { data: token } = await app.probot.auth().then((octokit) => octokit.rest.apps.createInstallationAccessToken({ installation_id: sandbox.app.installationId }));
    const bot = octokitWithToken(sandbox, token.token);
    const { data: issue, status } = await bot.rest.issues.create({ ...repo, title: 'Drift in churn (production)', body: 'PSI 0.31 on tenure', labels: ['ghml:drift', 'severity:critical'] });
    expect([status, issue.user?.login, issue.labels.length]).toEqual([201, 'ghml[bot]', 2]);
    number = issue.number;
    await sandbox.settle();
    expect(app.events('issues.opened').map((event) => event.payload.issue.number)).toEqual([number]);
    expect(app.events('issues.labeled').map((event) => event.payload.label.name)).toEqual(['ghml:drift', 'severity:critical']);
  });

  it('lets readers open issues but drops the labels they set, as GitHub does', async () => {
    const { data: issue } = await octokitFor(sandbox, 'carol').rest.issues.create({ ...repo, title: 'Question', labels: ['ghml:drift'] });
    expect(issue.labels).toEqual([]);
  });

  it('gets and lists issues filtered by labels and state', async () => {
    const octokit = octokitFor(sandbox, 'carol');
    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: number });
    expect(issue.title).toBe('Drift in churn (production)');
    const drift = await octokit.rest.issues.listForRepo({ ...repo, labels: 'ghml:drift,severity:critical' });
    expect(drift.data.map((entry) => entry.number)).toEqual([number]);
    expect((await octokit.rest.issues.listForRepo({ ...repo, state: 'all' })).data).toHaveLength(2);
    expect((await octokit.rest.issues.listForRepo({ ...repo, creator: 'carol' })).data).toHaveLength(1);
    expect((await statusOf(octokit.rest.issues.get({ ...repo, issue_number: 999 }))).status).toBe(404);
  });

  it('comments, edits comments, and lists them', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: comment } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: 'Looking into it' });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: 'Retraining now' });
    const { data: comments } = await octokitFor(sandbox, 'carol').rest.issues.listComments({ ...repo, issue_number: number });
    expect(comments.map((entry) => [entry.user?.login, entry.body])).toEqual([['alice', 'Retraining now']]);
    expect((await statusOf(octokitFor(sandbox, 'carol').rest.issues.updateComment({ ...repo, comment_id: comment.id, body: 'mine now' }))).status).toBe(403);
    await sandbox.settle();
    expect(app.events('issue_comment.created')).toHaveLength(1);
    expect(app.events('issue_comment.edited')[0].payload.changes).toEqual({ body: { from: 'Looking into it' } });
  });

  it('adds and removes labels', async () => {
    const octokit = octokitFor(sandbox, 'bob');
    const { data: afterAdd } = await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: ['retraining'] });
    expect(afterAdd.map((label) => label.name)).toEqual(['ghml:drift', 'severity:critical', 'retraining']);
    const { data: afterRemove } = await octokit.rest.issues.removeLabel({ ...repo, issue_number: number, name: 'severity:critical' });
    expect(afterRemove.map((label) => label.name)).toEqual(['ghml:drift', 'retraining']);
    expect((await statusOf(octokit.rest.issues.removeLabel({ ...repo, issue_number: number, name: 'severity:critical' }))).status).toBe(404);
    await sandbox.settle();
    expect(app.events('issues.unlabeled').map((event) => event.payload.label.name)).toEqual(['severity:critical']);
  });

  it('edits and closes an issue', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: closed } = await octokit.rest.issues.update({ ...repo, issue_number: number, title: 'Drift in churn (resolved)', state: 'closed', state_reason: 'completed' });
    expect([closed.state, closed.state_reason]).toEqual(['closed', 'completed']);
    expect((await octokit.rest.issues.listForRepo({ ...repo, labels: 'ghml:drift' })).data).toEqual([]);
    await sandbox.settle();
    expect(app.events('issues.edited').at(-1)!.payload.changes.title.from).toBe('Drift in churn (production)');
    expect(app.events('issues.closed')).toHaveLength(1);
  });
});
