import path from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { z } from 'zod';
import { isRegistryReference } from '../../evaluate/baseline.js';
import { RegistryBaseline } from '../../evaluate/registry-baseline.js';
import { evaluationMarker, upsertStickyComment } from '../../evaluate/sticky-comment.js';
import { GitHubReleases } from '../../github/releases.js';
import { OctokitPullRequestComments } from '../../github/pr-comments.js';
import { evaluationVerdict, renderEvaluationComment, renderEvaluationMarkdown } from '../../report/evaluation.js';
import { fitToLimit, LIMITS } from '../../report/markdown.js';
import { runEvaluate } from '../../steps/evaluate.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, listInput, readInputs, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  model: z.string({ error: 'input "model" is required: the .onnx model to evaluate' }),
  data: z.string({ error: 'input "data" is required: the held-out data files' }).transform(listInput),
  label: z.string({ error: 'input "label" is required: the label column' }),
  task: z.enum(['classification', 'regression']).optional(),
  'positive-label': z.string().optional(),
  baseline: z.string().optional(),
  thresholds: z.string().optional(),
  'slice-columns': z.string().transform(listInput).optional(),
  'min-slice-size': wholeNumberInput.refine((n) => n > 0, 'must be at least 1').optional(),
  features: z.string().transform(listInput).optional(),
  contract: z.string().optional(),
  classes: z.string().transform(listInput).optional(),
  'reference-predictions': z.string().optional(),
  'parity-tolerance': z
    .string()
    .regex(/^\d+(\.\d+)?(e-?\d+)?$/i, 'must be a non-negative number such as 0.0001 or 1e-4')
    .transform(Number)
    .optional(),
  bootstrap: wholeNumberInput.optional(),
  'execution-provider': z.enum(['cpu', 'cuda']).default('cpu'),
  'model-name': z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"')
    .optional(),
  'report-out': z.string().optional(),
  comment: booleanInput.default(true),
  ...registryInputs,
  'fail-on-gate': booleanInput.default(true),
});

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The sticky comment on the pull request that triggered the run, if any; a comment that cannot be posted is a warning. */
async function commentOnPullRequest(token: string | undefined, modelName: string, body: string): Promise<void> {
  const pullNumber = (context.payload.pull_request as { number?: number } | undefined)?.number;
  if (!PULL_REQUEST_EVENTS.has(context.eventName) || pullNumber === undefined) return;
  if (!token) {
    core.warning('no GitHub token (input github-token or GITHUB_TOKEN): the evaluation was not commented on the pull request');
    return;
  }
  try {
    const comments = OctokitPullRequestComments.forRepository(token, `${context.repo.owner}/${context.repo.repo}`);
    const { comment, created } = await upsertStickyComment(comments, pullNumber, evaluationMarker(modelName), body);
    core.info(`${created ? 'Commented' : 'Updated the comment'} on pull request #${pullNumber} (comment ${comment.id}).`);
  } catch (error) {
    core.warning(`the evaluation could not be commented on pull request #${pullNumber}: ${error instanceof Error ? error.message : String(error)} (the workflow needs permissions: pull-requests: write)`);
  }
}

/** The Action: inputs → the evaluate step → outputs, the job summary, the sticky pull request comment, and the gate. */
export async function evaluateAction(): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs['report-out'] ?? path.join(process.env.RUNNER_TEMP ?? '.', 'ghml', 'evaluation-report.json');
  const registry = inputs.baseline && isRegistryReference(inputs.baseline) ? actionRegistry(inputs) : undefined;
  const report = await runEvaluate({
    registry: registry && {
      resolve: (reference) => withRegistry(registry.target, () => new RegistryBaseline(registry.registry, new GitHubReleases(registry.octokit, registry.target)).resolve(reference)),
    },
    model: inputs.model,
    data: inputs.data,
    label: inputs.label,
    task: inputs.task,
    positiveLabel: inputs['positive-label'],
    baseline: inputs.baseline,
    thresholds: inputs.thresholds,
    sliceColumns: inputs['slice-columns'],
    minSliceSize: inputs['min-slice-size'],
    features: inputs.features,
    contract: inputs.contract,
    classes: inputs.classes,
    referencePredictions: inputs['reference-predictions'],
    parityTolerance: inputs['parity-tolerance'],
    bootstrap: inputs.bootstrap,
    executionProvider: inputs['execution-provider'],
    modelName: inputs['model-name'],
    reportOut: reportPath,
    log: (message) => core.info(message),
  });
  core.setOutput('passed', String(report.gate.passed));
  core.setOutput('report-path', reportPath);
  core.setOutput('metrics', JSON.stringify(report.metrics));
  await core.summary.addRaw(fitToLimit(renderEvaluationMarkdown(report), LIMITS.stepSummaryBytes - 1024, 'bytes')).write();
  if (inputs.comment) await commentOnPullRequest(inputs['github-token'] ?? process.env.GITHUB_TOKEN, report.modelName, renderEvaluationComment(report));
  const verdict = evaluationVerdict(report);
  if (!report.gate.passed && inputs['fail-on-gate']) core.setFailed(verdict);
  else if (!report.gate.passed) core.warning(verdict);
  else core.info(verdict);
}
