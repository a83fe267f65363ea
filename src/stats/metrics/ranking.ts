/**
 * Metrics and curves of a ranking by score: ROC AUC, average precision, the ROC and
 * precision–recall curves, as scikit-learn computes them.
 *
 * Rows are sorted by descending score and grouped into runs of equal scores (a run is one
 * threshold: tied rows cross it together). Two forms serve two needs:
 * - `countRuns` sorts the scores with each row's "is positive" flag in its key's lowest bit and
 *   keeps, per run, the cumulative true and false positives and the score, adding up both metrics
 *   on the way: every metric and curve on all rows comes from that, and nothing per row outlives
 *   it (a `RankingSpace` lends the room class after class).
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
 * Sorts `keys` ascending by the same two 16-bit passes as `sortByKeys`, without a payload, given
 * the counts of each key's low and high digit (counted as the keys were made, so no pass reads the
 * keys only to count them) and `spare`, as many words to sort through. Returns the sorted keys and
 * the other array, free for the caller: they are `keys` and `spare`, in either order.
 */
function sortKeys(keys: Uint32Array, spare: Uint32Array, low: Uint32Array, high: Uint32Array): { sorted: Uint32Array; free: Uint32Array } {
  const rows = keys.length;
  let sorted = keys;
  let free = spare;
  if (bucketStarts(low, keys[0] & 0xffff, rows)) {
    scatterByDigit(sorted, free, low, 0);
    [sorted, free] = [free, sorted];
  }
  if (bucketStarts(high, keys[0] >>> 16, rows)) {
    scatterByDigit(sorted, free, high, 16);
    [sorted, free] = [free, sorted];
  }
  return { sorted, free };
}

/**
 * One radix pass: each key of `from` to its digit's next place in `to`. The loops over every row
 * or run of `countRuns` and the curves are functions of their own: code optimised while a loop
 * runs is thrown away when its function goes on to code that never ran, so a second loop in the
 * same function would start over unoptimised, class after class.
 */
function scatterByDigit(from: Uint32Array, to: Uint32Array, starts: Uint32Array, shift: number): void {
  for (let j = 0; j < from.length; j++) {
    const key = from[j];
    to[starts[(key >>> shift) & 0xffff]++] = key;
  }
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
  /** float32 when every score was one */
  scores: Float32Array | Float64Array;
  /** what ROC AUC and average precision are made of, added up as the runs were counted */
  sums: RankingSums;
}

/**
 * The run counts of class `positive` against the rest, scores read at values[i * stride + offset]
 * (one column of row-major probabilities). A comparator sort of row indices costs hundreds of
 * milliseconds per million rows and class; instead, when every score is a float32 and not
 * negative, as probabilities from a model are, each row becomes one 32-bit key: the 31 bits that
 * order the scores (see `descendingFloat32Keys`: their sign bit is always 0) above the row's "is
 * positive" bit. Two radix passes sort the keys alone, rows of a run next to each other, and the
 * counts, with the sums of both ranking metrics, come from one sequential pass. Other scores are
 * ranked as for resamples: up to four passes. The room comes from `space`, or is made for this
 * class alone.
 */
export function countRuns(
  values: ArrayLike<number>,
  rows: number,
  stride: number,
  offset: number,
  labels: Int32Array,
  positive: number,
  space = new RankingSpace(rows),
): RunCounts {
  if (space.rows !== rows) throw new RangeError(`a ranking space for ${space.rows} rows cannot rank ${rows}`);
  const { keys, low, high } = space;
  low.fill(0);
  high.fill(0);
  if (!flaggedScoreKeys(values, stride, offset, labels, positive, keys, low, high)) {
    return countRankedRuns(rankScores(values, rows, stride, offset), labels, positive);
  }
  const { sorted, free } = sortKeys(keys, space.spare, low, high);
  const tps = new Int32Array(free.buffer, free.byteOffset, rows);
  const sums = new RankingSums();
  const runs = countSortedRuns(sorted, tps, space.fps, sums);
  return { tps: tps.subarray(0, runs), fps: space.fps.subarray(0, runs), scores: new Float32Array(sorted.buffer, sorted.byteOffset, runs), sums };
}

