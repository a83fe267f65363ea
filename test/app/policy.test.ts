import { describe, expect, it } from 'vitest';
import { parseCommands } from '../../app/handlers/commands.js';
import { driftKeys } from '../../app/handlers/drift-issues.js';
import { Policy } from '../../src/contracts/policy.js';
import { judgeDeployment } from '../../src/policy/deployment-gate.js';
import { currentRun, decideDriftAction, driftSeverity, type DriftObservation } from '../../src/policy/drift.js';
import { driftIssueBody, parseDriftIssueMarker } from '../../src/policy/drift-issue.js';
import { renderPolicyCheck } from '../../src/policy/policy-report.js';
import { evaluatePromotion, inspectPromotionFiles, resolveTier, type PromotionFacts, type ReviewEvidence, type VersionEvidence } from '../../src/policy/promotion.js';
import { renderPromotionCheck } from '../../src/policy/promotion-report.js';
import { driftReport } from './drift-reports.js';

const policy = Policy.parse({
  stages: ['staging', 'production'],
  'risk-tiers': {
    low: { approvals: 1 },
    high: { approvals: 2, approvers: ['@acme/ml-leads'], 'also-required': ['@acme/risk'] },
  },
  models: { churn: { risk: 'high' } },
  gates: { production: { evaluation: 'required', 'data-validation': 'required', 'open-drift-issues': 'block' } },
});

const head = 'a'.repeat(40);
const older = 'b'.repeat(40);
const good: VersionEvidence = { registered: true, evaluation: { state: 'passed', detail: 'evaluation e1' }, dataValidation: { state: 'passed', detail: '0 failed, 0 warnings' } };

function review(reviewer: string, state: string, principals: string[], options: Partial<ReviewEvidence> = {}): ReviewEvidence {
  return { reviewer, state, commitId: head, canWrite: true, principals, ...options };
}

const quorum = [review('alice', 'APPROVED', ['@acme/ml-leads']), review('erin', 'APPROVED', ['@acme/ml-leads']), review('bob', 'APPROVED', ['@acme/risk'])];

function facts(overrides: Partial<PromotionFacts> = {}): PromotionFacts {
  return {
    policy,
    model: 'churn',
    registryRiskTier: null,
    authors: ['octocat'],
    headSha: head,
    fileProblems: [],
    before: { staging: 4, production: 3 },
    after: { staging: 4, production: 4 },
    stageHistory: { staging: [4] },
    versions: { 4: good },
    driftIssues: [],
    reviews: quorum,
    ...overrides,
  };
}

