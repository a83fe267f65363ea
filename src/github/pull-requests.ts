import type { Octokit } from 'octokit';
import { POLICY_PATH } from '../contracts/policy.js';
import type { DeploymentHistory, ModelDeployment, PolicySource, PromotionRequest, PromotionRequests } from '../registry/ports.js';
import { readRepositoryFile, type GitHubTarget } from './client.js';

/** Promotion pull requests against the registry branch. */
export class GitHubPullRequests implements PromotionRequests {
  private readonly repository: { owner: string; repo: string };

  constructor(private readonly octokit: Octokit, target: Pick<GitHubTarget, 'owner' | 'repo'>) {
    this.repository = { owner: target.owner, repo: target.repo };
  }

  /** Lists the open pull requests into the registry branch: a handful, whatever the history. */
  async findOpen(base: string, headPrefix: string): Promise<PromotionRequest[]> {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...this.repository, state: 'open', base, per_page: 100 });
    return pulls
      .filter((pull) => pull.head.ref.startsWith(headPrefix) && pull.head.repo?.full_name === `${this.repository.owner}/${this.repository.repo}`)
      .map((pull) => ({ number: pull.number, url: pull.html_url, head: pull.head.ref }));
  }

  async open(request: { head: string; base: string; title: string; body: string }): Promise<PromotionRequest> {
    const { data } = await this.octokit.rest.pulls.create({ ...this.repository, ...request, maintainer_can_modify: false });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }

  async update(number: number, request: { title: string; body: string }): Promise<PromotionRequest> {
    const { data } = await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, ...request });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }

  async close(number: number, comment: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: number, body: comment });
    await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, state: 'closed' });
  }
}

/**
 * The policy from the default branch. The contents API reads the default branch when no ref is
 * given, so no branch a pull request or workflow run could control ever supplies the policy.
 */
export class GitHubPolicySource implements PolicySource {
  readonly location: string;
  private readonly repository: { owner: string; repo: string };

  constructor(private readonly octokit: Octokit, target: Pick<GitHubTarget, 'owner' | 'repo'>) {
    this.repository = { owner: target.owner, repo: target.repo };
    this.location = `${target.owner}/${target.repo} (default branch):${POLICY_PATH}`;
  }

  read(): Promise<string | undefined> {
    return readRepositoryFile(this.octokit, this.repository, POLICY_PATH);
  }
}

/**
 * Deployments that carry out promotions: the app creates one per merged promotion with the model
 * and version in its payload, so these are the deployments whose payload names the model.
 */
export class GitHubDeploymentHistory implements DeploymentHistory {
  private readonly repository: { owner: string; repo: string };

  constructor(private readonly octokit: Octokit, target: Pick<GitHubTarget, 'owner' | 'repo'>) {
    this.repository = { owner: target.owner, repo: target.repo };
  }

  async list(model: string, environment?: string): Promise<ModelDeployment[]> {
    const deployments = await this.octokit.paginate(this.octokit.rest.repos.listDeployments, { ...this.repository, ...(environment ? { environment } : {}), per_page: 100 });
    return deployments.flatMap((deployment) => {
      const payload = (typeof deployment.payload === 'object' ? deployment.payload : {}) as { model?: unknown; version?: unknown };
      if (payload.model !== model) return [];
      const version = typeof payload.version === 'number' ? payload.version : null;
      return [{ id: deployment.id, environment: deployment.environment, version, createdAt: deployment.created_at, creator: deployment.creator?.login ?? null }];
    });
  }
}
