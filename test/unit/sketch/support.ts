/** Seeded inputs and exact reference answers for the sketch tests. */

/** Uniform doubles in [0, 1) with 53 random bits, from a SplitMix32-style counter generator. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** Standard normal deviates by Box–Muller. */
export function seededNormal(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Number of values <= x in sorted ascending data. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Number of values < x in sorted ascending data. */
export function countBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface RankErrors {
  /** Worst distance between q and the exact normalized rank interval of quantile(q). */
  quantile: number;
  /** Worst |rank(x) - exact fraction of values <= x| over data points at the same ranks. */
  rank: number;
}

/** Errors of a quantile sketch against the exact answers, over the ranks 0.001, 0.002, ..., 0.999. */
export function rankErrors(
  sketch: { quantile(q: number): number; rank(x: number): number },
  sorted: Float64Array,
): RankErrors {
  const n = sorted.length;
  let quantile = 0;
  let rank = 0;
  for (let i = 1; i < 1000; i++) {
    const q = i / 1000;
    const estimate = sketch.quantile(q);
    const lowest = countBelow(sorted, estimate) / n;
    const highest = countAtMost(sorted, estimate) / n;
    quantile = Math.max(quantile, lowest - q, q - highest);
    const point = sorted[Math.floor(q * n)];
    rank = Math.max(rank, Math.abs(sketch.rank(point) - countAtMost(sorted, point) / n));
  }
  return { quantile, rank };
}
