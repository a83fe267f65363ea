import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);

// src/report/mermaid.ts
var quote = (text) => `"${text.replace(/"/g, "'")}"`;
function compact(value) {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}
function barChart(series) {
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${quote(series.title)}`,
    `  x-axis [${series.labels.map(quote).join(", ")}]`,
    `  y-axis ${quote(series.yLabel ?? "rows")}`,
    `  bar [${series.values.map((v) => compact(v)).join(", ")}]`,
    "```"
  ].join("\n");
}
function comparisonChart(series) {
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${quote(series.title)}`,
    `  x-axis [${series.labels.map(quote).join(", ")}]`,
    `  y-axis ${quote(series.yLabel ?? "share")}`,
    `  bar [${series.reference.map((v) => compact(v)).join(", ")}]`,
    `  line [${series.current.map((v) => compact(v)).join(", ")}]`,
    "```"
  ].join("\n");
}
function binLabels(edges, format = compact) {
  return edges.slice(0, -1).map((edge) => format(edge));
}

export {
  barChart,
  comparisonChart,
  binLabels
};
