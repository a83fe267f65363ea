/**
 * Input checks shared by the drift statistics. A NaN would make every comparison false and a
 * sort order meaningless, and an infinity turns a distance into NaN; missing values must be
 * dropped by the caller, so both are refused here rather than silently skewing a statistic.
 */

/** Throws unless `values` is non-empty and every value is finite. */
export function checkSample(values: ArrayLike<number>, method: string, name: string): void {
  if (values.length === 0) throw new RangeError(`${method}: the ${name} sample is empty`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${method}: the ${name} sample has a non-finite value (${values[i]}) at index ${i}`);
    }
  }
}

/**
 * The checked values in ascending order, read-only: the caller's Float64Array itself when it is
 * sorted already (drift-check sorts each column once, and a copy of ten million values per test
 * would cost more than the test), otherwise a sorted copy. The caller's array is never changed.
 */
export function ascending(values: ArrayLike<number>, method: string, name: string): Float64Array {
  checkSample(values, method, name);
  if (values instanceof Float64Array && isAscending(values)) return values;
  return Float64Array.from(values).sort();
}

function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1] > values[i]) return false;
  return true;
}

/** Throws unless `counts` is a non-empty array of finite, non-negative numbers. */
export function checkCounts(counts: ArrayLike<number>, method: string, name: string): void {
  if (counts.length === 0) throw new RangeError(`${method}: the ${name} counts are empty`);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isFinite(c) || c < 0) {
      throw new RangeError(`${method}: the ${name} count at index ${i} is ${c}; counts must be finite and >= 0`);
    }
  }
}
