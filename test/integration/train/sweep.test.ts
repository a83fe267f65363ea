import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';
import { pathWithoutGpu, readRecord } from './support.js';

const scratch = await scratchDirectory();
const example = path.join(repoRoot, 'examples/seattle-weather');

async function ghml(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: scratch.dir, env: { ...process.env, PATH: pathWithoutGpu() } }, commands);
  return { code, stdout, stderr };
}

describe('a sweep of the example model', () => {
  it('plans 8 trials, runs them one after another, and selects the best by f1', async () => {
    const planned = await ghml('train', 'plan', '--sweep', path.join(example, 'sweep.yml'), '--out', 'matrix.json');
    expect(planned.code, planned.stderr).toBe(0);
    const matrix = JSON.parse(planned.stdout) as { include: { trial: number; params: Record<string, number> }[] };
    expect(planned.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(scratch.dir, 'matrix.json'), 'utf8'))).toEqual(matrix);
    expect(matrix.include.map((t) => t.trial)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const { params } of matrix.include) {
      expect(params.learning_rate).toBeGreaterThanOrEqual(0.01);
      expect(params.learning_rate).toBeLessThanOrEqual(2);
      expect([0, 0.0001, 0.001, 0.01]).toContain(params.l2);
      expect(Number.isInteger(params.epochs)).toBe(true);
      expect(params.test_fraction).toBe(0.2);
    }

    const f1ByTrial = new Map<string, number>();
    for (const { trial, params } of matrix.include) {
      const run = await ghml(
        'train',
        '--command', `node --import tsx train.ts --data ${seattleWeather}`,
        '--model', 'seattle-weather',
        '--working-directory', example,
        '--model-path', path.join(scratch.dir, `trial-${trial}.onnx`),
        '--params', JSON.stringify(params),
        '--data', seattleWeather,
        '--record-out', path.join(scratch.dir, 'runs', `trial-${trial}.json`),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('succeeded');
      const record = await readRecord(path.join(scratch.dir, 'runs', `trial-${trial}.json`));
      expect(record.params).toEqual(params);
      f1ByTrial.set(record.id, record.metrics.final.f1);
    }
    const bestF1 = Math.max(...f1ByTrial.values());

    const selected = await ghml('train', 'select', '--runs', 'runs', '--sweep', path.join(example, 'sweep.yml'), '--format', 'json');
    expect(selected.code, selected.stderr).toBe(0);
    const selection = JSON.parse(selected.stdout);
    expect(selection).toMatchObject({ metric: 'f1', goal: 'max', best: { value: bestF1, status: 'succeeded' } });
    expect(f1ByTrial.get(selection.best.id)).toBe(bestF1);
    expect(selection.runs.map((r: { value: number }) => r.value)).toEqual([...f1ByTrial.values()].sort((a, b) => b - a));

    const markdown = await ghml('train', 'select', '--runs', 'runs', '--metric', 'f1', '--goal', 'max');
    expect(markdown.stdout).toContain(`### 🏆 Best run ${selection.best.id}: f1 = `);
    expect(markdown.stdout).toContain('| rank | run | status | learning_rate | l2 | epochs | test_fraction | f1 | loss | train_accuracy | test_accuracy | accuracy |');
    expect(markdown.stdout.match(/\| \d \| \d{8}T\d{6}Z-[0-9a-f]{8} \| succeeded \|/g)).toHaveLength(8);
    expect(markdown.stdout).toContain('#### f1 by learning_rate\n\n```mermaid\nxychart-beta\n  title "f1 by learning_rate"\n  x-axis "learning_rate" [');
    expect(markdown.stdout).toContain('#### f1 by epochs');
    expect(markdown.stdout).not.toContain('#### f1 by test_fraction');

    const worst = await ghml('train', 'select', '--runs', 'runs', '--metric', 'log_loss', '--goal', 'min', '--format', 'json');
    const lowest = JSON.parse(worst.stdout).runs.map((r: { value: number }) => r.value);
    expect(lowest).toEqual([...lowest].sort((a: number, b: number) => a - b));
  });

  it('exits 1 when no run has the metric, and 2 on a bad sweep', async () => {
    const missing = await ghml('train', 'select', '--runs', 'runs', '--metric', 'auc');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('### ❌ No run has a final value of auc');
    const bad = await scratch.file('bad-sweep.yml', 'version: 1\nmethod: random\nparameters:\n  lr: { min: 0, max: 1, scale: log }\n');
    const planned = await ghml('train', 'plan', '--sweep', bad);
    expect(planned.code).toBe(2);
    expect(planned.stderr).toContain('ghml train plan: sweep is not valid:');
    expect(planned.stderr).toContain('max-trials: a random sweep needs max-trials');
    expect(planned.stderr).toContain('parameters.lr: a log scale needs min > 0');
  });
});
