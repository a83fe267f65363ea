import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DatasetStream,
  ModelThread,
  WorkerCalls,
  describeColumns,
  downloadPackage,
  openScorer,
  startWorker
} from "./chunk-NVCOGM22.js";
import {
  BATCH_ROWS,
  valueAt,
  writeJson
} from "./chunk-3C6XEXBA.js";
import {
  parseModelReference
} from "./chunk-GDY5R3NU.js";
import {
  DataContract,
  LIMITS,
  external_exports,
  fitToLimit,
  loadDocument,
  table
} from "./chunk-FKGEWHBH.js";
import {
  sha256OfFile
} from "./chunk-BRFMT775.js";
import {
  BINARY_METRICS,
  BOOTSTRAP_CONFIDENCE,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  ClassificationAccumulator,
  ClassificationEvaluation,
  FAIRNESS_GAPS,
  MIN_SLICE_SIZE,
  MULTICLASS_METRICS,
  REGRESSION_METRICS,
  RegressionAccumulator,
  bootstrap,
  fairnessGaps,
  metricDirection,
  pairedBootstrap,
  sliceMetrics
} from "./chunk-OAZXE34L.js";
import {
  ConfigurationError,
  DataError,
  formatLocation
} from "./chunk-L374PU5G.js";

// src/evaluate/baseline.ts
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
var unconfiguredRegistry = {
  async resolve(reference) {
    throw new ConfigurationError(
      `registry baselines need a registry (not configured): "${reference.model}@${reference.alias}" cannot be looked up; pass the champion's .onnx file or a previous evaluation report (.json) instead`,
      { input: "baseline" }
    );
  }
};
var REGISTRY_REFERENCE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9._-]+)$/;
function isRegistryReference(spec) {
  return REGISTRY_REFERENCE.test(spec) && !existsSync(spec);
}
function kindOf(file) {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".onnx") return "model";
  if (extension === ".json") return "report";
  throw new ConfigurationError(`baseline "${file}" is neither an ONNX model (.onnx) nor an evaluation report (.json)`, { input: "baseline" });
}
async function resolveBaseline(spec, registry) {
  const info = await stat(spec).catch(() => void 0);
  if (info?.isFile()) return { kind: kindOf(spec), path: spec };
  const reference = REGISTRY_REFERENCE.exec(spec);
  if (reference) return registry.resolve({ model: reference[1], alias: reference[2] });
  throw new ConfigurationError(`baseline "${spec}" is not a file, nor a registry reference such as churn@production`, { input: "baseline" });
}

// src/evaluate/registry-baseline.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path2 from "node:path";
var RegistryBaseline = class {
  constructor(registry, releases, directory) {
    this.registry = registry;
    this.releases = releases;
    this.directory = directory;
  }
  registry;
  releases;
  directory;
  async resolve(reference) {
    const parsed = parseModelReference(`${reference.model}@${reference.alias}`, "baseline");
    let record;
    if (parsed.kind === "alias") {
      const snapshot = await this.registry.snapshot();
      const aliases = await this.registry.findAliases(snapshot, parsed.model);
      const version = aliases?.[parsed.alias];
      if (version === void 0) {
        const why = aliases ? `no version of ${parsed.model} holds ${parsed.alias} yet` : `${parsed.model} is not in the registry yet`;
        return { kind: "none", note: `No champion: ${why} (baseline ${parsed.model}@${parsed.alias}), so this is evaluated as a first model.` };
      }
      record = await this.registry.requireVersion(snapshot, parsed.model, version);
    } else {
      record = (await this.registry.resolve(parsed)).record;
    }
    const directory = this.directory ?? await mkdtemp(path2.join(tmpdir(), "ghml-baseline-"));
    const { files } = await downloadPackage(record, this.releases, path2.join(directory, `${record.model}-v${record.version}`));
    const model = files.find((file) => file.role === "model" && file.name.endsWith(".onnx"));
    if (!model) throw new DataError(`${record.model} v${record.version} (${reference.model}@${reference.alias}) has no ONNX model in its package: evaluate against a file instead`);
    return { kind: "model", path: model.path };
  }
};

// src/report/evaluation.ts
function formatMetric(value) {
  if (value === null) return "undefined";
  if (value === 0) return "0";
  if (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-4) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}
