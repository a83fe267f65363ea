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
import { encodeLabels, requireProbabilities, requireRows, requireSameLength, topClass, type Label } from './input.js';

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

/** The bin of p among `edges` (see the module comment); p is in [0, 1]. */
function calibrationBin(p: number, edges: Float64Array): number {
  const last = edges.length - 2;
  let j = Math.min(Math.max(Math.ceil(p * (last + 1)) - 1, 0), last);
  while (j > 0 && !(edges[j] < p)) j--;
  while (j < last && edges[j + 1] < p) j++;
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

  constructor(binCount: number) {
    this.edges = calibrationEdges(binCount);
    this.counts = new Float64Array(binCount);
    this.confidenceSums = new Float64Array(binCount);
    this.correctSums = new Float64Array(binCount);
  }

  add(bin: number, confidence: number, correct: boolean, multiplicity: number): void {
    this.counts[bin] += multiplicity;
    this.confidenceSums[bin] += multiplicity * confidence;
    if (correct) this.correctSums[bin] += multiplicity;
  }

  /** Adds rows × classCount probabilities with their true classes. */
  addRows(labels: Int32Array, probabilities: ArrayLike<number>, classCount: number): void {
    for (let i = 0; i < labels.length; i++) {
      const { confidence, top } = topClass(probabilities, i * classCount, classCount);
      this.add(calibrationBin(confidence, this.edges), confidence, top === labels[i], 1);
    }
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
  for (let i = 0; i < rows; i++) {
    const { confidence, top } = topClass(probabilities, i * classCount, classCount);
    out.bin[i] = calibrationBin(confidence, edges);
    out.confidence[i] = confidence;
    out.correct[i] = top === labels[i] ? 1 : 0;
  }
  return out;
}

export function reliabilityOf(rows: ConfidenceRows, binCount: number, multiplicities?: Uint32Array): ReliabilityTable {
  const bins = new ReliabilityBins(binCount);
  for (let i = 0; i < rows.bin.length; i++) {
    const m = multiplicities === undefined ? 1 : multiplicities[i];
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

/** calibration_curve of class `positive`, its probability read at values[i * stride + offset]. */
export function calibrationCurveOf(
  labels: Int32Array,
  positive: number,
  values: ArrayLike<number>,
  stride: number,
  offset: number,
  binCount: number,
): CalibrationCurve {
  const edges = calibrationEdges(binCount);
  const counts = new Float64Array(binCount);
  const probabilitySums = new Float64Array(binCount);
  const positives = new Float64Array(binCount);
  for (let i = 0; i < labels.length; i++) {
    const p = values[i * stride + offset];
    const j = calibrationBin(p, edges);
    counts[j] += 1;
    probabilitySums[j] += p;
    if (labels[i] === positive) positives[j] += 1;
  }
  const occupied: number[] = [];
  counts.forEach((c, j) => {
    if (c > 0) occupied.push(j);
  });
  return {
    probTrue: Float64Array.from(occupied, (j) => positives[j] / counts[j]),
    probPred: Float64Array.from(occupied, (j) => probabilitySums[j] / counts[j]),
    bins: Int32Array.from(occupied),
    counts: Float64Array.from(occupied, (j) => counts[j]),
  };
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
  return calibrationCurveOf(labels, 1, probabilities, 1, 0, bins);
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
