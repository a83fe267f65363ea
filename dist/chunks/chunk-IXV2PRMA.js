import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  combinedFingerprint,
  decodingFor,
  readerFor
} from "./chunk-3C6XEXBA.js";
import {
  MAX_AGE_UNITS,
  parseDuration
} from "./chunk-FKGEWHBH.js";
import {
  float64Bits,
  loadFloat64Bits
} from "./chunk-OT3JI4UD.js";
import {
  DataError
} from "./chunk-L374PU5G.js";

// src/stats/sketch/frequent.ts
var FrequentItems = class _FrequentItems {
  capacity;
  /** Counter i holds counterValues[i] with count counterCounts[i], for i < used; slotOf maps a value to its i. */
  slotOf = /* @__PURE__ */ new Map();
  counterValues;
  counterCounts;
  used = 0;
  selectionScratch;
  total = 0;
  removedPerCounter = 0;
  constructor(capacity = 64) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`FrequentItems capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.counterValues = new Array(2 * capacity).fill("");
    this.counterCounts = new Float64Array(2 * capacity);
    this.selectionScratch = new Float64Array(2 * capacity);
  }
  /** Number of values summarized. */
  get n() {
    return this.total;
  }
  /** Every kept count is exact or low by at most this much; 0 while at most `capacity` distinct values were seen. */
  get maxError() {
    return this.removedPerCounter;
  }
  add(value, count = 1) {
    if (count !== 1 && !(Number.isSafeInteger(count) && count > 0)) {
      throw new RangeError(`FrequentItems count must be a positive integer, got ${count}`);
    }
    this.total += count;
    this.addToCounter(value, count);
  }
  /** Adds the values summarized by other; both must have the same capacity. */
  merge(other) {
    if (other.capacity !== this.capacity) {
      throw new Error(
        `Cannot merge FrequentItems of different capacity (${this.capacity} and ${other.capacity}); build both with the same capacity`
      );
    }
    const entries = other.entries();
    this.total += other.total;
    this.removedPerCounter += other.removedPerCounter;
    for (const [value, count] of entries) this.addToCounter(value, count);
  }
  /** The `limit` largest counters, by count descending and then value ascending (by UTF-16 code units). */
  top(limit) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`top() limit must be a non-negative integer, got ${limit}`);
    return this.sortedEntries().slice(0, limit).map(([value, count]) => ({ value, count }));
  }
  /** The summary with at most `capacity` counters (reduced further if the table holds more). */
  toState() {
    let items = this.sortedEntries();
    let maxError = this.removedPerCounter;
    if (items.length > this.capacity) {
      const threshold = items[this.capacity][1];
      items = items.filter(([, count]) => count > threshold).map(([value, count]) => [value, count - threshold]);
      maxError += threshold;
    }
    return { capacity: this.capacity, n: this.total, maxError, items };
  }
  /** Restores a summary from toState's output; throws on a state that breaks the summary's invariants. */
  static fromState(state) {
    const fail = (reason) => {
      throw new Error(`Malformed FrequentItems state: ${reason}`);
    };
    const { capacity, n, maxError, items } = state;
    if (!Number.isSafeInteger(capacity) || capacity < 1) fail(`capacity must be a positive integer, got ${capacity}`);
    if (!Number.isSafeInteger(n) || n < 0) fail(`n must be a non-negative integer, got ${n}`);
    if (!Number.isSafeInteger(maxError) || maxError < 0) fail(`maxError must be a non-negative integer, got ${maxError}`);
    if (!Array.isArray(items) || items.length > capacity) fail(`items must be an array of at most ${capacity} pairs`);
    const summary = new _FrequentItems(capacity);
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!Array.isArray(item) || item.length !== 2) fail(`item ${i} is not a [value, count] pair`);
      const [value, count] = item;
      if (typeof value !== "string") fail(`item ${i} has a value that is not a string`);
      if (!Number.isSafeInteger(count) || count < 1) fail(`item ${i} has count ${count}, not a positive integer`);
      if (summary.slotOf.has(value)) fail(`value ${JSON.stringify(value)} appears twice`);
      summary.addToCounter(value, count);
      kept += count;
    }
    const removed = n - kept;
    if (maxError === 0 ? removed !== 0 : removed < (capacity + 1) * maxError) {
      fail(`counts sum to ${kept}, which with maxError ${maxError} and capacity ${capacity} cannot summarize n = ${n} values`);
    }
    summary.total = n;
    summary.removedPerCounter = maxError;
    return summary;
  }
  addToCounter(value, count) {
    const slot = this.slotOf.get(value);
    if (slot !== void 0) {
      this.counterCounts[slot] += count;
      return;
    }
    if (this.used === this.counterCounts.length) this.reduce();
    const free = this.used++;
    this.slotOf.set(value, free);
    this.counterValues[free] = value;
    this.counterCounts[free] = count;
  }
  reduce() {
    const { counterValues, counterCounts, slotOf } = this;
    this.selectionScratch.set(counterCounts);
    const threshold = selectLargest(this.selectionScratch, this.used, this.capacity);
    let kept = 0;
    for (let slot = 0; slot < this.used; slot++) {
      const value = counterValues[slot];
      const count = counterCounts[slot];
      if (count > threshold) {
        counterValues[kept] = value;
        counterCounts[kept] = count - threshold;
        slotOf.set(value, kept++);
      } else {
        slotOf.delete(value);
      }
    }
    this.used = kept;
    this.removedPerCounter += threshold;
  }
  entries() {
    const entries = [];
    for (let slot = 0; slot < this.used; slot++) entries.push([this.counterValues[slot], this.counterCounts[slot]]);
    return entries;
  }
  sortedEntries() {
    return this.entries().sort(
      ([valueA, countA], [valueB, countB]) => countA !== countB ? countB - countA : valueA < valueB ? -1 : valueA > valueB ? 1 : 0
    );
  }
};
function selectLargest(values, size, rank) {
  let left = 0;
  let right = size - 1;
  while (left < right) {
    const middle = left + right >>> 1;
    const pivot = medianOfThree(values[left], values[middle], values[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (rank <= j) right = j;
    else if (rank >= i) left = i;
    else return values[rank];
  }
  return values[left];
}
function medianOfThree(a, b, c) {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

// src/stats/sketch/hash.ts
var hash64 = new Uint32Array(2);
var SEED_A = 1013904242;
var SEED_B = 2773480762;
var MURMUR_C1 = 3432918353;
var MURMUR_C2 = 461845907;
var XX_P1 = 2654435761;
var XX_P2 = 2246822519;
var XX_P3 = 3266489917;
var XX_P4 = 668265263;
function rotateLeft(x, bits) {
  return x << bits | x >>> 32 - bits;
}
function scrambleA(word) {
  return Math.imul(rotateLeft(Math.imul(word, MURMUR_C1), 15), MURMUR_C2);
}
function absorbA(h, word) {
  return Math.imul(rotateLeft(h ^ scrambleA(word), 13), 5) + 3864292196 | 0;
}
function finishA(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
function absorbB(h, word) {
  return Math.imul(rotateLeft(h + Math.imul(word, XX_P3) | 0, 17), XX_P4);
}
function finishB(h) {
  h ^= h >>> 15;
  h = Math.imul(h, XX_P2);
  h ^= h >>> 13;
  h = Math.imul(h, XX_P3);
  return (h ^ h >>> 16) >>> 0;
}
function hashWords(first, second) {
  return finishA(absorbA(absorbA(SEED_A, first), second) ^ 8);
}
function hashWordsB(first, second) {
  return finishB(absorbB(absorbB(SEED_B + XX_P1 | 0, second), first) ^ 8);
}
function hashNumber64(x) {
  loadFloat64Bits(x);
  const low = float64Bits[1];
  const high = float64Bits[0];
  hash64[0] = hashWords(low, high);
  hash64[1] = hashWordsB(low, high);
}
function hashString64(s) {
  const length = s.length;
  let a = SEED_A;
  let b = SEED_B + XX_P1 | 0;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const word = s.charCodeAt(i) | s.charCodeAt(i + 1) << 16;
    a = absorbA(a, word);
    b = absorbB(b, word);
  }
  if (i < length) {
    const unit = s.charCodeAt(i);
    a ^= scrambleA(unit);
    b = Math.imul(rotateLeft(b ^ Math.imul(unit, XX_P1), 11), XX_P2);
  }
  hash64[0] = finishA(a ^ length);
  hash64[1] = finishB(b ^ length);
}

// src/stats/sketch/hll.ts
var MIN_PRECISION = 4;
var MAX_PRECISION = 18;
var HASH_BITS = 64;
var ALPHA_INFINITY = 1 / (2 * Math.LN2);
var HyperLogLog = class _HyperLogLog {
  precision;
  registers;
  indexShift;
  /** Rank of a hash whose high word, past the index bits, is all zeros, before counting the low word's zeros. */
  lowWordRankBase;
  constructor(precision = 12) {
    if (!Number.isInteger(precision) || precision < MIN_PRECISION || precision > MAX_PRECISION) {
      throw new RangeError(`HyperLogLog precision must be an integer from ${MIN_PRECISION} to ${MAX_PRECISION}, got ${precision}`);
    }
    this.precision = precision;
    this.registers = new Uint8Array(1 << precision);
    this.indexShift = 32 - precision;
    this.lowWordRankBase = 32 - precision + 1;
  }
  /** Relative standard error of estimate() for a precision: 1.04 / sqrt(2^precision). */
  static standardError(precision) {
    return 1.04 / Math.sqrt(2 ** precision);
  }
  /** Adds a value by its 64-bit hash, given as two unsigned (or signed) 32-bit halves. */
  addHash(high, low) {
    const index = high >>> this.indexShift;
    const rest = high << this.precision;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : this.lowWordRankBase + Math.clz32(low);
    if (rank > this.registers[index]) this.registers[index] = rank;
  }
  addNumber(x) {
    hashNumber64(x);
    this.addHash(hash64[0], hash64[1]);
  }
  addString(s) {
    hashString64(s);
    this.addHash(hash64[0], hash64[1]);
  }
  /** Makes this the sketch of the union of both sets; both must have the same precision. */
  merge(other) {
    if (other.precision !== this.precision) {
      throw new Error(
        `Cannot merge HyperLogLog sketches of different precision (${this.precision} and ${other.precision}); build both with the same precision`
      );
    }
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < mine.length; i++) if (theirs[i] > mine[i]) mine[i] = theirs[i];
  }
  /** Estimated number of distinct values added. */
  estimate() {
    const registerCount = this.registers.length;
    const maxRank = HASH_BITS - this.precision;
    const histogram = new Float64Array(maxRank + 2);
    for (let i = 0; i < registerCount; i++) histogram[this.registers[i]]++;
    let z = registerCount * tau(1 - histogram[maxRank + 1] / registerCount);
    for (let rank = maxRank; rank >= 1; rank--) z = 0.5 * (z + histogram[rank]);
    z += registerCount * sigma(histogram[0] / registerCount);
    return ALPHA_INFINITY * registerCount * registerCount / z;
  }
  toState() {
    const { buffer, byteOffset, byteLength } = this.registers;
    return { precision: this.precision, registers: Buffer.from(buffer, byteOffset, byteLength).toString("base64") };
  }
  /** Restores a sketch from toState's output; throws on a state that breaks the sketch's invariants. */
  static fromState(state) {
    const fail = (reason) => {
      throw new Error(`Malformed HyperLogLog sketch state: ${reason}`);
    };
    const { precision, registers } = state;
    if (!Number.isInteger(precision) || precision < MIN_PRECISION || precision > MAX_PRECISION) {
      fail(`precision must be an integer from ${MIN_PRECISION} to ${MAX_PRECISION}, got ${precision}`);
    }
    if (typeof registers !== "string") fail("registers must be a base64 string");
    const bytes = Buffer.from(registers, "base64");
    if (bytes.toString("base64") !== registers) fail("registers are not canonical base64");
    const expected = 2 ** precision;
    if (bytes.length !== expected) fail(`precision ${precision} needs ${expected} register bytes, got ${bytes.length}`);
    const maxRegister = HASH_BITS - precision + 1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > maxRegister) fail(`register ${i} is ${bytes[i]}, above the largest possible rank ${maxRegister}`);
    }
    const sketch = new _HyperLogLog(precision);
    sketch.registers.set(bytes);
    return sketch;
  }
};
function sigma(x) {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let power = x;
  let scale = 1;
  let sum = x;
  let previous;
  do {
    power *= power;
    previous = sum;
    sum += power * scale;
    scale *= 2;
  } while (sum !== previous);
  return sum;
}
function tau(x) {
  if (x === 0 || x === 1) return 0;
  let root = x;
  let scale = 1;
  let sum = 1 - x;
  let previous;
  do {
    root = Math.sqrt(root);
    previous = sum;
    scale *= 0.5;
    sum -= (1 - root) ** 2 * scale;
  } while (sum !== previous);
  return sum / 3;
}

// src/stats/sketch/kll.ts
var MIN_LEVEL_CAPACITY = 8;
var MIN_K = 8;
var MAX_K = 65535;
var MAX_LEVELS = 53;
var CAPACITY_DECAY = 2 / 3;
var INSERTION_SORT_LIMIT = 24;
var capacityScale = new Float64Array(MAX_LEVELS);
capacityScale[0] = 1;
for (let depth = 1; depth < MAX_LEVELS; depth++) capacityScale[depth] = capacityScale[depth - 1] * CAPACITY_DECAY;
var KllSketch = class _KllSketch {
  k;
  count = 0;
  minValue = Number.POSITIVE_INFINITY;
  maxValue = Number.NEGATIVE_INFINITY;
  /** Level h holds its items in levels[h][0..sizes[h]); levels above 0 are kept sorted. */
  levels = [];
  sizes = new Int32Array(MAX_LEVELS);
  capacities = new Int32Array(MAX_LEVELS);
  totalCapacity = 0;
  retained = 0;
  view = null;
  constructor(k = 200) {
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      throw new RangeError(`KLL k must be an integer from ${MIN_K} to ${MAX_K}, got ${k}`);
    }
    this.k = k;
    this.levels.push(new Float64Array(k));
    this.setCapacities();
  }
  /**
   * Normalized rank error bound: every rank() and quantile() answer of a sketch with parameter k,
   * streamed or merged from shards, is within this fraction of n of the exact answer, except with
   * probability below about 1 in 200. Measured on this implementation with independent coin
   * sequences (k = 100 to 200, 10^4 to 10^6 values), the worst error over the ranks 0.001..0.999
   * had median 1.4/k, 99th percentile 2.2/k and maximum 2.5/k; "about 1.7/k" is the typical case.
   * Below k = 50 the 8-item floor on level capacities makes the sketch more accurate than this.
   */
  static rankError(k) {
    return 2.5 / k;
  }
  /** Number of values summarized. */
  get n() {
    return this.count;
  }
  get min() {
    return this.count === 0 ? null : this.minValue;
  }
  get max() {
    return this.count === 0 ? null : this.maxValue;
  }
  /** Adds a value. NaN and ±Infinity are not values of a distribution here (and have no JSON form), so they are ignored. */
  update(value) {
    if (value - value !== 0) return;
    const item = value + 0;
    if (item < this.minValue) this.minValue = item;
    if (item > this.maxValue) this.maxValue = item;
    let level0 = this.levels[0];
    const size = this.sizes[0];
    if (size === level0.length) level0 = this.growLevel(0, size + 1);
    level0[size] = item;
    this.sizes[0] = size + 1;
    this.count++;
    this.view = null;
    if (++this.retained >= this.totalCapacity) this.compress();
  }
  /** Adds the values summarized by other; both must have the same k. */
  merge(other) {
    if (other.k !== this.k) {
      throw new Error(`Cannot merge KLL sketches with different k (${this.k} and ${other.k}); build both with the same k`);
    }
    if (other.count === 0) return;
    const source = other === this ? _KllSketch.fromState(other.toState()) : other;
    this.count += source.count;
    this.minValue = Math.min(this.minValue, source.minValue);
    this.maxValue = Math.max(this.maxValue, source.maxValue);
    while (this.levels.length < source.levels.length) this.addLevel();
    for (let h = 0; h < source.levels.length; h++) {
      const incoming = source.sizes[h];
      if (incoming === 0) continue;
      const sourceItems = source.levels[h];
      if (h === 0) {
        const size = this.sizes[0];
        const target = this.levels[0].length < size + incoming ? this.growLevel(0, size + incoming) : this.levels[0];
        target.set(sourceItems.subarray(0, incoming), size);
      } else {
        this.mergeSortedIntoLevel(h, sourceItems, 0, 1, incoming);
      }
      this.sizes[h] += incoming;
    }
    this.retained += source.retained;
    this.view = null;
    this.compress();
  }
  /** The value at normalized rank q in [0, 1]: q = 0 gives min and q = 1 gives max. NaN when empty. */
  quantile(q) {
    checkFraction(q);
    if (this.count === 0) return Number.NaN;
    if (q === 0) return this.minValue;
    if (q === 1) return this.maxValue;
    const { values, cumulativeWeight } = this.sortedView();
    const target = q * this.count;
    let low = 0;
    let high = values.length - 1;
    while (low < high) {
      const middle = low + high >>> 1;
      if (cumulativeWeight[middle] < target) low = middle + 1;
      else high = middle;
    }
    return values[low];
  }
  quantiles(qs) {
    return qs.map((q) => this.quantile(q));
  }
  /** Estimated fraction of values <= value; NaN when empty or for NaN. */
  rank(value) {
    if (this.count === 0 || Number.isNaN(value)) return Number.NaN;
    if (value < this.minValue) return 0;
    if (value >= this.maxValue) return 1;
    const { values, cumulativeWeight } = this.sortedView();
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = low + high >>> 1;
      if (values[middle] <= value) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : cumulativeWeight[low - 1] / this.count;
  }
  /** rank() of each point, in the order given. */
  cdf(points) {
    return points.map((point) => this.rank(point));
  }
  toState() {
    const levels = [];
    for (let h = 0; h < this.levels.length; h++) levels.push(Array.from(this.levels[h].subarray(0, this.sizes[h])));
    return {
      k: this.k,
      n: this.count,
      min: this.min,
      max: this.max,
      levels
    };
  }
  /** Restores a sketch from toState's output; throws on a state that breaks the sketch's invariants. */
  static fromState(state) {
    const fail = (reason) => {
      throw new Error(`Malformed KLL sketch state: ${reason}`);
    };
    const { k, n, min, max, levels } = state;
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) fail(`k must be an integer from ${MIN_K} to ${MAX_K}, got ${k}`);
    if (!Number.isSafeInteger(n) || n < 0) fail(`n must be a non-negative integer, got ${n}`);
    if (!Array.isArray(levels) || levels.length > MAX_LEVELS) fail(`levels must be an array of at most ${MAX_LEVELS} levels`);
    if (n === 0) {
      if (min !== null || max !== null) fail("min and max must be null when n is 0");
      if (levels.some((level) => !Array.isArray(level) || level.length > 0)) fail("levels must be empty arrays when n is 0");
    } else if (typeof min !== "number" || typeof max !== "number" || !Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      fail(`min and max must be finite numbers with min <= max when n > 0, got ${min} and ${max}`);
    }
    let weight = 0;
    for (let h = 0; h < levels.length; h++) {
      const level = levels[h];
      if (!Array.isArray(level)) fail(`level ${h} is not an array`);
      for (let i = 0; i < level.length; i++) {
        const item = level[i];
        if (typeof item !== "number" || !(item >= min && item <= max)) {
          fail(`level ${h} item ${i} (${item}) is not a number between min and max`);
        }
        if (h > 0 && i > 0 && item < level[i - 1]) fail(`level ${h} is not sorted at item ${i}`);
      }
      weight += level.length * 2 ** h;
    }
    if (weight !== n) fail(`the levels stand for ${weight} values but n is ${n}`);
    const sketch = new _KllSketch(k);
    sketch.count = n;
    if (n > 0) {
      sketch.minValue = min + 0;
      sketch.maxValue = max + 0;
    }
    while (sketch.levels.length < levels.length) sketch.addLevel();
    for (let h = 0; h < levels.length; h++) {
      const size = levels[h].length;
      const target = sketch.levels[h].length < size ? sketch.growLevel(h, size) : sketch.levels[h];
      for (let i = 0; i < size; i++) target[i] = levels[h][i] + 0;
      sketch.sizes[h] = size;
      sketch.retained += size;
    }
    return sketch;
  }
  compress() {
    while (this.retained >= this.totalCapacity) {
      let h = 0;
      while (this.sizes[h] < this.capacities[h]) h++;
      this.compactLevel(h);
    }
  }
  compactLevel(h) {
    if (h + 1 === this.levels.length) this.addLevel();
    const items = this.levels[h];
    const size = this.sizes[h];
    if (h === 0) sortAscending(items, size);
    const promoted = size >>> 1;
    const offset = this.coinFlip(h, size);
    this.mergeSortedIntoLevel(h + 1, items, offset, 2, promoted);
    this.sizes[h + 1] += promoted;
    if ((size & 1) === 1) {
      items[0] = items[size - 1];
      this.sizes[h] = 1;
    } else {
      this.sizes[h] = 0;
    }
    this.retained -= promoted;
  }
  coinFlip(h, size) {
    const countLow = this.count >>> 0;
    const countHigh = this.count / 4294967296 >>> 0;
    return hashWords(countLow, countHigh ^ h << 24 ^ size) & 1;
  }
  /** Merges count sorted items source[offset], source[offset + stride], ... into sorted level h, without changing its size. */
  mergeSortedIntoLevel(h, source, offset, stride, count) {
    const size = this.sizes[h];
    const target = this.levels[h].length < size + count ? this.growLevel(h, size + count) : this.levels[h];
    let read = size - 1;
    let write = size + count - 1;
    for (let j = count - 1; j >= 0; j--) {
      const item = source[offset + j * stride];
      while (read >= 0 && target[read] > item) target[write--] = target[read--];
      target[write--] = item;
    }
  }
  growLevel(h, needed) {
    const grown = new Float64Array(Math.max(needed, this.levels[h].length * 2));
    grown.set(this.levels[h].subarray(0, this.sizes[h]));
    this.levels[h] = grown;
    return grown;
  }
  addLevel() {
    if (this.levels.length === MAX_LEVELS) throw new Error(`KLL sketch cannot hold more than ${MAX_LEVELS} levels`);
    this.levels.push(new Float64Array(this.k));
    this.setCapacities();
  }
  setCapacities() {
    const top = this.levels.length - 1;
    let total = 0;
    for (let h = 0; h <= top; h++) {
      const capacity = Math.max(MIN_LEVEL_CAPACITY, Math.round(this.k * capacityScale[top - h]));
      this.capacities[h] = capacity;
      total += capacity;
    }
    this.totalCapacity = total;
  }
  sortedView() {
    if (this.view !== null) return this.view;
    const total = this.retained;
    const values = new Float64Array(total);
    const weights = new Float64Array(total);
    let next = 0;
    for (let h = 0; h < this.levels.length; h++) {
      const weight = 2 ** h;
      for (let i = 0; i < this.sizes[h]; i++) {
        values[next] = this.levels[h][i];
        weights[next++] = weight;
      }
    }
    const order = new Uint32Array(total);
    for (let i = 0; i < total; i++) order[i] = i;
    order.sort((a, b) => values[a] - values[b]);
    const sorted = new Float64Array(total);
    const cumulativeWeight = new Float64Array(total);
    let cumulative = 0;
    for (let i = 0; i < total; i++) {
      sorted[i] = values[order[i]];
      cumulative += weights[order[i]];
      cumulativeWeight[i] = cumulative;
    }
    this.view = { values: sorted, cumulativeWeight };
    return this.view;
  }
};
function sortAscending(values, size) {
  if (size > INSERTION_SORT_LIMIT) {
    values.subarray(0, size).sort();
    return;
  }
  for (let i = 1; i < size; i++) {
    const item = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > item) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = item;
  }
}
function checkFraction(q) {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be a number in [0, 1], got ${q}`);
}

