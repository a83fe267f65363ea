/**
 * Metrics and curves of a ranking by score: ROC AUC, average precision, the ROC and
 * precision–recall curves, as scikit-learn computes them.
 *
 * Rows are sorted by descending score and grouped into runs of equal scores (a run is one
 * threshold: tied rows cross it together). Two forms serve two needs:
 * - `countRuns` sorts the scores with each row's "is positive" flag carried along and keeps, per
 *   run, the cumulative true and false positives and the score: every metric and curve on all rows
 *   comes from that in one sequential pass, and nothing per row outlives it.
 * - `rankScores` keeps the rows' order (4 bytes a row). A resample is then a multiplicity per row
 *   and every metric is one walk over the order, so a bootstrap costs O(N) per resample, never a
 *   new sort.
 *
 * - ROC AUC is the trapezoid area under (FPR, TPR) over the run boundaries, which is the
 *   Mann–Whitney probability with ties counted half: Σ_runs ΔFP · (TP_before + ΔTP / 2) / (P · N).
 * - Average precision is Σ_runs (ΔTP / P) · precision after the run, scikit-learn's
 *   uninterpolated step sum (-Σ diff(recall) · precision[:-1]).
 *
 * Undefined: with no positive or no negative rows both are undefined (scikit-learn raises for
 * the AUC and, in 1.2, reports 0 for average precision); with a single run (every score equal)
 * the AUC is undefined here, where scikit-learn reports 0.5, because a constant prediction
 * ranks nothing. Average precision of a constant score stays defined: it is the prevalence, the
 * value of a model without skill.
 */

import { encodeLabels, positiveClassIndex, requireProbabilities, requireRows, requireSameLength, type Label } from './input.js';
import { float64Bits, loadFloat64Bits } from '../float-bits.js';
import { measured, undefinedMetric, type Metric, type Outcome } from './metric.js';

// ---------------------------------------------------------------- sorting

/** Turns digit counts into the start of each digit's bucket; false, changing nothing, when every key has the digit `first`. */
function bucketStarts(counts: Uint32Array, first: number, rows: number): boolean {
  if (counts[first] === rows) return false;
  let start = 0;
  for (let d = 0; d < counts.length; d++) {
    const count = counts[d];
    counts[d] = start;
    start += count;
  }
  return true;
}

/**
 * Sorts `keys` ascending, stable, carrying `payload` along: a least-significant-digit radix sort
 * of two 16-bit passes that move keys and payload together, so every pass reads sequentially. A
 * pass whose digit is the same for every key is skipped. Both arrays are used as scratch space:
 * pass arrays the caller will not read again.
 */
function sortByKeys(keys: Uint32Array, payload: Int32Array): { keys: Uint32Array; payload: Int32Array } {
  const rows = keys.length;
  const low = new Uint32Array(0x10000);
  const high = new Uint32Array(0x10000);
  for (let i = 0; i < rows; i++) {
    const key = keys[i];
    low[key & 0xffff]++;
    high[key >>> 16]++;
  }
  let sorted = { keys, payload };
  let spare: { keys: Uint32Array; payload: Int32Array } | null = null;
  for (const [shift, counts] of [[0, low], [16, high]] as const) {
    if (!bucketStarts(counts, (keys[0] >>> shift) & 0xffff, rows)) continue;
    const to: { keys: Uint32Array; payload: Int32Array } = spare ?? { keys: new Uint32Array(rows), payload: new Int32Array(rows) };
    const fromKeys = sorted.keys;
    const fromPayload = sorted.payload;
    const toKeys = to.keys;
    const toPayload = to.payload;
    for (let j = 0; j < rows; j++) {
      const key = fromKeys[j];
      const at = counts[(key >>> shift) & 0xffff]++;
      toKeys[at] = key;
      toPayload[at] = fromPayload[j];
    }
    spare = sorted;
    sorted = to;
  }
  return sorted;
}

/**
 * Keys that sort ascending as the scores sort descending, when every score is a float32, as model
 * outputs are: the float's bits with the sign flipped for positives and every bit flipped for
 * negatives order like the numbers; complemented, they order the other way. null when a score is
 * not a float32 (or is NaN).
 */
