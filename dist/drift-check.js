import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DriftMethod,
  driftVerdict,
  renderDriftMarkdown,
  runDriftCheck
} from "./chunks/chunk-LILCWNVL.js";
import "./chunks/chunk-TQ4IVBEL.js";
import "./chunks/chunk-6WA34APA.js";
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
} from "./chunks/chunk-YBMTUGHB.js";
import {
  LIMITS,
  external_exports,
  fitToLimit
} from "./chunks/chunk-3PMIZ2AL.js";
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
  "fail-on-drift": booleanInput.default(false)
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
  await summary.addRaw(fitToLimit(renderDriftMarkdown(report), LIMITS.stepSummaryBytes - 1024, "bytes")).write();
  const verdict = driftVerdict(report);
  if (report.drifted && inputs["fail-on-drift"]) setFailed(verdict);
  else if (report.drifted) warning(verdict);
  else info(verdict);
}

// src/actions/drift-check/index.ts
await runAction(driftCheckAction);
