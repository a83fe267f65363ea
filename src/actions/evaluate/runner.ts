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
import { fitStepSummary } from '../../report/markdown.js';
import { runEvaluate } from '../../steps/evaluate.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, defineOutputs, listInput, readInputs, StepAnnotations, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  model: z
    .string({ error: 'input "model" is required: the .onnx model to evaluate' })
    .describe('The model to evaluate (.onnx), the challenger.'),
  data: z
    .string({ error: 'input "data" is required: the held-out data files' })
    .transform(listInput)
    .describe('Held-out data files (CSV, JSON Lines or Parquet), one per line or comma-separated.'),
  label: z.string({ error: 'input "label" is required: the label column' }).describe('The label column.'),
  task: z
    .enum(['classification', 'regression'])
    .optional()
    .describe('classification or regression. Default from the model (classes in its metadata, or label and probability outputs, make a classifier).'),
  'positive-label': z
    .string()
    .optional()
    .describe("The positive class of a binary model. Default the second class, as predict_proba's column 1."),
  baseline: z
    .string()
    .optional()
    .describe('The champion - an .onnx model (evaluated on the same rows, paired comparison), a previous evaluation report (.json), or model@alias in the registry.'),
  thresholds: z.string().optional().describe('Gate thresholds (YAML or JSON; see schemas/evaluation-thresholds.json).'),
  'slice-columns': z
    .string()
    .transform(listInput)
    .optional()
    .describe('Columns to compute the metrics per value of, with fairness gaps between the slices.'),
  'min-slice-size': wholeNumberInput
    .refine((n) => n > 0, 'must be at least 1')
    .optional()
    .describe('Slices with fewer rows are listed but not measured. Default 30.'),
  features: z
    .string()
    .transform(listInput)
    .optional()
    .describe('The columns of the model\'s matrix input, in its order. Default the model\'s metadata "features", the contract\'s number columns, or every number column but the label in file order.'),
  contract: z.string().optional().describe('A data contract whose number columns (label excluded) give the feature order.'),
  classes: z
    .string()
    .transform(listInput)
    .optional()
    .describe('The classes in the order of the model\'s probability columns, when its metadata has no "classes" (for scikit-learn, the estimator\'s classes_).'),
  'reference-predictions': z
    .string()
    .optional()
    .describe('Predictions of the training framework on the same rows (columns per class, probability_<class>, label, or prediction), checked against the ONNX outputs.'),
  'parity-tolerance': z
    .string()
    .regex(/^\d+(\.\d+)?(e-?\d+)?$/i, 'must be a non-negative number such as 0.0001 or 1e-4')
    .transform(Number)
    .optional()
    .describe('Allowed difference between the ONNX outputs and the reference predictions, relative above 1. Default 1e-4.'),
  bootstrap: wholeNumberInput
    .optional()
    .describe('Bootstrap resamples for the 95% intervals and the paired comparison; 0 turns them off. Default 1000.'),
  'execution-provider': z
    .enum(['cpu', 'cuda'])
    .default('cpu')
    .describe('cpu, or cuda where the runner has a GPU (falls back to the CPU, saying so, when CUDA is not available).'),
  'model-name': z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"')
    .optional()
    .describe("The model's name in the report and in the sticky comment's marker. Default the model file's name."),
  'report-out': z.string().optional().describe('Where to write the evaluation report (JSON). Default $RUNNER_TEMP/ghml/evaluation-report.json.'),
  comment: booleanInput.default(true).describe('On a pull request, keep one comment with the evaluation up to date.'),
  ...registryInputs({
    branch: 'The registry branch, for a model@alias baseline.',
    token: 'Token for the pull request comment (needs pull-requests write) and, for a model@alias baseline, to read the registry and its releases (contents read).',
  }),
  'fail-on-gate': booleanInput.default(true).describe('Fail the step when the gate fails.'),
});

export const outputs = defineOutputs({
  passed: '"true" when every gate check passed.',
  'report-path': 'Path of the evaluation report written (schemas/evaluation-report.json).',
  metrics: 'The model\'s metrics as a JSON object (null where undefined), e.g. {"accuracy":0.81,"f1_macro":0.52}.',
});

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The sticky comment on the pull request that triggered the run, if any; a comment that cannot be posted is a warning. */
async function commentOnPullRequest(annotations: StepAnnotations, token: string | undefined, modelName: string, body: string): Promise<void> {
  const pullNumber = (context.payload.pull_request as { number?: number } | undefined)?.number;
  if (!PULL_REQUEST_EVENTS.has(context.eventName) || pullNumber === undefined) return;
  if (!token) {
    annotations.warning('no GitHub token (input github-token or GITHUB_TOKEN): the evaluation was not commented on the pull request');
    return;
  }
  try {
    const comments = OctokitPullRequestComments.forRepository(token, `${context.repo.owner}/${context.repo.repo}`);
    const { comment, created } = await upsertStickyComment(comments, pullNumber, evaluationMarker(modelName), body);
    core.info(`${created ? 'Commented' : 'Updated the comment'} on pull request #${pullNumber} (comment ${comment.id}).`);
  } catch (error) {
    annotations.warning(`the evaluation could not be commented on pull request #${pullNumber}: ${error instanceof Error ? error.message : String(error)} (the workflow needs permissions: pull-requests: write)`);
  }
}

/** The Action: inputs → the evaluate step → outputs, the job summary, the sticky pull request comment, and the gate. */
export async function evaluateAction(annotations = new StepAnnotations()): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs['report-out'] ?? path.join(process.env.RUNNER_TEMP ?? '.', 'ghml', 'evaluation-report.json');
  const registry = inputs.baseline && isRegistryReference(inputs.baseline) ? await actionRegistry(inputs) : undefined;
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
  outputs.set('passed', String(report.gate.passed));
  outputs.set('report-path', reportPath);
  outputs.set('metrics', JSON.stringify(report.metrics));
  await core.summary.addRaw(fitStepSummary(renderEvaluationMarkdown(report))).write();
  if (inputs.comment) await commentOnPullRequest(annotations, inputs['github-token'] ?? process.env.GITHUB_TOKEN, report.modelName, renderEvaluationComment(report));
  const verdict = evaluationVerdict(report);
  if (!report.gate.passed && inputs['fail-on-gate']) annotations.fail(verdict);
  else if (!report.gate.passed) annotations.warning(verdict);
  else core.info(verdict);
}
