/**
 * Prepared evaluations: one model's predictions on one set of rows, checked once, with the
 * per-row work (sorting by score, per-row losses, calibration bins) done once and kept, so that
 * the metric suite can be recomputed cheaply on a bootstrap resample or a slice.
 *
 * A resample is given as multiplicities: multiplicities[i] is how many times row i was drawn.
 * Every metric then equals its value on the materialised resample (the rows repeated), without
 * copying any array.
 */

import {
  classTotals,
  confusionCounts,
  confusionRows,
  countMetrics,
  perClassMetrics,
  type PerClassMetrics,
} from './classification.js';
import {
  CALIBRATION_BINS,
  CalibrationCurveBins,
  calibrationEdges,
  confidenceRows,
  ReliabilityBins,
  reliabilityOf,
  type CalibrationCurve,
  type ConfidenceRows,
  type ReliabilityTable,
} from './calibration.js';
import {
  classIndexOf,
  classLookup,
  positiveClassIndex,
  predictedClasses,
  requireClassIndices,
  requireProbabilities,
  requireRows,
  requireSameLength,
  type Label,
} from './input.js';
import {
  BINARY_METRICS,
  MULTICLASS_METRICS,
  measured,
  undefinedMetric,
  type Metric,
  type MetricValues,
  type Outcome,
} from './metric.js';
import { brierPerRow, logLossPerRow, LossSums, weightedMean } from './probabilistic.js';
import {
  countRuns,
  macroOverClasses,
  precisionRecallCurveOf,
  rankingMetrics,
  rankScores,
  RankingSpace,
  requireMaxPoints,
  rocCurveOf,
  runMetrics,
  type PrecisionRecallCurve,
  type Ranking,
  type RankingMetrics,
  type RocCurve,
  type RunCounts,
} from './ranking.js';
import { regressionRows, type RegressionRows } from './regression.js';

/** What bootstrap and slices need of an evaluation, classification or regression alike. */
export interface Evaluation {
  readonly rows: number;
  /** y_true (class indices or numbers): paired comparisons require the same target row by row. */
  readonly target: ArrayLike<number>;
  /** The metric suite, each row counted multiplicities[row] times when given. */
  metrics(multiplicities?: Uint32Array): MetricValues;
  /** The same evaluation on `rows` (indices into this one). */
  subset(rows: Int32Array): Evaluation;
}

function checkMultiplicities(multiplicities: Uint32Array | undefined, rows: number): void {
  if (multiplicities !== undefined && multiplicities.length !== rows) {
    throw new RangeError(`multiplicities have ${multiplicities.length} entries for ${rows} rows`);
  }
}

// ---------------------------------------------------------------- classification

export interface ClassificationInput {
  /** every class the model knows, in the order of its probability columns */
  classes: readonly Label[];
  /** y_true as indices into `classes` (see encodeLabels) */
  labels: Int32Array;
  /** row-major [N, C] class probabilities, C = classes.length */
  probabilities?: Float32Array | Float64Array;
  /** predicted class indices; the most probable class of each row when omitted */
  predictions?: Int32Array;
  /** for two classes, the class precision, recall, AUC... are about; the second class by default */
  positiveLabel?: Label;
  /** reliability bins for the expected calibration error; 10 by default */
  calibrationBins?: number;
  /**
   * downsample the ROC and precision–recall curves `curves` gives to at most this many points
   * (see `downsampleCurve`), for charts; every point when omitted. A curve can have a point per
   * distinct score, so an evaluation of many rows that will be charted should set it.
   */
  curvePoints?: number;
}

export const NO_PROBABILITIES = 'the model gave no class probabilities, only labels';

/** The probability metrics of a set of rows; a reason string stands in for them where there are no probabilities. */
export interface ProbabilityParts {
  logLoss: number;
  brierScore: number;
  reliability: ReliabilityTable;
  ranking: RankingMetrics;
}