describe('promotion policy', () => {
  it('passes a promotion that meets the quorum, the order and the gates', () => {
    const verdict = evaluatePromotion(facts());
    expect(verdict.missing).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.changes).toEqual([{ stage: 'production', from: 3, to: 4 }]);
  });

  it('names exactly what is missing, in order', () => {
    const verdict = evaluatePromotion(facts({ reviews: [quorum[0], quorum[1]], versions: { 4: { ...good, evaluation: { state: 'missing' } } } }));
    expect(verdict.missing).toEqual(['evaluation of v4 missing', 'needs 1 more approval from @acme/risk']);
    const { title, summary } = renderPromotionCheck(verdict, 'acme/repo (default branch):.github/ghml.yml');
    expect(title).toBe('2 requirements not met');
    expect(summary.split('\n')[0]).toBe('**❌ Not ready to merge:** evaluation of v4 missing; needs 1 more approval from @acme/risk.');
  });

  it('counts the latest review per reviewer, ignoring comments, and lets a required approver\'s change request block', () => {
    const changed = evaluatePromotion(facts({ reviews: [...quorum, review('bob', 'COMMENTED', ['@acme/risk']), review('alice', 'CHANGES_REQUESTED', ['@acme/ml-leads'])] }));
    expect(changed.missing).toEqual(['needs 1 more approval from @acme/ml-leads (1 of 2: @erin)', '@alice requested changes']);
    const reconsidered = evaluatePromotion(facts({ reviews: [review('alice', 'CHANGES_REQUESTED', ['@acme/ml-leads']), ...quorum] }));
    expect(reconsidered.passed).toBe(true);
    const dismissed = evaluatePromotion(facts({ reviews: [...quorum, review('erin', 'DISMISSED', ['@acme/ml-leads'])] }));
    expect(dismissed.reviews.find((entry) => entry.reviewer === 'erin')?.reason).toBe('review dismissed');
    const outsider = evaluatePromotion(facts({ reviews: [...quorum, review('mallory', 'CHANGES_REQUESTED', [])] }));
    expect(outsider.passed).toBe(true);
  });

  it('ignores approvals by authors, by people without write access, and on older commits', () => {
    const verdict = evaluatePromotion(facts({
      authors: ['octocat', 'alice'],
      reviews: [review('alice', 'APPROVED', ['@acme/ml-leads']), review('erin', 'APPROVED', ['@acme/ml-leads'], { commitId: older }), review('bob', 'APPROVED', ['@acme/risk'], { canWrite: false })],
    }));
    expect(verdict.reviews.map((entry) => [entry.reviewer, entry.counted, entry.reason])).toEqual([
      ['alice', false, 'an author of this promotion'],
      ['erin', false, `on an older commit (bbbbbbb); review again on aaaaaaa`],
      ['bob', false, 'no write access to the repository'],
    ]);
    expect(verdict.missing).toEqual(['needs 2 more approvals from @acme/ml-leads (0 of 2)', 'needs 1 more approval from @acme/risk']);
  });

  it('enforces stage order unless the policy lets stages be skipped, and lets a former holder return', () => {
    const skipped = facts({ after: { staging: 4, production: 5 }, versions: { 5: good } });
    expect(evaluatePromotion(skipped).missing).toEqual(['v5 has not held staging: promote it to staging first']);
    expect(evaluatePromotion({ ...skipped, policy: { ...policy, 'enforce-stage-order': false } }).passed).toBe(true);
    const rollback = facts({ before: { staging: 4, production: 4 }, after: { staging: 4, production: 2 }, stageHistory: { production: [2] }, versions: { 2: good } });
    expect(evaluatePromotion(rollback).requirements).toContainEqual({ name: 'stage order to production', state: 'passed', detail: 'v2 held production before (rollback)' });
  });

  it('fails unknown stages, removed aliases, unregistered versions, failed gates and open drift issues', () => {
    expect(evaluatePromotion(facts({ after: { staging: 4, production: 3, qa: 4 } })).missing).toEqual(['stage "qa" is not in the policy\'s stages (staging, production)']);
    expect(evaluatePromotion(facts({ after: { staging: 4 } })).missing).toEqual(['removing the production alias (v3) is not a promotion; promote another version to production instead']);
    expect(evaluatePromotion(facts({ versions: { 4: { registered: false, evaluation: { state: 'missing' }, dataValidation: { state: 'missing' } } } })).missing).toEqual(['v4 is not registered (no models/churn/versions/4.json)']);
    const failed = evaluatePromotion(facts({ versions: { 4: { ...good, dataValidation: { state: 'failed', detail: '3 failed, 0 warnings' } } }, driftIssues: [{ number: 7, environment: 'production', url: 'u' }] }));
    expect(failed.missing).toEqual(['data validation of v4 failed: 3 failed, 0 warnings', 'open critical drift issue #7 (production)']);
    expect(evaluatePromotion(facts({ after: { staging: 4, production: 3 } })).missing).toEqual(['models/churn/aliases.json changes no stage']);
  });

  it('resolves the approval rule from the policy, then model.json, then a default tier, never to nothing', () => {
    expect(resolveTier(policy, 'churn', null).name).toBe('high');
    expect(resolveTier(policy, 'fraud', 'low').name).toBe('low');
    expect(resolveTier(policy, 'fraud', 'unknown')).toEqual({ name: null, rule: { approvals: 1, approvers: [], alsoRequired: [] } });
    const withDefault = Policy.parse({ 'risk-tiers': { default: { approvals: 3 } } });
    expect(resolveTier(withDefault, 'fraud', null).rule.approvals).toBe(3);
  });

  it('allows only one model\'s aliases.json in a promotion and names every other file', () => {
    expect(inspectPromotionFiles([{ path: 'models/churn/aliases.json', status: 'modified' }])).toEqual({ model: 'churn', problems: [] });
    expect(inspectPromotionFiles([
      { path: 'models/churn/aliases.json', status: 'modified' },
      { path: 'models/churn/versions/4.json', status: 'modified' },
      { path: 'models/fraud/aliases.json', status: 'added' },
    ]).problems).toEqual([
      'only models/<name>/aliases.json may change, but this PR changes `models/churn/versions/4.json`',
      'a promotion changes one model\'s aliases, but this PR changes churn, fraud',
    ]);
    expect(inspectPromotionFiles([{ path: 'models/churn/aliases.json', status: 'renamed', previousPath: 'models/x/aliases.json' }]).problems).toEqual([
      'only models/<name>/aliases.json may change, but this PR changes `models/x/aliases.json → models/churn/aliases.json`',
    ]);
  });

  it('reports a proposed policy as valid or with its problems', () => {
    expect(renderPolicyCheck({ valid: true, policy, source: 's' }, true).summary).toContain('It governs promotions once this pull request is merged');
    expect(renderPolicyCheck({ valid: false, problem: 'promotion policy is not valid: f:3: stages: bad; f:5: gates.qa: bad', source: 's' }, false).summary).toContain('- f:5: gates.qa: bad');
    expect(renderPolicyCheck(undefined, true).title).toBe('Policy removed');
  });
});

function observations(...verdicts: ('drift' | 'clean' | 'thin')[]): DriftObservation[] {
  return verdicts.map((verdict, index) => ({ path: `drift/churn/production/${index}.json`, report: driftReport(verdict === 'drift', `2026-01-0${9 - index}T00:00:00.000Z`, { enoughData: verdict !== 'thin' }) }));
}

