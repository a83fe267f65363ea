/**
 * The Jensen–Shannon distance in bits, as scipy.spatial.distance.jensenshannon(p, q, base=2):
 * √(½ KL(p‖m) + ½ KL(q‖m)) with m = (p + q)/2, after scaling p and q to sum to 1. It lies in
 * [0, 1].
 *
 * Each KL is summed as Σ m·φ(p/m) with φ(t) = t log t - t + 1 >= 0, the same quantity because
 * Σ(m - p) = 0, but free of cancellation between terms of opposite sign: near-identical
 * distributions, whose divergence is O(|p - q|²), keep their digits (scipy gets the same
 * effect from rel_entr's log1p).
 */

import { log1pMinusX } from '../special.js';
import { checkCounts } from './samples.js';

/** t log t - t + 1, evaluated through log(1 + e) - e near t = 1 + e where it is O(e²). */
function phi(t: number): number {
  if (t === 0) return 1;
  const e = t - 1;
  if (Math.abs(e) < 0.25) return (1 + e) * log1pMinusX(e) + e * e;
  return t * Math.log(t) - t + 1;
}

function normalized(weights: ArrayLike<number>, name: string): Float64Array {
  checkCounts(weights, 'jensenShannon', name);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (total === 0) throw new RangeError(`jensenShannon: the ${name} distribution is all zeros`);
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i] / total;
  return out;
}

/** `p` and `q` are aligned non-negative weights (counts or probabilities) over the same categories or bins. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannon: p has ${p.length} entries and q ${q.length}; they must be aligned`);
  }
  const pn = normalized(p, 'p');
  const qn = normalized(q, 'q');
  let divergence = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    if (m > 0) divergence += m * (phi(pn[i] / m) + phi(qn[i] / m));
  }
  return Math.sqrt(divergence / Math.LN2 / 2);
}
