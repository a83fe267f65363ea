import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  RegistryBaseline,
  evaluationVerdict,
  isRegistryReference,
  renderEvaluationComment,
  renderEvaluationMarkdown,
  runEvaluate
} from "./chunks/chunk-ATASOFG5.js";
import "./chunks/chunk-NVCOGM22.js";
import {
  context,
  getOctokit
} from "./chunks/chunk-HUE3ZE3X.js";
import "./chunks/chunk-JVYJN4TL.js";
import "./chunks/chunk-IXV2PRMA.js";
import {
  actionRegistry,
  registryInputs,
  withRegistry
} from "./chunks/chunk-BUTM3A3H.js";
import "./chunks/chunk-3C6XEXBA.js";
import {
  GitHubReleases
} from "./chunks/chunk-WFSC643H.js";
import "./chunks/chunk-GDY5R3NU.js";
import "./chunks/chunk-LXMZJXHC.js";
import {
  StepAnnotations,
  booleanInput,
  defineOutputs,
  info,
  listInput,
  readInputs,
  runAction,
  summary,
  wholeNumberInput
} from "./chunks/chunk-STWFNDKS.js";
import {
  external_exports,
  fitStepSummary
} from "./chunks/chunk-FKGEWHBH.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-ZA5F3PVO.js";
import "./chunks/chunk-UG77MLVE.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-OAZXE34L.js";
import "./chunks/chunk-OT3JI4UD.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/actions/evaluate/runner.ts
import path from "node:path";

// src/evaluate/sticky-comment.ts
function evaluationMarker(modelName) {
  return `<!-- ghml:evaluate:${modelName} -->`;
}
async function upsertStickyComment(comments, pullNumber, marker, body) {
  const marked = `${marker}
${body}`;
  const existing = (await comments.list(pullNumber)).find((comment) => comment.body.includes(marker));
  if (existing) return { comment: await comments.update(existing.id, marked), created: false };
  return { comment: await comments.create(pullNumber, marked), created: true };
}

// src/github/pr-comments.ts
var OctokitPullRequestComments = class _OctokitPullRequestComments {
  constructor(octokit, repository) {
    this.octokit = octokit;
    this.repository = repository;
  }
  octokit;
  repository;
  /** For a workflow step: the token given, and GITHUB_API_URL (GitHub Enterprise Server, or the sandbox) as @actions/github reads it. */
  static forRepository(token, repository) {
    const [owner, repo] = repository.split("/");
    return new _OctokitPullRequestComments(getOctokit(token), { owner, repo });
  }
  async list(pullNumber) {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repository, issue_number: pullNumber, per_page: 100 });
    return comments.map((comment) => ({ id: comment.id, body: comment.body ?? "" }));
  }
  async create(pullNumber, body) {
    const { data } = await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: pullNumber, body });
    return { id: data.id, body: data.body ?? "" };
  }
  async update(commentId, body) {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repository, comment_id: commentId, body });
    return { id: data.id, body: data.body ?? "" };
  }
};

