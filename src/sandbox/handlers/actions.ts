import { parse as parseYaml } from 'yaml';
import { actingApp, actingUser, type RequestContext } from '../context.js';
import { envelope } from '../events.js';
import { notFound, timestamp, unprocessable } from '../http.js';
import type { RouteDefinition } from '../routes.js';

interface DispatchInput {
  required?: boolean;
  default?: unknown;
}

/** The `workflow_dispatch` trigger of a workflow file, or undefined when it has none. */
function dispatchTrigger(workflow: unknown): { inputs?: Record<string, DispatchInput> } | undefined {
  const on = (workflow as { on?: unknown })?.on;
  if (on === 'workflow_dispatch') return {};
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? {} : undefined;
  if (on && typeof on === 'object' && 'workflow_dispatch' in on) return ((on as Record<string, unknown>).workflow_dispatch ?? {}) as { inputs?: Record<string, DispatchInput> };
  return undefined;
}

async function readWorkflow(ctx: RequestContext, workflowId: string, ref: string): Promise<{ path: string; trigger: ReturnType<typeof dispatchTrigger> }> {
  const { git } = ctx.core;
  const commit = await git.resolve(ref, 'commit');
  if (!commit) throw unprocessable(`No ref found for: ${ref}`);
  const workflowPath = `.github/workflows/${workflowId}`;
  const entry = await git.entryAt(commit, workflowPath);
  if (!entry || entry.type !== 'blob') throw notFound();
  const workflow = parseYaml((await git.readBlob(entry.sha)).toString('utf8'));
  return { path: workflowPath, trigger: dispatchTrigger(workflow) };
}

export const actionRoutes: RouteDefinition[] = [
  {
    operationId: 'actions/create-workflow-dispatch',
    access: { kind: 'repo', scope: 'actions', level: 'write' },
    async handle(ctx) {
      const body = ctx.body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
      const { path, trigger } = await readWorkflow(ctx, ctx.params.workflow_id, body.ref);
      if (!trigger) throw unprocessable(`Workflow does not have 'workflow_dispatch' trigger`);
      const declared = trigger.inputs ?? {};
      const given = body.inputs ?? {};
      const unexpected = Object.keys(given).filter((name) => !(name in declared));
      if (unexpected.length > 0) throw unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
      for (const [name, input] of Object.entries(declared)) {
        if (input?.required && input.default === undefined && given[name] === undefined) throw unprocessable(`Required input '${name}' not provided`);
      }
      const ref = body.ref.startsWith('refs/') ? body.ref : (await ctx.core.git.readRef(`refs/tags/${body.ref}`)) ? `refs/tags/${body.ref}` : `refs/heads/${body.ref}`;
      ctx.core.state.dispatches.push({ kind: 'workflow_dispatch', workflow: path, ref, inputs: given, sender: actingUser(ctx).login, at: timestamp() });
      ctx.emit('workflow_dispatch', { inputs: Object.keys(given).length > 0 ? given : null, ref, ...envelope(ctx), workflow: path });
      if (body.return_run_details) {
        const runId = ctx.core.state.nextId();
        return {
          status: 200,
          body: { workflow_run_id: runId, run_url: `${ctx.core.urls.repoApi}/actions/runs/${runId}`, html_url: `${ctx.core.urls.repoHtml}/actions/runs/${runId}` },
        };
      }
      return { status: 204 };
    },
  },
  {
    operationId: 'repos/create-dispatch-event',
    access: { kind: 'repo', scope: 'contents', level: 'write' },
    async handle(ctx) {
      const body = ctx.body as { event_type: string; client_payload?: Record<string, unknown> };
      if (Object.keys(body.client_payload ?? {}).length > 10) throw unprocessable('client_payload can have at most 10 top-level properties');
      const clientPayload = body.client_payload ?? {};
      ctx.core.state.dispatches.push({ kind: 'repository_dispatch', eventType: body.event_type, clientPayload, sender: actingUser(ctx).login, at: timestamp() });
      ctx.emit('repository_dispatch', { action: body.event_type, branch: ctx.core.repo.defaultBranch, client_payload: clientPayload, ...envelope(ctx) });
      return { status: 204 };
    },
  },
  {
    operationId: 'actions/review-custom-gates-for-run',
    access: { kind: 'repo', scope: 'deployments', level: 'write', appsOnly: true },
    async handle(ctx) {
      const body = ctx.body as { environment_name: string; state: 'approved' | 'rejected'; comment?: string };
      const gate = ctx.core.state.gates.get(Number(ctx.params.run_id));
      // Once answered, the run no longer waits at the environment: there is nothing left to review.
      if (!gate || gate.environment !== body.environment_name || gate.review) throw notFound();
      gate.review = { runId: gate.runId, environment: gate.environment, state: body.state, comment: body.comment, app: actingApp(ctx)!.slug, at: timestamp() };
      gate.settle(gate.review);
      return { status: 204 };
    },
  },
];
