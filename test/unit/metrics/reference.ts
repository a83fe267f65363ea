/**
 * The scikit-learn reference fixture (scripts/fixtures/metrics_reference.py) and the comparisons
 * the metric tests share.
 */

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Label, Metric } from '../../../src/stats/metrics/index.js';

/** A scikit-learn value, or the message of the ValueError it raised. */
export type Expected = number | { error: string };

export interface CurveReference {
  positive: number;
  roc_curve: { fpr: number[]; tpr: number[]; thresholds: number[] };
  precision_recall_curve: { precision: number[]; recall: number[]; thresholds: number[] };
  calibration_curve: Record<string, { prob_true: number[]; prob_pred: number[] }>;
}

export interface ClassificationCase {
  name: string;
  classes: Label[];
  positive_label: Label | null;
  y_true: Label[];
  probabilities: number[];
  y_pred: Label[];
  expected: {
    /** every scalar metric the TypeScript side reports for this task, by its name there */
    metrics: Record<string, Expected>;
    confusion_matrix: number[][];
    per_class: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
    reliability: { value: number; bins: { count: number; confidence: number | null; accuracy: number | null }[] };
    curves: CurveReference | null;
  };
}

export interface RegressionCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  expected: Record<string, Expected>;
}

export interface BootstrapCase {
  name: string;
  seed: number;
  resamples: number;
  kind: 'single' | 'regression' | 'paired';
  champion_probabilities?: number[];
  intervals: Record<string, [number, number]>;
}

export interface Fixture {
  generator: string;
  python: string;
  numpy: string;
  sklearn: string;
  ece_bins: number;
  generator_check: { seed: number; first_u32: number[]; first_indices_below_1000: number[] };
  classification: ClassificationCase[];
  regression: RegressionCase[];
  percentile: { values: number[]; q: [number, number]; expected: [number, number] }[];
  bootstrap: BootstrapCase[];
}

export const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/metrics/sklearn-reference.json', import.meta.url), 'utf8'),
);

export function classificationCase(name: string): ClassificationCase {
  const found = fixture.classification.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no classification case "${name}" in the fixture`);
  return found;
}

/** The accuracy promised against scikit-learn for values computed the same way. */
export const RELATIVE_TOLERANCE = 1e-9;
/** For expected values that are 0 (or round-off away from it), where a relative bound is empty. */
export const ABSOLUTE_TOLERANCE = 1e-15;

export function expectClose(actual: number | null | undefined, expected: number, label: string): void {
  expect(actual, `${label}: got ${actual}, scikit-learn ${expected}`).toBeTypeOf('number');
  const error = Math.abs((actual as number) - expected);
  expect(error <= RELATIVE_TOLERANCE * Math.abs(expected) + ABSOLUTE_TOLERANCE, `${label}: got ${actual}, scikit-learn ${expected}`).toBe(
    true,
  );
}

export function expectCloseArray(actual: ArrayLike<number>, expected: readonly number[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${label}[${i}]`);
}

/** A defined metric matching scikit-learn's number. */
export function expectMetric(metric: Metric | undefined, expected: Expected, label: string): void {
  expect(metric, `${label}: missing`).toBeDefined();
  if (typeof expected !== 'number') throw new Error(`${label}: scikit-learn raised "${expected.error}"; test it as undefined`);
  expectClose(metric!.value, expected, label);
}

/** An undefined metric: null with a reason, never NaN. */
export function expectUndefined(metric: Metric | undefined, label: string, reasonPattern?: RegExp): void {
  expect(metric, `${label}: missing`).toBeDefined();
  expect(metric!.value, `${label}: expected null`).toBeNull();
  expect(metric!.reason, `${label}: a reason`).toBeTypeOf('string');
  if (reasonPattern !== undefined) expect(metric!.reason).toMatch(reasonPattern);
}