/**
 * The metric record in its documented order, from a confusion matrix and the probability parts
 * (or the reason they are missing, which then explains each missing metric).
 */
function assembleClassificationMetrics(
  counts: Float64Array,
  classes: readonly Label[],
  positive: number | null,
  probability: ProbabilityParts | string,
): Record<string, Metric> {
  const all = countMetrics(counts, classes, positive);
  if (typeof probability === 'string') {
    for (const name of ['roc_auc', 'average_precision', 'log_loss', 'brier_score', 'expected_calibration_error']) {
      all[name] = undefinedMetric(probability);
    }
  } else {
    all.roc_auc = probability.ranking.rocAuc;
    all.average_precision = probability.ranking.averagePrecision;
    all.log_loss = measured(probability.logLoss);
    all.brier_score = measured(probability.brierScore);
    all.expected_calibration_error = measured(probability.reliability.expectedCalibrationError);
  }
  const order = positive === null ? MULTICLASS_METRICS : BINARY_METRICS;
  return Object.fromEntries(order.map((name) => [name, all[name]]));
}

export interface ClassificationReport {
  task: 'binary' | 'multiclass';
  rows: number;
  classes: Label[];
  /** the positive class of a binary task; null for multiclass */
  positiveLabel: Label | null;
  metrics: MetricValues;
  /** rows: true classes; columns: predicted classes; both in `classes` order */
  confusionMatrix: number[][];
  perClass: PerClassMetrics[];
  /** null without probabilities */
  reliability: ReliabilityTable | null;
}

export function buildClassificationReport(
  classes: readonly Label[],
  positive: number | null,
  counts: Float64Array,
  probability: ProbabilityParts | string,
): ClassificationReport {
  return {
    task: positive === null ? 'multiclass' : 'binary',
    rows: classTotals(counts, classes.length).rows,
    classes: [...classes],
    positiveLabel: positive === null ? null : classes[positive],
    metrics: assembleClassificationMetrics(counts, classes, positive, probability),
    confusionMatrix: confusionRows(counts, classes.length),
    perClass: perClassMetrics(counts, classes),
    reliability: typeof probability === 'string' ? null : probability.reliability,
  };
}

export interface ClassificationCurves {
  /** the class the curves are about (one-vs-rest for multiclass) */
  label: Label;
  roc: Outcome<RocCurve>;
  precisionRecall: Outcome<PrecisionRecallCurve>;
  /** calibration_curve of this class's probability, uniform bins */
  calibration: CalibrationCurve;
}

type RankingCurves = Pick<ClassificationCurves, 'roc' | 'precisionRecall'>;

/** One class's ranking on all rows: its metrics, and its curves when they are downsampled (small enough to keep). */
export interface RankedClass {
  metrics: RankingMetrics;
  curves: RankingCurves | null;
}

function rankingCurvesOf(counts: RunCounts, name: string, curvePoints: number | undefined, space?: RankingSpace): RankingCurves {
  return { roc: rocCurveOf(counts, name, curvePoints, space), precisionRecall: precisionRecallCurveOf(counts, name, curvePoints) };
}

/**
 * Sorts the scores of class `positive` (values[i * stride + offset]) once: its ranking metrics,
 * and its curves when `curvePoints` downsamples them, with the run counts they came from (made in
 * `space` when given, they last until its next use). Also for ranking a class in another thread,
 * for `ClassificationEvaluation.adoptRanking`.
 */
export function rankClassScores(
  values: ArrayLike<number>,
  rows: number,
  stride: number,
  offset: number,
  labels: Int32Array,
  positive: number,
  name: string,
  curvePoints: number | undefined,
  space?: RankingSpace,
): { counts: RunCounts; ranked: RankedClass } {
  const counts = countRuns(values, rows, stride, offset, labels, positive, space);
  const ranked: RankedClass = {
    metrics: runMetrics(counts, name),
    curves: curvePoints === undefined ? null : rankingCurvesOf(counts, name, curvePoints, space),
  };
  return { counts, ranked };
}

