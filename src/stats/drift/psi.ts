/**
 * The population stability index, following Evidently's definition:
 *
 *   PSI = Σ_i (c_i - r_i) · ln(c_i / r_i)
 *
 * where r_i and c_i are the fractions of the reference and current samples in bin (or
 * category) i, and a fraction of exactly 0 is replaced by PSI_EPSILON = 1e-4 so that the
 * logarithm stays finite (an empty bin then contributes a large but bounded term).
 *
 * Numeric bins are taken at the reference's deciles:
 * - edges e_1..e_9 are the 10%, 20%, ..., 90% quantiles of the reference by linear interpolation
 *   (numpy.quantile's default): with the reference sorted as x_0 <= ... <= x_{n-1} and
 *   h = (n-1)·k/10, e_k = x_⌊h⌋ + (h - ⌊h⌋)(x_{⌊h⌋+1} - x_⌊h⌋). h is formed from the integer
 *   (n-1)·k, so an edge that falls on an observation equals it exactly;
 * - duplicate edges (from ties in the reference) are collapsed, leaving between 2 and 10 bins;
 * - bins are [e_{i-1}, e_i), the first open to -∞ and the last to +∞, so a value equal to an
 *   edge belongs to the bin above it and current values outside the reference's range still count.
 */

import { checkCounts, ascending } from './samples.js';

export const PSI_EPSILON = 1e-4;
export const PSI_BINS = 10;

export interface PsiResult {
  value: number;
  /** The fractions r_i and c_i per bin or category, after the epsilon replacement. */
  referenceFractions: Float64Array;
  currentFractions: Float64Array;
}

export interface NumericPsiResult extends PsiResult {
  /** The inner bin edges, ascending and distinct; bin i is [edges[i-1], edges[i]). */
  edges: Float64Array;
}

function fractionsOf(counts: ArrayLike<number>, total: number): Float64Array {
  return Float64Array.from(counts, (c) => (c === 0 ? PSI_EPSILON : c / total));
}

function index(ref: Float64Array, cur: Float64Array): number {
  let value = 0;
  for (let i = 0; i < ref.length; i++) value += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
  return value;
}

/** The distinct decile edges of a sorted sample. */
export function decileEdges(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  for (let k = 1; k < PSI_BINS; k++) {
    const scaled = (n - 1) * k;
    const lower = Math.floor(scaled / PSI_BINS);
    const remainder = scaled - lower * PSI_BINS;
    const edge =
      remainder === 0 ? sorted[lower] : sorted[lower] + (remainder / PSI_BINS) * (sorted[lower + 1] - sorted[lower]);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/** Counts per bin [edges[i-1], edges[i]) of a sorted sample, by one merge pass. */
function binCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (const value of sorted) {
    while (bin < edges.length && value >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts;
}

/** PSI of a numeric column over ten bins at the reference's deciles. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): NumericPsiResult {
  const ref = ascending(reference, 'psi', 'reference');
  const cur = ascending(current, 'psi', 'current');
  const edges = decileEdges(ref);
  const referenceFractions = fractionsOf(binCounts(ref, edges), ref.length);
  const currentFractions = fractionsOf(binCounts(cur, edges), cur.length);
  return { value: index(referenceFractions, currentFractions), referenceFractions, currentFractions, edges };
}

/**
 * PSI of a categorical column: `reference[i]` and `current[i]` are the counts of category i
 * (aligned; a category seen in neither sample contributes nothing).
 */
export function psiCategorical(reference: ArrayLike<number>, current: ArrayLike<number>): PsiResult {
  checkCounts(reference, 'psiCategorical', 'reference');
  checkCounts(current, 'psiCategorical', 'current');
  if (reference.length !== current.length) {
    throw new RangeError(
      `psiCategorical: the reference has ${reference.length} categories and the current ` +
        `${current.length}; they must be aligned`,
    );
  }
  const total = (counts: ArrayLike<number>, name: string): number => {
    let sum = 0;
    for (let i = 0; i < counts.length; i++) sum += counts[i];
    if (sum === 0) throw new RangeError(`psiCategorical: the ${name} sample is empty (all counts are zero)`);
    return sum;
  };
  const referenceFractions = fractionsOf(reference, total(reference, 'reference'));
  const currentFractions = fractionsOf(current, total(current, 'current'));
  return { value: index(referenceFractions, currentFractions), referenceFractions, currentFractions };
}