function signed(value) {
  if (value === null) return "undefined";
  return value > 0 ? `+${formatMetric(value)}` : formatMetric(value);
}
var cell = (value) => value === null ? "\u2014" : formatMetric(value);
function evaluationVerdict(report) {
  const { gate } = report;
  const enforced = gate.checks.filter((c) => !c.skipped);
  const failed = enforced.filter((c) => !c.passed);
  const against = report.baseline ? `against ${report.baseline.source}` : "without a baseline";
  if (enforced.length === 0) return `${report.modelName} evaluated on ${report.rows} rows ${against}: no thresholds, nothing gated.`;
  if (gate.passed && failed.length > 0) {
    return `${report.modelName} passed the gate as a first model (no-baseline: pass), though ${failed.length} of ${enforced.length} checks failed: ${failed.map((c) => c.message).slice(0, 3).join("; ")}.`;
  }
  if (gate.passed) return `${report.modelName} passed the gate ${against}: ${enforced.length} of ${enforced.length} checks passed.`;
  const shown = failed.slice(0, 3).map((c) => c.message);
  const more = failed.length > shown.length ? `; and ${failed.length - shown.length} more` : "";
  return `${report.modelName} failed the gate ${against}: ${shown.join("; ")}${more}.`;
}
function checkMark(check2) {
  if (check2.skipped) return "\u23ED\uFE0F";
  return check2.passed ? "\u2705" : "\u274C";
}
function intervalText(interval) {
  return interval ? `[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]` : "";
}
function metricVerdict(report, row) {
  const checks = report.gate.checks.filter((c) => c.metric === row.metric && !c.skipped);
  if (checks.length > 0) return checks.map((c) => `${checkMark(c)} ${c.kind}`).join(", ");
  if (row.difference === null) return "no comparison";
  if (row.better === "neither") return row.difference === 0 ? "no change" : "changed (no better direction)";
  const side = row.better === "challenger" ? "better" : "worse";
  if (row.interval === null) return side;
  return row.significant ? `**${side}** (significant)` : `${side}, not significant`;
}
function comparisonTable(report) {
  const rows = report.comparison.map((row) => [
    row.metric,
    cell(row.champion),
    cell(row.challenger),
    row.difference === null ? "\u2014" : `${signed(row.difference)} ${intervalText(row.interval)}`.trim(),
    metricVerdict(report, row)
  ]);
  return table(["Metric", "Champion", "Challenger", `Difference (${Math.round(report.bootstrap.confidence * 100)}% CI)`, "Verdict"], rows);
}
function metricsTable(report) {
  const rows = Object.entries(report.metrics).map(([name, value]) => {
    const checks = report.gate.checks.filter((c) => c.metric === name && !c.skipped);
    return [
      name,
      value === null ? `undefined: ${report.metricReasons[name]}` : formatMetric(value),
      intervalText(report.intervals[name]),
      checks.map((c) => `${checkMark(c)} ${c.kind}`).join(", ")
    ];
  });
  return table(["Metric", "Value", `${Math.round(report.bootstrap.confidence * 100)}% CI`, "Gate"], rows);
}
var GRID = Array.from({ length: 21 }, (_, i) => i / 20);
function rocOnGrid(fpr, tpr) {
  return GRID.map((x) => {
    let best = 0;
    for (let i = 0; i < fpr.length; i++) {
      if (fpr[i] <= x) best = Math.max(best, tpr[i]);
      if (i + 1 < fpr.length && fpr[i] < x && fpr[i + 1] > x) {
        const t = (x - fpr[i]) / (fpr[i + 1] - fpr[i]);
        best = Math.max(best, tpr[i] + t * (tpr[i + 1] - tpr[i]));
      }
    }
    return best;
  });
}
function precisionOnGrid(recall, precision) {
  return GRID.map((r) => {
    let best = 0;
    for (let i = 0; i < recall.length; i++) if (recall[i] >= r) best = Math.max(best, precision[i]);
    return best;
  });
}
function compact(value) {
  return Number(value.toFixed(3)).toString();
}
function lineChart(title, xLabel, yLabel, lines) {
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis "${xLabel}" 0 --> 1`,
    `  y-axis "${yLabel}" 0 --> 1`,
    ...lines.map((values) => `  line [${values.map(compact).join(", ")}]`),
    "```"
  ].join("\n");
}
function legend(hasChampion) {
  return hasChampion ? "_First line: the challenger; second line: the champion._" : "";
}
function curveCharts(label, mine, theirs) {
  const parts = [];
  const champion = theirs?.roc ? [rocOnGrid(theirs.roc.fpr, theirs.roc.tpr)] : [];
  if (mine.roc) parts.push(lineChart(`ROC curve: ${label}`, "false positive rate", "true positive rate", [rocOnGrid(mine.roc.fpr, mine.roc.tpr), ...champion]));
  const championPr = theirs?.precisionRecall ? [precisionOnGrid(theirs.precisionRecall.recall, theirs.precisionRecall.precision)] : [];
  if (mine.precisionRecall) {
    parts.push(lineChart(`Precision\u2013recall: ${label}`, "recall", "precision", [precisionOnGrid(mine.precisionRecall.recall, mine.precisionRecall.precision), ...championPr]));
  }
  if (mine.reason) parts.push(`_${label}: ${mine.reason}._`);
  return parts;
}
function calibrationChart(report) {
  const bins = report.calibration?.bins.filter((bin) => bin.count > 0 && bin.accuracy !== null && bin.confidence !== null);
  if (!bins || bins.length < 2) return null;
  return [
    "```mermaid",
    "xychart-beta",
    '  title "Calibration: accuracy (line 1) against confidence (line 2) per bin"',
    `  x-axis "top-class probability" [${bins.map((bin) => `"${compact(bin.lower)}\u2013${compact(bin.upper)}"`).join(", ")}]`,
    '  y-axis "share" 0 --> 1',
    `  line [${bins.map((bin) => compact(bin.accuracy)).join(", ")}]`,
    `  line [${bins.map((bin) => compact(bin.confidence)).join(", ")}]`,
    "```"
  ].join("\n");
}
var MAX_CLASS_CHARTS = 8;
var MAX_TABLE_ROWS = 40;
var MAX_CONFUSION_CLASSES = 12;
function chartsSection(report) {
  const parts = [];
  const curves = report.curves ?? [];
  const baselineCurves = report.baseline?.curves ?? [];
  const hasChampion = baselineCurves.length > 0;
  const theirsFor = (label) => baselineCurves.find((c) => String(c.label) === String(label));
  if (report.task === "binary" && curves.length === 1) {
    parts.push(...curveCharts(`${report.label} = ${curves[0].label}`, curves[0], theirsFor(curves[0].label)));
    if (hasChampion) parts.push(legend(true));
  } else if (curves.length > 0) {
    const support = new Map((report.perClass ?? []).map((c) => [String(c.label), c.support]));
    const chosen = [...curves].sort((a, b) => (support.get(String(b.label)) ?? 0) - (support.get(String(a.label)) ?? 0)).slice(0, MAX_CLASS_CHARTS);
    const inner = chosen.flatMap((c) => [`**${c.label}** (one-vs-rest)`, ...curveCharts(String(c.label), c, theirsFor(c.label))]);
    const more = curves.length > chosen.length ? [`_${curves.length - chosen.length} more classes in the report file._`] : [];
    const body = [legend(hasChampion), ...inner, ...more].filter(Boolean);
    parts.push(["<details><summary>ROC and precision\u2013recall curves per class</summary>", ...body, "</details>"].join("\n\n"));
  }
  const calibration = calibrationChart(report);
  if (calibration) parts.push(calibration);
  return parts;
}
function detailSections(report) {
  const parts = [];
  if (report.perClass) {
    const rows = report.perClass.slice(0, MAX_TABLE_ROWS).map((c) => [String(c.label), formatMetric(c.precision), formatMetric(c.recall), formatMetric(c.f1), String(c.support), String(c.predicted)]);
    parts.push("#### Per class", table(["Class", "Precision", "Recall", "F1", "Support", "Predicted"], rows));
  }
  if (report.confusionMatrix && report.confusionMatrix.labels.length <= MAX_CONFUSION_CLASSES) {
    const { labels, matrix } = report.confusionMatrix;
    parts.push(
      "<details><summary>Confusion matrix (rows: true class, columns: predicted)</summary>\n\n" + table(["", ...labels.map(String)], matrix.map((row, i) => [String(labels[i]), ...row.map(String)])) + "\n\n</details>"
    );
  }
  for (const slice of report.slices) {
    const names = Object.keys(slice.slices[0]?.metrics ?? {}).slice(0, 5);
    const rows = slice.slices.slice(0, MAX_TABLE_ROWS).map((s) => [String(s.key ?? "(missing)"), String(s.rows), ...names.map((n) => cell(s.metrics[n]))]);
    const small = slice.tooSmall.length > 0 ? `

_${slice.tooSmall.length} slices under ${slice.minSize} rows not measured._` : "";
    parts.push(`#### Slices by ${slice.column}`, `${table([slice.column, "Rows", ...names], rows)}${small}`);
  }
  if (report.fairness.length > 0) {
    const rows = report.fairness.map((gap) => [
      gap.metric,
      gap.column,
      gap.value === null ? `undefined: ${gap.reason}` : formatMetric(gap.value),
      gap.highest ? `${gap.highest.key} (${formatMetric(gap.highest.value)})` : "",
      gap.lowest ? `${gap.lowest.key} (${formatMetric(gap.lowest.value)})` : ""
    ]);
    parts.push("#### Fairness gaps", table(["Gap", "Column", "Value", "Highest slice", "Lowest slice"], rows));
  }
  const op = report.operational;
  parts.push(
    "#### Operational",
    table(
      ["Latency p50", "p95", "p99", "Rows/s (batches)", "Model size"],
      [[`${cell(op.latencyP50Ms)} ms`, `${cell(op.latencyP95Ms)} ms`, `${cell(op.latencyP99Ms)} ms`, op.rowsPerSecond === null ? "\u2014" : Math.round(op.rowsPerSecond).toLocaleString("en-US"), `${op.modelBytes.toLocaleString("en-US")} bytes`]]
    )
  );
  if (report.parity) {
    const p = report.parity;
    const head = `${p.passed ? "\u2705" : "\u274C"} ${p.mismatchedRows} of ${p.rows} rows differ from \`${p.file}\` beyond ${formatMetric(p.tolerance)} (largest difference ${cell(p.maxAbsoluteDifference)}).`;
    const rows = p.mismatches.map((m) => [String(m.row), m.column, String(m.expected ?? "\u2014"), String(m.actual ?? "\u2014"), cell(m.difference)]);
    parts.push("#### Export parity", rows.length > 0 ? `${head}

${table(["Row", "Column", "Reference", "ONNX", "Difference"], rows)}` : head);
  }
  return parts;
}
function header(report) {
  const icon = report.gate.passed ? "\u2705" : "\u274C";
  const baseline = report.baseline ? `, baseline \`${report.baseline.source}\` (${report.baseline.kind}${report.baseline.sameRows ? ", same rows" : ""})` : ", no baseline";
  return [
    `### ${icon} ${evaluationVerdict(report)}`,
    `Model \`${report.model.path}\` (\`${report.model.sha256.slice(0, 12)}\`, ${report.task}) on ${report.rows.toLocaleString("en-US")} rows of ${report.data.files.map((f) => `\`${f}\``).join(", ")}${baseline}.`
  ].join("\n\n");
}
function renderEvaluationMarkdown(report) {
  const parts = [header(report)];
  const gated = report.gate.checks;
  if (report.comparison.length > 0) parts.push("#### Champion vs challenger", comparisonTable(report));
  else parts.push("#### Metrics", metricsTable(report));
  if (gated.length > 0) {
    parts.push("#### Gate", table(["", "Metric", "Check", "Bound", "Value", "Detail"], gated.map((c) => [checkMark(c), c.metric, c.kind, c.bound === null ? "" : c.relative ? `${formatMetric(c.bound * 100)}%` : formatMetric(c.bound), cell(c.value), c.message])));
  }
  parts.push(...chartsSection(report), ...detailSections(report));
  if (report.notes.length > 0) parts.push(report.notes.map((note) => `- ${note}`).join("\n"));
  return `${parts.join("\n\n")}
