import { describe, expect, it } from 'vitest';
import { EvaluationReport } from '../../../src/contracts/evaluation-report.js';
import { ghml } from '../../helpers/cli.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const model = await trainExampleModel(scratch.dir);

describe('ghml evaluate', () => {
  it('exits 0 when the gate passes, 1 when it fails or the data is wrong, 2 on usage errors', async () => {
    const passing = await ghml(scratch.dir, 'evaluate', '--model', model, '--data', seattleWeather, '--label', 'weather', '--bootstrap', '0', '--format', 'json');
    expect(passing.code).toBe(0);
    expect(EvaluationReport.parse(JSON.parse(passing.stdout)).rows).toBe(1461);

    const thresholds = await scratch.file('t.yml', 'metrics:\n  f1_macro: { min: 0.5 }\n');
    const failing = await ghml(scratch.dir, 'evaluate', '--model', model, '--data', seattleWeather, '--label', 'weather', '--thresholds', thresholds, '--bootstrap', '0');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^FAILED: seattle-weather failed the gate without a baseline: f1_macro 0\.\d+ is below min 0\.5\./);

    const unseen = await scratch.file('unseen.csv', 'date,precipitation,temp_max,temp_min,wind,weather\n2015-01-01,0,5,1,2,sun\n2015-01-02,0,5,1,2,hail\n');
    const data = await ghml(scratch.dir, 'evaluate', '--model', model, '--data', unseen, '--label', 'weather');
    expect(data).toMatchObject({ code: 1, stderr: expect.stringMatching(/unseen\.csv, row 2: label "hail" is not one of the model's classes/) });

    expect(await ghml(scratch.dir, 'evaluate', '--model', model, '--data', seattleWeather)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--label is required/) });
    expect(await ghml(scratch.dir, 'evaluate', '--model', model, '--data', seattleWeather, '--label', 'weather', '--task', 'ranking')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--task "ranking" is not one of classification, regression/),
    });
  });
});
