import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  sniffColumnTypes
} from "./chunk-LK62OYZ6.js";
import {
  float64Bits,
  loadFloat64Bits
} from "./chunk-MRFHQFML.js";
import {
  BATCH_ROWS,
  checkDataFiles,
  combinedFingerprint,
  readerFor
} from "./chunk-DD5CHBN6.js";
import {
  MANIFEST_NAME
} from "./chunk-2WYRR6AG.js";
import {
  PackageManifest,
  parseDocument
} from "./chunk-ETVZPRLU.js";
import {
  loadOnnxRuntime,
  tensorsData,
  tensorsOf
} from "./chunk-QXURH2XF.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";

// src/evaluate/dataset.ts
var SNIFF_ROWS = 2e3;
async function hasRows(file) {
  const { reader } = readerFor(file);
  try {
    await reader.open();
    for await (const batch of reader.batches([{ name: reader.columns[0], decoding: "string" }], () => void 0)) if (batch.rows > 0) return true;
    return false;
  } finally {
    await reader.close();
  }
}
async function describeColumns(files, input = "data") {
  await checkDataFiles(files, input);
  const columns = (await sniffColumnTypes(files, SNIFF_ROWS)).columns;
  for (const file of files) if (await hasRows(file)) return columns;
  throw new DataError(`there are no rows to evaluate: ${files.join(", ")} ${files.length > 1 ? "have" : "has"} a header but no records`);
}
var DatasetStream = class {
  constructor(files, plan, chunkRows = BATCH_ROWS, input = "data") {
    this.files = files;
    this.plan = plan;
    this.chunkRows = chunkRows;
    this.input = input;
  }
  files;
  plan;
  chunkRows;
  input;
  fingerprints = [];
  async *chunks() {
    let offset = 0;
    for (const file of this.files) {
      const { reader, fingerprint } = readerFor(file);
      try {
        await reader.open();
        const missing = this.plan.filter((column) => !reader.columns.includes(column.name)).map((column) => column.name);
        if (missing.length > 0) {
          throw new ConfigurationError(
            `data file "${file}" has no column ${missing.map((name) => `"${name}"`).join(", ")} (its columns: ${reader.columns.join(", ")})`,
            { input: this.input }
          );
        }
        const refuse = (issue) => {
          throw new DataError(`${issue.message}: every row must be readable to be evaluated`, { file, row: issue.row ?? void 0, column: issue.column ?? void 0 });
        };
        for await (const batch of reader.batches(this.plan, refuse)) {
          const columns = /* @__PURE__ */ new Map();
          this.plan.forEach((column, i) => columns.set(column.name, batch.columns[i]));
          for (let start = 0; start < batch.rows; start += this.chunkRows) {
            const rows = Math.min(this.chunkRows, batch.rows - start);
            yield { columns, start, rows, file, firstRow: batch.firstRow + start, offset };
            offset += rows;
          }
        }
        this.fingerprints.push(await fingerprint());
      } finally {
        await reader.close();
      }
    }
  }
  /** After the stream is read: sha256 over the files' digests, in order. */
  fingerprint() {
    return combinedFingerprint(this.fingerprints);
  }
};

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
      rankingCurves = ranked.curves ?? this.rankingCurves(counts, k);
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
  rankingCurves(counts, k, space) {
    const name = String(this.classes[k]);
    return { roc: rocCurveOf(counts, name, this.curvePoints, space), precisionRecall: precisionRecallCurveOf(counts, name, this.curvePoints) };
  }
  /**
   * Sorts class k's scores once: its ranking metrics, and its curves when downsampled, are kept; the
   * run counts are not (made in `space` when given, they last until its next use).
   */
  rankClass(k, space) {
    const counts = countRuns(this.probabilities, this.rows, this.classes.length, k, this.labels, k, space);
    const ranked = {
      metrics: runMetrics(counts, String(this.classes[k])),
      curves: this.curvePoints === void 0 ? null : this.rankingCurves(counts, k, space)
    };
    this.ranked[k] = ranked;
    return { counts, ranked };
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
  /** The probability metrics on all rows, and each class's calibration curve bins: one pass over the rows for the losses, one for the bins. */
  allRowsParts(probabilities) {
    const { labels, positive, rows } = this;
    const classCount = this.classes.length;
    const losses = new LossSums();
    losses.addRows(labels, probabilities, classCount, positive);
    const reliability = new ReliabilityBins(this.calibrationBins);
    const calibration = new CalibrationCurveBins(classCount, this.calibrationBins);
    calibration.addRows(labels, probabilities, reliability);
    this.calibrationCurves = calibration;
    return { logLoss: losses.logLoss / rows, brierScore: losses.brier / rows, reliability: reliability.table(), ranking: this.rankingParts(void 0) };
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
    this.kept = keepRows ? { labels: new GrowingArray(int32), probabilities: new GrowingArray(float64), predictions: new GrowingArray(int32) } : null;
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

// src/model/model-thread.ts
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
function workerEntry() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (!import.meta.url.endsWith(".ts")) {
    const bundle = path.basename(here) === "chunks" ? path.dirname(here) : here;
    return { code: pathToFileURL(path.join(bundle, "model-thread-worker.js")), eval: false };
  }
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const api = JSON.parse(readFileSync(manifest, "utf8")).exports["./esm/api"].import.default;
  const registerUrl = pathToFileURL(path.join(path.dirname(manifest), api)).href;
  const entryUrl = pathToFileURL(path.join(here, "model-thread-worker.ts")).href;
  return { code: `import(${JSON.stringify(registerUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(entryUrl)}); });`, eval: true };
}
function rebuilt(error) {
  return error.configuration ? new ConfigurationError(error.message, { input: error.input }) : new Error(error.message);
}
var ModelThread = class _ModelThread {
  constructor(ort, worker, model) {
    this.ort = ort;
    this.worker = worker;
    this.model = model;
    worker.on("message", (message) => {
      if (message.kind !== "ran" && message.kind !== "timed" && message.kind !== "run-failed") return;
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.kind === "run-failed") waiting?.reject(rebuilt(message.error));
      else waiting?.resolve(message);
    });
    const failAll = (error) => {
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`the model's worker thread exited (code ${code}) before it answered`)));
  }
  ort;
  worker;
  model;
  nextId = 0;
  waiting = /* @__PURE__ */ new Map();
  released;
  /** Opens `file` in a new worker thread; errors opening it are the same as `ModelSession.open`'s. */
  static async open(file, options = {}) {
    const log = options.log ?? (() => void 0);
    const executionProvider = options.executionProvider ?? "cpu";
    const { ort } = await loadOnnxRuntime({ cuda: executionProvider === "cuda", log });
    const entry = workerEntry();
    const worker = new Worker(entry.code, {
      eval: entry.eval,
      workerData: { file, input: options.input ?? "model", executionProvider }
    });
    worker.on("message", (message) => {
      if (message.kind === "log") log(message.message);
    });
    const onMessage = (resolve, reject) => (message) => {
      if (message.kind === "opened") resolve(message.model);
      else if (message.kind === "failed") reject(rebuilt(message.error));
    };
    let listener;
    let opened;
    try {
      opened = await new Promise((resolve, reject) => {
        listener = onMessage(resolve, reject);
        worker.on("message", listener);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the model's worker thread exited (code ${code}) while opening "${file}"`)));
      });
    } catch (error) {
      await worker.terminate();
      throw error;
    } finally {
      worker.off("message", listener);
      worker.removeAllListeners("error");
      worker.removeAllListeners("exit");
    }
    return new _ModelThread(ort, worker, opened);
  }
  get path() {
    return this.model.path;
  }
  get sha256() {
    return this.model.sha256;
  }
  get bytes() {
    return this.model.bytes;
  }
  get metadata() {
    return this.model.metadata;
  }
  get executionProvider() {
    return this.model.executionProvider;
  }
  get inputs() {
    return this.model.inputs;
  }
  get outputs() {
    return this.model.outputs;
  }
  call(message, transfer = []) {
    if (this.released) return Promise.reject(new Error("the model was released"));
    return new Promise((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }
  /** Runs the model on `feeds`; typed arrays that own their buffer move to the worker and are empty here afterwards. */
  async runTimed(feeds, fetches) {
    const data = tensorsData(feeds);
    const transfer = Object.values(data).flatMap(({ data: data2 }) => {
      if ("dictionary" in data2) return [data2.codes.buffer];
      const array = data2;
      return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? [array.buffer] : [];
    });
    const answer = await this.call({ kind: "run", id: this.nextId++, feeds: data, fetches }, transfer);
    if (answer.kind !== "ran") throw new Error(`unexpected answer ${answer.kind} to a run`);
    return { outputs: tensorsOf(this.ort, answer.outputs), seconds: answer.seconds };
  }
  async timeRuns(calls, fetches) {
    const answer = await this.call({ kind: "time", id: this.nextId++, calls: calls.map(tensorsData), fetches });
    if (answer.kind !== "timed") throw new Error(`unexpected answer ${answer.kind} to timed runs`);
    return answer.durations;
  }
  /** Releases the session after the calls already made, and ends the worker. */
  release() {
    this.released ??= new Promise((resolve) => {
      this.worker.on("message", (message) => {
        if (message.kind === "released") resolve();
      });
      this.worker.once("exit", () => resolve());
      this.worker.postMessage({ kind: "release" });
    }).then(async () => {
      await this.worker.terminate();
    });
    return this.released;
  }
};

// src/model/io-mapping.ts
var FEEDABLE_TYPES = ["float32", "float64", "int64", "string"];
var NUMERIC_TYPES = /* @__PURE__ */ new Set(["integer", "number", "boolean"]);
function shapeText(info) {
  return `${info.elementType} [${info.shape.join(", ")}]`;
}
function listed(items) {
  return items.map((item) => `"${item}"`).join(", ");
}
function feedableType(info, what) {
  if (FEEDABLE_TYPES.includes(info.elementType)) return info.elementType;
  throw new ConfigurationError(
    `${what} input "${info.name}" takes ${shapeText(info)}, an element type ghml cannot feed from data: it feeds ${FEEDABLE_TYPES.join(", ")}`,
    { input: "model" }
  );
}
function checkBatchDimension(info, what) {
  const batch = info.shape[0];
  if (typeof batch === "number" && batch > 0 && info.shape.length > 0) {
    throw new ConfigurationError(
      `${what} input "${info.name}" has a fixed batch size of ${batch} (${shapeText(info)}): export the model with a dynamic first dimension so rows can be fed in batches`,
      { input: "model" }
    );
  }
}
function checkColumnType(binding, column, what) {
  if (binding.elementType === "string" || NUMERIC_TYPES.has(column.type)) return;
  throw new ConfigurationError(
    `${what} input "${binding.input}" takes ${binding.elementType}, but column "${column.name}" holds ${column.type} values: feed it a number column, or export the model with a string input for it`,
    { input: "features" }
  );
}
function planInputs(options) {
  const { inputs, columns, label, what } = options;
  const byName2 = new Map(columns.map((c) => [c.name, c]));
  if (inputs.length === 0) throw new ConfigurationError(`${what} has no inputs`, { input: "model" });
  const oneValuePerRow = (info2) => info2.shape.length === 1 || info2.shape.length === 2 && info2.shape[1] === 1;
  const named = inputs.every((info2) => byName2.has(info2.name) && info2.name !== label && oneValuePerRow(info2));
  if (named && (inputs.length > 1 || options.features === void 0)) {
    const bindings = inputs.map((info2) => {
      checkBatchDimension(info2, what);
      const binding = { input: info2.name, elementType: feedableType(info2, what), columns: [info2.name], rank: info2.shape.length };
      checkColumnType(binding, byName2.get(info2.name), what);
      return binding;
    });
    return { style: "named", bindings, notes: [] };
  }
  if (inputs.length > 1) {
    const missing = inputs.filter((info2) => !byName2.has(info2.name)).map((info2) => info2.name);
    const described = inputs.map((info2) => `"${info2.name}" ${shapeText(info2)}`).join(", ");
    const why = missing.length > 0 ? `these are not columns of the data: ${listed(missing)} (the data has ${listed(columns.map((c) => c.name))})` : "each must take one value per row ([N] or [N, 1]) and none may be the label";
    throw new ConfigurationError(
      `${what} has ${inputs.length} inputs (${described}); ghml feeds several inputs by matching their names to data columns, and ${why}`,
      { input: "model" }
    );
  }
  const [info] = inputs;
  checkBatchDimension(info, what);
  const elementType = feedableType(info, what);
  if (info.shape.length !== 2) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${shapeText(info)}; ghml feeds a single input as a matrix [N, features]: export the model with a 2-dimensional input`,
      { input: "model" }
    );
  }
  const notes = [];
  let chosen;
  if (options.features) {
    chosen = options.features.columns;
    for (const name of chosen) {
      if (!byName2.has(name)) {
        throw new ConfigurationError(`feature column "${name}" (from ${options.features.source}) is not in the data, whose columns are ${listed(columns.map((c) => c.name))}`, {
          input: "features"
        });
      }
    }
    notes.push(`Input "${info.name}" of ${what} takes ${chosen.length} columns in the order of ${options.features.source}.`);
  } else {
    const candidates = columns.filter((c) => c.name !== label);
    chosen = candidates.filter((c) => elementType === "string" || NUMERIC_TYPES.has(c.type)).map((c) => c.name);
    const left = candidates.filter((c) => !chosen.includes(c.name));
    notes.push(`Input "${info.name}" of ${what} takes every ${elementType === "string" ? "" : "number "}column but the label, in file order.`);
    if (left.length > 0) notes.push(`Columns left out of input "${info.name}" of ${what} because they do not hold numbers: ${left.map((c) => `${c.name} (${c.type})`).join(", ")}.`);
  }
  const width = info.shape[1];
  if (typeof width === "number" && width !== chosen.length) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${width} values per row (${shapeText(info)}), but ${chosen.length} columns are mapped to it: ${listed(chosen)}. Pass features (or a contract) listing the model's columns in its order`,
      { input: "features" }
    );
  }
  for (const name of chosen) checkColumnType({ input: info.name, elementType }, byName2.get(name), what);
  return { style: "matrix", bindings: [{ input: info.name, elementType, columns: chosen, rank: 2 }], notes };
}
function invalidValue(rows, column, offset, text, binding) {
  throw new DataError(`value ${text === void 0 ? "" : `"${text}" `}cannot be fed to input "${binding.input}" (${binding.elementType})`, {
    file: rows.file,
    row: rows.firstRow + offset,
    column
  });
}
function numberValues(rows, name, binding) {
  const column = rows.columns.get(name);
  if (column === void 0 || column.kind !== "number") throw new Error(`column "${name}" was not read as numbers`);
  const { start } = rows;
  for (let i = 0; i < rows.rows; i++) {
    const status = column.status[start + i];
    if (status === 2 /* invalid */) invalidValue(rows, name, i, column.invalidText.get(start + i), binding);
    if (status === 1 /* missing */ && binding.elementType === "int64") {
      throw new DataError(`missing value, and input "${binding.input}" (int64) has no way to say missing`, { file: rows.file, row: rows.firstRow + i, column: name });
    }
  }
  return column.values.subarray(start, start + rows.rows);
}
function textValues(rows, name, binding) {
  const column = rows.columns.get(name);
  if (column === void 0 || column.kind !== "string") throw new Error(`column "${name}" was not read as text`);
  const out = new Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) {
    const value = column.values[rows.start + i];
    if (value === null || column.invalidText.has(rows.start + i)) {
      throw new DataError(`${value === null ? "missing value" : "value that is not valid UTF-8"}, and input "${binding.input}" (string) needs text`, {
        file: rows.file,
        row: rows.firstRow + i,
        column: name
      });
    }
    out[i] = value;
  }
  return out;
}
function buildFeeds(plan, rows, ort) {
  const feeds = {};
  const n = rows.rows;
  for (const binding of plan.bindings) {
    const width = binding.columns.length;
    const dims = binding.rank === 1 ? [n] : [n, width];
    if (binding.elementType === "string") {
      const data2 = new Array(n * width);
      binding.columns.forEach((name, j) => {
        const values = textValues(rows, name, binding);
        for (let i = 0; i < n; i++) data2[i * width + j] = values[i];
      });
      feeds[binding.input] = new ort.Tensor("string", data2, dims);
      continue;
    }
    const data = binding.elementType === "float32" ? new Float32Array(n * width) : binding.elementType === "float64" ? new Float64Array(n * width) : new BigInt64Array(n * width);
    binding.columns.forEach((name, j) => {
      const values = numberValues(rows, name, binding);
      if (data instanceof BigInt64Array) {
        for (let i = 0; i < n; i++) {
          if (!Number.isSafeInteger(values[i])) invalidValue(rows, name, i, String(values[i]), binding);
          data[i * width + j] = BigInt(values[i]);
        }
      } else if (width === 1) {
        data.set(values);
      } else {
        for (let i = 0; i < n; i++) data[i * width + j] = values[i];
      }
    });
    feeds[binding.input] = new ort.Tensor(binding.elementType, data, dims);
  }
  return feeds;
}
function rowOfFeeds(feeds, row, ort) {
  const single = {};
  for (const [name, tensor] of Object.entries(feeds)) {
    const width = tensor.dims.length === 2 ? tensor.dims[1] : 1;
    const dims = tensor.dims.length === 2 ? [1, width] : [1];
    const data = tensor.data;
    const slice = data.slice(row * width, (row + 1) * width);
    single[name] = tensor.type === "string" ? new ort.Tensor("string", slice, dims) : new ort.Tensor(tensor.type, slice, dims);
  }
  return single;
}
var FLOAT_TYPES = /* @__PURE__ */ new Set(["float32", "float64"]);
var LABEL_TYPES = /* @__PURE__ */ new Set(["string", "int64", "int32"]);
var isColumn = (info) => info.shape.length === 1 || info.shape.length === 2 && info.shape[1] === 1;
function byName(candidates, pattern) {
  if (candidates.length === 1) return candidates[0];
  const matching = candidates.filter((c) => pattern.test(c.name));
  return matching.length === 1 ? matching[0] : void 0;
}
function outputsText(outputs) {
  return outputs.map((o) => `"${o.name}" ${shapeText(o)}`).join(", ");
}
function zipMapError(output, what) {
  return new ConfigurationError(
    `${what}'s output "${output.name}" is a sequence of maps (a ZipMap), which ghml cannot read as class probabilities: export the model without it \u2014 in skl2onnx, convert_sklearn(model, initial_types=..., options={id(model): {'zipmap': False}}) \u2014 so the probabilities come as a float tensor [N, classes]`,
    { input: "model" }
  );
}
function refuseZipMapOnly(outputs, what) {
  const map = outputs.find((o) => o.elementType === "non-tensor");
  if (map && !outputs.some((o) => FLOAT_TYPES.has(o.elementType))) throw zipMapError(map, what);
}
function looksLikeClassifier(outputs) {
  return outputs.some(
    (o) => o.elementType === "non-tensor" || LABEL_TYPES.has(o.elementType) || FLOAT_TYPES.has(o.elementType) && o.shape.length === 2 && typeof o.shape[1] === "number" && o.shape[1] > 1
  );
}
function planOutputs(options) {
  const { outputs, task, what } = options;
  const tensors = outputs.filter((o) => o.elementType !== "non-tensor");
  const floats = tensors.filter((o) => FLOAT_TYPES.has(o.elementType));
  if (task === "regression") {
    const value = byName(floats.filter(isColumn), /predict|value|variable|output|score/i);
    if (!value) {
      throw new ConfigurationError(
        `${what} has no single float output [N] or [N, 1] to read as the regression value (its outputs: ${outputsText(outputs)})`,
        { input: "task" }
      );
    }
    return { task, value: { output: value.name } };
  }
  const classCount = options.classes?.length ?? 0;
  const matrices = floats.filter((o) => o.shape.length === 2 && (typeof o.shape[1] !== "number" || o.shape[1] === classCount) && o.shape[1] !== 1);
  const positives = classCount === 2 ? floats.filter(isColumn) : [];
  const labels = tensors.filter((o) => LABEL_TYPES.has(o.elementType) && isColumn(o));
  const maps = outputs.filter((o) => o.elementType === "non-tensor");
  let probabilities = null;
  const matrix = byName(matrices, /prob/i);
  const positive = byName(positives, /prob/i);
  if (matrix) probabilities = { output: matrix.name, kind: "matrix" };
  else if (matrices.length === 0 && positive) probabilities = { output: positive.name, kind: "positive" };
  else if (matrices.length + positives.length > 1) {
    throw new ConfigurationError(`${what} has several outputs that could be class probabilities and none is named for them: ${outputsText([...matrices, ...positives])}`, { input: "model" });
  }
  if (probabilities === null && maps.length > 0) throw zipMapError(maps[0], what);
  const wrongWidth = floats.find((o) => o.shape.length === 2 && typeof o.shape[1] === "number" && o.shape[1] > 1 && o.shape[1] !== classCount);
  if (probabilities === null && wrongWidth) {
    throw new ConfigurationError(
      `${what}'s output "${wrongWidth.name}" (${shapeText(wrongWidth)}) has ${wrongWidth.shape[1]} columns, but there are ${classCount} classes (${options.classes?.join(", ")}): give the model's classes in the order of its probability columns`,
      { input: "classes" }
    );
  }
  const label = byName(labels, /label|class|predict/i) ?? null;
  if (probabilities === null && label === null) {
    throw new ConfigurationError(`${what} has no output ghml can read as class probabilities ([N, classes]) or labels ([N]): its outputs are ${outputsText(outputs)}`, {
      input: "model"
    });
  }
  return { task, probabilities, label: label ? { output: label.name } : null };
}
function fetchesOf(plan) {
  if (plan.task === "regression") return [plan.value.output];
  return [plan.probabilities?.output, plan.label?.output].filter((name) => name !== void 0);
}
function checkRows(tensor, rows, output, what) {
  if (tensor.dims[0] !== rows) {
    throw new ConfigurationError(`${what}'s output "${output}" has ${tensor.dims[0]} rows for a batch of ${rows}: a model must give one prediction per row`, { input: "model" });
  }
}
function readPredictions(plan, results, rows, options) {
  if (plan.task === "regression") {
    const tensor = results[plan.value.output];
    checkRows(tensor, rows, plan.value.output, options.what);
    return { values: new Float64Array(tensor.data) };
  }
  const predictions = {};
  if (plan.probabilities) {
    const tensor = results[plan.probabilities.output];
    checkRows(tensor, rows, plan.probabilities.output, options.what);
    const data = tensor.data;
    const width = plan.probabilities.kind === "positive" ? 2 : data.length / rows;
    if (width !== options.classCount) {
      throw new ConfigurationError(
        `${options.what}'s output "${plan.probabilities.output}" has ${width} columns, but there are ${options.classCount} classes: give the model's classes in the order of its probability columns`,
        { input: "classes" }
      );
    }
    const probabilities = plan.probabilities.kind === "positive" ? expandBinaryProbabilities(data, 1) : new Float64Array(data);
    const order = options.columnOrder;
    if (order === null) {
      predictions.probabilities = probabilities;
    } else {
      const reordered = new Float64Array(rows * width);
      for (let i = 0; i < rows; i++) for (let k = 0; k < width; k++) reordered[i * width + k] = probabilities[i * width + order[k]];
      predictions.probabilities = reordered;
    }
  }
  if (plan.label) {
    const tensor = results[plan.label.output];
    checkRows(tensor, rows, plan.label.output, options.what);
    const data = tensor.data;
    if (Array.isArray(data)) predictions.labels = data;
    else if (data instanceof BigInt64Array) predictions.labels = Array.from(data, (value) => Number(value));
    else predictions.labels = Array.from(data);
  }
  return predictions;
}

