import type { Context, Probot } from 'probot';
import type { Policy } from '../../src/contracts/policy.js';
import type { Octokit } from 'octokit';
import { statusOf } from '../../src/github/client.js';
import { openDriftIssue, openDriftIssues, recentDriftReports } from '../../src/github/app-drift.js';
import { loadGoverningPolicy } from '../../src/github/app-policy.js';
import { RegistryFacts } from '../../src/github/app-registry.js';
import { decideDriftAction, reportsNeeded, type DriftThresholds } from '../../src/policy/drift.js';
import {
  driftClosingBody, driftCommentBody, driftIssueBody, driftIssueMarker, driftLabels, driftReportMarker, retrainComment, severityLabel,
  type DriftIssueContext, type RetrainOutcome,
} from '../../src/policy/drift-issue.js';
import { hasMarker } from '../../src/github/app-comments.js';
import { octokitOf, repositoryOf, type AppRuntime, type RepositoryContext } from '../runtime.js';
import { addedPaths } from './push.js';

const driftReportPath = /^drift\/([^/]+)\/([^/]+)\/([^/]+)\.json$/;

/** The model and environment of each drift report among the paths; latest.json only repeats one. */
export function driftKeys(paths: Iterable<string>): { model: string; environment: string }[] {
  const keys = new Map<string, { model: string; environment: string }>();
  for (const path of paths) {
    const match = driftReportPath.exec(path);
    if (match && match[3] !== 'latest') keys.set(`${match[1]}/${match[2]}`, { model: match[1], environment: match[2] });
  }
  return [...keys.values()];
}

/**
 * Drift reports landing on the registry branch become one issue per model and environment once
 * drift persists, a comment per later drifted report, and a closing comment after a run of clean
 * ones. Every decision is made from the registry branch's head and the open issues as they are
 * now, so a redelivered or late webhook repeats nothing.
 */
export function driftIssues(app: Probot, runtime: AppRuntime): void {
  app.on('push', async (context) => {
    const keys = driftKeys(addedPaths(context.payload));
    if (context.payload.deleted || keys.length === 0) return;
    const repository = repositoryOf(context);
    const governing = await loadGoverningPolicy(octokitOf(context), repository);
    if (!governing.valid) {
      context.log.warn(`drift reports not acted on: ${governing.problem}`);
      return;
    }
    if (context.payload.ref !== `refs/heads/${governing.policy['registry-branch']}`) return;
    for (const key of keys) {
      await runtime.serializer.run(`drift:${repository.owner}/${repository.repo}:${key.model}:${key.environment}`, () =>
        reactToDrift(context, repository, governing.policy, key.model, key.environment));
    }
  });
}

async function reactToDrift(context: Context<'push'>, repository: RepositoryContext, policy: Policy, model: string, environment: string): Promise<void> {
  const octokit = octokitOf(context);
  const registry = new RegistryFacts(octokit, repository, policy);
  const head = await registry.head();
  const openAfter = policy.drift['schedule-issue-after'];
  const thresholds: DriftThresholds = { openAfter, closeAfter: policy.drift['close-issue-after'] ?? openAfter };
  const observations = await recentDriftReports(registry, head, model, environment, reportsNeeded(thresholds));
  const [issue] = await openDriftIssues(octokit, repository, model, environment);
  const action = decideDriftAction(observations, issue !== undefined, thresholds);
  if (action.kind === 'none') {
    context.log.info(`drift of ${model} in ${environment}: ${action.reason}`);
    return;
  }

  const version = (await registry.aliases(head, model))[environment];
  const record = version === undefined ? undefined : await registry.version(head, model, version);
  const owners = policy.models[model]?.owners ?? (await registry.model(head, model))?.owners ?? [];
  const issueContext: DriftIssueContext = {
    model,
    environment,
    version,
    versionUrl: record?.release.url,
    reportUrl: (path) => `${repository.htmlUrl}/blob/${head.commit}/${path}`,
    owners: owners.map((owner) => (owner.startsWith('@') ? owner : `@${owner}`)),
  };

  if (action.kind === 'open') {
    const body = driftIssueBody(issueContext, action.run, action.severity);
    const opened = await openDriftIssue(octokit, repository, model, environment, body, [driftLabels.all, severityLabel(action.severity)]);
    if (!opened.survived) return;
    const workflow = policy.drift['retrain-workflow'];
    if (workflow) {
      const outcome = await dispatchRetraining(octokit, repository, workflow, model);
      await octokit.rest.issues.createComment({ ...repository, issue_number: opened.number, body: retrainComment(outcome, 'drift persists') });
    }
    return;
  }

  const marker = driftReportMarker(action.report.path);
  if (issue.body.includes(marker) || (await hasMarker(octokit, repository, issue.number, marker))) return;
  if (action.kind === 'comment') {
    await octokit.rest.issues.createComment({ ...repository, issue_number: issue.number, body: driftCommentBody(issueContext, action.report, action.severity) });
    const wanted = severityLabel(action.severity);
    if (!issue.labels.includes(wanted)) {
      const labels = [...issue.labels.filter((label) => label !== driftLabels.critical && label !== driftLabels.warning), wanted];
      await octokit.rest.issues.update({ ...repository, issue_number: issue.number, labels });
    }
    return;
  }
  await octokit.rest.issues.createComment({ ...repository, issue_number: issue.number, body: driftClosingBody(issueContext, action.run) });
  await octokit.rest.issues.update({ ...repository, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
  context.log.info(`closed drift issue #${issue.number} (${driftIssueMarker(model, environment)})`);
}

/** Dispatches the retraining workflow on the default branch with the model as its input. */
export async function dispatchRetraining(octokit: Octokit, repository: RepositoryContext, workflow: string, model: string): Promise<RetrainOutcome> {
  try {
    await octokit.rest.actions.createWorkflowDispatch({ ...repository, workflow_id: workflow, ref: repository.defaultBranch, inputs: { model } });
    return { kind: 'dispatched', workflow, ref: repository.defaultBranch };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 422) {
      const reason = status === 404 ? `there is no .github/workflows/${workflow} on ${repository.defaultBranch}` : `GitHub refused it (${(error as Error).message.split('\n')[0]}); the workflow needs a workflow_dispatch trigger with a \`model\` input`;
      return { kind: 'failed', workflow, reason };
    }
    throw error;
  }
}
