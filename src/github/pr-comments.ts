import { getOctokit } from '@actions/github';
import type { PullRequestComment, PullRequestComments } from '../evaluate/sticky-comment.js';

type Octokit = ReturnType<typeof getOctokit>;

/** Pull request comments over GitHub's REST API (issue comments: a pull request is an issue). */
export class OctokitPullRequestComments implements PullRequestComments {
  constructor(
    private readonly octokit: Octokit,
    private readonly repository: { owner: string; repo: string },
  ) {}

  /** For a workflow step: the token given, and GITHUB_API_URL (GitHub Enterprise Server, or the sandbox) as @actions/github reads it. */
  static forRepository(token: string, repository: string): OctokitPullRequestComments {
    const [owner, repo] = repository.split('/');
    return new OctokitPullRequestComments(getOctokit(token), { owner, repo });
  }

  async list(pullNumber: number): Promise<PullRequestComment[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repository, issue_number: pullNumber, per_page: 100 });
    return comments.map((comment) => ({ id: comment.id, body: comment.body ?? '' }));
  }

  async create(pullNumber: number, body: string): Promise<PullRequestComment> {
    const { data } = await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: pullNumber, body });
    return { id: data.id, body: data.body ?? '' };
  }

  async update(commentId: number, body: string): Promise<PullRequestComment> {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repository, comment_id: commentId, body });
    return { id: data.id, body: data.body ?? '' };
  }
}