describe('drift issue decisions', () => {
  const thresholds = { openAfter: 2, closeAfter: 3 };

  it('opens only after the policy\'s number of consecutive drifted reports with enough data', () => {
    expect(decideDriftAction(observations('drift'), false, thresholds).kind).toBe('none');
    expect(decideDriftAction(observations('drift', 'clean', 'drift'), false, thresholds).kind).toBe('none');
    const opened = decideDriftAction(observations('drift', 'thin', 'drift'), false, thresholds);
    expect(opened.kind === 'open' && opened.run.map((entry) => entry.path)).toEqual(['drift/churn/production/0.json', 'drift/churn/production/2.json']);
    expect(decideDriftAction(observations('thin', 'thin'), false, thresholds)).toEqual({ kind: 'none', reason: 'no report with enough data yet' });
  });

  it('comments while drift goes on and closes after the run of clean reports', () => {
    expect(decideDriftAction(observations('drift', 'drift'), true, thresholds).kind).toBe('comment');
    expect(decideDriftAction(observations('clean', 'clean', 'drift'), true, thresholds)).toEqual({ kind: 'none', reason: '2 of the 3 consecutive clean reports that close the issue' });
    expect(decideDriftAction(observations('clean', 'thin', 'clean', 'clean', 'drift'), true, thresholds).kind).toBe('close');
    expect(currentRun(observations('clean', 'clean', 'drift'))).toHaveLength(2);
  });

  it('rates drift of the predictions, or of most columns, or a fall in performance as critical', () => {
    expect(driftSeverity(driftReport(true, '2026-01-01T00:00:00Z'))).toBe('warning');
    expect(driftSeverity(driftReport(true, '2026-01-01T00:00:00Z', { predictionDrifted: true }))).toBe('critical');
    const worse = { ...driftReport(true, '2026-01-01T00:00:00Z'), performance: { metric: 'accuracy' as const, reference: 0.9, current: 0.8, currentRows: 100, change: -0.1 } };
    expect(driftSeverity(worse)).toBe('critical');
  });

  it('writes a body the app can find again, within GitHub\'s limit', () => {
    const body = driftIssueBody({ model: 'churn', environment: 'production', version: 3, versionUrl: 'https://x/r', reportUrl: (path) => `https://x/${path}`, owners: ['@acme/churn'] }, observations('drift', 'drift'), 'warning');
    expect(parseDriftIssueMarker(body)).toEqual({ model: 'churn', environment: 'production' });
    expect(body.length).toBeLessThanOrEqual(65_535);
    expect(driftKeys(['drift/churn/production/20260101T000000.000Z-ab.json', 'drift/churn/production/latest.json', 'models/churn/aliases.json'])).toEqual([{ model: 'churn', environment: 'production' }]);
  });
});

describe('the deployment gate', () => {
  const payload = { model: 'churn', version: 4, digest: 'd'.repeat(64), strategy: 'canary' };
  const current = (version: number | undefined, evidence: VersionEvidence = good) => async () => ({ version, digest: 'd'.repeat(64), evidence, driftIssues: [] });

  it('approves the version the alias names when the gates pass', async () => {
    const decision = await judgeDeployment({ policy, environment: 'production', payload, current: current(4) });
    expect(decision).toEqual({ approved: true, comment: 'Approved: churn v4 is what production names; evaluation of v4 passed: evaluation e1; data validation of v4 passed: 0 failed, 0 warnings; no open critical drift issue for churn.' });
    expect((await judgeDeployment({ policy, environment: 'staging', payload, current: current(4) })).comment).toBe('Approved: churn v4 is what staging names; the policy sets no gates for this stage.');
  });

  it('rejects other versions, failed gates, unknown environments and foreign payloads, with the reason', async () => {
    expect((await judgeDeployment({ policy, environment: 'production', payload, current: current(3) })).comment).toBe('Rejected: churn v4 is not what production names; the alias names v3.');
    expect((await judgeDeployment({ policy, environment: 'production', payload, current: current(4, { ...good, evaluation: { state: 'failed', detail: 'evaluation e2' } }) })).comment).toBe('Rejected: evaluation of v4 failed its thresholds: evaluation e2.');
    expect((await judgeDeployment({ policy, environment: 'qa', payload, current: current(4) })).approved).toBe(false);
    expect((await judgeDeployment({ policy, environment: 'production', payload: '', current: current(4) })).comment).toMatch(/names no ghml model and version/);
  });
});

describe('slash commands', () => {
  it('reads one command per line starting with /ghml, and explains the ones it cannot read', () => {
    expect(parseCommands('Please:\n/ghml promote churn v4 to production\n/ghml rollback churn staging\n  /ghml retrain churn\n/ghml status churn\nthanks')).toEqual([
      { kind: 'promote', model: 'churn', version: 4, stage: 'production' },
      { kind: 'rollback', model: 'churn', stage: 'staging' },
      { kind: 'retrain', model: 'churn' },
      { kind: 'status', model: 'churn' },
    ]);
    expect(parseCommands('see /ghml status churn')).toEqual([]);
    const [bad] = parseCommands('/ghml promote ../etc v1 to production');
    expect(bad).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('model name "../etc"') });
    expect(parseCommands('/ghml promote churn vx to production')[0]).toMatchObject({ kind: 'invalid', problem: '"vx" is not a version: give a number such as 3 or v3' });
  });
});
