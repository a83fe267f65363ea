import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { driftIssueMarker, driftLabels } from '../../src/policy/drift-issue.js';
import { expectNoContractViolations } from '../sandbox/helpers.js';
import { approve, checkRuns, existingSha, openPromotion, policyYaml, pullHead, replay, repo, startAppHarness, type AppHarness } from './harness.js';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  expect(await harness.register('churn', { evaluation: 'passed', validated: true })).toBe(1);
  expect(await harness.register('churn', { validated: true })).toBe(2);
  expect(await harness.register('churn', { evaluation: 'passed', validated: true })).toBe(3);
  // v2 held staging once; v1 holds it now.
  await harness.setAliases('churn', { staging: 2 });
  await harness.setAliases('churn', { staging: 1 });
  await harness.sandbox.settle();
});
afterAll(async () => harness.close());
afterEach(() => expectNoContractViolations(harness.sandbox));

async function promotionSummary(sha: string) {
  const runs = await checkRuns(harness, sha, 'ghml/promotion');
  expect(runs).toHaveLength(1);
  return { conclusion: runs[0].conclusion, title: runs[0].output.title, summary: runs[0].output.summary ?? '' };
}

describe('the ghml/promotion check', () => {
  let pull: { number: number; head: string };

  it('fails until the risk tier\'s quorum approves, and says exactly what is missing', async () => {
    pull = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 });
    let check = await promotionSummary(pull.head);
    expect(check.conclusion).toBe('failure');
    expect(check.summary).toContain('needs 2 more approvals from @octo-org/ml-leads (0 of 2); needs 1 more approval from @octo-org/risk.');
    expect(check.summary).toContain('✅ | stage order to production | v1 has held staging');
    expect(check.summary).toContain('evaluation of v1 passed');
    expect(check.summary).toContain('data validation of v1 passed');

    await approve(harness, 'alice', pull.number);
    check = await promotionSummary(pull.head);
    expect(check.summary).toContain('needs 1 more approval from @octo-org/ml-leads (1 of 2: @alice); needs 1 more approval from @octo-org/risk.');

    await approve(harness, 'erin', pull.number);
    await approve(harness, 'bob', pull.number);
    check = await promotionSummary(pull.head);
    expect(check.conclusion).toBe('success');
    expect(check.title).toBe('Policy met: churn production (none) → v1');
    expect(check.summary).toContain('approved by @bob');
  });

  it('ignores approvals given before a new push', async () => {
    const octokit = harness.as('octocat');
    const { data: branch } = await octokit.rest.pulls.get({ ...repo, pull_number: pull.number });
    const aliasesPath = 'models/churn/aliases.json';
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: aliasesPath, branch: branch.head.ref, message: 'Reformat aliases', sha: await existingSha(octokit, aliasesPath, branch.head.ref),
      content: Buffer.from('{"staging": 1, "production": 1}\n').toString('base64'),
    });
    await harness.sandbox.settle();
    const head = await pullHead(harness, pull.number);
    expect(head).not.toBe(pull.head);
    const check = await promotionSummary(head);
    expect(check.conclusion).toBe('failure');
    expect(check.summary).toContain('needs 2 more approvals from @octo-org/ml-leads (0 of 2)');
    expect(check.summary).toContain(`on an older commit (${pull.head.slice(0, 7)}); review again on ${head.slice(0, 7)}`);
  });

  it('counts no approval from someone outside the approving teams or without write access', async () => {
    const other = await openPromotion(harness, 'erin', 'churn', { staging: 1, production: 1 });
    await approve(harness, 'octocat', other.number);
    await approve(harness, 'carol', other.number);
    await approve(harness, 'bob', other.number, 'REQUEST_CHANGES');
    const check = await promotionSummary(other.head);
    expect(check.conclusion).toBe('failure');
    expect(check.summary).toContain('| @octocat | approved | no | not in @octo-org/ml-leads or @octo-org/risk |');
    expect(check.summary).toContain('| @carol | approved | no | no write access to the repository |');
    expect(check.summary).toContain('@bob requested changes');
    await harness.as('erin').rest.pulls.update({ ...repo, pull_number: other.number, state: 'closed' });
  });

  it('refuses a stage skipped, and a version without the evaluation the gate requires', async () => {
    const skipped = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 3 });
    const skip = await promotionSummary(skipped.head);
    expect(skip.summary).toContain('v3 has not held staging: promote it to staging first');

    const ungated = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 2 });
    const gate = await promotionSummary(ungated.head);
    expect(gate.summary).toContain('v2 has held staging');
    expect(gate.summary).toContain('**❌ Not ready to merge:** evaluation of v2 missing; needs 2 more approvals');
    for (const number of [skipped.number, ungated.number]) await harness.as('octocat').rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
  });

  it('blocks production while a critical drift issue of the model is open', async () => {
    const { data: issue } = await harness.as('alice').rest.issues.create({
      ...repo, title: 'Drift: churn in production', body: `${driftIssueMarker('churn', 'production')}\nDrift.`, labels: [driftLabels.all, driftLabels.critical],
    });
    const blocked = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 });
    const check = await promotionSummary(blocked.head);
    expect(check.summary).toContain(`open critical drift issue #${issue.number} (production)`);
    await harness.as('alice').rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed' });
    await harness.as('octocat').rest.pulls.update({ ...repo, pull_number: blocked.number, state: 'closed' });
  });

  it('judges by the default branch\'s policy, never by a policy changed in the PR under review', async () => {
    const lenient = policyYaml.replace('high: { approvals: 2, approvers: ["@octo-org/ml-leads"], also-required: ["@octo-org/risk"] }', 'high: { approvals: 0 }');
    const sneaky = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 }, { '.github/ghml.yml': lenient });
    const check = await promotionSummary(sneaky.head);
    expect(check.conclusion).toBe('failure');
    expect(check.summary).toContain('only models/<name>/aliases.json may change, but this PR changes `.github/ghml.yml`');
    expect(check.summary).toContain('needs 2 more approvals from @octo-org/ml-leads');
    const [policyCheck] = await checkRuns(harness, sneaky.head, 'ghml/policy');
    expect([policyCheck.conclusion, policyCheck.output.summary]).toEqual(['success', expect.stringContaining('It governs nothing on this branch')]);
    await harness.as('octocat').rest.pulls.update({ ...repo, pull_number: sneaky.number, state: 'closed' });
  });

  it('checks a policy change proposed to the default branch against the schema, with the line', async () => {
    const octokit = harness.as('alice');
    const main = (await harness.sandbox.repo.git(['rev-parse', 'main'])).trim();
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/policy-typo', sha: main });
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: '.github/ghml.yml', branch: 'policy-typo', message: 'Tighten the policy', sha: await existingSha(octokit, '.github/ghml.yml', 'main'),
      content: Buffer.from(policyYaml.replace('churn: { risk: high', 'churn: { risk: extreme')).toString('base64'),
    });
    const { data: pull } = await octokit.rest.pulls.create({ ...repo, head: 'policy-typo', base: 'main', title: 'Tighten the policy' });
    await harness.sandbox.settle();
    const [policyCheck] = await checkRuns(harness, pull.head.sha, 'ghml/policy');
    expect(policyCheck.conclusion).toBe('failure');
    expect(policyCheck.output.summary).toContain('.github/ghml.yml:7: models.churn.risk: "extreme" is not a risk tier (risk-tiers has low, high)');
    expect(await checkRuns(harness, pull.head.sha, 'ghml/promotion')).toEqual([]);
  });

  it('fails every promotion while the policy on the default branch is invalid', async () => {
    const octokit = harness.as('octocat');
    const sha = await existingSha(octokit, '.github/ghml.yml', 'main');
    const { data: broken } = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: '.github/ghml.yml', message: 'Break the policy', sha, content: Buffer.from(policyYaml.replace('stages: [staging, production]', 'stages: [qa]')).toString('base64'),
    });
    try {
      const pending = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 });
      const check = await promotionSummary(pending.head);
      expect([check.conclusion, check.title]).toEqual(['failure', 'The promotion policy is invalid']);
      expect(check.summary).toContain('.github/ghml.yml:11: gates.production: "production" is not one of the stages (qa)');
      await octokit.rest.pulls.update({ ...repo, pull_number: pending.number, state: 'closed' });
    } finally {
      await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: '.github/ghml.yml', message: 'Restore the policy', sha: broken.content!.sha!, content: Buffer.from(policyYaml).toString('base64') });
      await harness.sandbox.settle();
    }
  });

  it('keeps one check run per commit when webhooks are redelivered or arrive together', async () => {
    const twice = await openPromotion(harness, 'octocat', 'churn', { staging: 1, production: 1 });
    const opened = harness.sandbox.deliveries.find((delivery) => delivery.event === 'pull_request' && delivery.action === 'opened' && (delivery.payload.pull_request as { number: number }).number === twice.number)!;
    expect((await harness.sandbox.redeliver(opened.id)).statusCode).toBe(200);
    expect(await Promise.all([1, 2, 3].map(() => replay(opened, harness.app.url)))).toEqual([200, 200, 200]);
    await harness.sandbox.settle();
    expect(await checkRuns(harness, twice.head, 'ghml/promotion')).toHaveLength(1);
    await harness.as('octocat').rest.pulls.update({ ...repo, pull_number: twice.number, state: 'closed' });
  });
});