`;
}
function renderEvaluationComment(report) {
  return fitToLimit(renderEvaluationMarkdown(report), LIMITS.bodyCharacters - 200);
}
function renderEvaluationText(report) {
  const lines = [`${report.gate.passed ? "PASSED" : "FAILED"}: ${evaluationVerdict(report)}`, ""];
  if (report.comparison.length > 0) {
    lines.push("metric                       champion    challenger  difference (CI)");
    for (const row of report.comparison) {
      lines.push(`  ${row.metric.padEnd(26)} ${cell(row.champion).padEnd(11)} ${cell(row.challenger).padEnd(11)} ${row.difference === null ? "\u2014" : `${signed(row.difference)} ${intervalText(row.interval)}`}`);
    }
  } else {
    for (const [name, value] of Object.entries(report.metrics)) {
      lines.push(`  ${name.padEnd(28)} ${value === null ? `undefined (${report.metricReasons[name]})` : formatMetric(value).padEnd(10)} ${intervalText(report.intervals[name])}`);
    }
  }
  if (report.gate.checks.length > 0) {
    lines.push("", "gate:");
    for (const check2 of report.gate.checks) lines.push(`  ${check2.skipped ? "skip" : check2.passed ? "ok  " : "FAIL"} ${check2.message}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join("\n")}
`;
}

// src/steps/evaluate.ts
import path3 from "node:path";

// src/contracts/evaluation-thresholds.ts
var GATED_METRICS = [.../* @__PURE__ */ new Set([...BINARY_METRICS, ...MULTICLASS_METRICS, ...REGRESSION_METRICS, ...FAIRNESS_GAPS])];
var RELATIVE = /^[+-]?\d+(\.\d+)?%$/;
var ChangeBound = external_exports.union([
  external_exports.number(),
  external_exports.string().regex(RELATIVE, 'a number, or a percentage of the baseline value such as "-2%"')
]);
function parseChangeBound(bound) {
  return typeof bound === "number" ? { amount: bound, relative: false } : { amount: Number(bound.slice(0, -1)) / 100, relative: true };
}
var MetricThreshold = external_exports.strictObject({
  min: external_exports.number().optional().describe("The model's value must be at least this."),
  max: external_exports.number().optional().describe("The model's value must be at most this."),
  "min-delta": ChangeBound.optional().describe(
    `challenger \u2212 champion must be at least this: a number (e.g. -0.01: may fall by at most 0.01) or a percentage of the champion's value ("-2%").`
  ),
  "max-delta": ChangeBound.optional().describe(
    'challenger \u2212 champion must be at most this: a number (e.g. 0.02 for a loss: may rise by at most 0.02) or a percentage ("5%").'
  ),
  significant: external_exports.boolean().default(false).describe("The paired bootstrap interval of challenger \u2212 champion must exclude zero on the better side: a significant improvement.")
}).refine((t) => t.min === void 0 || t.max === void 0 || t.min <= t.max, { message: "min must not be greater than max" }).refine((t) => t.min !== void 0 || t.max !== void 0 || t["min-delta"] !== void 0 || t["max-delta"] !== void 0 || t.significant, {
  message: "give at least one of min, max, min-delta, max-delta or significant: true"
});
var noBaselinePolicies = ["pass", "fail"];
var EvaluationThresholds = external_exports.strictObject({
  "no-baseline": external_exports.enum(noBaselinePolicies).optional().describe(
    "What the gate does when there is no baseline (the first model): pass it, or fail it. Unset: only the absolute bounds (min, max) apply, and the report says so."
  ),
  metrics: external_exports.record(external_exports.string(), MetricThreshold).describe("Bounds per metric, by the metric's name (scikit-learn's: accuracy, f1_macro, roc_auc, rmse, recall_gap, \u2026).")
}).superRefine((thresholds, ctx) => {
  for (const [name, threshold] of Object.entries(thresholds.metrics)) {
    if (!GATED_METRICS.includes(name)) {
      ctx.addIssue({ code: "custom", path: ["metrics", name], message: `"${name}" is not a metric ghml computes; the metrics are ${GATED_METRICS.join(", ")}` });
    } else if (threshold.significant && metricDirection(name) === "neither") {
      ctx.addIssue({ code: "custom", path: ["metrics", name, "significant"], message: `${name} has no better direction, so it cannot improve significantly: bound it with min and max` });
    }
  }
}).describe("Thresholds of the ghml evaluation gate.");

