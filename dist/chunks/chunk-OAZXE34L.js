import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  float64Bits,
  loadFloat64Bits
} from "./chunk-OT3JI4UD.js";
import {
  DataError
} from "./chunk-L374PU5G.js";

// src/stats/metrics/input.ts
function classLookup(classes) {
  if (classes.length < 2) {
    throw new RangeError(`classification needs at least two classes, got ${classes.length}: [${classes.join(", ")}]`);
  }
  const lookup = /* @__PURE__ */ new Map();
  classes.forEach((label, index) => {
    const key = String(label);
    if (lookup.has(key)) throw new RangeError(`the class "${key}" is listed twice in [${classes.join(", ")}]`);
    lookup.set(key, index);
  });
  return lookup;
}
function classIndexOf(label, classes) {
  const index = classLookup(classes).get(String(label));
  if (index === void 0) throw new RangeError(`"${label}" is not one of the classes [${classes.join(", ")}]`);
  return index;
}
function positiveClassIndex(classes, positiveLabel) {
  if (classes.length !== 2) {
    throw new RangeError(`a positive label applies to two classes only, got ${classes.length}`);
  }
  return positiveLabel === void 0 ? 1 : classIndexOf(positiveLabel, classes);
}
var LINEAR_SEARCH_CLASSES = 8;
var LabelEncoder = class {
  constructor(classes) {
    this.classes = classes;
    this.byText = classLookup(classes);
    this.texts = classes.map(String);
    this.texts.forEach((text, k) => (this.byLength[text.length] ??= []).push(k));
  }
  classes;
  byText;
  texts;
  /** the classes whose text has each length, in class order */
  byLength = [];
  byNumber = /* @__PURE__ */ new Map();
  /**
   * Up to a handful of classes, comparing strings beats hashing them (labels come as a new string
   * per row), and comparing only with the classes of the label's length, a field of the string,
   * spares most comparisons that would read characters.
   */
  indexOfText(text) {
    const texts = this.texts;
    if (texts.length > LINEAR_SEARCH_CLASSES) return this.byText.get(text);
    const candidates = this.byLength[text.length];
    if (candidates === void 0) return void 0;
    for (let c = 0; c < candidates.length; c++) if (texts[candidates[c]] === text) return candidates[c];
    return void 0;
  }
  /** Each label's index in `classes`; `firstRow` numbers the rows in messages (counted from 1). */
  encode(values, firstRow = 1) {
    const encoded = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      let index;
      if (typeof value === "string") {
        index = this.indexOfText(value);
      } else {
        index = this.byNumber.get(value);
        if (index === void 0) {
          index = this.indexOfText(String(value));
          if (index !== void 0) this.byNumber.set(value, index);
        }
      }
      if (index === void 0) {
        throw new DataError(
          `label "${value}" is not one of the model's classes [${this.classes.join(", ")}]: evaluate on data whose labels the model was trained on, or pass the full class list`,
          { row: firstRow + i }
        );
      }
      encoded[i] = index;
    }
    return encoded;
  }
};
function topClass(probabilities, base, classCount) {
  let top = 0;
  for (let k = 1; k < classCount; k++) top += Number(probabilities[base + k] > probabilities[base + top]) * (k - top);
  return { confidence: probabilities[base + top], top };
}
function predictedClasses(probabilities, classCount) {
  const predicted = new Int32Array(probabilities.length / classCount);
  for (let i = 0; i < predicted.length; i++) predicted[i] = topClass(probabilities, i * classCount, classCount).top;
  return predicted;
}
function expandBinaryProbabilities(positiveProbabilities, positiveClass) {
  const out = new Float64Array(2 * positiveProbabilities.length);
  for (let i = 0; i < positiveProbabilities.length; i++) {
    out[2 * i + positiveClass] = positiveProbabilities[i];
    out[2 * i + 1 - positiveClass] = 1 - positiveProbabilities[i];
  }
  return out;
}
function requireRows(rows, what) {
  if (rows === 0) {
    throw new DataError(`${what}: there are no rows to evaluate; check the data files and any row filters`);
  }
}
function requireSameLength(a, b, aName, bName) {
  if (a.length !== b.length) {
    throw new RangeError(`${aName} has ${a.length} rows but ${bName} has ${b.length}`);
  }
}
function requireClassIndices(indices, classCount, name) {
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!Number.isInteger(k) || k < 0 || k >= classCount) {
      throw new RangeError(`${name}[${i}] = ${k} is not a class index below ${classCount}`);
    }
  }
}
function requireProbabilities(probabilities, rows, classes, firstRow = 1) {
  const classCount = classes.length;
  if (probabilities.length !== rows * classCount) {
    throw new RangeError(
      `probabilities hold ${probabilities.length} values, not ${rows} rows \xD7 ${classCount} classes (row-major [N, C])`
    );
  }
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) {
      const row = Math.floor(i / classCount);
      throw new DataError(
        `the predicted probability of class "${classes[i - row * classCount]}" is ${p}, not a number in [0, 1]: ` + (Number.isNaN(p) ? "a model gives NaN for a row with a missing or NaN feature unless it imputes it: fill the row's missing values, or export the model with an imputer" : "the model output must be class probabilities, not scores or logits"),
        { row: firstRow + row }
      );
    }
  }
}
function requireFinite(values, name, firstRow = 1) {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new DataError(`${name} is ${values[i]}: regression metrics need finite numbers`, { row: firstRow + i });
    }
  }
}

// src/stats/metrics/metric.ts
function measured(value, reason) {
  return reason === void 0 ? { value } : { value, reason };
}
function undefinedMetric(reason) {
  return { value: null, reason };
}
var BINARY_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "selection_rate",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier_score",
  "expected_calibration_error"
];
var MULTICLASS_METRICS = [
  "accuracy",
  "balanced_accuracy",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier_score",
  "expected_calibration_error"
];
var REGRESSION_METRICS = ["rmse", "mae", "r2", "mape", "median_absolute_error"];
var FAIRNESS_GAPS = ["recall_gap", "precision_gap", "selection_rate_gap"];
var LOWER_IS_BETTER = /* @__PURE__ */ new Set([
  "log_loss",
  "brier_score",
  "expected_calibration_error",
  "rmse",
  "mae",
  "mape",
  "median_absolute_error",
  "recall_gap",
  "precision_gap",
  "selection_rate_gap"
]);
function metricDirection(name) {
  if (name === "selection_rate") return "neither";
  return LOWER_IS_BETTER.has(name) ? "lower" : "higher";
}