describe('commands', () => {
  let tracking: number;

  beforeAll(async () => {
    tracking = (await harness.as('alice').rest.issues.create({ ...repo, title: 'Promotions of churn' })).data.number;
  });

  async function command(login: string, body: string): Promise<string> {
    await harness.as(login).rest.issues.createComment({ ...repo, issue_number: tracking, body });
    await harness.sandbox.settle();
    const { data: comments } = await harness.as('carol').rest.issues.listComments({ ...repo, issue_number: tracking });
    const reply = comments.at(-1)!;
    expect(reply.user?.login).toBe('ghml[bot]');
    return reply.body ?? '';
  }

  it('refuses a command from someone without write access, and says why', async () => {
    const pullsBefore = (await harness.as('carol').rest.pulls.list({ ...repo, state: 'all' })).data.length;
    const reply = await command('carol', '/ghml promote churn v3 to staging');
    expect(reply).toContain('@carol, ghml commands need write access to octo-org/ml-repo, and you have read access: nothing was done.');
    expect((await harness.as('carol').rest.pulls.list({ ...repo, state: 'all' })).data).toHaveLength(pullsBefore);
  });

  it('opens a promotion for a writer, whose own approval then does not count', async () => {
    const reply = await command('alice', '/ghml promote churn v3 to staging');
    const number = Number(/Opened #(\d+)/.exec(reply)?.[1]);
    expect(reply).toContain('on behalf of @alice');
    const { data: pull } = await harness.as('carol').rest.pulls.get({ ...repo, pull_number: number });
    expect([pull.user.login, pull.head.ref, pull.base.ref]).toEqual(['ghml[bot]', 'ghml/promote/churn/staging/v3', 'ghml/registry']);
    await approve(harness, 'alice', number);
    await approve(harness, 'erin', number);
    await approve(harness, 'bob', number);
    const check = await promotionSummary(pull.head.sha);
    expect(check.summary).toContain('| @alice | approved | no | an author of this promotion |');
    expect(check.summary).toContain('needs 1 more approval from @octo-org/ml-leads (1 of 2: @erin)');
  });

  it('answers status and retrain, and reads nothing the app wrote itself as a command', async () => {
    const status = await command('erin', '/ghml status churn');
    expect(status).toContain('**churn** — latest version v3, risk tier high, owners @octo-org/ml-leads.');
    expect(status).toContain('| staging | v1 | [model/churn/v1]');
    const retrain = await command('erin', '/ghml retrain churn\n/ghml deploy churn');
    expect(retrain).toContain('🔁 Retraining dispatched (asked for churn): `retrain.yml` on `main` through workflow_dispatch.');
    expect(retrain).toContain('❌ `/ghml deploy churn`: not a ghml command');
    expect(harness.sandbox.dispatches.filter((dispatch) => dispatch.kind === 'workflow_dispatch')).toEqual([
      expect.objectContaining({ workflow: '.github/workflows/retrain.yml', inputs: { model: 'churn' }, sender: 'ghml[bot]' }),
    ]);
    const rollback = await command('erin', '/ghml rollback churn staging');
    expect(rollback).toMatch(/Opened #\d+: Roll back churn to v2 in staging/);
  });

  it('does not act twice on a redelivered command', async () => {
    const delivery = harness.sandbox.deliveries.filter((entry) => entry.event === 'issue_comment' && (entry.payload.comment as { body: string }).body === '/ghml status churn')[0];
    await Promise.all([harness.sandbox.redeliver(delivery.id), replay(delivery, harness.app.url), replay(delivery, harness.app.url)]);
    await harness.sandbox.settle();
    const { data: comments } = await harness.as('carol').rest.issues.listComments({ ...repo, issue_number: tracking });
    expect(comments.filter((comment) => comment.body?.includes(`<!-- ghml:reply:${(delivery.payload.comment as { id: number }).id} -->`))).toHaveLength(1);
  });
});