// src/contracts/evaluation-report.ts
var tasks = ["binary", "multiclass", "regression"];
var EvaluationTask = external_exports.enum(tasks);
var Label = external_exports.union([external_exports.string(), external_exports.number()]);
var MetricValues = external_exports.record(external_exports.string(), external_exports.number().nullable()).describe("Metric values by name; null where the metric is undefined on the data.");
var Interval = external_exports.strictObject({ lower: external_exports.number(), upper: external_exports.number() });
var ValueInfo = external_exports.strictObject({
  name: external_exports.string(),
  elementType: external_exports.string().describe(`ONNX Runtime's element type (float32, float64, int64, string, \u2026), or "non-tensor" for sequences and maps.`),
  shape: external_exports.array(external_exports.union([external_exports.number().int(), external_exports.string()])).describe("Dimensions; symbolic ones (the batch) by name.")
});
var outputRoles = ["probabilities", "positive-probability", "label", "value", "unused"];
var ModelSummary = external_exports.strictObject({
  path: external_exports.string(),
  sha256: external_exports.string(),
  bytes: external_exports.number().int().nonnegative(),
  inputs: external_exports.array(ValueInfo.extend({ columns: external_exports.array(external_exports.string()).describe("The data columns fed to this input, in order.") })),
  outputs: external_exports.array(ValueInfo.extend({ role: external_exports.enum(outputRoles).describe("What ghml read this output as.") })),
  classes: external_exports.array(Label).nullable().describe("The classes in the order of the probability columns; null for regression."),
  executionProvider: external_exports.enum(["cpu", "cuda"])
});
var PerClass = external_exports.strictObject({
  label: Label,
  precision: external_exports.number(),
  recall: external_exports.number(),
  f1: external_exports.number(),
  support: external_exports.number().int().nonnegative(),
  predicted: external_exports.number().int().nonnegative()
});
var Calibration = external_exports.strictObject({
  expectedCalibrationError: external_exports.number(),
  bins: external_exports.array(
    external_exports.strictObject({
      lower: external_exports.number(),
      upper: external_exports.number(),
      count: external_exports.number().int().nonnegative(),
      confidence: external_exports.number().nullable().describe("Mean top-class probability; null for an empty bin."),
      accuracy: external_exports.number().nullable().describe("Share of rows whose top class is right; null for an empty bin.")
    })
  )
});
var ClassCurves = external_exports.strictObject({
  label: Label.describe("The class these curves are about (the positive class, or one-vs-rest)."),
  roc: external_exports.strictObject({ fpr: external_exports.array(external_exports.number()), tpr: external_exports.array(external_exports.number()), thresholds: external_exports.array(external_exports.number()) }).nullable(),
  precisionRecall: external_exports.strictObject({ precision: external_exports.array(external_exports.number()), recall: external_exports.array(external_exports.number()), thresholds: external_exports.array(external_exports.number()) }).nullable(),
  calibration: external_exports.strictObject({ probPred: external_exports.array(external_exports.number()), probTrue: external_exports.array(external_exports.number()), counts: external_exports.array(external_exports.number()) }),
  reason: external_exports.string().nullable().describe("Why roc or precisionRecall is null.")
});
var SliceKey = external_exports.union([external_exports.string(), external_exports.number(), external_exports.null()]);
var SliceResult = external_exports.strictObject({
  column: external_exports.string(),
  minSize: external_exports.number().int().positive(),
  slices: external_exports.array(external_exports.strictObject({ key: SliceKey, rows: external_exports.number().int().positive(), metrics: MetricValues })),
  tooSmall: external_exports.array(external_exports.strictObject({ key: SliceKey, rows: external_exports.number().int().positive() })).describe("Slices listed but not measured: fewer rows than minSize.")
});
var FairnessGap = external_exports.strictObject({
  metric: external_exports.string().describe("recall_gap, precision_gap or selection_rate_gap."),
  column: external_exports.string(),
  value: external_exports.number().nullable(),
  reason: external_exports.string().nullable(),
  highest: external_exports.strictObject({ key: SliceKey, value: external_exports.number() }).nullable(),
  lowest: external_exports.strictObject({ key: SliceKey, value: external_exports.number() }).nullable(),
  excluded: external_exports.array(SliceKey).describe("Slices left out because the measure has no denominator in them.")
});
var Operational = external_exports.strictObject({
  latencyP50Ms: external_exports.number().nullable().describe("Latency of one single-row call to the model, median; null without rows."),
  latencyP95Ms: external_exports.number().nullable(),
  latencyP99Ms: external_exports.number().nullable(),
  singleRowCalls: external_exports.number().int().nonnegative().describe("Single-row calls timed (after warm-up)."),
  rowsPerSecond: external_exports.number().nullable().describe("Rows per second of model time over the evaluation's batches."),
  batchRows: external_exports.number().int().positive().describe("Rows per batch."),
  modelBytes: external_exports.number().int().nonnegative()
});
var Baseline = external_exports.strictObject({
  kind: external_exports.enum(["model", "report"]).describe("model: an ONNX model evaluated on the same rows; report: a previous evaluation report."),
  source: external_exports.string().describe("The path or model@alias given."),
  path: external_exports.string(),
  sha256: external_exports.string().describe("sha256 of the model file, or of the report file."),
  rows: external_exports.number().int().nonnegative(),
  sameRows: external_exports.boolean().describe("Evaluated on the same rows as the challenger (a paired comparison)."),
  metrics: MetricValues,
  metricReasons: external_exports.record(external_exports.string(), external_exports.string()),
  model: ModelSummary.nullable().describe("The baseline model, when it was evaluated here."),
  calibration: Calibration.nullable(),
  curves: external_exports.array(ClassCurves).nullable().describe("The baseline model's curves on the same rows, for charts.")
});
var Comparison = external_exports.strictObject({
  metric: external_exports.string(),
  champion: external_exports.number().nullable(),
  challenger: external_exports.number().nullable(),
  difference: external_exports.number().nullable().describe("challenger \u2212 champion."),
  interval: Interval.nullable().describe("Paired bootstrap interval of the difference; null without a paired baseline or bootstrap."),
  significant: external_exports.boolean().describe("The interval excludes zero."),
  better: external_exports.enum(["challenger", "champion", "neither"]).describe("Which side the difference favours, by the metric's direction (neither: equal or no direction)."),
  reason: external_exports.string().nullable()
});
var gateCheckKinds = ["min", "max", "min-delta", "max-delta", "significant", "baseline", "parity"];
var GateCheck = external_exports.strictObject({
  metric: external_exports.string(),
  kind: external_exports.enum(gateCheckKinds),
  bound: external_exports.number().nullable().describe('The bound, as a number: a relative change bound as a fraction (-0.02 for "-2%").'),
  relative: external_exports.boolean().describe("The bound is relative to the champion's value."),
  value: external_exports.number().nullable().describe("What was compared with the bound: the metric, or the change."),
  passed: external_exports.boolean(),
  skipped: external_exports.boolean().describe("Not checked (a change bound without a baseline); skipped checks count as passed."),
  message: external_exports.string()
});
var Gate = external_exports.strictObject({
  passed: external_exports.boolean(),
  noBaseline: external_exports.enum([...noBaselinePolicies, "absolute-only"]).nullable().describe("null when there was a baseline; otherwise the policy applied to the first model: pass, fail, or absolute-only (no-baseline unset)."),
  thresholds: external_exports.string().nullable().describe("The thresholds file."),
  checks: external_exports.array(GateCheck)
});
var Parity = external_exports.strictObject({
  file: external_exports.string(),
  tolerance: external_exports.number().nonnegative(),
  rows: external_exports.number().int().nonnegative(),
  columns: external_exports.array(external_exports.string()).describe("Reference columns compared, each with the model output it was compared against."),
  mismatchedRows: external_exports.number().int().nonnegative(),
  maxAbsoluteDifference: external_exports.number().nullable(),
  passed: external_exports.boolean(),
  mismatches: external_exports.array(
    external_exports.strictObject({
      row: external_exports.number().int().positive(),
      column: external_exports.string(),
      expected: external_exports.union([external_exports.number(), external_exports.string(), external_exports.null()]),
      actual: external_exports.union([external_exports.number(), external_exports.string(), external_exports.null()]),
      difference: external_exports.number().nullable()
    })
  ).describe("The first mismatching values (at most 20), by data row counted from 1.")
});
var EvaluationReport = external_exports.strictObject({
  format: external_exports.literal("ghml.evaluation-report/v1"),
  createdAt: external_exports.string().describe("ISO-8601 time the report was made."),
  modelName: external_exports.string(),
  task: EvaluationTask,
  rows: external_exports.number().int().nonnegative(),
  label: external_exports.string().describe("The label column."),
  positiveLabel: Label.nullable().describe("The positive class of a binary task."),
  data: external_exports.strictObject({ files: external_exports.array(external_exports.string()), fingerprint: external_exports.string().describe("sha256 over the files' sha256 digests, in order.") }),
  model: ModelSummary,
  metrics: MetricValues,
  metricReasons: external_exports.record(external_exports.string(), external_exports.string()).describe("Why a metric is null, or the convention behind its value."),
  bootstrap: external_exports.strictObject({ resamples: external_exports.number().int().nonnegative(), seed: external_exports.number().int(), confidence: external_exports.number() }),
  intervals: external_exports.record(external_exports.string(), Interval.nullable()).describe("95% bootstrap confidence interval per metric; null where it could not be computed."),
  perClass: external_exports.array(PerClass).nullable(),
  confusionMatrix: external_exports.strictObject({ labels: external_exports.array(Label), matrix: external_exports.array(external_exports.array(external_exports.number().int().nonnegative())) }).nullable().describe("Rows: true classes; columns: predicted."),
  calibration: Calibration.nullable(),
  curves: external_exports.array(ClassCurves).nullable().describe("ROC, precision\u2013recall and calibration curves (at most 101 points each): the positive class, or each class one-vs-rest."),
  slices: external_exports.array(SliceResult),
  fairness: external_exports.array(FairnessGap),
  operational: Operational,
  baseline: Baseline.nullable(),
  comparison: external_exports.array(Comparison),
  gate: Gate,
  parity: Parity.nullable(),
  notes: external_exports.array(external_exports.string()).describe("What the reader should know: defaults applied, outputs ignored, fallbacks.")
}).describe("A ghml evaluation report: metrics of a model on a dataset, its comparison with a baseline, and the gate verdict.");

