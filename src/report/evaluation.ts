import type { ClassCurves, Comparison, EvaluationReport, GateCheck } from '../contracts/evaluation-report.js';
import { fitToLimit, LIMITS, table } from './markdown.js';

/**
 * The evaluation report for people: a verdict first, then the champion–challenger table, then
 * charts (ROC, precision–recall, calibration as mermaid line charts), then the detail. The same
 * markdown serves the job summary and the sticky pull request comment.
 */

/** Numbers as people read them: 4 significant digits, exponents only for the very small or large. */
export function formatMetric(value: number | null): string {
  if (value === null) return 'undefined';
  if (value === 0) return '0';
  if (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-4) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}

function signed(value: number | null): string {
  if (value === null) return 'undefined';
  return value > 0 ? `+${formatMetric(value)}` : formatMetric(value);
}

const cell = (value: number | null) => (value === null ? '—' : formatMetric(value));

export function evaluationVerdict(report: EvaluationReport): string {
  const { gate } = report;
  const enforced = gate.checks.filter((c) => !c.skipped);
  const failed = enforced.filter((c) => !c.passed);
  const against = report.baseline ? `against ${report.baseline.source}` : 'without a baseline';
  if (enforced.length === 0) return `${report.modelName} evaluated on ${report.rows} rows ${against}: no thresholds, nothing gated.`;
  if (gate.passed && failed.length > 0) {
    return `${report.modelName} passed the gate as a first model (no-baseline: pass), though ${failed.length} of ${enforced.length} checks failed: ${failed.map((c) => c.message).slice(0, 3).join('; ')}.`;
  }
  if (gate.passed) return `${report.modelName} passed the gate ${against}: ${enforced.length} of ${enforced.length} checks passed.`;
  const shown = failed.slice(0, 3).map((c) => c.message);
  const more = failed.length > shown.length ? `; and ${failed.length - shown.length} more` : '';
  return `${report.modelName} failed the gate ${against}: ${shown.join('; ')}${more}.`;
}

function checkMark(check: GateCheck): string {
  if (check.skipped) return '⏭️';
  return check.passed ? '✅' : '❌';
}

function intervalText(interval: { lower: number; upper: number } | null | undefined): string {
  return interval ? `[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]` : '';
}

/** A metric's verdict: its gate checks when it has any, else what the comparison says. */
function metricVerdict(report: EvaluationReport, row: Comparison): string {
  const checks = report.gate.checks.filter((c) => c.metric === row.metric && !c.skipped);
  if (checks.length > 0) return checks.map((c) => `${checkMark(c)} ${c.kind}`).join(', ');
  if (row.difference === null) return 'no comparison';
  if (row.better === 'neither') return row.difference === 0 ? 'no change' : 'changed (no better direction)';
  const side = row.better === 'challenger' ? 'better' : 'worse';
  if (row.interval === null) return side;
  return row.significant ? `**${side}** (significant)` : `${side}, not significant`;
}

function comparisonTable(report: EvaluationReport): string {
  const rows = report.comparison.map((row) => [
    row.metric,
    cell(row.champion),
    cell(row.challenger),
    row.difference === null ? '—' : `${signed(row.difference)} ${intervalText(row.interval)}`.trim(),
    metricVerdict(report, row),
  ]);
  return table(['Metric', 'Champion', 'Challenger', `Difference (${Math.round(report.bootstrap.confidence * 100)}% CI)`, 'Verdict'], rows);
}

function metricsTable(report: EvaluationReport): string {
  const rows = Object.entries(report.metrics).map(([name, value]) => {
    const checks = report.gate.checks.filter((c) => c.metric === name && !c.skipped);
    return [
      name,
      value === null ? `undefined: ${report.metricReasons[name]}` : formatMetric(value),
      intervalText(report.intervals[name]),
      checks.map((c) => `${checkMark(c)} ${c.kind}`).join(', '),
    ];
  });
  return table(['Metric', 'Value', `${Math.round(report.bootstrap.confidence * 100)}% CI`, 'Gate'], rows);
}

// ---------------------------------------------------------------- charts

const GRID = Array.from({ length: 21 }, (_, i) => i / 20);

/** TPR at each false positive rate of the grid: linear between ROC points, the upper point on vertical steps. */
export function rocOnGrid(fpr: readonly number[], tpr: readonly number[]): number[] {
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

/** Interpolated precision at each recall of the grid: the best precision at that recall or more. */
export function precisionOnGrid(recall: readonly number[], precision: readonly number[]): number[] {
  return GRID.map((r) => {
    let best = 0;
    for (let i = 0; i < recall.length; i++) if (recall[i] >= r) best = Math.max(best, precision[i]);
    return best;
  });
}

function compact(value: number): string {
  return Number(value.toFixed(3)).toString();
}

/** A mermaid `xychart-beta` of lines over x from 0 to 1; GitHub draws it in summaries and comments. */
function lineChart(title: string, xLabel: string, yLabel: string, lines: number[][]): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis "${xLabel}" 0 --> 1`,
    `  y-axis "${yLabel}" 0 --> 1`,
    ...lines.map((values) => `  line [${values.map(compact).join(', ')}]`),
    '```',
  ].join('\n');
}

