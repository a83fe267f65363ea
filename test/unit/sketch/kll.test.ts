import { describe, expect, it } from 'vitest';
import { KllState } from '../../../src/contracts/sketches.js';
import { KllSketch } from '../../../src/stats/sketch/kll.js';
import { countAtMost, rankErrors, seededNormal, seededRandom } from './support.js';

const K = 200;
const N = 200_000;

function sketchOf(values: ArrayLike<number>, k = K): KllSketch {
  const sketch = new KllSketch(k);
  for (let i = 0; i < values.length; i++) sketch.update(values[i]);
  return sketch;
}

function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

function generate(count: number, next: (i: number) => number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = next(i);
  return values;
}

const distributions: Record<string, () => Float64Array> = {
  uniform: () => {
    const random = seededRandom(1);
    return generate(N, () => random());
  },
  normal: () => {
    const normal = seededNormal(2);
    return generate(N, () => 50 + 10 * normal());
  },
  'heavy-tailed (Pareto, alpha 1.1)': () => {
    const random = seededRandom(3);
    return generate(N, () => (1 - random()) ** (-1 / 1.1));
  },
  'many duplicates (12 distinct values)': () => {
    const random = seededRandom(4);
    return generate(N, () => Math.floor(random() ** 2 * 12));
  },
  sorted: () => generate(N, (i) => i),
  'reverse-sorted': () => generate(N, (i) => N - i),
};

