import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  renderMarkdown,
  runValidateData,
  verdictLine
} from "./chunks/chunk-RDVPJ5N5.js";
import "./chunks/chunk-SGHWCDO4.js";
import "./chunks/chunk-CLV3UGNS.js";
import {
  booleanInput,
  defineOutputs,
  error,
  info,
  listInput,
  readInputs,
  runAction,
  setFailed,
  summary,
  warning,
  wholeNumberInput
} from "./chunks/chunk-CJAIRG73.js";
import "./chunks/chunk-4PYNN2NM.js";
import {
  LIMITS,
  external_exports,
  fitToLimit
} from "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W5IGWCAN.js";

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
var MAX_ANNOTATIONS = LIMITS.annotationsPerRequest;
function annotate(findings) {
  let written = 0;
  for (const finding of findings) {
    if (written === MAX_ANNOTATIONS) break;
    const example = finding.examples[0];
    const properties = { title: `ghml validate-data: ${finding.expectation}${finding.column ? ` (${finding.column})` : ""}` };
    if (example) Object.assign(properties, { file: example.file, startLine: example.row + 1 });
    if (finding.severity === "error") error(finding.message, properties);
    else warning(finding.message, properties);
    written++;
  }
}
async function validateDataAction() {
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
  annotate(result.report.findings);
  await summary.addRaw(fitToLimit(renderMarkdown(result.report, result.profile), LIMITS.stepSummaryBytes - 1024, "bytes")).write();
  if (result.valid) info(verdictLine(result.report));
  else if (inputs["fail-on-invalid"]) setFailed(verdictLine(result.report));
  else warning(verdictLine(result.report));
}

// src/actions/validate-data/index.ts
await runAction(validateDataAction);
