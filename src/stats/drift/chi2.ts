/**
 * Pearson's chi-square test of homogeneity on the 2×k table of reference and current category
 * counts, as scipy.stats.chi2_contingency(table, correction=False).
 *
 * scipy refuses a table with a zero expected frequency (a ValueError naming the cell). Such a
 * cell arises from a category seen in neither sample or from an empty sample. A category absent
 * from both carries no evidence either way, so it is dropped before the test (the result is then
 * scipy's on the table without that column); an empty sample is an error. With a single
 * remaining category there is nothing to compare: like scipy for dof = 0, the statistic is 0
 * and the p-value 1.
 */

import { chiSquareSf } from '../special.js';
import { checkCounts } from './samples.js';

export interface Chi2Result {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: the number of categories seen in either sample, minus one. */
  dof: number;
}

/**
 * `reference[i]` and `current[i]` are the counts of category i in each sample; the arrays must
 * have the same length. Counts need not be integers (weighted counts are fine).
 */
export function chi2(reference: ArrayLike<number>, current: ArrayLike<number>): Chi2Result {
  checkCounts(reference, 'chi2', 'reference');
  checkCounts(current, 'chi2', 'current');
  if (reference.length !== current.length) {
    throw new RangeError(
      `chi2: the reference has ${reference.length} categories and the current ${current.length}; they must be aligned`,
    );
  }
  const ref: number[] = [];
  const cur: number[] = [];
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] === 0 && current[i] === 0) continue;
    ref.push(reference[i]);
    cur.push(current[i]);
    refTotal += reference[i];
    curTotal += current[i];
  }
  if (refTotal === 0) throw new RangeError('chi2: the reference sample is empty (all counts are zero)');
  if (curTotal === 0) throw new RangeError('chi2: the current sample is empty (all counts are zero)');
  const k = ref.length;
  if (k === 1) return { statistic: 0, pValue: 1, dof: 0 };

  const total = refTotal + curTotal;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const column = ref[i] + cur[i];
    const expectedRef = (refTotal * column) / total;
    const expectedCur = (curTotal * column) / total;
    statistic += (ref[i] - expectedRef) ** 2 / expectedRef + (cur[i] - expectedCur) ** 2 / expectedCur;
  }
  const dof = k - 1;
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}
