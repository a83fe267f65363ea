import type { Octokit } from 'octokit';
import type { DeploymentTracker } from '../steps/deploy.js';
import type { GitHubTarget } from './client.js';

/**
 * The GitHub Deployment a deploy runs under: the one whose `deployment` event started the
 * workflow, or one this run creates when it was started by inputs, so the Deployments tab says
 * what served each environment when, either way.
 */

type Repository = Pick<GitHubTarget, 'owner' | 'repo'>;

/**
 * Creates a deployment of `ref` that waits for nothing: no merge of the default branch into it,
 * no required checks (ghml's own gates, the promotion check and the environment's protection
 * rules, stand for them). Its id.
 */
export async function createDeployment(
  octokit: Octokit,
  repository: Repository,
  request: { ref: string; environment: string; payload: Record<string, unknown>; description: string; production?: boolean },
): Promise<number> {
  const { data, status } = await octokit.rest.repos.createDeployment({
    ...repository,
    ref: request.ref,
    environment: request.environment,
    payload: request.payload,
    description: request.description,
    auto_merge: false,
    required_contexts: [],
    ...(request.production === undefined ? {} : { production_environment: request.production }),
  });
  if (status !== 201 || !('id' in data)) throw new Error(`GitHub did not create the deployment to ${request.environment}: ${request.description} (status ${status})`);
  return data.id;
}

export class GitHubDeploymentTracker implements DeploymentTracker {
  constructor(
    private readonly octokit: Octokit,
    private readonly repository: Repository,
    readonly deploymentId: number,
    private readonly environment: string,
    /** The workflow run's page: every status links its log. */
    private readonly logUrl: string,
  ) {}

  static async create(
    octokit: Octokit,
    repository: Repository,
    request: { ref: string; environment: string; payload: Record<string, unknown>; description: string },
    logUrl: string,
  ): Promise<GitHubDeploymentTracker> {
    const id = await createDeployment(octokit, repository, request);
    return new GitHubDeploymentTracker(octokit, repository, id, request.environment, logUrl);
  }

  async started(description: string): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({ ...this.repository, deployment_id: this.deploymentId, state: 'in_progress', log_url: this.logUrl, description, environment: this.environment });
  }

  async finished(state: 'success' | 'failure', description: string, environmentUrl: string | null): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      ...this.repository,
      deployment_id: this.deploymentId,
      state,
      log_url: this.logUrl,
      description,
      environment: this.environment,
      ...(environmentUrl ? { environment_url: environmentUrl } : {}),
      auto_inactive: state === 'success',
    });
  }
}
