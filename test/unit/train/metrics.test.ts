import { describe, expect, it } from 'vitest';
import { downsample, MAX_POINTS, readMetrics } from '../../../src/train/metrics.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

describe('the metrics protocol', () => {
  it('keeps a series per numeric member, by step, and the last values as final metrics', async () => {
    const file = await scratch.file('series.jsonl', ['{"step": 0, "loss": 1.5, "lr": 0.1}', '', '{"step": 5, "loss": 1.1, "epoch": 1, "phase": "train"}', '{"loss": 0.9, "ok": true}'].join('\n'));
    const metrics = await readMetrics(file, `${scratch.dir}/absent.json`);
    expect(metrics.warnings).toEqual([]);
    expect(metrics.final).toEqual({ loss: 0.9, lr: 0.1, epoch: 1 });
    expect(metrics.series).toEqual([
      // A line without a step places its point at the series' own count.
      { name: 'loss', count: 3, first: 1.5, last: 0.9, min: 0.9, max: 1.5, points: [{ step: 0, value: 1.5 }, { step: 5, value: 1.1 }, { step: 3, value: 0.9 }] },
      { name: 'lr', count: 1, first: 0.1, last: 0.1, min: 0.1, max: 0.1, points: [{ step: 0, value: 0.1 }] },
      { name: 'epoch', count: 1, first: 1, last: 1, min: 1, max: 1, points: [{ step: 5, value: 1 }] },
    ]);
  });

  it('lets the final metrics file override the last values, and warns about what it cannot read', async () => {
    const file = await scratch.file('override.jsonl', '{"step": 1, "f1": 0.5}\n{"step": 2, "f1": 0.6\n');
    const final = await scratch.file('final.json', '{"f1": 0.7, "auc": 0.9, "model": "b"}');
    const metrics = await readMetrics(file, final);
    expect(metrics.final).toEqual({ f1: 0.7, auc: 0.9 });
    expect(metrics.warnings).toEqual(['metrics line 2 is not JSON, skipped: {"step": 2, "f1": 0.6', 'final metric "model" is not a number, ignored']);
    const broken = await scratch.file('broken-final.json', '0.7');
    expect((await readMetrics(file, broken)).warnings).toContain('the final metrics file is not a JSON object, ignored: 0.7');
  });

  it('keeps at most 200 evenly spaced points of a long series, first and last included', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ step: i, loss: 1 / (i + 1) }));
    const metrics = await readMetrics(await scratch.file('long.jsonl', lines.join('\n')), `${scratch.dir}/absent.json`);
    const [loss] = metrics.series;
    expect(loss.count).toBe(10_000);
    expect(loss.points).toHaveLength(MAX_POINTS);
    expect(loss.points[0]).toEqual({ step: 0, value: 1 });
    expect(loss.points.at(-1)).toEqual({ step: 9999, value: 1 / 10_000 });
    expect(downsample([1, 2, 3], 200)).toEqual([1, 2, 3]);
  });
});
