import { z } from 'zod';
import type { Policy, StageDeployment } from '../contracts/policy.js';
import { ModelName, VersionNumber } from '../contracts/registry.js';
import { gateRequirements, type BlockingDriftIssue, type VersionEvidence } from './promotion.js';

/**
 * What the app puts in the payload of each deployment it creates: the deploy Action reads the
 * first four; the registry commit makes the deployment findable again, so a redelivered push
 * creates nothing twice.
 */
export const DeploymentPayload = z.object({
  model: ModelName,
  version: VersionNumber,
  digest: z.string(),
  strategy: z.string(),
  registryCommit: z.string().optional(),
  pullRequest: z.number().int().nullable().optional(),
});
export type DeploymentPayload = z.infer<typeof DeploymentPayload>;

export function strategyFor(policy: Policy, stage: string): StageDeployment['strategy'] {
  return policy.deployments[stage]?.strategy ?? 'blue-green';
}

export interface GateFacts {
  policy: Policy;
  environment: string;
  /** The deployment's payload as GitHub gives it: anything, until checked. */
  payload: unknown;
  /** The version the environment's alias names now, read when the payload names a model. */
  current: (model: string) => Promise<{ version: number | undefined; digest: string | undefined; evidence: VersionEvidence; driftIssues: BlockingDriftIssue[] }>;
}

export interface GateDecision {
  approved: boolean;
  /** Said through the callback, shown on the workflow run. */
  comment: string;
}

/**
 * The custom deployment protection rule: a deployment may proceed only if it deploys the version
 * the stage's alias names right now, with the package digest that version was registered with,
 * and the policy's gates for that stage pass.
 */
export async function judgeDeployment(facts: GateFacts): Promise<GateDecision> {
  const parsed = DeploymentPayload.safeParse(facts.payload);
  if (!parsed.success) {
    return { approved: false, comment: `Rejected: this deployment's payload names no ghml model and version (model, version, digest), so ghml cannot tell what it deploys to ${facts.environment}.` };
  }
  const { model, version, digest } = parsed.data;
  if (!facts.policy.stages.includes(facts.environment)) {
    return { approved: false, comment: `Rejected: ${facts.environment} is not a stage of the promotion policy (${facts.policy.stages.join(', ')}).` };
  }
  const current = await facts.current(model);
  if (current.version !== version) {
    const now = current.version === undefined ? 'no version' : `v${current.version}`;
    return { approved: false, comment: `Rejected: ${model} v${version} is not what ${facts.environment} names; the alias names ${now}.` };
  }
  if (current.digest !== digest) {
    return { approved: false, comment: `Rejected: the package digest ${digest.slice(0, 12)} is not the digest ${model} v${version} was registered with (${current.digest?.slice(0, 12) ?? 'none'}).` };
  }
  const requirements = gateRequirements(facts.policy, facts.environment, model, version, current.evidence, current.driftIssues);
  const unmet = requirements.filter((requirement) => requirement.state !== 'passed');
  if (unmet.length > 0) return { approved: false, comment: `Rejected: ${unmet.map((requirement) => requirement.detail).join('; ')}.` };
  const passed = requirements.map((requirement) => requirement.detail);
  return { approved: true, comment: `Approved: ${model} v${version} is what ${facts.environment} names${passed.length > 0 ? `; ${passed.join('; ')}` : '; the policy sets no gates for this stage'}.` };
}
