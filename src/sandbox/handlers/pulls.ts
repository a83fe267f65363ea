import { actingUser, type RequestContext } from '../context.js';
import { announceRefUpdate, envelope } from '../events.js';
import { ApiError, notFound, paginate, timestamp, unprocessable, validationFailed } from '../http.js';
import { commitJson, pullFigures, pullJson, reviewJson, simplePullJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import type { IssueRecord, ReviewRecord, ReviewState } from '../state.js';

const read = { kind: 'repo', scope: 'pull_requests', level: 'read' } as const;
/** Anyone who can read the repository may open and review pull requests, as on GitHub. */
const participate = { kind: 'repo', scope: 'pull_requests', level: 'write', role: 'read' } as const;
const maintain = { kind: 'repo', scope: 'pull_requests', level: 'write' } as const;

const committerOfMerges = { name: 'GitHub', email: 'noreply@github.com' };

function findPull(ctx: RequestContext): IssueRecord {
  const issue = ctx.core.state.issues.get(Number(ctx.params.pull_number));
  if (!issue?.pull) throw notFound();
  return issue;
}

async function pullResponse(ctx: RequestContext, issue: IssueRecord) {
  return pullJson(ctx.core, issue, await pullFigures(ctx.core, issue));
}

/** Only the author and people with write access may change a pull request. */
function assertMayEdit(ctx: RequestContext, issue: IssueRecord): void {
  const user = actingUser(ctx);
  if (ctx.actor.kind === 'user' && user.login !== issue.user.login && !['admin', 'maintain', 'write'].includes(user.role ?? '')) {
    throw new ApiError(403, 'Resource not accessible by personal access token');
  }
}

function branchName(head: string, owner: string): string {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  if (head.slice(0, colon).toLowerCase() !== owner.toLowerCase()) return '';
  return head.slice(colon + 1);
}

async function emitPullEvent(ctx: RequestContext, issue: IssueRecord, action: string, extra: Record<string, unknown> = {}): Promise<void> {
  ctx.emit('pull_request', { action, number: issue.number, ...extra, pull_request: await pullResponse(ctx, issue), ...envelope(ctx) });
}

async function emitReviewEvent(ctx: RequestContext, issue: IssueRecord, review: ReviewRecord, action: 'submitted' | 'dismissed'): Promise<void> {
  ctx.emit('pull_request_review', {
    action,
    review: reviewJson(ctx.core, review, 'webhook'),
    pull_request: simplePullJson(ctx.core, issue, await pullFigures(ctx.core, issue)),
    ...envelope(ctx),
  });
}

const reviewStates: Record<string, ReviewState> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** GitHub's rules for submitting a review event; GitHub answers these with plain-string errors. */
function submittedState(ctx: RequestContext, issue: IssueRecord, event: string, body: string | undefined): ReviewState {
  const state = reviewStates[event];
  const own = actingUser(ctx).login === issue.user.login;
  if (own && state === 'APPROVED') throw unprocessable('Unprocessable Entity', 'Can not approve your own pull request');
  if (own && state === 'CHANGES_REQUESTED') throw unprocessable('Unprocessable Entity', 'Can not request changes on your own pull request');
  if (state !== 'APPROVED' && !body) throw unprocessable('Unprocessable Entity', `Body is required when the review event is ${event}`);
  return state;
}

function findReview(ctx: RequestContext, issue: IssueRecord): ReviewRecord {
  const review = ctx.core.state.reviews.find((candidate) => candidate.id === Number(ctx.params.review_id) && candidate.pullNumber === issue.number);
  if (!review) throw notFound();
  return review;
}

export const pullRoutes: RouteDefinition[] = [
  {
    operationId: 'pulls/create',
    access: participate,
    async handle(ctx) {
      const body = ctx.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; maintainer_can_modify?: boolean };
      const { core } = ctx;
      const head = branchName(body.head, core.repo.owner);
      const headSha = head ? await core.git.readRef(`refs/heads/${head}`) : undefined;
      const baseSha = await core.git.readRef(`refs/heads/${body.base}`);
      const errors = [];
      if (!body.title) errors.push({ resource: 'PullRequest', code: 'missing_field' as const, field: 'title' });
      if (!headSha) errors.push({ resource: 'PullRequest', code: 'invalid' as const, field: 'head' });
      if (!baseSha) errors.push({ resource: 'PullRequest', code: 'invalid' as const, field: 'base' });
      if (errors.length > 0) throw validationFailed(errors);
      if ((await core.git.commitsBetween(baseSha, headSha!)).length === 0) {
        throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${body.base} and ${head}` }]);
      }
      if (core.state.pulls().some((issue) => issue.state === 'open' && issue.pull!.headRef === head && issue.pull!.baseRef === body.base)) {
        throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${core.repo.owner}:${head}.` }]);
      }
      const now = timestamp();
      const issue: IssueRecord = {
        id: core.state.nextId(),
        pullId: core.state.nextId(),
        number: core.state.nextIssueNumber(),
        title: body.title!,
        body: body.body ?? null,
        user: actingUser(ctx),
        state: 'open',
        stateReason: null,
        labels: [],
        assignees: [],
        locked: false,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        closedBy: null,
        pull: {
          headRef: head,
          baseRef: body.base,
          headSha: headSha!,
          baseSha: baseSha!,
          draft: body.draft ?? false,
          merged: false,
          mergedAt: null,
          mergedBy: null,
          mergeCommitSha: null,
          maintainerCanModify: body.maintainer_can_modify ?? false,
        },
      };
      core.state.issues.set(issue.number, issue);
      await emitPullEvent(ctx, issue, 'opened');
      return { status: 201, headers: { location: `${core.urls.repoApi}/pulls/${issue.number}` }, body: await pullResponse(ctx, issue) };
    },
  },
  {
    operationId: 'pulls/get',
    access: read,
    async handle(ctx) {
      return { status: 200, body: await pullResponse(ctx, findPull(ctx)) };
    },
  },
  {
    operationId: 'pulls/list',
    access: read,
    async handle(ctx) {
      const { core, query } = ctx;
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const base = query.get('base');
      const sort = query.get('sort') ?? 'created';
      const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
      let pulls = core.state.pulls().filter((issue) => state === 'all' || issue.state === state);
      if (head) {
        const branch = branchName(head, core.repo.owner);
        pulls = pulls.filter((issue) => issue.pull!.headRef === branch);
      }
      if (base) pulls = pulls.filter((issue) => issue.pull!.baseRef === base);
      const key = (issue: IssueRecord) => (sort === 'updated' ? issue.updatedAt : issue.createdAt) + String(issue.number).padStart(10, '0');
      pulls.sort((a, b) => (direction === 'asc' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))));
      const { page, headers } = paginate(pulls, query, ctx.url);
      const body = await Promise.all(page.map(async (issue) => simplePullJson(core, issue, await pullFigures(core, issue))));
      return { status: 200, headers, body };
    },
  },
  {
    operationId: 'pulls/update',
    access: participate,
    async handle(ctx) {
      const issue = findPull(ctx);
      assertMayEdit(ctx, issue);
      const body = ctx.body as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string; maintainer_can_modify?: boolean };
      const pull = issue.pull!;
      const changes: Record<string, unknown> = {};
      if (body.title !== undefined && body.title !== issue.title) {
        changes.title = { from: issue.title };
        issue.title = body.title;
      }
      if (body.body !== undefined && body.body !== issue.body) {
        changes.body = { from: issue.body ?? '' };
        issue.body = body.body;
      }
      if (body.base !== undefined && body.base !== pull.baseRef) {
        const sha = await ctx.core.git.readRef(`refs/heads/${body.base}`);
        if (!sha) throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'base' }]);
        changes.base = { ref: { from: pull.baseRef }, sha: { from: pull.baseSha } };
        pull.baseRef = body.base;
        pull.baseSha = sha;
      }
      if (body.maintainer_can_modify !== undefined) pull.maintainerCanModify = body.maintainer_can_modify;
      let stateAction: 'closed' | 'reopened' | undefined;
      if (body.state && body.state !== issue.state) {
        if (pull.merged) throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: 'Cannot change the state of a merged pull request.' }]);
        if (body.state === 'closed') {
          const figures = await pullFigures(ctx.core, issue);
          Object.assign(pull, { headSha: figures.headSha, baseSha: figures.baseSha });
          Object.assign(issue, { state: 'closed', closedAt: timestamp(), closedBy: actingUser(ctx) });
          stateAction = 'closed';
        } else {
          if (!(await ctx.core.git.readRef(`refs/heads/${pull.headRef}`))) {
            throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a pull request whose head branch is gone.' }]);
          }
          Object.assign(issue, { state: 'open', closedAt: null, closedBy: null });
          stateAction = 'reopened';
        }
      }
      issue.updatedAt = timestamp();
      if (Object.keys(changes).length > 0) await emitPullEvent(ctx, issue, 'edited', { changes });
      if (stateAction) await emitPullEvent(ctx, issue, stateAction);
      return { status: 200, body: await pullResponse(ctx, issue) };
    },
  },
  {
    operationId: 'pulls/list-files',
    access: read,
    async handle(ctx) {
      const issue = findPull(ctx);
      const { core } = ctx;
      const figures = await pullFigures(core, issue);
      const changes = await core.git.diff(await core.git.mergeBase(figures.baseSha, figures.headSha), figures.headSha);
      const files = changes.map((change) => {
        const encoded = change.path.split('/').map(encodeURIComponent).join('/');
        return {
          sha: change.sha,
          filename: change.path,
          status: change.status,
          additions: change.additions,
          deletions: change.deletions,
          changes: change.additions + change.deletions,
          blob_url: `${core.urls.repoHtml}/blob/${figures.headSha}/${encoded}`,
          raw_url: `${core.urls.repoHtml}/raw/${figures.headSha}/${encoded}`,
          contents_url: `${core.urls.repoApi}/contents/${encoded}?ref=${figures.headSha}`,
          ...(change.previousPath ? { previous_filename: change.previousPath } : {}),
        };
      });
      const { page, headers } = paginate(files, ctx.query, ctx.url);
      return { status: 200, headers, body: page };
    },
  },
  {
    operationId: 'pulls/list-commits',
    access: read,
    async handle(ctx) {
      const issue = findPull(ctx);
      const { core } = ctx;
      const figures = await pullFigures(core, issue);
      const shas = await core.git.commitsBetween(figures.baseSha, figures.headSha);
      const { page, headers } = paginate(shas, ctx.query, ctx.url);
      const body = await Promise.all(page.map(async (sha) => commitJson(core, await core.git.readCommit(sha))));
      return { status: 200, headers, body };
    },
  },
  {
    operationId: 'pulls/create-review',
    access: participate,
    async handle(ctx) {
      const issue = findPull(ctx);
      const body = ctx.body as { commit_id?: string; body?: string; event?: string };
      const { core } = ctx;
      const user = actingUser(ctx);
      let commitId = (await pullFigures(core, issue)).headSha;
      if (body.commit_id !== undefined) {
        if ((await core.git.objectType(body.commit_id)) !== 'commit') throw unprocessable('Unprocessable Entity', 'Commit ID does not exist');
        commitId = (await core.git.resolve(body.commit_id, 'commit'))!;
      }
      const pending = !body.event || body.event === 'PENDING';
      if (pending && core.state.reviews.some((review) => review.pullNumber === issue.number && review.user.login === user.login && review.state === 'PENDING')) {
        throw unprocessable('Unprocessable Entity', 'User can only have one pending review per pull request');
      }
      const review: ReviewRecord = {
        id: core.state.nextId(),
        pullNumber: issue.number,
        user,
        body: body.body ?? '',
        state: pending ? 'PENDING' : submittedState(ctx, issue, body.event!, body.body),
        commitId,
        submittedAt: pending ? undefined : timestamp(),
      };
      core.state.reviews.push(review);
      if (!pending) await emitReviewEvent(ctx, issue, review, 'submitted');
      return { status: 200, body: reviewJson(core, review, 'rest') };
    },
  },
  {
    operationId: 'pulls/submit-review',
    access: participate,
    async handle(ctx) {
      const issue = findPull(ctx);
      const review = findReview(ctx, issue);
      if (review.user.login !== actingUser(ctx).login) throw notFound();
      if (review.state !== 'PENDING') throw unprocessable('Unprocessable Entity', 'Can not submit a review that is not pending');
      const body = ctx.body as { body?: string; event: string };
      const text = body.body ?? review.body;
      review.state = submittedState(ctx, issue, body.event, text);
      review.body = text;
      review.submittedAt = timestamp();
      await emitReviewEvent(ctx, issue, review, 'submitted');
      return { status: 200, body: reviewJson(ctx.core, review, 'rest') };
    },
  },
  {
    operationId: 'pulls/list-reviews',
    access: read,
    async handle(ctx) {
      const issue = findPull(ctx);
      const caller = ctx.actor.kind === 'app' ? undefined : ctx.actor.user.login;
      // A pending review is visible to its author only.
      const reviews = ctx.core.state.reviews.filter((review) => review.pullNumber === issue.number && (review.state !== 'PENDING' || review.user.login === caller));
      const { page, headers } = paginate(reviews, ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((review) => reviewJson(ctx.core, review, 'rest')) };
    },
  },
  {
    operationId: 'pulls/dismiss-review',
    access: maintain,
    async handle(ctx) {
      const issue = findPull(ctx);
      const review = findReview(ctx, issue);
      if (review.state === 'PENDING') throw unprocessable('Unprocessable Entity', 'Can not dismiss a pending pull request review');
      if (review.state === 'COMMENTED' || review.state === 'DISMISSED') {
        throw unprocessable('Unprocessable Entity', `Can not dismiss a ${review.state === 'COMMENTED' ? 'commented' : 'dismissed'} pull request review`);
      }
      review.state = 'DISMISSED';
      await emitReviewEvent(ctx, issue, review, 'dismissed');
      return { status: 200, body: reviewJson(ctx.core, review, 'rest') };
    },
  },
  {
    operationId: 'pulls/merge',
    access: { kind: 'repo', scope: 'contents', level: 'write' },
    async handle(ctx) {
      const issue = findPull(ctx);
      const pull = issue.pull!;
      const body = (ctx.body ?? {}) as { commit_title?: string; commit_message?: string; sha?: string; merge_method?: 'merge' | 'squash' | 'rebase' };
      const { core } = ctx;
      const { git } = core;
      if (issue.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
      if (pull.draft) throw new ApiError(405, 'Pull Request is still a draft');
      const method = body.merge_method ?? 'merge';
      if (method === 'rebase') throw new ApiError(405, 'Rebase merges are not allowed on this repository.');
      const figures = await pullFigures(core, issue);
      if (body.sha !== undefined && body.sha !== figures.headSha) throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
      const tree = await git.mergeTrees(figures.baseSha, figures.headSha);
      if (!tree) throw new ApiError(405, 'Pull Request is not mergeable');
      const user = actingUser(ctx);
      const now = timestamp();
      const committer = { ...committerOfMerges, date: now };
      let sha: string;
      if (method === 'merge') {
        const title = body.commit_title ?? `Merge pull request #${issue.number} from ${core.repo.owner}/${pull.headRef}`;
        const message = `${title}\n\n${body.commit_message ?? issue.title}\n`;
        sha = await git.writeCommit({ tree, parents: [figures.baseSha, figures.headSha], message, author: { name: user.name, email: user.email, date: now }, committer });
      } else {
        const commits = await git.commitsBetween(figures.baseSha, figures.headSha);
        const messages = await Promise.all(commits.map(async (commit) => `* ${(await git.readCommit(commit)).message.trim()}`));
        const title = body.commit_title ?? `${issue.title} (#${issue.number})`;
        const message = `${title}\n\n${body.commit_message ?? messages.join('\n\n')}\n`;
        sha = await git.writeCommit({ tree, parents: [figures.baseSha], message, author: { name: issue.user.name, email: issue.user.email, date: now }, committer });
      }
      const baseRef = `refs/heads/${pull.baseRef}`;
      if (!(await git.compareAndSwapRef(baseRef, sha, figures.baseSha))) throw new ApiError(409, 'Base branch was modified. Review and try the merge again.');
      Object.assign(pull, { merged: true, mergedAt: now, mergedBy: user, mergeCommitSha: sha, headSha: figures.headSha, baseSha: figures.baseSha });
      Object.assign(issue, { state: 'closed', stateReason: null, closedAt: now, closedBy: user, updatedAt: now });
      await emitPullEvent(ctx, issue, 'closed');
      await announceRefUpdate(ctx, { ref: baseRef, before: figures.baseSha, after: sha });
      return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
];
