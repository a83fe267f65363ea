/**
 * The statistics behind drift detection: pure functions over samples and counts, each
 * matching a named scipy (or Evidently/statsmodels) definition. See README.md beside this file.
 */

export { ks, KS_EXACT_MAX_N, type KsResult } from './ks.js';
export { kstwoSf } from './kolmogorov.js';
export { chi2, type Chi2Result } from './chi2.js';
export { twoProportionZ, type ZTestResult } from './proportions.js';
export { wasserstein, wassersteinNormed, WASSERSTEIN_MIN_SCALE } from './wasserstein.js';
export { jensenShannon } from './jensen-shannon.js';
export {
  psi,
  psiCategorical,
  decileEdges,
  PSI_BINS,
  PSI_EPSILON,
  type PsiResult,
  type NumericPsiResult,
} from './psi.js';
export { bonferroni, benjaminiHochberg } from './multiple-testing.js';