function descendingFloat32Keys(values: ArrayLike<number>, rows: number, stride: number, offset: number): Uint32Array | null {
  const floats = new Float32Array(rows);
  const bits = new Uint32Array(floats.buffer);
  for (let i = 0; i < rows; i++) {
    const score = values[i * stride + offset];
    if (Math.fround(score) !== score) return null;
    // + 0 turns -0 into +0: the two compare equal, so they must share a key and a run.
    floats[i] = score + 0;
    const b = bits[i];
    bits[i] = b & 0x80000000 ? b : ~b & 0x7fffffff;
  }
  return bits;
}

/** The float32 bits a key of `descendingFloat32Keys` was made from. */
function float32BitsOfKey(key: number): number {
  const ascending = ~key;
  return ascending & 0x80000000 ? ascending & 0x7fffffff : ~ascending;
}

/**
 * Row indices by descending score for any float64 scores, and whether two rows' scores are equal:
 * each score's bits as two words (as `descendingFloat32Keys` makes one), sorted by four 16-bit
 * passes that read the keys through the order.
 */
function sortByFloat64Scores(values: ArrayLike<number>, rows: number, stride: number, offset: number): { order: Int32Array; sameScore: (a: number, b: number) => boolean } {
  const high = new Uint32Array(rows);
  const low = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    loadFloat64Bits(values[i * stride + offset]);
    const h = float64Bits[0];
    const l = float64Bits[1];
    const negative = (h & 0x80000000) !== 0;
    high[i] = negative ? h : ~h & 0x7fffffff;
    low[i] = negative ? l : ~l;
  }
  let order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  let spare = new Int32Array(rows);
  const counts = new Uint32Array(0x10000);
  for (const [keys, shift] of [[low, 0], [low, 16], [high, 0], [high, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < rows; i++) counts[(keys[i] >>> shift) & 0xffff]++;
    if (!bucketStarts(counts, (keys[0] >>> shift) & 0xffff, rows)) continue;
    for (let j = 0; j < rows; j++) spare[counts[(keys[order[j]] >>> shift) & 0xffff]++] = order[j];
    [order, spare] = [spare, order];
  }
  return { order, sameScore: (a, b) => high[a] === high[b] && low[a] === low[b] };
}

// ---------------------------------------------------------------- all rows: run counts

/** Per run of equal scores, by descending score: the rows scored at or above it and the run's score. */
export interface RunCounts {
  /** cumulative true positives */
  tps: Int32Array;
  /** cumulative false positives */
  fps: Int32Array;
  scores: Float64Array;
}

/**
 * The run counts of class `positive` against the rest, scores read at values[i * stride + offset]
 * (one column of row-major probabilities). A comparator sort of row indices costs hundreds of
 * milliseconds per million rows and class; instead each score becomes an unsigned key that orders
 * like the number, and a radix sort carries each row's "is positive" flag along, so the counts
 * come from one sequential pass: two passes for float32 scores, up to four for float64 ones.
 */
export function countRuns(values: ArrayLike<number>, rows: number, stride: number, offset: number, labels: Int32Array, positive: number): RunCounts {
  const keys = descendingFloat32Keys(values, rows, stride, offset);
  if (keys === null) return countRankedRuns(rankScores(values, rows, stride, offset), labels, positive);
  const isPositive = new Int32Array(rows);
  for (let i = 0; i < rows; i++) isPositive[i] = labels[i] === positive ? 1 : 0;
  const sorted = sortByKeys(keys, isPositive);
  const sortedKeys = sorted.keys;
  const sortedPositive = sorted.payload;
  let runs = rows > 0 ? 1 : 0;
  for (let j = 1; j < rows; j++) if (sortedKeys[j] !== sortedKeys[j - 1]) runs++;
  const tps = new Int32Array(runs);
  const fps = new Int32Array(runs);
  const scoreBits = new Uint32Array(runs);
  let tp = 0;
  let run = 0;
  for (let j = 0; j < rows; j++) {
    tp += sortedPositive[j];
    const key = sortedKeys[j];
    if (j + 1 < rows && sortedKeys[j + 1] === key) continue;
    tps[run] = tp;
    fps[run] = j + 1 - tp;
    scoreBits[run] = float32BitsOfKey(key);
    run++;
  }
  return { tps, fps, scores: new Float64Array(new Float32Array(scoreBits.buffer)) };
}

