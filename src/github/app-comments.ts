import type { Octokit } from 'octokit';
import type { RepositoryRef } from './app-access.js';

/**
 * Comments unless a comment carrying the marker is there already: the marker is how a redelivered
 * webhook knows the app has said this before, without the app keeping any record of its own.
 */
export async function commentOnce(octokit: Octokit, repository: RepositoryRef, issueNumber: number, marker: string, body: string): Promise<boolean> {
  if (await hasMarker(octokit, repository, issueNumber, marker)) return false;
  await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body: `${body}\n\n${marker}` });
  return true;
}

export async function hasMarker(octokit: Octokit, repository: RepositoryRef, issueNumber: number, marker: string): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repository, issue_number: issueNumber, per_page: 100 });
  return comments.some((comment) => comment.body?.includes(marker));
}
