import type { Octokit } from 'octokit';
import { ConfigurationError } from '../errors.js';
import type { CommitRequest, PathCommit, RegistryStore } from '../registry/store.js';
import { readRepositoryFile, statusOf, type GitHubTarget } from './client.js';

/** A GitHub account commits can be written in the name of. */
export interface CommitAuthor {
  login: string;
  id: number;
}

/**
 * The registry store over GitHub's Git Data API. Writes build one tree on the parent's tree with
 * every file inline, one commit, and move the branch without force: GitHub answers 422 to an
 * update that is not a fast-forward, which is exactly the compare-and-swap, since the new commit's
 * only parent is the head it was computed from. Reads go through the contents API at a commit.
 */
export class GitHubRegistryStore implements RegistryStore {
  readonly location: string;
  private readonly repository: { owner: string; repo: string };

  constructor(
    private readonly octokit: Octokit,
    target: Pick<GitHubTarget, 'owner' | 'repo'>,
    /**
     * Writes commits in this person's name instead of the token's: a promotion the app opens for
     * `/ghml promote` is then the requester's as far as the policy is concerned, and their own
     * approval of it does not count, exactly as if they had opened it.
     */
    private readonly author?: CommitAuthor,
  ) {
    this.repository = { owner: target.owner, repo: target.repo };
    this.location = `${target.owner}/${target.repo}`;
  }

  private repositoryVisible = false;

  async head(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({ ...this.repository, ref: `heads/${branch}` });
      this.repositoryVisible = true;
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await this.checkRepositoryVisible();
      return undefined;
    }
  }

  /**
   * GitHub answers 404 both for a missing branch and for a repository the token cannot see; only
   * the first means "no registry yet".
   */
  private async checkRepositoryVisible(): Promise<void> {
    if (this.repositoryVisible) return;
    try {
      await this.octokit.rest.repos.get(this.repository);
      this.repositoryVisible = true;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      throw new ConfigurationError(`repository ${this.location} does not exist, or the token cannot see it`, { input: 'repo', cause: error });
    }
  }

  readFile(commit: string, path: string): Promise<string | undefined> {
    return readRepositoryFile(this.octokit, this.repository, path, commit);
  }

  /** Walks the trees down from the commit: unlike the contents API, a tree lists more than 1,000 entries. */
  async listDirectory(commit: string, path: string): Promise<string[] | undefined> {
    const { data: parsed } = await this.octokit.rest.git.getCommit({ ...this.repository, commit_sha: commit });
    let tree = parsed.tree.sha;
    for (const segment of path.split('/').filter(Boolean)) {
      const { data } = await this.octokit.rest.git.getTree({ ...this.repository, tree_sha: tree });
      const entry = data.tree.find((candidate) => candidate.path === segment && candidate.type === 'tree');
      if (!entry?.sha) return undefined;
      tree = entry.sha;
    }
    const { data } = await this.octokit.rest.git.getTree({ ...this.repository, tree_sha: tree });
    return data.tree.map((entry) => entry.path!).filter(Boolean);
  }

  async commitFiles(request: CommitRequest): Promise<string | undefined> {
    const baseTree = request.parent ? (await this.octokit.rest.git.getCommit({ ...this.repository, commit_sha: request.parent })).data.tree.sha : undefined;
    const { data: tree } = await this.octokit.rest.git.createTree({
      ...this.repository,
      ...(baseTree ? { base_tree: baseTree } : {}),
      tree: request.files.map((file) => ({ path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.content })),
    });
    const { data: commit } = await this.octokit.rest.git.createCommit({
      ...this.repository,
      message: request.message,
      tree: tree.sha,
      parents: request.parent ? [request.parent] : [],
      // GitHub links a commit to an account by its noreply address, which names the account's id and login.
      ...(this.author ? { author: { name: this.author.login, email: `${this.author.id}+${this.author.login}@users.noreply.github.com`, date: new Date().toISOString() } } : {}),
    });
    try {
      if (request.expected === undefined) {
        await this.octokit.rest.git.createRef({ ...this.repository, ref: `refs/heads/${request.branch}`, sha: commit.sha });
      } else {
        await this.octokit.rest.git.updateRef({ ...this.repository, ref: `heads/${request.branch}`, sha: commit.sha, force: request.force ?? false });
      }
    } catch (error) {
      // 422: the ref exists already, or moved so that this commit is no fast-forward of it.
      if (statusOf(error) === 422) return undefined;
      throw error;
    }
    return commit.sha;
  }

  async history(branch: string, path: string, limit: number): Promise<PathCommit[]> {
    const { data } = await this.octokit.rest.repos.listCommits({ ...this.repository, sha: branch, path, per_page: Math.min(limit, 100) });
    return data.slice(0, limit).map((entry) => ({
      commit: entry.sha,
      message: entry.commit.message,
      author: {
        name: entry.commit.author?.name ?? '',
        email: entry.commit.author?.email ?? '',
        date: entry.commit.author?.date ?? '',
        ...(entry.author && 'login' in entry.author ? { login: entry.author.login } : {}),
      },
      committer: {
        name: entry.commit.committer?.name ?? '',
        email: entry.commit.committer?.email ?? '',
        date: entry.commit.committer?.date ?? '',
        ...(entry.committer && 'login' in entry.committer ? { login: entry.committer.login } : {}),
      },
    }));
  }
}
