import { z } from 'zod';
import { ModelName, StageName } from './registry.js';

/**
 * The promotion policy, `.github/ghml.yml` on the default branch (DESIGN §5). People write it, so
 * its keys are kebab-case. Everything has a default, so a repository without the file gets two
 * stages, staging then production.
 */

/** `@login` or `@org/team`, as in CODEOWNERS. */
const Principal = z.string().regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, 'must be @user or @org/team');

export const RiskTier = z.strictObject({
  approvals: z.number().int().nonnegative().describe('Approving reviews a promotion needs.'),
  approvers: z.array(Principal).default([]).describe('Whose approvals count; anyone with write access when empty.'),
  'also-required': z.array(Principal).default([]).describe('Teams or people each of whom must approve as well.'),
});
export type RiskTier = z.infer<typeof RiskTier>;

export const ModelPolicy = z.strictObject({
  risk: z.string().describe('A key of risk-tiers.'),
  owners: z.array(Principal).default([]),
});

export const requirements = ['required', 'optional'] as const;

export const StageGates = z.strictObject({
  evaluation: z.enum(requirements).default('optional').describe('required: an evaluation of the version that passed its thresholds.'),
  'data-validation': z.enum(requirements).default('optional').describe('required: the version was registered with a data validation that passed.'),
  'open-drift-issues': z.enum(['block', 'ignore']).default('ignore').describe('block: no open critical drift issue on the version the stage serves now.'),
});
export type StageGates = z.infer<typeof StageGates>;

export const DriftPolicy = z.strictObject({
  'schedule-issue-after': z.number().int().positive().default(2).describe('Consecutive drifted reports before an issue is opened.'),
  'retrain-workflow': z.string().min(1).optional().describe('Workflow file dispatched when drift persists.'),
  'close-issue-after': z.number().int().positive().optional().describe('Consecutive clean reports that close a drift issue; schedule-issue-after when unset.'),
});

/** How the deploy Action rolls a version out; the app puts it in each deployment's payload. */
export const deploymentStrategies = ['blue-green', 'canary', 'shadow', 'batch'] as const;

export const StageDeployment = z.strictObject({
  strategy: z.enum(deploymentStrategies).default('blue-green'),
});
export type StageDeployment = z.infer<typeof StageDeployment>;

export const Policy = z
  .strictObject({
    'registry-branch': z.string().min(1).default('ghml/registry'),
    stages: z
      .array(StageName)
      .min(1)
      .default(['staging', 'production'])
      .refine((stages) => new Set(stages).size === stages.length, 'must not list a stage twice')
      .describe('Stages in promotion order: a version reaches a stage only after it held the one before.'),
    'risk-tiers': z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'tier names are lowercase words'), RiskTier).default({}),
    models: z.record(z.string(), ModelPolicy).default({}).describe('Per model name: its risk tier and owners.'),
    gates: z.record(StageName, StageGates).default({}),
    drift: DriftPolicy.default({ 'schedule-issue-after': 2 }),
    'enforce-stage-order': z.boolean().default(true).describe('false lets a version reach a stage without having held the one before.'),
    deployments: z.record(StageName, StageDeployment).default({}).describe('Per stage: how the deployment the app creates on merge is rolled out (blue-green when unset).'),
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
