import { describe, expect, it } from 'vitest';
import { chi2, twoProportionZ } from '../../../src/stats/drift/index.js';
import { expectClose, fixture } from './reference.js';

describe('chi2 against scipy.stats.chi2_contingency(correction=False)', () => {
  it.each(fixture.chi2.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = chi2(c.reference, c.current);
    expect(result.dof).toBe(c.dof);
    expectClose(result.statistic, c.statistic, 'statistic', 1e-6, 1e-12);
    expectClose(result.pValue, c.pvalue, 'p-value');
  });

  it('gives statistic 0 and p 1 for a single category', () => {
    expect(chi2([5], [7])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(chi2([0, 5, 0], [0, 7, 0])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });

  it('refuses empty samples, misaligned or negative counts', () => {
    expect(() => chi2([0, 0], [1, 2])).toThrow(/reference sample is empty/);
    expect(() => chi2([1, 2], [0, 0])).toThrow(/current sample is empty/);
    expect(() => chi2([], [])).toThrow(/counts are empty/);
    expect(() => chi2([1, 2], [1])).toThrow(/aligned/);
    expect(() => chi2([1, -2], [1, 1])).toThrow(/index 1 is -2/);
  });
});

describe('twoProportionZ against the statsmodels definition and scipy.stats.norm', () => {
  it.each(fixture.twoProportionZ.map((c) => [`${c.reference} vs ${c.current}`, c] as const))('%s', (_name, c) => {
    const result = twoProportionZ(c.reference[0], c.reference[1], c.current[0], c.current[1]);
    expectClose(result.statistic, c.statistic, 'statistic', 1e-12);
    expectClose(result.pValue, c.pvalue, 'p-value');
  });

  it('is positive when the current proportion is higher', () => {
    expect(twoProportionZ(10, 100, 30, 100).statistic).toBeGreaterThan(0);
  });

  it('gives z = 0 and p = 1 when both samples are all failures or all successes', () => {
    expect(twoProportionZ(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZ(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('refuses impossible counts', () => {
    expect(() => twoProportionZ(11, 10, 1, 10)).toThrow(/between 0 and 10/);
    expect(() => twoProportionZ(1, 0, 1, 10)).toThrow(/positive integer/);
    expect(() => twoProportionZ(1, 10, 1.5, 10)).toThrow(/current count/);
  });
});
