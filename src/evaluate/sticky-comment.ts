/**
 * One pull request comment per model that each evaluation updates rather than adds to: found by a
 * hidden HTML marker in its body. The port is implemented over octokit in src/github/pr-comments.ts.
 */

export interface PullRequestComment {
  id: number;
  body: string;
}

export interface PullRequestComments {
  /** Every comment on the pull request, oldest first. */
  list(pullNumber: number): Promise<PullRequestComment[]>;
  create(pullNumber: number, body: string): Promise<PullRequestComment>;
  update(commentId: number, body: string): Promise<PullRequestComment>;
}

export function evaluationMarker(modelName: string): string {
  return `<!-- ghml:evaluate:${modelName} -->`;
}

/** Updates the comment carrying `marker` (the first, if several), or creates it; the body gets the marker. */
export async function upsertStickyComment(
  comments: PullRequestComments,
  pullNumber: number,
  marker: string,
  body: string,
): Promise<{ comment: PullRequestComment; created: boolean }> {
  const marked = `${marker}\n${body}`;
  const existing = (await comments.list(pullNumber)).find((comment) => comment.body.includes(marker));
  if (existing) return { comment: await comments.update(existing.id, marked), created: false };
  return { comment: await comments.create(pullNumber, marked), created: true };
}