// src/evaluate/gate.ts
function percent(fraction) {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}
function checkThresholdMetrics(thresholds, available, file, hint) {
  for (const name of Object.keys(thresholds.metrics)) {
    if (!available.includes(name)) {
      throw new ConfigurationError(`${file}: metrics.${name}: ${hint} does not compute ${name}; it computes ${available.join(", ")}`, { input: "thresholds" });
    }
  }
}
function check(metric, kind, bound, value, passed, message, extra = {}) {
  return { metric, kind, bound, relative: false, value, passed, skipped: false, message, ...extra };
}
function absoluteChecks(name, value, reason, threshold) {
  const checks = [];
  for (const kind of ["min", "max"]) {
    const bound = threshold[kind];
    if (bound === void 0) continue;
    if (value === null) {
      checks.push(check(name, kind, bound, null, false, `${name} is undefined (${reason ?? "no value"}), so it cannot meet ${kind} ${formatMetric(bound)}`));
      continue;
    }
    const passed = kind === "min" ? value >= bound : value <= bound;
    const relation = passed ? kind === "min" ? "\u2265" : "\u2264" : kind === "min" ? "is below" : "is above";
    checks.push(check(name, kind, bound, value, passed, `${name} ${formatMetric(value)} ${relation} ${kind} ${formatMetric(bound)}`));
  }
  return checks;
}
function changeCheck(name, kind, spec, row) {
  const { amount, relative } = parseChangeBound(spec);
  const boundText = relative ? percent(amount) : formatMetric(amount);
  const extra = { relative };
  if (row.challenger === null || row.champion === null) {
    return check(name, kind, amount, null, false, `${name} is undefined for the ${row.challenger === null ? "challenger" : "champion"} (${row.reason ?? "no value"}), so its change cannot be bounded`, extra);
  }
  if (relative && row.champion === 0) {
    return check(name, kind, amount, null, false, `${name} of the champion is 0, so a change relative to it is undefined: use an absolute ${kind}`, extra);
  }
  const change = relative ? (row.challenger - row.champion) / Math.abs(row.champion) : row.challenger - row.champion;
  const passed = kind === "min-delta" ? change >= amount : change <= amount;
  const changeText = relative ? percent(change) : formatMetric(change);
  const relation = passed ? kind === "min-delta" ? "is at least" : "is at most" : kind === "min-delta" ? "is below" : "is above";
  return check(
    name,
    kind,
    amount,
    change,
    passed,
    `${name} changed by ${changeText} (${formatMetric(row.champion)} \u2192 ${formatMetric(row.challenger)}), which ${relation} ${kind} ${boundText}`,
    extra
  );
}
function significanceCheck(name, row, input) {
  const fail = (message) => check(name, "significant", 0, row.difference, false, message);
  if (!input.paired) return fail(`${name}: a significant change needs a baseline model evaluated on the same rows (a report baseline has no per-row predictions to pair)`);
  if (input.bootstrapResamples === 0) return fail(`${name}: a significant change needs bootstrap resamples (bootstrap is 0)`);
  if (row.interval === null) return fail(`${name}: the change has no interval (${row.reason ?? "undefined"})`);
  const better = metricDirection(name) === "higher" ? row.interval.lower > 0 : row.interval.upper < 0;
  const interval = `[${formatMetric(row.interval.lower)}, ${formatMetric(row.interval.upper)}]`;
  return check(
    name,
    "significant",
    0,
    row.difference,
    better,
    better ? `${name} improved by ${formatMetric(row.difference)}, 95% interval ${interval} excludes zero` : `${name} changed by ${formatMetric(row.difference)}, 95% interval ${interval}: not a significant improvement`
  );
}
function runGate(input) {
  const checks = [];
  const thresholds = input.thresholds;
  const hasBaseline = input.comparison !== null;
  const policy = thresholds?.["no-baseline"];
  for (const [name, threshold] of Object.entries(thresholds?.metrics ?? {})) {
    checks.push(...absoluteChecks(name, input.metrics[name] ?? null, input.reasons[name], threshold));
    const changeKinds = [
      ...["min-delta", "max-delta"].filter((kind) => threshold[kind] !== void 0),
      ...threshold.significant ? ["significant"] : []
    ];
    for (const kind of changeKinds) {
      if (!hasBaseline) {
        checks.push({ ...check(name, kind, null, null, true, `${name}: ${kind} not checked, there is no baseline`), skipped: true });
        continue;
      }
      const row = input.comparison.find((c) => c.metric === name);
      if (row === void 0) {
        checks.push(check(name, kind, null, null, false, `the baseline has no ${name} to compare with`));
      } else if (kind === "significant") {
        checks.push(significanceCheck(name, row, input));
      } else {
        checks.push(changeCheck(name, kind, threshold[kind], row));
      }
    }
  }
  if (!hasBaseline && policy === "fail") {
    checks.push(check("baseline", "baseline", null, null, false, "there is no baseline to compare with, and the thresholds say no-baseline: fail"));
  }
  if (input.parity) {
    const parity = input.parity;
    checks.push(
      check(
        "parity",
        "parity",
        parity.tolerance,
        parity.maxAbsoluteDifference,
        parity.passed,
        parity.passed ? `the ONNX outputs match the reference predictions on all ${parity.rows} rows (tolerance ${formatMetric(parity.tolerance)})` : `${parity.mismatchedRows} of ${parity.rows} rows differ from the reference predictions by more than ${formatMetric(parity.tolerance)} (largest difference ${formatMetric(parity.maxAbsoluteDifference)})`
      )
    );
  }
  const noBaseline = hasBaseline ? null : policy ?? "absolute-only";
  const passed = noBaseline === "pass" ? checks.every((c) => c.passed || c.kind !== "parity") : checks.every((c) => c.passed);
  return { passed, noBaseline, thresholds: input.thresholdsFile, checks };
}

// src/evaluate/parity.ts
var PARITY_TOLERANCE = 1e-4;
var MAX_MISMATCHES = 20;
var ParityCheck = class _ParityCheck {
  constructor(file, tolerance, comparands, classes, stream) {
    this.file = file;
    this.tolerance = tolerance;
    this.comparands = comparands;
    this.classes = classes;
    this.chunks = stream.chunks();
  }
  file;
  tolerance;
  comparands;
  classes;
  rows = 0;
  mismatchedRows = 0;
  maxDifference = null;
  mismatches = [];
  chunks;
  current = null;
  used = 0;
  static async open(file, options) {
    const columns = (await describeColumns([file], "reference-predictions")).map((c) => c.name);
    const comparands = [];
    const take = (names, make) => {
      const column = names.find((name) => columns.includes(name));
      if (column !== void 0) comparands.push(make(column));
    };
    let accepted;
    if (options.task === "regression") {
      accepted = ["prediction", "value"];
      take(accepted, (column) => ({ column, kind: "value" }));
    } else {
      const classes = options.classes ?? [];
      accepted = ["label", "prediction", ...classes.flatMap((c) => [String(c), `probability_${c}`]), ...classes.length === 2 ? ["probability"] : []];
      classes.forEach((label, classIndex) => take([String(label), `probability_${label}`], (column) => ({ column, kind: "probability", classIndex })));
      if (classes.length === 2 && !comparands.some((c) => c.kind === "probability")) take(["probability"], (column) => ({ column, kind: "probability", classIndex: 1 }));
      take(["label", "prediction"], (column) => ({ column, kind: "label" }));
    }
    if (comparands.length === 0) {
      throw new ConfigurationError(
        `reference predictions "${file}" have none of the columns ghml compares (${accepted.join(", ")}); its columns are ${columns.join(", ")}`,
        { input: "reference-predictions" }
      );
    }
    const plan = comparands.map((c) => ({ name: c.column, decoding: c.kind === "label" ? "string" : "number" }));
    const tolerance = options.tolerance ?? PARITY_TOLERANCE;
    return new _ParityCheck(file, tolerance, comparands, options.classes, new DatasetStream([file], plan, Number.MAX_SAFE_INTEGER, "reference-predictions"));
  }
  /** The reference chunk holding the next row, read when the current one is used up. */
  async currentChunk(comparedSoFar) {
    while (this.current === null || this.used >= this.current.rows) {
      const next = await this.chunks.next();
      if (next.done) {
        throw new DataError(`the reference predictions end after ${comparedSoFar} rows, but the data has more: give one prediction per data row, in the data's order`, {
          file: this.file
        });
      }
      this.current = next.value;
      this.used = 0;
    }
    return this.current;
  }
  /** Compares the model's predictions for the data's next `rows` rows with the reference's. */
  async compare(predictions, rows) {
    for (let row = 0; row < rows; ) {
      const chunk = await this.currentChunk(this.rows + row);
      const count = Math.min(rows - row, chunk.rows - this.used);
      for (let i = 0; i < count; i++) this.compareRow(predictions, row + i, chunk, chunk.start + this.used + i);
      this.used += count;
      row += count;
    }
    this.rows += rows;
  }
  compareRow(predictions, row, chunk, index) {
    const classCount = this.classes?.length ?? 0;
    let mismatched = false;
    for (const comparand of this.comparands) {
      const column = chunk.columns.get(comparand.column);
      let expected;
      let actual;
      let difference = null;
      if (comparand.kind === "label") {
        expected = column.kind === "string" ? column.values[index] : null;
        actual = predictedLabel(predictions, row, this.classes);
        if (expected === actual) continue;
      } else {
        expected = column.kind === "number" && column.status[index] === 0 /* valid */ ? column.values[index] : null;
        actual = comparand.kind === "value" ? predictions.values[row] : predictions.probabilities[row * classCount + comparand.classIndex];
        if (expected !== null) {
          difference = Math.abs(actual - expected);
          this.maxDifference = Math.max(this.maxDifference ?? 0, difference);
          if (difference <= this.tolerance * Math.max(1, Math.abs(expected))) continue;
        }
      }
      mismatched = true;
      if (this.mismatches.length < MAX_MISMATCHES) this.mismatches.push({ row: this.rows + row + 1, column: comparand.column, expected, actual, difference });
    }
    if (mismatched) this.mismatchedRows++;
  }
  /** The result, once every data row was compared; more reference rows than data rows is an error. */
  async finish() {
    const leftover = (this.current ? this.current.rows - this.used : 0) + await this.remainingRows();
    if (leftover > 0) {
      throw new DataError(`the reference predictions have ${leftover} more rows than the data's ${this.rows}: give one prediction per data row, in the data's order`, { file: this.file });
    }
    return {
      file: this.file,
      tolerance: this.tolerance,
      rows: this.rows,
      columns: this.comparands.map((c) => c.column),
      mismatchedRows: this.mismatchedRows,
      maxAbsoluteDifference: this.maxDifference,
      passed: this.mismatchedRows === 0,
      mismatches: this.mismatches
    };
  }
  async remainingRows() {
    let rows = 0;
    for await (const chunk of this.chunks) rows += chunk.rows;
    return rows;
  }
};
function predictedLabel(predictions, row, classes) {
  if (predictions.labels) return String(predictions.labels[row]);
  const p = predictions.probabilities;
  const count = classes.length;
  let top = 0;
  for (let k = 1; k < count; k++) if (p[row * count + k] > p[row * count + top]) top = k;
  return String(classes[top]);
}