/**
 * Room to rank the scores of `rows` rows, one class after another: a class's keys, the space to
 * sort them and its run counts (16 bytes a row) are garbage once its metrics and curves are
 * taken, so the next class reuses them rather than allocating them again (and the collector
 * reclaiming them). Run counts and curves made in it are good until its next use.
 */
export class RankingSpace {
  /** the float32 scores while they become the keys, then the keys */
  readonly keys: Uint32Array;
  readonly spare: Uint32Array;
  readonly fps: Int32Array;
  /** counts of the keys' low and high 16-bit digits */
  readonly low = new Uint32Array(0x10000);
  readonly high = new Uint32Array(0x10000);
  /** the runs a ROC curve turns at: one a run at most, and point 0 */
  readonly corners: Int32Array;

  constructor(readonly rows: number) {
    this.keys = new Uint32Array(rows);
    this.spare = new Uint32Array(rows);
    this.fps = new Int32Array(rows);
    this.corners = new Int32Array(rows + 1);
  }
}

/**
 * Writes each run's cumulative counts at its index in `tps` and `fps`, and its score's float32
 * bits over `sorted` itself (run g's at g, never past the key being read), adding each run to
 * `sums` on the way; returns the number of runs.
 */
function countSortedRuns(sorted: Uint32Array, tps: Int32Array, fps: Int32Array, sums: RankingSums): number {
  const rows = sorted.length;
  let runs = 0;
  let tp = 0;
  for (let j = 0; j < rows; j++) {
    const scoreKey = sorted[j] >>> 1;
    tp += sorted[j] & 1;
    // The last run ends in the loop too (no score key is −1): code after it would never have run
    // when the loop is optimised, and reaching it would throw the optimised loop away.
    const nextScoreKey = j + 1 < rows ? sorted[j + 1] >>> 1 : -1;
    if (nextScoreKey === scoreKey) continue;
    sums.addRun(tp - sums.tp, j + 1 - tp - sums.fp);
    tps[runs] = tp;
    fps[runs] = j + 1 - tp;
    sorted[runs] = ~scoreKey & 0x7fffffff;
    runs++;
  }
  return runs;
}

/**
 * Writes the keys `countRuns` sorts into `keys`, one a row: score key << 1 | is positive, and adds
 * the counts of their low and high 16-bit digits to `low` and `high`. false when a score is not a
 * float32 (or is NaN) or is negative.
 */
function flaggedScoreKeys(
  values: ArrayLike<number>,
  stride: number,
  offset: number,
  labels: Int32Array,
  positive: number,
  keys: Uint32Array,
  low: Uint32Array,
  high: Uint32Array,
): boolean {
  const floats = new Float32Array(keys.buffer, keys.byteOffset, keys.length);
  for (let i = 0; i < keys.length; i++) {
    const score = values[i * stride + offset];
    if (!(score >= 0) || Math.fround(score) !== score) return false;
    // + 0 turns -0 into +0: the two compare equal, so they must share a key and a run.
    floats[i] = score + 0;
    const key = ((~keys[i] & 0x7fffffff) << 1) | Number(labels[i] === positive);
    keys[i] = key;
    low[key & 0xffff]++;
    high[key >>> 16]++;
  }
  return true;
}