// src/stats/metrics/ranking.ts
function bucketStarts(counts, first, rows) {
  if (counts[first] === rows) return false;
  let start = 0;
  for (let d = 0; d < counts.length; d++) {
    const count = counts[d];
    counts[d] = start;
    start += count;
  }
  return true;
}
function sortByKeys(keys, payload) {
  const rows = keys.length;
  const low = new Uint32Array(65536);
  const high = new Uint32Array(65536);
  for (let i = 0; i < rows; i++) {
    const key = keys[i];
    low[key & 65535]++;
    high[key >>> 16]++;
  }
  let sorted = { keys, payload };
  let spare = null;
  for (const [shift, counts] of [[0, low], [16, high]]) {
    if (!bucketStarts(counts, keys[0] >>> shift & 65535, rows)) continue;
    const to = spare ?? { keys: new Uint32Array(rows), payload: new Int32Array(rows) };
    const fromKeys = sorted.keys;
    const fromPayload = sorted.payload;
    const toKeys = to.keys;
    const toPayload = to.payload;
    for (let j = 0; j < rows; j++) {
      const key = fromKeys[j];
      const at = counts[key >>> shift & 65535]++;
      toKeys[at] = key;
      toPayload[at] = fromPayload[j];
    }
    spare = sorted;
    sorted = to;
  }
  return sorted;
}
function sortKeys(keys, spare, low, high) {
  const rows = keys.length;
  let sorted = keys;
  let free = spare;
  if (bucketStarts(low, keys[0] & 65535, rows)) {
    scatterByDigit(sorted, free, low, 0);
    [sorted, free] = [free, sorted];
  }
  if (bucketStarts(high, keys[0] >>> 16, rows)) {
    scatterByDigit(sorted, free, high, 16);
    [sorted, free] = [free, sorted];
  }
  return { sorted, free };
}
function scatterByDigit(from, to, starts, shift) {
  for (let j = 0; j < from.length; j++) {
    const key = from[j];
    to[starts[key >>> shift & 65535]++] = key;
  }
}
function descendingFloat32Keys(values, rows, stride, offset) {
  const floats = new Float32Array(rows);
  const bits = new Uint32Array(floats.buffer);
  for (let i = 0; i < rows; i++) {
    const score = values[i * stride + offset];
    if (Math.fround(score) !== score) return null;
    floats[i] = score + 0;
    const b = bits[i];
    bits[i] = b & 2147483648 ? b : ~b & 2147483647;
  }
  return bits;
}
function sortByFloat64Scores(values, rows, stride, offset) {
  const high = new Uint32Array(rows);
  const low = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    loadFloat64Bits(values[i * stride + offset]);
    const h = float64Bits[0];
    const l = float64Bits[1];
    const negative = (h & 2147483648) !== 0;
    high[i] = negative ? h : ~h & 2147483647;
    low[i] = negative ? l : ~l;
  }
  let order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  let spare = new Int32Array(rows);
  const counts = new Uint32Array(65536);
  for (const [keys, shift] of [[low, 0], [low, 16], [high, 0], [high, 16]]) {
    counts.fill(0);
    for (let i = 0; i < rows; i++) counts[keys[i] >>> shift & 65535]++;
    if (!bucketStarts(counts, keys[0] >>> shift & 65535, rows)) continue;
    for (let j = 0; j < rows; j++) spare[counts[keys[order[j]] >>> shift & 65535]++] = order[j];
    [order, spare] = [spare, order];
  }
  return { order, sameScore: (a, b) => high[a] === high[b] && low[a] === low[b] };
}
function countRuns(values, rows, stride, offset, labels, positive, space = new RankingSpace(rows)) {
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
var RankingSpace = class {
  constructor(rows) {
    this.rows = rows;
    this.keys = new Uint32Array(rows);
    this.spare = new Uint32Array(rows);
    this.fps = new Int32Array(rows);
    this.corners = new Int32Array(rows + 1);
  }
  rows;
  /** the float32 scores while they become the keys, then the keys */
  keys;
  spare;
  fps;
  /** counts of the keys' low and high 16-bit digits */
  low = new Uint32Array(65536);
  high = new Uint32Array(65536);
  /** the runs a ROC curve turns at: one a run at most, and point 0 */
  corners;
};
function countSortedRuns(sorted, tps, fps, sums) {
  const rows = sorted.length;
  let runs = 0;
  let tp = 0;
  for (let j = 0; j < rows; j++) {
    const scoreKey = sorted[j] >>> 1;
    tp += sorted[j] & 1;
    const nextScoreKey = j + 1 < rows ? sorted[j + 1] >>> 1 : -1;
    if (nextScoreKey === scoreKey) continue;
    sums.addRun(tp - sums.tp, j + 1 - tp - sums.fp);
    tps[runs] = tp;
    fps[runs] = j + 1 - tp;
    sorted[runs] = ~scoreKey & 2147483647;
    runs++;
  }
  return runs;
}
function flaggedScoreKeys(values, stride, offset, labels, positive, keys, low, high) {
  const floats = new Float32Array(keys.buffer, keys.byteOffset, keys.length);
  for (let i = 0; i < keys.length; i++) {
    const score = values[i * stride + offset];
    if (!(score >= 0) || Math.fround(score) !== score) return false;
    floats[i] = score + 0;
    const key = (~keys[i] & 2147483647) << 1 | Number(labels[i] === positive);
    keys[i] = key;
    low[key & 65535]++;
    high[key >>> 16]++;
  }
  return true;
}
function countRankedRuns(ranking, labels, positive) {
  const { order, runs, values, stride, offset } = ranking;
  const counts = { tps: new Int32Array(runs), fps: new Int32Array(runs), scores: new Float64Array(runs), sums: new RankingSums() };
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
var RankingSums = class {
  tp = 0;
  fp = 0;
  area = 0;
  precisionSum = 0;
  occupiedRuns = 0;
  addRun(runTp, runFp) {
    if (runTp + runFp === 0) return;
    this.occupiedRuns++;
    this.area += runFp * (this.tp + runTp / 2);
    this.tp += runTp;
    this.fp += runFp;
    if (runTp > 0) this.precisionSum += runTp * (this.tp / (this.tp + this.fp));
  }
  metrics(positiveName) {
    const { tp, fp } = this;
    const name = JSON.stringify(positiveName);
    if (tp === 0) {
      const reason = `no rows of class ${name} in y_true`;
      return {
        rocAuc: undefinedMetric(`${reason}: ROC AUC needs both classes`),
        averagePrecision: undefinedMetric(`${reason}: average precision is undefined (scikit-learn 1.2 reports 0)`)
      };
    }
    const averagePrecision = measured(this.precisionSum / tp);
    if (fp === 0) {
      return { rocAuc: undefinedMetric(`every row is of class ${name} in y_true: ROC AUC needs both classes`), averagePrecision };
    }
    if (this.occupiedRuns < 2) {
      return {
        rocAuc: undefinedMetric(
          `every row has the same score for class ${name}: a constant prediction ranks nothing, so ROC AUC is undefined (scikit-learn reports 0.5)`
        ),
        averagePrecision
      };
    }
    return { rocAuc: measured(this.area / (tp * fp)), averagePrecision };
  }
};
function runMetrics(counts, positiveName) {
  return counts.sums.metrics(positiveName);
}
function rowOf(entry) {
  return entry ^ entry >> 31;
}
function rankScores(values, rows, stride = 1, offset = 0) {
  if (rows === 0) return { order: new Int32Array(0), runs: 0, values, stride, offset };
  let order;
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
function rankingMetrics(ranking, labels, positive, positiveName, multiplicities) {
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
function macroOverClasses(values, classes) {
  const reasons = [];
  let sum = 0;
  values.forEach((metric, k) => {
    if (metric.value === null) reasons.push(`class ${JSON.stringify(String(classes[k]))}: ${metric.reason}`);
    else sum += metric.value;
  });
  if (reasons.length > 0) return undefinedMetric(`one-vs-rest macro average undefined; ${reasons.join("; ")}`);
  return measured(sum / values.length);
}
function classCountReason(tps, fps, positiveName, curve) {
  const runs = tps.length;
  if (tps[runs - 1] === 0) return `no rows of class ${JSON.stringify(positiveName)} in y_true: the ${curve} is undefined`;
  if (curve === "ROC curve" && fps[runs - 1] === 0) {
    return `every row is of class ${JSON.stringify(positiveName)} in y_true: the ROC curve needs both classes`;
  }
  return null;
}
var ARC_BLOCK_SHIFT = 6;
var ARC_BLOCK = 1 << ARC_BLOCK_SHIFT;
function arcBlocks(points) {
  return (points - 1 >>> ARC_BLOCK_SHIFT) + 1;
}
function pickPoints(points, length, arcs, maxPoints, advance) {
  const kept = [0];
  const spacing = length / (maxPoints - 1);
  const blocks = arcBlocks(points);
  let mark = 1;
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
function allPoints(n) {
  return Int32Array.from({ length: n }, (_, i) => i);
}
function rocCurveOf(counts, positiveName, maxPoints, space) {
  const { tps, fps, scores } = counts;
  const reason = classCountReason(tps, fps, positiveName, "ROC curve");
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  const negatives = fps[runs - 1];
  const corners = space?.corners ?? new Int32Array(runs + 1);
  const points = findRocCorners(tps, fps, corners);
  const fprAt = (i) => i === 0 ? 0 : fps[corners[i]] / negatives;
  const tprAt = (i) => i === 0 ? 0 : tps[corners[i]] / positives;
  let kept;
  if (maxPoints === void 0 || points <= maxPoints) {
    kept = allPoints(points);
  } else {
    const arcs = new Float64Array(arcBlocks(points));
    const length = measureRoc(tps, fps, corners, points, arcs);
    kept = pickPoints(points, length, arcs, maxPoints, (arc, i) => arc + Math.abs(fprAt(i) - fprAt(i - 1)) + Math.abs(tprAt(i) - tprAt(i - 1)));
  }
  const curve = { fpr: new Float64Array(kept.length), tpr: new Float64Array(kept.length), thresholds: new Float64Array(kept.length) };
  for (let p = 0; p < kept.length; p++) {
    const i = kept[p];
    curve.fpr[p] = fprAt(i);
    curve.tpr[p] = tprAt(i);
    curve.thresholds[p] = i === 0 ? scores[0] + 1 : scores[corners[i]];
  }
  return { value: curve };
}
function findRocCorners(tps, fps, corners) {
  const runs = tps.length;
  corners[1] = 0;
  let points = 2;
  for (let g = 1; g < runs; g++) {
    const turn = g === runs - 1 ? 1 : fps[g + 1] - 2 * fps[g] + fps[g - 1] | tps[g + 1] - 2 * tps[g] + tps[g - 1];
    corners[points] = g;
    points += (turn | -turn) >>> 31;
  }
  return points;
}
function measureRoc(tps, fps, corners, points, arcs) {
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
    if ((i & ARC_BLOCK - 1) === 0) arcs[i >>> ARC_BLOCK_SHIFT] = length;
  }
  return length;
}
function precisionRecallCurveOf(counts, positiveName, maxPoints) {
  const { tps, fps, scores } = counts;
  const reason = classCountReason(tps, fps, positiveName, "precision-recall curve");
  if (reason !== null) return undefinedMetric(reason);
  const runs = tps.length;
  const positives = tps[runs - 1];
  const recallOf = (g) => g < 0 ? 0 : tps[g] / positives;
  const precisionOf = (g) => g < 0 ? 1 : tps[g] / (tps[g] + fps[g]);
  let kept;
  if (maxPoints === void 0 || runs + 1 <= maxPoints) {
    kept = allPoints(runs + 1);
  } else {
    const arcs = new Float64Array(arcBlocks(runs + 1));
    const length = measurePrecisionRecall(tps, fps, arcs);
    kept = pickPoints(runs + 1, length, arcs, maxPoints, (arc, i) => {
      const g = runs - 1 - i;
      return arc + Math.abs(recallOf(g) - recallOf(g + 1)) + Math.abs(precisionOf(g) - precisionOf(g + 1));
    });
  }
  const curve = { precision: new Float64Array(kept.length), recall: new Float64Array(kept.length), thresholds: new Float64Array(kept.length - 1) };
  for (let p = 0; p < kept.length; p++) {
    const g = runs - 1 - kept[p];
    curve.precision[p] = precisionOf(g);
    curve.recall[p] = recallOf(g);
    if (g >= 0) curve.thresholds[p] = scores[g];
  }
  return { value: curve };
}
function measurePrecisionRecall(tps, fps, arcs) {
  const runs = tps.length;
  const positives = tps[runs - 1];
  let length = 0;
  let recall = tps[runs - 1] / positives;
  let precision = tps[runs - 1] / (tps[runs - 1] + fps[runs - 1]);
  for (let i = 1; i <= runs; i++) {
    const g = runs - 1 - i;
    const nextRecall = g < 0 ? 0 : tps[g] / positives;
    const nextPrecision = g < 0 ? 1 : tps[g] / (tps[g] + fps[g]);
    length = length + Math.abs(nextRecall - recall) + Math.abs(nextPrecision - precision);
    recall = nextRecall;
    precision = nextPrecision;
    if ((i & ARC_BLOCK - 1) === 0) arcs[i >>> ARC_BLOCK_SHIFT] = length;
  }
  return length;
}
function requireMaxPoints(maxPoints) {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
}

// src/stats/metrics/classification.ts
function confusionCounts(labels, predictions, classCount, multiplicities) {
  const counts = new Float64Array(classCount * classCount);
  if (multiplicities === void 0) {
    for (let i = 0; i < labels.length; i++) counts[labels[i] * classCount + predictions[i]] += 1;
  } else {
    for (let i = 0; i < labels.length; i++) counts[labels[i] * classCount + predictions[i]] += multiplicities[i];
  }
  return counts;
}
function classTotals(counts, classCount) {
  const correct = new Float64Array(classCount);
  const predicted = new Float64Array(classCount);
  const support = new Float64Array(classCount);
  let rows = 0;
  for (let t = 0; t < classCount; t++) {
    for (let p = 0; p < classCount; p++) {
      const c = counts[t * classCount + p];
      support[t] += c;
      predicted[p] += c;
      rows += c;
    }
    correct[t] = counts[t * classCount + t];
  }
  return { rows, correct, predicted, support };
}
function ratio(numerator, denominator) {
  return denominator > 0 ? numerator / denominator : 0;
}
function classPrecision(totals, k) {
  return ratio(totals.correct[k], totals.predicted[k]);
}
function classRecall(totals, k) {
  return ratio(totals.correct[k], totals.support[k]);
}
function classF1(totals, k) {
  return ratio(2 * totals.correct[k], totals.predicted[k] + totals.support[k]);
}
function accuracyOf(totals) {
  let correct = 0;
  for (let k = 0; k < totals.correct.length; k++) correct += totals.correct[k];
  return correct / totals.rows;
}
function balancedAccuracyOf(totals) {
  let sum = 0;
  let present = 0;
  for (let k = 0; k < totals.support.length; k++) {
    if (totals.support[k] > 0) {
      sum += totals.correct[k] / totals.support[k];
      present++;
    }
  }
  return sum / present;
}
var MEASURES = { precision: classPrecision, recall: classRecall, f1: classF1 };
function isZeroDivision(totals, measure, k) {
  if (measure === "precision") return totals.predicted[k] === 0;
  if (measure === "recall") return totals.support[k] === 0;
  return totals.predicted[k] + totals.support[k] === 0;
}
function zeroDivisionReason(measure, labels) {
  const why = measure === "precision" ? "never predicted" : measure === "recall" ? "absent from y_true" : "absent from y_true and never predicted";
  const subject = labels.length === 1 ? `class ${labels[0]} was` : `classes ${labels.join(", ")} were`;
  return `${measure} counted as 0 where ${subject} ${why} (scikit-learn's zero_division='warn')`;
}
function isPresent(totals, k) {
  return totals.support[k] > 0 || totals.predicted[k] > 0;
}
function averagedMeasure(totals, classes, measure, average) {
  const perClass = MEASURES[measure];
  let sum = 0;
  let weight = 0;
  const conventional = [];
  for (let k = 0; k < classes.length; k++) {
    if (!isPresent(totals, k)) continue;
    const w = average === "macro" ? 1 : totals.support[k];
    if (w === 0) continue;
    sum += w * perClass(totals, k);
    weight += w;
    if (isZeroDivision(totals, measure, k)) conventional.push(JSON.stringify(String(classes[k])));
  }
  return measured(sum / weight, conventional.length > 0 ? zeroDivisionReason(measure, conventional) : void 0);
}
function binaryMeasure(totals, classes, measure, positive) {
  const reason = isZeroDivision(totals, measure, positive) ? zeroDivisionReason(measure, [JSON.stringify(String(classes[positive]))]) : void 0;
  return measured(MEASURES[measure](totals, positive), reason);
}
function countMetrics(counts, classes, positive) {
  const totals = classTotals(counts, classes.length);
  const out = {
    accuracy: measured(accuracyOf(totals)),
    balanced_accuracy: measured(balancedAccuracyOf(totals))
  };
  if (positive !== null) {
    for (const name of ["precision", "recall", "f1"]) out[name] = binaryMeasure(totals, classes, name, positive);
    out.selection_rate = measured(totals.predicted[positive] / totals.rows);
  } else {
    for (const average of ["macro", "weighted"]) {
      for (const name of ["precision", "recall", "f1"]) {
        out[`${name}_${average}`] = averagedMeasure(totals, classes, name, average);
      }
    }
  }
  return out;
}
function perClassMetrics(counts, classes) {
  const totals = classTotals(counts, classes.length);
  return classes.map((label, k) => ({
    label,
    precision: classPrecision(totals, k),
    recall: classRecall(totals, k),
    f1: classF1(totals, k),
    support: totals.support[k],
    predicted: totals.predicted[k]
  }));
}
function confusionRows(counts, classCount) {
  return Array.from({ length: classCount }, (_, t) => Array.from(counts.subarray(t * classCount, (t + 1) * classCount)));
}

// src/stats/metrics/calibration.ts
var CALIBRATION_BINS = 10;
function requireBinCount(binCount) {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`the bin count must be a positive integer, got ${binCount}`);
}
function calibrationEdges(binCount) {
  requireBinCount(binCount);
  const step = 1 / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let j = 0; j < binCount; j++) edges[j] = j * step;
  edges[binCount] = 1;
  return edges;
}
function binBounds(edges) {
  const bounds = Float64Array.from(edges);
  bounds[0] = -Infinity;
  bounds[bounds.length - 1] = Infinity;
  return bounds;
}
function calibrationBin(p, bounds) {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a calibration bin needs a probability in [0, 1], got ${p}`);
  let j = p * (bounds.length - 1) | 0;
  while (!(bounds[j] < p)) j--;
  while (bounds[j + 1] < p) j++;
  return j;
}
var ReliabilityBins = class {
  edges;
  counts;
  confidenceSums;
  correctSums;
  bounds;
  constructor(binCount) {
    this.edges = calibrationEdges(binCount);
    this.bounds = binBounds(this.edges);
    this.counts = new Float64Array(binCount);
    this.confidenceSums = new Float64Array(binCount);
    this.correctSums = new Float64Array(binCount);
  }
  add(bin, confidence, correct, multiplicity) {
    this.counts[bin] += multiplicity;
    this.confidenceSums[bin] += multiplicity * confidence;
    this.correctSums[bin] += Number(correct) * multiplicity;
  }
  /** Adds the row of classCount probabilities starting at `base`, of true class `label`. */
  addRow(label, probabilities, base, classCount) {
    const { confidence, top } = topClass(probabilities, base, classCount);
    this.add(calibrationBin(confidence, this.bounds), confidence, top === label, 1);
  }
  /** Adds rows × classCount probabilities with their true classes. */
  addRows(labels, probabilities, classCount) {
    for (let i = 0; i < labels.length; i++) this.addRow(labels[i], probabilities, i * classCount, classCount);
  }
  table() {
    let rows = 0;
    for (const c of this.counts) rows += c;
    let ece = 0;
    const bins = [];
    for (let j = 0; j < this.counts.length; j++) {
      const count = this.counts[j];
      const bin = { lower: this.edges[j], upper: this.edges[j + 1], count, confidence: null, accuracy: null };
      if (count > 0) {
        bin.confidence = this.confidenceSums[j] / count;
        bin.accuracy = this.correctSums[j] / count;
        ece += count / rows * Math.abs(bin.accuracy - bin.confidence);
      }
      bins.push(bin);
    }
    return { expectedCalibrationError: ece, bins };
  }
};
function confidenceRows(labels, probabilities, classCount, edges) {
  const rows = labels.length;
  const out = { bin: new Int32Array(rows), confidence: new Float64Array(rows), correct: new Uint8Array(rows) };
  const bounds = binBounds(edges);
  for (let i = 0; i < rows; i++) {
    const { confidence, top } = topClass(probabilities, i * classCount, classCount);
    out.bin[i] = calibrationBin(confidence, bounds);
    out.confidence[i] = confidence;
    out.correct[i] = top === labels[i] ? 1 : 0;
  }
  return out;
}
function reliabilityOf(rows, binCount, multiplicities) {
  const bins = new ReliabilityBins(binCount);
  for (let i = 0; i < rows.bin.length; i++) {
    const m = multiplicities[i];
    if (m !== 0) bins.add(rows.bin[i], rows.confidence[i], rows.correct[i] === 1, m);
  }
  return bins.table();
}
var CalibrationCurveBins = class {
  bounds;
  binCount;
  classCount;
  counts;
  probabilitySums;
  positives;
  /** each class's bin in the row being added */
  rowBins;
  constructor(classCount, binCount) {
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
  addRow(label, values, base, reliability) {
    const { bounds, binCount, classCount, counts, probabilitySums, rowBins } = this;
    let top = 0;
    for (let k = 0; k < classCount; k++) {
      const p = values[base + k];
      const bin = calibrationBin(p, bounds);
      rowBins[k] = bin;
      counts[k * binCount + bin] += 1;
      probabilitySums[k * binCount + bin] += p;
      top += Number(p > values[base + top]) * (k - top);
    }
    this.positives[label * binCount + rowBins[label]] += 1;
    reliability?.add(rowBins[top], values[base + top], top === label, 1);
  }
  /** Adds rows × classes probabilities with their true classes (and to `reliability`, when given: see `addRow`). */
  addRows(labels, probabilities, reliability) {
    for (let i = 0; i < labels.length; i++) this.addRow(labels[i], probabilities, i * this.classCount, reliability);
  }
  /** The curve of class k, over its non-empty bins. */
  curve(k) {
    const first = k * this.binCount;
    const occupied = [];
    for (let j = 0; j < this.binCount; j++) if (this.counts[first + j] > 0) occupied.push(j);
    return {
      probTrue: Float64Array.from(occupied, (j) => this.positives[first + j] / this.counts[first + j]),
      probPred: Float64Array.from(occupied, (j) => this.probabilitySums[first + j] / this.counts[first + j]),
      bins: Int32Array.from(occupied),
      counts: Float64Array.from(occupied, (j) => this.counts[first + j])
    };
  }
};

// src/stats/metrics/probabilistic.ts
var LOG_LOSS_EPSILON = Number.EPSILON;
function rowLogLoss(labels, probabilities, classCount, i) {
  const eps = LOG_LOSS_EPSILON;
  const upper = 1 - eps;
  const base = i * classCount;
  let sum = 0;
  for (let k = 0; k < classCount; k++) sum += Math.min(Math.max(probabilities[base + k], eps), upper);
  const truth = Math.min(Math.max(probabilities[base + labels[i]], eps), upper);
  return -Math.log(truth / sum);
}
function rowBrier(labels, probabilities, classCount, positive, i) {
  const base = i * classCount;
  const label = labels[i];
  if (positive !== null) {
    const error = Number(label === positive) - probabilities[base + positive];
    return error * error;
  }
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    const error = Number(label === k) - probabilities[base + k];
    sum += error * error;
  }
  return sum;
}
var LossSums = class {
  logLoss = 0;
  brier = 0;
  /** Adds rows × classCount probabilities with their true classes; `positive` as for `rowBrier`. */
  addRows(labels, probabilities, classCount, positive) {
    let { logLoss: logLoss2, brier } = this;
    for (let i = 0; i < labels.length; i++) {
      logLoss2 += rowLogLoss(labels, probabilities, classCount, i);
      brier += rowBrier(labels, probabilities, classCount, positive, i);
    }
    this.logLoss = logLoss2;
    this.brier = brier;
  }
};
function logLossPerRow(labels, probabilities, classCount) {
  const losses = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) losses[i] = rowLogLoss(labels, probabilities, classCount, i);
  return losses;
}
function brierPerRow(labels, probabilities, classCount, positive) {
  const losses = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) losses[i] = rowBrier(labels, probabilities, classCount, positive, i);
  return losses;
}
function weightedMean(values, multiplicities) {
  let sum = 0;
  if (multiplicities === void 0) {
    for (let i = 0; i < values.length; i++) sum += values[i];
    return sum / values.length;
  }
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const m = multiplicities[i];
    if (m !== 0) {
      sum += m * values[i];
      count += m;
    }
  }
  return sum / count;
}

// src/stats/metrics/regression.ts
var RegressionRows = class {
  yTrue;
  yPred;
  absoluteErrors;
  sortedByError;
  constructor(yTrue, yPred) {
    this.yTrue = yTrue;
    this.yPred = yPred;
    this.absoluteErrors = new Float64Array(yTrue.length);
    for (let i = 0; i < yTrue.length; i++) this.absoluteErrors[i] = Math.abs(yPred[i] - yTrue[i]);
  }
  get rows() {
    return this.yTrue.length;
  }
  errorOrder() {
    if (this.sortedByError === void 0) {
      const errors = this.absoluteErrors;
      this.sortedByError = Int32Array.from({ length: errors.length }, (_, i) => i).sort((a, b) => errors[a] - errors[b]);
    }
    return this.sortedByError;
  }
  metrics(multiplicities) {
    const { yTrue, absoluteErrors } = this;
    const weight = (i) => multiplicities === void 0 ? 1 : multiplicities[i];
    let count = 0;
    let squared = 0;
    let absolute = 0;
    let percentage = 0;
    let targetSum = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    let zeroTargetsMissed = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const m = weight(i);
      if (m === 0) continue;
      const y = yTrue[i];
      const error = absoluteErrors[i];
      count += m;
      squared += m * error * error;
      absolute += m * error;
      percentage += m * error / Math.max(Math.abs(y), Number.EPSILON);
      targetSum += m * y;
      if (y < lowest) lowest = y;
      if (y > highest) highest = y;
      if (y === 0 && error !== 0) zeroTargetsMissed += m;
    }
    const mean = targetSum / count;
    let total = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const m = weight(i);
      if (m !== 0) total += m * (yTrue[i] - mean) * (yTrue[i] - mean);
    }
    return {
      rmse: measured(Math.sqrt(squared / count)),
      mae: measured(absolute / count),
      r2: lowest === highest ? undefinedMetric(
        "y_true is constant, so R\xB2 has no variance to explain (scikit-learn reports 1.0 for perfect predictions and 0.0 otherwise)"
      ) : measured(1 - squared / total),
      mape: measured(
        percentage / count,
        zeroTargetsMissed > 0 ? `y_true is 0 in ${zeroTargetsMissed} row(s) predicted otherwise: those rows are divided by machine epsilon, as scikit-learn does, and dominate the value` : void 0
      ),
      median_absolute_error: measured(this.medianError(count, multiplicities))
    };
  }
  medianError(count, multiplicities) {
    const order = this.errorOrder();
    const errors = this.absoluteErrors;
    const lowerRank = Math.floor((count - 1) / 2);
    const upperRank = Math.floor(count / 2);
    if (multiplicities === void 0) return (errors[order[lowerRank]] + errors[order[upperRank]]) / 2;
    let seen = 0;
    let lower = NaN;
    for (let j = 0; j < order.length; j++) {
      const row = order[j];
      seen += multiplicities[row];
      if (Number.isNaN(lower) && seen > lowerRank) lower = errors[row];
      if (seen > upperRank) return (lower + errors[row]) / 2;
    }
    throw new Error("median rank beyond the resample: the multiplicities do not add up to the row count");
  }
};
function regressionRows(yTrue, yPred, what) {
  requireSameLength(yTrue, yPred, "y_true", "y_pred");
  requireRows(yTrue.length, what);
  requireFinite(yTrue, "y_true");
  requireFinite(yPred, "y_pred");
  const asFloat64 = (values) => values instanceof Float64Array ? values : Float64Array.from(values);
  return new RegressionRows(asFloat64(yTrue), asFloat64(yPred));
}

// src/stats/metrics/evaluation.ts
function checkMultiplicities(multiplicities, rows) {
  if (multiplicities !== void 0 && multiplicities.length !== rows) {
    throw new RangeError(`multiplicities have ${multiplicities.length} entries for ${rows} rows`);
  }
}
var NO_PROBABILITIES = "the model gave no class probabilities, only labels";
function assembleClassificationMetrics(counts, classes, positive, probability) {
  const all = countMetrics(counts, classes, positive);
  if (typeof probability === "string") {
    for (const name of ["roc_auc", "average_precision", "log_loss", "brier_score", "expected_calibration_error"]) {
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
function buildClassificationReport(classes, positive, counts, probability) {
  return {
    task: positive === null ? "multiclass" : "binary",
    rows: classTotals(counts, classes.length).rows,
    classes: [...classes],
    positiveLabel: positive === null ? null : classes[positive],
    metrics: assembleClassificationMetrics(counts, classes, positive, probability),
    confusionMatrix: confusionRows(counts, classes.length),
    perClass: perClassMetrics(counts, classes),
    reliability: typeof probability === "string" ? null : probability.reliability
  };
}
function rankingCurvesOf(counts, name, curvePoints, space) {
  return { roc: rocCurveOf(counts, name, curvePoints, space), precisionRecall: precisionRecallCurveOf(counts, name, curvePoints) };
}
function rankClassScores(values, rows, stride, offset, labels, positive, name, curvePoints, space) {
  const counts = countRuns(values, rows, stride, offset, labels, positive, space);
  const ranked = {
    metrics: runMetrics(counts, name),
    curves: curvePoints === void 0 ? null : rankingCurvesOf(counts, name, curvePoints, space)
  };
  return { counts, ranked };
}
var ROWS_CHECKED = /* @__PURE__ */ Symbol("rows checked");
var ClassificationEvaluation = class _ClassificationEvaluation {
  task;
  classes;
  labels;
  probabilities;
  predictions;
  /** index of the positive class for a binary task, null for multiclass */
  positive;
  calibrationBins;
  curvePoints;
  calibrationEdges;
  allRows;
  rowParts;
  ranked = [];
  /** each class's calibration_curve bins, from the pass over all rows */
  calibrationCurves;
  resampleCache = { rankings: [] };
  /** `rowsChecked`: the accumulator, which checked every batch as it came, passes ROWS_CHECKED to skip checking the rows again. */
  constructor(input, rowsChecked) {
    const { classes, labels } = input;
    classLookup(classes);
    requireRows(labels.length, "classification metrics");
    if (input.probabilities === void 0 && input.predictions === void 0) {
      throw new RangeError("classification metrics need probabilities, predictions or both");
    }
    if (input.predictions !== void 0) requireSameLength(input.predictions, labels, "predictions", "labels");
    if (rowsChecked !== ROWS_CHECKED) {
      requireClassIndices(labels, classes.length, "labels");
      if (input.probabilities !== void 0) requireProbabilities(input.probabilities, labels.length, classes);
      if (input.predictions !== void 0) requireClassIndices(input.predictions, classes.length, "predictions");
    }
    if (input.curvePoints !== void 0) requireMaxPoints(input.curvePoints);
    this.classes = classes;
    this.labels = labels;
    this.probabilities = input.probabilities ?? null;
    this.predictions = input.predictions ?? predictedClasses(input.probabilities, classes.length);
    this.task = classes.length === 2 ? "binary" : "multiclass";
    this.positive = this.task === "binary" ? positiveClassIndex(classes, input.positiveLabel) : null;
    this.calibrationBins = input.calibrationBins ?? CALIBRATION_BINS;
    this.calibrationEdges = calibrationEdges(this.calibrationBins);
    this.curvePoints = input.curvePoints;
  }
  get rows() {
    return this.labels.length;
  }
  get target() {
    return this.labels;
  }
  confusion(multiplicities) {
    checkMultiplicities(multiplicities, this.rows);
    return confusionCounts(this.labels, this.predictions, this.classes.length, multiplicities);
  }
  metrics(multiplicities) {
    return assembleClassificationMetrics(this.confusion(multiplicities), this.classes, this.positive, this.probabilityParts(multiplicities));
  }
  report() {
    return buildClassificationReport(this.classes, this.positive, this.confusion(), this.probabilityParts());
  }
  /**
   * ROC, precision–recall and calibration curves of one class (the positive one by default);
   * with `curvePoints`, the ROC and precision–recall curves are downsampled to that many points.
   */
  curves(label) {
    const probabilities = this.probabilities;
    if (probabilities === null) return undefinedMetric(NO_PROBABILITIES);
    if (label === void 0 && this.positive === null) {
      throw new RangeError(`curves of a multiclass evaluation are one-vs-rest: name the class, one of [${this.classes.join(", ")}]`);
    }
    const k = label === void 0 ? this.positive : classIndexOf(label, this.classes);
    this.allRows ??= this.allRowsParts(probabilities);
    let rankingCurves = this.ranked[k]?.curves;
    if (rankingCurves === void 0 || rankingCurves === null) {
      const { counts, ranked } = this.rankClass(k);
      rankingCurves = ranked.curves ?? rankingCurvesOf(counts, String(this.classes[k]), this.curvePoints);
    }
    return { value: { label: this.classes[k], ...rankingCurves, calibration: this.calibrationCurves.curve(k) } };
  }
  subset(rows) {
    const classCount = this.classes.length;
    const probabilities = this.probabilities;
    return new _ClassificationEvaluation({
      classes: this.classes,
      labels: Int32Array.from(rows, (i) => this.labels[i]),
      predictions: Int32Array.from(rows, (i) => this.predictions[i]),
      probabilities: probabilities === null ? void 0 : Float64Array.from({ length: rows.length * classCount }, (_, j) => {
        const row = rows[Math.floor(j / classCount)];
        return probabilities[row * classCount + j % classCount];
      }),
      positiveLabel: this.positive === null ? void 0 : this.classes[this.positive],
      calibrationBins: this.calibrationBins,
      curvePoints: this.curvePoints
    });
  }
  /** Sorts class k's scores once: its ranking metrics, and its curves when downsampled, are kept; the run counts are not. */
  rankClass(k, space) {
    const result = rankClassScores(this.probabilities, this.rows, this.classes.length, k, this.labels, k, String(this.classes[k]), this.curvePoints, space);
    this.ranked[k] = result.ranked;
    return result;
  }
  /** The classes the metrics on all rows rank: the positive one, or every class one-vs-rest. */
  get rankedClasses() {
    return this.positive !== null ? [this.positive] : this.classes.map((_, k) => k);
  }
  /** Ranks classes `ks` now, in one ranking space, unless they are ranked already. */
  rankClasses(ks) {
    if (this.probabilities === null) return;
    const space = new RankingSpace(this.rows);
    for (const k of ks) if (this.ranked[k] === void 0) this.rankClass(k, space);
  }
  /** Takes class k's ranking made elsewhere by `rankClassScores` on this evaluation's probabilities, labels and curve points. */
  adoptRanking(k, ranked) {
    this.ranked[k] = ranked;
  }
  /** The passes over all rows other than ranking (losses, reliability and calibration bins), now, unless done. */
  measureRows() {
    if (this.probabilities !== null) this.rowParts ??= this.rowPartsOf(this.probabilities);
  }
  rankingMetricsOf(k, multiplicities, space) {
    if (multiplicities === void 0) return (this.ranked[k] ?? this.rankClass(k, space).ranked).metrics;
    const rankings = this.resampleCache.rankings;
    rankings[k] ??= rankScores(this.probabilities, this.rows, this.classes.length, k);
    return rankingMetrics(rankings[k], this.labels, k, String(this.classes[k]), multiplicities);
  }
  rankingParts(multiplicities) {
    const space = multiplicities === void 0 ? new RankingSpace(this.rows) : void 0;
    if (this.positive !== null) return this.rankingMetricsOf(this.positive, multiplicities, space);
    const perClass = this.classes.map((_, k) => this.rankingMetricsOf(k, multiplicities, space));
    return {
      rocAuc: macroOverClasses(perClass.map((r) => r.rocAuc), this.classes),
      averagePrecision: macroOverClasses(perClass.map((r) => r.averagePrecision), this.classes)
    };
  }
  /** The losses and reliability on all rows, and each class's calibration curve bins: one pass over the rows for the losses, one for the bins. */
  rowPartsOf(probabilities) {
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
  allRowsParts(probabilities) {
    this.rowParts ??= this.rowPartsOf(probabilities);
    return { ...this.rowParts, ranking: this.rankingParts(void 0) };
  }
  probabilityParts(multiplicities) {
    const probabilities = this.probabilities;
    if (probabilities === null) return NO_PROBABILITIES;
    const classCount = this.classes.length;
    if (multiplicities === void 0) {
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
      ranking: this.rankingParts(multiplicities)
    };
  }
};
var RegressionEvaluation = class _RegressionEvaluation {
  errors;
  constructor(input) {
    this.errors = regressionRows(input.yTrue, input.yPred, "regression metrics");
  }
  get rows() {
    return this.errors.rows;
  }
  get target() {
    return this.errors.yTrue;
  }
  metrics(multiplicities) {
    checkMultiplicities(multiplicities, this.rows);
    return this.errors.metrics(multiplicities);
  }
  report() {
    return { task: "regression", rows: this.rows, metrics: this.metrics() };
  }
  subset(rows) {
    return new _RegressionEvaluation({
      yTrue: Float64Array.from(rows, (i) => this.errors.yTrue[i]),
      yPred: Float64Array.from(rows, (i) => this.errors.yPred[i])
    });
  }
};

// src/stats/metrics/slices.ts
var MIN_SLICE_SIZE = 30;
var SliceEncoder = class {
  keys = [];
  byText = /* @__PURE__ */ new Map();
  byNumber = /* @__PURE__ */ new Map();
  nullCode = -1;
  encode(values) {
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const key = values[i] ?? null;
      let code = key === null ? this.nullCode : typeof key === "string" ? this.byText.get(key) : this.byNumber.get(key);
      if (code === void 0 || code < 0) code = this.add(key);
      codes[i] = code;
    }
    return codes;
  }
  add(key) {
    const code = this.keys.length;
    this.keys.push(key);
    if (key === null) this.nullCode = code;
    else if (typeof key === "string") this.byText.set(key, code);
    else this.byNumber.set(key, code);
    return code;
  }
};
function compareKeys(a, b) {
  const rank = (k) => k === null ? 2 : typeof k === "string" ? 1 : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}
function groupRows(slices, rows) {
  if (slices.codes.length !== rows) {
    throw new RangeError(`slice keys cover ${slices.codes.length} rows, the evaluation ${rows}`);
  }
  const sizes = new Int32Array(slices.keys.length);
  for (const code of slices.codes) sizes[code]++;
  const groups = slices.keys.map((key, code) => ({ key, rows: new Int32Array(sizes[code]) }));
  const filled = new Int32Array(slices.keys.length);
  slices.codes.forEach((code, row) => {
    groups[code].rows[filled[code]++] = row;
  });
  return groups.filter((g) => g.rows.length > 0).sort((a, b) => compareKeys(a.key, b.key));
}
function checkMinSize(minSize) {
  if (!Number.isInteger(minSize) || minSize < 1) throw new RangeError(`the minimum slice size must be a positive integer, got ${minSize}`);
}
function sliceMetrics(evaluation, slices, options = {}) {
  const minSize = options.minSize ?? MIN_SLICE_SIZE;
  checkMinSize(minSize);
  const report = { minSize, slices: [], tooSmall: [] };
  for (const group of groupRows(slices, evaluation.rows)) {
    if (group.rows.length < minSize) report.tooSmall.push({ key: group.key, rows: group.rows.length });
    else report.slices.push({ key: group.key, rows: group.rows.length, metrics: evaluation.subset(group.rows).metrics() });
  }
  return report;
}
function gapOf(values, measure, minSize) {
  const measuredSlices = values.filter((v) => v.value !== null);
  const excluded = values.filter((v) => v.value === null).map((v) => v.key);
  if (measuredSlices.length < 2) {
    return {
      ...undefinedMetric(`fewer than two slices of at least ${minSize} rows with a defined ${measure}`),
      excluded
    };
  }
  let highest = measuredSlices[0];
  let lowest = measuredSlices[0];
  for (const v of measuredSlices) {
    if (v.value > highest.value) highest = v;
    if (v.value < lowest.value) lowest = v;
  }
  return { ...measured(highest.value - lowest.value), highest, lowest, excluded };
}
function sliceTotals(evaluation, group) {
  const classCount = evaluation.classes.length;
  const counts = new Float64Array(classCount * classCount);
  for (const row of group.rows) counts[evaluation.labels[row] * classCount + evaluation.predictions[row]] += 1;
  return classTotals(counts, classCount);
}
function fairnessGaps(evaluation, slices, options = {}) {
  const minSize = options.minSize ?? MIN_SLICE_SIZE;
  checkMinSize(minSize);
  const groups = groupRows(slices, evaluation.rows).filter((g) => g.rows.length >= minSize);
  const totals = groups.map((g) => sliceTotals(evaluation, g));
  const per = (value) => groups.map((g, s) => ({ key: g.key, value: value(totals[s]) }));
  const positive = evaluation.positive;
  if (positive !== null) {
    return {
      recall_gap: gapOf(per((t) => t.support[positive] > 0 ? t.correct[positive] / t.support[positive] : null), "recall", minSize),
      precision_gap: gapOf(
        per((t) => t.predicted[positive] > 0 ? t.correct[positive] / t.predicted[positive] : null),
        "precision",
        minSize
      ),
      selection_rate_gap: gapOf(per((t) => t.predicted[positive] / t.rows), "selection rate", minSize)
    };
  }
  const classes = evaluation.classes;
  return {
    recall_gap: gapOf(per((t) => averagedMeasure(t, classes, "recall", "macro").value), "macro recall", minSize),
    precision_gap: gapOf(per((t) => averagedMeasure(t, classes, "precision", "macro").value), "macro precision", minSize),
    selection_rate_gap: multiclassSelectionGap(groups, totals, classes.length, minSize)
  };
}
function multiclassSelectionGap(groups, totals, classCount, minSize) {
  if (groups.length < 2) {
    return { ...undefinedMetric(`fewer than two slices of at least ${minSize} rows`), excluded: [] };
  }
  let sum = 0;
  for (let k = 0; k < classCount; k++) {
    let highest = -Infinity;
    let lowest = Infinity;
    for (const t of totals) {
      const rate = t.predicted[k] / t.rows;
      highest = Math.max(highest, rate);
      lowest = Math.min(lowest, rate);
    }
    sum += highest - lowest;
  }
  return {
    ...measured(sum / classCount, "mean over classes of the largest difference between slices in the share of rows predicted as that class"),
    excluded: []
  };
}

// src/stats/metrics/random.ts
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
function rotl(x, k) {
  return x << k | x >>> 32 - k;
}
var Xoshiro128 = class {
  s0;
  s1;
  s2;
  s3;
  constructor(seed) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      throw new RangeError(`the seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
    }
    let weyl = seed;
    const next = () => {
      weyl = weyl + 2654435769 >>> 0;
      return fmix32(weyl);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }
  nextUint32() {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }
  /** A uniform integer in [0, n). */
  indexBelow(n) {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return Math.floor((high * 67108864 + low) / 9007199254740992 * n);
  }
};

// src/stats/metrics/bootstrap.ts
var BOOTSTRAP_RESAMPLES = 1e3;
var BOOTSTRAP_SEED = 20240601;
var BOOTSTRAP_CONFIDENCE = 0.95;
function percentile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const fraction = position - below;
  const a = sorted[below];
  const b = sorted[Math.min(below + 1, sorted.length - 1)];
  return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction;
}
function settingsOf(options) {
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const confidence = options.confidence ?? BOOTSTRAP_CONFIDENCE;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const tailPercent = (100 - 100 * confidence) / 2;
  return {
    resamples,
    seed: options.seed ?? BOOTSTRAP_SEED,
    lowerQuantile: tailPercent / 100,
    upperQuantile: (100 - tailPercent) / 100
  };
}
function resample(rows, names, settings, score) {
  const samples = new Map(names.map((name) => [name, { values: new Float64Array(settings.resamples), defined: 0 }]));
  const random = new Xoshiro128(settings.seed);
  const multiplicities = new Uint32Array(rows);
  for (let b = 0; b < settings.resamples; b++) {
    multiplicities.fill(0);
    for (let i = 0; i < rows; i++) multiplicities[random.indexBelow(rows)]++;
    const valueOf = score(multiplicities);
    for (const [name, sample] of samples) {
      const value = valueOf(name);
      if (value !== null) sample.values[sample.defined++] = value;
    }
  }
  return samples;
}
function intervalOf(sample, settings) {
  const undefinedCount = settings.resamples - sample.defined;
  if (sample.defined * 2 < settings.resamples) {
    return {
      interval: null,
      reason: `undefined in ${undefinedCount} of ${settings.resamples} resamples, too many for an interval`
    };
  }
  const sorted = sample.values.subarray(0, sample.defined).sort();
  return { interval: { lower: percentile(sorted, settings.lowerQuantile), upper: percentile(sorted, settings.upperQuantile) } };
}
function chosenNames(available, requested) {
  if (requested === void 0) return [...available];
  for (const name of requested) {
    if (!available.includes(name)) throw new RangeError(`no metric "${name}" to resample; there are: ${available.join(", ")}`);
  }
  return [...requested];
}
function bootstrap(evaluation, options = {}) {
  const settings = settingsOf(options);
  const estimates = evaluation.metrics();
  const names = chosenNames(Object.keys(estimates), options.metrics);
  const samples = resample(evaluation.rows, names, settings, (multiplicities) => {
    const values = evaluation.metrics(multiplicities);
    return (name) => values[name].value;
  });
  const out = {};
  for (const name of names) {
    const estimate = estimates[name];
    const sample = samples.get(name);
    const common = { estimate, resamples: sample.defined, undefinedResamples: settings.resamples - sample.defined };
    out[name] = estimate.value === null ? { ...common, interval: null, reason: estimate.reason } : { ...common, ...intervalOf(sample, settings) };
  }
  return out;
}
function differenceOf(challenger, champion) {
  if (challenger.value === null) return undefinedMetric(`the challenger's value is undefined: ${challenger.reason}`);
  if (champion.value === null) return undefinedMetric(`the champion's value is undefined: ${champion.reason}`);
  return measured(challenger.value - champion.value);
}
function sameTarget(challenger, champion) {
  if (challenger.rows !== champion.rows) {
    throw new RangeError(`a paired bootstrap needs the same rows: the challenger has ${challenger.rows}, the champion ${champion.rows}`);
  }
  for (let i = 0; i < challenger.rows; i++) {
    if (challenger.target[i] !== champion.target[i]) {
      throw new RangeError(`a paired bootstrap needs the same rows: y_true differs at row ${i + 1}`);
    }
  }
}
function pairedBootstrap(challenger, champion, options = {}) {
  sameTarget(challenger, champion);
  const settings = settingsOf(options);
  const challengerEstimates = challenger.metrics();
  const championEstimates = champion.metrics();
  const shared = Object.keys(challengerEstimates).filter((name) => name in championEstimates);
  const names = chosenNames(shared, options.metrics);
  const samples = resample(challenger.rows, names, settings, (multiplicities) => {
    const a = challenger.metrics(multiplicities);
    const b = champion.metrics(multiplicities);
    return (name) => {
      const x = a[name].value;
      const y = b[name].value;
      return x === null || y === null ? null : x - y;
    };
  });
  const out = {};
  for (const name of names) {
    const difference = differenceOf(challengerEstimates[name], championEstimates[name]);
    const sample = samples.get(name);
    const { interval, reason } = difference.value === null ? { interval: null, reason: difference.reason } : intervalOf(sample, settings);
    out[name] = {
      challenger: challengerEstimates[name],
      champion: championEstimates[name],
      difference,
      interval,
      ...reason === void 0 ? {} : { reason },
      resamples: sample.defined,
      undefinedResamples: settings.resamples - sample.defined,
      excludesZero: interval !== null && (interval.lower > 0 || interval.upper < 0)
    };
  }
  return out;
}