describe('KllSketch', () => {
  it('answers nothing when empty', () => {
    const sketch = new KllSketch();
    expect(sketch.n).toBe(0);
    expect(sketch.min).toBeNull();
    expect(sketch.max).toBeNull();
    expect(sketch.quantile(0.5)).toBeNaN();
    expect(sketch.rank(1)).toBeNaN();
    expect(sketch.toState()).toEqual({ k: 200, n: 0, min: null, max: null, levels: [[]] });
  });

  it('is exact while the values fit in level 0', () => {
    const sketch = new KllSketch();
    for (let v = 100; v >= 1; v--) sketch.update(v);
    expect(sketch.quantiles([0, 0.01, 0.25, 0.5, 0.995, 1])).toEqual([1, 1, 25, 50, 100, 100]);
    expect(sketch.cdf([0, 1, 50, 99.5, 100])).toEqual([0, 0.01, 0.5, 0.99, 1]);
  });

  describe.each(Object.entries(distributions))('on %s input', (_, make) => {
    it('keeps quantile and rank errors within rankError(k), and n, min, max exact', () => {
      const values = make();
      const sorted = sortedCopy(values);
      const sketch = sketchOf(values);
      const errors = rankErrors(sketch, sorted);
      expect(errors.quantile).toBeLessThanOrEqual(KllSketch.rankError(K));
      expect(errors.rank).toBeLessThanOrEqual(KllSketch.rankError(K));
      expect(sketch.n).toBe(N);
      expect(sketch.min).toBe(sorted[0]);
      expect(sketch.max).toBe(sorted[N - 1]);
      expect(sketch.quantile(0)).toBe(sorted[0]);
      expect(sketch.quantile(1)).toBe(sorted[N - 1]);
    });
  });

  it.each([16, 50, 400, 1000])('keeps errors within rankError(%i) for that k', (k) => {
    const random = seededRandom(k);
    const values = generate(N, () => random() * 1000);
    const errors = rankErrors(sketchOf(values, k), sortedCopy(values));
    expect(Math.max(errors.quantile, errors.rank)).toBeLessThanOrEqual(KllSketch.rankError(k));
  });

  it('rank error shrinks as k grows', () => {
    const random = seededRandom(7);
    const values = generate(N, () => random());
    const sorted = sortedCopy(values);
    const small = rankErrors(sketchOf(values, 32), sorted);
    const large = rankErrors(sketchOf(values, 800), sorted);
    expect(large.rank).toBeLessThan(small.rank / 4);
  });

  it.each([2, 3, 4, 8, 16])('merges %i shards within the error bound of the exact whole', (shards) => {
    const normal = seededNormal(100 + shards);
    // Shards with different locations, so that the merge has to interleave them.
    const values = generate(N, (i) => normal() + (Math.floor((i * shards) / N) % 3) * 2);
    const parts = Array.from({ length: shards }, () => new KllSketch(K));
    for (let i = 0; i < N; i++) parts[Math.floor((i * shards) / N)].update(values[i]);
    const merged = new KllSketch(K);
    for (const part of parts) merged.merge(part);
    const sorted = sortedCopy(values);
    const errors = rankErrors(merged, sorted);
    expect(Math.max(errors.quantile, errors.rank)).toBeLessThanOrEqual(KllSketch.rankError(K));
    expect(merged.n).toBe(N);
    expect(merged.min).toBe(sorted[0]);
    expect(merged.max).toBe(sorted[N - 1]);
  });

  it('merges shards in a tree as accurately as in a chain', () => {
    const random = seededRandom(11);
    const values = generate(N, () => random() ** 3);
    let layer = Array.from({ length: 16 }, (_, shard) => sketchOf(values.subarray((shard * N) / 16, ((shard + 1) * N) / 16)));
    while (layer.length > 1) {
      const next: KllSketch[] = [];
      for (let i = 0; i < layer.length; i += 2) {
        layer[i].merge(layer[i + 1]);
        next.push(layer[i]);
      }
      layer = next;
    }
    const errors = rankErrors(layer[0], sortedCopy(values));
    expect(Math.max(errors.quantile, errors.rank)).toBeLessThanOrEqual(KllSketch.rankError(K));
  });

  it('merging a sketch into itself doubles every count', () => {
    const sketch = sketchOf(generate(10_000, (i) => i % 100));
    sketch.merge(sketch);
    expect(sketch.n).toBe(20_000);
    expect(Math.abs(sketch.rank(49) - 0.5)).toBeLessThanOrEqual(KllSketch.rankError(K));
  });

  it('refuses to merge sketches with different k', () => {
    expect(() => new KllSketch(200).merge(new KllSketch(100))).toThrow(/different k \(200 and 100\)/);
  });

  it('keeps its size bounded whatever the number of values', () => {
    const random = seededRandom(13);
    const sketch = new KllSketch(K);
    for (let i = 0; i < 1_000_000; i++) sketch.update(random());
    const { levels } = sketch.toState();
    const retained = levels.reduce((sum, level) => sum + level.length, 0);
    expect(retained).toBeLessThan(3 * K + 8 * levels.length);
    expect(levels.length).toBeLessThanOrEqual(Math.ceil(Math.log2(1_000_000 / K)) + 3);
  });

  it('ignores NaN and infinities, and counts -0 as 0', () => {
    const sketch = new KllSketch();
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, 1]) sketch.update(value);
    expect(sketch.n).toBe(2);
    expect(Object.is(sketch.min, 0)).toBe(true);
    expect(Object.is(sketch.toState().levels[0][0], 0)).toBe(true);
  });

  it('rejects quantiles outside [0, 1]', () => {
    const sketch = sketchOf([1, 2, 3]);
    for (const q of [-0.1, 1.5, Number.NaN]) expect(() => sketch.quantile(q)).toThrow(RangeError);
  });

  it('rejects k outside 8..65535', () => {
    for (const k of [0, 7, 2.5, 65536]) expect(() => new KllSketch(k)).toThrow(RangeError);
  });

  describe('state', () => {
    const random = seededRandom(17);
    const values = generate(50_000, () => Math.round(random() * 1e6) / 100);

    it('is identical for the same input, to the byte', () => {
      const first = JSON.stringify(sketchOf(values).toState());
      const second = JSON.stringify(sketchOf(values).toState());
      expect(second).toBe(first);
    });

    it('matches the KllState schema, with levels that stand for n values', () => {
      const state = KllState.parse(sketchOf(values).toState());
      const weight = state.levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
      expect(weight).toBe(50_000);
      for (const level of state.levels.slice(1)) expect(level).toEqual([...level].sort((a, b) => a - b));
    });

    it('round-trips through JSON, and the restored sketch continues exactly like the original', () => {
      const original = sketchOf(values.subarray(0, 30_000));
      const restored = KllSketch.fromState(JSON.parse(JSON.stringify(original.toState())));
      expect(restored.toState()).toEqual(original.toState());
      for (const value of values.subarray(30_000)) {
        original.update(value);
        restored.update(value);
      }
      expect(restored.toState()).toEqual(original.toState());
      expect(restored.quantiles([0.1, 0.5, 0.9])).toEqual(original.quantiles([0.1, 0.5, 0.9]));
    });

    it('restores an empty sketch', () => {
      const restored = KllSketch.fromState({ k: 100, n: 0, min: null, max: null, levels: [] });
      expect(restored.n).toBe(0);
      restored.update(5);
      expect(restored.quantile(0.5)).toBe(5);
    });

    const valid: KllState = { k: 8, n: 5, min: 1, max: 9, levels: [[5, 1, 9], [2]] };
    const malformed: [string, KllState, RegExp][] = [
      ['k below 8', { ...valid, k: 4 }, /k must be an integer from 8/],
      ['n that the levels do not add up to', { ...valid, n: 6 }, /stand for 5 values but n is 6/],
      ['a negative n', { ...valid, n: -1 }, /n must be a non-negative integer/],
      ['min above max', { ...valid, min: 10 }, /min <= max/],
      ['null min with values', { ...valid, min: null }, /min and max must be finite/],
      ['min and max without values', { k: 8, n: 0, min: 1, max: 1, levels: [] }, /must be null when n is 0/],
      ['items without values', { k: 8, n: 0, min: null, max: null, levels: [[1]] }, /must be empty arrays when n is 0/],
      ['an item outside [min, max]', { ...valid, levels: [[5, 1, 10], [2]] }, /item 2 \(10\) is not a number between min and max/],
      ['an unsorted upper level', { ...valid, n: 7, levels: [[5, 1, 9], [3, 2]] }, /level 1 is not sorted/],
      ['a non-numeric item', { ...valid, levels: [[5, 1, '9' as unknown as number], [2]] }, /is not a number/],
      ['too many levels', { ...valid, levels: Array.from({ length: 60 }, () => []) }, /at most 53 levels/],
    ];
    it.each(malformed)('rejects %s', (_, state, message) => {
      expect(KllSketch.fromState(valid).n).toBe(5);
      expect(() => KllSketch.fromState(state)).toThrow(message);
      expect(() => KllSketch.fromState(state)).toThrow(/^Malformed KLL sketch state: /);
    });
  });

  it('cdf gives the rank of each point, in the order given', () => {
    const random = seededRandom(19);
    const values = generate(N, () => random() * 10);
    const sketch = sketchOf(values);
    const sorted = sortedCopy(values);
    const points = [7.5, 0.5, 5, 2.5, 9.99];
    const cdf = sketch.cdf(points);
    points.forEach((point, i) => {
      expect(cdf[i]).toBe(sketch.rank(point));
      expect(Math.abs(cdf[i] - countAtMost(sorted, point) / N)).toBeLessThanOrEqual(KllSketch.rankError(K));
    });
  });
});
