import { describe, expect, it } from 'vitest';
import { Moments } from '../../../src/stats/sketch/moments.js';
import { seededNormal, seededRandom } from './support.js';

/** Neumaier-compensated sum, as the reference the streaming results are compared with. */
function accurateSum(values: ArrayLike<number>, term: (x: number) => number = (x) => x): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = term(values[i]);
    const next = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum;
    sum = next;
  }
  return sum + compensation;
}

function twoPass(values: Float64Array): { mean: number; variance: number; sum: number } {
  const sum = accurateSum(values);
  const mean = sum / values.length;
  const variance = accurateSum(values, (x) => (x - mean) ** 2) / (values.length - 1);
  return { mean, variance, sum };
}

function momentsOf(values: ArrayLike<number>): Moments {
  const moments = new Moments();
  for (let i = 0; i < values.length; i++) moments.add(values[i]);
  return moments;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

const normal = seededNormal(1);
// A large mean next to a small spread: where a sum of squares would cancel catastrophically.
const offsetValues = Float64Array.from({ length: 200_000 }, () => 1e9 + normal() * 0.01);
const random = seededRandom(2);
const skewedValues = Float64Array.from({ length: 200_000 }, () => -Math.log(1 - random()) * 1000 - 250);

describe('Moments', () => {
  it.each([
    ['offset normal', offsetValues],
    ['skewed, with negative values', skewedValues],
  ])('agrees with a compensated two-pass computation on %s data', (_, values) => {
    const moments = momentsOf(values);
    const exact = twoPass(values);
    expect(moments.count).toBe(values.length);
    expect(relative(moments.mean, exact.mean)).toBeLessThan(1e-12);
    expect(relative(moments.variance, exact.variance)).toBeLessThan(1e-10);
    expect(relative(moments.sum, exact.sum)).toBeLessThan(1e-12);
    expect(moments.min).toBe(values.reduce((a, b) => Math.min(a, b)));
    expect(moments.max).toBe(values.reduce((a, b) => Math.max(a, b)));
  });

  it('is accurate where a naive sum of squares fails', () => {
    const values = Float64Array.of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
    const naiveSumOfSquares = values.reduce((sum, x) => sum + x * x, 0);
    const naiveVariance = (naiveSumOfSquares - (values.reduce((sum, x) => sum + x, 0) ** 2) / 4) / 3;
    expect(naiveVariance).not.toBe(30);
    expect(momentsOf(values).variance).toBe(30);
  });

  it.each([2, 3, 7, 16])('merging %i shards equals the whole', (shards) => {
    for (const values of [offsetValues, skewedValues]) {
      const whole = momentsOf(values);
      const merged = new Moments();
      const size = Math.ceil(values.length / shards);
      for (let shard = 0; shard < shards; shard++) merged.merge(momentsOf(values.subarray(shard * size, (shard + 1) * size)));
      expect(merged.count).toBe(whole.count);
      expect(merged.min).toBe(whole.min);
      expect(merged.max).toBe(whole.max);
      expect(relative(merged.mean, whole.mean)).toBeLessThan(1e-12);
      expect(relative(merged.variance, whole.variance)).toBeLessThan(1e-10);
      expect(relative(merged.sum, whole.sum)).toBeLessThan(1e-12);
      const exact = twoPass(values);
      expect(relative(merged.variance, exact.variance)).toBeLessThan(1e-10);
    }
  });

  it('merges shards of very different sizes and locations', () => {
    const small = Float64Array.of(-5, 5);
    const large = Float64Array.from({ length: 10_000 }, (_, i) => 1e6 + (i % 10));
    const merged = momentsOf(small);
    merged.merge(momentsOf(large));
    const all = new Float64Array([...small, ...large]);
    const exact = twoPass(all);
    expect(relative(merged.mean, exact.mean)).toBeLessThan(1e-14);
    expect(relative(merged.variance, exact.variance)).toBeLessThan(1e-12);
    expect(merged.min).toBe(-5);
    expect(merged.max).toBe(1e6 + 9);
  });

  it('has no mean, min or max when empty, and variance 0 for fewer than two values', () => {
    const moments = new Moments();
    expect(moments.count).toBe(0);
    expect(moments.mean).toBeNaN();
    expect(moments.min).toBeNaN();
    expect(moments.max).toBeNaN();
    expect(moments.variance).toBe(0);
    expect(moments.sum).toBe(0);
    moments.add(3);
    expect([moments.mean, moments.min, moments.max, moments.variance, moments.sum]).toEqual([3, 3, 3, 0, 3]);
    moments.add(5);
    expect([moments.mean, moments.variance]).toEqual([4, 2]);
  });

  it('merging with an empty summary changes nothing, in either direction', () => {
    const values = momentsOf([1, 2, 6]);
    const empty = new Moments();
    empty.merge(values);
    expect(empty.toJSON()).toEqual(values.toJSON());
    values.merge(new Moments());
    expect(values.toJSON()).toEqual({ count: 3, mean: 3, variance: 7, min: 1, max: 6 });
  });

  it('ignores NaN and infinities', () => {
    const moments = momentsOf([1, Number.NaN, Number.POSITIVE_INFINITY, 3, Number.NEGATIVE_INFINITY]);
    expect(moments.toJSON()).toEqual({ count: 2, mean: 2, variance: 2, min: 1, max: 3 });
  });

  it('rebuilds from a summary and merges as the original would', () => {
    const first = momentsOf(skewedValues.subarray(0, 1000));
    const second = momentsOf(skewedValues.subarray(1000, 5000));
    const rebuilt = Moments.from(JSON.parse(JSON.stringify(first.toJSON())));
    expect(rebuilt.toJSON()).toEqual(first.toJSON());
    expect(relative(rebuilt.sum, first.sum)).toBeLessThan(1e-12);
    rebuilt.merge(Moments.from(second.toJSON()));
    first.merge(second);
    expect(relative(rebuilt.mean, first.mean)).toBeLessThan(1e-14);
    expect(relative(rebuilt.variance, first.variance)).toBeLessThan(1e-12);
    expect(Moments.from({ count: 0, mean: Number.NaN, variance: 0, min: Number.NaN, max: Number.NaN }).count).toBe(0);
  });

  it.each([
    ['a negative count', { count: -1, mean: 0, variance: 0, min: 0, max: 0 }],
    ['a fractional count', { count: 1.5, mean: 0, variance: 0, min: 0, max: 0 }],
    ['a negative variance', { count: 3, mean: 0, variance: -1, min: -1, max: 1 }],
    ['min above max', { count: 3, mean: 0, variance: 1, min: 2, max: 1 }],
    ['a missing mean', { count: 3, mean: Number.NaN, variance: 1, min: -1, max: 1 }],
  ])('rejects a summary with %s', (_, summary) => {
    expect(() => Moments.from(summary)).toThrow(/^Malformed moments: /);
  });
});
