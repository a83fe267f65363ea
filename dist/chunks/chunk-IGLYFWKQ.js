import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  sniffColumnTypes
} from "./chunk-JVYJN4TL.js";
import {
  FrequentItems,
  KllSketch,
  Moments
} from "./chunk-IXV2PRMA.js";
import {
  checkDataFiles,
  combinedFingerprint,
  decodingFor,
  readerFor,
  valueAt,
  writeJson
} from "./chunk-3C6XEXBA.js";
import {
  DataProfile,
  DriftConfig
} from "./chunk-GDY5R3NU.js";
import {
  DataContract,
  loadDocument
} from "./chunk-FKGEWHBH.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";

// src/drift/collect.ts
var MAX_CATEGORIES = 1e4;
var KLL_K = 200;
var numericTypes = /* @__PURE__ */ new Set(["integer", "number", "timestamp"]);
var ColumnSample = class _ColumnSample {
  constructor(name, type, exact) {
    this.name = name;
    this.type = type;
    if (exact && this.numeric) this.buffer = new Float64Array(1024);
  }
  name;
  type;
  count = 0;
  missing = 0;
  invalid = 0;
  /** Every valid value, for exact tests; undefined on the sketch path. */
  buffer;
  sketch = new KllSketch(KLL_K);
  moments = new Moments();
  /** Category counts (categorical types), or for numeric columns while they have at most 5 distinct values. */
  counts = /* @__PURE__ */ new Map();
  tooManyCategories = false;
  /** True when counts or values were rebuilt from a profile's sketches rather than read. */
  approximate = false;
  get numeric() {
    return numericTypes.has(this.type);
  }
  /** The exact values (a view, valid until the next add), or undefined on the sketch path. */
  get values() {
    return this.buffer?.subarray(0, this.count);
  }
  add(column, rows) {
    if (column === void 0) {
      this.missing += rows;
      return;
    }
    if (column.kind === "number") this.addNumbers(column.values, column.status, rows);
    else this.addStrings(column.values, column.invalidText.size, rows);
  }
  addNumbers(values, status, rows) {
    if (!this.numeric) {
      for (let i = 0; i < rows; i++) {
        if (status[i] === 0 /* valid */) this.countCategory(values[i] === 1 ? "true" : "false");
        else if (status[i] === 1 /* missing */) this.missing++;
        else this.invalid++;
      }
      return;
    }
    let buffer = this.buffer;
    for (let i = 0; i < rows; i++) {
      const state = status[i];
      if (state !== 0 /* valid */) {
        if (state === 1 /* missing */) this.missing++;
        else this.invalid++;
        continue;
      }
      const value = values[i];
      if (buffer) {
        if (this.count === buffer.length) {
          const larger = new Float64Array(buffer.length * 2);
          larger.set(buffer);
          buffer = this.buffer = larger;
        }
        buffer[this.count] = value;
      }
      this.count++;
      this.sketch.update(value);
      this.moments.add(value);
      const counts = this.counts;
      if (counts) {
        const key = String(value);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (counts.size > 5) this.counts = void 0;
      }
    }
  }
  addStrings(values, invalid, rows) {
    let missing = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i];
      if (value === null) missing++;
      else this.countCategory(value);
    }
    this.invalid += invalid;
    this.missing += missing - invalid;
  }
  countCategory(value) {
    this.count++;
    const counts = this.counts;
    if (!counts) return;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > MAX_CATEGORIES) {
      this.counts = void 0;
      this.tooManyCategories = true;
    }
  }
  /** Rebuilds a reference side from a saved profile: sketches for numbers, frequent-value counts for categories. */
  static fromProfile(profile) {
    const sample = new _ColumnSample(profile.name, profile.type, false);
    sample.count = profile.count;
    sample.missing = profile.missing;
    sample.invalid = profile.invalid;
    sample.approximate = true;
    if (profile.numeric) {
      const { min, max, mean, variance, sketch } = profile.numeric;
      sample.sketch.merge(KllSketch.fromState(sketch));
      sample.moments.merge(Moments.from({ count: profile.count, mean, variance, min, max }));
      sample.counts = void 0;
    } else if (profile.frequent) {
      const frequent = FrequentItems.fromState(profile.frequent.sketch);
      const counts = /* @__PURE__ */ new Map();
      let kept = 0;
      for (const { value, count } of frequent.top(Number.MAX_SAFE_INTEGER)) {
        counts.set(value, count);
        kept += count;
      }
      if (kept < profile.count) counts.set("(other values)", profile.count - kept);
      sample.counts = counts;
      sample.approximate = frequent.maxError > 0;
    }
    return sample;
  }
};
var PerformanceTally = class {
  constructor(metric) {
    this.metric = metric;
  }
  metric;
  rows = 0;
  /** Matches (categorical) or the sum of absolute errors (numeric). */
  total = 0;
  add(prediction, label, rows) {
    if (!prediction || !label) return;
    for (let i = 0; i < rows; i++) {
      const predicted = valueAt(prediction, i);
      const actual = valueAt(label, i);
      if (predicted === null || actual === null) continue;
      this.rows++;
      this.total += this.metric === "accuracy" ? Number(predicted === actual) : Math.abs(Number(predicted) - Number(actual));
    }
  }
  get value() {
    return this.rows > 0 ? this.total / this.rows : null;
  }
};
async function sampleData(files, types, exact, roles = {}) {
  const plan = [...types].map(([name, type]) => ({ name, decoding: decodingFor(type) }));
  const samples = plan.map((column) => new ColumnSample(column.name, types.get(column.name), exact));
  const predictionIndex = plan.findIndex((c) => c.name === roles.prediction);
  const labelIndex = plan.findIndex((c) => c.name === roles.label);
  const labelType = labelIndex >= 0 ? types.get(plan[labelIndex].name) : void 0;
  const performance = predictionIndex >= 0 && labelIndex >= 0 ? new PerformanceTally(labelType === "integer" || labelType === "number" ? "mae" : "accuracy") : null;
  const seen = /* @__PURE__ */ new Set();
  const fingerprints = [];
  for (const file of files) {
    const { reader, fingerprint } = readerFor(file);
    try {
      await reader.open();
      for (const name of reader.columns) seen.add(name);
      for await (const batch of reader.batches(plan, () => {
      })) {
        for (let c = 0; c < plan.length; c++) samples[c].add(batch.columns[c], batch.rows);
        performance?.add(batch.columns[predictionIndex], batch.columns[labelIndex], batch.rows);
      }
      fingerprints.push(await fingerprint());
    } finally {
      await reader.close();
    }
  }
  const columns = /* @__PURE__ */ new Map();
  samples.forEach((sample) => {
    if (seen.has(sample.name)) columns.set(sample.name, sample);
  });
  return {
    rows: fingerprints.reduce((sum, f) => sum + f.rows, 0),
    fingerprint: combinedFingerprint(fingerprints),
    files,
    columns,
    performance: performance && performance.rows > 0 ? performance : null
  };
}
function sampleProfile(profile, source) {
  const columns = /* @__PURE__ */ new Map();
  for (const column of profile.columns) {
    try {
      columns.set(column.name, ColumnSample.fromProfile(column));
    } catch (error) {
      throw new DataError(`column "${column.name}": ${error.message}: write the profile again with validate-data`, { file: source });
    }
  }
  return { rows: profile.rows, fingerprint: profile.fingerprint, files: profile.files.map((f) => f.path), columns, performance: null };
}