/** What resamples re-weight, computed on the first one: per-row losses and confidences, each class's order of rows. */
interface ResampleCache {
  logLoss?: Float64Array;
  brier?: Float64Array;
  confidence?: ConfidenceRows;
  rankings: (Ranking | undefined)[];
}

/** Marks rows whose labels, predictions and probabilities were checked already (see the constructor); not exported from the package. */
export const ROWS_CHECKED: unique symbol = Symbol('rows checked');

/**
 * A classification model's predictions on a set of rows. The arrays given are kept, not copied:
 * do not change them afterwards. Results on all rows are computed on first use and kept; what
 * resamples need per row is computed on the first resample and kept.
 */
export class ClassificationEvaluation implements Evaluation {
  readonly task: 'binary' | 'multiclass';
  readonly classes: readonly Label[];
  readonly labels: Int32Array;
  readonly probabilities: Float32Array | Float64Array | null;
  readonly predictions: Int32Array;
  /** index of the positive class for a binary task, null for multiclass */
  readonly positive: number | null;
  readonly calibrationBins: number;
  readonly curvePoints: number | undefined;
  private readonly calibrationEdges: Float64Array;
  private allRows: ProbabilityParts | undefined;
  private rowParts: Omit<ProbabilityParts, 'ranking'> | undefined;
  private readonly ranked: (RankedClass | undefined)[] = [];
  /** each class's calibration_curve bins, from the pass over all rows */
  private calibrationCurves: CalibrationCurveBins | undefined;
  private readonly resampleCache: ResampleCache = { rankings: [] };

  /** `rowsChecked`: the accumulator, which checked every batch as it came, passes ROWS_CHECKED to skip checking the rows again. */
  constructor(input: ClassificationInput, rowsChecked?: typeof ROWS_CHECKED) {
    const { classes, labels } = input;
    classLookup(classes);
    requireRows(labels.length, 'classification metrics');
    if (input.probabilities === undefined && input.predictions === undefined) {
      throw new RangeError('classification metrics need probabilities, predictions or both');
    }
    if (input.predictions !== undefined) requireSameLength(input.predictions, labels, 'predictions', 'labels');
    if (rowsChecked !== ROWS_CHECKED) {
      requireClassIndices(labels, classes.length, 'labels');
      if (input.probabilities !== undefined) requireProbabilities(input.probabilities, labels.length, classes);
      if (input.predictions !== undefined) requireClassIndices(input.predictions, classes.length, 'predictions');
    }
    if (input.curvePoints !== undefined) requireMaxPoints(input.curvePoints);
    this.classes = classes;
    this.labels = labels;
    this.probabilities = input.probabilities ?? null;
    this.predictions = input.predictions ?? predictedClasses(input.probabilities!, classes.length);
    this.task = classes.length === 2 ? 'binary' : 'multiclass';
    this.positive = this.task === 'binary' ? positiveClassIndex(classes, input.positiveLabel) : null;
    this.calibrationBins = input.calibrationBins ?? CALIBRATION_BINS;
    this.calibrationEdges = calibrationEdges(this.calibrationBins);
    this.curvePoints = input.curvePoints;
  }

  get rows(): number {
    return this.labels.length;
  }

  get target(): Int32Array {
    return this.labels;
  }

  confusion(multiplicities?: Uint32Array): Float64Array {
    checkMultiplicities(multiplicities, this.rows);
    return confusionCounts(this.labels, this.predictions, this.classes.length, multiplicities);
  }

  metrics(multiplicities?: Uint32Array): MetricValues {
    return assembleClassificationMetrics(this.confusion(multiplicities), this.classes, this.positive, this.probabilityParts(multiplicities));
  }

  report(): ClassificationReport {
    return buildClassificationReport(this.classes, this.positive, this.confusion(), this.probabilityParts());
  }

