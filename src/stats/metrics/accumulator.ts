/**
 * Streaming: accumulators that take predictions batch by batch and keep only what the metrics
 * need, so an evaluation over a large file never holds more than that.
 *
 * What "what the metrics need" is:
 * - Counts-only metrics (accuracy, balanced accuracy, precision, recall, F1, the per-class
 *   table, confusion matrix) need a C × C matrix; log loss and the Brier score a running sum;
 *   the reliability table B bins of sums. That is all `keepRows: false` keeps: O(C² + B) memory.
 * - ROC AUC, average precision, the curves, the bootstrap and slices need every row: a ranking
 *   cannot be merged from summaries without approximation, and a resample or slice picks rows.
 *   With `keepRows: true` (the default) the accumulator keeps labels (4 bytes a row), the
 *   probabilities (4·C bytes a row from a float32 model, 8·C from a float64 one), predicted labels when
 *   they come separately (4 bytes) and each slice column's key codes (4 bytes), in typed arrays
 *   that grow fourfold when full.
 * A regression accumulator always keeps y_true and y_pred (16 bytes a row): the median absolute
 * error and the bootstrap need them.
 */

import { confusionCounts } from './classification.js';
import { CALIBRATION_BINS, ReliabilityBins, requireBinCount } from './calibration.js';
import {
  buildClassificationReport,
  ClassificationEvaluation,
  NO_PROBABILITIES,
  RegressionEvaluation,
  ROWS_CHECKED,
  type ClassificationReport,
  type ProbabilityParts,
  type RegressionReport,
} from './evaluation.js';
import {
  LabelEncoder,
  positiveClassIndex,
  predictedClasses,
  requireFinite,
  requireProbabilities,
  requireRows,
  requireSameLength,
  type Label,
} from './input.js';
import { undefinedMetric } from './metric.js';
import { LossSums } from './probabilistic.js';
import { SliceEncoder, type EncodedSlices, type SliceKey } from './slices.js';

/**
 * A typed array that grows fourfold when full. Growing costs the copy into fresh memory, which
 * must be paged in: growing fourfold copies a third as much as doubling does, and capacity not yet
 * written costs address space, not memory.
 */
class GrowingArray<A extends Float32Array | Float64Array | Int32Array> {
  private buffer: A;
  length = 0;

  constructor(private readonly allocate: (capacity: number) => A) {
    this.buffer = allocate(1024);
  }