// src/stats/special.ts
var LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
var SQRT_PI = Math.sqrt(Math.PI);
var EPSILON = Number.EPSILON;
var STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400
];
function stirlingRemainder(x) {
  const r = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * r + STIRLING[k];
  return sum / x;
}
function logGamma(x) {
  if (!(x > 0)) {
    if (x === 0) return Infinity;
    return NaN;
  }
  if (x === Infinity) return Infinity;
  let shift = 0;
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
    shift++;
  }
  const stirling = (y - 0.5) * Math.log(y) - y + LOG_SQRT_2PI + stirlingRemainder(y);
  return shift === 0 ? stirling : stirling - Math.log(product);
}
function log1pMinusX(d) {
  if (Math.abs(d) > 0.25) return Math.log1p(d) - d;
  let term = d;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    term *= -d;
    const next = sum + term / k;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}
function logGammaPrefactor(a, x) {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  const d = (x - a) / a;
  const bracket = Math.abs(d) < 0.25 ? log1pMinusX(d) : Math.log(x / a) - d;
  return a * bracket + 0.5 * Math.log(a) - LOG_SQRT_2PI - stirlingRemainder(a);
}
var MAX_ITERATIONS = 1e5;
function lowerSeries(a, x) {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= x / (a + k);
    sum += term;
    if (term < sum * EPSILON) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}