/** The run counts from a ranking (scores that are not all float32). */
function countRankedRuns(ranking: Ranking, labels: Int32Array, positive: number): RunCounts {
  const { order, runs, values, stride, offset } = ranking;
  const counts: RunCounts = { tps: new Int32Array(runs), fps: new Int32Array(runs), scores: new Float64Array(runs) };
  let tp = 0;
  let run = 0;
  for (let j = 0; j < order.length; j++) {
    const entry = order[j];
    const row = rowOf(entry);
    if (labels[row] === positive) tp++;
    if (entry >= 0) continue;
    counts.tps[run] = tp;
    counts.fps[run] = j + 1 - tp;
    counts.scores[run] = values[row * stride + offset] + 0;
    run++;
  }
  return counts;
}

export interface RankingMetrics {
  rocAuc: Metric;
  averagePrecision: Metric;
}

/** The sums both metrics are made of, added run by run in descending score order. */
class RankingSums {
  tp = 0;
  fp = 0;
  area = 0;
  precisionSum = 0;
  occupiedRuns = 0;

  addRun(runTp: number, runFp: number): void {
    if (runTp + runFp === 0) return;
    this.occupiedRuns++;
    this.area += runFp * (this.tp + runTp / 2);
    this.tp += runTp;
    this.fp += runFp;
    if (runTp > 0) this.precisionSum += runTp * (this.tp / (this.tp + this.fp));
  }

  metrics(positiveName: string): RankingMetrics {
    const { tp, fp } = this;
    const name = JSON.stringify(positiveName);
    if (tp === 0) {
      const reason = `no rows of class ${name} in y_true`;
      return {
        rocAuc: undefinedMetric(`${reason}: ROC AUC needs both classes`),
        averagePrecision: undefinedMetric(`${reason}: average precision is undefined (scikit-learn 1.2 reports 0)`),
      };
    }
    const averagePrecision = measured(this.precisionSum / tp);
    if (fp === 0) {
      return { rocAuc: undefinedMetric(`every row is of class ${name} in y_true: ROC AUC needs both classes`), averagePrecision };
    }
    if (this.occupiedRuns < 2) {
      return {
        rocAuc: undefinedMetric(
          `every row has the same score for class ${name}: a constant prediction ranks nothing, so ROC AUC is undefined (scikit-learn reports 0.5)`,
        ),
        averagePrecision,
      };
    }
    return { rocAuc: measured(this.area / (tp * fp)), averagePrecision };
  }
}

/** ROC AUC and average precision from run counts; `positiveName` names the class in reasons. */
export function runMetrics(counts: RunCounts, positiveName: string): RankingMetrics {
  const { tps, fps } = counts;
  const sums = new RankingSums();
  for (let g = 0; g < tps.length; g++) sums.addRun(tps[g] - (g > 0 ? tps[g - 1] : 0), fps[g] - (g > 0 ? fps[g - 1] : 0));
  return sums.metrics(positiveName);
}

// ---------------------------------------------------------------- resamples: the order of the rows

export interface Ranking {
  /**
   * Row indices by descending score. The last row of each run of equal scores is stored
   * complemented (~row, a negative number), so the runs need no array of their own and a ranked
   * column costs 4 bytes a row.
   */
  order: Int32Array;
  /** the number of runs */
  runs: number;
  /** the scores ranked: row i's is values[i * stride + offset] */
  values: ArrayLike<number>;
  stride: number;
  offset: number;
}

/** The row of an `order` entry, whether or not it ends a run. */
function rowOf(entry: number): number {
  return entry ^ (entry >> 31);
}

/** Ranks `rows` scores read at values[i * stride + offset], keeping the order of the rows (see `countRuns` for the sort). */
export function rankScores(values: ArrayLike<number>, rows: number, stride = 1, offset = 0): Ranking {
  if (rows === 0) return { order: new Int32Array(0), runs: 0, values, stride, offset };
  let order: Int32Array;
  let runs = 1;
  const keys = descendingFloat32Keys(values, rows, stride, offset);
  if (keys !== null) {
    const identity = new Int32Array(rows);
    for (let i = 0; i < rows; i++) identity[i] = i;
    const sorted = sortByKeys(keys, identity);
    order = sorted.payload;
    const sortedKeys = sorted.keys;
    for (let j = 1; j < rows; j++) {
      if (sortedKeys[j] !== sortedKeys[j - 1]) {
        order[j - 1] = ~order[j - 1];
        runs++;
      }
    }
  } else {
    const sorted = sortByFloat64Scores(values, rows, stride, offset);
    order = sorted.order;
    for (let j = 1; j < rows; j++) {
      if (!sorted.sameScore(order[j], order[j - 1])) {
        order[j - 1] = ~order[j - 1];
        runs++;
      }
    }
  }
  order[rows - 1] = ~order[rows - 1];
  return { order, runs, values, stride, offset };
}

