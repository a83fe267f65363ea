import type { DriftReport } from '../contracts/drift.js';

/**
 * When drift becomes an issue, and when the issue is over: a pure decision over the newest drift
 * reports of one model and environment. Reports without enough data say nothing either way, so
 * they neither count toward a run nor break one.
 */

export interface DriftObservation {
  /** Path on the registry branch: drift/<model>/<environment>/<timestamp>.json. */
  path: string;
  report: DriftReport;
}

export type DriftSeverity = 'critical' | 'warning';

export type DriftAction =
  | { kind: 'open'; run: DriftObservation[]; severity: DriftSeverity }
  | { kind: 'comment'; report: DriftObservation; severity: DriftSeverity }
  | { kind: 'close'; report: DriftObservation; run: DriftObservation[] }
  | { kind: 'none'; reason: string };

export interface DriftThresholds {
  /** Consecutive drifted reports (with enough data) before an issue is opened. */
  openAfter: number;
  /** Consecutive clean reports (with enough data) before the issue is closed. */
  closeAfter: number;
}

/** The newest reports that reached a verdict, newest first, as far back as their verdict stays the same. */
export function currentRun(newestFirst: DriftObservation[]): DriftObservation[] {
  const decided = newestFirst.filter((observation) => observation.report.enoughData);
  if (decided.length === 0) return [];
  const drifted = decided[0].report.drifted;
  const end = decided.findIndex((observation) => observation.report.drifted !== drifted);
  return end < 0 ? decided : decided.slice(0, end);
}

/** How many reports with a verdict the decision needs to see at most. */
export function reportsNeeded(thresholds: DriftThresholds): number {
  return Math.max(thresholds.openAfter, thresholds.closeAfter);
}

/**
 * Critical when the model's own behaviour moved (its predictions drifted, or its measured
 * performance got worse where labels arrived) or most of its inputs drifted; a warning otherwise.
 */
export function driftSeverity(report: DriftReport): DriftSeverity {
  const predictionDrifted = report.columns.some((column) => column.role !== 'feature' && column.drifted);
  const change = report.performance?.change ?? null;
  const worse = change !== null && (report.performance!.metric === 'accuracy' ? change < 0 : change > 0);
  return predictionDrifted || worse || report.driftShare >= 0.5 ? 'critical' : 'warning';
}

export function decideDriftAction(newestFirst: DriftObservation[], openIssue: boolean, thresholds: DriftThresholds): DriftAction {
  const run = currentRun(newestFirst);
  if (run.length === 0) return { kind: 'none', reason: 'no report with enough data yet' };
  const latest = run[0];
  if (latest.report.drifted) {
    if (openIssue) return { kind: 'comment', report: latest, severity: driftSeverity(latest.report) };
    if (run.length >= thresholds.openAfter) return { kind: 'open', run: run.slice(0, thresholds.openAfter), severity: driftSeverity(latest.report) };
    return { kind: 'none', reason: `drift in ${run.length} of the ${thresholds.openAfter} consecutive reports that open an issue` };
  }
  if (openIssue && run.length >= thresholds.closeAfter) return { kind: 'close', report: latest, run: run.slice(0, thresholds.closeAfter) };
  return { kind: 'none', reason: openIssue ? `${run.length} of the ${thresholds.closeAfter} consecutive clean reports that close the issue` : 'no drift' };
}
