/**
 * The evaluation metrics: pure functions and accumulators over predictions, each agreeing with
 * the scikit-learn function it is named after. See README.md beside this file.
 */

export {
  BINARY_METRICS,
  MULTICLASS_METRICS,
  REGRESSION_METRICS,
  FAIRNESS_GAPS,
  metricDirection,
  type Metric,
  type MetricValues,
  type MetricName,
  type BinaryMetricName,
  type MulticlassMetricName,
  type RegressionMetricName,
  type FairnessGapName,
  type Outcome,
} from './metric.js';
export { encodeLabels, predictedClasses, expandBinaryProbabilities, type Label } from './input.js';
export {
  confusionMatrix,
  accuracyScore,
  balancedAccuracyScore,
  precisionScore,
  recallScore,
  f1Score,
  precisionRecallFscoreSupport,
  type Averaging,
  type PerClassMetrics,
} from './classification.js';
export {
  rocAucScore,
  averagePrecisionScore,
  rocCurve,
  precisionRecallCurve,
  downsampleCurve,
  RankingSpace,
  type RocCurve,
  type PrecisionRecallCurve,
} from './ranking.js';
export { logLoss, brierScoreLoss, LOG_LOSS_EPSILON } from './probabilistic.js';
export {
  calibrationCurve,
  expectedCalibrationError,
  CALIBRATION_BINS,
  type CalibrationCurve,
  type ReliabilityBin,
  type ReliabilityTable,
} from './calibration.js';
export {
  rootMeanSquaredError,
  meanAbsoluteError,
  r2Score,
  meanAbsolutePercentageError,
  medianAbsoluteError,
} from './regression.js';
export {
  ClassificationEvaluation,
  RegressionEvaluation,
  rankClassScores,
  type RankedClass,
  type Evaluation,
  type ClassificationInput,
  type ClassificationReport,
  type ClassificationCurves,
  type RegressionInput,
  type RegressionReport,
} from './evaluation.js';
export {
  sliceMetrics,
  fairnessGaps,
  encodeSliceKeys,
  MIN_SLICE_SIZE,
  type SliceKey,
  type EncodedSlices,
  type SliceOptions,
  type SliceMetrics,
  type SliceReport,
  type FairnessGap,
} from './slices.js';
export {
  bootstrap,
  pairedBootstrap,
  percentile,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  BOOTSTRAP_CONFIDENCE,
  type BootstrapOptions,
  type Interval,
  type MetricInterval,
  type DifferenceInterval,
} from './bootstrap.js';
export { Xoshiro128 } from './random.js';
export {
  ClassificationAccumulator,
  RegressionAccumulator,
  type ClassificationAccumulatorOptions,
  type ClassificationBatch,
  type RegressionBatch,
} from './accumulator.js';
