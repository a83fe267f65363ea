import { describe, expect, it } from 'vitest';
import { ks, KS_EXACT_MAX_N } from '../../../src/stats/drift/index.js';
import { expectClose, fixture, sampleOf } from './reference.js';

describe('ks against scipy.stats.ks_2samp', () => {
  it.each(fixture.ks.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = ks(sampleOf(c.reference), sampleOf(c.current));
    expect(result.method).toBe(c.method);
    expectClose(result.statistic, c.statistic, 'statistic');
    expectClose(result.pValue, c.pvalue, 'p-value');
    expect(result.location).toBe(c.location);
    expect(result.sign).toBe(c.sign);
  });

  it('covers both paths, the fallback, and p-values from 1 down past 1e-300', () => {
    const methods = new Set(fixture.ks.map((c) => c.method));
    expect(methods).toEqual(new Set(['exact', 'asymptotic']));
    expect(fixture.ks.some((c) => c.method === 'asymptotic' && c.name.includes('falls back'))).toBe(true);
    const ps = fixture.ks.map((c) => c.pvalue);
    expect(Math.min(...ps.filter((p) => p > 0))).toBeLessThan(1e-280);
    expect(ps).toContain(0);
  });
});

describe('ks edge cases', () => {
  it('refuses an empty sample, naming it', () => {
    expect(() => ks([], [1, 2])).toThrow(/reference sample is empty/);
    expect(() => ks([1], new Float64Array())).toThrow(/current sample is empty/);
  });

  it('refuses NaN and infinities with the index', () => {
    expect(() => ks([1, NaN], [1])).toThrow(/non-finite value \(NaN\) at index 1/);
    expect(() => ks([1], [Infinity])).toThrow(/current sample has a non-finite value/);
  });

  it('gives D = 0 and p = 1 for identical samples, including constant ones', () => {
    expect(ks([3, 1, 2], [2, 3, 1])).toMatchObject({ statistic: 0, pValue: 1, method: 'exact' });
    expect(ks([7, 7, 7], [7])).toMatchObject({ statistic: 0, pValue: 1 });
    const big = Float64Array.from({ length: KS_EXACT_MAX_N + 1 }, (_, i) => (i * 7919) % 1000);
    expect(ks(big, big)).toMatchObject({ statistic: 0, pValue: 1, method: 'asymptotic' });
  });

  it('leaves the caller’s arrays unsorted', () => {
    const x = new Float64Array([3, 1, 2]);
    const y = [5, 4];
    ks(x, y);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(y).toEqual([5, 4]);
  });

  it('is symmetric in D and p, with the sign flipped', () => {
    const x = [0.1, 0.5, 0.9, 1.3, 2.2];
    const y = [0.8, 1.1, 1.9, 2.5, 3.1, 3.3];
    const a = ks(x, y);
    const b = ks(y, x);
    expect(b.statistic).toBe(a.statistic);
    expect(b.pValue).toBe(a.pValue);
    expect(b.sign).toBe(-a.sign);
  });
});

describe('reference fixture provenance', () => {
  it('names the script and the versions that produced it', () => {
    expect(fixture.generator).toBe('scripts/fixtures/drift_reference.py');
    expect(fixture.python).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fixture.scipy).toMatch(/^\d+\.\d+/);
    expect(fixture.numpy).toMatch(/^\d+\.\d+/);
  });
});
