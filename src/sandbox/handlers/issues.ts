import { actingApp, actingUser, type RequestContext } from '../context.js';
import { envelope } from '../events.js';
import { ApiError, notFound, paginate, timestamp, validationFailed } from '../http.js';
import { commentJson, issueJson, labelJson, pullFigures, pullJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import type { CommentRecord, IssueRecord, LabelRecord } from '../state.js';

const read = { kind: 'repo', scope: 'issues', level: 'read' } as const;
/** People with read access may open issues and comment, as on GitHub. */
const participate = { kind: 'repo', scope: 'issues', level: 'write', role: 'read' } as const;
const triage = { kind: 'repo', scope: 'issues', level: 'write', role: 'triage' } as const;

const writerRoles = ['admin', 'maintain', 'write', 'triage'];

function findIssue(ctx: RequestContext): IssueRecord {
  const issue = ctx.core.state.issues.get(Number(ctx.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

function mayTriage(ctx: RequestContext): boolean {
  return ctx.actor.kind !== 'user' || writerRoles.includes(ctx.actor.user.role ?? '');
}

/** Issue events go out as `issues`, the same change to a pull request as `pull_request`. */
async function emitIssueEvent(ctx: RequestContext, issue: IssueRecord, action: string, extra: Record<string, unknown> = {}): Promise<void> {
  if (issue.pull) {
    const figures = await pullFigures(ctx.core, issue);
    ctx.emit('pull_request', { action, number: issue.number, ...extra, pull_request: pullJson(ctx.core, issue, figures), ...envelope(ctx) });
  } else {
    ctx.emit('issues', { action, issue: issueJson(ctx.core, issue), ...extra, ...envelope(ctx) });
  }
}

/** The label of that name, created with GitHub's default colour when it does not exist yet. */
function labelNamed(ctx: RequestContext, name: string): LabelRecord {
  const existing = ctx.core.state.label(name);
  if (existing) return existing;
  const label: LabelRecord = { id: ctx.core.state.nextId(), name, color: 'ededed', description: '' };
  ctx.core.state.labels.set(name.toLowerCase(), label);
  return label;
}

async function applyLabels(ctx: RequestContext, issue: IssueRecord, names: string[]): Promise<void> {
  const wanted = names.map((name) => labelNamed(ctx, name).name);
  const added = wanted.filter((name) => !issue.labels.includes(name));
  const removed = issue.labels.filter((name) => !wanted.includes(name));
  issue.labels = wanted;
  for (const name of added) await emitIssueEvent(ctx, issue, 'labeled', { label: labelJson(ctx.core, ctx.core.state.label(name)!) });
  for (const name of removed) await emitIssueEvent(ctx, issue, 'unlabeled', { label: labelJson(ctx.core, ctx.core.state.label(name)!) });
}

function assignable(ctx: RequestContext, logins: string[]) {
  return logins.map((login) => {
    const user = ctx.core.account(login);
    if (!user || user.role === undefined) throw validationFailed([{ resource: 'Issue', code: 'invalid', field: 'assignees', message: `${login} cannot be assigned` }]);
    return user;
  });
}

/** add-labels accepts a list, `{labels: [...]}`, names or `{name}` objects. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : typeof body === 'string' ? [body] : (body as { labels?: unknown[] })?.labels ?? [];
  return list.map((entry) => (typeof entry === 'string' ? entry : (entry as { name: string }).name));
}

export const issueRoutes: RouteDefinition[] = [
  {
    operationId: 'issues/create',
    access: participate,
    async handle(ctx) {
      const body = ctx.body as { title: string | number; body?: string; labels?: (string | { name: string })[]; assignees?: string[]; assignee?: string };
      const { state } = ctx.core;
      const now = timestamp();
      const issue: IssueRecord = {
        id: state.nextId(),
        pullId: 0,
        number: state.nextIssueNumber(),
        title: String(body.title),
        body: body.body ?? null,
        user: actingUser(ctx),
        state: 'open',
        stateReason: null,
        labels: [],
        assignees: assignable(ctx, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]),
        locked: false,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        closedBy: null,
        pull: undefined,
      };
      state.issues.set(issue.number, issue);
      await emitIssueEvent(ctx, issue, 'opened');
      // Labels on a new issue are only kept for people who may triage, as GitHub silently drops them otherwise.
      if (body.labels && mayTriage(ctx)) await applyLabels(ctx, issue, labelNames(body.labels));
      return { status: 201, headers: { location: `${ctx.core.urls.repoApi}/issues/${issue.number}` }, body: issueJson(ctx.core, issue) };
    },
  },
  {
    operationId: 'issues/get',
    access: read,
    async handle(ctx) {
      return { status: 200, body: issueJson(ctx.core, findIssue(ctx)) };
    },
  },
  {
    operationId: 'issues/list-for-repo',
    access: read,
    async handle(ctx) {
      const { query } = ctx;
      const state = query.get('state') ?? 'open';
      const labels = query.get('labels')?.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean) ?? [];
      const creator = query.get('creator');
      const assignee = query.get('assignee');
      const since = query.get('since');
      const sort = query.get('sort') ?? 'created';
      const direction = query.get('direction') ?? 'desc';
      let issues = [...ctx.core.state.issues.values()].filter((issue) => state === 'all' || issue.state === state);
      if (labels.length > 0) issues = issues.filter((issue) => labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label)));
      if (creator) issues = issues.filter((issue) => issue.user.login === creator);
      if (assignee === 'none') issues = issues.filter((issue) => issue.assignees.length === 0);
      else if (assignee === '*') issues = issues.filter((issue) => issue.assignees.length > 0);
      else if (assignee) issues = issues.filter((issue) => issue.assignees.some((user) => user.login === assignee));
      if (since) issues = issues.filter((issue) => issue.updatedAt >= since);
      const key = (issue: IssueRecord) => (sort === 'updated' ? issue.updatedAt : issue.createdAt) + String(issue.number).padStart(10, '0');
      issues.sort((a, b) => (direction === 'asc' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))));
      const { page, headers } = paginate(issues, query, ctx.url);
      return { status: 200, headers, body: page.map((issue) => issueJson(ctx.core, issue)) };
    },
  },
  {
    operationId: 'issues/update',
    access: participate,
    async handle(ctx) {
      const issue = findIssue(ctx);
      const body = ctx.body as { title?: string | number; body?: string | null; state?: 'open' | 'closed'; state_reason?: IssueRecord['stateReason']; labels?: (string | { name: string })[]; assignees?: string[] };
      if (ctx.actor.kind === 'user' && ctx.actor.user.login !== issue.user.login && !mayTriage(ctx)) {
        throw new ApiError(403, 'Resource not accessible by personal access token');
      }
      const changes: Record<string, unknown> = {};
      if (body.title !== undefined && String(body.title) !== issue.title) {
        changes.title = { from: issue.title };
        issue.title = String(body.title);
      }
      if (body.body !== undefined && body.body !== issue.body) {
        changes.body = { from: issue.body ?? '' };
        issue.body = body.body;
      }
      if (body.assignees !== undefined) issue.assignees = assignable(ctx, body.assignees);
      issue.updatedAt = timestamp();
      if (Object.keys(changes).length > 0) await emitIssueEvent(ctx, issue, 'edited', { changes });
      if (body.labels !== undefined && mayTriage(ctx)) await applyLabels(ctx, issue, labelNames(body.labels));
      if (body.state && body.state !== issue.state) {
        if (issue.pull?.merged) throw validationFailed([{ resource: 'Issue', code: 'custom', message: 'Cannot change the state of a merged pull request.' }]);
        if (body.state === 'closed') {
          Object.assign(issue, { state: 'closed', stateReason: body.state_reason ?? 'completed', closedAt: timestamp(), closedBy: actingUser(ctx) });
          await emitIssueEvent(ctx, issue, 'closed');
        } else {
          Object.assign(issue, { state: 'open', stateReason: 'reopened', closedAt: null, closedBy: null });
          await emitIssueEvent(ctx, issue, 'reopened');
        }
      }
      return { status: 200, body: issueJson(ctx.core, issue) };
    },
  },
  {
    operationId: 'issues/create-comment',
    access: participate,
    async handle(ctx) {
      const issue = findIssue(ctx);
      if (issue.locked && !mayTriage(ctx)) throw new ApiError(403, 'Unable to create comment because issue is locked.');
      const now = timestamp();
      const comment: CommentRecord = {
        id: ctx.core.state.nextId(),
        issueNumber: issue.number,
        body: (ctx.body as { body: string }).body,
        user: actingUser(ctx),
        app: actingApp(ctx),
        createdAt: now,
        updatedAt: now,
      };
      ctx.core.state.comments.push(comment);
      ctx.emit('issue_comment', { action: 'created', issue: issueJson(ctx.core, issue), comment: commentJson(ctx.core, comment), ...envelope(ctx) });
      const json = commentJson(ctx.core, comment);
      return { status: 201, headers: { location: String(json.url) }, body: json };
    },
  },
  {
    operationId: 'issues/list-comments',
    access: read,
    async handle(ctx) {
      const issue = findIssue(ctx);
      const since = ctx.query.get('since');
      const comments = ctx.core.state.comments.filter((comment) => comment.issueNumber === issue.number && (!since || comment.updatedAt >= since));
      const { page, headers } = paginate(comments, ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((comment) => commentJson(ctx.core, comment)) };
    },
  },
  {
    operationId: 'issues/update-comment',
    access: participate,
    async handle(ctx) {
      const comment = ctx.core.state.comments.find((candidate) => candidate.id === Number(ctx.params.comment_id));
      if (!comment) throw notFound();
      if (actingUser(ctx).login !== comment.user.login && !mayTriage(ctx)) throw new ApiError(403, 'Resource not accessible by personal access token');
      const from = comment.body;
      comment.body = (ctx.body as { body: string }).body;
      comment.updatedAt = timestamp();
      const issue = ctx.core.state.issues.get(comment.issueNumber)!;
      ctx.emit('issue_comment', { action: 'edited', changes: { body: { from } }, issue: issueJson(ctx.core, issue), comment: commentJson(ctx.core, comment), ...envelope(ctx) });
      return { status: 200, body: commentJson(ctx.core, comment) };
    },
  },
  {
    operationId: 'issues/create-label',
    access: triage,
    async handle(ctx) {
      const body = ctx.body as { name: string; color?: string; description?: string };
      if (ctx.core.state.label(body.name)) throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
      const color = (body.color ?? 'ededed').replace(/^#/, '');
      if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }]);
      const label: LabelRecord = { id: ctx.core.state.nextId(), name: body.name, color: color.toLowerCase(), description: body.description ?? '' };
      ctx.core.state.labels.set(body.name.toLowerCase(), label);
      const json = labelJson(ctx.core, label);
      return { status: 201, headers: { location: String(json.url) }, body: json };
    },
  },
  {
    operationId: 'issues/list-labels-for-repo',
    access: read,
    async handle(ctx) {
      const labels = [...ctx.core.state.labels.values()].sort((a, b) => a.name.localeCompare(b.name));
      const { page, headers } = paginate(labels, ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((label) => labelJson(ctx.core, label)) };
    },
  },
  {
    operationId: 'issues/add-labels',
    access: triage,
    async handle(ctx) {
      const issue = findIssue(ctx);
      const names = labelNames(ctx.body);
      if (names.length === 0) throw validationFailed([{ resource: 'Label', code: 'missing_field', field: 'labels' }]);
      await applyLabels(ctx, issue, [...issue.labels, ...names.filter((name) => !issue.labels.some((have) => have.toLowerCase() === name.toLowerCase()))]);
      issue.updatedAt = timestamp();
      return { status: 200, body: issue.labels.map((name) => labelJson(ctx.core, ctx.core.state.label(name)!)) };
    },
  },
  {
    operationId: 'issues/remove-label',
    access: triage,
    async handle(ctx) {
      const issue = findIssue(ctx);
      const name = issue.labels.find((have) => have.toLowerCase() === ctx.params.name.toLowerCase());
      if (!name) throw new ApiError(404, 'Label does not exist');
      await applyLabels(ctx, issue, issue.labels.filter((have) => have !== name));
      issue.updatedAt = timestamp();
      return { status: 200, body: issue.labels.map((label) => labelJson(ctx.core, ctx.core.state.label(label)!)) };
    },
  },
];
