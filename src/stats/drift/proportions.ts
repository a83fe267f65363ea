/**
 * The pooled two-proportion z-test, defined as statsmodels'
 * proportions_ztest(count=[c_cur, c_ref], nobs=[n_cur, n_ref], alternative='two-sided'):
 *
 *   p̂ = (c_cur + c_ref) / (n_cur + n_ref)
 *   z  = (c_cur/n_cur - c_ref/n_ref) / √(p̂ (1 - p̂) (1/n_cur + 1/n_ref))
 *   p  = 2 · P(Z > |z|)
 *
 * so a positive z means the proportion went up. When p̂ is 0 or 1 both samples agree perfectly
 * and the standard error is 0; statsmodels then returns NaN (0/0), we return z = 0, p = 1.
 */

import { normalSf } from '../special.js';

export interface ZTestResult {
  statistic: number;
  pValue: number;
}

function checkProportion(successes: number, trials: number, name: string): void {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`twoProportionZ: the ${name} sample size must be a positive integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `twoProportionZ: the ${name} count must be an integer between 0 and ${trials}, got ${successes}`,
    );
  }
}

export function twoProportionZ(
  referenceSuccesses: number,
  referenceTrials: number,
  currentSuccesses: number,
  currentTrials: number,
): ZTestResult {
  checkProportion(referenceSuccesses, referenceTrials, 'reference');
  checkProportion(currentSuccesses, currentTrials, 'current');
  const pooled = (currentSuccesses + referenceSuccesses) / (currentTrials + referenceTrials);
  const variance = pooled * (1 - pooled) * (1 / currentTrials + 1 / referenceTrials);
  if (variance === 0) return { statistic: 0, pValue: 1 };
  const statistic = (currentSuccesses / currentTrials - referenceSuccesses / referenceTrials) / Math.sqrt(variance);
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}