// src/stats/sketch/moments.ts
var Moments = class _Moments {
  n = 0;
  shift = 0;
  /** Mean of x - shift. */
  shiftedMean = 0;
  /** Sum of squared deviations from the mean. */
  squaredDeviations = 0;
  total = 0;
  minValue = Number.POSITIVE_INFINITY;
  maxValue = Number.NEGATIVE_INFINITY;
  get count() {
    return this.n;
  }
  /** NaN when empty. */
  get min() {
    return this.n === 0 ? Number.NaN : this.minValue;
  }
  /** NaN when empty. */
  get max() {
    return this.n === 0 ? Number.NaN : this.maxValue;
  }
  /** NaN when empty. */
  get mean() {
    return this.n === 0 ? Number.NaN : this.shift + this.shiftedMean;
  }
  /** Sample variance, n - 1 in the denominator; 0 for fewer than two values. */
  get variance() {
    return this.n <= 1 ? 0 : this.squaredDeviations / (this.n - 1);
  }
  get sum() {
    return this.total;
  }
  /** Adds a value. NaN and ±Infinity are ignored, as in KllSketch, so both count the same values. */
  add(x) {
    if (x - x !== 0) return;
    if (this.n === 0) this.shift = x;
    const n = ++this.n;
    const shifted = x - this.shift;
    const delta = shifted - this.shiftedMean;
    this.shiftedMean += delta / n;
    this.squaredDeviations += delta * (shifted - this.shiftedMean);
    this.total += x;
    if (x < this.minValue) this.minValue = x;
    if (x > this.maxValue) this.maxValue = x;
  }
  merge(other) {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.shift = other.shift;
      this.shiftedMean = other.shiftedMean;
    }
    const count = this.n + other.n;
    const delta = other.shift - this.shift + other.shiftedMean - this.shiftedMean;
    const otherShare = other.n / count;
    this.squaredDeviations += other.squaredDeviations + delta * delta * this.n * otherShare;
    this.shiftedMean += delta * otherShare;
    this.n = count;
    this.total += other.total;
    if (other.minValue < this.minValue) this.minValue = other.minValue;
    if (other.maxValue > this.maxValue) this.maxValue = other.maxValue;
  }
  toJSON() {
    return { count: this.n, mean: this.mean, variance: this.variance, min: this.min, max: this.max };
  }
  /** Rebuilds moments from a summary (e.g. a profile's); the sum is recovered as mean × count. */
  static from(summary) {
    const { count, mean, variance, min, max } = summary;
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Malformed moments: count must be a non-negative integer, got ${count}`);
    const moments = new _Moments();
    if (count === 0) return moments;
    if (![mean, variance, min, max].every(Number.isFinite) || variance < 0 || min > max) {
      throw new Error(`Malformed moments: need finite mean, min <= max and variance >= 0, got ${JSON.stringify(summary)}`);
    }
    moments.n = count;
    moments.shift = mean;
    moments.squaredDeviations = variance * (count - 1);
    moments.total = mean * count;
    moments.minValue = min;
    moments.maxValue = max;
    return moments;
  }
};

// src/data/profile.ts
var PROFILE_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
var HISTOGRAM_BINS = 20;
var FREQUENT_VALUES_KEPT = 20;
var KLL_K = 200;
var HLL_PRECISION = 12;
var FREQUENT_CAPACITY = 256;
var numericTypes = /* @__PURE__ */ new Set(["integer", "number", "timestamp"]);
var textTypes = /* @__PURE__ */ new Set(["string", "category"]);
var ColumnProfiler = class _ColumnProfiler {
  constructor(name, type) {
    this.name = name;
    this.type = type;
    this.frequent = numericTypes.has(type) ? void 0 : new FrequentItems(FREQUENT_CAPACITY);
  }
  name;
  type;
  count = 0;
  missing = 0;
  invalid = 0;
  moments = new Moments();
  quantiles = new KllSketch(KLL_K);
  distinct = new HyperLogLog(HLL_PRECISION);
  frequent;
  minLength = Number.POSITIVE_INFINITY;
  maxLength = 0;
  /** Adds a batch; `column` is undefined when the file lacks the column, and its rows count as missing. */
  add(column, rows) {
    if (column === void 0) {
      this.missing += rows;
      return;
    }
    if (column.kind === "number") this.addNumbers(column.values, column.status, rows);
    else this.addStrings(column.values, column.invalidText, rows);
  }
  addNumbers(values, status, rows) {
    const { moments, quantiles, distinct } = this;
    if (this.type === "boolean") {
      let trues = 0;
      let falses = 0;
      for (let i = 0; i < rows; i++) {
        if (status[i] === 0 /* valid */) {
          if (values[i] === 1) trues++;
          else falses++;
        } else if (status[i] === 1 /* missing */) this.missing++;
        else this.invalid++;
      }
      if (trues > 0) {
        this.frequent.add("true", trues);
        distinct.addNumber(1);
      }
      if (falses > 0) {
        this.frequent.add("false", falses);
        distinct.addNumber(0);
      }
      this.count += trues + falses;
      return;
    }
    for (let i = 0; i < rows; i++) {
      const state = status[i];
      if (state === 0 /* valid */) {
        const value = values[i];
        moments.add(value);
        quantiles.update(value);
        distinct.addNumber(value);
      } else if (state === 1 /* missing */) this.missing++;
      else this.invalid++;
    }
    this.count = moments.count;
  }
  addStrings(values, invalidText, rows) {
    const { distinct } = this;
    const frequent = this.frequent;
    const invalid = invalidText.size;
    let missing = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i];
      if (value === null) {
        missing++;
        continue;
      }
      frequent.add(value);
      distinct.addString(value);
      const length = value.length;
      if (length < this.minLength) this.minLength = length;
      if (length > this.maxLength) this.maxLength = length;
    }
    this.invalid += invalid;
    this.missing += missing - invalid;
    this.count += rows - missing;
  }
  merge(other) {
    this.count += other.count;
    this.missing += other.missing;
    this.invalid += other.invalid;
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    this.distinct.merge(other.distinct);
    if (this.frequent && other.frequent) this.frequent.merge(other.frequent);
    this.minLength = Math.min(this.minLength, other.minLength);
    this.maxLength = Math.max(this.maxLength, other.maxLength);
  }
  toProfile() {
    return {
      name: this.name,
      type: this.type,
      count: this.count,
      missing: this.missing,
      invalid: this.invalid,
      numeric: numericTypes.has(this.type) && this.moments.count > 0 ? this.numericSummary() : null,
      distinct: { estimate: Math.round(this.distinct.estimate()), sketch: this.distinct.toState() },
      frequent: this.frequent ? { values: this.frequent.top(FREQUENT_VALUES_KEPT), sketch: this.frequent.toState() } : null,
      length: textTypes.has(this.type) && this.count > 0 ? { min: this.minLength, max: this.maxLength } : null
    };
  }
  numericSummary() {
    const { moments, quantiles } = this;
    return {
      min: moments.min,
      max: moments.max,
      mean: moments.mean,
      variance: moments.variance,
      quantiles: PROFILE_QUANTILES.map((quantile) => ({ quantile, value: quantiles.quantile(quantile) })),
      histogram: histogramFromSketch(quantiles, moments.min, moments.max),
      sketch: quantiles.toState()
    };
  }
  static fromProfile(profile) {
    const profiler = new _ColumnProfiler(profile.name, profile.type);
    profiler.count = profile.count;
    profiler.missing = profile.missing;
    profiler.invalid = profile.invalid;
    if (profile.numeric) {
      const { min, max, mean, variance, sketch } = profile.numeric;
      profiler.moments.merge(Moments.from({ count: profile.count, mean, variance, min, max }));
      profiler.quantiles.merge(KllSketch.fromState(sketch));
    }
    profiler.distinct.merge(HyperLogLog.fromState(profile.distinct.sketch));
    if (profile.frequent && profiler.frequent) profiler.frequent.merge(FrequentItems.fromState(profile.frequent.sketch));
    if (profile.length) {
      profiler.minLength = profile.length.min;
      profiler.maxLength = profile.length.max;
    }
    return profiler;
  }
};
function histogramFromSketch(sketch, min, max) {
  if (min === max) return { edges: [min, max], counts: [sketch.n] };
  const width = (max - min) / HISTOGRAM_BINS;
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => i === HISTOGRAM_BINS ? max : min + i * width);
  const inner = edges.slice(1, -1);
  const below = sketch.cdf(inner);
  const counts = [];
  let previous = 0;
  for (let i = 0; i < HISTOGRAM_BINS; i++) {
    const cumulative = i < inner.length ? below[i] : 1;
    counts.push(Math.max(0, Math.round((cumulative - previous) * sketch.n)));
    previous = cumulative;
  }
  return { edges, counts };
}
function buildProfile(columns, files) {
  return {
    format: "ghml.data-profile/v1",
    rows: files.reduce((sum, file) => sum + file.rows, 0),
    files,
    fingerprint: combinedFingerprint(files),
    columns: columns.map((column) => column.toProfile())
  };
}

// src/data/unique.ts
var DistinctTracker = class {
  table = new Uint32Array(2 * 1024);
  size = 0;
  /** True when the value is new, false when it was seen before. */
  addNumber(value) {
    hashNumber64(value);
    return this.insert(hash64[0], hash64[1]);
  }
  addString(value) {
    hashString64(value);
    return this.insert(hash64[0], hash64[1]);
  }
  addPair(hi, lo) {
    return this.insert(hi >>> 0, lo >>> 0);
  }
  insert(hi, lo) {
    if (hi === 0 && lo === 0) lo = 1;
    if ((this.size + 1) * 2 > this.table.length / 2) this.grow();
    const mask = this.table.length / 2 - 1;
    for (let slot = (hi ^ lo) & mask; ; slot = slot + 1 & mask) {
      const at = slot * 2;
      const h = this.table[at];
      const l = this.table[at + 1];
      if (h === 0 && l === 0) {
        this.table[at] = hi;
        this.table[at + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }
  grow() {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.insert(old[at], old[at + 1]);
    }
  }
};
var RowKeyHasher = class {
  constructor(columnIndexes) {
    this.columnIndexes = columnIndexes;
  }
  columnIndexes;
  seen = new DistinctTracker();
  check(batch, onFailure) {
    const columns = this.columnIndexes.map((index) => batch.columns[index]);
    rows: for (let i = 0; i < batch.rows; i++) {
      let hi = 305419896;
      let lo = 2596069104;
      for (let part = 0; part < columns.length; part++) {
        const column = columns[part];
        let missing;
        if (column === void 0) missing = true;
        else if (column.kind === "number") {
          missing = column.status[i] !== 0 /* valid */;
          if (!missing) hashNumber64(column.values[i]);
        } else {
          const value = column.values[i];
          missing = value === null;
          if (!missing) hashString64(value);
        }
        if (missing) {
          onFailure(i, "a key column is missing its value", keyText(columns, i));
          continue rows;
        }
        hi = hashWords(hi, hash64[0]);
        lo = hashWords(lo, hash64[1]);
      }
      if (!this.seen.addPair(hi, lo)) onFailure(i, "the key repeats an earlier row", keyText(columns, i));
    }
  }
};
function keyText(columns, row) {
  return columns.map((column) => {
    if (column === void 0) return "null";
    if (column.kind === "number") return column.status[row] === 0 /* valid */ ? String(column.values[row]) : "null";
    return column.values[row] ?? "null";
  }).join(", ");
}

// src/data/validate.ts
var DEFAULT_MAX_EXAMPLES = 5;
var Findings = class {
  constructor(maxExamples) {
    this.maxExamples = maxExamples;
  }
  maxExamples;
  tallies = /* @__PURE__ */ new Map();
  dataset = [];
  row(expectation, column, expected, file, row, value, message) {
    const key = `${expectation}\0${column ?? ""}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { expectation, severity: "error", column, expected, failures: 0, examples: [], messages: [] };
      this.tallies.set(key, tally);
    }
    tally.failures++;
    if (tally.examples.length < this.maxExamples) {
      tally.examples.push({ file, row, value });
      if (message !== void 0) tally.messages.push(message);
    }
  }
  add(finding) {
    this.dataset.push({ failures: 0, examples: [], ...finding });
  }
  all() {
    const rowFindings = [...this.tallies.values()].map(
      (tally) => ({
        expectation: tally.expectation,
        severity: tally.severity,
        column: tally.column,
        expected: tally.expected,
        observed: `${tally.failures} row${tally.failures === 1 ? "" : "s"} failed`,
        failures: tally.failures,
        examples: tally.examples,
        message: rowMessage(tally)
      })
    );
    return [...this.dataset, ...rowFindings];
  }
};
function rowMessage(tally) {
  const where = tally.column === null ? "" : `column "${tally.column}": `;
  const first = tally.examples[0];
  const example = first ? ` (first: ${first.file} row ${first.row}${first.value === null ? "" : `, value ${JSON.stringify(first.value)}`})` : "";
  const detail = tally.messages[0] ? `; ${tally.messages[0]}` : "";
  return `${where}${tally.failures} row${tally.failures === 1 ? "" : "s"} broke "${tally.expectation}": expected ${tally.expected}${example}${detail}`;
}
function formatValue(column, value) {
  if (column.type === "timestamp") return new Date(value).toISOString();
  if (column.type === "boolean") return value === 1 ? "true" : "false";
  return String(value);
}
function boundValue(column, bound) {
  return typeof bound === "number" ? bound : Date.parse(bound);
}
var ColumnChecker = class {
  constructor(contract, findings) {
    this.contract = contract;
    this.findings = findings;
    const c = contract;
    this.min = c.min === void 0 ? void 0 : boundValue(c, c.min);
    this.max = c.max === void 0 ? void 0 : boundValue(c, c.max);
    const allowed = c["allowed-values"];
    if (allowed && (c.type === "string" || c.type === "category")) this.allowedStrings = new Set(allowed.map(String));
    else if (allowed) this.allowedNumbers = new Set(allowed.map((v) => typeof v === "boolean" ? Number(v) : v));
    this.pattern = c.pattern === void 0 ? void 0 : new RegExp(`^(?:${c.pattern})$`, "u");
    this.unique = c.unique ? new DistinctTracker() : void 0;
    this.evaluated = 2 + Number(!c.nullable) + Number(c["max-missing"] !== void 0) + Number(this.min !== void 0) + Number(this.max !== void 0) + Number(allowed !== void 0) + Number(this.pattern !== void 0) + Number(c.unique) + Number(c.mean !== void 0) + Number(c.stddev !== void 0) + (c.quantiles?.length ?? 0);
  }
  contract;
  findings;
  min;
  max;
  allowedNumbers;
  allowedStrings;
  pattern;
  unique;
  evaluated;
  check(data, batch, file) {
    const c = this.contract;
    const name = c.name;
    const findings = this.findings;
    if (data.kind === "number") {
      const { values: values2, status } = data;
      for (let i = 0; i < batch.rows; i++) {
        const state = status[i];
        if (state === 1 /* missing */) {
          if (!c.nullable) findings.row("nullable", name, "a value (the column is not nullable)", file, batch.firstRow + i, null);
          continue;
        }
        if (state === 2 /* invalid */) {
          findings.row("type", name, `a valid ${c.type}`, file, batch.firstRow + i, data.invalidText.get(i) ?? null);
          continue;
        }
        const value = values2[i];
        if (this.min !== void 0 && value < this.min) findings.row("min", name, `at least ${formatValue(c, this.min)}`, file, batch.firstRow + i, formatValue(c, value));
        if (this.max !== void 0 && value > this.max) findings.row("max", name, `at most ${formatValue(c, this.max)}`, file, batch.firstRow + i, formatValue(c, value));
        if (this.allowedNumbers && !this.allowedNumbers.has(value)) {
          findings.row("allowed-values", name, `one of ${c["allowed-values"].join(", ")}`, file, batch.firstRow + i, formatValue(c, value));
        }
        if (this.unique && !this.unique.addNumber(value)) findings.row("unique", name, "no repeated value", file, batch.firstRow + i, formatValue(c, value));
      }
      return;
    }
    const { values, invalidText } = data;
    for (let i = 0; i < batch.rows; i++) {
      const value = values[i];
      if (value === null) {
        const invalid = invalidText.get(i);
        if (invalid !== void 0) findings.row("type", name, `a valid ${c.type}`, file, batch.firstRow + i, invalid);
        else if (!c.nullable) findings.row("nullable", name, "a value (the column is not nullable)", file, batch.firstRow + i, null);
        continue;
      }
      if (this.allowedStrings && !this.allowedStrings.has(value)) {
        findings.row("allowed-values", name, `one of ${c["allowed-values"].join(", ")}`, file, batch.firstRow + i, value);
      }
      if (this.pattern && !this.pattern.test(value)) findings.row("pattern", name, `a match for /${c.pattern}/`, file, batch.firstRow + i, value);
      if (this.unique && !this.unique.addString(value)) findings.row("unique", name, "no repeated value", file, batch.firstRow + i, value);
    }
  }
};
async function validateData(options) {
  const { contract } = options;
  const findings = new Findings(options.maxExamples ?? DEFAULT_MAX_EXAMPLES);
  const plan = contract.columns.map((column) => ({ name: column.name, decoding: decodingFor(column.type) }));
  const profilers = contract.columns.map((column) => new ColumnProfiler(column.name, column.type));
  const checkers = contract.columns.map((column) => new ColumnChecker(column, findings));
  const primaryKey = contract.dataset["primary-key"];
  const keyHasher = primaryKey ? new RowKeyHasher(primaryKey.map((name) => contract.columns.findIndex((c) => c.name === name))) : void 0;
  const declared = new Set(contract.columns.map((column) => column.name));
  const unexpectedPolicy = contract.dataset["unexpected-columns"];
  const fingerprints = [];
  for (const file of options.files) {
    const { reader, fingerprint } = readerFor(file);
    try {
      await reader.open();
      for (const column of contract.columns) {
        if (column.required && !reader.columns.includes(column.name)) {
          findings.add({
            expectation: "required-column",
            severity: "error",
            column: column.name,
            expected: "the column to be present",
            observed: `absent from ${file}`,
            message: `column "${column.name}" is required but ${file} does not have it (its columns: ${reader.columns.join(", ")})`
          });
        }
      }
      for await (const batch of reader.batches(plan, (issue) => findings.row("readable", issue.column, "well-formed rows", file, issue.row ?? 0, null, issue.message))) {
        for (let c = 0; c < plan.length; c++) {
          const data = batch.columns[c];
          profilers[c].add(data, batch.rows);
          if (data) checkers[c].check(data, batch, file);
        }
        if (keyHasher) {
          keyHasher.check(
            batch,
            (row, problem, key) => findings.row("primary-key", primaryKey.join(", "), "a unique, complete key", file, batch.firstRow + row, key, problem)
          );
        }
      }
      if (unexpectedPolicy !== "ignore") {
        for (const name of reader.columns.filter((column) => !declared.has(column))) {
          findings.add({
            expectation: "unexpected-column",
            severity: unexpectedPolicy === "error" ? "error" : "warning",
            column: name,
            expected: "only the columns the contract declares",
            observed: `present in ${file}`,
            message: `column "${name}" in ${file} is not in the contract: declare it, or set dataset.unexpected-columns to warn or ignore`
          });
        }
      }
      fingerprints.push(await fingerprint());
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      findings.add({ expectation: "readable", severity: "error", column: null, expected: "a readable file", observed: error.message, message: error.message });
      fingerprints.push(await fingerprint());
    } finally {
      await reader.close();
    }
  }
  const rows = fingerprints.reduce((sum, f) => sum + f.rows, 0);
  checkDataset(contract, profilers, rows, findings, options.now ?? /* @__PURE__ */ new Date());
  const all = findings.all();
  const failed = all.filter((f) => f.severity === "error");
  const evaluated = checkers.reduce((sum, c) => sum + c.evaluated, 0) + 1 + Number(unexpectedPolicy !== "ignore") + Number(contract.dataset["row-count"] !== void 0) + Number(primaryKey !== void 0) + Number(contract.dataset.freshness !== void 0);
  const report = {
    format: "ghml.validation-report/v1",
    valid: failed.length === 0,
    contract: contract.name ?? null,
    rows,
    files: fingerprints,
    fingerprint: combinedFingerprint(fingerprints),
    expectations: { evaluated, failed: failed.length, warnings: all.length - failed.length },
    findings: all
  };
  return { report, profile: buildProfile(profilers, fingerprints) };
}
var formatNumber = (value) => Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
function rangeText(range) {
  if (range.min !== void 0 && range.max !== void 0) return `between ${range.min} and ${range.max}`;
  if (range.min !== void 0) return `at least ${range.min}`;
  return `at most ${range.max}`;
}
var outside = (value, range) => range.min !== void 0 && value < range.min || range.max !== void 0 && value > range.max;
function checkDataset(contract, profilers, rows, findings, now) {
  const dataset = contract.dataset;
  if (rows === 0) {
    findings.add({
      expectation: "row-count",
      severity: "error",
      column: null,
      expected: dataset["row-count"] ? rangeText(dataset["row-count"]) : "at least one row",
      observed: "no data rows",
      message: "the data has no rows (a header alone is not a dataset): check that the right file was given"
    });
  } else if (dataset["row-count"] && outside(rows, dataset["row-count"])) {
    findings.add({
      expectation: "row-count",
      severity: "error",
      column: null,
      expected: rangeText(dataset["row-count"]),
      observed: `${rows} rows`,
      message: `the data has ${rows} rows, expected ${rangeText(dataset["row-count"])}`
    });
  }
  contract.columns.forEach((column, index) => {
    const profiler = profilers[index];
    const name = column.name;
    const total = profiler.count + profiler.missing + profiler.invalid;
    const maxMissing = column["max-missing"];
    if (maxMissing !== void 0 && total > 0 && profiler.missing / total > maxMissing) {
      const share = profiler.missing / total;
      findings.add({
        expectation: "max-missing",
        severity: "error",
        column: name,
        expected: `at most ${(maxMissing * 100).toFixed(1)}% missing`,
        observed: `${(share * 100).toFixed(1)}% missing (${profiler.missing} of ${total})`,
        message: `column "${name}": ${(share * 100).toFixed(1)}% of values are missing, more than the ${(maxMissing * 100).toFixed(1)}% allowed`
      });
    }
    const moments = profiler.moments;
    if (moments.count === 0) return;
    const statistics = [
      ["mean", column.mean, moments.mean, "mean"],
      ["stddev", column.stddev, Math.sqrt(moments.variance), "standard deviation"]
    ];
    for (const [kind, range, value, label] of statistics) {
      if (range && outside(value, range)) {
        findings.add({
          expectation: kind,
          severity: "error",
          column: name,
          expected: `${label} ${rangeText(range)}`,
          observed: `${label} ${formatNumber(value)}`,
          message: `column "${name}": ${label} is ${formatNumber(value)}, expected ${rangeText(range)}`
        });
      }
    }
    for (const expectation of column.quantiles ?? []) {
      const value = profiler.quantiles.quantile(expectation.quantile);
      if (outside(value, expectation)) {
        findings.add({
          expectation: "quantile",
          severity: "error",
          column: name,
          expected: `quantile ${expectation.quantile} ${rangeText(expectation)}`,
          observed: `quantile ${expectation.quantile} \u2248 ${formatNumber(value)}`,
          message: `column "${name}": quantile ${expectation.quantile} is about ${formatNumber(value)}, expected ${rangeText(expectation)}`
        });
      }
    }
  });
  const freshness = dataset.freshness;
  if (freshness) {
    const index = contract.columns.findIndex((c) => c.name === freshness.column);
    const moments = profilers[index].moments;
    const maxAge = parseDuration(freshness["max-age"], MAX_AGE_UNITS);
    const newest = moments.count > 0 ? moments.max : void 0;
    if (newest === void 0 || now.getTime() - newest > maxAge) {
      const observed = newest === void 0 ? "no timestamps" : `newest ${new Date(newest).toISOString()}`;
      findings.add({
        expectation: "freshness",
        severity: "error",
        column: freshness.column,
        expected: `newest value at most ${freshness["max-age"]} old (after ${new Date(now.getTime() - maxAge).toISOString()})`,
        observed,
        message: `column "${freshness.column}": data is stale (${observed}), expected a value within ${freshness["max-age"]} of ${now.toISOString()}`
      });
    }
  }
}

export {
  FrequentItems,
  KllSketch,
  Moments,
  ColumnProfiler,
  buildProfile,
  validateData
};
