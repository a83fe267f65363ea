import { describe, expect, it } from 'vitest';
import { FrequentItemsState } from '../../../src/contracts/sketches.js';
import { FrequentItems } from '../../../src/stats/sketch/frequent.js';
import { seededRandom } from './support.js';

/** A stream over `distinct` values where value i has weight ~ 1/(i+1)^exponent. */
function zipfStream(length: number, distinct: number, exponent: number, seed: number, prefix = 'v'): string[] {
  const random = seededRandom(seed);
  const cumulative = new Float64Array(distinct);
  let total = 0;
  for (let i = 0; i < distinct; i++) cumulative[i] = total += 1 / (i + 1) ** exponent;
  return Array.from({ length }, () => {
    const target = random() * total;
    let low = 0;
    let high = distinct - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return `${prefix}${low}`;
  });
}

function exactCounts(stream: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of stream) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Checks the Misra–Gries guarantee of a summary's kept counts against the exact counts. */
function expectGuarantee(kept: [string, number][], maxError: number, exact: Map<string, number>, capacity: number): void {
  const n = [...exact.values()].reduce((sum, count) => sum + count, 0);
  expect(maxError).toBeLessThanOrEqual(n / (capacity + 1));
  const keptCounts = new Map(kept);
  const wrongCounts = kept.filter(([value, count]) => {
    const truth = exact.get(value) ?? 0;
    return count > truth || count < truth - maxError;
  });
  expect(wrongCounts).toEqual([]);
  const frequentButDropped = [...exact].filter(([value, truth]) => !keptCounts.has(value) && truth > maxError);
  expect(frequentButDropped).toEqual([]);
  const guaranteed = [...exact].filter(([, truth]) => truth > n / (capacity + 1));
  expect(guaranteed.every(([value]) => keptCounts.has(value))).toBe(true);
}

function summarize(stream: string[], capacity: number): FrequentItems {
  const summary = new FrequentItems(capacity);
  for (const value of stream) summary.add(value);
  return summary;
}

