import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ghmlApp from '../../app/index.js';
import { driftIssueMarker, driftLabels, driftReportMarker } from '../../src/policy/drift-issue.js';
import { LIMITS } from '../../src/report/markdown.js';
import { expectNoContractViolations, startProbotApp } from '../sandbox/helpers.js';
import { driftReport } from './drift-reports.js';
import { registryBranch, replay, repo, startAppHarness, webhookSecret, type AppHarness } from './harness.js';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.register('churn', { evaluation: 'passed', validated: true });
  await harness.setAliases('churn', { staging: 1, production: 1 });
  await harness.sandbox.settle();
});
afterAll(async () => harness.close());
afterEach(() => expectNoContractViolations(harness.sandbox));

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T06:00:00.000Z`;

async function driftIssues(state: 'open' | 'closed' | 'all' = 'all') {
  const { data } = await harness.as('carol').rest.issues.listForRepo({ ...repo, state, labels: driftLabels.all });
  return data;
}

async function comments(issue: number) {
  return (await harness.as('carol').rest.issues.listComments({ ...repo, issue_number: issue })).data.map((comment) => comment.body ?? '');
}

async function record(model: string, environment: string, drifted: boolean, day: number, options: { predictionDrifted?: boolean; driftedColumns?: number } = {}) {
  const path = await harness.recordDrift(model, environment, driftReport(drifted, at(day), options));
  await harness.sandbox.settle();
  return path;
}

describe('drift issues', () => {
  it('opens one issue once drift persists, with severity, owners, drifted columns, a chart and links, and dispatches retraining', async () => {
    await record('churn', 'production', true, 1);
    expect(await driftIssues()).toEqual([]);
    const second = await record('churn', 'production', true, 2);

    const [issue] = await driftIssues();
    expect(issue.title).toBe('Drift: churn in production');
    expect(issue.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([driftLabels.all, driftLabels.warning]);
    const body = issue.body ?? '';
    const head = (await harness.sandbox.repo.git(['rev-parse', registryBranch])).trim();
    expect(body).toContain(driftIssueMarker('churn', 'production'));
    expect(body).toContain('Drift in 2 consecutive reports for **churn** in **production**, serving [v1](');
    expect(body).toContain('Owners: @octo-org/ml-leads.');
    expect(body).toMatch(/\| tenure \| numeric \| ks \| 0\.31 \| 0\.0004 \| 0\.05 \| 500 \/ 400 \|/);
    expect(body).toContain('```mermaid\nxychart-beta');
    expect(body).toContain(`(${harness.sandbox.url}/octo-org/ml-repo/blob/${head}/${second})`);
    expect(await comments(issue.number)).toEqual(['🔁 Retraining dispatched (drift persists): `retrain.yml` on `main` through workflow_dispatch.']);
    expect(harness.sandbox.dispatches).toEqual([expect.objectContaining({ kind: 'workflow_dispatch', workflow: '.github/workflows/retrain.yml', inputs: { model: 'churn' } })]);
  });

  it('comments on each later drifted report and raises the severity when predictions drift', async () => {
    const third = await record('churn', 'production', true, 3, { predictionDrifted: true });
    const [issue] = await driftIssues('open');
    const notes = await comments(issue.number);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain('**🔴 Drift continues:** Drift detected: 2 of 3 columns drifted');
    expect(notes[1]).toContain(`<!-- ghml:drift-report:${third} -->`);
    expect(issue.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([driftLabels.all, driftLabels.critical]);
  });

  it('opens no second issue and repeats no comment when pushes are redelivered or arrive together', async () => {
    const pushes = harness.sandbox.deliveries.filter((delivery) => delivery.event === 'push' && delivery.payload.ref === `refs/heads/${registryBranch}`).slice(-3);
    for (const push of pushes) await harness.sandbox.redeliver(push.id);
    await Promise.all(pushes.flatMap((push) => [replay(push, harness.app.url), replay(push, harness.app.url)]));
    await harness.sandbox.settle();
    const issues = await driftIssues();
    expect(issues).toHaveLength(1);
    expect(await comments(issues[0].number)).toHaveLength(2);
    expect(harness.sandbox.dispatches).toHaveLength(1);
  });

  it('converges on one issue when two app processes race on the same reports', async () => {
    // The reports land while the app is unreachable, so both processes get the same push later, at once.
    harness.sandbox.setWebhook('http://127.0.0.1:9/unreachable', webhookSecret);
    await record('fraud', 'staging', true, 1);
    await record('fraud', 'staging', true, 2);
    const push = harness.sandbox.deliveries.at(-1)!;
    expect([push.event, push.statusCode]).toEqual(['push', null]);
    const other = await startProbotApp(harness.sandbox, ghmlApp, webhookSecret);
    harness.sandbox.setWebhook(harness.app.url, webhookSecret);
    try {
      expect(await Promise.all([replay(push, harness.app.url), replay(push, other.url), replay(push, harness.app.url), replay(push, other.url)])).toEqual([200, 200, 200, 200]);
    } finally {
      await other.close();
    }
    await harness.sandbox.settle();
    const fraud = (await driftIssues()).filter((issue) => issue.body?.includes(driftIssueMarker('fraud', 'staging')));
    const open = fraud.filter((issue) => issue.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0].body).toContain('Owners: @erin.');
    for (const duplicate of fraud.filter((issue) => issue.state === 'closed')) {
      expect(duplicate.number).toBeGreaterThan(open[0].number);
      expect(await comments(duplicate.number)).toEqual([`Duplicate of #${open[0].number}: drift of fraud in staging is tracked there.`]);
    }
    expect(harness.sandbox.dispatches.filter((dispatch) => dispatch.kind === 'workflow_dispatch' && dispatch.inputs.model === 'fraud')).toHaveLength(1);
  });

  it('closes the issue with a comment after a run of clean reports', async () => {
    await record('churn', 'production', false, 4);
    const [issue] = (await driftIssues('open')).filter((entry) => entry.title === 'Drift: churn in production');
    expect(await comments(issue.number)).toHaveLength(2);
    await record('churn', 'production', false, 5);
    const { data: closed } = await harness.as('carol').rest.issues.get({ ...repo, issue_number: issue.number });
    expect([closed.state, closed.state_reason]).toEqual(['closed', 'completed']);
    expect((await comments(issue.number)).at(-1)).toContain('✅ 2 consecutive reports without drift for **churn** in **production**: closing.');
  });
  it('keeps the hidden markers of a body or comment cut to GitHub\'s limit, so a redelivery repeats nothing', async () => {
    // 1,500 drifted columns make a table far over 65,536 characters.
    const wide = { driftedColumns: 1500 };
    const first = await record('wide', 'production', true, 1, wide);
    const second = await record('wide', 'production', true, 2, wide);
    const [issue] = (await driftIssues('open')).filter((entry) => entry.body?.includes(driftIssueMarker('wide', 'production')));
    const body = issue.body ?? '';
    expect(body.length).toBeLessThanOrEqual(LIMITS.bodyCharacters);
    expect(body).toContain("_… cut to fit GitHub's size limit");
    expect(body.startsWith(driftIssueMarker('wide', 'production'))).toBe(true);
    expect(body.endsWith(`${driftReportMarker(second)}\n\n${driftReportMarker(first)}`)).toBe(true);

    const third = await record('wide', 'production', true, 3, wide);
    const notes = await comments(issue.number);
    expect(notes).toHaveLength(2);
    expect(notes[1].length).toBeLessThanOrEqual(LIMITS.bodyCharacters);
    expect(notes[1]).toContain("_… cut to fit GitHub's size limit");
    expect(notes[1].endsWith(driftReportMarker(third))).toBe(true);

    const pushes = harness.sandbox.deliveries.filter((delivery) => delivery.event === 'push' && delivery.payload.ref === `refs/heads/${registryBranch}`).slice(-2);
    for (const push of pushes) await harness.sandbox.redeliver(push.id);
    await harness.sandbox.settle();
    expect(await comments(issue.number)).toHaveLength(2);
    expect((await driftIssues()).filter((entry) => entry.body?.includes(driftIssueMarker('wide', 'production')))).toHaveLength(1);
  });
});