/**
 * ROC AUC and average precision of class `positive` against the rest, each row counted
 * `multiplicities[row]` times. `positiveName` names the class in reasons.
 */
export function rankingMetrics(ranking: Ranking, labels: Int32Array, positive: number, positiveName: string, multiplicities: Uint32Array): RankingMetrics {
  const { order } = ranking;
  const sums = new RankingSums();
  let runTp = 0;
  let runFp = 0;
  for (let j = 0; j < order.length; j++) {
    const entry = order[j];
    const row = rowOf(entry);
    const m = multiplicities[row];
    if (labels[row] === positive) runTp += m;
    else runFp += m;
    if (entry >= 0) continue;
    sums.addRun(runTp, runFp);
    runTp = 0;
    runFp = 0;
  }
  return sums.metrics(positiveName);
}

/** The macro average over one-vs-rest classes; undefined when any class's value is, naming them. */
export function macroOverClasses(values: readonly Metric[], classes: readonly Label[]): Metric {
  const reasons: string[] = [];
  let sum = 0;
  values.forEach((metric, k) => {
    if (metric.value === null) reasons.push(`class ${JSON.stringify(String(classes[k]))}: ${metric.reason}`);
    else sum += metric.value;
  });
  if (reasons.length > 0) return undefinedMetric(`one-vs-rest macro average undefined; ${reasons.join('; ')}`);
  return measured(sum / values.length);
}

// ---------------------------------------------------------------- curves

export interface RocCurve {
  /** increasing false positive rates */
  fpr: Float64Array;
  /** increasing true positive rates */
  tpr: Float64Array;
  /**
   * decreasing thresholds: point i counts the rows scored >= thresholds[i]. thresholds[0] is
   * max(score) + 1, a threshold no row reaches, as in scikit-learn 1.2 (1.3 and later use +inf).
   */
  thresholds: Float64Array;
}

export interface PrecisionRecallCurve {
  /** precision at each threshold, then a final 1 (no threshold) */
  precision: Float64Array;
  /** decreasing recall, then a final 0 */
  recall: Float64Array;
  /** increasing thresholds, one fewer than points */
  thresholds: Float64Array;
}

function classCountReason(tps: Int32Array, fps: Int32Array, positiveName: string, curve: string): string | null {
  const runs = tps.length;
  if (tps[runs - 1] === 0) return `no rows of class ${JSON.stringify(positiveName)} in y_true: the ${curve} is undefined`;
  if (curve === 'ROC curve' && fps[runs - 1] === 0) {
    return `every row is of class ${JSON.stringify(positiveName)} in y_true: the ROC curve needs both classes`;
  }
  return null;
}

/**
 * Picks the points `downsampleCurve` keeps of an n-point curve fed to it point by point, so that
 * a curve with a point per distinct score is never built whole: the caller measures the arc
 * length in one pass, then offers the points in order in a second.
 */
class ArcPicker {
  private readonly kept = [0];
  private readonly spacing: number;
  private arc = 0;
  private mark = 1;

  constructor(
    private readonly points: number,
    length: number,
    private readonly maxPoints: number,
  ) {
    this.spacing = length / (maxPoints - 1);
  }

  /** Whether points before the last can still be kept: offer them while this holds. */
  get open(): boolean {
    return this.spacing !== 0 && this.mark <= this.maxPoints - 2;
  }

  /** Point i (0 < i < points − 1), |dx| and |dy| away from point i − 1. */
  offer(i: number, dx: number, dy: number): void {
    this.arc = this.arc + dx + dy;
    if (this.arc >= this.mark * this.spacing) {
      this.kept.push(i);
      this.mark = Math.floor(this.arc / this.spacing) + 1;
    }
  }

  finish(): Int32Array {
    this.kept.push(this.points - 1);
    return Int32Array.from(this.kept);
  }
}