function upperContinuedFraction(a, x) {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}
function checkGammaArguments(a, x) {
  if (!(a > 0) || !(x >= 0) || !Number.isFinite(a)) {
    throw new RangeError(`incomplete gamma needs a > 0 (finite) and x >= 0, got a=${a}, x=${x}`);
  }
}
function regularizedGammaQ(a, x) {
  checkGammaArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefactor = logGammaPrefactor(a, x);
  if (x < a + 1) return Math.max(0, 1 - Math.exp(logPrefactor) / a * lowerSeries(a, x));
  return Math.min(1, Math.exp(logPrefactor) * upperContinuedFraction(a, x));
}
function erfSeries(x) {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= 2 * x2 / (2 * k + 1);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return 2 / SQRT_PI * Math.exp(-x2) * sum;
}
function erfcContinuedFraction(x) {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5e3; k++) {
    const an = k / 2;
    d = x + an * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return 1 / f;
}
function expMinusSquare(x) {
  const high = Math.round(x * 65536) / 65536;
  const low = x - high;
  return Math.exp(-high * high) * Math.exp(-low * (2 * high + low));
}
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 28) return 0;
  return expMinusSquare(x) / SQRT_PI * erfcContinuedFraction(x);
}
function normalSf(z) {
  return 0.5 * erfc(z / Math.SQRT2);
}
function chiSquareSf(x, dof) {
  if (!(dof > 0)) throw new RangeError(`chi-square needs dof > 0, got ${dof}`);
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

// src/stats/drift/kolmogorov.ts
var TWO_POW_128 = 2 ** 128;
var TWO_POW_MINUS_128 = 2 ** -128;
function scaleByPowerOfTwo(x, exponent) {
  let result = x;
  let e = exponent;
  while (e > 1e3) {
    result *= 2 ** 1e3;
    e -= 1e3;
  }
  while (e < -1e3) {
    result *= 2 ** -1e3;
    e += 1e3;
  }
  return result * 2 ** e;
}
function clipProbability(p) {
  return Math.min(1, Math.max(0, p));
}
function logFactorialOverPower(n) {
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + stirlingRemainder(n);
}
function durbinMatrixCdf(n, d) {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const w = new Float64Array(m);
  const v = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  v[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * factorial;
  let base = new Float64Array(m * m);
  for (let col = 1; col < m; col++) {
    for (let row = col - 1; row < m; row++) base[row * m + col] = w[row - col + 1];
  }
  for (let row = 0; row < m; row++) base[row * m] = v[row];
  for (let col = 0; col < m; col++) base[(m - 1) * m + col] = v[m - 1 - col];
  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let scratch = new Float64Array(m * m);
  const multiply = (a, b, out) => {
    out.fill(0);
    for (let i = 0; i < m; i++) {
      const rowOffset = i * m;
      for (let l = 0; l < m; l++) {
        const ail = a[rowOffset + l];
        if (ail === 0) continue;
        const bOffset = l * m;
        for (let j = 0; j < m; j++) out[rowOffset + j] += ail * b[bOffset + j];
      }
    }
  };
  let exponent = 0;
  let baseExponent = 0;
  let remaining = n;
  const centre = (k - 1) * m + (k - 1);
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      multiply(power, base, scratch);
      [power, scratch] = [scratch, power];
      exponent += baseExponent;
    }
    multiply(base, base, scratch);
    [base, scratch] = [scratch, base];
    baseExponent *= 2;
    if (Math.abs(base[centre]) > TWO_POW_128) {
      for (let i = 0; i < base.length; i++) base[i] /= TWO_POW_128;
      baseExponent += 128;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[centre];
  for (let i = 1; i <= n; i++) {
    p = i * p / n;
    if (Math.abs(p) < TWO_POW_MINUS_128) {
      p *= TWO_POW_128;
      exponent -= 128;
    }
  }
  return clipProbability(scaleByPowerOfTwo(p, exponent));
}
function pomeranzCdf(n, d) {
  const t = n * d;
  const whole = Math.floor(t);
  const frac = t - whole;
  const g = Math.min(frac, 1 - frac);
  const ceilFrac = frac > 0 ? 1 : 0;
  const roundFrac = frac > 0.5 ? 1 : 0;
  const size = 2 * (whole + 1);
  const weightsG = new Float64Array(size);
  const weights2G = new Float64Array(size);
  const weights1m2G = new Float64Array(size);
  weightsG[0] = weights2G[0] = weights1m2G[0] = 1;
  for (let j = 1; j < size; j++) {
    weightsG[j] = weightsG[j - 1] * (g / n) / j;
    weights2G[j] = weights2G[j - 1] * (2 * g / n) / j;
    weights1m2G[j] = weights1m2G[j - 1] * ((1 - 2 * g) / n) / j;
  }
  const band = (i) => {
    let lo2;
    let hi2;
    if (i === 0) {
      lo2 = -whole - ceilFrac - 1;
      hi2 = whole + ceilFrac - 1;
    } else {
      const half = Math.floor((i + 1) / 2);
      if ((i + 1) % 2 === 0) {
        if (half === n + 1) {
          lo2 = n - whole - ceilFrac - 1;
          hi2 = n + whole + ceilFrac - 1;
        } else {
          lo2 = half - 1 - whole - roundFrac - 1;
          hi2 = half + whole - 1 + ceilFrac - 1;
        }
      } else {
        lo2 = half - 1 - whole - 1;
        hi2 = half + whole + roundFrac - 1;
      }
    }
    return [Math.max(lo2 + 2, 0), Math.min(hi2, n)];
  };
  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [lo, hi] = band(0);
  for (let i = 1; i <= 2 * n + 1; i++) {
    const lastLo = lo;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [lo, hi] = band(i);
    const weights = i === 1 || i === 2 * n + 1 ? weightsG : i % 2 === 1 ? weights2G : weights1m2G;
    const span = hi - lastLo + 1;
    if (span <= 0) continue;
    const offset = lastLo - previousStart;
    const rowLength = Math.min(span, size - offset);
    const weightLength = Math.min(span, size);
    const skip = lo - lastLo;
    const count = hi - lo + 1;
    let largest = 0;
    for (let r = 0; r < count; r++) {
      const target = r + skip;
      let sum = 0;
      const sLast = Math.min(target, rowLength - 1);
      for (let s = Math.max(0, target - weightLength + 1); s <= sLast; s++) {
        sum += previous[offset + s] * weights[target - s];
      }
      current[r] = sum;
      if (sum > largest) largest = sum;
    }
    if (largest > 0 && largest < TWO_POW_MINUS_128) {
      for (let r = 0; r < size; r++) current[r] *= TWO_POW_128;
      exponent -= 128;
    }
    currentStart = previousStart + lo - lastLo;
  }
  let answer = current[n - currentStart];
  for (let j = 1; j <= n; j++) {
    if (Math.abs(answer) > TWO_POW_128) {
      answer *= TWO_POW_MINUS_128;
      exponent += 128;
    }
    answer *= j;
  }
  return clipProbability(scaleByPowerOfTwo(answer, exponent));
}
var PI_SQUARED = Math.PI ** 2;
var PI_FOUR = Math.PI ** 4;
var PI_SIX = Math.PI ** 6;
var SQRT_2PI = Math.sqrt(2 * Math.PI);
function pelzGoodCdf(n, d) {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const logQ = -PI_SQUARED / 8 / z2;
  if (logQ < -708) return 0;
  let q = Math.exp(logQ);
  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
  const k2c = PI_FOUR * (1 - 2 * z2) / 16;
  const k3d = PI_SIX * (5 - 30 * z2) / 64;
  const k3c = PI_FOUR * (-60 * z2 + 212 * z4) / 16;
  const k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const terms = Math.ceil(16 * z / Math.PI);
  for (let k = terms; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    s0 = s0 * qPower + 1;
    s1 = s1 * qPower + (k1a + k1b * m2);
    s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const scale = q * SQRT_2PI;
  const k0 = s0 * scale / z;
  let kk1 = s1 * scale / (6 * z4);
  let kk2 = s2 * scale / (72 * z ** 7);
  let kk3 = s3 * scale / (6480 * z ** 10);
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let extra2 = 0;
  let extra3 = 0;
  for (let k = terms; k > 0; k--) {
    const k2 = k * k;
    const qPower = q ** k2;
    extra2 += k2 * qPower;
    const kPi = Math.PI * k;
    extra3 += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
  }
  kk2 += extra2 * PI_SQUARED * SQRT_2PI / (-36 * z3);
  kk3 += extra3 * PI_SQUARED * SQRT_2PI / (216 * z6);
  kk1 /= Math.sqrt(n);
  kk2 /= n;
  kk3 /= n ** 1.5;
  return k0 + kk1 + kk2 + kk3;
}
var MIN_LOG = -745.1332191019412;
var SMIRNOV_MAX_EXACT_N = 1e6;
function twoProduct(x, y) {
  const hi = x * y;
  const split = (a) => {
    const c = 134217729 * a;
    const big = c - (c - a);
    return [big, a - big];
  };
  const [xh, xl] = split(x);
  const [yh, yl] = split(y);
  const lo = xh * yh - hi + xh * yl + xl * yh + xl * yl;
  return [hi, lo];
}
var SMALL_FACTORIAL_REMAINDER = Array.from(
  { length: 10 },
  (_, k) => k === 0 ? 0 : logGamma(k + 1) - ((k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI))
);
function factorialRemainder(k) {
  return k < 10 ? SMALL_FACTORIAL_REMAINDER[k] : stirlingRemainder(k);
}
function smirnovSf(n, d) {
  if (-2 * n * d * d < MIN_LOG) return 0;
  if (n > SMIRNOV_MAX_EXACT_N) {
    const logP = -((6 * n * d + 1) ** 2) / 18 / n;
    return clipProbability(logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP));
  }
  const [nxHi, nxLo] = twoProduct(n, d);
  let floorNx = Math.floor(nxHi);
  if (floorNx === nxHi && nxLo < 0) floorNx -= 1;
  let alpha = nxHi - floorNx + nxLo;
  if (alpha >= 1) {
    floorNx += 1;
    alpha = 0;
  }
  const nx = floorNx + alpha;
  const lastV = n - floorNx - 1;
  const nTerms = lastV + 1;
  const constantPart = factorialRemainder(n) + 0.5 * Math.log(n / (2 * Math.PI));
  let sum = Math.exp(n * Math.log1p(-d)) / d;
  const middle = Math.floor(n / 2);
  for (let v = 1; v <= lastV; v++) {
    const rest = n - v;
    const ratio = nx / rest;
    const logB = ratio < 0.5 ? Math.log1p(-ratio) : Math.log((rest - floorNx - alpha) / rest);
    const logTerm = v * Math.log1p(nx / v) + rest * logB - Math.log((v + nx) / n) - 0.5 * Math.log(v * rest) + constantPart - factorialRemainder(v) - factorialRemainder(rest);
    const term = Math.exp(logTerm);
    if (term !== 0) {
      sum += term;
      if (4 * (nTerms - v) * term < Number.EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > middle) {
      break;
    }
  }
  return clipProbability(d * sum);
}
function checkSampleSize(n) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`kstwo needs a positive integer n, got ${n}`);
}
function kstwoSf(d, n) {
  checkSampleSize(n);
  if (Number.isNaN(d)) return NaN;
  if (d >= 1) return 0;
  const t = n * d;
  if (t <= 0.5) return 1;
  if (t <= 1) {
    let cdf2;
    if (n <= 140) {
      cdf2 = 1;
      for (let i = 1; i <= n; i++) cdf2 *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf2 = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clipProbability(1 - clipProbability(cdf2));
  }
  if (t >= n - 1) return clipProbability(2 * (1 - d) ** n);
  if (d >= 0.5) return clipProbability(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 0.754693) return clipProbability(1 - durbinMatrixCdf(n, d));
    if (nd2 <= 4) return clipProbability(1 - pomeranzCdf(n, d));
    return clipProbability(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clipProbability(2 * smirnovSf(n, d));
  const cdf = n <= 1e5 && n * d ** 1.5 <= 1.4 ? durbinMatrixCdf(n, d) : pelzGoodCdf(n, d);
  return clipProbability(1 - cdf);
}

// src/stats/drift/samples.ts
function checkSample(values, method, name) {
  if (values.length === 0) throw new RangeError(`${method}: the ${name} sample is empty`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${method}: the ${name} sample has a non-finite value (${values[i]}) at index ${i}`);
    }
  }
}
function ascending(values, method, name) {
  checkSample(values, method, name);
  if (values instanceof Float64Array && isAscending(values)) return values;
  return Float64Array.from(values).sort();
}
function isAscending(values) {
  for (let i = 1; i < values.length; i++) if (values[i - 1] > values[i]) return false;
  return true;
}
function checkCounts(counts, method, name) {
  if (counts.length === 0) throw new RangeError(`${method}: the ${name} counts are empty`);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isFinite(c) || c < 0) {
      throw new RangeError(`${method}: the ${name} count at index ${i} is ${c}; counts must be finite and >= 0`);
    }
  }
}

// src/stats/drift/ks.ts
var KS_EXACT_MAX_N = 1e4;
function gcd(a, b) {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
function roundHalfEven(x) {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function equalSizesOutsideProbability(n, h) {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = (n - k * h - j) * ratio / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}
function unequalSizesOutsideProbability(sizeA, sizeB, g, h) {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const mg = m / g;
  const ng = n / g;
  let lo = 0;
  let hi = Math.min(Math.ceil(h / mg), n + 1);
  let width = hi - lo;
  const column = new Float64Array(Math.min(2 * hi + 2, n + 1)).fill(1);
  column.fill(0, lo, hi);
  const reciprocal = new Float64Array(m + n + 1);
  for (let k = 1; k <= m + n; k++) reciprocal[k] = 1 / k;
  for (let i = 1; i <= m; i++) {
    const lastLo = lo;
    const lastWidth = width;
    lo = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    hi = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (hi <= lo) return 1;
    let value = lo === 0 ? 0 : 1;
    const shift = lo - lastLo;
    for (let r = 0; r < hi - lo; r++) {
      const j = r + lo;
      value = (column[r + shift] * i + value * j) * reciprocal[i + j];
      column[r] = value;
    }
    width = hi - lo;
    if (lastWidth > width) column.fill(1, width, Math.min(width + (lastWidth - width), column.length));
  }
  return column[hi - lo - 1];
}
function exactTwoSided(n1, n2, g, d) {
  const lcm = n1 / g * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { ok: true, statistic, pValue: 1 };
  const p = n1 === n2 ? equalSizesOutsideProbability(n1, h) : unequalSizesOutsideProbability(n1, n2, g, h);
  return { ok: p >= 0 && p <= 1, statistic, pValue: p };
}
function ks(reference, current) {
  const x = ascending(reference, "ks", "reference");
  const y = ascending(current, "ks", "current");
  const n1 = x.length;
  const n2 = y.length;
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  let maxLocationRef = NaN;
  let maxLocationCur = NaN;
  let minLocationRef = NaN;
  let minLocationCur = NaN;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || i < n1 && x[i] <= y[j] ? x[i] : y[j];
    const inRef = i < n1 && x[i] === value;
    const inCur = j < n2 && y[j] === value;
    while (i < n1 && x[i] === value) i++;
    while (j < n2 && y[j] === value) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) {
      maxDiff = diff;
      maxLocationRef = inRef ? value : NaN;
      maxLocationCur = inCur ? value : NaN;
    } else if (diff === maxDiff) {
      if (inRef && Number.isNaN(maxLocationRef)) maxLocationRef = value;
      if (inCur && Number.isNaN(maxLocationCur)) maxLocationCur = value;
    }
    if (diff < minDiff) {
      minDiff = diff;
      minLocationRef = inRef ? value : NaN;
      minLocationCur = inCur ? value : NaN;
    } else if (diff === minDiff) {
      if (inRef && Number.isNaN(minLocationRef)) minLocationRef = value;
      if (inCur && Number.isNaN(minLocationCur)) minLocationCur = value;
    }
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  const below = minS > maxDiff;
  let d = below ? minS : maxDiff;
  const refLocation = below ? minLocationRef : maxLocationRef;
  const location = Number.isNaN(refLocation) ? below ? minLocationCur : maxLocationCur : refLocation;
  const sign = below ? -1 : 1;
  const g = gcd(n1, n2);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = exactTwoSided(n1, n2, g, d);
    if (exact.ok) return { statistic: exact.statistic, pValue: exact.pValue, method: "exact", location, sign };
    d = exact.statistic;
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const effectiveN = roundHalfEven(m * n / (m + n));
  const pValue = Math.min(1, Math.max(0, kstwoSf(d, effectiveN)));
  return { statistic: d, pValue, method: "asymptotic", location, sign };
}

// src/stats/drift/chi2.ts
function chi2(reference, current) {
  checkCounts(reference, "chi2", "reference");
  checkCounts(current, "chi2", "current");
  if (reference.length !== current.length) {
    throw new RangeError(
      `chi2: the reference has ${reference.length} categories and the current ${current.length}; they must be aligned`
    );
  }
  const ref = [];
  const cur = [];
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] === 0 && current[i] === 0) continue;
    ref.push(reference[i]);
    cur.push(current[i]);
    refTotal += reference[i];
    curTotal += current[i];
  }
  if (refTotal === 0) throw new RangeError("chi2: the reference sample is empty (all counts are zero)");
  if (curTotal === 0) throw new RangeError("chi2: the current sample is empty (all counts are zero)");
  const k = ref.length;
  if (k === 1) return { statistic: 0, pValue: 1, dof: 0 };
  const total = refTotal + curTotal;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const column = ref[i] + cur[i];
    const expectedRef = refTotal * column / total;
    const expectedCur = curTotal * column / total;
    statistic += (ref[i] - expectedRef) ** 2 / expectedRef + (cur[i] - expectedCur) ** 2 / expectedCur;
  }
  const dof = k - 1;
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

// src/stats/drift/proportions.ts
function checkProportion(successes, trials, name) {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`twoProportionZ: the ${name} sample size must be a positive integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `twoProportionZ: the ${name} count must be an integer between 0 and ${trials}, got ${successes}`
    );
  }
}
function twoProportionZ(referenceSuccesses, referenceTrials, currentSuccesses, currentTrials) {
  checkProportion(referenceSuccesses, referenceTrials, "reference");
  checkProportion(currentSuccesses, currentTrials, "current");
  const pooled = (currentSuccesses + referenceSuccesses) / (currentTrials + referenceTrials);
  const variance = pooled * (1 - pooled) * (1 / currentTrials + 1 / referenceTrials);
  if (variance === 0) return { statistic: 0, pValue: 1 };
  const statistic = (currentSuccesses / currentTrials - referenceSuccesses / referenceTrials) / Math.sqrt(variance);
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}

// src/stats/drift/wasserstein.ts
function wasserstein(u, v) {
  const a = ascending(u, "wasserstein", "first");
  const b = ascending(v, "wasserstein", "second");
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(a[0], b[0]);
  while (i < n || j < m) {
    const value = j >= m || i < n && a[i] <= b[j] ? a[i] : b[j];
    distance += Math.abs(i / n - j / m) * (value - previous);
    previous = value;
    if (j >= m || i < n && a[i] <= b[j]) i++;
    else j++;
  }
  return distance;
}
var WASSERSTEIN_MIN_SCALE = 1e-3;
function wassersteinNormed(reference, current) {
  checkSample(reference, "wassersteinNormed", "reference");
  const n = reference.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += reference[i];
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (reference[i] - mean) ** 2;
  const sd = Math.sqrt(squares / n);
  return wasserstein(reference, current) / Math.max(sd, WASSERSTEIN_MIN_SCALE);
}

// src/stats/drift/jensen-shannon.ts
function phi(t) {
  if (t === 0) return 1;
  const e = t - 1;
  if (Math.abs(e) < 0.25) return (1 + e) * log1pMinusX(e) + e * e;
  return t * Math.log(t) - t + 1;
}
function normalized(weights, name) {
  checkCounts(weights, "jensenShannon", name);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (total === 0) throw new RangeError(`jensenShannon: the ${name} distribution is all zeros`);
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i] / total;
  return out;
}
function jensenShannon(p, q) {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannon: p has ${p.length} entries and q ${q.length}; they must be aligned`);
  }
  const pn = normalized(p, "p");
  const qn = normalized(q, "q");
  let divergence = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    if (m > 0) divergence += m * (phi(pn[i] / m) + phi(qn[i] / m));
  }
  return Math.sqrt(divergence / Math.LN2 / 2);
}

// src/stats/drift/psi.ts
var PSI_EPSILON = 1e-4;
var PSI_BINS = 10;
function fractionsOf(counts, total) {
  return Float64Array.from(counts, (c) => c === 0 ? PSI_EPSILON : c / total);
}
function index(ref, cur) {
  let value = 0;
  for (let i = 0; i < ref.length; i++) value += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
  return value;
}
function decileEdges(sorted) {
  const n = sorted.length;
  const edges = [];
  for (let k = 1; k < PSI_BINS; k++) {
    const scaled = (n - 1) * k;
    const lower = Math.floor(scaled / PSI_BINS);
    const remainder = scaled - lower * PSI_BINS;
    const edge = remainder === 0 ? sorted[lower] : sorted[lower] + remainder / PSI_BINS * (sorted[lower + 1] - sorted[lower]);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}
function binCounts(sorted, edges) {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (const value of sorted) {
    while (bin < edges.length && value >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts;
}
function psi(reference, current) {
  const ref = ascending(reference, "psi", "reference");
  const cur = ascending(current, "psi", "current");
  const edges = decileEdges(ref);
  const referenceFractions = fractionsOf(binCounts(ref, edges), ref.length);
  const currentFractions = fractionsOf(binCounts(cur, edges), cur.length);
  return { value: index(referenceFractions, currentFractions), referenceFractions, currentFractions, edges };
}
function psiCategorical(reference, current) {
  checkCounts(reference, "psiCategorical", "reference");
  checkCounts(current, "psiCategorical", "current");
  if (reference.length !== current.length) {
    throw new RangeError(
      `psiCategorical: the reference has ${reference.length} categories and the current ${current.length}; they must be aligned`
    );
  }
  const total = (counts, name) => {
    let sum = 0;
    for (let i = 0; i < counts.length; i++) sum += counts[i];
    if (sum === 0) throw new RangeError(`psiCategorical: the ${name} sample is empty (all counts are zero)`);
    return sum;
  };
  const referenceFractions = fractionsOf(reference, total(reference, "reference"));
  const currentFractions = fractionsOf(current, total(current, "current"));
  return { value: index(referenceFractions, currentFractions), referenceFractions, currentFractions };
}

// src/stats/drift/multiple-testing.ts
function checkPValues(ps, method) {
  for (let i = 0; i < ps.length; i++) {
    if (!(ps[i] >= 0 && ps[i] <= 1)) {
      throw new RangeError(`${method}: p-value at index ${i} is ${ps[i]}, not in [0, 1]`);
    }
  }
}
function bonferroni(ps) {
  checkPValues(ps, "bonferroni");
  const m = ps.length;
  return Float64Array.from(ps, (p) => Math.min(1, p * m));
}
function benjaminiHochberg(ps) {
  checkPValues(ps, "benjaminiHochberg");
  const m = ps.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => ps[a] - ps[b]);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index2 = order[rank - 1];
    running = Math.min(running, ps[index2] * (m / rank));
    adjusted[index2] = running;
  }
  return adjusted;
}

// src/drift/compare.ts
var methods = {
  ks: { kinds: ["numeric"], verdict: "p-value", defaultThreshold: 0.05, description: "two-sample Kolmogorov\u2013Smirnov (scipy ks_2samp, method auto)" },
  chi2: { kinds: ["categorical", "binary"], verdict: "p-value", defaultThreshold: 0.05, description: "Pearson chi-square on reference vs current counts" },
  z: { kinds: ["binary"], verdict: "p-value", defaultThreshold: 0.05, description: "pooled two-proportion z-test" },
  wasserstein: { kinds: ["numeric"], verdict: "distance", defaultThreshold: 0.1, description: "first Wasserstein distance, in the column's units" },
  "wasserstein-normed": { kinds: ["numeric"], verdict: "distance", defaultThreshold: 0.1, description: "Wasserstein distance / reference standard deviation" },
  jensenshannon: { kinds: ["numeric", "categorical", "binary"], verdict: "distance", defaultThreshold: 0.1, description: "Jensen\u2013Shannon distance, base 2 (numeric: over the reference deciles)" },
  psi: { kinds: ["numeric", "categorical", "binary"], verdict: "distance", defaultThreshold: 0.1, description: "population stability index over reference deciles or categories" }
};
var AUTO_TEST_MAX_ROWS = 1e3;
function autoMethod(kind, referenceCount) {
  if (referenceCount <= AUTO_TEST_MAX_ROWS) return kind === "numeric" ? "ks" : kind === "binary" ? "z" : "chi2";
  return kind === "numeric" ? "wasserstein-normed" : "jensenshannon";
}
function columnKind(reference, current) {
  const categories = categoryUnion(reference, current);
  if (categories && (!reference.numeric || categories.length <= 5)) return categories.length <= 2 ? "binary" : "categorical";
  return "numeric";
}
function categoryUnion(reference, current) {
  if (!reference.counts || !current.counts) return void 0;
  const union = new Map(reference.counts);
  for (const [value, count] of current.counts) union.set(value, (union.get(value) ?? 0) + count);
  return [...union].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
}
var CHART_CATEGORIES = 12;
function shares(counts) {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => total > 0 ? c / total : 0);
}
function categoricalDistribution(categories, ref, cur) {
  const labels = categories.slice(0, CHART_CATEGORIES);
  const r = shares(ref);
  const c = shares(cur);
  const rest = (values) => values.slice(CHART_CATEGORIES).reduce((sum, v) => sum + v, 0);
  if (categories.length > CHART_CATEGORIES) {
    return { labels: [...labels, "other"], reference: [...r.slice(0, CHART_CATEGORIES), rest(r)], current: [...c.slice(0, CHART_CATEGORIES), rest(c)] };
  }
  return { labels, reference: r, current: c };
}
function compareCategorical(method, reference, current) {
  const categories = categoryUnion(reference, current);
  const ref = Float64Array.from(categories, (value) => reference.counts.get(value) ?? 0);
  const cur = Float64Array.from(categories, (value) => current.counts.get(value) ?? 0);
  const distribution = categoricalDistribution(categories, ref, cur);
  switch (method) {
    case "chi2": {
      const result = chi2(ref, cur);
      return { statistic: result.statistic, pValue: result.pValue, significance: null, distribution };
    }
    case "z": {
      const result = twoProportionZ(ref[0], reference.count, cur[0], current.count);
      return { statistic: result.statistic, pValue: result.pValue, significance: null, distribution };
    }
    case "jensenshannon":
      return { statistic: jensenShannon(ref, cur), pValue: null, significance: chi2(ref, cur).pValue, distribution };
    case "psi":
      return { statistic: psiCategorical(ref, cur).value, pValue: null, significance: chi2(ref, cur).pValue, distribution };
    default:
      throw new Error(`${method} is not a categorical method`);
  }
}
function countInBins(sorted, edges) {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (bin < edges.length && sorted[i] >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts;
}
function binLabels(edges, format) {
  const labels = [];
  for (let i = 0; i <= edges.length; i++) labels.push(i === 0 ? `< ${format(edges[0])}` : `\u2265 ${format(edges[i - 1])}`);
  return labels;
}
var formatEdge = (value) => Number(value.toPrecision(3)).toString();
function compareNumericExact(method, reference, current) {
  const sortedReference = reference.sort();
  const sortedCurrent = current.sort();
  const edges = decileEdges(sortedReference);
  const refCounts = countInBins(sortedReference, edges);
  const curCounts = countInBins(sortedCurrent, edges);
  const distribution = { labels: binLabels(edges, formatEdge), reference: shares(refCounts), current: shares(curCounts) };
  const test = ks(sortedReference, sortedCurrent);
  const distance = (statistic) => ({ statistic, pValue: null, significance: test.pValue, distribution });
  switch (method) {
    case "ks":
      return { statistic: test.statistic, pValue: test.pValue, significance: null, distribution };
    case "wasserstein":
      return distance(wasserstein(sortedReference, sortedCurrent));
    case "wasserstein-normed":
      return distance(wassersteinNormed(sortedReference, sortedCurrent));
    case "jensenshannon":
      return distance(jensenShannon(refCounts, curCounts));
    case "psi":
      return distance(psi(sortedReference, sortedCurrent).value);
    default:
      throw new Error(`${method} is not a numeric method`);
  }
}
function sketchItems(sketch) {
  return sketch.toState().levels.flat();
}
function compareNumericSketch(method, reference, current) {
  const grid = Float64Array.from([...sketchItems(reference.sketch), ...sketchItems(current.sketch)]).sort();
  const refCdf = reference.sketch.cdf(Array.from(grid));
  const curCdf = current.sketch.cdf(Array.from(grid));
  const deciles = reference.sketch.quantiles([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  const edges = Float64Array.from(deciles.filter((edge, i) => i === 0 || edge > deciles[i - 1]));
  const binShares = (sketch) => {
    const below = edges.length > 0 ? sketch.cdf(Array.from(edges, (e) => e - Math.abs(e) * 1e-12 - Number.MIN_VALUE)) : [];
    const result = [];
    let previous = 0;
    for (const cumulative of [...below, 1]) {
      result.push(Math.max(0, cumulative - previous));
      previous = cumulative;
    }
    return result;
  };
  const refShares = binShares(reference.sketch);
  const curShares = binShares(current.sketch);
  const distribution = { labels: binLabels(edges, formatEdge), reference: refShares, current: curShares };
  let d = 0;
  for (let i = 0; i < grid.length; i++) d = Math.max(d, Math.abs(refCdf[i] - curCdf[i]));
  const n = reference.count;
  const m = current.count;
  const ksPValue = kstwoSf(d, Math.round(n * m / (n + m)));
  const distance = (statistic) => ({ statistic, pValue: null, significance: ksPValue, distribution });
  switch (method) {
    case "ks":
      return { statistic: d, pValue: ksPValue, significance: null, distribution };
    case "wasserstein":
    case "wasserstein-normed": {
      let area = 0;
      for (let i = 0; i + 1 < grid.length; i++) area += Math.abs(refCdf[i] - curCdf[i]) * (grid[i + 1] - grid[i]);
      if (method === "wasserstein") return distance(area);
      const count = reference.moments.count;
      const populationStd = Math.sqrt(reference.moments.variance * (count - 1) / count);
      return distance(area / Math.max(populationStd, WASSERSTEIN_MIN_SCALE));
    }
    case "jensenshannon":
      return distance(jensenShannon(refShares, curShares));
    case "psi": {
      let value = 0;
      for (let i = 0; i < refShares.length; i++) {
        const r = refShares[i] === 0 ? PSI_EPSILON : refShares[i];
        const c = curShares[i] === 0 ? PSI_EPSILON : curShares[i];
        value += (c - r) * Math.log(c / r);
      }
      return distance(value);
    }
    default:
      throw new Error(`${method} is not a numeric method`);
  }
}
function compare(method, kind, reference, current) {
  if (kind !== "numeric") return compareCategorical(method, reference, current);
  const referenceValues = reference.values;
  const currentValues = current.values;
  if (referenceValues && currentValues) return compareNumericExact(method, referenceValues, currentValues);
  return compareNumericSketch(method, reference, current);
}
function chooseMethod(config, name, kind, referenceCount, override) {
  const columnConfig = config.columns[name];
  let requested = columnConfig?.method ?? override ?? config.method;
  if (!columnConfig?.method && requested !== "auto" && !methods[requested].kinds.includes(kind)) requested = "auto";
  const method = requested === "auto" ? autoMethod(kind, referenceCount) : requested;
  const threshold = columnConfig?.threshold ?? config.threshold ?? methods[method].defaultThreshold;
  return { method, threshold };
}
function correctPValues(columns, correction) {
  if (correction === "none") return;
  const tested = columns.filter((c) => c.status === "ok" && c.pValue !== null);
  const adjusted = (correction === "bonferroni" ? bonferroni : benjaminiHochberg)(tested.map((c) => c.pValue));
  tested.forEach((column, i) => {
    column.pValue = adjusted[i];
  });
}
function isDrifted(method, threshold, column, significanceLevel) {
  if (methods[method].verdict === "p-value") return column.pValue < threshold;
  return column.statistic >= threshold && (column.significance === null || column.significance < significanceLevel);
}

// src/drift/check.ts
function roleOf(name, input) {
  if (name === input.predictionColumn) return "prediction";
  if (name === input.labelColumn) return "label";
  return "feature";
}
function unchecked(name, role, status, message, reference, current) {
  return {
    name,
    role,
    kind: reference?.numeric || current?.numeric ? "numeric" : "categorical",
    method: null,
    statistic: null,
    pValue: null,
    significance: null,
    threshold: null,
    drifted: false,
    referenceCount: reference?.count ?? 0,
    currentCount: current?.count ?? 0,
    status,
    message,
    approximate: false,
    distribution: null
  };
}
function typeMismatch(sample) {
  return sample.invalid > 0 && sample.invalid >= sample.count;
}
function checkColumn(name, input, enoughData) {
  const role = roleOf(name, input);
  const reference = input.reference.columns.get(name);
  const current = input.current.columns.get(name);
  if (!reference) return unchecked(name, role, "missing-in-reference", `column "${name}" is not in the reference: it cannot be compared`, void 0, current);
  if (!current) return unchecked(name, role, "missing-in-current", `column "${name}" is missing from the current data`, reference);
  for (const [side, sample] of [["reference", reference], ["current", current]]) {
    if (typeMismatch(sample)) {
      return unchecked(name, role, "type-mismatch", `column "${name}" holds no valid ${reference.type} values in the ${side} (${sample.invalid} invalid): check that both sides have the same type`, reference, current);
    }
    if (sample.count === 0) return unchecked(name, role, "all-missing", `column "${name}" has no values in the ${side}`, reference, current);
    if (sample.tooManyCategories) {
      return unchecked(name, role, "too-many-categories", `column "${name}" has more distinct values than a category should: list it under ignore, or check it as numeric`, reference, current);
    }
  }
  const kind = columnKind(reference, current);
  const { method, threshold } = chooseMethod(input.config, name, kind, reference.count, input.method);
  if (!methods[method].kinds.includes(kind)) {
    return {
      ...unchecked(name, role, "type-mismatch", `method ${method} applies to ${methods[method].kinds.join(" or ")} columns, and "${name}" is ${kind}: choose another method for it`, reference, current),
      kind,
      method,
      threshold
    };
  }
  const { statistic, pValue, significance, distribution } = compare(method, kind, reference, current);
  const minRows = input.config["min-rows"];
  const enough = enoughData && reference.count >= minRows && current.count >= minRows;
  return {
    name,
    role,
    kind,
    method,
    statistic,
    pValue,
    significance,
    threshold,
    drifted: false,
    referenceCount: reference.count,
    currentCount: current.count,
    status: enough ? "ok" : "not-enough-data",
    message: enough ? null : `too few values for a verdict (reference ${reference.count}, current ${current.count}; min-rows is ${minRows})`,
    approximate: reference.approximate || current.approximate || kind === "numeric" && (!reference.values || !current.values),
    distribution
  };
}
function performanceOf(input) {
  const current = input.current.performance;
  if (!current || current.value === null) return null;
  const reference = input.reference.performance?.metric === current.metric ? input.reference.performance.value : null;
  return { metric: current.metric, reference, current: current.value, currentRows: current.rows, change: reference === null ? null : current.value - reference };
}
function checkDrift(input) {
  const { config } = input;
  const minRows = config["min-rows"];
  const enoughData = input.reference.rows >= minRows && input.current.rows >= minRows;
  const ignored = new Set(config.ignore);
  const names = input.columns && input.columns.length > 0 ? input.columns : [.../* @__PURE__ */ new Set([...input.reference.columns.keys(), ...input.current.columns.keys()])];
  const checked = names.filter((name) => {
    if (ignored.has(name)) return false;
    const type = (input.reference.columns.get(name) ?? input.current.columns.get(name))?.type;
    return type !== "timestamp" || name in config.columns || (input.columns?.includes(name) ?? false);
  });
  const columns = checked.map((name) => checkColumn(name, input, enoughData));
  correctPValues(columns, config.correction);
  for (const column of columns) {
    if (column.status === "ok") {
      column.drifted = isDrifted(column.method, column.threshold, { statistic: column.statistic, pValue: column.pValue, significance: column.significance }, config.significance);
    }
  }
  const verdicts = columns.filter((c) => c.status === "ok");
  const driftShare = verdicts.length > 0 ? verdicts.filter((c) => c.drifted).length / verdicts.length : 0;
  return {
    format: "ghml.drift-report/v1",
    drifted: enoughData && verdicts.length > 0 && driftShare >= config["drift-share"],
    driftShare,
    driftShareThreshold: config["drift-share"],
    enoughData,
    minRows,
    referenceRows: input.reference.rows,
    currentRows: input.current.rows,
    correction: config.correction,
    reference: { kind: input.referenceKind, fingerprint: input.reference.fingerprint },
    current: { fingerprint: input.current.fingerprint, files: input.current.files },
    createdAt: (input.now ?? /* @__PURE__ */ new Date()).toISOString(),
    performance: performanceOf(input),
    columns
  };
}

// src/steps/drift-check.ts
var SNIFF_ROWS = 1e4;
async function loadReference(options) {
  const [first] = options.reference;
  if (options.reference.length === 1 && first.endsWith(".json")) {
    const profile = await loadDocument(first, DataProfile, "reference profile", "reference");
    return { reference: sampleProfile(profile, first), kind: "profile", types: new Map(profile.columns.map((c) => [c.name, c.type])) };
  }
  await checkDataFiles(options.reference, "reference");
  let types;
  if (options.contract) {
    const contract = await loadDocument(options.contract, DataContract, "data contract", "contract");
    types = new Map(contract.columns.map((c) => [c.name, c.type]));
  } else {
    types = new Map((await sniffColumnTypes(options.reference, SNIFF_ROWS)).columns.map((c) => [c.name, c.type]));
  }
  const roles = { prediction: options.predictionColumn, label: options.labelColumn };
  return { reference: await sampleData(options.reference, types, true, roles), kind: "data", types };
}
async function runDriftCheck(options) {
  const config = options.config ? await loadDocument(options.config, DriftConfig, "drift-check configuration", "config") : DriftConfig.parse({});
  if (options.minRows !== void 0) config["min-rows"] = options.minRows;
  await checkDataFiles(options.current, "current");
  const { reference, kind, types } = await loadReference(options);
  for (const name of [...options.columns ?? [], options.predictionColumn, options.labelColumn]) {
    if (name !== void 0 && !types.has(name)) {
      throw new ConfigurationError(`column "${name}" is not in the reference (its columns: ${[...types.keys()].join(", ")})`, { input: "columns" });
    }
  }
  const current = await sampleData(options.current, types, kind === "data", { prediction: options.predictionColumn, label: options.labelColumn });
  const report = checkDrift({
    reference,
    referenceKind: kind,
    current,
    config,
    columns: options.columns,
    method: options.method,
    predictionColumn: options.predictionColumn,
    labelColumn: options.labelColumn,
    now: options.now
  });
  if (options.reportOut) await writeJson(options.reportOut, report);
  return report;
}

export {
  runDriftCheck
};
