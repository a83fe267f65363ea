import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../../src/contracts/load.js';
import { Policy } from '../../../src/contracts/policy.js';
import { ConfigurationError } from '../../../src/errors.js';

const designExample = `registry-branch: ghml/registry
stages: [staging, production]          # order is enforced: no skipping
risk-tiers:
  low:    { approvals: 1 }
  high:   { approvals: 2, approvers: ["@acme/ml-leads"], also-required: ["@acme/risk"] }
models:
  churn:  { risk: high, owners: ["@acme/churn-team"] }
gates:
  production:
    evaluation: required               # an evaluation of this version that passed its thresholds
    data-validation: required
    open-drift-issues: block           # no open critical drift issue on the current production version
drift:
  schedule-issue-after: 2              # consecutive drifted reports before an issue is opened
  retrain-workflow: train.yml          # dispatched when policy says so
`;

const parse = (text: string) => parseDocumentText(text, '.github/ghml.yml', Policy, 'promotion policy', 'policy');

function problem(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('the policy parsed');
}

describe('the promotion policy (.github/ghml.yml)', () => {
  it('reads the example of DESIGN §5 as written', () => {
    const policy = parse(designExample);
    expect(policy.stages).toEqual(['staging', 'production']);
    expect(policy['risk-tiers'].high).toEqual({ approvals: 2, approvers: ['@acme/ml-leads'], 'also-required': ['@acme/risk'] });
    expect(policy['risk-tiers'].low).toEqual({ approvals: 1, approvers: [], 'also-required': [] });
    expect(policy.models.churn).toEqual({ risk: 'high', owners: ['@acme/churn-team'] });
    expect(policy.gates.production).toEqual({ evaluation: 'required', 'data-validation': 'required', 'open-drift-issues': 'block' });
    expect(policy.drift).toEqual({ 'schedule-issue-after': 2, 'retrain-workflow': 'train.yml' });
  });

  it('fills in defaults for what a policy leaves out', () => {
    expect(Policy.parse({})).toMatchObject({
      'registry-branch': 'ghml/registry',
      stages: ['staging', 'production'],
      'risk-tiers': {},
      models: {},
      gates: {},
      drift: { 'schedule-issue-after': 2 },
    });
    expect(parse('stages: [dev, staging, production]\ngates:\n  staging: { evaluation: required }\n').gates.staging).toEqual({ evaluation: 'required', 'data-validation': 'optional', 'open-drift-issues': 'ignore' });
  });

  it('names the file, line and key of each mistake', () => {
    expect(problem('registry-branch: ghml/registry\nstage: [staging]\n')).toMatch(/^promotion policy is not valid: \.github\/ghml\.yml:1: Unrecognized key: "stage"/);
    expect(problem(designExample.replace('churn:  { risk: high', 'churn:  { risk: extreme'))).toContain('.github/ghml.yml:7: models.churn.risk: "extreme" is not a risk tier (risk-tiers has low, high)');
    expect(problem('stages: [staging]\ngates:\n  production: { evaluation: required }\n')).toContain('.github/ghml.yml:3: gates.production: "production" is not one of the stages (staging)');
    expect(problem('stages: [staging, staging]\n')).toContain('stages: must not list a stage twice');
    expect(problem('stages: [Staging]\n')).toContain('stages[0]: must be 1–32 characters');
    expect(problem('risk-tiers:\n  low: { approvals: -1 }\n')).toContain("risk-tiers.low.approvals: Too small");
    expect(problem('risk-tiers:\n  low: { approvals: 1, approvers: [acme/ml] }\n')).toContain('risk-tiers.low.approvers[0]: must be @user or @org/team');
    expect(problem('gates:\n  production: { evaluation: sometimes }\n')).toContain('gates.production.evaluation: Invalid option: expected one of "required"|"optional"');
    expect(problem('models:\n  Team/Churn: { risk: low }\nrisk-tiers:\n  low: { approvals: 1 }\n')).toContain('.github/ghml.yml:2: models.Team/Churn: "Team/Churn" is not a model name: it must be 1–64 characters');
    expect(problem('drift:\n  schedule-issue-after: 0\n')).toContain('drift.schedule-issue-after: Too small');
  });
});
