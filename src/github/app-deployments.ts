import type { Octokit } from 'octokit';
import { DeploymentPayload } from '../policy/deployment-gate.js';
import type { RepositoryRef } from './app-access.js';
import { createDeployment } from './deployments.js';

export interface PlannedDeployment {
  environment: string;
  payload: DeploymentPayload & { registryCommit: string };
  /** The stage is the last of the policy's stages. */
  production: boolean;
}

export interface DeploymentRef {
  id: number;
  created: boolean;
}

/** Deployments are the same when they deploy the same version to the same environment from the same registry commit. */
function sameDeployment(payload: unknown, planned: PlannedDeployment): boolean {
  const parsed = DeploymentPayload.safeParse(payload);
  return parsed.success && parsed.data.model === planned.payload.model && parsed.data.version === planned.payload.version && parsed.data.registryCommit === planned.payload.registryCommit;
}

/**
 * Finds the deployment for this promotion, or creates it. The deployment's ref is the default
 * branch: a `deployment` event runs the workflow file at the deployment's commit, and the deploy
 * workflow lives on the default branch, never on the orphan registry branch. The checks on that
 * commit say nothing about the model, so none are required; the promotion check and the
 * protection rule gate it instead.
 */
export async function ensureDeployment(octokit: Octokit, repository: RepositoryRef, ref: string, planned: PlannedDeployment): Promise<DeploymentRef> {
  // The newest hundred suffice: an older promotion whose deployment is missing is superseded, and
  // the caller deploys only what the alias names now.
  const { data: existing } = await octokit.rest.repos.listDeployments({ ...repository, environment: planned.environment, per_page: 100 });
  const found = existing.find((deployment) => sameDeployment(deployment.payload, planned));
  if (found) return { id: found.id, created: false };
  const { model, version, strategy } = planned.payload;
  const id = await createDeployment(octokit, repository, {
    ref,
    environment: planned.environment,
    payload: planned.payload,
    description: `ghml: ${model} v${version} to ${planned.environment} (${strategy})`,
    production: planned.production,
  });
  return { id, created: true };
}

/** The merged pull request whose merge (or squash) commit is this commit, if any. */
export async function mergedPullFor(octokit: Octokit, repository: RepositoryRef, base: string, commit: string) {
  const pulls = await octokit.rest.pulls.list({ ...repository, state: 'closed', base, sort: 'updated', direction: 'desc', per_page: 100 });
  return pulls.data.find((pull) => pull.merge_commit_sha === commit && pull.merged_at !== null);
}
