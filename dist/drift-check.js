import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  runDriftCheck
} from "./chunks/chunk-B3J2XE6K.js";
import {
  actionRegistry,
  registryInputs,
  withRegistry
} from "./chunks/chunk-TSKVP3XW.js";
import "./chunks/chunk-MNZB3LIV.js";
import "./chunks/chunk-SGHWCDO4.js";
import "./chunks/chunk-CLV3UGNS.js";
import {
  booleanInput,
  info,
  listInput,
  readInputs,
  runAction,
  setFailed,
  setOutput,
  summary,
  warning,
  wholeNumberInput
} from "./chunks/chunk-VBRJEBPF.js";
import {
  driftVerdict,
  renderDriftMarkdown
} from "./chunks/chunk-R5F35EWZ.js";
import "./chunks/chunk-4PYNN2NM.js";
import {
  DriftMethod
} from "./chunks/chunk-O47LTZ3U.js";
import "./chunks/chunk-W64PFGQ6.js";
import {
  ConfigurationError,
  LIMITS,
  external_exports,
  fitToLimit
} from "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W5IGWCAN.js";

// src/actions/drift-check/runner.ts
import path from "node:path";
var inputsSchema = external_exports.object({
  reference: external_exports.string({ error: 'input "reference" is required: reference data files or a data profile (.json)' }).transform(listInput),
  current: external_exports.string({ error: 'input "current" is required: the current data files' }).transform(listInput),
  config: external_exports.string().optional(),
  contract: external_exports.string().optional(),
  method: DriftMethod.optional(),
  columns: external_exports.string().transform(listInput).optional(),
  "prediction-column": external_exports.string().optional(),
  "label-column": external_exports.string().optional(),
  "min-rows": wholeNumberInput.refine((n) => n > 0, "must be at least 1").optional(),
  "report-out": external_exports.string().optional(),
  "fail-on-drift": booleanInput.default(false),
  model: external_exports.string().optional(),
  environment: external_exports.string().optional(),
  ...registryInputs
});
async function driftCheckAction() {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs["report-out"] ?? path.join(process.env.RUNNER_TEMP ?? ".", "ghml", "drift-report.json");
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
  setOutput("drifted", String(report.drifted));
  setOutput("drift-share", String(report.driftShare));
  setOutput("enough-data", String(report.enoughData));
  setOutput("report-path", reportPath);
  if (inputs.model || inputs.environment) {
    if (!inputs.model || !inputs.environment) throw new ConfigurationError('inputs "model" and "environment" go together: both name where the report is recorded', { input: inputs.model ? "environment" : "model" });
    const { model, environment } = inputs;
    const { registry, target } = actionRegistry(inputs);
    const { path: recorded } = await withRegistry(target, () => registry.recordDriftReport(model, environment, report));
    setOutput("registry-path", recorded);
    info(`Recorded the report at ${registry.where(recorded)}.`);
  }
  await summary.addRaw(fitToLimit(renderDriftMarkdown(report), LIMITS.stepSummaryBytes - 1024, "bytes")).write();
  const verdict = driftVerdict(report);
  if (report.drifted && inputs["fail-on-drift"]) setFailed(verdict);
  else if (report.drifted) warning(verdict);
  else info(verdict);
}

// src/actions/drift-check/index.ts
await runAction(driftCheckAction);
