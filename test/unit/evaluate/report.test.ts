import { describe, expect, it } from 'vitest';
import { logisticRegressionToOnnx } from '../../../src/model/logistic-regression-onnx.js';
import { precisionOnGrid, renderEvaluationComment, renderEvaluationMarkdown, renderEvaluationText, rocOnGrid } from '../../../src/report/evaluation.js';
import { runEvaluate } from '../../../src/steps/evaluate.js';
import { binaryCsv, trainBinary, weatherDays } from '../../fixtures/evaluate/models.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const days = await weatherDays();
const data = await scratch.file('binary.csv', binaryCsv(days));
const challenger = await scratch.file('challenger.onnx', logisticRegressionToOnnx(trainBinary(days, 200)));
const champion = await scratch.file('champion.onnx', logisticRegressionToOnnx(trainBinary(days, 3)));
const thresholds = await scratch.file('thresholds.yml', 'metrics:\n  roc_auc: { min: 0.99 }\n  f1: { min-delta: 0 }\n');
const report = await runEvaluate({ model: challenger, data: [data], label: 'wet', baseline: champion, thresholds, sliceColumns: ['season'], bootstrap: 100, modelName: 'wet-days' });

describe('evaluation report rendering', () => {
  it('puts the verdict first, then the champion–challenger table, then the charts', () => {
    const markdown = renderEvaluationMarkdown(report);
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^### ❌ wet-days failed the gate against .*champion\.onnx: roc_auc 0\.\d+ is below min 0\.99\.$/);
    const order = ['#### Champion vs challenger', '| Metric | Champion | Challenger | Difference (95% CI) | Verdict |', '#### Gate', 'title "ROC curve: wet = wet"', 'title "Precision–recall: wet = wet"', 'title "Calibration', '#### Slices by season', '#### Fairness gaps', '#### Operational'];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toMatch(/\| roc_auc \| 0\.\d+ \| 0\.\d+ \| [+-]0\.\d+ \[[-\d.]+, [-\d.]+\] \| ❌ min \|/);
    const rocChart = markdown.slice(markdown.indexOf('title "ROC curve'), markdown.indexOf('```', markdown.indexOf('title "ROC curve')));
    expect(rocChart.match(/ {2}line \[/g)).toHaveLength(2);
    expect(markdown).toContain('_First line: the challenger; second line: the champion._');
    expect(renderEvaluationComment(report).length).toBeLessThanOrEqual(65_535);
  });

  it('prints a text summary with the gate', () => {
    const text = renderEvaluationText(report);
    expect(text.split('\n')[0]).toMatch(/^FAILED: wet-days failed the gate/);
    expect(text).toMatch(/ {2}FAIL roc_auc 0\.\d+ is below min 0\.99/);
  });

  it('draws curves on an even grid, as xychart-beta spaces its points', () => {
    expect(rocOnGrid([0, 1], [0, 1]).slice(0, 3)).toEqual([0, 0.05, 0.1]);
    expect(rocOnGrid([0, 0, 0.5, 1], [0, 0.6, 1, 1])[0]).toBe(0.6);
    expect(precisionOnGrid([1, 0.5, 0], [0.5, 0.8, 1])).toEqual([1, ...Array(10).fill(0.8), ...Array(10).fill(0.5)]);
  });
});
