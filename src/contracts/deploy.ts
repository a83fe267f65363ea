import { z } from 'zod';
import { durationPattern, parseDuration } from '../io/duration.js';
import { deploymentStrategies } from './policy.js';

/**
 * What the deploy Action did: written by ghml (camelCase), as `report-out` and the job summary's
 * source. `result` says where the environment stands afterwards.
 */

export const deployTargets = ['serve', 'batch', 'command'] as const;
export const DeployTarget = z.enum(deployTargets);
export type DeployTarget = z.infer<typeof DeployTarget>;

/** The strategies the promotion policy names for each stage; batch implies the batch target. */
export const DeployStrategy = z.enum(deploymentStrategies);
export type DeployStrategy = z.infer<typeof DeployStrategy>;

const STEP_UNITS = ['ms', 's', 'm'] as const;
const decimal = z.string().regex(/^\d*\.?\d+$/, 'must be a number such as 0.01').transform(Number);

/**
 * How a rollout on ghml serve is paced and judged: inputs of the Action and flags of `ghml deploy`,
 * the same names and defaults in both, given as text as both receive them.
 */
export const RolloutSettings = z.object({
  'canary-steps': z
    .string()
    .transform((text) => text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d+$/, 'must be whole percentages such as 10,50,100').transform(Number)))
    .refine((steps) => steps.length > 0 && steps.every((step, i) => step >= 1 && (i === 0 || step > steps[i - 1])) && steps.at(-1) === 100, 'must rise to 100, such as 10,50,100')
    .default([10, 50, 100]),
  'step-duration': z
    .string()
    .regex(durationPattern(STEP_UNITS), 'must be a duration such as 60s, 5m or 500ms')
    .transform((text) => parseDuration(text, STEP_UNITS)!)
    .default(60_000),
  'max-error-rate': decimal.refine((value) => value <= 1, 'must be between 0 and 1').default(0.01),
  'max-p95-ms': decimal.default(250),
  'min-requests': z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).default(50),
  'shadow-percent': decimal.refine((value) => value > 0 && value <= 100, 'must be a percentage above 0').default(100),
});
export type RolloutSettings = z.infer<typeof RolloutSettings>;

export const deployResults = ['succeeded', 'rolled-back', 'failed'] as const;

export const RolloutStep = z.strictObject({
  name: z.string().describe('What the step did: "smoke test of v4", "canary 10%", "switch to v4", "shadow 100%".'),
  percent: z.number().min(0).max(100).nullable().describe('Share of requests the new version took (or mirrored, for a shadow).'),
  seconds: z.number().nonnegative(),
  requests: z.number().int().nonnegative().nullable(),
  serverErrors: z.number().int().nonnegative().nullable(),
  errorRate: z.number().min(0).max(1).nullable(),
  p95Ms: z.number().nonnegative().nullable().describe('Upper bound of the latency bucket holding the 95th percentile.'),
  passed: z.boolean(),
  detail: z.string(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

export const DeployReport = z
  .strictObject({
    format: z.literal('ghml.deploy-report/v1'),
    model: z.string(),
    version: z.number().int().positive(),
    digest: z.string().describe('The package digest verified before deploying.'),
    environment: z.string(),
    target: DeployTarget,
    strategy: DeployStrategy,
    result: z.enum(deployResults).describe('succeeded; rolled-back: the previous state was restored; failed: refused before anything changed.'),
    reason: z.string().nullable().describe('Why it did not succeed.'),
    previousVersion: z.string().nullable().describe('The version serving before (serve target).'),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }),
    steps: z.array(RolloutStep),
    predictions: z
      .strictObject({ path: z.string(), rows: z.number().int().nonnegative(), artifact: z.string().nullable() })
      .nullable()
      .describe('Batch target: where the predictions went.'),
  })
  .describe('A ghml deploy report: what the deploy Action did and why it ended as it did.');
export type DeployReport = z.infer<typeof DeployReport>;
