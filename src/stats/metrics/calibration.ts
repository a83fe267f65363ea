/**
 * Calibration: the expected calibration error with its reliability table, and scikit-learn's
 * `calibration_curve(strategy='uniform')` for one class.
 *
 * Bins (both): B equal-width bins with edges e_j = j · (1/B) for j < B and e_B = 1, which is
 * numpy.linspace(0, 1, B + 1) to the last bit. A value p goes to bin j = the number of inner
 * edges e_1..e_{B-1} strictly below p (numpy.searchsorted(..., side='left'), as
 * calibration_curve does), so bin j is (e_j, e_{j+1}] and bin 0 also holds 0.
 *
 * ECE: each row's confidence is its top-class probability and it is correct when that class
 * (the argmax, first on ties) is the true one; the predicted labels a model may report
 * separately are not used here. ECE = Σ_j (n_j / N) · |accuracy_j − mean confidence_j| over
 * non-empty bins. scikit-learn has no ECE; the fixture script checks this definition against a
 * numpy restatement.
 */

import { DataError } from '../../errors.js';
import { encodeLabels, expandBinaryProbabilities, requireProbabilities, requireRows, requireSameLength, topClass, type Label } from './input.js';

export const CALIBRATION_BINS = 10;

export function requireBinCount(binCount: number): void {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`the bin count must be a positive integer, got ${binCount}`);
}

export function calibrationEdges(binCount: number): Float64Array {
  requireBinCount(binCount);
  const step = 1 / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let j = 0; j < binCount; j++) edges[j] = j * step;
  edges[binCount] = 1;
  return edges;
}

/**
 * `edges` with the outer two at −∞ and +∞: bin j is the one with bounds[j] < p <= bounds[j + 1],
 * and the search needs no test for having reached the first or the last bin, a branch that goes
 * either way as the values come, which the processor mispredicts.
 */
function binBounds(edges: Float64Array): Float64Array {
  const bounds = Float64Array.from(edges);
  bounds[0] = -Infinity;
  bounds[bounds.length - 1] = Infinity;
  return bounds;
}

