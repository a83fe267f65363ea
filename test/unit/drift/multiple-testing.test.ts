import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bonferroni } from '../../../src/stats/drift/index.js';
import { expectClose, fixture } from './reference.js';

describe(`multiple-testing corrections against ${fixture.bh_reference}`, () => {
  it.each(fixture.multipleTesting.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const bh = benjaminiHochberg(c.ps);
    const bonf = bonferroni(c.ps);
    c.bh.forEach((expected, i) => expectClose(bh[i], expected, `bh[${i}]`, 1e-12));
    c.bonferroni.forEach((expected, i) => expectClose(bonf[i], expected, `bonferroni[${i}]`, 1e-12));
  });

  it('returns an empty array for no tests', () => {
    expect(benjaminiHochberg([])).toHaveLength(0);
    expect(bonferroni([])).toHaveLength(0);
  });

  it('refuses values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(/index 1 is 1.2/);
    expect(() => bonferroni([NaN])).toThrow(/not in \[0, 1\]/);
  });
});
