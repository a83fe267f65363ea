import { actingApp, actingUser, type RequestContext } from '../context.js';
import { announceRefUpdate, envelope } from '../events.js';
import { ApiError, notFound, paginate, timestamp, validationFailed } from '../http.js';
import { deploymentJson, deploymentStatusJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import type { DeploymentRecord, DeploymentStatusRecord } from '../state.js';

const read = { kind: 'repo', scope: 'deployments', level: 'read' } as const;
const write = { kind: 'repo', scope: 'deployments', level: 'write' } as const;

const passing = new Set(['success', 'neutral', 'skipped']);

function findDeployment(ctx: RequestContext): DeploymentRecord {
  const deployment = ctx.core.state.deployments.find((candidate) => candidate.id === Number(ctx.params.deployment_id));
  if (!deployment) throw notFound();
  return deployment;
}

/**
 * GitHub's auto_merge: a deployment of a branch that is behind the default branch first merges the
 * default branch into it, and answers 202 instead of creating the deployment.
 */
async function autoMerge(ctx: RequestContext, branch: string): Promise<string | undefined> {
  const { git, repo } = ctx.core;
  const branchTip = await git.readRef(`refs/heads/${branch}`);
  const defaultTip = await git.readRef(`refs/heads/${repo.defaultBranch}`);
  if (!branchTip || !defaultTip || branch === repo.defaultBranch || (await git.isAncestor(defaultTip, branchTip))) return undefined;
  const tree = await git.mergeTrees(branchTip, defaultTip);
  if (!tree) throw new ApiError(409, `Conflict merging ${repo.defaultBranch} into ${branch}.`);
  const user = actingUser(ctx);
  const now = timestamp();
  const sha = await git.writeCommit({
    tree,
    parents: [branchTip, defaultTip],
    message: `Merge ${repo.defaultBranch} into ${branch}\n`,
    author: { name: user.name, email: user.email, date: now },
    committer: { name: 'GitHub', email: 'noreply@github.com', date: now },
  });
  if (!(await git.compareAndSwapRef(`refs/heads/${branch}`, sha, branchTip))) throw new ApiError(409, `Conflict merging ${repo.defaultBranch} into ${branch}.`);
  await announceRefUpdate(ctx, { ref: `refs/heads/${branch}`, before: branchTip, after: sha });
  return `Auto-merged ${repo.defaultBranch} into ${branch} on deployment.`;
}

/** Check runs on the commit must have passed: the named contexts, or all of them when none are named. */
function failingContexts(ctx: RequestContext, sha: string, required: string[] | undefined) {
  const runs = ctx.core.state.checkRuns.filter((run) => run.headSha === sha);
  const latest = runs.filter((run) => !runs.some((other) => other.name === run.name && other.id > run.id));
  const names = required ?? [...new Set(latest.map((run) => run.name))];
  return names.flatMap((name) => {
    const run = latest.find((candidate) => candidate.name === name);
    const state = !run ? 'missing' : run.status !== 'completed' ? 'pending' : passing.has(run.conclusion ?? '') ? 'success' : 'failure';
    return state === 'success' ? [] : [{ context: name, state }];
  });
}

export const deploymentRoutes: RouteDefinition[] = [
  {
    operationId: 'repos/create-deployment',
    access: write,
    async handle(ctx) {
      const body = ctx.body as {
        ref: string; task?: string; auto_merge?: boolean; required_contexts?: string[]; payload?: object | string;
        environment?: string; description?: string | null; transient_environment?: boolean; production_environment?: boolean;
      };
      const { core } = ctx;
      const isBranch = (await core.git.readRef(`refs/heads/${body.ref}`)) !== undefined;
      if (isBranch && (body.auto_merge ?? true)) {
        const merged = await autoMerge(ctx, body.ref);
        if (merged) return { status: 202, body: { message: merged } };
      }
      const sha = await core.git.resolve(body.ref, 'commit');
      if (!sha) throw validationFailed([{ resource: 'Deployment', code: 'invalid', field: 'ref', message: `No ref found for: ${body.ref}` }], `No ref found for: ${body.ref}`);
      const failing = failingContexts(ctx, sha, body.required_contexts);
      if (failing.length > 0) {
        throw new ApiError(409, `Conflict: Commit status checks failed for ${body.ref}.`, {
          errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
        });
      }
      const environment = body.environment ?? 'production';
      const now = timestamp();
      const deployment: DeploymentRecord = {
        id: core.state.nextId(),
        sha,
        ref: body.ref,
        task: body.task ?? 'deploy',
        payload: body.payload ?? {},
        environment,
        originalEnvironment: environment,
        description: body.description ?? null,
        creator: actingUser(ctx),
        app: actingApp(ctx),
        transient: body.transient_environment ?? false,
        production: body.production_environment ?? environment === 'production',
        createdAt: now,
        updatedAt: now,
        statuses: [],
      };
      core.state.deployments.push(deployment);
      ctx.emit('deployment', { action: 'created', deployment: deploymentJson(core, deployment), workflow: null, workflow_run: null, ...envelope(ctx) });
      return { status: 201, headers: { location: `${core.urls.repoApi}/deployments/${deployment.id}` }, body: deploymentJson(core, deployment) };
    },
  },
  {
    operationId: 'repos/list-deployments',
    access: read,
    async handle(ctx) {
      const { query } = ctx;
      const filters: [string, (deployment: DeploymentRecord) => string][] = [
        ['sha', (deployment) => deployment.sha],
        ['ref', (deployment) => deployment.ref],
        ['task', (deployment) => deployment.task],
        ['environment', (deployment) => deployment.environment],
      ];
      const deployments = [...ctx.core.state.deployments].reverse()
        .filter((deployment) => filters.every(([name, field]) => !query.get(name) || field(deployment) === query.get(name)));
      const { page, headers } = paginate(deployments, query, ctx.url);
      return { status: 200, headers, body: page.map((deployment) => deploymentJson(ctx.core, deployment)) };
    },
  },
  {
    operationId: 'repos/get-deployment',
    access: read,
    async handle(ctx) {
      return { status: 200, body: deploymentJson(ctx.core, findDeployment(ctx)) };
    },
  },
  {
    operationId: 'repos/create-deployment-status',
    access: write,
    async handle(ctx) {
      const deployment = findDeployment(ctx);
      const body = ctx.body as {
        state: DeploymentStatusRecord['state']; target_url?: string; log_url?: string; description?: string;
        environment?: string; environment_url?: string; auto_inactive?: boolean;
      };
      const { core } = ctx;
      if (body.environment) deployment.environment = body.environment;
      const now = timestamp();
      const status: DeploymentStatusRecord = {
        id: core.state.nextId(),
        state: body.state,
        creator: actingUser(ctx),
        description: body.description ?? '',
        environment: deployment.environment,
        // GitHub answers an empty target_url when none is given; the description requires a URI, so
        // the sandbox falls back to the log URL and then to the deployment's page.
        targetUrl: body.target_url || body.log_url || `${core.urls.repoHtml}/deployments/${encodeURIComponent(deployment.environment)}`,
        logUrl: body.log_url ?? body.target_url ?? '',
        environmentUrl: body.environment_url ?? '',
        app: actingApp(ctx),
        createdAt: now,
      };
      deployment.statuses.push(status);
      deployment.updatedAt = now;
      if (body.state === 'success' && (body.auto_inactive ?? true)) {
        for (const other of core.state.deployments) {
          const latest = other.statuses.at(-1);
          if (other === deployment || other.environment !== deployment.environment || other.transient || other.production || latest?.state !== 'success') continue;
          other.statuses.push({ ...status, id: core.state.nextId(), state: 'inactive', description: '' });
        }
      }
      ctx.emit('deployment_status', {
        action: 'created',
        deployment_status: deploymentStatusJson(core, deployment, status),
        deployment: deploymentJson(core, deployment),
        ...envelope(ctx),
      });
      return { status: 201, headers: { location: `${core.urls.repoApi}/deployments/${deployment.id}/statuses/${status.id}` }, body: deploymentStatusJson(core, deployment, status) };
    },
  },
  {
    operationId: 'repos/list-deployment-statuses',
    access: read,
    async handle(ctx) {
      const deployment = findDeployment(ctx);
      const { page, headers } = paginate([...deployment.statuses].reverse(), ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((status) => deploymentStatusJson(ctx.core, deployment, status)) };
    },
  },
];