// src/stats/metrics/accumulator.ts
var GrowingArray = class {
  constructor(allocate) {
    this.allocate = allocate;
    this.buffer = allocate(1024);
  }
  allocate;
  buffer;
  length = 0;
  append(values) {
    const needed = this.length + values.length;
    if (needed > this.buffer.length) {
      const grown = this.allocate(Math.max(needed, 4 * this.buffer.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(values, this.length);
    this.length = needed;
  }
  view() {
    return this.buffer.subarray(0, this.length);
  }
};
var float64 = (capacity) => new Float64Array(capacity);
var int32 = (capacity) => new Int32Array(capacity);
var sharedFloat32 = (capacity) => new Float32Array(new SharedArrayBuffer(capacity * Float32Array.BYTES_PER_ELEMENT));
var sharedFloat64 = (capacity) => new Float64Array(new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT));
var sharedInt32 = (capacity) => new Int32Array(new SharedArrayBuffer(capacity * Int32Array.BYTES_PER_ELEMENT));
var KeptProbabilities = class {
  kept = null;
  wide = false;
  append(values) {
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
  view() {
    return this.kept === null ? new Float64Array(0) : this.kept.view();
  }
};
var SliceColumns = class {
  columns = /* @__PURE__ */ new Map();
  constructor(names) {
    for (const name of names) this.columns.set(name, { encoder: new SliceEncoder(), codes: new GrowingArray(int32) });
  }
  check(slices, rows) {
    for (const name of this.columns.keys()) {
      const keys = slices?.[name];
      if (keys === void 0) throw new RangeError(`the batch has no keys for slice column "${name}"`);
      if (keys.length !== rows) throw new RangeError(`slice column "${name}" has ${keys.length} keys for ${rows} rows`);
    }
  }
  /** Appends a batch's keys; call check() first so that a bad batch changes nothing. */
  append(slices) {
    for (const [name, column] of this.columns) column.codes.append(column.encoder.encode(slices[name]));
  }
  get(name) {
    const column = this.columns.get(name);
    if (column === void 0) {
      throw new RangeError(`"${name}" is not a slice column; the accumulator was given [${[...this.columns.keys()].join(", ")}]`);
    }
    return { codes: column.codes.view(), keys: column.encoder.keys };
  }
};
var ROWS_NOT_KEPT = "the rows were not kept (keepRows: false), and ranking metrics need every row";
var ClassificationAccumulator = class {
  classes;
  encoder;
  positive;
  calibrationBins;
  curvePoints;
  kept;
  totals;
  slices;
  shape = null;
  count = 0;
  constructor(options) {
    this.encoder = new LabelEncoder(options.classes);
    this.classes = options.classes;
    this.positive = options.classes.length === 2 ? positiveClassIndex(options.classes, options.positiveLabel) : null;
    this.calibrationBins = options.calibrationBins ?? CALIBRATION_BINS;
    requireBinCount(this.calibrationBins);
    this.curvePoints = options.curvePoints;
    const keepRows = options.keepRows ?? true;
    const sliceColumns = options.sliceColumns ?? [];
    if (!keepRows && sliceColumns.length > 0) throw new RangeError("slices need the rows: set keepRows to true or drop sliceColumns");
    this.slices = new SliceColumns(sliceColumns);
    const classCount = options.classes.length;
    this.kept = keepRows ? { labels: new GrowingArray(sharedInt32), probabilities: new KeptProbabilities(), predictions: new GrowingArray(int32) } : null;
    this.totals = keepRows ? null : {
      counts: new Float64Array(classCount * classCount),
      losses: new LossSums(),
      reliability: new ReliabilityBins(this.calibrationBins)
    };
  }
  get rows() {
    return this.count;
  }
  add(batch) {
    const firstRow = this.count + 1;
    const rows = batch.labels.length;
    const classCount = this.classes.length;
    const shape = { probabilities: batch.probabilities !== void 0, predictions: batch.predictions !== void 0 };
    if (!shape.probabilities && !shape.predictions) throw new RangeError("a batch needs probabilities, predictions or both");
    if (this.shape !== null && (this.shape.probabilities !== shape.probabilities || this.shape.predictions !== shape.predictions)) {
      throw new RangeError("every batch must carry the same outputs (probabilities and/or predictions) as the first");
    }
    const labels = this.encoder.encode(batch.labels, firstRow);
    if (batch.probabilities !== void 0) requireProbabilities(batch.probabilities, rows, this.classes, firstRow);
    let predictions;
    if (batch.predictions !== void 0) {
      requireSameLength(batch.predictions, batch.labels, "predictions", "labels");
      predictions = this.encoder.encode(batch.predictions, firstRow);
    } else {
      predictions = predictedClasses(batch.probabilities, classCount);
    }
    this.slices.check(batch.slices, rows);
    this.slices.append(batch.slices);
    this.shape = shape;
    this.count += rows;
    if (this.kept !== null) {
      this.kept.labels.append(labels);
      if (batch.probabilities !== void 0) this.kept.probabilities.append(batch.probabilities);
      if (batch.predictions !== void 0) this.kept.predictions.append(predictions);
      return;
    }
    const totals = this.totals;
    const counts = confusionCounts(labels, predictions, classCount);
    for (let j = 0; j < counts.length; j++) totals.counts[j] += counts[j];
    const probabilities = batch.probabilities;
    if (probabilities !== void 0) {
      totals.losses.addRows(labels, probabilities, classCount, this.positive);
      totals.reliability.addRows(labels, probabilities, classCount);
    }
  }
  /** The prepared evaluation of every row so far, for bootstrap, slices and curves (keepRows only). */
  evaluation() {
    if (this.kept === null) throw new RangeError(`evaluation() needs the rows: ${ROWS_NOT_KEPT}`);
    requireRows(this.count, "classification metrics");
    return new ClassificationEvaluation(
      {
        classes: this.classes,
        labels: this.kept.labels.view(),
        probabilities: this.shape.probabilities ? this.kept.probabilities.view() : void 0,
        predictions: this.shape.predictions ? this.kept.predictions.view() : void 0,
        positiveLabel: this.positive === null ? void 0 : this.classes[this.positive],
        calibrationBins: this.calibrationBins,
        curvePoints: this.curvePoints
      },
      ROWS_CHECKED
    );
  }
  report() {
    if (this.kept !== null) return this.evaluation().report();
    requireRows(this.count, "classification metrics");
    const totals = this.totals;
    const parts = this.shape.probabilities ? {
      logLoss: totals.losses.logLoss / this.count,
      brierScore: totals.losses.brier / this.count,
      reliability: totals.reliability.table(),
      ranking: { rocAuc: undefinedMetric(ROWS_NOT_KEPT), averagePrecision: undefinedMetric(ROWS_NOT_KEPT) }
    } : NO_PROBABILITIES;
    return buildClassificationReport(this.classes, this.positive, totals.counts, parts);
  }
  sliceKeys(column) {
    return this.slices.get(column);
  }
};
var RegressionAccumulator = class {
  yTrue = new GrowingArray(float64);
  yPred = new GrowingArray(float64);
  slices;
  constructor(options = {}) {
    this.slices = new SliceColumns(options.sliceColumns ?? []);
  }
  get rows() {
    return this.yTrue.length;
  }
  add(batch) {
    requireSameLength(batch.yTrue, batch.yPred, "y_true", "y_pred");
    const firstRow = this.rows + 1;
    requireFinite(batch.yTrue, "y_true", firstRow);
    requireFinite(batch.yPred, "y_pred", firstRow);
    this.slices.check(batch.slices, batch.yTrue.length);
    this.slices.append(batch.slices);
    this.yTrue.append(batch.yTrue);
    this.yPred.append(batch.yPred);
  }
  evaluation() {
    return new RegressionEvaluation({ yTrue: this.yTrue.view(), yPred: this.yPred.view() });
  }
  report() {
    return this.evaluation().report();
  }
  sliceKeys(column) {
    return this.slices.get(column);
  }
};

export {
  BINARY_METRICS,
  MULTICLASS_METRICS,
  REGRESSION_METRICS,
  FAIRNESS_GAPS,
  metricDirection,
  expandBinaryProbabilities,
  RankingSpace,
  rankClassScores,
  ClassificationEvaluation,
  MIN_SLICE_SIZE,
  sliceMetrics,
  fairnessGaps,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  BOOTSTRAP_CONFIDENCE,
  percentile,
  bootstrap,
  pairedBootstrap,
  ClassificationAccumulator,
  RegressionAccumulator
};
