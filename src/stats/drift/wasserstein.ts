/**
 * The first Wasserstein (earth mover's) distance between two empirical distributions, as
 * scipy.stats.wasserstein_distance(u, v): the area between the two ECDFs,
 * Σ |F_u(t_k) - F_v(t_k)| (t_{k+1} - t_k) over the merged sorted values t.
 */

import { checkSample, ascending } from './samples.js';

export function wasserstein(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const a = ascending(u, 'wasserstein', 'first');
  const b = ascending(v, 'wasserstein', 'second');
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(a[0], b[0]);
  while (i < n || j < m) {
    const value = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    distance += Math.abs(i / n - j / m) * (value - previous);
    previous = value;
    if (j >= m || (i < n && a[i] <= b[j])) i++;
    else j++;
  }
  return distance;
}

/** Evidently's floor on the scale, so that a constant reference does not divide by zero. */
export const WASSERSTEIN_MIN_SCALE = 0.001;

/**
 * The Wasserstein distance in units of the reference's spread, Evidently's `wasserstein`
 * drift score: W1(reference, current) / max(σ, 0.001), where σ is the population standard
 * deviation of the reference (numpy.std, ddof = 0).
 */
export function wassersteinNormed(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  checkSample(reference, 'wassersteinNormed', 'reference');
  const n = reference.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += reference[i];
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (reference[i] - mean) ** 2;
  const sd = Math.sqrt(squares / n);
  return wasserstein(reference, current) / Math.max(sd, WASSERSTEIN_MIN_SCALE);
}
