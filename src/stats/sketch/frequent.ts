import type { FrequentItemsState } from '../../contracts/sketches.js';

/**
 * Frequent values by Misra–Gries, in the mergeable form of Agarwal et al. ("Mergeable
 * Summaries", 2012).
 *
 * Classic Misra–Gries decrements every counter by one on each miss with a full table, which costs
 * O(capacity) per miss. Here the table may grow to twice the capacity; when it is full, one
 * reduction subtracts the (capacity+1)-th largest count c from every counter and drops those that
 * reach zero. That leaves at most `capacity` counters, and the O(capacity) selection is paid once
 * per at least `capacity` new values, so an add costs O(1) amortized.
 *
 * Guarantee: each reduction removes at least (capacity+1)·c from the counters (the capacity+1
 * largest each lose c), and no more than n was ever added, so the sum of all c's — maxError —
 * is at most n/(capacity+1). A kept count is exact or low by at most maxError, a value that is not
 * kept occurred at most maxError times, so every value more frequent than n/(capacity+1) is kept.
 * Merging adds counters and reduces the same way, and the same argument covers the merged whole.
 */

export interface FrequentValue {
  value: string;
  count: number;
}

export class FrequentItems {
  readonly capacity: number;
  /** Counter i holds counterValues[i] with count counterCounts[i], for i < used; slotOf maps a value to its i. */
  private readonly slotOf = new Map<string, number>();
  private readonly counterValues: string[];
  private readonly counterCounts: Float64Array;
  private used = 0;
  private readonly selectionScratch: Float64Array;
  private total = 0;
  private removedPerCounter = 0;

  constructor(capacity = 64) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`FrequentItems capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.counterValues = new Array<string>(2 * capacity).fill('');
    this.counterCounts = new Float64Array(2 * capacity);
    this.selectionScratch = new Float64Array(2 * capacity);
  }

  /** Number of values summarized. */
  get n(): number {
    return this.total;
  }

  /** Every kept count is exact or low by at most this much; 0 while at most `capacity` distinct values were seen. */
  get maxError(): number {
    return this.removedPerCounter;
  }

  add(value: string, count = 1): void {
    if (count !== 1 && !(Number.isSafeInteger(count) && count > 0)) {
      throw new RangeError(`FrequentItems count must be a positive integer, got ${count}`);
    }
    this.total += count;
    this.addToCounter(value, count);
  }

  /** Adds the values summarized by other; both must have the same capacity. */
  merge(other: FrequentItems): void {
    if (other.capacity !== this.capacity) {
      throw new Error(
        `Cannot merge FrequentItems of different capacity (${this.capacity} and ${other.capacity}); build both with the same capacity`,
      );
    }
    const entries = other.entries();
    this.total += other.total;
    this.removedPerCounter += other.removedPerCounter;
    for (const [value, count] of entries) this.addToCounter(value, count);
  }

  /** The `limit` largest counters, by count descending and then value ascending (by UTF-16 code units). */
  top(limit: number): FrequentValue[] {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`top() limit must be a non-negative integer, got ${limit}`);
    return this.sortedEntries()
      .slice(0, limit)
      .map(([value, count]) => ({ value, count }));
  }

  /** The summary with at most `capacity` counters (reduced further if the table holds more). */
  toState(): FrequentItemsState {
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
  static fromState(state: FrequentItemsState): FrequentItems {
    const fail = (reason: string): never => {
      throw new Error(`Malformed FrequentItems state: ${reason}`);
    };
    const { capacity, n, maxError, items } = state;
    if (!Number.isSafeInteger(capacity) || capacity < 1) fail(`capacity must be a positive integer, got ${capacity}`);
    if (!Number.isSafeInteger(n) || n < 0) fail(`n must be a non-negative integer, got ${n}`);
    if (!Number.isSafeInteger(maxError) || maxError < 0) fail(`maxError must be a non-negative integer, got ${maxError}`);
    if (!Array.isArray(items) || items.length > capacity) fail(`items must be an array of at most ${capacity} pairs`);
    const summary = new FrequentItems(capacity);
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!Array.isArray(item) || item.length !== 2) fail(`item ${i} is not a [value, count] pair`);
      const [value, count] = item;
      if (typeof value !== 'string') fail(`item ${i} has a value that is not a string`);
      if (!Number.isSafeInteger(count) || count < 1) fail(`item ${i} has count ${count}, not a positive integer`);
      if (summary.slotOf.has(value)) fail(`value ${JSON.stringify(value)} appears twice`);
      summary.addToCounter(value, count);
      kept += count;
    }
    // Each unit of maxError took at least capacity+1 away from the counters: see the class comment.
    const removed = n - kept;
    if (maxError === 0 ? removed !== 0 : removed < (capacity + 1) * maxError) {
      fail(`counts sum to ${kept}, which with maxError ${maxError} and capacity ${capacity} cannot summarize n = ${n} values`);
    }
    summary.total = n;
    summary.removedPerCounter = maxError;
    return summary;
  }

  private addToCounter(value: string, count: number): void {
    const slot = this.slotOf.get(value);
    if (slot !== undefined) {
      this.counterCounts[slot] += count;
      return;
    }
    if (this.used === this.counterCounts.length) this.reduce();
    const free = this.used++;
    this.slotOf.set(value, free);
    this.counterValues[free] = value;
    this.counterCounts[free] = count;
  }

  private reduce(): void {
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

  private entries(): [string, number][] {
    const entries: [string, number][] = [];
    for (let slot = 0; slot < this.used; slot++) entries.push([this.counterValues[slot], this.counterCounts[slot]]);
    return entries;
  }

  private sortedEntries(): [string, number][] {
    return this.entries().sort(([valueA, countA], [valueB, countB]) =>
      countA !== countB ? countB - countA : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
    );
  }
}

/** The (rank+1)-th largest of values[0..size), by quickselect; reorders values. */
function selectLargest(values: Float64Array, size: number, rank: number): number {
  let left = 0;
  let right = size - 1;
  while (left < right) {
    const middle = (left + right) >>> 1;
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

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