describe('FrequentItems', () => {
  it('counts exactly while there are at most `capacity` distinct values', () => {
    const stream = zipfStream(50_000, 64, 1, 1);
    const exact = exactCounts(stream);
    expect(exact.size).toBe(64);
    const summary = summarize(stream, 64);
    expect(summary.maxError).toBe(0);
    expect(summary.n).toBe(50_000);
    const expected = [...exact]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
      .map(([value, count]) => ({ value, count }));
    expect(summary.top(64)).toEqual(expected);
    expect(summary.toState().items).toEqual(expected.map(({ value, count }) => [value, count]));
  });

  it.each([
    [16, 1.1],
    [64, 1.0],
    [256, 0.8],
  ])('keeps the Misra–Gries guarantee above capacity (capacity %i, Zipf exponent %f)', (capacity, exponent) => {
    const stream = zipfStream(200_000, 20_000, exponent, capacity);
    const exact = exactCounts(stream);
    const summary = summarize(stream, capacity);
    expect(summary.maxError).toBeGreaterThan(0);
    expectGuarantee(
      summary.top(Number.MAX_SAFE_INTEGER).map(({ value, count }) => [value, count]),
      summary.maxError,
      exact,
      capacity,
    );
    const state = summary.toState();
    expect(state.items.length).toBeLessThanOrEqual(capacity);
    expectGuarantee(state.items, state.maxError, exact, capacity);
  });

  it('keeps the guarantee on a stream of all-distinct values around one heavy value', () => {
    const stream = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 0 ? 'heavy' : `unique-${i}`));
    const summary = summarize(stream, 32);
    expectGuarantee(summary.toState().items, summary.toState().maxError, exactCounts(stream), 32);
    expect(summary.top(1)[0].value).toBe('heavy');
  });

  it.each([2, 5, 16])('merges %i shards with the guarantee on the whole', (shards) => {
    const capacity = 48;
    // Each shard has heavy values of its own and shares a few with the others.
    const streams = Array.from({ length: shards }, (_, shard) => [
      ...zipfStream(30_000, 2_000, 1.1, 100 + shard, `s${shard}-`),
      ...zipfStream(10_000, 500, 1.2, 200 + shard, 'shared-'),
    ]);
    const merged = new FrequentItems(capacity);
    for (const stream of streams) merged.merge(summarize(stream, capacity));
    const exact = exactCounts(streams.flat());
    expect(merged.n).toBe(40_000 * shards);
    expectGuarantee(
      merged.top(Number.MAX_SAFE_INTEGER).map(({ value, count }) => [value, count]),
      merged.maxError,
      exact,
      capacity,
    );
    const state = merged.toState();
    expectGuarantee(state.items, state.maxError, exact, capacity);
  });

  it('merges exactly while the union has at most `capacity` distinct values', () => {
    const left = summarize(['a', 'b', 'b', 'c'], 4);
    left.merge(summarize(['c', 'c', 'd'], 4));
    expect(left.top(10)).toEqual([
      { value: 'c', count: 3 },
      { value: 'b', count: 2 },
      { value: 'a', count: 1 },
      { value: 'd', count: 1 },
    ]);
    expect(left.maxError).toBe(0);
  });

  it('merging a summary into itself doubles every count', () => {
    const summary = summarize(zipfStream(5_000, 300, 1, 9), 16);
    const { n, maxError } = summary;
    summary.merge(summary);
    expect(summary.n).toBe(2 * n);
    expect(summary.maxError).toBeGreaterThanOrEqual(2 * maxError);
    expect(summary.maxError).toBeLessThanOrEqual(summary.n / 17);
  });

  it('refuses to merge summaries of different capacity', () => {
    expect(() => new FrequentItems(64).merge(new FrequentItems(32))).toThrow(/different capacity \(64 and 32\)/);
  });

  it('orders top() by count descending, then value ascending, and honours the limit', () => {
    const summary = new FrequentItems(8);
    for (const value of ['b', 'a', 'c', 'b', 'a', 'd', 'B']) summary.add(value);
    expect(summary.top(3)).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
      { value: 'B', count: 1 },
    ]);
    expect(summary.top(0)).toEqual([]);
    expect(() => summary.top(-1)).toThrow(RangeError);
  });

  it('adds a count at once as if added one by one', () => {
    const bulk = new FrequentItems(4);
    const single = new FrequentItems(4);
    for (const [value, count] of [['x', 5], ['y', 3], ['x', 2]] as const) {
      bulk.add(value, count);
      for (let i = 0; i < count; i++) single.add(value);
    }
    expect(bulk.toState()).toEqual(single.toState());
    for (const count of [0, -1, 1.5, Number.NaN]) expect(() => bulk.add('x', count)).toThrow(RangeError);
  });

  it('rejects a capacity that is not a positive integer', () => {
    for (const capacity of [0, -3, 2.5]) expect(() => new FrequentItems(capacity)).toThrow(RangeError);
  });

  describe('state', () => {
    const stream = zipfStream(20_000, 3_000, 1, 21);

    it('matches the FrequentItemsState schema, with at most `capacity` items', () => {
      const state = FrequentItemsState.parse(summarize(stream, 32).toState());
      expect(state.items.length).toBeLessThanOrEqual(32);
      expect(state.n).toBe(20_000);
    });

    it('is identical for the same input', () => {
      expect(JSON.stringify(summarize(stream, 32).toState())).toBe(JSON.stringify(summarize(stream, 32).toState()));
    });

    it('round-trips through JSON', () => {
      const state = summarize(stream, 32).toState();
      const restored = FrequentItems.fromState(JSON.parse(JSON.stringify(state)));
      expect(restored.toState()).toEqual(state);
      expect(restored.n).toBe(state.n);
      expect(restored.maxError).toBe(state.maxError);
    });

    it('restored summaries merge with the guarantee on the whole', () => {
      const more = zipfStream(20_000, 3_000, 1, 22);
      const restored = FrequentItems.fromState(summarize(stream, 32).toState());
      restored.merge(FrequentItems.fromState(summarize(more, 32).toState()));
      const state = restored.toState();
      expectGuarantee(state.items, state.maxError, exactCounts([...stream, ...more]), 32);
    });

    const valid: FrequentItemsState = { capacity: 2, n: 10, maxError: 1, items: [['a', 5], ['b', 2]] };
    const malformed: [string, FrequentItemsState, RegExp][] = [
      ['more items than capacity', { ...valid, items: [['a', 1], ['b', 1], ['c', 1]] }, /at most 2 pairs/],
      ['a repeated value', { ...valid, items: [['a', 1], ['a', 1]] }, /"a" appears twice/],
      ['a zero count', { ...valid, items: [['a', 0]] }, /count 0, not a positive integer/],
      ['counts above n', { ...valid, n: 6 }, /cannot summarize n = 6 values/],
      ['an error that removed too little', { ...valid, maxError: 2 }, /cannot summarize n = 10 values/],
      ['an error of 0 with counts below n', { ...valid, maxError: 0 }, /cannot summarize n = 10 values/],
      ['a fractional maxError', { ...valid, maxError: 0.5 }, /maxError must be a non-negative integer/],
      ['a value that is not a string', { ...valid, items: [[5 as unknown as string, 5]] }, /not a string/],
    ];
    it.each(malformed)('rejects %s', (_, state, message) => {
      expect(FrequentItems.fromState(valid).n).toBe(10);
      expect(() => FrequentItems.fromState(state)).toThrow(message);
      expect(() => FrequentItems.fromState(state)).toThrow(/^Malformed FrequentItems state: /);
    });
  });
});