// src/evaluate/scorer.ts
var LATENCY_CALLS = 200;
var WARMUP_CALLS = 10;
var Scorer = class {
  constructor(session, inputs, outputs, classes, columnOrder, what) {
    this.session = session;
    this.inputs = inputs;
    this.outputs = outputs;
    this.classes = classes;
    this.columnOrder = columnOrder;
    this.what = what;
    this.fetches = fetchesOf(outputs);
  }
  session;
  inputs;
  outputs;
  classes;
  columnOrder;
  what;
  /** Seconds spent in the model's batch calls. */
  modelSeconds = 0;
  rows = 0;
  fetches;
  singleRows = [];
  /**
   * The model's predictions on a chunk. The feeds are built and handed to the model before the
   * first await, so a caller can read the next chunk while the model runs this one.
   */
  async predict(chunk) {
    const feeds = buildFeeds(this.inputs, chunk, this.session.ort);
    if (this.singleRows.length === 0) {
      const sample = Math.min(chunk.rows, LATENCY_CALLS + WARMUP_CALLS);
      for (let row = 0; row < sample; row++) this.singleRows.push(rowOfFeeds(feeds, row, this.session.ort));
    }
    let results;
    try {
      const run = await this.session.runTimed(feeds, this.fetches);
      results = run.outputs;
      this.modelSeconds += run.seconds;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new ConfigurationError(
        `ONNX Runtime could not run ${this.what} on ${chunk.file} rows ${chunk.firstRow}\u2013${chunk.firstRow + chunk.rows - 1}: ${message}`,
        { input: "model", cause: error }
      );
    }
    this.rows += chunk.rows;
    return readPredictions(this.outputs, results, chunk.rows, { classCount: this.classes?.length ?? 0, columnOrder: this.columnOrder, what: this.what });
  }
  /** Latency of single-row calls over the first rows of the data (as a server would call the model). */
  async latency() {
    const timed = await this.session.timeRuns(this.singleRows, this.fetches);
    const durations = timed.length <= WARMUP_CALLS ? timed : timed.slice(WARMUP_CALLS);
    if (durations.length === 0) return { p50: null, p95: null, p99: null, calls: 0 };
    const sorted = Float64Array.from(durations).sort();
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), calls: sorted.length };
  }
  summary() {
    const columnsOf = new Map(this.inputs.bindings.map((binding) => [binding.input, binding.columns]));
    const roles = /* @__PURE__ */ new Map();
    if (this.outputs.task === "regression") roles.set(this.outputs.value.output, "value");
    else {
      if (this.outputs.probabilities) roles.set(this.outputs.probabilities.output, this.outputs.probabilities.kind === "matrix" ? "probabilities" : "positive-probability");
      if (this.outputs.label) roles.set(this.outputs.label.output, "label");
    }
    return {
      path: this.session.path,
      sha256: this.session.sha256,
      bytes: this.session.bytes,
      inputs: this.session.inputs.map((info) => ({ ...info, columns: columnsOf.get(info.name) ?? [] })),
      outputs: this.session.outputs.map((info) => ({ ...info, role: roles.get(info.name) ?? "unused" })),
      classes: this.classes === null ? null : [...this.classes],
      executionProvider: this.session.executionProvider
    };
  }
};

