import { describe, expect, it } from 'vitest';
import { hash64, hashNumber, hashNumber64, hashString, hashString64, hashWords } from '../../../src/stats/sketch/hash.js';
import { seededRandom } from './support.js';

function number64(x: number): [number, number] {
  hashNumber64(x);
  return [hash64[0], hash64[1]];
}

function string64(s: string): [number, number] {
  hashString64(s);
  return [hash64[0], hash64[1]];
}

/** Fraction of the time each output bit flips when each input bit flips; 0.5 everywhere is ideal avalanche. */
function worstAvalancheBias(samples: number, inputBits: number, hashFlipped: (sample: number, bit: number) => [number, number]): number {
  const flips = new Float64Array(inputBits * 64);
  for (let sample = 0; sample < samples; sample++) {
    for (let bit = 0; bit < inputBits; bit++) {
      const [high, low] = hashFlipped(sample, bit);
      for (let out = 0; out < 32; out++) {
        flips[bit * 64 + out] += (high >>> out) & 1;
        flips[bit * 64 + 32 + out] += (low >>> out) & 1;
      }
    }
  }
  return flips.reduce((worst, count) => Math.max(worst, Math.abs(count / samples - 0.5)), 0);
}

function bitCount(x: number): number {
  let count = 0;
  for (let rest = x; rest !== 0; rest &= rest - 1) count++;
  return count;
}

describe('hashing', () => {
  it('gives unsigned 32-bit integers', () => {
    for (const value of [0, 1, -1, 0.1, 1e308, Number.MIN_VALUE]) {
      const hashes = [hashNumber(value), ...number64(value), hashString(String(value)), ...string64(String(value))];
      for (const h of hashes) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });

  it('hashes +0 and -0 the same, and every NaN the same', () => {
    expect(hashNumber(-0)).toBe(hashNumber(0));
    expect(number64(-0)).toEqual(number64(0));
    const payloadNaN = new Float64Array(new Uint32Array([0x12345, 0x7ff00001]).buffer)[0];
    expect(payloadNaN).toBeNaN();
    expect(hashNumber(payloadNaN)).toBe(hashNumber(Number.NaN));
    expect(number64(payloadNaN)).toEqual(number64(0 / 0));
  });

  it('64-bit hashes extend the 32-bit ones', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 100; i++) {
      const x = (random() - 0.5) * 1e6;
      expect(number64(x)[0]).toBe(hashNumber(x));
      const s = x.toString(36);
      expect(string64(s)[0]).toBe(hashString(s));
    }
  });

  // Registers of stored HyperLogLog states depend on these values: a change breaks merging with old profiles.
  it('is pinned to fixed values, so stored sketches stay mergeable', () => {
    expect(number64(0)).toEqual([2051978888, 3164092743]);
    expect(number64(1)).toEqual([4099628984, 418513096]);
    expect(number64(-1.5)).toEqual([1925000674, 1345804731]);
    expect(number64(1e300)).toEqual([2446563635, 2211924525]);
    expect(string64('')).toEqual([1020716019, 1106993843]);
    expect(string64('a')).toEqual([3122545294, 4142523183]);
    expect(string64('ab')).toEqual([1957755985, 5470042]);
    expect(string64('hello, world')).toEqual([1816445983, 4003589651]);
    expect(string64('日本語 🎉')).toEqual([2558056635, 2616732703]);
  });

  it('tells apart strings that differ only in length, order or a trailing NUL', () => {
    const strings = ['', '\0', '\0\0', 'a', 'a\0', 'ab', 'ba', 'abc', 'acb', 'ab\0'];
    expect(new Set(strings.map(hashString)).size).toBe(strings.length);
    expect(new Set(strings.map((s) => string64(s).join())).size).toBe(strings.length);
  });

  it('flips each output bit about half the time when any input bit of a number flips', () => {
    const random = seededRandom(2);
    const view = new DataView(new ArrayBuffer(8));
    const asNumber = (high: number, low: number): number => {
      view.setUint32(0, high);
      view.setUint32(4, low);
      return view.getFloat64(0);
    };
    const inputs: [number, number][] = [];
    while (inputs.length < 4000) {
      const low = Math.floor(random() * 2 ** 32);
      const high = Math.floor(random() * 2 ** 32);
      const exponent = (high >>> 20) & 0x7ff;
      // A flip must never make a NaN (all NaNs hash alike): skip exponents within one bit of all-ones.
      if (bitCount(exponent) < 10) inputs.push([low, high]);
    }
    const bias = worstAvalancheBias(inputs.length, 64, (sample, bit) => {
      const [inputLow, inputHigh] = inputs[sample];
      const [high, low] = number64(asNumber(inputHigh, inputLow));
      const flippedInput = bit < 32 ? asNumber(inputHigh, inputLow ^ (1 << bit)) : asNumber(inputHigh ^ (1 << (bit - 32)), inputLow);
      const [flippedHigh, flippedLow] = number64(flippedInput);
      return [high ^ flippedHigh, low ^ flippedLow];
    });
    expect(bias).toBeLessThan(0.04);
  });

  it('flips each output bit about half the time when any input bit of a string flips', () => {
    const random = seededRandom(3);
    const length = 5;
    const inputs = Array.from({ length: 4000 }, () => Array.from({ length }, () => Math.floor(random() * 65536)));
    const bias = worstAvalancheBias(inputs.length, length * 16, (sample, bit) => {
      const codes = inputs[sample];
      const [high, low] = string64(String.fromCharCode(...codes));
      const flipped = codes.slice();
      flipped[bit >> 4] ^= 1 << (bit & 15);
      const [flippedHigh, flippedLow] = string64(String.fromCharCode(...flipped));
      return [high ^ flippedHigh, low ^ flippedLow];
    });
    expect(bias).toBeLessThan(0.04);
  });

  it('spreads consecutive integers evenly over buckets (chi-squared)', () => {
    const buckets = 256;
    const values = 256 * 200;
    for (const pick of [(h: number) => h >>> 24, (h: number) => h & 0xff]) {
      const counts = new Float64Array(buckets);
      for (let i = 0; i < values; i++) counts[pick(hashNumber(i))]++;
      const expected = values / buckets;
      const chiSquared = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      // 255 degrees of freedom: mean 255, standard deviation about 22.6; 360 is beyond 4.5 of them.
      expect(chiSquared).toBeLessThan(360);
    }
  });

  it('gives no 64-bit collisions among 200,000 numbers or strings', () => {
    const numbers = new Set<string>();
    const strings = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      numbers.add(number64(i / 8).join());
      strings.add(string64(`row-${i}`).join());
    }
    expect(numbers.size).toBe(200_000);
    expect(strings.size).toBe(200_000);
  });

  it('hashWords depends on both words and their order', () => {
    expect(hashWords(1, 2)).not.toBe(hashWords(2, 1));
    expect(hashWords(0, 0)).not.toBe(hashWords(0, 1));
    expect(hashWords(0, 0)).not.toBe(hashWords(1, 0));
  });
});