// src/evaluate/ranking-thread.ts
var RankingThread = class _RankingThread {
  constructor(worker) {
    this.worker = worker;
    this.calls = new WorkerCalls(
      worker,
      (answer) => answer.kind === "failed" ? new Error(`ranking in a worker thread failed: ${answer.message}`) : null,
      "the ranking worker thread"
    );
  }
  worker;
  calls;
  static start() {
    return new _RankingThread(startWorker("ranking-worker", new URL("./ranking-worker.ts", import.meta.url), null));
  }
  /**
   * Ranks classes `ks` of `evaluation` in the worker; the rankings, by class, for `adoptRanking`.
   * The evaluation's rows are cloned to the worker unless they are in shared memory, as an
   * accumulator's are.
   */
  async rank(evaluation, ks) {
    const answer = await this.calls.call(
      (id) => ({
        kind: "rank",
        id,
        labels: evaluation.labels,
        probabilities: evaluation.probabilities,
        classCount: evaluation.classes.length,
        classes: ks.map((k) => ({ positive: k, name: String(evaluation.classes[k]) })),
        curvePoints: evaluation.curvePoints
      })
    );
    if (answer.kind !== "ranked") throw new Error(`unexpected answer ${answer.kind} to a ranking`);
    return new Map(answer.ranked.map(({ positive, ranked }) => [positive, ranked]));
  }
  async close() {
    await this.worker.terminate();
  }
};
var WORKER_SHARE = 0.75;
async function rankOnTwoThreads(evaluation, thread) {
  if (evaluation.probabilities === null) return;
  const ks = evaluation.rankedClasses;
  const theirs = ks.slice(0, Math.max(1, Math.round(WORKER_SHARE * ks.length)));
  const pending = thread.rank(evaluation, theirs);
  pending.catch(() => void 0);
  evaluation.rankClasses(ks.slice(theirs.length));
  evaluation.measureRows();
  for (const [k, ranked] of await pending) evaluation.adoptRanking(k, ranked);
}

// src/evaluate/parts.ts
var MAX_CURVE_POINTS = 101;
function metricRecord(values) {
  const record = { metrics: {}, reasons: {} };
  for (const [name, metric] of Object.entries(values)) {
    record.metrics[name] = metric.value;
    if (metric.reason !== void 0) record.reasons[name] = metric.reason;
  }
  return record;
}
function intervalsOf(evaluation, resamples, seed) {
  if (resamples === 0) return {};
  return Object.fromEntries(Object.entries(bootstrap(evaluation, { resamples, seed })).map(([name, result]) => [name, result.interval]));
}
function calibrationOf(table2) {
  return table2 === null ? null : { expectedCalibrationError: table2.expectedCalibrationError, bins: table2.bins.map((bin) => ({ ...bin, count: Math.round(bin.count) })) };
}
function curvesOf(evaluation) {
  if (evaluation.probabilities === null) return null;
  const labels = evaluation.positive === null ? [...evaluation.classes] : [void 0];
  return labels.map((label) => {
    const curves = evaluation.curves(label).value;
    const reasons = [];
    let roc = null;
    if (curves.roc.value === null) reasons.push(`ROC: ${curves.roc.reason}`);
    else roc = { fpr: Array.from(curves.roc.value.fpr), tpr: Array.from(curves.roc.value.tpr), thresholds: Array.from(curves.roc.value.thresholds) };
    let precisionRecall = null;
    if (curves.precisionRecall.value === null) reasons.push(`precision\u2013recall: ${curves.precisionRecall.reason}`);
    else {
      const { precision, recall, thresholds } = curves.precisionRecall.value;
      precisionRecall = { precision: Array.from(precision), recall: Array.from(recall), thresholds: Array.from(thresholds) };
    }
    const { probPred, probTrue, counts } = curves.calibration;
    return {
      label: curves.label,
      roc,
      precisionRecall,
      calibration: { probPred: Array.from(probPred), probTrue: Array.from(probTrue), counts: Array.from(counts) },
      reason: reasons.length > 0 ? reasons.join("; ") : null
    };
  });
}
function slicesOf(evaluation, keysOf, columns, minSize) {
  const parts = { slices: [], fairness: [], gaps: { metrics: {}, reasons: {} } };
  const classification = "classes" in evaluation ? evaluation : null;
  for (const column of columns) {
    const keys = keysOf(column);
    const report = sliceMetrics(evaluation, keys, { minSize });
    parts.slices.push({
      column,
      minSize: report.minSize,
      slices: report.slices.map((slice) => ({ key: slice.key, rows: slice.rows, metrics: metricRecord(slice.metrics).metrics })),
      tooSmall: report.tooSmall
    });
    if (classification === null) continue;
    const gaps = fairnessGaps(classification, keys, { minSize });
    for (const metric of FAIRNESS_GAPS) {
      const gap = gaps[metric];
      parts.fairness.push({
        metric,
        column,
        value: gap.value,
        reason: gap.reason ?? null,
        highest: gap.value === null ? null : gap.highest ?? null,
        lowest: gap.value === null ? null : gap.lowest ?? null,
        excluded: gap.excluded
      });
    }
  }
  for (const metric of FAIRNESS_GAPS) {
    const perColumn = parts.fairness.filter((gap) => gap.metric === metric);
    if (perColumn.length === 0) continue;
    const measured = perColumn.filter((gap) => gap.value !== null);
    if (measured.length === 0) {
      parts.gaps.metrics[metric] = null;
      parts.gaps.reasons[metric] = perColumn.map((gap) => `${gap.column}: ${gap.reason}`).join("; ");
    } else {
      const largest = measured.reduce((a, b) => b.value > a.value ? b : a);
      parts.gaps.metrics[metric] = largest.value;
      if (perColumn.length > 1) parts.gaps.reasons[metric] = `the largest over the slice columns: ${largest.column}`;
    }
  }
  return parts;
}
function betterSide(metric, difference) {
  if (difference === null || difference === 0) return "neither";
  const direction = metricDirection(metric);
  if (direction === "neither") return "neither";
  return direction === "higher" === difference > 0 ? "challenger" : "champion";
}
function compareMetrics(challenger, champion, paired) {
  const rows = [];
  for (const [metric, value] of Object.entries(challenger.metrics)) {
    if (!(metric in champion.metrics)) continue;
    const championValue = champion.metrics[metric];
    const difference = value === null || championValue === null ? null : value - championValue;
    const reason = value === null ? `the challenger's ${metric} is undefined: ${challenger.reasons[metric]}` : championValue === null ? `the champion's ${metric} is undefined: ${champion.reasons[metric]}` : null;
    const interval = paired?.[metric];
    rows.push({
      metric,
      champion: championValue,
      challenger: value,
      difference,
      interval: interval?.interval ?? null,
      significant: interval?.excludesZero ?? false,
      better: betterSide(metric, difference),
      reason: reason ?? interval?.reason ?? null
    });
  }
  return rows;
}

