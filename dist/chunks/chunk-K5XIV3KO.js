import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  comparisonChart
} from "./chunk-4PYNN2NM.js";
import {
  table
} from "./chunk-FKGEWHBH.js";

// src/report/drift.ts
var percent = (share) => `${(share * 100).toFixed(0)}%`;
function format(value) {
  if (value === null) return "";
  if (value === 0) return "0";
  if (Math.abs(value) < 1e-4) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}
function driftVerdict(report) {
  const checked = report.columns.filter((c) => c.status === "ok");
  const drifted = checked.filter((c) => c.drifted);
  if (!report.enoughData) {
    return `Not enough data for a verdict: ${report.currentRows} current and ${report.referenceRows} reference rows, at least ${report.minRows} needed.`;
  }
  const share = `${drifted.length} of ${checked.length} columns drifted (${percent(report.driftShare)}, threshold ${percent(report.driftShareThreshold)})`;
  return report.drifted ? `Drift detected: ${share}.` : `No dataset drift: ${share}.`;
}
function severity(column) {
  if (column.status !== "ok" || column.statistic === null || column.threshold === null) return -Infinity;
  if (column.pValue !== null) return Math.log(column.threshold) - Math.log(Math.max(column.pValue, Number.MIN_VALUE));
  return column.statistic / column.threshold;
}
function sortBySeverity(columns) {
  return [...columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || severity(b) - severity(a) || a.name.localeCompare(b.name));
}
function performanceLine(performance) {
  const name = performance.metric === "accuracy" ? "Accuracy" : "Mean absolute error";
  const reference = performance.reference === null ? "" : ` (reference ${format(performance.reference)}, change ${performance.change >= 0 ? "+" : ""}${format(performance.change)})`;
  return `${name} where labels arrived: ${format(performance.current)} on ${performance.currentRows} rows${reference}.`;
}
function renderDriftText(report) {
  const lines = [driftVerdict(report)];
  if (report.performance) lines.push(performanceLine(report.performance));
  for (const column of sortBySeverity(report.columns)) {
    const verdict = column.status !== "ok" ? column.status : column.drifted ? "DRIFT" : "ok";
    const value = column.pValue !== null ? `p=${format(column.pValue)}` : `${column.method}=${format(column.statistic)}`;
    lines.push(`  ${verdict.padEnd(16)} ${column.name} (${column.kind}${column.method ? `, ${column.method}` : ""}${column.statistic !== null ? `, ${value}` : ""})${column.message ? `: ${column.message}` : ""}`);
  }
  return `${lines.join("\n")}
`;
}
function renderDriftMarkdown(report) {
  const icon = !report.enoughData ? "\u23F8\uFE0F" : report.drifted ? "\u26A0\uFE0F" : "\u2705";
  const parts = [`### ${icon} ${driftVerdict(report)}`];
  const rows = sortBySeverity(report.columns).map((c) => [
    c.status !== "ok" ? c.status : c.drifted ? "**drift**" : "ok",
    c.name,
    c.role === "feature" ? c.kind : `${c.kind} (${c.role})`,
    c.method ?? "",
    format(c.statistic) + (c.approximate ? " \u2248" : ""),
    format(c.pValue),
    format(c.threshold),
    `${c.referenceCount} / ${c.currentCount}`
  ]);
  parts.push(table(["", "Column", "Kind", "Method", "Statistic", "p-value", "Threshold", "Values (ref / cur)"], rows));
  for (const column of sortBySeverity(report.columns).filter((c) => c.drifted && c.distribution)) {
    parts.push(`#### ${column.name}: reference (bars) vs current (line)`);
    parts.push(comparisonChart({ title: column.name, ...column.distribution }));
  }
  if (report.performance) parts.push(performanceLine(report.performance));
  parts.push(`Reference: ${report.reference.kind} \`${report.reference.fingerprint.slice(0, 12)}\`, ${report.referenceRows} rows \xB7 current: ${report.current.files.join(", ")} \`${report.current.fingerprint.slice(0, 12)}\`, ${report.currentRows} rows.`);
  return `${parts.join("\n\n")}
`;
}

export {
  driftVerdict,
  sortBySeverity,
  renderDriftText,
  renderDriftMarkdown
};
