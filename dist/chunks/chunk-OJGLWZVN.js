import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  barChart,
  binLabels
} from "./chunk-4PYNN2NM.js";
import {
  validateData
} from "./chunk-IXV2PRMA.js";
import {
  checkDataFiles,
  writeJson
} from "./chunk-3C6XEXBA.js";
import {
  DataContract,
  loadDocument,
  table
} from "./chunk-FKGEWHBH.js";

// src/report/validation.ts
var MAX_TABLE_ROWS = 100;
function verdictLine(report) {
  const { rows, files, expectations } = report;
  const scope = `${rows.toLocaleString("en-US")} rows in ${files.length} file${files.length === 1 ? "" : "s"}`;
  if (report.valid) {
    const warnings = expectations.warnings > 0 ? `, ${expectations.warnings} warning${expectations.warnings === 1 ? "" : "s"}` : "";
    return `Data valid: ${expectations.evaluated} expectations held on ${scope}${warnings}.`;
  }
  return `Data invalid: ${expectations.failed} of ${expectations.evaluated} expectations failed on ${scope}.`;
}
function firstExample(finding) {
  const example = finding.examples[0];
  if (!example) return "";
  return `${example.file}:${example.row}${example.value === null ? "" : ` ${JSON.stringify(example.value)}`}`;
}
function renderText(report) {
  const lines = [verdictLine(report)];
  for (const finding of report.findings) lines.push(`  ${finding.severity === "error" ? "error" : "warning"}: ${finding.message}`);
  return `${lines.join("\n")}
`;
}
function renderMarkdown(report, profile) {
  const parts = [`### ${report.valid ? "\u2705" : "\u274C"} ${verdictLine(report)}`];
  if (report.findings.length > 0) {
    const rows = report.findings.slice(0, MAX_TABLE_ROWS).map((f) => [f.severity, f.expectation, f.column ?? "", f.expected, f.observed, f.failures > 0 ? String(f.failures) : "", firstExample(f)]);
    parts.push(table(["", "Expectation", "Column", "Expected", "Observed", "Rows", "First example"], rows));
    if (report.findings.length > MAX_TABLE_ROWS) parts.push(`_${report.findings.length - MAX_TABLE_ROWS} more findings are in the report file._`);
  }
  if (profile) {
    const failing = new Set(report.findings.filter((f) => f.severity === "error" && f.column !== null).map((f) => f.column));
    for (const column of profile.columns) {
      if (!failing.has(column.name) || !column.numeric) continue;
      const format = column.type === "timestamp" ? (v) => new Date(v).toISOString().slice(0, 10) : void 0;
      parts.push(`#### ${column.name}`);
      parts.push(barChart({ title: `${column.name}: distribution`, labels: binLabels(column.numeric.histogram.edges, format), values: column.numeric.histogram.counts }));
    }
  }
  parts.push(
    table(
      ["File", "Format", "Rows", "sha256"],
      report.files.map((f) => [f.path, f.format, String(f.rows), `\`${f.sha256.slice(0, 12)}\``])
    )
  );
  return `${parts.join("\n\n")}
`;
}

// src/steps/validate-data.ts
async function runValidateData(options) {
  const contract = await loadDocument(options.contract, DataContract, "data contract", "contract");
  await checkDataFiles(options.data);
  const { report, profile } = await validateData({ files: options.data, contract, maxExamples: options.maxExamples, now: options.now });
  if (options.reportOut) await writeJson(options.reportOut, report);
  if (options.profileOut) await writeJson(options.profileOut, profile);
  return { valid: report.valid, report, profile, fingerprint: report.fingerprint };
}

export {
  verdictLine,
  renderText,
  renderMarkdown,
  runValidateData
};
