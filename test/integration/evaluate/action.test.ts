import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvaluationReport } from '../../../src/contracts/evaluation-report.js';
import { runStep } from '../../../src/sandbox/step-runner.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';
import { trainWeakerWeatherModel } from '../../fixtures/evaluate/models.js';

const scratch = await scratchDirectory();
const model = await trainExampleModel(scratch.dir);
const champion = await scratch.file('champion.onnx', await trainWeakerWeatherModel());
const entry = path.join(repoRoot, 'dist/evaluate.js');
const inputs = { model, data: seattleWeather, label: 'weather', baseline: champion, bootstrap: '200' };

describe('the evaluate Action (bundled)', () => {
  it('evaluates the example model against a champion, passes the gate, and writes outputs, report and summary', async () => {
    const thresholds = await scratch.file('pass.yml', 'metrics:\n  accuracy: { min: 0.7 }\n  log_loss: { max-delta: 0 }\n  f1_macro: { min-delta: -0.01, significant: true }\n');
    const result = await runStep({ entry, workspace: scratch.dir, inputs: { ...inputs, thresholds } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.passed).toBe('true');
    const report = EvaluationReport.parse(JSON.parse(await readFile(result.outputs['report-path'], 'utf8')));
    expect(result.outputs['report-path']).toBe(path.join(result.runnerTemp, 'ghml', 'evaluation-report.json'));
    expect(JSON.parse(result.outputs.metrics)).toEqual(report.metrics);
    expect(report.gate.checks.map((c) => c.passed)).toEqual([true, true, true, true]);
    expect(report.baseline).toMatchObject({ kind: 'model', sameRows: true });
    const summary = result.summary;
    expect(summary.split('\n')[0]).toBe(`### ✅ seattle-weather passed the gate against ${champion}: 4 of 4 checks passed.`);
    expect(summary).toContain('| Metric | Champion | Challenger | Difference (95% CI) | Verdict |');
    expect(summary).toMatch(/\| f1_macro \| 0\.\d+ \| 0\.\d+ \| \+0\.\d+ \[0\.\d+, 0\.\d+\] \| ✅ min-delta, ✅ significant \|/);
    expect(summary).toContain('xychart-beta');
  });

  it('fails the step when a threshold is not met, with the verdict as the error', async () => {
    const thresholds = await scratch.file('fail.yml', 'metrics:\n  accuracy: { min: 0.9 }\n');
    const result = await runStep({ entry, workspace: scratch.dir, inputs: { ...inputs, thresholds, bootstrap: '0' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe('false');
    expect(result.annotations).toEqual([{ level: 'error', message: expect.stringMatching(/^seattle-weather failed the gate against .*: accuracy 0\.7\d+ is below min 0\.9\.$/), properties: {} }]);
    const warned = await runStep({ entry, workspace: scratch.dir, inputs: { ...inputs, thresholds, bootstrap: '0', 'fail-on-gate': 'false' } });
    expect(warned.exitCode).toBe(0);
    expect(warned.annotations[0].level).toBe('warning');
  });

  it('fails with the input to fix on a corrupt model, or a registry baseline without a token', async () => {
    const corrupt = await scratch.file('corrupt.onnx', 'this is not protobuf');
    const broken = await runStep({ entry, workspace: scratch.dir, inputs: { ...inputs, model: corrupt } });
    expect(broken.exitCode).toBe(1);
    expect(broken.annotations[0].message).toMatch(/^Configuration error in input "model": ".*corrupt\.onnx" is not a model ONNX Runtime can load/);
    const registry = await runStep({ entry, workspace: scratch.dir, inputs: { ...inputs, baseline: 'seattle-weather@production' } });
    expect(registry.annotations[0].message).toMatch(/^Configuration error in input "GITHUB_TOKEN": no token: set GITHUB_TOKEN \(in an Action, the github-token input\)/);
  });
});
