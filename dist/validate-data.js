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
  error,
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
  data: external_exports.string({ error: 'input "data" is required: list the data files, one per line' }).transform(listInput),
  contract: external_exports.string({ error: 'input "contract" is required: the path of the data contract' }),
  "profile-out": external_exports.string().optional(),
  "report-out": external_exports.string().optional(),
  "max-examples": wholeNumberInput.default(5),
  "fail-on-invalid": booleanInput.default(true)
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
  setOutput("valid", String(result.valid));
  setOutput("profile-path", profilePath);
  setOutput("report-path", reportPath);
  setOutput("fingerprint", result.fingerprint);
  annotate(result.report.findings);
  await summary.addRaw(fitToLimit(renderMarkdown(result.report, result.profile), LIMITS.stepSummaryBytes - 1024, "bytes")).write();
  if (result.valid) info(verdictLine(result.report));
  else if (inputs["fail-on-invalid"]) setFailed(verdictLine(result.report));
  else warning(verdictLine(result.report));
}

// src/actions/validate-data/index.ts
await runAction(validateDataAction);
