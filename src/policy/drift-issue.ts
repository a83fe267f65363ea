import type { DriftReport } from '../contracts/drift.js';
import { driftVerdict, sortBySeverity } from '../report/drift.js';
import { fitWithMarkers, LIMITS, table } from '../report/markdown.js';
import { barChart, comparisonChart } from '../report/mermaid.js';
import type { DriftObservation, DriftSeverity } from './drift.js';

/**
 * The words of a drift issue and its comments. The hidden markers are how the app finds its own
 * issue and knows which reports it already told people about, without keeping state, so no cut to
 * GitHub's size limit may take them: the issue's marker is its first line, and the report markers
 * are appended after the text is cut (fitWithMarkers).
 */

export function driftIssueMarker(model: string, environment: string): string {
  return `<!-- ghml:drift:${model}:${environment} -->`;
}

export function driftReportMarker(path: string): string {
  return `<!-- ghml:drift-report:${path} -->`;
}

/** The model and environment of a drift issue body, from its marker. */
export function parseDriftIssueMarker(body: string | null | undefined): { model: string; environment: string } | undefined {
  const match = /<!-- ghml:drift:([^:\s]+):([^:\s]+) -->/.exec(body ?? '');
  return match ? { model: match[1], environment: match[2] } : undefined;
}

/** Every drift issue carries `all`, which is how the app lists them, and one severity label. */
export const driftLabels = {
  all: 'ghml:drift',
  critical: 'ghml:drift:critical',
  warning: 'ghml:drift:warning',
} as const;

export const severityLabel = (severity: DriftSeverity) => driftLabels[severity];

export interface DriftIssueContext {
  model: string;
  environment: string;
  /** The version the environment's stage serves now, when the environment is a stage. */
  version: number | undefined;
  versionUrl: string | undefined;
  /** Link to a report on the registry branch. */
  reportUrl(path: string): string;
  owners: string[];
}

export type RetrainOutcome =
  | { kind: 'dispatched'; workflow: string; ref: string }
  | { kind: 'failed'; workflow: string; reason: string };

const format = (value: number | null) => (value === null ? '' : Math.abs(value) > 0 && Math.abs(value) < 1e-4 ? value.toExponential(2) : String(Number(value.toPrecision(4))));

export function driftIssueTitle(model: string, environment: string): string {
  return `Drift: ${model} in ${environment}`;
}

function driftedColumnsTable(report: DriftReport): string {
  const drifted = sortBySeverity(report.columns).filter((column) => column.drifted);
  if (drifted.length === 0) return '_No single column drifted; the dataset verdict comes from the share of columns._';
  return table(
    ['Column', 'Kind', 'Method', 'Statistic', 'p-value', 'Threshold', 'Values (ref / cur)'],
    drifted.map((column) => [column.name, column.role === 'feature' ? column.kind : `${column.kind} (${column.role})`, column.method ?? '', format(column.statistic), format(column.pValue), format(column.threshold), `${column.referenceCount} / ${column.currentCount}`]),
  );
}

/** The most drifted column's distributions, else each drifted column's statistic against its threshold. */
function driftChart(report: DriftReport): string | undefined {
  const drifted = sortBySeverity(report.columns).filter((column) => column.drifted);
  const shown = drifted.find((column) => column.distribution);
  if (shown?.distribution) return `**${shown.name}**: reference (bars) and current (line)\n\n${comparisonChart({ title: shown.name, ...shown.distribution })}`;
  const scored = drifted.filter((column) => column.statistic !== null && column.threshold);
  if (scored.length === 0) return undefined;
  return barChart({ title: 'Statistic ÷ threshold per drifted column', labels: scored.map((column) => column.name), values: scored.map((column) => column.statistic! / column.threshold!), yLabel: 'statistic / threshold' });
}

/** What the app says on the issue (or to a command) about the retraining it dispatched. */
export function retrainComment(outcome: RetrainOutcome, why: string): string {
  if (outcome.kind === 'dispatched') return `🔁 Retraining dispatched (${why}): \`${outcome.workflow}\` on \`${outcome.ref}\` through workflow_dispatch.`;
  return `⚠️ Retraining with \`${outcome.workflow}\` was asked for (${why}), but dispatching it failed: ${outcome.reason}.`;
}

export function driftIssueBody(context: DriftIssueContext, run: DriftObservation[], severity: DriftSeverity): string {
  const latest = run[0];
  const owners = context.owners.length > 0 ? context.owners.join(' ') : '_no owners named in the policy or model.json_';
  const version = context.version === undefined ? 'no version (the environment is not a stage of the policy)' : context.versionUrl ? `[v${context.version}](${context.versionUrl})` : `v${context.version}`;
  const parts = [
    driftIssueMarker(context.model, context.environment),
    `**${severity === 'critical' ? '🔴 Critical' : '🟡 Warning'}: ${driftVerdict(latest.report)}**`,
    `Drift in ${run.length} consecutive reports for **${context.model}** in **${context.environment}**, serving ${version}. Owners: ${owners}.`,
    driftedColumnsTable(latest.report),
    driftChart(latest.report),
    `Reports: ${run.map((observation) => `[${observation.path.split('/').at(-1)}](${context.reportUrl(observation.path)})`).join(', ')}`,
    '_This issue gets a comment for each later drifted report and is closed when reports are clean again._',
  ];
  return fitWithMarkers(parts.filter((part): part is string => part !== undefined).join('\n\n'), run.map((observation) => driftReportMarker(observation.path)), LIMITS.bodyCharacters);
}

export function driftCommentBody(context: DriftIssueContext, observation: DriftObservation, severity: DriftSeverity): string {
  const parts = [
    `**${severity === 'critical' ? '🔴' : '🟡'} Drift continues:** ${driftVerdict(observation.report)} ([report](${context.reportUrl(observation.path)}))`,
    driftedColumnsTable(observation.report),
    driftChart(observation.report),
  ];
  return fitWithMarkers(parts.filter((part): part is string => part !== undefined).join('\n\n'), [driftReportMarker(observation.path)], LIMITS.bodyCharacters);
}

export function driftClosingBody(context: DriftIssueContext, run: DriftObservation[]): string {
  const text = [
    `✅ ${run.length} consecutive reports without drift for **${context.model}** in **${context.environment}**: closing.`,
    `Reports: ${run.map((observation) => `[${observation.path.split('/').at(-1)}](${context.reportUrl(observation.path)})`).join(', ')}`,
  ].join('\n\n');
  return fitWithMarkers(text, run.map((observation) => driftReportMarker(observation.path)), LIMITS.bodyCharacters);
}
