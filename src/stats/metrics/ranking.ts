/**
 * Metrics and curves of a ranking by score: ROC AUC, average precision, the ROC and
 * precision–recall curves, as scikit-learn computes them.
 *
 * Rows are sorted once by descending score and grouped into runs of equal scores (a run is one
 * threshold: tied rows cross it together). A resample is then a multiplicity per row and every
 * metric is one walk over the runs, so a bootstrap costs O(N) per resample, never a new sort.
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

export interface Ranking {
  /** row indices by descending score */
  order: Int32Array;
  /** exclusive end, in `order`, of each run of equal scores */
  runEnds: Int32Array;
  /** the score of each run, descending */
  runScores: Float64Array;
}

/**
 * One pass of a least-significant-digit radix sort: stable, by the 16-bit digit of `keys` at
 * `shift`, moving row indices from `from` to `to`. Returns false, moving nothing, when every row
 * has the same digit — as the low words do for scores that were float32, as model outputs are.
 */
function radixPass(keys: Uint32Array, shift: number, from: Int32Array, to: Int32Array, counts: Uint32Array): boolean {
  counts.fill(0);
  for (let i = 0; i < keys.length; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
  const first = ((keys[0] >>> shift) & 0xffff) + 1;
  if (counts[first] === keys.length) return false;
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  for (let j = 0; j < from.length; j++) to[counts[(keys[from[j]] >>> shift) & 0xffff]++] = from[j];
  return true;
}

/**
 * Ranks `rows` scores read at values[i * stride + offset] (one column of row-major probabilities).
 * A comparator sort of row indices costs hundreds of milliseconds per million rows and class;
 * instead each score's bits become an unsigned key that orders like the number (sign bit flipped
 * for positives, all bits for negatives) and four radix passes of 16 bits sort the rows.
 */
export function rankScores(values: ArrayLike<number>, rows: number, stride = 1, offset = 0): Ranking {
  const scores = new Float64Array(rows);
  const high = new Uint32Array(rows);
  const low = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const score = values[i * stride + offset];
    scores[i] = score;
    loadFloat64Bits(score);
    let h = float64Bits[0];
    let l = float64Bits[1];
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else {
      h |= 0x80000000;
    }
    high[i] = h >>> 0;
    low[i] = l >>> 0;
  }
  let order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  let spare = new Int32Array(rows);
  const counts = new Uint32Array(0x10001);
  if (rows > 0) {
    for (const [keys, shift] of [[low, 0], [low, 16], [high, 0], [high, 16]] as const) {
      if (radixPass(keys, shift, order, spare, counts)) [order, spare] = [spare, order];
    }
  }
  order.reverse();
  const runEnds = new Int32Array(rows);
  const runScores = new Float64Array(rows);
  let runs = 0;
  let previous = rows > 0 ? scores[order[0]] : 0;
  for (let j = 1; j <= rows; j++) {
    const score = j < rows ? scores[order[j]] : Number.NaN;
    if (score !== previous) {
      runEnds[runs] = j;
      runScores[runs] = previous;
      runs++;
      previous = score;
    }
  }
  return { order, runEnds: runEnds.slice(0, runs), runScores: runScores.slice(0, runs) };
}

export interface RankingMetrics {
  rocAuc: Metric;
  averagePrecision: Metric;
}

/**
 * ROC AUC and average precision of class `positive` against the rest, with each row counted
 * `multiplicities[row]` times when given. `positiveName` names the class in reasons.
 */
