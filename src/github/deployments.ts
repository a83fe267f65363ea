import type { Octokit } from 'octokit';
import type { DeploymentTracker } from '../steps/deploy.js';
import type { GitHubTarget } from './client.js';

/**
 * The GitHub Deployment a deploy runs under: the one whose `deployment` event started the
 * workflow, or one this run creates when it was started by inputs, so the Deployments tab says
 * what served each environment when, either way.
 */

type Repository = Pick<GitHubTarget, 'owner' | 'repo'>;

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
    const { data, status } = await octokit.rest.repos.createDeployment({
      ...repository,
      ref: request.ref,
      environment: request.environment,
      payload: request.payload,
      description: request.description,
      // The workflow is already running on this commit: nothing to merge, no checks to wait for.
      auto_merge: false,
      required_contexts: [],
    });
    if (status !== 201 || !('id' in data)) throw new Error(`GitHub did not create the deployment to ${request.environment} (status ${status})`);
    return new GitHubDeploymentTracker(octokit, repository, data.id, request.environment, logUrl);
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
