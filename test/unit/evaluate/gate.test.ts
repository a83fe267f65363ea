import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/contracts/evaluation-report.js';
import { EvaluationThresholds } from '../../../src/contracts/evaluation-thresholds.js';
import { parseDocumentText } from '../../../src/contracts/load.js';
import { runGate, type GateInput } from '../../../src/evaluate/gate.js';

const thresholds = (yaml: string) => parseDocumentText(yaml, 'thresholds.yml', EvaluationThresholds, 'evaluation thresholds', 'thresholds');

function row(metric: string, champion: number | null, challenger: number | null, interval: [number, number] | null = null): Comparison {
  const difference = champion === null || challenger === null ? null : challenger - champion;
  return { metric, champion, challenger, difference, interval: interval && { lower: interval[0], upper: interval[1] }, significant: false, better: 'neither', reason: null };
}

function gate(yaml: string, input: Partial<GateInput> = {}) {
  return runGate({
    thresholds: thresholds(yaml),
    thresholdsFile: 'thresholds.yml',
    metrics: { accuracy: 0.82, log_loss: 0.4, roc_auc: null, selection_rate: 0.3 },
    reasons: { roc_auc: 'every score is the same' },
    comparison: null,
    paired: true,
    bootstrapResamples: 1000,
    parity: null,
    ...input,
  });
}

describe('thresholds file', () => {
  it('points at the line of an unknown metric, a bad bound and a significance without direction', () => {
    expect(() => thresholds('metrics:\n  accuracy: { min: 0.8 }\n  acuracy: { min: 0.8 }\n')).toThrow(/thresholds\.yml:3: metrics\.acuracy: "acuracy" is not a metric ghml computes; the metrics are accuracy, balanced_accuracy/);
    expect(() => thresholds('metrics:\n  f1: { min-delta: "two percent" }\n')).toThrow(/thresholds\.yml:2: metrics\.f1\.min-delta/);
    expect(() => thresholds('metrics:\n  selection_rate: { significant: true }\n')).toThrow(/selection_rate has no better direction/);
    expect(() => thresholds('metrics:\n  f1: {}\n')).toThrow(/give at least one of min, max, min-delta, max-delta or significant: true/);
    expect(() => thresholds('no-baseline: maybe\nmetrics: {}\n')).toThrow(/thresholds\.yml:1: no-baseline/);
  });
});

describe('gate', () => {
  it('checks absolute bounds, and fails an undefined metric with its reason', () => {
    const result = gate('metrics:\n  accuracy: { min: 0.8, max: 0.81 }\n  roc_auc: { min: 0.7 }\n');
    expect(result.checks.map((c) => [c.kind, c.passed, c.message])).toEqual([
      ['min', true, 'accuracy 0.82 ≥ min 0.8'],
      ['max', false, 'accuracy 0.82 is above max 0.81'],
      ['min', false, 'roc_auc is undefined (every score is the same), so it cannot meet min 0.7'],
    ]);
    expect(result).toMatchObject({ passed: false, noBaseline: 'absolute-only' });
  });

  it('bounds the change against the champion, absolute or relative to the champion', () => {
    const comparison = [row('accuracy', 0.8, 0.82), row('log_loss', 0.5, 0.4)];
    const result = gate('metrics:\n  accuracy: { min-delta: 0.03 }\n  log_loss: { max-delta: "-10%", min-delta: "-25%" }\n', { comparison });
    expect(result.checks.map((c) => [c.metric, c.kind, c.relative, c.passed])).toEqual([
      ['accuracy', 'min-delta', false, false],
      ['log_loss', 'min-delta', true, true],
      ['log_loss', 'max-delta', true, true],
    ]);
    expect(result.checks[0].message).toBe('accuracy changed by 0.02 (0.8 → 0.82), which is below min-delta 0.03');
    expect(result.checks[2].value).toBeCloseTo(-0.2, 12);
    expect(result.noBaseline).toBeNull();
  });

  it('asks a significant change to be an improvement in the metric\'s own direction', () => {
    const comparison = [row('accuracy', 0.8, 0.82, [0.005, 0.03]), row('log_loss', 0.5, 0.45, [-0.08, 0.01]), row('f1', 0.5, 0.4, [-0.2, -0.05])];
    const result = gate('metrics:\n  accuracy: { significant: true }\n  log_loss: { significant: true }\n  f1: { significant: true }\n', { comparison });
    expect(result.checks.map((c) => c.passed)).toEqual([true, false, false]);
    expect(result.checks[0].message).toBe('accuracy improved by 0.02, 95% interval [0.005, 0.03] excludes zero');
    const unpaired = gate('metrics:\n  accuracy: { significant: true }\n', { comparison, paired: false });
    expect(unpaired.checks[0]).toMatchObject({ passed: false, message: expect.stringMatching(/needs a baseline model evaluated on the same rows/) });
  });

  it('handles the first model as the thresholds say: absolute only, fail, or pass', () => {
    const yaml = (policy: string) => `${policy}metrics:\n  accuracy: { min: 0.9, min-delta: 0 }\n`;
    const absolute = gate(yaml(''));
    expect(absolute).toMatchObject({ passed: false, noBaseline: 'absolute-only' });
    expect(absolute.checks[1]).toMatchObject({ kind: 'min-delta', skipped: true, passed: true });
    const failing = gate(yaml('no-baseline: fail\n'), { metrics: { accuracy: 0.95 } });
    expect(failing).toMatchObject({ passed: false, noBaseline: 'fail' });
    expect(failing.checks.at(-1)).toMatchObject({ kind: 'baseline', passed: false });
    const passing = gate(yaml('no-baseline: pass\n'));
    expect(passing).toMatchObject({ passed: true, noBaseline: 'pass' });
    expect(passing.checks[0].passed).toBe(false);
  });
});