function legend(hasChampion: boolean): string {
  return hasChampion ? '_First line: the challenger; second line: the champion._' : '';
}

function curveCharts(label: string, mine: ClassCurves, theirs: ClassCurves | undefined): string[] {
  const parts: string[] = [];
  const champion = theirs?.roc ? [rocOnGrid(theirs.roc.fpr, theirs.roc.tpr)] : [];
  if (mine.roc) parts.push(lineChart(`ROC curve: ${label}`, 'false positive rate', 'true positive rate', [rocOnGrid(mine.roc.fpr, mine.roc.tpr), ...champion]));
  const championPr = theirs?.precisionRecall ? [precisionOnGrid(theirs.precisionRecall.recall, theirs.precisionRecall.precision)] : [];
  if (mine.precisionRecall) {
    parts.push(lineChart(`Precision–recall: ${label}`, 'recall', 'precision', [precisionOnGrid(mine.precisionRecall.recall, mine.precisionRecall.precision), ...championPr]));
  }
  if (mine.reason) parts.push(`_${label}: ${mine.reason}._`);
  return parts;
}

/** Reliability: accuracy against confidence per bin, beside the diagonal a calibrated model follows. */
function calibrationChart(report: EvaluationReport): string | null {
  const bins = report.calibration?.bins.filter((bin) => bin.count > 0 && bin.accuracy !== null && bin.confidence !== null);
  if (!bins || bins.length < 2) return null;
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Calibration: accuracy (line 1) against confidence (line 2) per bin"',
    `  x-axis "top-class probability" [${bins.map((bin) => `"${compact(bin.lower)}–${compact(bin.upper)}"`).join(', ')}]`,
    '  y-axis "share" 0 --> 1',
    `  line [${bins.map((bin) => compact(bin.accuracy!)).join(', ')}]`,
    `  line [${bins.map((bin) => compact(bin.confidence!)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Classes drawn one-vs-rest for a multiclass model, the most frequent first. */
const MAX_CLASS_CHARTS = 8;
const MAX_TABLE_ROWS = 40;
const MAX_CONFUSION_CLASSES = 12;

function chartsSection(report: EvaluationReport): string[] {
  const parts: string[] = [];
  const curves = report.curves ?? [];
  const baselineCurves = report.baseline?.curves ?? [];
  const hasChampion = baselineCurves.length > 0;
  const theirsFor = (label: string | number) => baselineCurves.find((c) => String(c.label) === String(label));
  if (report.task === 'binary' && curves.length === 1) {
    parts.push(...curveCharts(`${report.label} = ${curves[0].label}`, curves[0], theirsFor(curves[0].label)));
    if (hasChampion) parts.push(legend(true));
  } else if (curves.length > 0) {
    const support = new Map((report.perClass ?? []).map((c) => [String(c.label), c.support]));
    const chosen = [...curves].sort((a, b) => (support.get(String(b.label)) ?? 0) - (support.get(String(a.label)) ?? 0)).slice(0, MAX_CLASS_CHARTS);
    const inner = chosen.flatMap((c) => [`**${c.label}** (one-vs-rest)`, ...curveCharts(String(c.label), c, theirsFor(c.label))]);
    const more = curves.length > chosen.length ? [`_${curves.length - chosen.length} more classes in the report file._`] : [];
    const body = [legend(hasChampion), ...inner, ...more].filter(Boolean);
    parts.push(['<details><summary>ROC and precision–recall curves per class</summary>', ...body, '</details>'].join('\n\n'));
  }
  const calibration = calibrationChart(report);
  if (calibration) parts.push(calibration);
  return parts;
}

// ---------------------------------------------------------------- detail

function detailSections(report: EvaluationReport): string[] {
  const parts: string[] = [];
  if (report.perClass) {
    const rows = report.perClass.slice(0, MAX_TABLE_ROWS).map((c) => [String(c.label), formatMetric(c.precision), formatMetric(c.recall), formatMetric(c.f1), String(c.support), String(c.predicted)]);
    parts.push('#### Per class', table(['Class', 'Precision', 'Recall', 'F1', 'Support', 'Predicted'], rows));
  }
  if (report.confusionMatrix && report.confusionMatrix.labels.length <= MAX_CONFUSION_CLASSES) {
    const { labels, matrix } = report.confusionMatrix;
    parts.push(
      '<details><summary>Confusion matrix (rows: true class, columns: predicted)</summary>\n\n' +
        table(['', ...labels.map(String)], matrix.map((row, i) => [String(labels[i]), ...row.map(String)])) +
        '\n\n</details>',
    );
  }
  for (const slice of report.slices) {
    const names = Object.keys(slice.slices[0]?.metrics ?? {}).slice(0, 5);
    const rows = slice.slices.slice(0, MAX_TABLE_ROWS).map((s) => [String(s.key ?? '(missing)'), String(s.rows), ...names.map((n) => cell(s.metrics[n]))]);
    const small = slice.tooSmall.length > 0 ? `\n\n_${slice.tooSmall.length} slices under ${slice.minSize} rows not measured._` : '';
    parts.push(`#### Slices by ${slice.column}`, `${table([slice.column, 'Rows', ...names], rows)}${small}`);
  }
  if (report.fairness.length > 0) {
    const rows = report.fairness.map((gap) => [
      gap.metric,
      gap.column,
      gap.value === null ? `undefined: ${gap.reason}` : formatMetric(gap.value),
      gap.highest ? `${gap.highest.key} (${formatMetric(gap.highest.value)})` : '',
      gap.lowest ? `${gap.lowest.key} (${formatMetric(gap.lowest.value)})` : '',
    ]);
    parts.push('#### Fairness gaps', table(['Gap', 'Column', 'Value', 'Highest slice', 'Lowest slice'], rows));
  }
  const op = report.operational;
  parts.push(
    '#### Operational',
    table(
      ['Latency p50', 'p95', 'p99', 'Rows/s (batches)', 'Model size'],
      [[`${cell(op.latencyP50Ms)} ms`, `${cell(op.latencyP95Ms)} ms`, `${cell(op.latencyP99Ms)} ms`, op.rowsPerSecond === null ? '—' : Math.round(op.rowsPerSecond).toLocaleString('en-US'), `${op.modelBytes.toLocaleString('en-US')} bytes`]],
    ),
  );
  if (report.parity) {
    const p = report.parity;
    const head = `${p.passed ? '✅' : '❌'} ${p.mismatchedRows} of ${p.rows} rows differ from \`${p.file}\` beyond ${formatMetric(p.tolerance)} (largest difference ${cell(p.maxAbsoluteDifference)}).`;
    const rows = p.mismatches.map((m) => [String(m.row), m.column, String(m.expected ?? '—'), String(m.actual ?? '—'), cell(m.difference)]);
    parts.push('#### Export parity', rows.length > 0 ? `${head}\n\n${table(['Row', 'Column', 'Reference', 'ONNX', 'Difference'], rows)}` : head);
  }
  return parts;
}

