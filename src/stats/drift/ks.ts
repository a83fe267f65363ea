/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, agreeing with
 * scipy.stats.ks_2samp(reference, current, alternative='two-sided', method='auto').
 *
 * - D is the largest gap between the two empirical CDFs, each evaluated at every observed value
 *   (right-continuous, so tied values, within or across samples, are stepped over together).
 * - When max(n, m) <= 10 000 the p-value is exact: the share of monotone lattice paths from
 *   (0, 0) to (m, n) that leave the band |x/m - y/n| < D (Hodges 1958). D is first snapped to the
 *   lattice, h/lcm(n, m). Like scipy, the exact p-value treats the data as continuous: ties are
 *   not conditioned on.
 * - Otherwise, or when the exact computation fails (rounding pushes it outside [0, 1]), the
 *   p-value is kstwo.sf(D, round(n·m/(n+m))), the one-sample Kolmogorov distribution at the
 *   effective sample size, rounded half to even like numpy.
 */

import { kstwoSf } from './kolmogorov.js';
import { ascending } from './samples.js';

/** scipy's MAX_AUTO_N: the largest sample for which method='auto' tries the exact p-value. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  /** D = sup |F_reference - F_current|. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** How the p-value was computed: exact lattice-path count, or the Kolmogorov distribution. */
  method: 'exact' | 'asymptotic';
  /** The observed value at which D is reached (scipy's statistic_location). */
  location: number;
  /** +1 when the reference ECDF lies above the current one there (reference values smaller), -1 when below. */
  sign: 1 | -1;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** numpy.round: to the nearest integer, halves to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * P(D_{n,n} >= h/n) for equal sample sizes, from the reflection formula
 *   2 Σ_{k>=1} (-1)^(k-1) C(2n, n - kh) / C(2n, n),
 * nested as 2·A1(1 - A2(1 - A3(...))) where each ratio A_k is a product of h factors, so that
 * neither the binomials nor the alternating sum are ever formed.
 */
function equalSizesOutsideProbability(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D_{m,n} >= h/lcm) for unequal sizes: the share of lattice paths that touch the band edge
 * |x/m - y/n| >= h/lcm, computed column by column as the probability of having left it
 * (Viehmann 2021), a weighted average of two neighbours that stays in [0, 1] and keeps its
 * relative accuracy for p-values far below 1e-300. Only the window of rows inside the band is
 * stored, so the cost is O(m · band width).
 */
function unequalSizesOutsideProbability(sizeA: number, sizeB: number, g: number, h: number): number {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const mg = m / g;
  const ng = n / g;
  let lo = 0;
  let hi = Math.min(Math.ceil(h / mg), n + 1);
  let width = hi - lo;
  const column = new Float64Array(Math.min(2 * hi + 2, n + 1)).fill(1);
  column.fill(0, lo, hi);
  // Each cell depends on the one below it, so the loop runs at the latency of that chain; a
  // multiplication by a tabulated reciprocal is several times quicker than a division.
  const reciprocal = new Float64Array(m + n + 1);
  for (let k = 1; k <= m + n; k++) reciprocal[k] = 1 / k;
  for (let i = 1; i <= m; i++) {
    const lastLo = lo;
    const lastWidth = width;
    lo = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    hi = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (hi <= lo) return 1;
    let value = lo === 0 ? 0 : 1;
    const shift = lo - lastLo;
    for (let r = 0; r < hi - lo; r++) {
      const j = r + lo;
      value = (column[r + shift] * i + value * j) * reciprocal[i + j];
      column[r] = value;
    }
    width = hi - lo;
    // Rows that fall out of the window from above have certainly left the band.
    if (lastWidth > width) column.fill(1, width, Math.min(width + (lastWidth - width), column.length));
  }
  return column[hi - lo - 1];
}

interface ExactOutcome {
  ok: boolean;
  statistic: number;
  pValue: number;
}

function exactTwoSided(n1: number, n2: number, g: number, d: number): ExactOutcome {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { ok: true, statistic, pValue: 1 };
  const p = n1 === n2 ? equalSizesOutsideProbability(n1, h) : unequalSizesOutsideProbability(n1, n2, g, h);
  return { ok: p >= 0 && p <= 1, statistic, pValue: p };
}

/**
 * Two-sample two-sided Kolmogorov–Smirnov test of `reference` against `current`, as
 * scipy.stats.ks_2samp with method='auto'. Inputs may be unsorted; they are never changed.
 * Throws a RangeError for an empty sample or a non-finite value.
 */
export function ks(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  const x = ascending(reference, 'ks', 'reference');
  const y = ascending(current, 'ks', 'current');
  const n1 = x.length;
  const n2 = y.length;

  // Walk the merged order once, evaluating both ECDFs after each distinct value. The first
  // maximiser in scipy's order (all of the sorted reference, then the sorted current) fixes the location.
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  let maxLocationRef = NaN;
  let maxLocationCur = NaN;
  let minLocationRef = NaN;
  let minLocationCur = NaN;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    const inRef = i < n1 && x[i] === value;
    const inCur = j < n2 && y[j] === value;
    while (i < n1 && x[i] === value) i++;
    while (j < n2 && y[j] === value) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) {
      maxDiff = diff;
      maxLocationRef = inRef ? value : NaN;
      maxLocationCur = inCur ? value : NaN;
    } else if (diff === maxDiff) {
      if (inRef && Number.isNaN(maxLocationRef)) maxLocationRef = value;
      if (inCur && Number.isNaN(maxLocationCur)) maxLocationCur = value;
    }
    if (diff < minDiff) {
      minDiff = diff;
      minLocationRef = inRef ? value : NaN;
      minLocationCur = inCur ? value : NaN;
    } else if (diff === minDiff) {
      if (inRef && Number.isNaN(minLocationRef)) minLocationRef = value;
      if (inCur && Number.isNaN(minLocationCur)) minLocationCur = value;
    }
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  const below = minS > maxDiff;
  let d = below ? minS : maxDiff;
  const refLocation = below ? minLocationRef : maxLocationRef;
  const location = Number.isNaN(refLocation) ? (below ? minLocationCur : maxLocationCur) : refLocation;
  const sign: 1 | -1 = below ? -1 : 1;

  const g = gcd(n1, n2);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = exactTwoSided(n1, n2, g, d);
    if (exact.ok) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact', location, sign };
    d = exact.statistic;
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const effectiveN = roundHalfEven((m * n) / (m + n));
  const pValue = Math.min(1, Math.max(0, kstwoSf(d, effectiveN)));
  return { statistic: d, pValue, method: 'asymptotic', location, sign };
}
