import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../../src/contracts/load.js';
import { Sweep } from '../../../src/contracts/sweep.js';
import { planSweep } from '../../../src/train/sweep.js';

const sweep = (yaml: string) => parseDocumentText(yaml, 'sweep.yml', Sweep, 'sweep', 'sweep');

describe('planning a sweep', () => {
  it('crosses every value of a grid, the last parameter fastest, with ranges spaced on their scale', () => {
    const trials = planSweep(
      sweep(`version: 1
method: grid
parameters:
  optimizer: { values: [adam, sgd] }
  lr: { min: 0.001, max: 0.1, scale: log, count: 3 }
  layers: { value: [64, 32] }
`),
    );
    expect(trials.map((t) => t.params)).toEqual([
      { optimizer: 'adam', lr: 0.001, layers: [64, 32] },
      { optimizer: 'adam', lr: 0.01, layers: [64, 32] },
      { optimizer: 'adam', lr: 0.1, layers: [64, 32] },
      { optimizer: 'sgd', lr: 0.001, layers: [64, 32] },
      { optimizer: 'sgd', lr: 0.01, layers: [64, 32] },
      { optimizer: 'sgd', lr: 0.1, layers: [64, 32] },
    ]);
    expect(trials.map((t) => t.trial)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rounds int ranges and holds each grid point once', () => {
    const trials = planSweep(sweep('version: 1\nmethod: grid\nparameters:\n  batch: { min: 16, max: 128, scale: log, type: int, count: 4 }\n  depth: { min: 1, max: 2, type: int, count: 4 }\n'));
    expect([...new Set(trials.map((t) => t.params.batch))]).toEqual([16, 32, 64, 128]);
    expect([...new Set(trials.map((t) => t.params.depth))]).toEqual([1, 2]);
  });

  it('draws random trials reproducibly from the seed, within the ranges', () => {
    const text = `version: 1
method: random
seed: 11
max-trials: 50
parameters:
  lr: { min: 0.0001, max: 1, scale: log }
  dropout: { min: 0, max: 0.5 }
  epochs: { min: 5, max: 8, type: int }
  act: { values: [relu, gelu] }
`;
    const trials = planSweep(sweep(text));
    expect(planSweep(sweep(text))).toEqual(trials);
    expect(planSweep(sweep(text.replace('seed: 11', 'seed: 12')))).not.toEqual(trials);
    expect(trials).toHaveLength(50);
    const values = (name: string) => trials.map((t) => t.params[name] as number);
    expect(Math.min(...values('lr'))).toBeGreaterThanOrEqual(0.0001);
    expect(Math.max(...values('lr'))).toBeLessThanOrEqual(1);
    // On a log scale a tenth of the draws or so fall in each decade, so small values come up.
    expect(values('lr').filter((v) => v < 0.01).length).toBeGreaterThan(10);
    expect(new Set(values('epochs'))).toEqual(new Set([5, 6, 7, 8]));
    expect(new Set(trials.map((t) => t.params.act))).toEqual(new Set(['relu', 'gelu']));
    expect(values('dropout').every((v) => v >= 0 && v <= 0.5 && Number(v.toPrecision(4)) === v)).toBe(true);
  });

  it('refuses a grid larger than max-trials or a GitHub matrix, naming the sizes', () => {
    expect(() => planSweep(sweep('version: 1\nmethod: grid\nmax-trials: 4\nparameters:\n  a: { values: [1, 2, 3] }\n  b: { values: [1, 2] }\n'))).toThrow(
      'the grid has 6 trials (a: 3 × b: 2), more than max-trials (4): use fewer values, or method: random',
    );
    expect(() => planSweep(sweep('version: 1\nmethod: grid\nparameters:\n  a: { min: 0, max: 1, count: 20 }\n  b: { min: 0, max: 1, count: 20 }\n'))).toThrow("more than GitHub's 256 jobs per matrix");
  });

  it('explains a sweep that is not valid, with lines', () => {
    expect(() => sweep('version: 1\nmethod: grid\nparameters:\n  a: { min: 0, max: 1 }\n')).toThrow('sweep.yml:4: parameters.a.count: a range in a grid needs count');
    expect(() => sweep('version: 1\nmethod: grid\nparameters:\n  a: { value: 1, values: [2] }\n')).toThrow('give exactly one of value, values, or min and max');
    expect(() => sweep('version: 1\nmethod: random\nmax-trials: 300\nparameters: {}\n')).toThrow('max-trials');
  });
});