  append(values: ArrayLike<number>): void {
    const needed = this.length + values.length;
    if (needed > this.buffer.length) {
      const grown = this.allocate(Math.max(needed, 4 * this.buffer.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(values, this.length);
    this.length = needed;
  }

  view(): A {
    return this.buffer.subarray(0, this.length) as A;
  }
}

const float64 = (capacity: number) => new Float64Array(capacity);
const int32 = (capacity: number) => new Int32Array(capacity);
// In shared memory, so that another thread can rank the classes without a copy of the rows.
const sharedFloat32 = (capacity: number) => new Float32Array(new SharedArrayBuffer(capacity * Float32Array.BYTES_PER_ELEMENT));
const sharedFloat64 = (capacity: number) => new Float64Array(new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT));
const sharedInt32 = (capacity: number) => new Int32Array(new SharedArrayBuffer(capacity * Int32Array.BYTES_PER_ELEMENT));

/**
 * Probabilities kept at the model's own precision: float32 (4·C bytes a row) while every batch is a
 * Float32Array, as a model's output tensor is; float64 from the first batch that is not, the rows
 * kept so far widened. Either way the numbers read back are the numbers given.
 */
class KeptProbabilities {
  private kept: GrowingArray<Float32Array> | GrowingArray<Float64Array> | null = null;
  private wide = false;

  append(values: ArrayLike<number>): void {
    if (this.kept === null) {
      this.wide = !(values instanceof Float32Array);
      this.kept = this.wide ? new GrowingArray(sharedFloat64) : new GrowingArray(sharedFloat32);
    } else if (!this.wide && !(values instanceof Float32Array)) {
      const widened = new GrowingArray(sharedFloat64);
      widened.append(this.kept.view());
      this.kept = widened;
      this.wide = true;
    }
    this.kept.append(values);
  }

  view(): Float32Array | Float64Array {
    return this.kept === null ? new Float64Array(0) : this.kept.view();
  }
}

type SliceBatch = Readonly<Record<string, ArrayLike<SliceKey | undefined>>>;

class SliceColumns {
  private readonly columns = new Map<string, { encoder: SliceEncoder; codes: GrowingArray<Int32Array> }>();

  constructor(names: readonly string[]) {
    for (const name of names) this.columns.set(name, { encoder: new SliceEncoder(), codes: new GrowingArray(int32) });
  }

  check(slices: SliceBatch | undefined, rows: number): void {
    for (const name of this.columns.keys()) {
      const keys = slices?.[name];
      if (keys === undefined) throw new RangeError(`the batch has no keys for slice column "${name}"`);
      if (keys.length !== rows) throw new RangeError(`slice column "${name}" has ${keys.length} keys for ${rows} rows`);
    }
  }

  /** Appends a batch's keys; call check() first so that a bad batch changes nothing. */
  append(slices: SliceBatch | undefined): void {
    for (const [name, column] of this.columns) column.codes.append(column.encoder.encode(slices![name]));
  }

  get(name: string): EncodedSlices {
    const column = this.columns.get(name);
    if (column === undefined) {
      throw new RangeError(`"${name}" is not a slice column; the accumulator was given [${[...this.columns.keys()].join(', ')}]`);
    }
    return { codes: column.codes.view(), keys: column.encoder.keys };
  }
}

export interface ClassificationAccumulatorOptions {
  classes: readonly Label[];
  positiveLabel?: Label;
  /** keep every row (needed for ROC AUC, average precision, curves, bootstrap, slices); true by default */
  keepRows?: boolean;
  calibrationBins?: number;
  /** slice columns whose keys every batch carries; requires keepRows */
  sliceColumns?: readonly string[];
  /** the evaluation's `curvePoints`: downsample its ROC and precision–recall curves to this many points */
  curvePoints?: number;
}

export interface ClassificationBatch {
  labels: ArrayLike<Label>;
  /** row-major [rows, C] probabilities, in `classes` order */
  probabilities?: ArrayLike<number>;
  predictions?: ArrayLike<Label>;
  slices?: SliceBatch;
}

const ROWS_NOT_KEPT = 'the rows were not kept (keepRows: false), and ranking metrics need every row';

interface Totals {
  counts: Float64Array;
  losses: LossSums;
  reliability: ReliabilityBins;
}

interface KeptRows {
  labels: GrowingArray<Int32Array>;
  probabilities: KeptProbabilities;
  predictions: GrowingArray<Int32Array>;
}

export class ClassificationAccumulator {
  readonly classes: readonly Label[];
  private readonly encoder: LabelEncoder;
  private readonly positive: number | null;
  private readonly calibrationBins: number;
  private readonly curvePoints: number | undefined;
  private readonly kept: KeptRows | null;
  private readonly totals: Totals | null;
  private readonly slices: SliceColumns;
  private shape: { probabilities: boolean; predictions: boolean } | null = null;
  private count = 0;

  constructor(options: ClassificationAccumulatorOptions) {
    this.encoder = new LabelEncoder(options.classes);
    this.classes = options.classes;
    this.positive = options.classes.length === 2 ? positiveClassIndex(options.classes, options.positiveLabel) : null;
    this.calibrationBins = options.calibrationBins ?? CALIBRATION_BINS;
    requireBinCount(this.calibrationBins);
    this.curvePoints = options.curvePoints;
    const keepRows = options.keepRows ?? true;
    const sliceColumns = options.sliceColumns ?? [];
    if (!keepRows && sliceColumns.length > 0) throw new RangeError('slices need the rows: set keepRows to true or drop sliceColumns');
    this.slices = new SliceColumns(sliceColumns);
    const classCount = options.classes.length;
    this.kept = keepRows
      ? { labels: new GrowingArray(sharedInt32), probabilities: new KeptProbabilities(), predictions: new GrowingArray(int32) }
      : null;
    this.totals = keepRows
      ? null
      : {
          counts: new Float64Array(classCount * classCount),
          losses: new LossSums(),
          reliability: new ReliabilityBins(this.calibrationBins),
        };
  }

  get rows(): number {
    return this.count;
  }

  add(batch: ClassificationBatch): void {
    const firstRow = this.count + 1;
    const rows = batch.labels.length;
    const classCount = this.classes.length;
    const shape = { probabilities: batch.probabilities !== undefined, predictions: batch.predictions !== undefined };
    if (!shape.probabilities && !shape.predictions) throw new RangeError('a batch needs probabilities, predictions or both');
    if (this.shape !== null && (this.shape.probabilities !== shape.probabilities || this.shape.predictions !== shape.predictions)) {
      throw new RangeError('every batch must carry the same outputs (probabilities and/or predictions) as the first');
    }
    const labels = this.encoder.encode(batch.labels, firstRow);
    if (batch.probabilities !== undefined) requireProbabilities(batch.probabilities, rows, this.classes, firstRow);
    let predictions: Int32Array;
    if (batch.predictions !== undefined) {
      requireSameLength(batch.predictions, batch.labels, 'predictions', 'labels');
      predictions = this.encoder.encode(batch.predictions, firstRow);
    } else {
      predictions = predictedClasses(batch.probabilities!, classCount);
    }
    this.slices.check(batch.slices, rows);
    this.slices.append(batch.slices);
    this.shape = shape;
    this.count += rows;
    if (this.kept !== null) {
      this.kept.labels.append(labels);
      if (batch.probabilities !== undefined) this.kept.probabilities.append(batch.probabilities);
      if (batch.predictions !== undefined) this.kept.predictions.append(predictions);
      return;
    }
    const totals = this.totals!;
    const counts = confusionCounts(labels, predictions, classCount);
    for (let j = 0; j < counts.length; j++) totals.counts[j] += counts[j];
    const probabilities = batch.probabilities;
    if (probabilities !== undefined) {
      totals.losses.addRows(labels, probabilities, classCount, this.positive);
      totals.reliability.addRows(labels, probabilities, classCount);
    }
  }

  /** The prepared evaluation of every row so far, for bootstrap, slices and curves (keepRows only). */
  evaluation(): ClassificationEvaluation {
    if (this.kept === null) throw new RangeError(`evaluation() needs the rows: ${ROWS_NOT_KEPT}`);
    requireRows(this.count, 'classification metrics');
    return new ClassificationEvaluation(
      {
        classes: this.classes,
        labels: this.kept.labels.view(),
        probabilities: this.shape!.probabilities ? this.kept.probabilities.view() : undefined,
        predictions: this.shape!.predictions ? this.kept.predictions.view() : undefined,
        positiveLabel: this.positive === null ? undefined : this.classes[this.positive],
        calibrationBins: this.calibrationBins,
        curvePoints: this.curvePoints,
      },
      ROWS_CHECKED,
    );
  }

  report(): ClassificationReport {
    if (this.kept !== null) return this.evaluation().report();
    requireRows(this.count, 'classification metrics');
    const totals = this.totals!;
    const parts: ProbabilityParts | string = this.shape!.probabilities
      ? {
          logLoss: totals.losses.logLoss / this.count,
          brierScore: totals.losses.brier / this.count,
          reliability: totals.reliability.table(),
          ranking: { rocAuc: undefinedMetric(ROWS_NOT_KEPT), averagePrecision: undefinedMetric(ROWS_NOT_KEPT) },
        }
      : NO_PROBABILITIES;
    return buildClassificationReport(this.classes, this.positive, totals.counts, parts);
  }

  sliceKeys(column: string): EncodedSlices {
    return this.slices.get(column);
  }
}

export interface RegressionBatch {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  slices?: SliceBatch;
}

export class RegressionAccumulator {
  private readonly yTrue = new GrowingArray(float64);
  private readonly yPred = new GrowingArray(float64);
  private readonly slices: SliceColumns;

  constructor(options: { sliceColumns?: readonly string[] } = {}) {
    this.slices = new SliceColumns(options.sliceColumns ?? []);
  }

  get rows(): number {
    return this.yTrue.length;
  }

  add(batch: RegressionBatch): void {
    requireSameLength(batch.yTrue, batch.yPred, 'y_true', 'y_pred');
    const firstRow = this.rows + 1;
    requireFinite(batch.yTrue, 'y_true', firstRow);
    requireFinite(batch.yPred, 'y_pred', firstRow);
    this.slices.check(batch.slices, batch.yTrue.length);
    this.slices.append(batch.slices);
    this.yTrue.append(batch.yTrue);
    this.yPred.append(batch.yPred);
  }

  evaluation(): RegressionEvaluation {
    return new RegressionEvaluation({ yTrue: this.yTrue.view(), yPred: this.yPred.view() });
  }

  report(): RegressionReport {
    return this.evaluation().report();
  }

  sliceKeys(column: string): EncodedSlices {
    return this.slices.get(column);
  }
}