/** The bin of p (see the module comment) among `binBounds(edges)`; p is in [0, 1]. */
function calibrationBin(p: number, bounds: Float64Array): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a calibration bin needs a probability in [0, 1], got ${p}`);
  // ⌊p · B⌋ (B for p = 1) is within a bin of the answer; the bounds, as numpy.linspace rounds them, decide.
  let j = (p * (bounds.length - 1)) | 0;
  while (!(bounds[j] < p)) j--;
  while (bounds[j + 1] < p) j++;
  return j;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** mean top-class probability in the bin; null when the bin is empty */
  confidence: number | null;
  /** share of the bin's rows whose top class is the true one; null when the bin is empty */
  accuracy: number | null;
}

export interface ReliabilityTable {
  expectedCalibrationError: number;
  bins: ReliabilityBin[];
}

/** Per-bin sums of rows, confidences and correct rows, added to row by row or batch by batch. */
export class ReliabilityBins {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  readonly confidenceSums: Float64Array;
  readonly correctSums: Float64Array;
  private readonly bounds: Float64Array;

  constructor(binCount: number) {
    this.edges = calibrationEdges(binCount);
    this.bounds = binBounds(this.edges);
    this.counts = new Float64Array(binCount);
    this.confidenceSums = new Float64Array(binCount);
    this.correctSums = new Float64Array(binCount);
  }

  add(bin: number, confidence: number, correct: boolean, multiplicity: number): void {
    this.counts[bin] += multiplicity;
    this.confidenceSums[bin] += multiplicity * confidence;
    // Adding 0 for a wrong row changes no sum, and spares a branch on correctness that no processor predicts.
    this.correctSums[bin] += Number(correct) * multiplicity;
  }

  /** Adds the row of classCount probabilities starting at `base`, of true class `label`. */
  addRow(label: number, probabilities: ArrayLike<number>, base: number, classCount: number): void {
    const { confidence, top } = topClass(probabilities, base, classCount);
    this.add(calibrationBin(confidence, this.bounds), confidence, top === label, 1);
  }

  /** Adds rows × classCount probabilities with their true classes. */
  addRows(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number): void {
    for (let i = 0; i < labels.length; i++) this.addRow(labels[i], probabilities, i * classCount, classCount);
  }

  table(): ReliabilityTable {
    let rows = 0;
    for (const c of this.counts) rows += c;
    let ece = 0;
    const bins: ReliabilityBin[] = [];
    for (let j = 0; j < this.counts.length; j++) {
      const count = this.counts[j];
      const bin: ReliabilityBin = { lower: this.edges[j], upper: this.edges[j + 1], count, confidence: null, accuracy: null };
      if (count > 0) {
        bin.confidence = this.confidenceSums[j] / count;
        bin.accuracy = this.correctSums[j] / count;
        ece += (count / rows) * Math.abs(bin.accuracy - bin.confidence);
      }
      bins.push(bin);
    }
    return { expectedCalibrationError: ece, bins };
  }
}

/** Each row's bin, confidence and correctness, computed once so a resample only re-weights them. */
export interface ConfidenceRows {
  bin: Int32Array;
  confidence: Float64Array;
  correct: Uint8Array;
}

export function confidenceRows(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number, edges: Float64Array): ConfidenceRows {
  const rows = labels.length;
  const out: ConfidenceRows = { bin: new Int32Array(rows), confidence: new Float64Array(rows), correct: new Uint8Array(rows) };
  const bounds = binBounds(edges);
  for (let i = 0; i < rows; i++) {
    const { confidence, top } = topClass(probabilities, i * classCount, classCount);
    out.bin[i] = calibrationBin(confidence, bounds);
    out.confidence[i] = confidence;
    out.correct[i] = top === labels[i] ? 1 : 0;
  }
  return out;
}

export function reliabilityOf(rows: ConfidenceRows, binCount: number, multiplicities: Uint32Array): ReliabilityTable {
  const bins = new ReliabilityBins(binCount);
  for (let i = 0; i < rows.bin.length; i++) {
    const m = multiplicities[i];
    if (m !== 0) bins.add(rows.bin[i], rows.confidence[i], rows.correct[i] === 1, m);
  }
  return bins.table();
}

export interface CalibrationCurve {
  /** share of positive rows per non-empty bin */
  probTrue: Float64Array;
  /** mean predicted probability per non-empty bin */
  probPred: Float64Array;
  /** which bin (0-based) each point is, since empty bins are left out as scikit-learn does */
  bins: Int32Array;
  counts: Float64Array;
}

/**
 * The bins of calibration_curve for every class of row-major [N, C] probabilities, one-vs-rest
 * (class k's curve is of column k, against the rows of class k), added row by row.
 */
export class CalibrationCurveBins {
  private readonly bounds: Float64Array;
  private readonly binCount: number;
  private readonly classCount: number;
  private readonly counts: Float64Array;
  private readonly probabilitySums: Float64Array;
  private readonly positives: Float64Array;
  /** each class's bin in the row being added */
  private readonly rowBins: Int32Array;

  constructor(classCount: number, binCount: number) {
    this.bounds = binBounds(calibrationEdges(binCount));
    this.binCount = binCount;
    this.classCount = classCount;
    this.counts = new Float64Array(classCount * binCount);
    this.probabilitySums = new Float64Array(classCount * binCount);
    this.positives = new Float64Array(classCount * binCount);
    this.rowBins = new Int32Array(classCount);
  }

  /**
   * Adds the row of probabilities starting at `base`, of true class `label`, and, when given, to
   * `reliability` as well: the row's confidence is its top class's probability, binned here already.
   */
  addRow(label: number, values: ArrayLike<number>, base: number, reliability?: ReliabilityBins): void {
    const { bounds, binCount, classCount, counts, probabilitySums, rowBins } = this;
    let top = 0;
    for (let k = 0; k < classCount; k++) {
      const p = values[base + k];
      const bin = calibrationBin(p, bounds);
      rowBins[k] = bin;
      counts[k * binCount + bin] += 1;
      probabilitySums[k * binCount + bin] += p;
      // As `topClass`: the first of equal probabilities stays on top, and no branch.
      top += Number(p > values[base + top]) * (k - top);
    }
    // The row is a positive of its own class only: one update, where testing each class would be a branch each.
    this.positives[label * binCount + rowBins[label]] += 1;
    reliability?.add(rowBins[top], values[base + top], top === label, 1);
  }

  /** Adds rows × classes probabilities with their true classes (and to `reliability`, when given: see `addRow`). */
  addRows(labels: Int32Array, probabilities: ArrayLike<number>, reliability?: ReliabilityBins): void {
    for (let i = 0; i < labels.length; i++) this.addRow(labels[i], probabilities, i * this.classCount, reliability);
  }

  /** The curve of class k, over its non-empty bins. */
  curve(k: number): CalibrationCurve {
    const first = k * this.binCount;
    const occupied: number[] = [];
    for (let j = 0; j < this.binCount; j++) if (this.counts[first + j] > 0) occupied.push(j);
    return {
      probTrue: Float64Array.from(occupied, (j) => this.positives[first + j] / this.counts[first + j]),
      probPred: Float64Array.from(occupied, (j) => this.probabilitySums[first + j] / this.counts[first + j]),
      bins: Int32Array.from(occupied),
      counts: Float64Array.from(occupied, (j) => this.counts[first + j]),
    };
  }
}

/** `calibration_curve(y_true, probabilities, pos_label=positiveLabel, n_bins=bins, strategy='uniform')` */
export function calibrationCurve(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  positiveLabel: Label,
  bins = CALIBRATION_BINS,
): CalibrationCurve {
  requireSameLength(yTrue, probabilities, 'y_true', 'probabilities');
  requireRows(yTrue.length, 'calibration_curve');
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new DataError(`the predicted probability is ${p}, not a number in [0, 1]`, { row: i + 1 });
  }
  const positive = String(positiveLabel);
  const labels = Int32Array.from({ length: yTrue.length }, (_, i) => (String(yTrue[i]) === positive ? 1 : 0));
  // The positive class's curve of the two-class problem these probabilities make.
  const twoClasses = expandBinaryProbabilities(probabilities, 1);
  const curve = new CalibrationCurveBins(2, bins);
  curve.addRows(labels, twoClasses);
  return curve.curve(1);
}

/** The expected calibration error and reliability table of rows × classes probabilities (see above). */
export function expectedCalibrationError(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  classes: readonly Label[],
  bins = CALIBRATION_BINS,
): ReliabilityTable {
  requireRows(yTrue.length, 'expected_calibration_error');
  const labels = encodeLabels(yTrue, classes);
  requireProbabilities(probabilities, labels.length, classes);
  const table = new ReliabilityBins(bins);
  table.addRows(labels, probabilities, classes.length);
  return table.table();
}
