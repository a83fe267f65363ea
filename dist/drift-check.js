import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  runDriftCheck
} from "./chunks/chunk-IGLYFWKQ.js";
import {
  driftVerdict,
  renderDriftMarkdown
} from "./chunks/chunk-K5XIV3KO.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-JVYJN4TL.js";
import "./chunks/chunk-IXV2PRMA.js";
import {
  actionRegistry,
  registryInputs,
  withRegistry
} from "./chunks/chunk-BUTM3A3H.js";
import "./chunks/chunk-3C6XEXBA.js";
import {
  DriftMethod,
  checkModelName,
  checkStageName
} from "./chunks/chunk-GDY5R3NU.js";
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
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-OT3JI4UD.js";
import {
  ConfigurationError
} from "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/actions/drift-check/runner.ts
import path from "node:path";
var inputsSchema = external_exports.object({
  reference: external_exports.string({ error: 'input "reference" is required: reference data files or a data profile (.json)' }).transform(listInput).describe("Reference data files (one per line or comma-separated), or one data profile (.json) from validate-data or the model's release."),
  current: external_exports.string({ error: 'input "current" is required: the current data files' }).transform(listInput).describe("Current data files, for example the prediction log written by `ghml serve`."),
  config: external_exports.string().optional().describe("drift-check configuration file (YAML or JSON; see schemas/drift-config.json) with per-column methods and thresholds."),
  contract: external_exports.string().optional().describe("Data contract giving column types; by default the profile's types, or types read off the reference data."),
  method: DriftMethod.optional().describe(`Method for every column (${DriftMethod.options.join(", ")}). Default auto.`),
  columns: external_exports.string().transform(listInput).optional().describe("Check only these columns (comma-separated or one per line)."),
  "prediction-column": external_exports.string().optional().describe("The model's output column, checked for prediction drift."),
  "label-column": external_exports.string().optional().describe("The label column, checked for target drift."),
  "min-rows": wholeNumberInput.refine((n) => n > 0, "must be at least 1").optional().describe("Fewer current or reference rows than this give no verdict (enough-data false). Default 100."),
  "report-out": external_exports.string().optional().describe("Where to write the drift report (JSON). Default $RUNNER_TEMP/ghml/drift-report.json."),
  "fail-on-drift": booleanInput.default(false).describe("Fail the step when the dataset drifted."),
  model: external_exports.string().optional().describe("Registered model the data belongs to; with environment, the report is recorded on the registry branch under drift/<model>/<environment>/ (what the ghml app turns into drift issues)."),
  environment: external_exports.string().optional().describe("Where the model serves (production, staging, \u2026); goes with model."),
  ...registryInputs({
    branch: "The registry branch.",
    token: "Token that can write the registry branch (contents write), used only with model and environment."
  })
});
var outputs = defineOutputs({
  drifted: '"true" when the share of drifted columns reached the threshold (and there was enough data).',
  "drift-share": "Share of checked columns that drifted, between 0 and 1.",
  "enough-data": '"false" when there were too few rows for a verdict.',
  "report-path": "Path of the drift report written (schemas/drift-report.json).",
  "registry-path": "Path of the report on the registry branch, when model and environment are given."
});
async function driftCheckAction(annotations = new StepAnnotations()) {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs["report-out"] ?? path.join(process.env.RUNNER_TEMP ?? ".", "ghml", "drift-report.json");
  if (Boolean(inputs.model) !== Boolean(inputs.environment)) {
    throw new ConfigurationError('inputs "model" and "environment" go together: both name where the report is recorded', { input: inputs.model ? "environment" : "model" });
  }
  if (inputs.model) checkModelName(inputs.model);
  if (inputs.environment) checkStageName(inputs.environment, "environment");
  const report = await runDriftCheck({
    reference: inputs.reference,
    current: inputs.current,
    config: inputs.config,
    contract: inputs.contract,
    method: inputs.method,
    columns: inputs.columns,
    predictionColumn: inputs["prediction-column"],
    labelColumn: inputs["label-column"],
    minRows: inputs["min-rows"],
    reportOut: reportPath
  });
  outputs.set("drifted", String(report.drifted));
  outputs.set("drift-share", String(report.driftShare));
  outputs.set("enough-data", String(report.enoughData));
  outputs.set("report-path", reportPath);
  if (inputs.model && inputs.environment) {
    const { model, environment } = inputs;
    const { registry, target } = await actionRegistry(inputs);
    const { path: recorded } = await withRegistry(target, () => registry.recordDriftReport(model, environment, report));
    outputs.set("registry-path", recorded);
    info(`Recorded the report at ${registry.where(recorded)}.`);
  }
  await summary.addRaw(fitStepSummary(renderDriftMarkdown(report))).write();
  const verdict = driftVerdict(report);
  if (report.drifted && inputs["fail-on-drift"]) annotations.fail(verdict);
  else if (report.drifted) annotations.warning(verdict);
  else info(verdict);
}

// src/actions/drift-check/index.ts
await runAction(driftCheckAction);