// src/evaluate/models.ts
function metadataList(text) {
  if (text === void 0 || text.trim() === "") return null;
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string" || typeof item === "number")) return parsed;
  } catch {
  }
  return text.split(",").map((item) => item.trim()).filter(Boolean);
}
function columnOrderFor(modelClasses, evaluationClasses, what) {
  const index = new Map(modelClasses.map((label, k) => [String(label), k]));
  const same = modelClasses.length === evaluationClasses.length && evaluationClasses.every((label) => index.has(String(label)));
  if (!same) {
    throw new ConfigurationError(
      `${what} knows the classes [${modelClasses.join(", ")}] and the model [${evaluationClasses.join(", ")}]: a comparison needs models of the same classes`,
      { input: "baseline" }
    );
  }
  const order = Int32Array.from(evaluationClasses, (label) => index.get(String(label)));
  return order.every((k, i) => k === i) ? null : order;
}
async function openScorer(options) {
  const session = await (options.session ?? ModelThread.open(options.file, { executionProvider: options.executionProvider, log: options.log, input: options.input }));
  try {
    const notes = [];
    const metadataClasses = metadataList(session.metadata.classes);
    const classes = options.classes ?? metadataClasses;
    const task = options.task ?? (classes !== null || looksLikeClassifier(session.outputs) ? "classification" : "regression");
    if (task === "classification") refuseZipMapOnly(session.outputs, options.what);
    if (task === "classification" && classes === null) {
      throw new ConfigurationError(
        `${options.what} does not list its classes (no "classes" in its metadata): pass classes, in the order of its probability columns (for scikit-learn, the estimator's classes_)`,
        { input: "classes" }
      );
    }
    const metadataFeatures = metadataList(session.metadata.features)?.map(String);
    const features = options.features ? { columns: options.features, source: "the features input" } : metadataFeatures ? { columns: metadataFeatures, source: `the model's metadata "features"` } : options.contractFeatures ? { columns: options.contractFeatures, source: "the contract's number columns" } : void 0;
    const inputs = planInputs({ inputs: session.inputs, columns: options.columns, label: options.label, features, what: options.what });
    notes.push(...inputs.notes);
    const outputs = planOutputs({ outputs: session.outputs, task, classes: task === "classification" ? classes : null, what: options.what });
    if (outputs.task === "classification" && outputs.label && outputs.probabilities) {
      notes.push(`Label metrics of ${options.what} use its output "${outputs.label.output}"; probability metrics use "${outputs.probabilities.output}".`);
    }
    const evaluationClasses = task === "classification" ? options.evaluationClasses ?? classes : null;
    const order = evaluationClasses === null ? null : columnOrderFor(classes, evaluationClasses, options.what);
    const scorer = new Scorer(session, inputs, outputs, task === "classification" ? classes : null, order, options.what);
    return { scorer, task, classes: task === "classification" ? classes : null, notes };
  } catch (error) {
    await session.release();
    throw error;
  }
}

