/**
 * The one result shape every metric returns, and the metric names.
 *
 * A metric is either a number or `null` with the reason it is undefined; it is never NaN, so a
 * report or a gate can always say why a value is missing. Curves use the same shape (`Outcome`). A number may also carry a reason when
 * it comes from a convention rather than a measurement (precision when nothing was predicted
 * positive is 0, as scikit-learn's `zero_division='warn'` makes it).
 */

export type Outcome<T> = { value: T; reason?: string } | { value: null; reason: string };

export type Metric = Outcome<number>;

export type MetricValues = Readonly<Record<string, Metric>>;

export function measured(value: number, reason?: string): Metric {
  return reason === undefined ? { value } : { value, reason };
}

export function undefinedMetric(reason: string): { value: null; reason: string } {
  return { value: null, reason };
}

export const BINARY_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'selection_rate',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier_score',
  'expected_calibration_error',
] as const;

export const MULTICLASS_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier_score',
  'expected_calibration_error',
] as const;

export const REGRESSION_METRICS = ['rmse', 'mae', 'r2', 'mape', 'median_absolute_error'] as const;

export const FAIRNESS_GAPS = ['recall_gap', 'precision_gap', 'selection_rate_gap'] as const;

export type BinaryMetricName = (typeof BINARY_METRICS)[number];
export type MulticlassMetricName = (typeof MULTICLASS_METRICS)[number];
export type RegressionMetricName = (typeof REGRESSION_METRICS)[number];
export type FairnessGapName = (typeof FAIRNESS_GAPS)[number];
export type MetricName = BinaryMetricName | MulticlassMetricName | RegressionMetricName | FairnessGapName;

const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>([
  'log_loss',
  'brier_score',
  'expected_calibration_error',
  'rmse',
  'mae',
  'mape',
  'median_absolute_error',
  'recall_gap',
  'precision_gap',
  'selection_rate_gap',
]);

/**
 * Which way is better, so a gate can tell an improvement from a regression. `selection_rate`
 * has no better direction: bound it absolutely, or bound `selection_rate_gap`.
 */
export function metricDirection(name: MetricName): 'higher' | 'lower' | 'neither' {
  if (name === 'selection_rate') return 'neither';
  return LOWER_IS_BETTER.has(name) ? 'lower' : 'higher';
}