// src/steps/evaluate.ts
var NUMERIC_CONTRACT_TYPES = /* @__PURE__ */ new Set(["integer", "number", "boolean"]);
function taskMetricNames(task, sliced) {
  const base = task === "binary" ? BINARY_METRICS : task === "multiclass" ? MULTICLASS_METRICS : REGRESSION_METRICS;
  return [...base, ...sliced && task !== "regression" ? FAIRNESS_GAPS : []];
}
function inChunk(chunk, action) {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof DataError) || error.location.row === void 0) throw error;
    const message = error.message.slice(formatLocation(error.location).length);
    throw new DataError(message, { file: chunk.file, row: chunk.firstRow + (error.location.row - 1 - chunk.offset), column: error.location.column });
  }
}
function labelValues(chunk, label) {
  const column = chunk.columns.get(label);
  const values = column.values.slice(chunk.start, chunk.start + chunk.rows);
  const missing = values.indexOf(null);
  if (missing >= 0) throw new DataError("the label is missing: every evaluated row needs one", { file: chunk.file, row: chunk.firstRow + missing, column: label });
  return values;
}
function targetValues(chunk, label) {
  const column = chunk.columns.get(label);
  for (let i = 0; i < chunk.rows; i++) {
    const status = column.status[chunk.start + i];
    if (status !== 0 /* valid */) {
      throw new DataError(status === 1 /* missing */ ? "the label is missing: every evaluated row needs one" : `label "${column.invalidText.get(chunk.start + i) ?? ""}" is not a number`, {
        file: chunk.file,
        row: chunk.firstRow + i,
        column: label
      });
    }
  }
  return column.values.subarray(chunk.start, chunk.start + chunk.rows);
}
function sliceValues(chunk, columns) {
  const slices = {};
  for (const name of columns) {
    const column = chunk.columns.get(name);
    const keys = new Array(chunk.rows);
    for (let i = 0; i < chunk.rows; i++) keys[i] = valueAt(column, chunk.start + i);
    slices[name] = keys;
  }
  return slices;
}
function addPredictions(accumulator, chunk, label, predictions, slices) {
  inChunk(chunk, () => {
    if (accumulator instanceof RegressionAccumulator) {
      accumulator.add({ yTrue: targetValues(chunk, label), yPred: predictions.values, slices });
    } else {
      accumulator.add({ labels: labelValues(chunk, label), probabilities: predictions.probabilities, predictions: predictions.labels, slices });
    }
  });
}
function readPlan(scorers, label, task, sliceColumns) {
  const decodings = /* @__PURE__ */ new Map();
  const want = (name, decoding, why) => {
    const already = decodings.get(name);
    if (already !== void 0 && already !== decoding) {
      throw new ConfigurationError(`column "${name}" is read as ${already === "string" ? "text" : "numbers"} for one use and as ${decoding === "string" ? "text" : "numbers"} ${why}`, {
        input: "features"
      });
    }
    decodings.set(name, decoding);
  };
  want(label, task === "classification" ? "string" : "number", "as the label");
  for (const scorer of scorers) {
    for (const binding of scorer.inputs.bindings) {
      for (const column of binding.columns) want(column, binding.elementType === "string" ? "string" : "number", `for input "${binding.input}" of ${scorer.what}`);
    }
  }
  for (const column of sliceColumns) if (!decodings.has(column)) decodings.set(column, "string");
  return [...decodings].map(([name, decoding]) => ({ name, decoding }));
}
function newAccumulator(task, classes, positiveLabel, sliceColumns) {
  return task === "regression" ? new RegressionAccumulator({ sliceColumns }) : new ClassificationAccumulator({ classes, positiveLabel, sliceColumns, curvePoints: MAX_CURVE_POINTS });
}
var RANKING_THREAD_ROWS = 8 * BATCH_ROWS;
async function resultsOf(accumulator, sliceColumns, minSliceSize, rankingThread) {
  const evaluation = accumulator.evaluation();
  if (rankingThread && evaluation instanceof ClassificationEvaluation) await rankOnTwoThreads(evaluation, rankingThread);
  const classification = accumulator instanceof ClassificationAccumulator ? { evaluation, report: evaluation.report() } : null;
  const slices = slicesOf(evaluation, (column) => accumulator.sliceKeys(column), sliceColumns, minSliceSize);
  const record = metricRecord(classification?.report.metrics ?? evaluation.metrics());
  Object.assign(record.metrics, slices.gaps.metrics);
  Object.assign(record.reasons, slices.gaps.reasons);
  return { record, evaluation, classification, slices };
}
function checkColumns(names, available, input, what) {
  for (const name of names) {
    if (!available.includes(name)) throw new ConfigurationError(`${what} "${name}" is not a column of the data (its columns: ${available.join(", ")})`, { input });
  }
}
async function readSetup(options, sliceColumns) {
  const thresholds = options.thresholds ? await loadDocument(options.thresholds, EvaluationThresholds, "evaluation thresholds", "thresholds") : null;
  const columns = await describeColumns(options.data);
  const columnNames = columns.map((c) => c.name);
  checkColumns([options.label], columnNames, "label", "label column");
  checkColumns(sliceColumns, columnNames, "slice-columns", "slice column");
  if (sliceColumns.includes(options.label)) throw new ConfigurationError("the label cannot be a slice column: slice by a column the model is judged across, such as a region or a group", { input: "slice-columns" });
  if (options.features?.includes(options.label)) throw new ConfigurationError(`the label "${options.label}" cannot be a feature`, { input: "features" });
  let contractFeatures;
  if (options.contract) {
    const contract = await loadDocument(options.contract, DataContract, "data contract", "contract");
    contractFeatures = contract.columns.filter((c) => c.name !== options.label && NUMERIC_CONTRACT_TYPES.has(c.type)).map((c) => c.name);
  }
  return { thresholds, columns, contractFeatures };
}
async function runEvaluate(options) {
  const log = options.log ?? (() => void 0);
  const executionProvider = options.executionProvider ?? "cpu";
  const resamples = options.bootstrap ?? BOOTSTRAP_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 0) throw new ConfigurationError(`bootstrap must be a whole number of resamples (0 turns intervals off), got ${resamples}`, { input: "bootstrap" });
  const minSliceSize = options.minSliceSize ?? MIN_SLICE_SIZE;
  if (!Number.isInteger(minSliceSize) || minSliceSize < 1) throw new ConfigurationError(`min-slice-size must be a whole number of at least 1, got ${minSliceSize}`, { input: "min-slice-size" });
  const sliceColumns = [...new Set(options.sliceColumns ?? [])];
  const challengerSession = ModelThread.open(options.model, { executionProvider, log, input: "model" });
  challengerSession.catch(() => void 0);
  let setup;
  try {
    setup = await readSetup(options, sliceColumns);
  } catch (error) {
    await challengerSession.then((session) => session.release(), () => void 0);
    throw error;
  }
  const { thresholds, columns, contractFeatures } = setup;
  const common = { executionProvider, log, columns, label: options.label, features: options.features, contractFeatures, task: options.task };
  const opened = [];
  let rankingThread = null;
  try {
    const challenger = await openScorer({ ...common, file: options.model, session: challengerSession, input: "model", what: "the model", classes: options.classes });
    opened.push(challenger);
    const { task, classes } = challenger;
    const notes = [...challenger.notes];
    let positiveLabel;
    if (options.positiveLabel !== void 0) {
      if (task === "regression") throw new ConfigurationError("positive-label applies to classification; this is a regression model", { input: "positive-label" });
      positiveLabel = classes.find((c) => String(c) === options.positiveLabel);
      if (positiveLabel === void 0) throw new ConfigurationError(`positive-label "${options.positiveLabel}" is not one of the model's classes [${classes.join(", ")}]`, { input: "positive-label" });
      if (classes.length !== 2) throw new ConfigurationError(`positive-label applies to two classes; the model has ${classes.length} (${classes.join(", ")})`, { input: "positive-label" });
    }
    const evaluationTask = task === "regression" ? "regression" : classes.length === 2 ? "binary" : "multiclass";
    if (thresholds) {
      checkThresholdMetrics(thresholds, taskMetricNames(evaluationTask, sliceColumns.length > 0), options.thresholds, `a ${evaluationTask} evaluation${sliceColumns.length > 0 ? "" : " without slice-columns"}`);
    }
    const baselineFile = options.baseline ? await resolveBaseline(options.baseline, options.registry ?? unconfiguredRegistry) : null;
    const baselinePath = baselineFile && baselineFile.kind !== "none" ? baselineFile.path : null;
    let champion = null;
    let baselineReport = null;
    if (baselineFile?.kind === "model") {
      champion = await openScorer({ ...common, task, file: baselineFile.path, input: "baseline", what: "the baseline model", classes: options.classes, evaluationClasses: classes ?? void 0 });
      opened.push(champion);
      notes.push(...champion.notes);
    } else if (baselineFile?.kind === "none") {
      notes.push(baselineFile.note);
    } else if (baselineFile?.kind === "report") {
      baselineReport = await loadDocument(baselineFile.path, EvaluationReport, "baseline evaluation report", "baseline");
      if (baselineReport.task !== evaluationTask) {
        throw new ConfigurationError(`the baseline report is of a ${baselineReport.task} evaluation, this one is ${evaluationTask}: compare like with like`, { input: "baseline" });
      }
    }
    const parity = options.referencePredictions ? await ParityCheck.open(options.referencePredictions, { task, classes, tolerance: options.parityTolerance }) : null;
    const scorers = opened.map((o) => o.scorer);
    const stream = new DatasetStream(options.data, readPlan(scorers, options.label, task, sliceColumns), BATCH_ROWS);
    const accumulators = scorers.map(() => newAccumulator(task, classes, positiveLabel, sliceColumns));
    let rows = 0;
    let inFlight = null;
    const settle = async ({ chunk, predictions }) => {
      const slices = sliceValues(chunk, sliceColumns);
      for (const [i, scored] of (await predictions).entries()) {
        addPredictions(accumulators[i], chunk, options.label, scored, slices);
        if (i === 0 && parity) await parity.compare(scored, chunk.rows);
      }
      rows += chunk.rows;
      if (task === "classification" && rankingThread === null && rows >= RANKING_THREAD_ROWS) rankingThread = RankingThread.start();
    };
    const dispatch = (chunk) => {
      const predictions = Promise.all(scorers.map((scorer) => scorer.predict(chunk)));
      predictions.catch(() => void 0);
      return { chunk, predictions };
    };
    const chunks = stream.chunks();
    try {
      for (; ; ) {
        let next;
        try {
          next = await chunks.next();
        } catch (error) {
          if (inFlight) await settle(inFlight);
          throw error;
        }
        const dispatched = next.done ? null : dispatch(next.value);
        if (inFlight) await settle(inFlight);
        inFlight = dispatched;
        if (!inFlight) break;
      }
    } finally {
      await chunks.return(void 0);
    }
    const fingerprint = stream.fingerprint();
    const parityResult = parity ? await parity.finish() : null;
    const mine = await resultsOf(accumulators[0], sliceColumns, minSliceSize, rankingThread);
    const theirs = champion ? await resultsOf(accumulators[1], sliceColumns, minSliceSize, rankingThread) : null;
    const challengerSummary = challenger.scorer.summary();
    let baseline = null;
    let comparison = null;
    if (champion && theirs) {
      const paired = resamples > 0 ? pairedBootstrap(mine.evaluation, theirs.evaluation, { resamples, seed: BOOTSTRAP_SEED }) : null;
      comparison = compareMetrics(mine.record, theirs.record, paired);
      baseline = {
        kind: "model",
        source: options.baseline,
        path: baselinePath,
        sha256: champion.scorer.session.sha256,
        rows,
        sameRows: true,
        metrics: theirs.record.metrics,
        metricReasons: theirs.record.reasons,
        model: champion.scorer.summary(),
        calibration: calibrationOf(theirs.classification?.report.reliability ?? null),
        curves: theirs.classification ? curvesOf(theirs.classification.evaluation) : null
      };
    } else if (baselineReport) {
      const sameRows = baselineReport.data.fingerprint === fingerprint;
      comparison = compareMetrics(mine.record, { metrics: baselineReport.metrics, reasons: baselineReport.metricReasons }, null);
      notes.push(
        sameRows ? "The baseline is a report on the same data: differences have no paired intervals (the report holds no per-row predictions)." : "The baseline report was made on other data: its metrics are compared as they are, without paired intervals."
      );
      baseline = {
        kind: "report",
        source: options.baseline,
        path: baselinePath,
        sha256: await sha256OfFile(baselinePath),
        rows: baselineReport.rows,
        sameRows,
        metrics: baselineReport.metrics,
        metricReasons: baselineReport.metricReasons,
        model: baselineReport.model,
        calibration: baselineReport.calibration,
        curves: baselineReport.curves
      };
    }
    const gate = runGate({
      thresholds,
      thresholdsFile: options.thresholds ?? null,
      metrics: mine.record.metrics,
      reasons: mine.record.reasons,
      comparison,
      paired: champion !== null,
      bootstrapResamples: resamples,
      parity: parityResult
    });
    if (gate.noBaseline !== null) {
      notes.push(
        gate.noBaseline === "absolute-only" ? "No baseline: only absolute bounds (min, max) were checked." : gate.noBaseline === "pass" ? "No baseline: the first model passes (no-baseline: pass); absolute bounds are reported but not enforced." : "No baseline: the gate fails (no-baseline: fail)."
      );
    }
    if (resamples === 0) notes.push("Bootstrap off (0 resamples): no confidence intervals.");
    const latency = await challenger.scorer.latency();
    const classReport = mine.classification?.report ?? null;
    const report = {
      format: "ghml.evaluation-report/v1",
      createdAt: (options.now ?? /* @__PURE__ */ new Date()).toISOString(),
      modelName: options.modelName ?? path3.basename(options.model, path3.extname(options.model)),
      task: evaluationTask,
      rows,
      label: options.label,
      positiveLabel: classReport?.positiveLabel ?? null,
      data: { files: options.data, fingerprint },
      model: challengerSummary,
      metrics: mine.record.metrics,
      metricReasons: mine.record.reasons,
      bootstrap: { resamples, seed: BOOTSTRAP_SEED, confidence: BOOTSTRAP_CONFIDENCE },
      intervals: intervalsOf(mine.evaluation, resamples, BOOTSTRAP_SEED),
      perClass: classReport?.perClass.map((c) => ({ ...c, support: Math.round(c.support), predicted: Math.round(c.predicted) })) ?? null,
      confusionMatrix: classReport ? { labels: classReport.classes, matrix: classReport.confusionMatrix } : null,
      calibration: calibrationOf(classReport?.reliability ?? null),
      curves: mine.classification ? curvesOf(mine.classification.evaluation) : null,
      slices: mine.slices.slices,
      fairness: mine.slices.fairness,
      operational: {
        latencyP50Ms: latency.p50,
        latencyP95Ms: latency.p95,
        latencyP99Ms: latency.p99,
        singleRowCalls: latency.calls,
        rowsPerSecond: challenger.scorer.modelSeconds > 0 ? rows / challenger.scorer.modelSeconds : null,
        batchRows: BATCH_ROWS,
        modelBytes: challenger.scorer.session.bytes
      },
      baseline,
      comparison: comparison ?? [],
      gate,
      parity: parityResult,
      notes
    };
    const checked = EvaluationReport.safeParse(report);
    if (!checked.success) throw new Error(`the evaluation report does not match its schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    if (options.reportOut) await writeJson(options.reportOut, report);
    return report;
  } finally {
    for (const { scorer } of opened) await scorer.session.release();
    await rankingThread?.close();
  }
}

export {
  isRegistryReference,
  RegistryBaseline,
  evaluationVerdict,
  renderEvaluationMarkdown,
  renderEvaluationComment,
  renderEvaluationText,
  runEvaluate
};
