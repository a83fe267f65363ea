import type { Octokit } from 'octokit';
import { fitWithMarkers, LIMITS } from '../report/markdown.js';
import type { RepositoryRef } from './app-access.js';

/**
 * Comments unless a comment carrying the marker is there already: the marker is how a redelivered
 * webhook knows the app has said this before, without the app keeping any record of its own.
 */
export async function commentOnce(octokit: Octokit, repository: RepositoryRef, issueNumber: number, marker: string, body: string): Promise<boolean> {
  if (await hasMarker(octokit, repository, issueNumber, marker)) return false;
  await commentWithMarker(octokit, repository, issueNumber, marker, body);
  return true;
}

/** Comments with the marker at the end, where no cut to GitHub's size limit can take it. */
export async function commentWithMarker(octokit: Octokit, repository: RepositoryRef, issueNumber: number, marker: string, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body: fitWithMarkers(body, [marker], LIMITS.bodyCharacters) });
}

export async function hasMarker(octokit: Octokit, repository: RepositoryRef, issueNumber: number, marker: string): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repository, issue_number: issueNumber, per_page: 100 });
  return comments.some((comment) => comment.body?.includes(marker));
}
