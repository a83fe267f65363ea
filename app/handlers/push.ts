/** What a push payload lists as its commits' changes. */
export interface PushPayload {
  commits: { added?: string[]; modified?: string[]; removed?: string[] }[];
  head_commit: { added?: string[]; modified?: string[]; removed?: string[] } | null;
}

/**
 * Every path the push's commits added, modified or removed. A push of more commits than the
 * payload lists is not a push to the registry branch, whose writers commit one change at a time
 * or merge one pull request.
 */
export function pushedPaths(payload: PushPayload): Set<string> {
  const paths = new Set<string>();
  for (const commit of [...payload.commits, ...(payload.head_commit ? [payload.head_commit] : [])]) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]) paths.add(path);
  }
  return paths;
}

/** Paths the push added (drift reports are only ever added). */
export function addedPaths(payload: PushPayload): Set<string> {
  const paths = new Set<string>();
  for (const commit of [...payload.commits, ...(payload.head_commit ? [payload.head_commit] : [])]) {
    for (const path of commit.added ?? []) paths.add(path);
  }
  return paths;
}
