/**
 * Updates per second of each sketch on 10 million values: `npx tsx bench/sketch.ts`.
 * Profiling feeds every value of a numeric column to Moments, KllSketch and HyperLogLog, and every
 * value of a text column to HyperLogLog and FrequentItems, so these loops bound profiling speed.
 */
import { FrequentItems, HyperLogLog, KllSketch, Moments, hashNumber, hashString } from '../src/stats/sketch/index.js';

const VALUES = 10_000_000;
const DISTINCT_STRINGS = 100_000;

function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

const uniform = seededUniform(42);
const numbers = new Float64Array(VALUES);
for (let i = 0; i < VALUES; i++) numbers[i] = Math.round((uniform() * 2 - 1) * 1e9) / 1e3;
const pool = Array.from({ length: DISTINCT_STRINGS }, (_, i) => `value-${i.toString(36)}`);
// Zipf-like: index ~ pool.length^u, so a few values are very common and most are rare.
const strings = Array.from({ length: VALUES }, () => pool[Math.floor(DISTINCT_STRINGS ** uniform()) - 1]);

function measure(name: string, run: () => void): void {
  run();
  const started = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = VALUES / seconds;
  console.log(`${name.padEnd(28)} ${(perSecond / 1e6).toFixed(1).padStart(7)} M/s  (${(seconds * 1e3).toFixed(0)} ms)`);
}

let sink = 0;
measure('Moments.add', () => {
  const moments = new Moments();
  for (let i = 0; i < VALUES; i++) moments.add(numbers[i]);
  sink += moments.variance;
});
measure('KllSketch.update (k=200)', () => {
  const sketch = new KllSketch(200);
  for (let i = 0; i < VALUES; i++) sketch.update(numbers[i]);
  sink += sketch.quantile(0.5);
});
measure('HyperLogLog.addNumber (p=12)', () => {
  const sketch = new HyperLogLog(12);
  for (let i = 0; i < VALUES; i++) sketch.addNumber(numbers[i]);
  sink += sketch.estimate();
});
measure('HyperLogLog.addString (p=12)', () => {
  const sketch = new HyperLogLog(12);
  for (let i = 0; i < VALUES; i++) sketch.addString(strings[i]);
  sink += sketch.estimate();
});
measure('FrequentItems.add (cap=256)', () => {
  const summary = new FrequentItems(256);
  for (let i = 0; i < VALUES; i++) summary.add(strings[i]);
  sink += summary.maxError;
});
measure('hashNumber', () => {
  for (let i = 0; i < VALUES; i++) sink ^= hashNumber(numbers[i]);
});
measure('hashString', () => {
  for (let i = 0; i < VALUES; i++) sink ^= hashString(strings[i]);
});
// Printing the sink keeps the optimizer from dropping the loops as dead code.
console.log(`(checksum ${sink})`);
