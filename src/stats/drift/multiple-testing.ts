/**
 * Adjusted p-values for testing many columns at once. Both return an array in the input's
 * order; compare each entry with the family-wide α.
 */

function checkPValues(ps: ArrayLike<number>, method: string): void {
  for (let i = 0; i < ps.length; i++) {
    if (!(ps[i] >= 0 && ps[i] <= 1)) {
      throw new RangeError(`${method}: p-value at index ${i} is ${ps[i]}, not in [0, 1]`);
    }
  }
}

/** Bonferroni: min(1, p·m); controls the family-wise error rate under any dependence. */
export function bonferroni(ps: ArrayLike<number>): Float64Array {
  checkPValues(ps, 'bonferroni');
  const m = ps.length;
  return Float64Array.from(ps, (p) => Math.min(1, p * m));
}

/**
 * Benjamini–Hochberg step-up adjusted p-values, as
 * scipy.stats.false_discovery_control(ps, method='bh'): with p_(1) <= ... <= p_(m),
 * q_(i) = min_{j >= i} p_(j)·m/j, capped at 1. Controls the false discovery rate for
 * independent or positively dependent tests.
 */
export function benjaminiHochberg(ps: ArrayLike<number>): Float64Array {
  checkPValues(ps, 'benjaminiHochberg');
  const m = ps.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => ps[a] - ps[b]);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    running = Math.min(running, ps[index] * (m / rank));
    adjusted[index] = running;
  }
  return adjusted;
}
