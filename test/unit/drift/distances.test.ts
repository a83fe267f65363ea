import { describe, expect, it } from 'vitest';
import {
  jensenShannon,
  psi,
  psiCategorical,
  PSI_EPSILON,
  wasserstein,
  wassersteinNormed,
} from '../../../src/stats/drift/index.js';
import { expectClose, fixture, sampleOf } from './reference.js';

describe('wasserstein against scipy.stats.wasserstein_distance', () => {
  it.each(fixture.wasserstein.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const u = sampleOf(c.reference);
    const v = sampleOf(c.current);
    expectClose(wasserstein(u, v), c.distance, 'distance', 1e-6, 1e-15);
    expectClose(wassersteinNormed(u, v), c.normed, 'normed', 1e-6, 1e-15);
  });

  it('is symmetric and zero between a sample and its permutation', () => {
    expect(wasserstein([1, 2, 3], [3, 1, 2])).toBe(0);
    expect(wasserstein([0, 1], [5])).toBe(wasserstein([5], [0, 1]));
  });

  it('divides by Evidently’s floor of 0.001 when the reference is constant', () => {
    expect(wassersteinNormed([2, 2, 2], [3])).toBeCloseTo(1000, 9);
  });

  it('refuses empty or non-finite samples', () => {
    expect(() => wasserstein([], [1])).toThrow(/first sample is empty/);
    expect(() => wassersteinNormed([1, NaN], [1])).toThrow(/reference sample has a non-finite value/);
  });
});

describe('jensenShannon against scipy.spatial.distance.jensenshannon(base=2)', () => {
  it.each(fixture.jensenShannon.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const distance = jensenShannon(c.p, c.q);
    expectClose(distance, c.distance, 'distance vs scipy', 1e-6, 1e-15);
    expectClose(distance, c.exact, 'distance vs 50-digit value', 1e-12, 1e-15);
  });

  it('is 0 for a single category and 1 for disjoint supports', () => {
    expect(jensenShannon([3], [8])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 15);
  });

  it('refuses all-zero, negative or misaligned weights', () => {
    expect(() => jensenShannon([0, 0], [1, 1])).toThrow(/p distribution is all zeros/);
    expect(() => jensenShannon([1, -1], [1, 1])).toThrow(/index 1 is -1/);
    expect(() => jensenShannon([1], [1, 1])).toThrow(/aligned/);
  });
});

describe('psi against its definition evaluated with numpy', () => {
  it.each(fixture.psi.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = psi(sampleOf(c.reference), sampleOf(c.current));
    expect(Array.from(result.edges)).toEqual(c.edges);
    expect(Array.from(result.referenceFractions)).toEqual(c.referenceFractions);
    expect(Array.from(result.currentFractions)).toEqual(c.currentFractions);
    expectClose(result.value, c.value, 'psi', 1e-6, 1e-15);
  });

  it.each(fixture.psiCategorical.map((c) => [c.name, c] as const))('categorical: %s', (_name, c) => {
    const result = psiCategorical(c.reference, c.current);
    expect(Array.from(result.referenceFractions)).toEqual(c.referenceFractions);
    expect(Array.from(result.currentFractions)).toEqual(c.currentFractions);
    expectClose(result.value, c.value, 'psi', 1e-6, 1e-15);
  });

  it('uses ten bins for continuous data and fewer when reference deciles coincide', () => {
    const continuous = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    expect(psi(continuous, continuous).edges).toHaveLength(9);
    expect(psi(continuous, continuous).value).toBe(0);
    const constant = psi([4, 4, 4, 4], [1, 4, 9]);
    expect(Array.from(constant.edges)).toEqual([4]);
    expect(Array.from(constant.referenceFractions)).toEqual([PSI_EPSILON, 1]);
  });

  it('gives 0 for a single category present in both samples', () => {
    expect(psiCategorical([5], [9]).value).toBe(0);
  });

  it('refuses empty samples', () => {
    expect(() => psi([], [1])).toThrow(/reference sample is empty/);
    expect(() => psiCategorical([0, 0], [1, 2])).toThrow(/reference sample is empty/);
    expect(() => psiCategorical([1], [1, 2])).toThrow(/aligned/);
  });
});
