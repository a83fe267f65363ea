/**
 * The bootstrap's pseudo-random generator, fixed so that a seed gives the same resamples on
 * every machine and in every version (and in the fixture script, which replays it in Python).
 *
 * xoshiro128** (Blackman & Vigna), 32-bit state words, chosen because it needs only 32-bit
 * integer operations (exact in JavaScript through Math.imul and >>> 0) and passes the usual
 * statistical test batteries. Its 128-bit state is seeded from a 32-bit seed with four steps of
 * a Weyl sequence (increment 0x9e3779b9) each passed through MurmurHash3's fmix32 finaliser,
 * a bijection, so the four words are distinct and never all zero.
 *
 * A row index below n takes two outputs a, b: u = ((a >>> 5) · 2^26 + (b >>> 6)) / 2^53, a
 * uniform double in [0, 1) with 53 random bits, and index = floor(u · n). The bias against
 * uniform is below n / 2^53, far under anything a bootstrap can notice.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`the seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
    }
    let weyl = seed;
    const next = () => {
      weyl = (weyl + 0x9e3779b9) >>> 0;
      return fmix32(weyl);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  nextUint32(): number {
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
  indexBelow(n: number): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return Math.floor(((high * 67108864 + low) / 9007199254740992) * n);
  }
}
