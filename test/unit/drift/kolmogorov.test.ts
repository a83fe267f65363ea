import { describe, expect, it } from 'vitest';
import { kstwoSf } from '../../../src/stats/drift/index.js';
import { expectClose, fixture } from './reference.js';

describe('kstwoSf against scipy.stats.kstwo.sf', () => {
  it(`matches every one of the ${fixture.kstwo.length} reference points across all regimes`, () => {
    for (const [n, d, sf] of fixture.kstwo) expectClose(kstwoSf(d, n), sf, `kstwo.sf(${d}, ${n})`);
  });

  it('reaches deep into the tail with relative accuracy', () => {
    const deep = fixture.kstwo.filter(([, , sf]) => sf > 1e-300 && sf < 1e-250);
    expect(deep.length).toBeGreaterThan(5);
    for (const [n, d, sf] of deep) expectClose(kstwoSf(d, n), sf, `kstwo.sf(${d}, ${n})`);
  });

  it('is 1 at the bottom of the support and 0 at the top', () => {
    expect(kstwoSf(0, 10)).toBe(1);
    expect(kstwoSf(0.05, 10)).toBe(1);
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(1.5, 10)).toBe(0);
  });

  it('refuses a sample size that is not a positive integer', () => {
    expect(() => kstwoSf(0.1, 0)).toThrow(RangeError);
    expect(() => kstwoSf(0.1, 2.5)).toThrow(/positive integer/);
  });
});
