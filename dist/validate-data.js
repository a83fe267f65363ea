import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  renderMarkdown,
  runValidateData,
  verdictLine
} from "./chunks/chunk-OJGLWZVN.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-IXV2PRMA.js";
import "./chunks/chunk-3C6XEXBA.js";
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
import "./chunks/chunk-OT3JI4UD.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/actions/validate-data/runner.ts
import path from "node:path";
var inputsSchema = external_exports.object({
  data: external_exports.string({ error: 'input "data" is required: list the data files, one per line' }).transform(listInput).describe("Data files (CSV, TSV, JSON Lines, Parquet), one per line or comma-separated; read in order as one dataset."),
  contract: external_exports.string({ error: 'input "contract" is required: the path of the data contract' }).describe("Path of the data contract (YAML or JSON; see schemas/data-contract.json)."),
  "profile-out": external_exports.string().optional().describe("Where to write the data profile (JSON). Default $RUNNER_TEMP/ghml/data-profile.json."),
  "report-out": external_exports.string().optional().describe("Where to write the validation report (JSON). Default $RUNNER_TEMP/ghml/validation-report.json."),
  "max-examples": wholeNumberInput.default(5).describe("Example rows kept per failed expectation."),
  "fail-on-invalid": booleanInput.default(true).describe("Fail the step when the data is invalid. With false, the step passes and `valid` says the verdict.")
});
var outputs = defineOutputs({
  valid: '"true" when every expectation held, "false" otherwise.',
  "profile-path": "Path of the data profile written (schemas/data-profile.json).",
  "report-path": "Path of the validation report written (schemas/validation-report.json).",
  fingerprint: "sha256 over the data files' digests, for lineage."
});
function byImportance(findings) {
  const rank = (finding) => [finding.severity === "error" ? 0 : 1, finding.failures === 0 ? 0 : 1, -finding.failures];
  return [...findings].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
function annotate(annotations, findings) {
  for (const finding of byImportance(findings)) {
    const example = finding.examples[0];
    const properties = { title: `ghml validate-data: ${finding.expectation}${finding.column ? ` (${finding.column})` : ""}` };
    if (example) Object.assign(properties, { file: example.file, startLine: example.row + 1 });
    annotations.annotate(finding.severity, finding.message, properties);
  }
}
async function validateDataAction(annotations = new StepAnnotations()) {
  const inputs = readInputs(inputsSchema);
  const temp = process.env.RUNNER_TEMP ?? ".";
  const profilePath = inputs["profile-out"] ?? path.join(temp, "ghml", "data-profile.json");
  const reportPath = inputs["report-out"] ?? path.join(temp, "ghml", "validation-report.json");
  const result = await runValidateData({
    data: inputs.data,
    contract: inputs.contract,
    profileOut: profilePath,
    reportOut: reportPath,
    maxExamples: inputs["max-examples"]
  });
  outputs.set("valid", String(result.valid));
  outputs.set("profile-path", profilePath);
  outputs.set("report-path", reportPath);
  outputs.set("fingerprint", result.fingerprint);
  if (result.valid) info(verdictLine(result.report));
  else if (inputs["fail-on-invalid"]) annotations.fail(verdictLine(result.report));
  else annotations.warning(verdictLine(result.report));
  annotations.seeAlso = `the job summary and the validation report (${reportPath})`;
  annotate(annotations, result.report.findings);
  await summary.addRaw(fitStepSummary(annotations.withSummaryNote(renderMarkdown(result.report, result.profile)))).write();
}

// src/actions/validate-data/index.ts
await runAction(validateDataAction);
