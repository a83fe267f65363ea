import type { Comparison, Gate, GateCheck, Parity } from '../contracts/evaluation-report.js';
import { parseChangeBound, type ChangeBound, type EvaluationThresholds } from '../contracts/evaluation-thresholds.js';
import { ConfigurationError } from '../errors.js';
import { formatMetric } from '../report/evaluation.js';
import { metricDirection, type MetricName } from '../stats/metrics/index.js';

/**
 * The gate: each threshold becomes checks, and the model passes when every check does.
 *
 * - `min` / `max` bound the model's own value.
 * - `min-delta` / `max-delta` bound the change challenger − champion, or with a percentage the
 *   change relative to the champion's value, (challenger − champion) / |champion|.
 * - `significant: true` asks for a significant improvement: the paired bootstrap interval of the
 *   change lies wholly on the better side of zero (above it for accuracy, below it for a loss).
 *
 * Without a baseline, change checks are skipped; `no-baseline: fail` fails the gate instead, and
 * `no-baseline: pass` passes it whatever the absolute checks say (they are still reported).
 * An undefined metric fails every check on it, with the metric's reason.
 */

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

/** A thresholds file may only name metrics this evaluation computes; said before any work is done. */
export function checkThresholdMetrics(thresholds: EvaluationThresholds, available: readonly string[], file: string, hint: string): void {
  for (const name of Object.keys(thresholds.metrics)) {
    if (!available.includes(name)) {
      throw new ConfigurationError(`${file}: metrics.${name}: ${hint} does not compute ${name}; it computes ${available.join(', ')}`, { input: 'thresholds' });
    }
  }
}

export interface GateInput {
  thresholds: EvaluationThresholds | null;
  thresholdsFile: string | null;
  metrics: Record<string, number | null>;
  reasons: Record<string, string>;
  /** The champion's comparison, or null when there is no baseline. */
  comparison: Comparison[] | null;
  /** The baseline was evaluated on the same rows here, so paired intervals exist. */
  paired: boolean;
  bootstrapResamples: number;
  parity: Parity | null;
}

function check(metric: string, kind: GateCheck['kind'], bound: number | null, value: number | null, passed: boolean, message: string, extra: Partial<GateCheck> = {}): GateCheck {
  return { metric, kind, bound, relative: false, value, passed, skipped: false, message, ...extra };
}

function absoluteChecks(name: string, value: number | null, reason: string | undefined, threshold: EvaluationThresholds['metrics'][string]): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const kind of ['min', 'max'] as const) {
    const bound = threshold[kind];
    if (bound === undefined) continue;
    if (value === null) {
      checks.push(check(name, kind, bound, null, false, `${name} is undefined (${reason ?? 'no value'}), so it cannot meet ${kind} ${formatMetric(bound)}`));
      continue;
    }
    const passed = kind === 'min' ? value >= bound : value <= bound;
    const relation = passed ? (kind === 'min' ? '≥' : '≤') : kind === 'min' ? 'is below' : 'is above';
    checks.push(check(name, kind, bound, value, passed, `${name} ${formatMetric(value)} ${relation} ${kind} ${formatMetric(bound)}`));
  }
  return checks;
}

function changeCheck(name: string, kind: 'min-delta' | 'max-delta', spec: ChangeBound, row: Comparison): GateCheck {
  const { amount, relative } = parseChangeBound(spec);
  const boundText = relative ? percent(amount) : formatMetric(amount);
  const extra = { relative };
  if (row.challenger === null || row.champion === null) {
    return check(name, kind, amount, null, false, `${name} is undefined for the ${row.challenger === null ? 'challenger' : 'champion'} (${row.reason ?? 'no value'}), so its change cannot be bounded`, extra);
  }
  if (relative && row.champion === 0) {
    return check(name, kind, amount, null, false, `${name} of the champion is 0, so a change relative to it is undefined: use an absolute ${kind}`, extra);
  }
  const change = relative ? (row.challenger - row.champion) / Math.abs(row.champion) : row.challenger - row.champion;
  const passed = kind === 'min-delta' ? change >= amount : change <= amount;
  const changeText = relative ? percent(change) : formatMetric(change);
  const relation = passed ? (kind === 'min-delta' ? 'is at least' : 'is at most') : kind === 'min-delta' ? 'is below' : 'is above';
  return check(
    name,
    kind,
    amount,
    change,
    passed,
    `${name} changed by ${changeText} (${formatMetric(row.champion)} → ${formatMetric(row.challenger)}), which ${relation} ${kind} ${boundText}`,
    extra,
  );
}