  /**
   * ROC, precision–recall and calibration curves of one class (the positive one by default);
   * with `curvePoints`, the ROC and precision–recall curves are downsampled to that many points.
   */
  curves(label?: Label): Outcome<ClassificationCurves> {
    const probabilities = this.probabilities;
    if (probabilities === null) return undefinedMetric(NO_PROBABILITIES);
    if (label === undefined && this.positive === null) {
      throw new RangeError(`curves of a multiclass evaluation are one-vs-rest: name the class, one of [${this.classes.join(', ')}]`);
    }
    const k = label === undefined ? this.positive! : classIndexOf(label, this.classes);
    // The pass over all rows bins the calibration curves, and ranks the classes the metrics need (keeping downsampled curves).
    this.allRows ??= this.allRowsParts(probabilities);
    let rankingCurves = this.ranked[k]?.curves;
    if (rankingCurves === undefined || rankingCurves === null) {
      const { counts, ranked } = this.rankClass(k);
      rankingCurves = ranked.curves ?? rankingCurvesOf(counts, String(this.classes[k]), this.curvePoints);
    }
    return { value: { label: this.classes[k], ...rankingCurves, calibration: this.calibrationCurves!.curve(k) } };
  }

  subset(rows: Int32Array): ClassificationEvaluation {
    const classCount = this.classes.length;
    const probabilities = this.probabilities;
    return new ClassificationEvaluation({
      classes: this.classes,
      labels: Int32Array.from(rows, (i) => this.labels[i]),
      predictions: Int32Array.from(rows, (i) => this.predictions[i]),
      probabilities:
        probabilities === null
          ? undefined
          : Float64Array.from({ length: rows.length * classCount }, (_, j) => {
              const row = rows[Math.floor(j / classCount)];
              return probabilities[row * classCount + (j % classCount)];
            }),
      positiveLabel: this.positive === null ? undefined : this.classes[this.positive],
      calibrationBins: this.calibrationBins,
      curvePoints: this.curvePoints,
    });
  }

  /** Sorts class k's scores once: its ranking metrics, and its curves when downsampled, are kept; the run counts are not. */
  private rankClass(k: number, space?: RankingSpace): { counts: RunCounts; ranked: RankedClass } {
    const result = rankClassScores(this.probabilities!, this.rows, this.classes.length, k, this.labels, k, String(this.classes[k]), this.curvePoints, space);
    this.ranked[k] = result.ranked;
    return result;
  }

  /** The classes the metrics on all rows rank: the positive one, or every class one-vs-rest. */
  get rankedClasses(): number[] {
    return this.positive !== null ? [this.positive] : this.classes.map((_, k) => k);
  }

  /** Ranks classes `ks` now, in one ranking space, unless they are ranked already. */
  rankClasses(ks: readonly number[]): void {
    if (this.probabilities === null) return;
    const space = new RankingSpace(this.rows);
    for (const k of ks) if (this.ranked[k] === undefined) this.rankClass(k, space);
  }

  /** Takes class k's ranking made elsewhere by `rankClassScores` on this evaluation's probabilities, labels and curve points. */
  adoptRanking(k: number, ranked: RankedClass): void {
    this.ranked[k] = ranked;
  }

  /** The passes over all rows other than ranking (losses, reliability and calibration bins), now, unless done. */
  measureRows(): void {
    if (this.probabilities !== null) this.rowParts ??= this.rowPartsOf(this.probabilities);
  }

  private rankingMetricsOf(k: number, multiplicities: Uint32Array | undefined, space: RankingSpace | undefined): RankingMetrics {
    if (multiplicities === undefined) return (this.ranked[k] ?? this.rankClass(k, space).ranked).metrics;
    const rankings = this.resampleCache.rankings;
    rankings[k] ??= rankScores(this.probabilities!, this.rows, this.classes.length, k);
    return rankingMetrics(rankings[k], this.labels, k, String(this.classes[k]), multiplicities);
  }