/** The run counts from a ranking (scores that are not all float32, or negative). */
function countRankedRuns(ranking: Ranking, labels: Int32Array, positive: number): RunCounts {
  const { order, runs, values, stride, offset } = ranking;
  const counts: RunCounts = { tps: new Int32Array(runs), fps: new Int32Array(runs), scores: new Float64Array(runs), sums: new RankingSums() };
  let tp = 0;
  let run = 0;
  for (let j = 0; j < order.length; j++) {
    const entry = order[j];
    const row = rowOf(entry);
    if (labels[row] === positive) tp++;
    if (entry >= 0) continue;
    counts.sums.addRun(tp - counts.sums.tp, j + 1 - tp - counts.sums.fp);
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
  return counts.sums.metrics(positiveName);
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

/** Ranks `rows` scores read at values[i * stride + offset], keeping the order of the rows (see `sortByKeys` and `sortByFloat64Scores`). */
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

/** The arc length so far is recorded at every ARC_BLOCK-th point of a curve: see `pickPoints`. */
const ARC_BLOCK_SHIFT = 6;
const ARC_BLOCK = 1 << ARC_BLOCK_SHIFT;

/** How many of a curve's points are at a multiple of ARC_BLOCK, point 0 included. */
function arcBlocks(points: number): number {
  return ((points - 1) >>> ARC_BLOCK_SHIFT) + 1;
}

/**
 * The points `downsampleCurve` keeps of a curve of `points` points, so that a curve with a point
 * per distinct score is never built whole. The caller measures the curve in one pass:
 * `length = length + |Δx| + |Δy|` point after point, recording the length so far at every
 * ARC_BLOCK-th point in `arcs` (arcs[b] at point b · ARC_BLOCK). Picking walks the same sums
 * again, `advance(arc, i)` being the caller's step to point i, but only through blocks in which a
 * mark falls: the arc never decreases, so a block that ends short of the next mark keeps no point,
 * and the sums replayed from a block's recorded start are the very ones of the pass that measured.
 */
function pickPoints(points: number, length: number, arcs: Float64Array, maxPoints: number, advance: (arc: number, i: number) => number): Int32Array {
  const kept = [0];
  const spacing = length / (maxPoints - 1);
  const blocks = arcBlocks(points);
  let mark = 1;
  // Points 1 .. points − 2 are offered while points before the last can still be kept.
  for (let block = 0; block < blocks && spacing !== 0 && mark <= maxPoints - 2; block++) {
    const blockEnd = block + 1 < blocks ? arcs[block + 1] : length;
    if (blockEnd < mark * spacing) continue;
    let arc = arcs[block];
    const last = Math.min((block + 1) * ARC_BLOCK, points - 2);
    for (let i = block * ARC_BLOCK + 1; i <= last && mark <= maxPoints - 2; i++) {
      arc = advance(arc, i);
      if (arc >= mark * spacing) {
        kept.push(i);
        mark = Math.floor(arc / spacing) + 1;
      }
    }
  }
  kept.push(points - 1);
  return Int32Array.from(kept);
}

function allPoints(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * `roc_curve(y_true, score, pos_label, drop_intermediate=True)`: a point is kept where the
 * curve turns (the second difference of FP or TP counts is not 0), plus both ends, then (0, 0).
 * With `maxPoints`, only the points `downsampleCurve` keeps of those. `space`, the one the counts
 * were made in, if any, lends room for the turning points.
 */
export function rocCurveOf(counts: RunCounts, positiveName: string, maxPoints?: number, space?: RankingSpace): Outcome<RocCurve> {
  const { tps, fps, scores } = counts;
  const reason = classCountReason(tps, fps, positiveName, 'ROC curve');
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  const negatives = fps[runs - 1];
  // Point 0 is (0, 0); point i > 0 is run corners[i].
  const corners = space?.corners ?? new Int32Array(runs + 1);
  const points = findRocCorners(tps, fps, corners);
  const fprAt = (i: number) => (i === 0 ? 0 : fps[corners[i]] / negatives);
  const tprAt = (i: number) => (i === 0 ? 0 : tps[corners[i]] / positives);
  let kept: Int32Array;
  if (maxPoints === undefined || points <= maxPoints) {
    kept = allPoints(points);
  } else {
    const arcs = new Float64Array(arcBlocks(points));
    const length = measureRoc(tps, fps, corners, points, arcs);
    kept = pickPoints(points, length, arcs, maxPoints, (arc, i) => arc + Math.abs(fprAt(i) - fprAt(i - 1)) + Math.abs(tprAt(i) - tprAt(i - 1)));
  }
  const curve: RocCurve = { fpr: new Float64Array(kept.length), tpr: new Float64Array(kept.length), thresholds: new Float64Array(kept.length) };
  for (let p = 0; p < kept.length; p++) {
    const i = kept[p];
    curve.fpr[p] = fprAt(i);
    curve.tpr[p] = tprAt(i);
    curve.thresholds[p] = i === 0 ? scores[0] + 1 : scores[corners[i]];
  }
  return { value: curve };
}

/**
 * The points of `rocCurveOf`: writes point i's run at corners[i] (i > 0), and returns the number
 * of points. Every run is written and the count moves on at corners only, because whether a run
 * is one follows the labels, which no branch predictor can guess.
 */
function findRocCorners(tps: Int32Array, fps: Int32Array, corners: Int32Array): number {
  const runs = tps.length;
  corners[1] = 0;
  let points = 2;
  for (let g = 1; g < runs; g++) {
    // Not 0 where either second difference is not (each is below the row count in magnitude, so
    // fits 32 bits); the last run is a point, in the loop rather than after it (see `countSortedRuns`).
    const turn = g === runs - 1 ? 1 : (fps[g + 1] - 2 * fps[g] + fps[g - 1]) | (tps[g + 1] - 2 * tps[g] + tps[g - 1]);
    corners[points] = g;
    points += (turn | -turn) >>> 31;
  }
  return points;
}

/** The length of the ROC curve through the points `findRocCorners` found, recorded in `arcs` as `pickPoints` needs. */
function measureRoc(tps: Int32Array, fps: Int32Array, corners: Int32Array, points: number, arcs: Float64Array): number {
  const runs = tps.length;
  const positives = tps[runs - 1];
  const negatives = fps[runs - 1];
  let length = 0;
  let fpr = 0;
  let tpr = 0;
  for (let i = 1; i < points; i++) {
    const g = corners[i];
    const nextFpr = fps[g] / negatives;
    const nextTpr = tps[g] / positives;
    length = length + Math.abs(nextFpr - fpr) + Math.abs(nextTpr - tpr);
    fpr = nextFpr;
    tpr = nextTpr;
    if ((i & (ARC_BLOCK - 1)) === 0) arcs[i >>> ARC_BLOCK_SHIFT] = length;
  }
  return length;
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
    const arcs = new Float64Array(arcBlocks(runs + 1));
    const length = measurePrecisionRecall(tps, fps, arcs);
    kept = pickPoints(runs + 1, length, arcs, maxPoints, (arc, i) => {
      const g = runs - 1 - i;
      return arc + Math.abs(recallOf(g) - recallOf(g + 1)) + Math.abs(precisionOf(g) - precisionOf(g + 1));
    });
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
 * The length of the precision–recall curve of `precisionRecallCurveOf`, point 0 (the lowest
 * threshold) to the last (recall 0, precision 1), recorded in `arcs` as `pickPoints` needs.
 */
function measurePrecisionRecall(tps: Int32Array, fps: Int32Array, arcs: Float64Array): number {
  const runs = tps.length;
  const positives = tps[runs - 1];
  let length = 0;
  let recall = tps[runs - 1] / positives;
  let precision = tps[runs - 1] / (tps[runs - 1] + fps[runs - 1]);
  for (let i = 1; i <= runs; i++) {
    // Point runs, (0, 1), in the loop rather than after it (see `countSortedRuns`).
    const g = runs - 1 - i;
    const nextRecall = g < 0 ? 0 : tps[g] / positives;
    const nextPrecision = g < 0 ? 1 : tps[g] / (tps[g] + fps[g]);
    length = length + Math.abs(nextRecall - recall) + Math.abs(nextPrecision - precision);
    recall = nextRecall;
    precision = nextPrecision;
    if ((i & (ARC_BLOCK - 1)) === 0) arcs[i >>> ARC_BLOCK_SHIFT] = length;
  }
  return length;
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
  const advance = (arc: number, i: number) => arc + Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
  const arcs = new Float64Array(arcBlocks(n));
  let length = 0;
  for (let i = 1; i < n; i++) {
    length = advance(length, i);
    if ((i & (ARC_BLOCK - 1)) === 0) arcs[i >>> ARC_BLOCK_SHIFT] = length;
  }
  return pickPoints(n, length, arcs, maxPoints, advance);
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
