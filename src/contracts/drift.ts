import { z } from 'zod';

/**
 * drift-check's configuration (written by people: kebab-case) and its report (written by ghml:
 * camelCase, as every machine-written document).
 */

export const driftMethods = ['auto', 'ks', 'chi2', 'z', 'wasserstein', 'wasserstein-normed', 'jensenshannon', 'psi'] as const;
export const DriftMethod = z.enum(driftMethods);
export type DriftMethod = z.infer<typeof DriftMethod>;
export type ConcreteDriftMethod = Exclude<DriftMethod, 'auto'>;

export const corrections = ['none', 'bonferroni', 'benjamini-hochberg'] as const;

const ColumnDriftConfig = z.strictObject({
  method: DriftMethod.optional().describe('Method for this column; auto chooses by type and sample size.'),
  threshold: z.number().positive().optional().describe('p-value below which (tests) or distance at or above which (distances) the column drifts.'),
});

export const DriftConfig = z
  .strictObject({
    method: DriftMethod.default('auto').describe('Default method for every column.'),
    threshold: z.number().positive().optional().describe('Default threshold, overriding each method\'s own default.'),
    'drift-share': z.number().gt(0).max(1).default(0.5).describe('The dataset drifts when at least this share of checked columns drift.'),
    'min-rows': z.number().int().positive().default(100).describe('Fewer current (or reference) rows than this give no verdict (enoughData: false).'),
    correction: z.enum(corrections).default('none').describe('Multiple-testing correction of p-values across columns.'),
    significance: z
      .number()
      .gt(0)
      .max(1)
      .default(0.05)
      .describe('A distance (wasserstein, jensenshannon, psi) counts as drift only when the matching test (KS or chi-square) is also below this p-value; 1 turns the guard off.'),
    columns: z.record(z.string(), ColumnDriftConfig).default({}).describe('Per-column method and threshold.'),
    ignore: z.array(z.string()).default([]).describe('Columns not checked (ids, timestamps).'),
  })
  .describe('drift-check configuration.');
export type DriftConfig = z.infer<typeof DriftConfig>;
export type DriftConfigInput = z.input<typeof DriftConfig>;

export const columnStatuses = ['ok', 'not-enough-data', 'missing-in-reference', 'missing-in-current', 'all-missing', 'type-mismatch', 'too-many-categories'] as const;

export const ColumnDrift = z.strictObject({
  name: z.string(),
  role: z.enum(['feature', 'prediction', 'label']),
  kind: z.enum(['numeric', 'categorical', 'binary']),
  method: z.enum(driftMethods.filter((m) => m !== 'auto') as [ConcreteDriftMethod, ...ConcreteDriftMethod[]]).nullable(),
  statistic: z.number().nullable().describe('The test statistic or distance; null when the column could not be checked.'),
  pValue: z.number().min(0).max(1).nullable().describe('For ks, chi2 and z; after correction when one is configured.'),
  significance: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('For distances: the p-value of the matching test (KS or chi-square) that must also be below the significance level.'),
  threshold: z.number().nullable(),
  drifted: z.boolean(),
  referenceCount: z.number().int().nonnegative().describe('Values present in the reference.'),
  currentCount: z.number().int().nonnegative().describe('Values present in the current data.'),
  status: z.enum(columnStatuses).describe('ok when a verdict was reached; otherwise why not.'),
  message: z.string().nullable(),
  approximate: z.boolean().describe('Computed from sketches (a saved profile) rather than the raw values.'),
  distribution: z
    .strictObject({
      labels: z.array(z.string()),
      reference: z.array(z.number()).describe('Share of reference values per bin or category.'),
      current: z.array(z.number()),
    })
    .nullable()
    .describe('Reference and current distributions over common bins, for charts.'),
});
export type ColumnDrift = z.infer<typeof ColumnDrift>;

export const DriftReport = z
  .strictObject({
    format: z.literal('ghml.drift-report/v1'),
    drifted: z.boolean(),
    driftShare: z.number().min(0).max(1).describe('Share of checked columns that drifted.'),
    driftShareThreshold: z.number(),
    enoughData: z.boolean(),
    minRows: z.number().int(),
    referenceRows: z.number().int().nonnegative(),
    currentRows: z.number().int().nonnegative(),
    correction: z.enum(corrections),
    reference: z.strictObject({ kind: z.enum(['data', 'profile']), fingerprint: z.string() }),
    current: z.strictObject({ fingerprint: z.string(), files: z.array(z.string()) }),
    createdAt: z.string().describe('ISO-8601 time the report was made.'),
    performance: z
      .strictObject({
        metric: z.enum(['accuracy', 'mae']).describe('accuracy for categorical labels, mean absolute error for numeric ones'),
        reference: z.number().nullable().describe('On reference rows with both a prediction and a label; null when the reference has none.'),
        current: z.number(),
        currentRows: z.number().int().positive().describe('Current rows with both a prediction and a label.'),
        change: z.number().nullable().describe('current − reference.'),
      })
      .nullable()
      .describe('Model performance where labels have arrived (concept drift), when prediction and label columns are named.'),
    columns: z.array(ColumnDrift),
  })
  .describe('A ghml drift report: per-column drift statistics and the dataset verdict.');
export type DriftReport = z.infer<typeof DriftReport>;