function allPoints(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * `roc_curve(y_true, score, pos_label, drop_intermediate=True)`: a point is kept where the
 * curve turns (the second difference of FP or TP counts is not 0), plus both ends, then (0, 0).
 * With `maxPoints`, only the points `downsampleCurve` keeps of those.
 */
export function rocCurveOf(counts: RunCounts, positiveName: string, maxPoints?: number): Outcome<RocCurve> {
  const { tps, fps, scores } = counts;
  const reason = classCountReason(tps, fps, positiveName, 'ROC curve');
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  const negatives = fps[runs - 1];
  // Point 0 is (0, 0); point i > 0 is run corners[i − 1].
  const corners = new Int32Array(runs + 1);
  let points = 1;
  for (let g = 0; g < runs; g++) {
    const corner =
      g === 0 ||
      g === runs - 1 ||
      fps[g + 1] - 2 * fps[g] + fps[g - 1] !== 0 ||
      tps[g + 1] - 2 * tps[g] + tps[g - 1] !== 0;
    if (corner) corners[points++] = g;
  }
  let kept: Int32Array;
  if (maxPoints === undefined || points <= maxPoints) {
    kept = allPoints(points);
  } else {
    let length = 0;
    let fpr = 0;
    let tpr = 0;
    for (let i = 1; i < points; i++) {
      const nextFpr = fps[corners[i]] / negatives;
      const nextTpr = tps[corners[i]] / positives;
      length = length + Math.abs(nextFpr - fpr) + Math.abs(nextTpr - tpr);
      fpr = nextFpr;
      tpr = nextTpr;
    }
    const picker = new ArcPicker(points, length, maxPoints);
    fpr = 0;
    tpr = 0;
    for (let i = 1; i < points - 1 && picker.open; i++) {
      const nextFpr = fps[corners[i]] / negatives;
      const nextTpr = tps[corners[i]] / positives;
      picker.offer(i, Math.abs(nextFpr - fpr), Math.abs(nextTpr - tpr));
      fpr = nextFpr;
      tpr = nextTpr;
    }
    kept = picker.finish();
  }
  const curve: RocCurve = { fpr: new Float64Array(kept.length), tpr: new Float64Array(kept.length), thresholds: new Float64Array(kept.length) };
  for (let p = 0; p < kept.length; p++) {
    const i = kept[p];
    if (i === 0) {
      curve.thresholds[p] = scores[0] + 1;
    } else {
      curve.fpr[p] = fps[corners[i]] / negatives;
      curve.tpr[p] = tps[corners[i]] / positives;
      curve.thresholds[p] = scores[corners[i]];
    }
  }
  return { value: curve };
}

/**
 * `precision_recall_curve(y_true, score, pos_label)`: every threshold, no point dropped; with
 * `maxPoints`, only the points `downsampleCurve` keeps of them (recall as x).
 */
export function precisionRecallCurveOf(counts: RunCounts, positiveName: string, maxPoints?: number): Outcome<PrecisionRecallCurve> {
  const { tps, fps, scores } = counts;
  const reason = classCountReason(tps, fps, positiveName, 'precision-recall curve');
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  // Point i < runs is run runs − 1 − i (ascending thresholds); point runs is (recall 0, precision 1), without a threshold.
  const recallOf = (g: number) => (g < 0 ? 0 : tps[g] / positives);
  const precisionOf = (g: number) => (g < 0 ? 1 : tps[g] / (tps[g] + fps[g]));
  let kept: Int32Array;
  if (maxPoints === undefined || runs + 1 <= maxPoints) {
    kept = allPoints(runs + 1);
  } else {
    let length = 0;
    let recall = recallOf(runs - 1);
    let precision = precisionOf(runs - 1);
    for (let g = runs - 2; g >= -1; g--) {
      const nextRecall = recallOf(g);
      const nextPrecision = precisionOf(g);
      length = length + Math.abs(nextRecall - recall) + Math.abs(nextPrecision - precision);
      recall = nextRecall;
      precision = nextPrecision;
    }
    const picker = new ArcPicker(runs + 1, length, maxPoints);
    recall = recallOf(runs - 1);
    precision = precisionOf(runs - 1);
    for (let i = 1; i < runs && picker.open; i++) {
      const nextRecall = recallOf(runs - 1 - i);
      const nextPrecision = precisionOf(runs - 1 - i);
      picker.offer(i, Math.abs(nextRecall - recall), Math.abs(nextPrecision - precision));
      recall = nextRecall;
      precision = nextPrecision;
    }
    kept = picker.finish();
  }
  const curve: PrecisionRecallCurve = { precision: new Float64Array(kept.length), recall: new Float64Array(kept.length), thresholds: new Float64Array(kept.length - 1) };
  for (let p = 0; p < kept.length; p++) {
    const g = runs - 1 - kept[p];
    curve.precision[p] = precisionOf(g);
    curve.recall[p] = recallOf(g);
    if (g >= 0) curve.thresholds[p] = scores[g];
  }
  return { value: curve };
}

/**
 * Indices of at most `maxPoints` points of a curve in the unit square, for plotting: the first
 * and last points, and the first point at or past each of maxPoints - 2 equally spaced marks
 * along the curve's L1 arc length. Corners survive where they are far apart; runs of points
 * closer together than a mark spacing collapse, which a chart cannot show anyway.
 */
export function downsampleCurve(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): Int32Array {
  requireSameLength(x, y, 'x', 'y');
  requireMaxPoints(maxPoints);
  const n = x.length;
  if (n <= maxPoints) return allPoints(n);
  let length = 0;
  for (let i = 1; i < n; i++) length = length + Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
  const picker = new ArcPicker(n, length, maxPoints);
  for (let i = 1; i < n - 1 && picker.open; i++) picker.offer(i, Math.abs(x[i] - x[i - 1]), Math.abs(y[i] - y[i - 1]));
  return picker.finish();
}

export function requireMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
}