// src/registry/download.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import path2 from "node:path";
import { pipeline } from "node:stream/promises";
async function downloadPackage(record, reader, outDir) {
  const label = `${record.model} v${record.version}`;
  const assetIds = new Map(record.assets.map((asset) => [asset.name, asset.id]));
  const assetId = (name) => {
    const id = assetIds.get(name);
    if (id === void 0) throw new DataError(`refused ${label}: its version record lists no release asset ${name}`);
    return id;
  };
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path2.join(outDir, ".ghml-download-"));
  try {
    const manifestPath = path2.join(staging, MANIFEST_NAME);
    const got = await reader.downloadAsset(assetId(MANIFEST_NAME), manifestPath);
    if (got.sha256 !== record.package.digest) {
      throw new DataError(`refused ${label}: ${MANIFEST_NAME} hashes to ${got.sha256}, not to the package digest ${record.package.digest} the registry recorded; the release was changed after registration`);
    }
    const manifest = parseDocument(PackageManifest, await readFile(manifestPath, "utf8"), `${record.release.tag}/${MANIFEST_NAME}`);
    if (manifest.model !== record.model || manifest.version !== record.version) {
      throw new DataError(`refused ${label}: its manifest describes ${manifest.model} v${manifest.version}`);
    }
    const files = [];
    for (const entry of manifest.files) {
      const target = path2.join(staging, entry.name);
      if (entry.parts === null) {
        check(label, entry.name, entry, await reader.downloadAsset(assetId(entry.name), target));
      } else {
        const whole = createHash("sha256");
        let size = 0;
        for (const part of entry.parts) {
          const partPath = path2.join(staging, part.asset);
          check(label, part.asset, part, await reader.downloadAsset(assetId(part.asset), partPath));
          await pipeline(createReadStream(partPath), async function* (chunks) {
            for await (const chunk of chunks) {
              whole.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          }, createWriteStream(target, { flags: "a" }));
          await rm(partPath);
        }
        check(label, `${entry.name} (put together from ${entry.parts.length} parts)`, entry, { size, sha256: whole.digest("hex") });
      }
      files.push({ name: entry.name, role: entry.role, path: path2.join(outDir, entry.name), size: entry.size, sha256: entry.sha256 });
    }
    for (const name of [...manifest.files.map((entry) => entry.name), MANIFEST_NAME]) await rename(path2.join(staging, name), path2.join(outDir, name));
    return { manifest, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
function check(label, name, expected, actual) {
  if (actual.size === expected.size && actual.sha256 === expected.sha256) return;
  throw new DataError(`refused ${label}: ${name} is ${actual.size} bytes with sha256 ${actual.sha256}, but the package lists ${expected.size} bytes with sha256 ${expected.sha256}; the release asset was changed or damaged`);
}

export {
  describeColumns,
  DatasetStream,
  BINARY_METRICS,
  MULTICLASS_METRICS,
  REGRESSION_METRICS,
  FAIRNESS_GAPS,
  metricDirection,
  MIN_SLICE_SIZE,
  sliceMetrics,
  fairnessGaps,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  BOOTSTRAP_CONFIDENCE,
  bootstrap,
  pairedBootstrap,
  ClassificationAccumulator,
  RegressionAccumulator,
  planInputs,
  refuseZipMapOnly,
  looksLikeClassifier,
  planOutputs,
  readPredictions,
  ModelThread,
  metadataList,
  openScorer,
  downloadPackage
};