export function rankingMetrics(
  ranking: Ranking,
  labels: Int32Array,
  positive: number,
  positiveName: string,
  multiplicities?: Uint32Array,
): RankingMetrics {
  const { order, runEnds } = ranking;
  let tp = 0;
  let fp = 0;
  let area = 0;
  let precisionSum = 0;
  let occupiedRuns = 0;
  let start = 0;
  for (let g = 0; g < runEnds.length; g++) {
    const end = runEnds[g];
    let runTp = 0;
    let runFp = 0;
    for (let j = start; j < end; j++) {
      const row = order[j];
      const m = multiplicities === undefined ? 1 : multiplicities[row];
      if (labels[row] === positive) runTp += m;
      else runFp += m;
    }
    start = end;
    if (runTp + runFp === 0) continue;
    occupiedRuns++;
    area += runFp * (tp + runTp / 2);
    tp += runTp;
    fp += runFp;
    if (runTp > 0) precisionSum += runTp * (tp / (tp + fp));
  }
  const name = JSON.stringify(positiveName);
  if (tp === 0) {
    const reason = `no rows of class ${name} in y_true`;
    return {
      rocAuc: undefinedMetric(`${reason}: ROC AUC needs both classes`),
      averagePrecision: undefinedMetric(`${reason}: average precision is undefined (scikit-learn 1.2 reports 0)`),
    };
  }
  const averagePrecision = measured(precisionSum / tp);
  if (fp === 0) {
    return { rocAuc: undefinedMetric(`every row is of class ${name} in y_true: ROC AUC needs both classes`), averagePrecision };
  }
  if (occupiedRuns < 2) {
    return {
      rocAuc: undefinedMetric(
        `every row has the same score for class ${name}: a constant prediction ranks nothing, so ROC AUC is undefined (scikit-learn reports 0.5)`,
      ),
      averagePrecision,
    };
  }
  return { rocAuc: measured(area / (tp * fp)), averagePrecision };
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

interface CumulativeCounts {
  tps: Float64Array;
  fps: Float64Array;
}

function cumulativeCounts(ranking: Ranking, labels: Int32Array, positive: number): CumulativeCounts {
  const runs = ranking.runEnds.length;
  const tps = new Float64Array(runs);
  const fps = new Float64Array(runs);
  let tp = 0;
  let start = 0;
  for (let g = 0; g < runs; g++) {
    const end = ranking.runEnds[g];
    for (let j = start; j < end; j++) if (labels[ranking.order[j]] === positive) tp++;
    tps[g] = tp;
    fps[g] = end - tp;
    start = end;
  }
  return { tps, fps };
}

function classCountReason(tps: Float64Array, fps: Float64Array, positiveName: string, curve: string): string | null {
  const runs = tps.length;
  if (tps[runs - 1] === 0) return `no rows of class ${JSON.stringify(positiveName)} in y_true: the ${curve} is undefined`;
  if (curve === 'ROC curve' && fps[runs - 1] === 0) {
    return `every row is of class ${JSON.stringify(positiveName)} in y_true: the ROC curve needs both classes`;
  }
  return null;
}

/**
 * `roc_curve(y_true, score, pos_label, drop_intermediate=True)`: a point is kept where the
 * curve turns (the second difference of FP or TP counts is not 0), plus both ends, then (0, 0).
 */
export function rocCurveOf(ranking: Ranking, labels: Int32Array, positive: number, positiveName: string): Outcome<RocCurve> {
  const { tps, fps } = cumulativeCounts(ranking, labels, positive);
  const reason = classCountReason(tps, fps, positiveName, 'ROC curve');
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const kept: number[] = [];
  for (let g = 0; g < runs; g++) {
    const corner =
      g === 0 ||
      g === runs - 1 ||
      fps[g + 1] - 2 * fps[g] + fps[g - 1] !== 0 ||
      tps[g + 1] - 2 * tps[g] + tps[g - 1] !== 0;
    if (corner) kept.push(g);
  }
  const points = kept.length + 1;
  const fpr = new Float64Array(points);
  const tpr = new Float64Array(points);
  const thresholds = new Float64Array(points);
  const positives = tps[runs - 1];
  const negatives = fps[runs - 1];
  thresholds[0] = ranking.runScores[kept[0]] + 1;
  kept.forEach((g, i) => {
    fpr[i + 1] = fps[g] / negatives;
    tpr[i + 1] = tps[g] / positives;
    thresholds[i + 1] = ranking.runScores[g];
  });
  return { value: { fpr, tpr, thresholds } };
}

/** `precision_recall_curve(y_true, score, pos_label)`: every threshold, no point dropped. */
export function precisionRecallCurveOf(
  ranking: Ranking,
  labels: Int32Array,
  positive: number,
  positiveName: string,
): Outcome<PrecisionRecallCurve> {
  const { tps, fps } = cumulativeCounts(ranking, labels, positive);
  const reason = classCountReason(tps, fps, positiveName, 'precision-recall curve');
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  const precision = new Float64Array(runs + 1);
  const recall = new Float64Array(runs + 1);
  const thresholds = new Float64Array(runs);
  for (let g = 0; g < runs; g++) {
    const i = runs - 1 - g;
    precision[i] = tps[g] / (tps[g] + fps[g]);
    recall[i] = tps[g] / positives;
    thresholds[i] = ranking.runScores[g];
  }
  precision[runs] = 1;
  return { value: { precision, recall, thresholds } };
}

/**
 * Indices of at most `maxPoints` points of a curve in the unit square, for plotting: the first
 * and last points, and the first point at or past each of maxPoints - 2 equally spaced marks
 * along the curve's L1 arc length. Corners survive where they are far apart; runs of points
 * closer together than a mark spacing collapse, which a chart cannot show anyway.
 */
export function downsampleCurve(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): Int32Array {
  requireSameLength(x, y, 'x', 'y');
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
  const n = x.length;
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const arc = new Float64Array(n);
  for (let i = 1; i < n; i++) arc[i] = arc[i - 1] + Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
  const spacing = arc[n - 1] / (maxPoints - 1);
  if (spacing === 0) return Int32Array.of(0, n - 1);
  const kept = [0];
  let mark = 1;
  for (let i = 1; i < n - 1 && mark <= maxPoints - 2; i++) {
    if (arc[i] >= mark * spacing) {
      kept.push(i);
      mark = Math.floor(arc[i] / spacing) + 1;
    }
  }
  kept.push(n - 1);
  return Int32Array.from(kept);
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
  return rocCurveOf(rankScores(scores, scores.length), binaryTarget(yTrue, positiveLabel), 1, String(positiveLabel));
}

/** `precision_recall_curve(y_true, scores, pos_label=positiveLabel)` */
export function precisionRecallCurve(
  yTrue: ArrayLike<Label>,
  scores: ArrayLike<number>,
  positiveLabel: Label,
): Outcome<PrecisionRecallCurve> {
  checkedScores(yTrue, scores, 'precision_recall_curve');
  return precisionRecallCurveOf(rankScores(scores, scores.length), binaryTarget(yTrue, positiveLabel), 1, String(positiveLabel));
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
  const metricOf = (k: number) =>
    rankingMetrics(rankScores(probabilities, labels.length, classCount, k), labels, k, String(classes[k]))[pick];
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
