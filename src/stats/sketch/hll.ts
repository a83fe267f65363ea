import type { HllState } from '../../contracts/sketches.js';
import { hash64, hashNumber64, hashString64 } from './hash.js';

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over 64-bit hashes, with Ertl's improved
 * estimator ("New cardinality estimation algorithms for HyperLogLog sketches", 2017). That
 * estimator needs neither HLL++'s empirical bias tables nor a switch to linear counting: it is
 * unbiased from empty to far beyond 2^32 distinct values and behaves like linear counting when most
 * registers are still zero, so small counts come out (near) exact.
 *
 * The top `precision` bits of the hash pick a register; the register keeps the largest position of
 * the first one bit in the remaining 64 - precision bits.
 */

const MIN_PRECISION = 4;
const MAX_PRECISION = 18;
const HASH_BITS = 64;
const ALPHA_INFINITY = 1 / (2 * Math.LN2);

export class HyperLogLog {
  readonly precision: number;
  private readonly registers: Uint8Array;
  private readonly indexShift: number;
  /** Rank of a hash whose high word, past the index bits, is all zeros, before counting the low word's zeros. */
  private readonly lowWordRankBase: number;

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
  static standardError(precision: number): number {
    return 1.04 / Math.sqrt(2 ** precision);
  }

  /** Adds a value by its 64-bit hash, given as two unsigned (or signed) 32-bit halves. */
  addHash(high: number, low: number): void {
    const index = high >>> this.indexShift;
    const rest = high << this.precision;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : this.lowWordRankBase + Math.clz32(low);
    if (rank > this.registers[index]) this.registers[index] = rank;
  }

  addNumber(x: number): void {
    hashNumber64(x);
    this.addHash(hash64[0], hash64[1]);
  }

  addString(s: string): void {
    hashString64(s);
    this.addHash(hash64[0], hash64[1]);
  }

  /** Makes this the sketch of the union of both sets; both must have the same precision. */
  merge(other: HyperLogLog): void {
    if (other.precision !== this.precision) {
      throw new Error(
        `Cannot merge HyperLogLog sketches of different precision (${this.precision} and ${other.precision}); build both with the same precision`,
      );
    }
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < mine.length; i++) if (theirs[i] > mine[i]) mine[i] = theirs[i];
  }

  /** Estimated number of distinct values added. */
  estimate(): number {
    const registerCount = this.registers.length;
    const maxRank = HASH_BITS - this.precision;
    const histogram = new Float64Array(maxRank + 2);
    for (let i = 0; i < registerCount; i++) histogram[this.registers[i]]++;
    let z = registerCount * tau(1 - histogram[maxRank + 1] / registerCount);
    for (let rank = maxRank; rank >= 1; rank--) z = 0.5 * (z + histogram[rank]);
    z += registerCount * sigma(histogram[0] / registerCount);
    return (ALPHA_INFINITY * registerCount * registerCount) / z;
  }

  toState(): HllState {
    const { buffer, byteOffset, byteLength } = this.registers;
    return { precision: this.precision, registers: Buffer.from(buffer, byteOffset, byteLength).toString('base64') };
  }

  /** Restores a sketch from toState's output; throws on a state that breaks the sketch's invariants. */
  static fromState(state: HllState): HyperLogLog {
    const fail = (reason: string): never => {
      throw new Error(`Malformed HyperLogLog sketch state: ${reason}`);
    };
    const { precision, registers } = state;
    if (!Number.isInteger(precision) || precision < MIN_PRECISION || precision > MAX_PRECISION) {
      fail(`precision must be an integer from ${MIN_PRECISION} to ${MAX_PRECISION}, got ${precision}`);
    }
    if (typeof registers !== 'string') fail('registers must be a base64 string');
    const bytes = Buffer.from(registers, 'base64');
    // Buffer.from skips characters that are not base64; re-encoding catches them.
    if (bytes.toString('base64') !== registers) fail('registers are not canonical base64');
    const expected = 2 ** precision;
    if (bytes.length !== expected) fail(`precision ${precision} needs ${expected} register bytes, got ${bytes.length}`);
    const maxRegister = HASH_BITS - precision + 1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > maxRegister) fail(`register ${i} is ${bytes[i]}, above the largest possible rank ${maxRegister}`);
    }
    const sketch = new HyperLogLog(precision);
    sketch.registers.set(bytes);
    return sketch;
  }
}

/** σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k-1) from Ertl's estimator: the correction for registers still at zero. */
function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let power = x;
  let scale = 1;
  let sum = x;
  let previous: number;
  do {
    power *= power;
    previous = sum;
    sum += power * scale;
    scale *= 2;
  } while (sum !== previous);
  return sum;
}

/** τ(x) = (1 - x - Σ_{k≥1} (1 - x^(2^-k))^2 2^-k) / 3 from Ertl's estimator: the correction for saturated registers. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let root = x;
  let scale = 1;
  let sum = 1 - x;
  let previous: number;
  do {
    root = Math.sqrt(root);
    previous = sum;
    scale *= 0.5;
    sum -= (1 - root) ** 2 * scale;
  } while (sum !== previous);
  return sum / 3;
}
