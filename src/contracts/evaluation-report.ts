import { z } from 'zod';
import { noBaselinePolicies } from './evaluation-thresholds.js';

/**
 * The evaluation report ghml writes (camelCase, as every machine-written document). Numbers are
 * never NaN or infinite: a metric that is undefined on the data is null, with its reason in
 * `metricReasons`.
 */

export const tasks = ['binary', 'multiclass', 'regression'] as const;
export const EvaluationTask = z.enum(tasks);
export type EvaluationTask = z.infer<typeof EvaluationTask>;

const Label = z.union([z.string(), z.number()]);
const MetricValues = z.record(z.string(), z.number().nullable()).describe('Metric values by name; null where the metric is undefined on the data.');
const Interval = z.strictObject({ lower: z.number(), upper: z.number() });

export const ValueInfo = z.strictObject({
  name: z.string(),
  elementType: z.string().describe('ONNX Runtime\'s element type (float32, float64, int64, string, …), or "non-tensor" for sequences and maps.'),
  shape: z.array(z.union([z.number().int(), z.string()])).describe('Dimensions; symbolic ones (the batch) by name.'),
});

export const outputRoles = ['probabilities', 'positive-probability', 'label', 'value', 'unused'] as const;

export const ModelSummary = z.strictObject({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  inputs: z.array(ValueInfo.extend({ columns: z.array(z.string()).describe('The data columns fed to this input, in order.') })),
  outputs: z.array(ValueInfo.extend({ role: z.enum(outputRoles).describe('What ghml read this output as.') })),
  classes: z.array(Label).nullable().describe('The classes in the order of the probability columns; null for regression.'),
  executionProvider: z.enum(['cpu', 'cuda']),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

export const PerClass = z.strictObject({
  label: Label,
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int().nonnegative(),
  predicted: z.number().int().nonnegative(),
});

export const Calibration = z.strictObject({
  expectedCalibrationError: z.number(),
  bins: z.array(
    z.strictObject({
      lower: z.number(),
      upper: z.number(),
      count: z.number().int().nonnegative(),
      confidence: z.number().nullable().describe('Mean top-class probability; null for an empty bin.'),
      accuracy: z.number().nullable().describe('Share of rows whose top class is right; null for an empty bin.'),
    }),
  ),
});
export type Calibration = z.infer<typeof Calibration>;

export const ClassCurves = z.strictObject({
  label: Label.describe('The class these curves are about (the positive class, or one-vs-rest).'),
  roc: z.strictObject({ fpr: z.array(z.number()), tpr: z.array(z.number()), thresholds: z.array(z.number()) }).nullable(),
  precisionRecall: z.strictObject({ precision: z.array(z.number()), recall: z.array(z.number()), thresholds: z.array(z.number()) }).nullable(),
  calibration: z.strictObject({ probPred: z.array(z.number()), probTrue: z.array(z.number()), counts: z.array(z.number()) }),
  reason: z.string().nullable().describe('Why roc or precisionRecall is null.'),
});
export type ClassCurves = z.infer<typeof ClassCurves>;

const SliceKey = z.union([z.string(), z.number(), z.null()]);

export const SliceResult = z.strictObject({
  column: z.string(),
  minSize: z.number().int().positive(),
  slices: z.array(z.strictObject({ key: SliceKey, rows: z.number().int().positive(), metrics: MetricValues })),
  tooSmall: z.array(z.strictObject({ key: SliceKey, rows: z.number().int().positive() })).describe('Slices listed but not measured: fewer rows than minSize.'),
});
export type SliceResult = z.infer<typeof SliceResult>;

export const FairnessGap = z.strictObject({
  metric: z.string().describe('recall_gap, precision_gap or selection_rate_gap.'),
  column: z.string(),
  value: z.number().nullable(),
  reason: z.string().nullable(),
  highest: z.strictObject({ key: SliceKey, value: z.number() }).nullable(),
  lowest: z.strictObject({ key: SliceKey, value: z.number() }).nullable(),
  excluded: z.array(SliceKey).describe('Slices left out because the measure has no denominator in them.'),
});
export type FairnessGap = z.infer<typeof FairnessGap>;

export const Operational = z.strictObject({
  latencyP50Ms: z.number().nullable().describe('Latency of one single-row call to the model, median; null without rows.'),
  latencyP95Ms: z.number().nullable(),
  latencyP99Ms: z.number().nullable(),
  singleRowCalls: z.number().int().nonnegative().describe('Single-row calls timed (after warm-up).'),
  rowsPerSecond: z.number().nullable().describe('Rows per second of model time over the evaluation\'s batches.'),
  batchRows: z.number().int().positive().describe('Rows per batch.'),
  modelBytes: z.number().int().nonnegative(),
});

export const Baseline = z.strictObject({
  kind: z.enum(['model', 'report']).describe('model: an ONNX model evaluated on the same rows; report: a previous evaluation report.'),
  source: z.string().describe('The path or model@alias given.'),
  path: z.string(),
  sha256: z.string().describe('sha256 of the model file, or of the report file.'),
  rows: z.number().int().nonnegative(),
  sameRows: z.boolean().describe('Evaluated on the same rows as the challenger (a paired comparison).'),
  metrics: MetricValues,
  metricReasons: z.record(z.string(), z.string()),
  model: ModelSummary.nullable().describe('The baseline model, when it was evaluated here.'),
  calibration: Calibration.nullable(),
  curves: z.array(ClassCurves).nullable().describe('The baseline model\'s curves on the same rows, for charts.'),
});
export type Baseline = z.infer<typeof Baseline>;

export const Comparison = z.strictObject({
  metric: z.string(),
  champion: z.number().nullable(),
  challenger: z.number().nullable(),
  difference: z.number().nullable().describe('challenger − champion.'),
  interval: Interval.nullable().describe('Paired bootstrap interval of the difference; null without a paired baseline or bootstrap.'),
  significant: z.boolean().describe('The interval excludes zero.'),
  better: z.enum(['challenger', 'champion', 'neither']).describe('Which side the difference favours, by the metric\'s direction (neither: equal or no direction).'),
  reason: z.string().nullable(),
});
export type Comparison = z.infer<typeof Comparison>;

export const gateCheckKinds = ['min', 'max', 'min-delta', 'max-delta', 'significant', 'baseline', 'parity'] as const;

export const GateCheck = z.strictObject({
  metric: z.string(),
  kind: z.enum(gateCheckKinds),
  bound: z.number().nullable().describe('The bound, as a number: a relative change bound as a fraction (-0.02 for "-2%").'),
  relative: z.boolean().describe('The bound is relative to the champion\'s value.'),
  value: z.number().nullable().describe('What was compared with the bound: the metric, or the change.'),
  passed: z.boolean(),
  skipped: z.boolean().describe('Not checked (a change bound without a baseline); skipped checks count as passed.'),
  message: z.string(),
});
export type GateCheck = z.infer<typeof GateCheck>;

export const Gate = z.strictObject({
  passed: z.boolean(),
  noBaseline: z
    .enum([...noBaselinePolicies, 'absolute-only'])
    .nullable()
    .describe('null when there was a baseline; otherwise the policy applied to the first model: pass, fail, or absolute-only (no-baseline unset).'),
  thresholds: z.string().nullable().describe('The thresholds file.'),
  checks: z.array(GateCheck),
});
export type Gate = z.infer<typeof Gate>;

export const Parity = z.strictObject({
  file: z.string(),
  tolerance: z.number().nonnegative(),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.string()).describe('Reference columns compared, each with the model output it was compared against.'),
  mismatchedRows: z.number().int().nonnegative(),
  maxAbsoluteDifference: z.number().nullable(),
  passed: z.boolean(),
  mismatches: z
    .array(
      z.strictObject({
        row: z.number().int().positive(),
        column: z.string(),
        expected: z.union([z.number(), z.string(), z.null()]),
        actual: z.union([z.number(), z.string(), z.null()]),
        difference: z.number().nullable(),
      }),
    )
    .describe('The first mismatching values (at most 20), by data row counted from 1.'),
});
export type Parity = z.infer<typeof Parity>;

export const EvaluationReport = z
  .strictObject({
    format: z.literal('ghml.evaluation-report/v1'),
    createdAt: z.string().describe('ISO-8601 time the report was made.'),
    modelName: z.string(),
    task: EvaluationTask,
    rows: z.number().int().nonnegative(),
    label: z.string().describe('The label column.'),
    positiveLabel: Label.nullable().describe('The positive class of a binary task.'),
    data: z.strictObject({ files: z.array(z.string()), fingerprint: z.string().describe('sha256 over the files\' sha256 digests, in order.') }),
    model: ModelSummary,
    metrics: MetricValues,
    metricReasons: z.record(z.string(), z.string()).describe('Why a metric is null, or the convention behind its value.'),
    bootstrap: z.strictObject({ resamples: z.number().int().nonnegative(), seed: z.number().int(), confidence: z.number() }),
    intervals: z.record(z.string(), Interval.nullable()).describe('95% bootstrap confidence interval per metric; null where it could not be computed.'),
    perClass: z.array(PerClass).nullable(),
    confusionMatrix: z.strictObject({ labels: z.array(Label), matrix: z.array(z.array(z.number().int().nonnegative())) }).nullable().describe('Rows: true classes; columns: predicted.'),
    calibration: Calibration.nullable(),
    curves: z.array(ClassCurves).nullable().describe('ROC, precision–recall and calibration curves (at most 101 points each): the positive class, or each class one-vs-rest.'),
    slices: z.array(SliceResult),
    fairness: z.array(FairnessGap),
    operational: Operational,
    baseline: Baseline.nullable(),
    comparison: z.array(Comparison),
    gate: Gate,
    parity: Parity.nullable(),
    notes: z.array(z.string()).describe('What the reader should know: defaults applied, outputs ignored, fallbacks.'),
  })
  .describe('A ghml evaluation report: metrics of a model on a dataset, its comparison with a baseline, and the gate verdict.');
export type EvaluationReport = z.infer<typeof EvaluationReport>;