function header(report: EvaluationReport): string {
  const icon = report.gate.passed ? '✅' : '❌';
  const baseline = report.baseline ? `, baseline \`${report.baseline.source}\` (${report.baseline.kind}${report.baseline.sameRows ? ', same rows' : ''})` : ', no baseline';
  return [
    `### ${icon} ${evaluationVerdict(report)}`,
    `Model \`${report.model.path}\` (\`${report.model.sha256.slice(0, 12)}\`, ${report.task}) on ${report.rows.toLocaleString('en-US')} rows of ${report.data.files.map((f) => `\`${f}\``).join(', ')}${baseline}.`,
  ].join('\n\n');
}

export function renderEvaluationMarkdown(report: EvaluationReport): string {
  const parts = [header(report)];
  const gated = report.gate.checks;
  if (report.comparison.length > 0) parts.push('#### Champion vs challenger', comparisonTable(report));
  else parts.push('#### Metrics', metricsTable(report));
  if (gated.length > 0) {
    parts.push('#### Gate', table(['', 'Metric', 'Check', 'Bound', 'Value', 'Detail'], gated.map((c) => [checkMark(c), c.metric, c.kind, c.bound === null ? '' : c.relative ? `${formatMetric(c.bound * 100)}%` : formatMetric(c.bound), cell(c.value), c.message])));
  }
  parts.push(...chartsSection(report), ...detailSections(report));
  if (report.notes.length > 0) parts.push(report.notes.map((note) => `- ${note}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/** The pull request comment: the same markdown within GitHub's comment limit. */
export function renderEvaluationComment(report: EvaluationReport): string {
  return fitToLimit(renderEvaluationMarkdown(report), LIMITS.bodyCharacters - 200);
}

export function renderEvaluationText(report: EvaluationReport): string {
  const lines = [`${report.gate.passed ? 'PASSED' : 'FAILED'}: ${evaluationVerdict(report)}`, ''];
  if (report.comparison.length > 0) {
    lines.push('metric                       champion    challenger  difference (CI)');
    for (const row of report.comparison) {
      lines.push(`  ${row.metric.padEnd(26)} ${cell(row.champion).padEnd(11)} ${cell(row.challenger).padEnd(11)} ${row.difference === null ? '—' : `${signed(row.difference)} ${intervalText(row.interval)}`}`);
    }
  } else {
    for (const [name, value] of Object.entries(report.metrics)) {
      lines.push(`  ${name.padEnd(28)} ${value === null ? `undefined (${report.metricReasons[name]})` : formatMetric(value).padEnd(10)} ${intervalText(report.intervals[name])}`);
    }
  }
  if (report.gate.checks.length > 0) {
    lines.push('', 'gate:');
    for (const check of report.gate.checks) lines.push(`  ${check.skipped ? 'skip' : check.passed ? 'ok  ' : 'FAIL'} ${check.message}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
