import { actingUser, type RequestContext } from './context.js';
import { installationLiteJson, organizationJson, pullFigures, pullJson, pushRepositoryJson, repositoryJson, userJson } from './representations.js';
import { timestamp } from './http.js';

const zeroSha = '0'.repeat(40);

/** What every webhook to the app carries besides its subject: repository, organization, installation, sender. */
export function envelope(ctx: RequestContext): Record<string, unknown> {
  return {
    repository: repositoryJson(ctx.core),
    organization: organizationJson(ctx.core),
    installation: installationLiteJson(ctx.core.fixture.app),
    sender: userJson(ctx.core, actingUser(ctx)),
  };
}

export interface RefUpdate {
  /** Full ref name, `refs/heads/main`. */
  ref: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * Emits what GitHub emits when a ref moves: a push, and a pull_request.synchronize for every open
 * pull request whose head is that branch.
 */
export async function announceRefUpdate(ctx: RequestContext, update: RefUpdate): Promise<void> {
  const { core } = ctx;
  const { git } = core;
  core.repo.pushedAt = timestamp();
  const created = update.before === undefined;
  const deleted = update.after === undefined;
  const forced = !created && !deleted && !(await git.isAncestor(update.before!, update.after!));
  const afterCommit = deleted ? undefined : await git.resolve(update.after!, 'commit');

  let exclude = update.before;
  if (created && update.ref !== `refs/heads/${core.repo.defaultBranch}`) exclude = await git.readRef(`refs/heads/${core.repo.defaultBranch}`);
  const shas = afterCommit ? await git.commitsBetween(exclude, afterCommit, 20) : [];
  const user = actingUser(ctx);
  const commitPayload = async (sha: string) => {
    const commit = await git.readCommit(sha);
    const changes = await git.diff(commit.parents[0], sha);
    const person = (identity: { name: string; email: string }) => {
      const account = core.accountByEmail(identity.email);
      return { name: identity.name, email: identity.email, ...(account ? { username: account.login } : {}) };
    };
    return {
      id: sha,
      tree_id: commit.tree,
      distinct: true,
      message: commit.message.replace(/\n$/, ''),
      timestamp: commit.author.date,
      url: `${core.urls.repoHtml}/commit/${sha}`,
      author: person(commit.author),
      committer: person(commit.committer),
      added: changes.filter((change) => change.status === 'added').map((change) => change.path),
      removed: changes.filter((change) => change.status === 'removed').map((change) => change.path),
      modified: changes.filter((change) => change.status === 'modified' || change.status === 'renamed').map((change) => change.path),
    };
  };
  const commits = await Promise.all(shas.map(commitPayload));
  const short = (sha: string | undefined) => (sha ?? zeroSha).slice(0, 12);
  const { repository: _repository, ...rest } = envelope(ctx);
  ctx.emit('push', {
    ref: update.ref,
    before: update.before ?? zeroSha,
    after: update.after ?? zeroSha,
    repository: pushRepositoryJson(core),
    pusher: { name: user.login, email: user.email },
    ...rest,
    created,
    deleted,
    forced,
    base_ref: null,
    compare: created ? `${core.urls.repoHtml}/commit/${short(update.after)}` : `${core.urls.repoHtml}/compare/${short(update.before)}...${short(update.after)}`,
    commits,
    head_commit: commits.at(-1) ?? (afterCommit ? await commitPayload(afterCommit) : null),
  });

  const branch = update.ref.startsWith('refs/heads/') ? update.ref.slice('refs/heads/'.length) : undefined;
  if (!branch || deleted) return;
  for (const issue of core.state.pulls()) {
    if (issue.state !== 'open' || issue.pull!.headRef !== branch) continue;
    const before = issue.pull!.headSha;
    issue.pull!.headSha = update.after!;
    issue.updatedAt = timestamp();
    const figures = await pullFigures(core, issue);
    ctx.emit('pull_request', { action: 'synchronize', number: issue.number, before, after: update.after, pull_request: pullJson(core, issue, figures), ...envelope(ctx) });
  }
}
