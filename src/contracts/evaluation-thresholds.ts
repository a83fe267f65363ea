import { z } from 'zod';
import { BINARY_METRICS, FAIRNESS_GAPS, metricDirection, MULTICLASS_METRICS, REGRESSION_METRICS, type MetricName } from '../stats/metrics/index.js';

/**
 * The evaluation gate's thresholds, written by people (kebab-case keys, YAML or JSON):
 *
 * ```yaml
 * no-baseline: fail
 * metrics:
 *   accuracy: { min: 0.8 }
 *   f1_macro: { min-delta: -0.01, significant: true }
 *   log_loss: { max-delta: "5%" }
 *   recall_gap: { max: 0.1 }
 * ```
 */

export const GATED_METRICS: readonly MetricName[] = [...new Set<MetricName>([...BINARY_METRICS, ...MULTICLASS_METRICS, ...REGRESSION_METRICS, ...FAIRNESS_GAPS])];

const RELATIVE = /^[+-]?\d+(\.\d+)?%$/;

/** A change bound: a number is the change itself; a percentage ("-2%") is relative to the baseline's value. */
export const ChangeBound = z.union([
  z.number(),
  z.string().regex(RELATIVE, 'a number, or a percentage of the baseline value such as "-2%"'),
]);
export type ChangeBound = z.infer<typeof ChangeBound>;

export function parseChangeBound(bound: ChangeBound): { amount: number; relative: boolean } {
  return typeof bound === 'number' ? { amount: bound, relative: false } : { amount: Number(bound.slice(0, -1)) / 100, relative: true };
}

export const MetricThreshold = z
  .strictObject({
    min: z.number().optional().describe('The model\'s value must be at least this.'),
    max: z.number().optional().describe('The model\'s value must be at most this.'),
    'min-delta': ChangeBound.optional().describe(
      'challenger − champion must be at least this: a number (e.g. -0.01: may fall by at most 0.01) or a percentage of the champion\'s value ("-2%").',
    ),
    'max-delta': ChangeBound.optional().describe(
      'challenger − champion must be at most this: a number (e.g. 0.02 for a loss: may rise by at most 0.02) or a percentage ("5%").',
    ),
    significant: z
      .boolean()
      .default(false)
      .describe('The paired bootstrap interval of challenger − champion must exclude zero on the better side: a significant improvement.'),
  })
  .refine((t) => t.min === undefined || t.max === undefined || t.min <= t.max, { message: 'min must not be greater than max' })
  .refine((t) => t.min !== undefined || t.max !== undefined || t['min-delta'] !== undefined || t['max-delta'] !== undefined || t.significant, {
    message: 'give at least one of min, max, min-delta, max-delta or significant: true',
  });
export type MetricThreshold = z.infer<typeof MetricThreshold>;

export const noBaselinePolicies = ['pass', 'fail'] as const;

export const EvaluationThresholds = z
  .strictObject({
    'no-baseline': z
      .enum(noBaselinePolicies)
      .optional()
      .describe(
        'What the gate does when there is no baseline (the first model): pass it, or fail it. Unset: only the absolute bounds (min, max) apply, and the report says so.',
      ),
    metrics: z
      .record(z.string(), MetricThreshold)
      .describe('Bounds per metric, by the metric\'s name (scikit-learn\'s: accuracy, f1_macro, roc_auc, rmse, recall_gap, …).'),
  })
  .superRefine((thresholds, ctx) => {
    for (const [name, threshold] of Object.entries(thresholds.metrics)) {
      if (!GATED_METRICS.includes(name as MetricName)) {
        ctx.addIssue({ code: 'custom', path: ['metrics', name], message: `"${name}" is not a metric ghml computes; the metrics are ${GATED_METRICS.join(', ')}` });
      } else if (threshold.significant && metricDirection(name as MetricName) === 'neither') {
        ctx.addIssue({ code: 'custom', path: ['metrics', name, 'significant'], message: `${name} has no better direction, so it cannot improve significantly: bound it with min and max` });
      }
    }
  })
  .describe('Thresholds of the ghml evaluation gate.');
export type EvaluationThresholds = z.infer<typeof EvaluationThresholds>;
export type EvaluationThresholdsInput = z.input<typeof EvaluationThresholds>;