// src/actions/evaluate/runner.ts
var inputsSchema = external_exports.object({
  model: external_exports.string({ error: 'input "model" is required: the .onnx model to evaluate' }).describe("The model to evaluate (.onnx), the challenger."),
  data: external_exports.string({ error: 'input "data" is required: the held-out data files' }).transform(listInput).describe("Held-out data files (CSV, JSON Lines or Parquet), one per line or comma-separated."),
  label: external_exports.string({ error: 'input "label" is required: the label column' }).describe("The label column."),
  task: external_exports.enum(["classification", "regression"]).optional().describe("classification or regression. Default from the model (classes in its metadata, or label and probability outputs, make a classifier)."),
  "positive-label": external_exports.string().optional().describe("The positive class of a binary model. Default the second class, as predict_proba's column 1."),
  baseline: external_exports.string().optional().describe("The champion - an .onnx model (evaluated on the same rows, paired comparison), a previous evaluation report (.json), or model@alias in the registry."),
  thresholds: external_exports.string().optional().describe("Gate thresholds (YAML or JSON; see schemas/evaluation-thresholds.json)."),
  "slice-columns": external_exports.string().transform(listInput).optional().describe("Columns to compute the metrics per value of, with fairness gaps between the slices."),
  "min-slice-size": wholeNumberInput.refine((n) => n > 0, "must be at least 1").optional().describe("Slices with fewer rows are listed but not measured. Default 30."),
  features: external_exports.string().transform(listInput).optional().describe(`The columns of the model's matrix input, in its order. Default the model's metadata "features", the contract's number columns, or every number column but the label in file order.`),
  contract: external_exports.string().optional().describe("A data contract whose number columns (label excluded) give the feature order."),
  classes: external_exports.string().transform(listInput).optional().describe(`The classes in the order of the model's probability columns, when its metadata has no "classes" (for scikit-learn, the estimator's classes_).`),
  "reference-predictions": external_exports.string().optional().describe("Predictions of the training framework on the same rows (columns per class, probability_<class>, label, or prediction), checked against the ONNX outputs."),
  "parity-tolerance": external_exports.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/i, "must be a non-negative number such as 0.0001 or 1e-4").transform(Number).optional().describe("Allowed difference between the ONNX outputs and the reference predictions, relative above 1. Default 1e-4."),
  bootstrap: wholeNumberInput.optional().describe("Bootstrap resamples for the 95% intervals and the paired comparison; 0 turns them off. Default 1000."),
  "execution-provider": external_exports.enum(["cpu", "cuda"]).default("cpu").describe("cpu, or cuda where the runner has a GPU (falls back to the CPU, saying so, when CUDA is not available)."),
  "model-name": external_exports.string().regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"').optional().describe("The model's name in the report and in the sticky comment's marker. Default the model file's name."),
  "report-out": external_exports.string().optional().describe("Where to write the evaluation report (JSON). Default $RUNNER_TEMP/ghml/evaluation-report.json."),
  comment: booleanInput.default(true).describe("On a pull request, keep one comment with the evaluation up to date."),
  ...registryInputs({
    branch: "The registry branch, for a model@alias baseline.",
    token: "Token for the pull request comment (needs pull-requests write) and, for a model@alias baseline, to read the registry and its releases (contents read)."
  }),
  "fail-on-gate": booleanInput.default(true).describe("Fail the step when the gate fails.")
});
var outputs = defineOutputs({
  passed: '"true" when every gate check passed.',
  "report-path": "Path of the evaluation report written (schemas/evaluation-report.json).",
  metrics: `The model's metrics as a JSON object (null where undefined), e.g. {"accuracy":0.81,"f1_macro":0.52}.`
});
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
async function commentOnPullRequest(annotations, token, modelName, body) {
  const pullNumber = context.payload.pull_request?.number;
  if (!PULL_REQUEST_EVENTS.has(context.eventName) || pullNumber === void 0) return;
  if (!token) {
    annotations.warning("no GitHub token (input github-token or GITHUB_TOKEN): the evaluation was not commented on the pull request");
    return;
  }
  try {
    const comments = OctokitPullRequestComments.forRepository(token, `${context.repo.owner}/${context.repo.repo}`);
    const { comment, created } = await upsertStickyComment(comments, pullNumber, evaluationMarker(modelName), body);
    info(`${created ? "Commented" : "Updated the comment"} on pull request #${pullNumber} (comment ${comment.id}).`);
  } catch (error) {
    annotations.warning(`the evaluation could not be commented on pull request #${pullNumber}: ${error instanceof Error ? error.message : String(error)} (the workflow needs permissions: pull-requests: write)`);
  }
}
async function evaluateAction(annotations = new StepAnnotations()) {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs["report-out"] ?? path.join(process.env.RUNNER_TEMP ?? ".", "ghml", "evaluation-report.json");
  const registry = inputs.baseline && isRegistryReference(inputs.baseline) ? await actionRegistry(inputs) : void 0;
  const report = await runEvaluate({
    registry: registry && {
      resolve: (reference) => withRegistry(registry.target, () => new RegistryBaseline(registry.registry, new GitHubReleases(registry.octokit, registry.target)).resolve(reference))
    },
    model: inputs.model,
    data: inputs.data,
    label: inputs.label,
    task: inputs.task,
    positiveLabel: inputs["positive-label"],
    baseline: inputs.baseline,
    thresholds: inputs.thresholds,
    sliceColumns: inputs["slice-columns"],
    minSliceSize: inputs["min-slice-size"],
    features: inputs.features,
    contract: inputs.contract,
    classes: inputs.classes,
    referencePredictions: inputs["reference-predictions"],
    parityTolerance: inputs["parity-tolerance"],
    bootstrap: inputs.bootstrap,
    executionProvider: inputs["execution-provider"],
    modelName: inputs["model-name"],
    reportOut: reportPath,
    log: (message) => info(message)
  });
  outputs.set("passed", String(report.gate.passed));
  outputs.set("report-path", reportPath);
  outputs.set("metrics", JSON.stringify(report.metrics));
  await summary.addRaw(fitStepSummary(renderEvaluationMarkdown(report))).write();
  if (inputs.comment) await commentOnPullRequest(annotations, inputs["github-token"] ?? process.env.GITHUB_TOKEN, report.modelName, renderEvaluationComment(report));
  const verdict = evaluationVerdict(report);
  if (!report.gate.passed && inputs["fail-on-gate"]) annotations.fail(verdict);
  else if (!report.gate.passed) annotations.warning(verdict);
  else info(verdict);
}

// src/actions/evaluate/index.ts
await runAction(evaluateAction);
