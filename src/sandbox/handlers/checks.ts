import { actingApp, type RequestContext } from '../context.js';
import { envelope } from '../events.js';
import { ApiError, notFound, paginate, timestamp, unprocessable } from '../http.js';
import { checkRunJson, checkRunWebhookJson, pullFigures, pullMinimalJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import type { CheckRunRecord } from '../state.js';

/** GitHub's limits on a check run's output. */
const maxSummaryLength = 65_535;
const maxAnnotationsPerRequest = 50;

interface OutputInput {
  title?: string;
  summary?: string;
  text?: string;
  annotations?: object[];
}

function checkOutput(output: OutputInput | undefined): void {
  if (!output) return;
  for (const field of ['summary', 'text'] as const) {
    if ((output[field]?.length ?? 0) > maxSummaryLength) throw unprocessable(`Invalid request.\n\nOnly ${maxSummaryLength} characters are allowed; ${output[field]!.length} were supplied.`);
  }
  if ((output.annotations?.length ?? 0) > maxAnnotationsPerRequest) {
    throw unprocessable(`Invalid request.\n\nOnly ${maxAnnotationsPerRequest} annotations are allowed per request; ${output.annotations!.length} were supplied.`);
  }
}

/** Open pull requests whose head is the check run's commit, as GitHub links them. */
async function linkedPulls(ctx: RequestContext, run: CheckRunRecord) {
  const linked = [];
  for (const issue of ctx.core.state.pulls()) {
    if (issue.state !== 'open') continue;
    const figures = await pullFigures(ctx.core, issue);
    if (figures.headSha === run.headSha) linked.push({ issue, figures });
  }
  return linked;
}

async function runJson(ctx: RequestContext, run: CheckRunRecord) {
  const pulls = await linkedPulls(ctx, run);
  return checkRunJson(ctx.core, run, pulls.map(({ issue, figures }) => pullMinimalJson(ctx.core, issue, figures)));
}

async function emitCheckRun(ctx: RequestContext, run: CheckRunRecord, action: 'created' | 'completed'): Promise<void> {
  const pulls = await linkedPulls(ctx, run);
  const headBranch = pulls[0]?.issue.pull!.headRef
    ?? (await ctx.core.git.listRefs('refs/heads/')).find((entry) => entry.sha === run.headSha)?.ref.slice('refs/heads/'.length)
    ?? null;
  ctx.emit('check_run', {
    action,
    check_run: checkRunWebhookJson(ctx.core, run, pulls.map(({ issue, figures }) => pullMinimalJson(ctx.core, issue, figures)), headBranch),
    ...envelope(ctx),
  });
}

function findRun(ctx: RequestContext): CheckRunRecord {
  const run = ctx.core.state.checkRuns.find((candidate) => candidate.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound();
  return run;
}

type RunInput = {
  name?: string; details_url?: string; external_id?: string; status?: CheckRunRecord['status']; started_at?: string;
  conclusion?: string; completed_at?: string; output?: OutputInput;
};

/** Applies fields of a create or update request; a conclusion implies completion, as on GitHub. */
function applyRunInput(run: CheckRunRecord, input: RunInput): void {
  checkOutput(input.output);
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.started_at !== undefined) run.startedAt = input.started_at;
  if (input.status !== undefined) run.status = input.status;
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed') {
    if (!run.conclusion) throw unprocessable('Invalid request.\n\n`conclusion` is required when `status` is `completed`.');
    run.completedAt = input.completed_at ?? run.completedAt ?? timestamp();
  }
  if (input.output) {
    run.output = {
      title: input.output.title ?? run.output.title,
      summary: input.output.summary ?? run.output.summary,
      text: input.output.text ?? run.output.text,
      annotations: [...run.output.annotations, ...(input.output.annotations ?? [])],
    };
  }
  run.updatedAt = timestamp();
}

export const checkRoutes: RouteDefinition[] = [
  {
    operationId: 'checks/create',
    access: { kind: 'repo', scope: 'checks', level: 'write', appsOnly: true },
    async handle(ctx) {
      const body = ctx.body as RunInput & { name: string; head_sha: string };
      const app = actingApp(ctx)!;
      const headSha = await ctx.core.git.resolve(body.head_sha, 'commit');
      if (!headSha || !/^[0-9a-f]{40}$/i.test(body.head_sha)) throw unprocessable(`No commit found for SHA: ${body.head_sha}`);
      const now = timestamp();
      const run: CheckRunRecord = {
        id: ctx.core.state.nextId(),
        name: body.name,
        headSha,
        status: 'queued',
        conclusion: null,
        startedAt: now,
        completedAt: null,
        externalId: '',
        detailsUrl: null,
        output: { title: null, summary: null, text: null, annotations: [] },
        app,
        checkSuiteId: ctx.core.state.checkSuiteId(app, headSha),
        createdAt: now,
        updatedAt: now,
      };
      applyRunInput(run, body);
      ctx.core.state.checkRuns.push(run);
      await emitCheckRun(ctx, run, 'created');
      if (run.status === 'completed') await emitCheckRun(ctx, run, 'completed');
      return { status: 201, body: await runJson(ctx, run) };
    },
  },
  {
    operationId: 'checks/update',
    access: { kind: 'repo', scope: 'checks', level: 'write', appsOnly: true },
    async handle(ctx) {
      const run = findRun(ctx);
      if (actingApp(ctx)?.id !== run.app.id) throw new ApiError(403, 'Invalid app_id `' + actingApp(ctx)?.id + '` - check run can only be modified by the GitHub App that created it.');
      const wasCompleted = run.status === 'completed';
      applyRunInput(run, ctx.body as RunInput);
      if (!wasCompleted && run.status === 'completed') await emitCheckRun(ctx, run, 'completed');
      return { status: 200, body: await runJson(ctx, run) };
    },
  },
  {
    operationId: 'checks/get',
    access: { kind: 'repo', scope: 'checks', level: 'read' },
    async handle(ctx) {
      return { status: 200, body: await runJson(ctx, findRun(ctx)) };
    },
  },
  {
    operationId: 'checks/list-for-ref',
    access: { kind: 'repo', scope: 'checks', level: 'read' },
    async handle(ctx) {
      const sha = await ctx.core.git.resolve(ctx.params.ref, 'commit');
      if (!sha) throw unprocessable(`No commit found for SHA: ${ctx.params.ref}`);
      const { query } = ctx;
      let runs = ctx.core.state.checkRuns.filter((run) => run.headSha === sha);
      const name = query.get('check_name');
      const status = query.get('status');
      const appId = query.get('app_id');
      if (name) runs = runs.filter((run) => run.name === name);
      if (status) runs = runs.filter((run) => run.status === status);
      if (appId) runs = runs.filter((run) => String(run.app.id) === appId);
      if ((query.get('filter') ?? 'latest') === 'latest') {
        runs = runs.filter((run) => !runs.some((other) => other.name === run.name && other.app.id === run.app.id && other.id > run.id));
      }
      const newestFirst = [...runs].reverse();
      const { page, headers } = paginate(newestFirst, query, ctx.url);
      return { status: 200, headers, body: { total_count: newestFirst.length, check_runs: await Promise.all(page.map((run) => runJson(ctx, run))) } };
    },
  },
];
