import { z } from 'zod';
import { ModelName, StageName } from './registry.js';

/**
 * The promotion policy, `.github/ghml.yml` on the default branch (DESIGN §5). People write it, so
 * its keys are kebab-case. Everything has a default, so a repository without the file gets two
 * stages, staging then production.
 */

/** `@login` or `@org/team`, as in CODEOWNERS. */
const Principal = z
  .string()
  .regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, 'must be @user or @org/team')
  .describe('A person (`@login`) or a team (`@org/team`), as in CODEOWNERS.');

/** Keys of the maps the policy holds per stage; `title` names the placeholder the reference shows. */
const StageKey = StageName.meta({ title: 'stage', description: 'A stage of `stages`.' });

export const RiskTier = z.strictObject({
  approvals: z.number().int().nonnegative().describe('Approving reviews a promotion needs: counted reviews from `approvers` (from anyone with write access when `approvers` is empty). 0 lets a promotion through without approvals.'),
  approvers: z.array(Principal).default([]).describe('Whose approvals count; anyone with write access when empty.'),
  'also-required': z.array(Principal).default([]).describe('Teams or people each of whom must approve as well: each needs one counted approval, besides the `approvals` quorum (one review may count toward both).'),
}).describe('An approval rule: how many approvals a promotion of a model in this tier needs, and from whom.');
export type RiskTier = z.infer<typeof RiskTier>;

export const ModelPolicy = z.strictObject({
  risk: z.string().describe('The model\'s risk tier: a key of `risk-tiers`.'),
  owners: z.array(Principal).default([]).describe('People and teams mentioned on the model\'s drift issues. For a model the policy does not list, the owners in its model.json are mentioned instead.'),
}).describe('What the policy says about one model.');

export const requirements = ['required', 'optional'] as const;

export const StageGates = z.strictObject({
  evaluation: z.enum(requirements).default('optional').describe('required: an evaluation of the version that passed its thresholds.'),
  'data-validation': z.enum(requirements).default('optional').describe('required: the version was registered with a data validation that passed.'),
  'open-drift-issues': z.enum(['block', 'ignore']).default('ignore').describe('block: no open drift issue labelled critical for the model, in any environment.'),
}).describe('What a version must have before it may reach the stage; checked on the promotion pull request and again by the deployment protection rule.');
export type StageGates = z.infer<typeof StageGates>;

export const DriftPolicy = z.strictObject({
  'schedule-issue-after': z.number().int().positive().default(2).describe('Consecutive drifted reports (per model and environment) before an issue is opened.'),
  'retrain-workflow': z.string().min(1).optional().describe('Workflow file under .github/workflows/ dispatched on the default branch, with the input `model`, when an issue is opened and on `/ghml retrain`. Unset: nothing is dispatched.'),
  'close-issue-after': z.number().int().positive().optional().describe('Consecutive clean reports that close a drift issue; schedule-issue-after when unset.'),
});

/** How the deploy Action rolls a version out; the app puts it in each deployment's payload. */
export const deploymentStrategies = ['blue-green', 'canary', 'shadow', 'batch'] as const;

export const StageDeployment = z.strictObject({
  strategy: z.enum(deploymentStrategies).default('blue-green').describe('The rollout strategy, put in the payload of the deployment the app creates.'),
}).describe('How a stage\'s deployments are rolled out.');
export type StageDeployment = z.infer<typeof StageDeployment>;

export const Policy = z
  .strictObject({
    'registry-branch': z.string().min(1).default('ghml/registry').describe('The registry branch: the model index, versions, runs, evaluations and drift reports.'),
    stages: z
      .array(StageName.describe('A stage name; also the GitHub environment its deployments go to.'))
      .min(1)
      .default(['staging', 'production'])
      .refine((stages) => new Set(stages).size === stages.length, 'must not list a stage twice')
      .describe('Stages in promotion order: a version reaches a stage only after it held the one before.'),
    'risk-tiers': z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'tier names are lowercase words').meta({ title: 'tier', description: 'A tier name: a lowercase word.' }), RiskTier)
      .default({})
      .describe('Approval rules by name. A model gets the tier the policy names for it, else the one its model.json names, else the tier `default`, else one approval from anyone with write access.'),
    models: z.record(z.string().meta({ title: 'model', description: 'A model name, as registered.' }), ModelPolicy).default({}).describe('Per model name: its risk tier and owners.'),
    gates: z.record(StageKey, StageGates).default({}).describe('Per stage: what a version must have to reach it. A stage without an entry has no gates.'),
    drift: DriftPolicy.default({ 'schedule-issue-after': 2 }).describe('When drift reports on the registry branch become issues, and what is dispatched then.'),
    'enforce-stage-order': z.boolean().default(true).describe('false lets a version reach a stage without having held the one before.'),
    deployments: z.record(StageKey, StageDeployment).default({}).describe('Per stage: how the deployment the app creates on merge is rolled out (blue-green when unset).'),
  })
  .superRefine((policy, ctx) => {
    const tiers = Object.keys(policy['risk-tiers']);
    const known = (tier: string) => tiers.includes(tier);
    for (const [model, entry] of Object.entries(policy.models)) {
      const name = ModelName.safeParse(model);
      if (!name.success) ctx.addIssue({ code: 'custom', path: ['models', model], message: `"${model}" is not a model name: it ${name.error.issues[0].message}` });
      if (!known(entry.risk)) ctx.addIssue({ code: 'custom', path: ['models', model, 'risk'], message: `"${entry.risk}" is not a risk tier (risk-tiers has ${tiers.length > 0 ? tiers.join(', ') : 'none'})` });
    }
    for (const stage of Object.keys(policy.gates)) {
      if (!policy.stages.includes(stage)) ctx.addIssue({ code: 'custom', path: ['gates', stage], message: `"${stage}" is not one of the stages (${policy.stages.join(', ')})` });
    }
    for (const stage of Object.keys(policy.deployments)) {
      if (!policy.stages.includes(stage)) ctx.addIssue({ code: 'custom', path: ['deployments', stage], message: `"${stage}" is not one of the stages (${policy.stages.join(', ')})` });
    }
  })
  .describe('The ghml promotion policy: .github/ghml.yml on the default branch.');
export type Policy = z.infer<typeof Policy>;

export const POLICY_PATH = '.github/ghml.yml';
