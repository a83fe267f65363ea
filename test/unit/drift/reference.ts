/**
 * The scipy reference fixture (scripts/fixtures/drift_reference.py) and the means to replay its
 * generated samples. The generator is a 32-bit LCG followed only by IEEE additions,
 * multiplications and floor, so the samples here are bit-identical to the ones scipy saw.
 */

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface GeneratorSpec {
  seed: number;
  n: number;
  dist: 'irwinhall' | 'int';
  scale?: number;
  shift: number;
  k?: number;
}

export type SampleSource = { values: number[] } | { generate: GeneratorSpec };

export interface Fixture {
  generator: string;
  python: string;
  scipy: string;
  numpy: string;
  bh_reference: string;
  ks: {
    name: string;
    reference: SampleSource;
    current: SampleSource;
    statistic: number;
    pvalue: number;
    location: number;
    sign: 1 | -1;
    method: 'exact' | 'asymptotic';
  }[];
  kstwo: [n: number, d: number, sf: number][];
  chi2: { name: string; reference: number[]; current: number[]; statistic: number; pvalue: number; dof: number }[];
  twoProportionZ: { reference: [number, number]; current: [number, number]; statistic: number; pvalue: number }[];
  wasserstein: { name: string; reference: SampleSource; current: SampleSource; distance: number; normed: number }[];
  jensenShannon: { name: string; p: number[]; q: number[]; distance: number; exact: number }[];
  psi: {
    name: string;
    reference: SampleSource;
    current: SampleSource;
    edges: number[];
    referenceFractions: number[];
    currentFractions: number[];
    value: number;
  }[];
  psiCategorical: {
    name: string;
    reference: number[];
    current: number[];
    referenceFractions: number[];
    currentFractions: number[];
    value: number;
  }[];
  multipleTesting: { name: string; ps: number[]; bh: number[]; bonferroni: number[] }[];
  special: {
    gammaln: [x: number, value: number][];
    gammainc: [a: number, x: number, p: number, q: number][];
    erfc: [x: number, value: number][];
    norm_sf: [z: number, value: number][];
    chi2_sf: [x: number, dof: number, value: number][];
  };
}

export const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/drift/scipy-reference.json', import.meta.url), 'utf8'),
);

function lcgUniforms(seed: number, count: number): Float64Array {
  const out = new Float64Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    out[i] = (state + 0.5) / 4294967296;
  }
  return out;
}

export function generateSample(spec: GeneratorSpec): Float64Array {
  const out = new Float64Array(spec.n);
  if (spec.dist === 'irwinhall') {
    const u = lcgUniforms(spec.seed, 4 * spec.n);
    for (let i = 0; i < spec.n; i++) {
      const s = u[4 * i] + u[4 * i + 1] + u[4 * i + 2] + u[4 * i + 3] - 2;
      out[i] = s * spec.scale! + spec.shift;
    }
  } else {
    const u = lcgUniforms(spec.seed, spec.n);
    for (let i = 0; i < spec.n; i++) out[i] = Math.floor(u[i] * spec.k!) + spec.shift;
  }
  return out;
}

export function sampleOf(source: SampleSource): Float64Array {
  return 'values' in source ? Float64Array.from(source.values) : generateSample(source.generate);
}

/** The accuracy this module promises against scipy. */
export const RELATIVE_TOLERANCE = 1e-6;
/** Below this, p-values are compared as "both negligible": scipy itself is not accurate there. */
export const SMALLEST_COMPARED = 1e-300;

/**
 * |actual - expected| <= rel·|expected| (+ abs, for values that are zero up to rounding). When
 * the expected value is below 1e-300 the actual one must be too.
 */
export function expectClose(actual: number, expected: number, label: string, rel = RELATIVE_TOLERANCE, abs = 0): void {
  if (Math.abs(expected) < SMALLEST_COMPARED && abs === 0) {
    expect(Math.abs(actual), `${label}: expected below 1e-300, got ${actual}`).toBeLessThan(SMALLEST_COMPARED);
    return;
  }
  const error = Math.abs(actual - expected);
  expect(error <= rel * Math.abs(expected) + abs, `${label}: got ${actual}, scipy ${expected}`).toBe(true);
}