// ---------------------------------------------------------------- scikit-learn-named functions

function binaryTarget(yTrue: ArrayLike<Label>, positiveLabel: Label): Int32Array {
  const positive = String(positiveLabel);
  return Int32Array.from({ length: yTrue.length }, (_, i) => (String(yTrue[i]) === positive ? 1 : 0));
}

function checkedScores(yTrue: ArrayLike<Label>, scores: ArrayLike<number>, what: string): void {
  requireSameLength(yTrue, scores, 'y_true', 'scores');
  requireRows(yTrue.length, what);
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`${what}: scores[${i}] is NaN`);
  }
}

/** `roc_curve(y_true, scores, pos_label=positiveLabel)` (drop_intermediate=True) */
export function rocCurve(yTrue: ArrayLike<Label>, scores: ArrayLike<number>, positiveLabel: Label): Outcome<RocCurve> {
  checkedScores(yTrue, scores, 'roc_curve');
  return rocCurveOf(countRuns(scores, scores.length, 1, 0, binaryTarget(yTrue, positiveLabel), 1), String(positiveLabel));
}

/** `precision_recall_curve(y_true, scores, pos_label=positiveLabel)` */
export function precisionRecallCurve(
  yTrue: ArrayLike<Label>,
  scores: ArrayLike<number>,
  positiveLabel: Label,
): Outcome<PrecisionRecallCurve> {
  checkedScores(yTrue, scores, 'precision_recall_curve');
  return precisionRecallCurveOf(countRuns(scores, scores.length, 1, 0, binaryTarget(yTrue, positiveLabel), 1), String(positiveLabel));
}

function rankingScore(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  classes: readonly Label[],
  positiveLabel: Label | undefined,
  pick: keyof RankingMetrics,
): Metric {
  requireRows(yTrue.length, pick === 'rocAuc' ? 'roc_auc' : 'average_precision');
  const labels = encodeLabels(yTrue, classes);
  requireProbabilities(probabilities, labels.length, classes);
  const classCount = classes.length;
  const metricOf = (k: number) => runMetrics(countRuns(probabilities, labels.length, classCount, k, labels, k), String(classes[k]))[pick];
  if (classCount === 2) return metricOf(positiveClassIndex(classes, positiveLabel));
  return macroOverClasses(
    classes.map((_, k) => metricOf(k)),
    classes,
  );
}

/**
 * Two classes: `roc_auc_score(y_true == positive, P[:, positive])`. More:
 * `roc_auc_score(y_true, P, multi_class='ovr', average='macro', labels=classes)`.
 */
export function rocAucScore(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  classes: readonly Label[],
  positiveLabel?: Label,
): Metric {
  return rankingScore(yTrue, probabilities, classes, positiveLabel, 'rocAuc');
}

/**
 * Two classes: `average_precision_score(y_true == positive, P[:, positive])`. More: the macro
 * average over one-vs-rest columns, `average_precision_score(label_binarize(y_true, classes), P)`.
 */
export function averagePrecisionScore(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number>,
  classes: readonly Label[],
  positiveLabel?: Label,
): Metric {
  return rankingScore(yTrue, probabilities, classes, positiveLabel, 'averagePrecision');
}
