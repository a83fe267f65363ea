import { describe, expect, it } from 'vitest';
import {
  bootstrap,
  ClassificationEvaluation,
  encodeLabels,
  pairedBootstrap,
  percentile,
  RegressionEvaluation,
  Xoshiro128,
} from '../../../src/stats/metrics/index.js';
import { classificationCase, expectClose, fixture } from './reference.js';

function evaluationOf(name: string, probabilities?: number[]): ClassificationEvaluation {
  const c = classificationCase(name);
  return new ClassificationEvaluation({
    classes: c.classes,
    labels: encodeLabels(c.y_true, c.classes),
    probabilities: Float64Array.from(probabilities ?? c.probabilities),
    positiveLabel: c.positive_label ?? undefined,
  });
}

function regressionOf(name: string): RegressionEvaluation {
  const c = fixture.regression.find((r) => r.name === name)!;
  return new RegressionEvaluation({ yTrue: c.y_true, yPred: c.y_pred });
}

describe('the generator', () => {
  it('replays the sequence the fixture script computed', () => {
    const check = fixture.generator_check;
    const random = new Xoshiro128(check.seed);
    expect(check.first_u32.map(() => random.nextUint32())).toEqual(check.first_u32);
    expect(check.first_indices_below_1000.map(() => random.indexBelow(1000))).toEqual(check.first_indices_below_1000);
  });

  it('refuses a seed it cannot represent', () => {
    expect(() => new Xoshiro128(-1)).toThrow(RangeError);
    expect(() => new Xoshiro128(2 ** 32)).toThrow(RangeError);
    expect(() => new Xoshiro128(1.5)).toThrow(RangeError);
  });
});

describe('percentile', () => {
  it.each(fixture.percentile)('matches numpy.percentile on $values.length values', ({ values, q, expected }) => {
    const sorted = Float64Array.from(values).sort();
    expectClose(percentile(sorted, q[0] / 100), expected[0], 'lower');
    expectClose(percentile(sorted, q[1] / 100), expected[1], 'upper');
  });
});

describe('bootstrap intervals against scikit-learn on the same resamples', () => {
  it.each(fixture.bootstrap.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s', (_, c) => {
    const options = { seed: c.seed, resamples: c.resamples };
    let intervals: Record<string, { interval: { lower: number; upper: number } | null }>;
    if (c.kind === 'regression') intervals = bootstrap(regressionOf(c.name), options);
    else if (c.kind === 'single') intervals = bootstrap(evaluationOf(c.name), options);
    else intervals = pairedBootstrap(evaluationOf(c.name), evaluationOf(c.name, c.champion_probabilities), options);
    expect(Object.keys(intervals).sort()).toEqual(Object.keys(c.intervals).sort());
    for (const [name, [lower, upper]] of Object.entries(c.intervals)) {
      const interval = intervals[name].interval;
      expect(interval, name).not.toBeNull();
      expectClose(interval!.lower, lower, `${name} lower`);
      expectClose(interval!.upper, upper, `${name} upper`);
    }
  });
});

describe('bootstrap properties', () => {
  const evaluation = evaluationOf('binary, realistic');

  it('is deterministic for a seed and changes with it', () => {
    const a = bootstrap(evaluation, { seed: 11, resamples: 200 });
    const b = bootstrap(evaluation, { seed: 11, resamples: 200 });
    const c = bootstrap(evaluation, { seed: 12, resamples: 200 });
    expect(a).toEqual(b);
    expect(a.roc_auc.interval).not.toEqual(c.roc_auc.interval);
  });

  it('gives intervals that contain the point estimate, with every resample defined', () => {
    const intervals = bootstrap(evaluation, { resamples: 500 });
    for (const [name, result] of Object.entries(intervals)) {
      expect(result.resamples, name).toBe(500);
      expect(result.undefinedResamples, name).toBe(0);
      const { lower, upper } = result.interval!;
      expect(lower, name).toBeLessThanOrEqual(result.estimate.value!);
      expect(upper, name).toBeGreaterThanOrEqual(result.estimate.value!);
      expect(upper, name).toBeGreaterThan(lower);
    }
  });

  it('narrows as the confidence drops', () => {
    const wide = bootstrap(evaluation, { resamples: 300, confidence: 0.99, metrics: ['accuracy'] }).accuracy.interval!;
    const narrow = bootstrap(evaluation, { resamples: 300, confidence: 0.5, metrics: ['accuracy'] }).accuracy.interval!;
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it('finds a model no different from itself: exactly 0 in every resample', () => {
    const same = pairedBootstrap(evaluation, evaluationOf('binary, realistic'), { resamples: 200 });
    for (const [name, result] of Object.entries(same)) {
      expect(result.difference.value, name).toBe(0);
      expect(result.interval, name).toEqual({ lower: 0, upper: 0 });
      expect(result.excludesZero, name).toBe(false);
    }
  });

  it('calls a clearly better challenger significantly better', () => {
    const c = classificationCase('binary, realistic');
    const champion = fixture.bootstrap.find((b) => b.kind === 'paired')!.champion_probabilities!;
    const result = pairedBootstrap(evaluation, evaluationOf(c.name, champion), { resamples: 300, metrics: ['roc_auc', 'log_loss'] });
    expect(result.roc_auc.difference.value!).toBeGreaterThan(0);
    expect(result.roc_auc.excludesZero).toBe(true);
    expect(result.log_loss.interval!.upper).toBeLessThan(0);
  });

  it('refuses to pair evaluations of different rows', () => {
    const other = evaluationOf('binary, tied scores, string labels');
    expect(() => pairedBootstrap(evaluation, other)).toThrow(/same rows/);
  });

  it('refuses a metric the evaluation does not have', () => {
    expect(() => bootstrap(evaluation, { metrics: ['rmse'] })).toThrow(/no metric "rmse"/);
  });
});

describe('undefined metrics under resampling', () => {
  it('passes an undefined estimate through as a null interval with its reason', () => {
    const result = bootstrap(evaluationOf('binary, constant score'), { resamples: 50 });
    expect(result.roc_auc.interval).toBeNull();
    expect(result.roc_auc.reason).toMatch(/same score/);
    expect(result.accuracy.interval).not.toBeNull();
  });

  it('leaves out resamples where the metric is undefined and counts them', () => {
    const labels = new Int32Array(40);
    labels[0] = 1;
    labels[1] = 1;
    const probabilities = new Float64Array(80);
    for (let i = 0; i < 40; i++) {
      const p = (i + 1) / 41;
      probabilities[2 * i] = 1 - p;
      probabilities[2 * i + 1] = p;
    }
    const rare = new ClassificationEvaluation({ classes: [0, 1], labels, probabilities });
    const result = bootstrap(rare, { resamples: 400, metrics: ['roc_auc', 'accuracy'] });
    // P(no positive row in a resample) = (38/40)^40 ≈ 0.13.
    expect(result.roc_auc.undefinedResamples).toBeGreaterThan(20);
    expect(result.roc_auc.undefinedResamples).toBeLessThan(100);
    expect(result.roc_auc.resamples + result.roc_auc.undefinedResamples).toBe(400);
    expect(result.roc_auc.interval).not.toBeNull();
    expect(result.accuracy.undefinedResamples).toBe(0);
  });
});