function significanceCheck(name: string, row: Comparison, input: GateInput): GateCheck {
  const fail = (message: string) => check(name, 'significant', 0, row.difference, false, message);
  if (!input.paired) return fail(`${name}: a significant change needs a baseline model evaluated on the same rows (a report baseline has no per-row predictions to pair)`);
  if (input.bootstrapResamples === 0) return fail(`${name}: a significant change needs bootstrap resamples (bootstrap is 0)`);
  if (row.interval === null) return fail(`${name}: the change has no interval (${row.reason ?? 'undefined'})`);
  const better = metricDirection(name as MetricName) === 'higher' ? row.interval.lower > 0 : row.interval.upper < 0;
  const interval = `[${formatMetric(row.interval.lower)}, ${formatMetric(row.interval.upper)}]`;
  return check(
    name,
    'significant',
    0,
    row.difference,
    better,
    better
      ? `${name} improved by ${formatMetric(row.difference)}, 95% interval ${interval} excludes zero`
      : `${name} changed by ${formatMetric(row.difference)}, 95% interval ${interval}: not a significant improvement`,
  );
}

export function runGate(input: GateInput): Gate {
  const checks: GateCheck[] = [];
  const thresholds = input.thresholds;
  const hasBaseline = input.comparison !== null;
  const policy = thresholds?.['no-baseline'];
  for (const [name, threshold] of Object.entries(thresholds?.metrics ?? {})) {
    checks.push(...absoluteChecks(name, input.metrics[name] ?? null, input.reasons[name], threshold));
    const changeKinds = [
      ...(['min-delta', 'max-delta'] as const).filter((kind) => threshold[kind] !== undefined),
      ...(threshold.significant ? (['significant'] as const) : []),
    ];
    for (const kind of changeKinds) {
      if (!hasBaseline) {
        checks.push({ ...check(name, kind, null, null, true, `${name}: ${kind} not checked, there is no baseline`), skipped: true });
        continue;
      }
      const row = input.comparison!.find((c) => c.metric === name);
      if (row === undefined) {
        checks.push(check(name, kind, null, null, false, `the baseline has no ${name} to compare with`));
      } else if (kind === 'significant') {
        checks.push(significanceCheck(name, row, input));
      } else {
        checks.push(changeCheck(name, kind, threshold[kind]!, row));
      }
    }
  }
  if (!hasBaseline && policy === 'fail') {
    checks.push(check('baseline', 'baseline', null, null, false, 'there is no baseline to compare with, and the thresholds say no-baseline: fail'));
  }
  if (input.parity) {
    const parity = input.parity;
    checks.push(
      check(
        'parity',
        'parity',
        parity.tolerance,
        parity.maxAbsoluteDifference,
        parity.passed,
        parity.passed
          ? `the ONNX outputs match the reference predictions on all ${parity.rows} rows (tolerance ${formatMetric(parity.tolerance)})`
          : `${parity.mismatchedRows} of ${parity.rows} rows differ from the reference predictions by more than ${formatMetric(parity.tolerance)} (largest difference ${formatMetric(parity.maxAbsoluteDifference)})`,
      ),
    );
  }
  const noBaseline = hasBaseline ? null : (policy ?? 'absolute-only');
  const passed = noBaseline === 'pass' ? checks.every((c) => c.passed || c.kind !== 'parity') : checks.every((c) => c.passed);
  return { passed, noBaseline, thresholds: input.thresholdsFile, checks };
}