  private rankingParts(multiplicities: Uint32Array | undefined): RankingMetrics {
    // On all rows, the classes are ranked one after another in one space.
    const space = multiplicities === undefined ? new RankingSpace(this.rows) : undefined;
    if (this.positive !== null) return this.rankingMetricsOf(this.positive, multiplicities, space);
    const perClass = this.classes.map((_, k) => this.rankingMetricsOf(k, multiplicities, space));
    return {
      rocAuc: macroOverClasses(perClass.map((r) => r.rocAuc), this.classes),
      averagePrecision: macroOverClasses(perClass.map((r) => r.averagePrecision), this.classes),
    };
  }

  /** The losses and reliability on all rows, and each class's calibration curve bins: one pass over the rows for the losses, one for the bins. */
  private rowPartsOf(probabilities: Float32Array | Float64Array): Omit<ProbabilityParts, 'ranking'> {
    const { labels, positive, rows } = this;
    const classCount = this.classes.length;
    const losses = new LossSums();
    losses.addRows(labels, probabilities, classCount, positive);
    const reliability = new ReliabilityBins(this.calibrationBins);
    const calibration = new CalibrationCurveBins(classCount, this.calibrationBins);
    calibration.addRows(labels, probabilities, reliability);
    this.calibrationCurves = calibration;
    return { logLoss: losses.logLoss / rows, brierScore: losses.brier / rows, reliability: reliability.table() };
  }

  /** The probability metrics on all rows. */
  private allRowsParts(probabilities: Float32Array | Float64Array): ProbabilityParts {
    this.rowParts ??= this.rowPartsOf(probabilities);
    return { ...this.rowParts, ranking: this.rankingParts(undefined) };
  }

  private probabilityParts(multiplicities?: Uint32Array): ProbabilityParts | string {
    const probabilities = this.probabilities;
    if (probabilities === null) return NO_PROBABILITIES;
    const classCount = this.classes.length;
    if (multiplicities === undefined) {
      this.allRows ??= this.allRowsParts(probabilities);
      return this.allRows;
    }
    const cache = this.resampleCache;
    cache.logLoss ??= logLossPerRow(this.labels, probabilities, classCount);
    cache.brier ??= brierPerRow(this.labels, probabilities, classCount, this.positive);
    cache.confidence ??= confidenceRows(this.labels, probabilities, classCount, this.calibrationEdges);
    return {
      logLoss: weightedMean(cache.logLoss, multiplicities),
      brierScore: weightedMean(cache.brier, multiplicities),
      reliability: reliabilityOf(cache.confidence, this.calibrationBins, multiplicities),
      ranking: this.rankingParts(multiplicities),
    };
  }
}

// ---------------------------------------------------------------- regression

export interface RegressionInput {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
}

export interface RegressionReport {
  task: 'regression';
  rows: number;
  metrics: MetricValues;
}

/** A regression model's predictions on a set of rows; float64 arrays given are kept, not copied. */
export class RegressionEvaluation implements Evaluation {
  private readonly errors: RegressionRows;

  constructor(input: RegressionInput) {
    this.errors = regressionRows(input.yTrue, input.yPred, 'regression metrics');
  }

  get rows(): number {
    return this.errors.rows;
  }

  get target(): Float64Array {
    return this.errors.yTrue;
  }

  metrics(multiplicities?: Uint32Array): MetricValues {
    checkMultiplicities(multiplicities, this.rows);
    return this.errors.metrics(multiplicities);
  }

  report(): RegressionReport {
    return { task: 'regression', rows: this.rows, metrics: this.metrics() };
  }

  subset(rows: Int32Array): RegressionEvaluation {
    return new RegressionEvaluation({
      yTrue: Float64Array.from(rows, (i) => this.errors.yTrue[i]),
      yPred: Float64Array.from(rows, (i) => this.errors.yPred[i]),
    });
  }
}
