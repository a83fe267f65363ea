import type { Octokit } from 'octokit';
import type { CommitRequest, PathCommit, RegistryStore } from '../registry/store.js';
import type { RepositoryRef } from './app-access.js';
import { statusOf } from './client.js';
import { GitHubRegistryStore } from './registry-store.js';

export interface CommitAuthor {
  login: string;
  id: number;
}

/**
 * The GitHub registry store, writing its commits in the name of the person who asked the app for
 * them. A promotion the app opens for `/ghml promote` is then that person's as far as the policy
 * is concerned: their own approval of it does not count, exactly as if they had opened it.
 */
export class AuthoredRegistryStore implements RegistryStore {
  readonly location: string;
  private readonly inner: GitHubRegistryStore;

  constructor(private readonly octokit: Octokit, private readonly repository: RepositoryRef, private readonly author: CommitAuthor) {
    this.inner = new GitHubRegistryStore(octokit, repository);
    this.location = this.inner.location;
  }

  head(branch: string): Promise<string | undefined> {
    return this.inner.head(branch);
  }

  readFile(commit: string, path: string): Promise<string | undefined> {
    return this.inner.readFile(commit, path);
  }

  listDirectory(commit: string, path: string): Promise<string[] | undefined> {
    return this.inner.listDirectory(commit, path);
  }

  history(branch: string, path: string, limit: number): Promise<PathCommit[]> {
    return this.inner.history(branch, path, limit);
  }

  async commitFiles(request: CommitRequest): Promise<string | undefined> {
    const repository = this.repository;
    const baseTree = request.parent ? (await this.octokit.rest.git.getCommit({ ...repository, commit_sha: request.parent })).data.tree.sha : undefined;
    const { data: tree } = await this.octokit.rest.git.createTree({
      ...repository,
      ...(baseTree ? { base_tree: baseTree } : {}),
      tree: request.files.map((file) => ({ path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.content })),
    });
    // GitHub links a commit to an account by its noreply address, which names the account's id and login.
    const author = { name: this.author.login, email: `${this.author.id}+${this.author.login}@users.noreply.github.com`, date: new Date().toISOString() };
    const { data: commit } = await this.octokit.rest.git.createCommit({ ...repository, message: request.message, tree: tree.sha, parents: request.parent ? [request.parent] : [], author });
    try {
      if (request.expected === undefined) await this.octokit.rest.git.createRef({ ...repository, ref: `refs/heads/${request.branch}`, sha: commit.sha });
      else await this.octokit.rest.git.updateRef({ ...repository, ref: `heads/${request.branch}`, sha: commit.sha, force: request.force ?? false });
    } catch (error) {
      // 422: the ref exists already, or moved so that this commit is no fast-forward of it.
      if (statusOf(error) === 422) return undefined;
      throw error;
    }
    return commit.sha;
  }
}
