import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { EvaluationReport } from '../../../src/contracts/evaluation-report.js';
import { ConfigurationError, DataError } from '../../../src/errors.js';
import { runEvaluate } from '../../../src/steps/evaluate.js';
import { ClassificationEvaluation, encodeLabels, RegressionEvaluation, sliceMetrics, encodeSliceKeys } from '../../../src/stats/metrics/index.js';
import { EXAMPLE_MODEL, trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';
import {
  binaryCsv,
  constantOnnx,
  namedInputsCsv,
  namedInputsOnnx,
  positiveProbabilityOnnx,
  REGRESSION_FEATURES,
  regressionOnnx,
  season,
  trainBinary,
  trainWeakerWeatherModel,
  weatherDays,
  wet,
  zipMapOnnx,
} from '../../fixtures/evaluate/models.js';
import { logisticRegressionToOnnx } from '../../../src/model/logistic-regression-onnx.js';

const scratch = await scratchDirectory();
const days = await weatherDays();
const exampleModel = await trainExampleModel(scratch.dir);
const weakerModel = await scratch.file('weaker.onnx', await trainWeakerWeatherModel());
const binary = trainBinary(days);
const binaryModel = await scratch.file('binary.onnx', logisticRegressionToOnnx(binary));
const binaryData = await scratch.file('binary.csv', binaryCsv(days));

/** The model's outputs on every row, from ONNX Runtime directly: what the report's metrics must be computed from. */
async function runDirectly(model: string, inputs: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(model);
  try {
    return (await session.run(inputs)) as Record<string, ort.Tensor>;
  } finally {
    await session.release();
  }
}

const featureTensor = (columns: string[]) =>
  new ort.Tensor('float32', Float32Array.from(days.flatMap((d) => columns.map((c) => d[c as keyof typeof d] as number))), [days.length, columns.length]);

function expectClose(actual: Record<string, number | null>, expected: Record<string, { value: number | null }>): void {
  for (const [name, metric] of Object.entries(expected)) {
    if (metric.value === null) expect(actual[name], name).toBeNull();
    else expect(actual[name], name).toBeCloseTo(metric.value, 12);
  }
}

describe('evaluate: the example model', () => {
  it('reports the metrics core\'s values on ONNX Runtime\'s own predictions, compared with a weaker champion', async () => {
    const report = await runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', baseline: weakerModel, bootstrap: 200 });
    expect(EvaluationReport.parse(report)).toEqual(report);
    const outputs = await runDirectly(exampleModel, { features: featureTensor(EXAMPLE_MODEL.features) });
    const classes = EXAMPLE_MODEL.classes;
    const expected = new ClassificationEvaluation({
      classes,
      labels: encodeLabels(days.map((d) => d.weather), classes),
      probabilities: Float64Array.from(outputs.probabilities.data as Float32Array),
      predictions: encodeLabels(outputs.label.data as string[], classes),
    });
    expectClose(report.metrics, expected.metrics());
    expect(report).toMatchObject({ task: 'multiclass', rows: days.length, positiveLabel: null, model: { classes, executionProvider: 'cpu' } });
    expect(report.model.inputs).toEqual([{ name: 'features', elementType: 'float32', shape: ['N', 4], columns: EXAMPLE_MODEL.features }]);
    expect(report.confusionMatrix!.matrix).toEqual(expected.report().confusionMatrix);
    expect(report.curves!.map((c) => c.label)).toEqual(classes);
    expect(report.curves![0].roc!.fpr.length).toBeLessThanOrEqual(101);

    expect(report.baseline).toMatchObject({ kind: 'model', sameRows: true, rows: days.length });
    const accuracy = report.comparison.find((c) => c.metric === 'accuracy')!;
    expect(accuracy.difference).toBeCloseTo(report.metrics.accuracy! - report.baseline!.metrics.accuracy!, 12);
    expect(accuracy.interval!.lower).toBeLessThanOrEqual(accuracy.difference!);
    expect(accuracy.interval!.upper).toBeGreaterThanOrEqual(accuracy.difference!);
    const logLoss = report.comparison.find((c) => c.metric === 'log_loss')!;
    expect(logLoss).toMatchObject({ better: 'challenger', significant: true });
    expect(report.gate).toEqual({ passed: true, noBaseline: null, thresholds: null, checks: [] });
    expect(report.operational.latencyP50Ms).toBeGreaterThan(0);
    expect(report.operational.singleRowCalls).toBe(200);
    expect(report.operational.modelBytes).toBe((await readFile(exampleModel)).length);
  });

  it('ranks the classes of a large evaluation on two threads, to the same metrics and curves as one thread', async () => {
    // Past 8 batches of rows a ranking thread takes half the classes: the days repeated, each copy's numbers moved a little.
    const copies = 92;
    const header = 'date,precipitation,temp_max,temp_min,wind,weather';
    const lines: string[] = [];
    const features: number[] = [];
    for (let copy = 0; copy < copies; copy++) {
      for (const d of days) {
        const row = [d.precipitation, d.temp_max + (copy % 7) / 10, d.temp_min - (copy % 5) / 10, d.wind + (copy % 3) / 10].map((v) => Math.round(v * 10) / 10);
        features.push(...row);
        lines.push(`${d.date},${row.join(',')},${d.weather}`);
      }
    }
    const rows = copies * days.length;
    expect(rows).toBeGreaterThan(8 * 16_384);
    const data = await scratch.file('large.csv', `${header}\n${lines.join('\n')}\n`);
    const report = await runEvaluate({ model: exampleModel, data: [data], label: 'weather', bootstrap: 0 });
    const outputs = await runDirectly(exampleModel, { features: new ort.Tensor('float32', Float32Array.from(features), [rows, 4]) });
    const classes = EXAMPLE_MODEL.classes;
    const oneThread = new ClassificationEvaluation({
      classes,
      labels: encodeLabels(Array.from({ length: copies }, () => days.map((d) => d.weather)).flat(), classes),
      probabilities: Float64Array.from(outputs.probabilities.data as Float32Array),
      predictions: encodeLabels(outputs.label.data as string[], classes),
      curvePoints: 101,
    });
    const expected = oneThread.report();
    expect(report.rows).toBe(rows);
    for (const [name, metric] of Object.entries(expected.metrics)) expect(report.metrics[name], name).toBe(metric.value);
    for (const [k, label] of classes.entries()) {
      const curves = (oneThread.curves(label) as { value: { roc: { value: { fpr: Float64Array; tpr: Float64Array } } } }).value;
      expect(report.curves![k].label).toBe(label);
      expect(report.curves![k].roc!.fpr).toEqual(Array.from(curves.roc.value.fpr));
      expect(report.curves![k].roc!.tpr).toEqual(Array.from(curves.roc.value.tpr));
    }
  });

  it('gates on absolute and change bounds, and fails when a threshold is not met', async () => {
    const thresholds = await scratch.file(
      'thresholds.yml',
      ['metrics:', '  accuracy: { min: 0.9 }', '  f1_macro: { min-delta: -0.01, significant: true }', '  log_loss: { max-delta: "-5%" }', ''].join('\n'),
    );
    const report = await runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', baseline: weakerModel, thresholds, bootstrap: 200 });
    expect(report.gate.passed).toBe(false);
    expect(report.gate.checks.map((c) => [c.metric, c.kind, c.passed])).toEqual([
      ['accuracy', 'min', false],
      ['f1_macro', 'min-delta', true],
      ['f1_macro', 'significant', true],
      ['log_loss', 'max-delta', true],
    ]);
    expect(report.gate.checks[0].message).toMatch(/^accuracy 0\.7\d+ is below min 0\.9$/);
    expect(report.gate.checks[3]).toMatchObject({ relative: true, bound: -0.05 });

    const first = await runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', thresholds, bootstrap: 0 });
    expect(first.gate).toMatchObject({ passed: false, noBaseline: 'absolute-only' });
    expect(first.gate.checks.filter((c) => c.skipped).map((c) => c.kind)).toEqual(['min-delta', 'significant', 'max-delta']);
    expect(first.notes).toContain('No baseline: only absolute bounds (min, max) were checked.');
  });

  it('takes a previous evaluation report as the baseline: differences without paired intervals', async () => {
    const previous = await scratch.file('previous.json', '');
    await runEvaluate({ model: weakerModel, data: [seattleWeather], label: 'weather', bootstrap: 0, reportOut: previous });
    const thresholds = await scratch.file('significant.yml', 'metrics:\n  accuracy: { significant: true }\n');
    const report = await runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', baseline: previous, thresholds, bootstrap: 50 });
    expect(report.baseline).toMatchObject({ kind: 'report', sameRows: true });
    expect(report.comparison.every((c) => c.interval === null)).toBe(true);
    expect(report.gate.checks[0]).toMatchObject({ kind: 'significant', passed: false });
    expect(report.gate.checks[0].message).toMatch(/needs a baseline model evaluated on the same rows/);
  });

  it('runs on CUDA when asked and available, else on the CPU, saying why', async () => {
    const logged: string[] = [];
    const report = await runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', bootstrap: 0, executionProvider: 'cuda', log: (m) => logged.push(m) });
    if (report.model.executionProvider === 'cpu') expect(logged).toEqual([expect.stringMatching(/^The CUDA execution provider is not available here \(.+\): running ".*seattle-weather\.onnx" on the CPU instead\.$/)]);
    else expect(logged).toEqual([]);
    expect(report.metrics.accuracy).toBeGreaterThan(0.7);
  });

  it('refuses registry baselines until a registry is configured', async () => {
    await expect(runEvaluate({ model: exampleModel, data: [seattleWeather], label: 'weather', baseline: 'seattle-weather@production' })).rejects.toThrow(
      /registry baselines need a registry \(not configured\)/,
    );
  });
});

describe('evaluate: binary models, slices and parity', () => {
  it('reads [N, 2], [N, 1] and [N] probability outputs alike, with slices and fairness gaps', async () => {
    const matrix = await runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', sliceColumns: ['season'], bootstrap: 0 });
    const column = await runEvaluate({ model: await scratch.file('column.onnx', positiveProbabilityOnnx(binary, 'column')), data: [binaryData], label: 'wet', sliceColumns: ['season'], bootstrap: 0 });
    const vector = await runEvaluate({ model: await scratch.file('vector.onnx', positiveProbabilityOnnx(binary, 'vector')), data: [binaryData], label: 'wet', sliceColumns: ['season'], bootstrap: 0 });
    expect(matrix.task).toBe('binary');
    expect(matrix.positiveLabel).toBe('wet');
    for (const other of [column, vector]) {
      expect(other.model.outputs[0].role).toBe('positive-probability');
      for (const [name, value] of Object.entries(matrix.metrics)) expect(other.metrics[name], name).toBeCloseTo(value!, 5);
    }
    expect(matrix.slices[0].slices.map((s) => s.key)).toEqual(['autumn', 'spring', 'summer', 'winter']);
    const outputs = await runDirectly(binaryModel, { features: featureTensor(EXAMPLE_MODEL.features) });
    const evaluation = new ClassificationEvaluation({
      classes: ['dry', 'wet'],
      labels: encodeLabels(days.map(wet), ['dry', 'wet']),
      probabilities: Float64Array.from(outputs.probabilities.data as Float32Array),
      predictions: encodeLabels(outputs.label.data as string[], ['dry', 'wet']),
    });
    const slices = sliceMetrics(evaluation, encodeSliceKeys(days.map(season)));
    expectClose(matrix.slices[0].slices[2].metrics, slices.slices[2].metrics);
    expect(matrix.fairness.map((g) => g.metric)).toEqual(['recall_gap', 'precision_gap', 'selection_rate_gap']);
    expect(matrix.metrics.recall_gap).toBe(matrix.fairness[0].value);
  });

  it('names the positive class by positive-label', async () => {
    const report = await runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', positiveLabel: 'dry', bootstrap: 0 });
    expect(report.positiveLabel).toBe('dry');
    await expect(runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', positiveLabel: 'damp' })).rejects.toThrow(/positive-label "damp" is not one of the model's classes \[dry, wet\]/);
  });

  it('says a constant prediction has no ROC AUC, with a reason and no NaN anywhere', async () => {
    const report = await runEvaluate({ model: await scratch.file('constant.onnx', constantOnnx()), data: [binaryData], label: 'wet', bootstrap: 100 });
    expect(report.metrics.roc_auc).toBeNull();
    expect(report.metricReasons.roc_auc).toMatch(/score/i);
    expect(report.intervals.roc_auc).toBeNull();
    expect(report.curves![0].roc).toMatchObject({ fpr: [0, 1], tpr: [0, 1] });
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(EvaluationReport.parse(JSON.parse(json))).toBeTruthy();
  });

  it('checks export parity against the training framework\'s predictions and lists the rows that differ', async () => {
    const outputs = await runDirectly(binaryModel, { features: featureTensor(EXAMPLE_MODEL.features) });
    const p = outputs.probabilities.data as Float32Array;
    const labels = outputs.label.data as string[];
    const rows = days.map((_, i) => `${labels[i]},${i === 7 ? (p[2 * i + 1] + 0.01).toFixed(6) : p[2 * i + 1].toFixed(6)}`);
    const reference = await scratch.file('reference.csv', `label,wet\n${rows.join('\n')}\n`);
    const report = await runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', referencePredictions: reference, bootstrap: 0 });
    expect(report.parity).toMatchObject({ rows: days.length, columns: ['wet', 'label'], mismatchedRows: 1, passed: false });
    expect(report.parity!.mismatches).toEqual([{ row: 8, column: 'wet', expected: expect.any(Number), actual: expect.any(Number), difference: expect.closeTo(0.01, 5) }]);
    expect(report.gate.passed).toBe(false);
    expect(report.gate.checks.at(-1)).toMatchObject({ kind: 'parity', passed: false });
    const loose = await runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', referencePredictions: reference, parityTolerance: 0.05, bootstrap: 0 });
    expect(loose.parity!.passed).toBe(true);
    const short = await scratch.file('short.csv', `label,wet\n${rows.slice(0, 10).join('\n')}\n`);
    await expect(runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', referencePredictions: short, bootstrap: 0 })).rejects.toThrow(/end after 10 rows/);
  });
});

describe('evaluate: inputs and tasks', () => {
  it('feeds named inputs of float64, int64 and string type from columns whose names have spaces', async () => {
    const model = await scratch.file('named.onnx', namedInputsOnnx());
    const data = await scratch.file('named.csv', namedInputsCsv(days));
    const report = await runEvaluate({ model, data: [data], label: 'rained', bootstrap: 0 });
    expect(report.model.inputs.map((i) => [i.name, i.elementType, i.columns])).toEqual([
      ['wind speed', 'float64', ['wind speed']],
      ['day of year', 'int64', ['day of year']],
      ['city', 'string', ['city']],
    ]);
    expect(report.metrics.accuracy).toBeGreaterThan(0.3);
  });

  it('evaluates a regression model, with slices', async () => {
    const model = await scratch.file('regression.onnx', regressionOnnx());
    const report = await runEvaluate({ model, data: [binaryData], label: 'temp_max', sliceColumns: ['season'], bootstrap: 100 });
    expect(report.task).toBe('regression');
    const outputs = await runDirectly(model, { features: featureTensor(REGRESSION_FEATURES) });
    const expected = new RegressionEvaluation({ yTrue: Float64Array.from(days, (d) => d.temp_max), yPred: Float64Array.from(outputs.variable.data as Float32Array) });
    expectClose(report.metrics, expected.metrics());
    expect(report.perClass).toBeNull();
    expect(report.fairness).toEqual([]);
    expect(Object.keys(report.slices[0].slices[0].metrics)).toEqual(['rmse', 'mae', 'r2', 'mape', 'median_absolute_error']);
    expect(report.intervals.rmse!.lower).toBeLessThan(report.metrics.rmse!);
  });

  it('takes the column order of a model without metadata from the contract, or else the file', async () => {
    const model = await scratch.file('regression-bare.onnx', regressionOnnx(false));
    const contract = path.join(repoRoot, 'examples/seattle-weather/contract.yml');
    const byContract = await runEvaluate({ model, data: [seattleWeather], label: 'temp_max', contract, bootstrap: 0 });
    expect(byContract.model.inputs[0].columns).toEqual(REGRESSION_FEATURES);
    expect(byContract.notes[0]).toBe('Input "features" of the model takes 3 columns in the order of the contract\'s number columns.');
    const byFile = await runEvaluate({ model, data: [seattleWeather], label: 'temp_max', bootstrap: 0 });
    expect(byFile.model.inputs[0].columns).toEqual(REGRESSION_FEATURES);
    expect(byFile.notes).toEqual([
      'Input "features" of the model takes every number column but the label, in file order.',
      'Columns left out of input "features" of the model because they do not hold numbers: date (timestamp), weather (category).',
      'No baseline: only absolute bounds (min, max) were checked.',
      'Bootstrap off (0 resamples): no confidence intervals.',
    ]);
    expect(byFile.metrics).toEqual(byContract.metrics);
  });
});

describe('evaluate: bad input gets a clear message, never a crash', () => {
  async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('the evaluation succeeded');
  }

  it('a model whose inputs do not match the data: names, count, types', async () => {
    const named = await scratch.file('named-mismatch.onnx', namedInputsOnnx());
    const names = await failure(runEvaluate({ model: named, data: [binaryData], label: 'wet' }));
    expect(names).toBeInstanceOf(ConfigurationError);
    expect(names.message).toMatch(/has 3 inputs \("wind speed" float64 \[N, 1\], "day of year" int64 \[N, 1\], "city" string \[N, 1\]\).*not columns of the data: "wind speed", "day of year", "city"/);

    const count = await failure(runEvaluate({ model: await scratch.file('regression-count.onnx', regressionOnnx()), data: [binaryData], label: 'temp_max', features: ['precipitation', 'temp_min', 'wind', 'temp_max'] }));
    expect(count).toBeInstanceOf(ConfigurationError);
    expect(count.message).toMatch(/label "temp_max" cannot be a feature/);
    const width = await failure(runEvaluate({ model: await scratch.file('regression-width.onnx', regressionOnnx()), data: [binaryData], label: 'temp_max', features: ['precipitation', 'temp_min'] }));
    expect(width.message).toMatch(/input "features" takes 3 values per row \(float32 \[N, 3\]\), but 2 columns are mapped to it: "precipitation", "temp_min"/);

    const text = await scratch.file('named-text.csv', namedInputsCsv(days, (d) => ['Mon', 'Tue', 'Wed'][d.wind > 3 ? 0 : 1]));
    const types = await failure(runEvaluate({ model: named, data: [text], label: 'rained' }));
    expect(types).toBeInstanceOf(ConfigurationError);
    expect(types.message).toMatch(/input "day of year" takes int64, but column "day of year" holds (category|string) values/);
  });

  it('a corrupt .onnx file', async () => {
    const bytes = await readFile(exampleModel);
    const corrupt = await scratch.file('corrupt.onnx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await failure(runEvaluate({ model: corrupt, data: [seattleWeather], label: 'weather' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/corrupt\.onnx" is not a model ONNX Runtime can load \(.+\): check that it is a complete \.onnx export/);
  });

  it('labels the model was not trained on', async () => {
    const data = await scratch.file('unseen.csv', binaryCsv(days, (d) => (d.date === '2013-03-04' ? 'hail' : wet(d))));
    const error = await failure(runEvaluate({ model: binaryModel, data: [data], label: 'wet', bootstrap: 0 }));
    expect(error).toBeInstanceOf(DataError);
    const row = days.findIndex((d) => d.date === '2013-03-04') + 1;
    expect(error.message).toBe(`${data}, row ${row}: label "hail" is not one of the model's classes [dry, wet]: evaluate on data whose labels the model was trained on, or pass the full class list`);
  });

  it('the first problem in the data, though the next chunk is read while the model scores this one', async () => {
    // A missing feature at row 7, which makes the model's probabilities NaN, and a ragged row in the
    // next chunk, found reading it while row 7's chunk is with the model: row 7 is reported.
    const header = 'date,precipitation,temp_max,temp_min,wind,wet,season';
    const lines = Array.from({ length: 20_000 }, (_, i) => (i === 6 ? '2012-01-07,0.5,,2.1,3.0,wet,winter' : i === 17_000 ? '2012-01-08,0.5,4' : `2012-01-01,${(i % 40) / 10},10.5,2.1,3.0,${i % 3 ? 'wet' : 'dry'},winter`));
    const data = await scratch.file('two-problems.csv', `${header}\n${lines.join('\n')}\n`);
    const error = await failure(runEvaluate({ model: binaryModel, data: [data], label: 'wet', bootstrap: 0 }));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(`${data}, row 7: the predicted probability of class "dry" is NaN, not a number in [0, 1]: a model gives NaN for a row with a missing or NaN feature unless it imputes it: fill the row's missing values, or export the model with an imputer`);
  });

  it('a problem with the data before one with the model, and no model left open', async () => {
    const bytes = await readFile(exampleModel);
    const corrupt = await scratch.file('corrupt-too.onnx', bytes.subarray(0, 100));
    const empty = await scratch.file('empty-too.csv', 'date,precipitation,temp_max,temp_min,wind,wet,season\n');
    const error = await failure(runEvaluate({ model: corrupt, data: [empty], label: 'wet' }));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/there are no rows to evaluate/);
    const missingLabel = await failure(runEvaluate({ model: exampleModel, data: [binaryData], label: 'rain' }));
    expect(missingLabel).toBeInstanceOf(ConfigurationError);
  });

  it('an empty dataset', async () => {
    const empty = await scratch.file('empty.csv', 'date,precipitation,temp_max,temp_min,wind,wet,season\n');
    const error = await failure(runEvaluate({ model: binaryModel, data: [empty], label: 'wet' }));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/there are no rows to evaluate/);
  });

  it('a ZipMap output, with how to export without it', async () => {
    const error = await failure(runEvaluate({ model: await scratch.file('zipmap.onnx', zipMapOnnx()), data: [binaryData], label: 'wet' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/output "output_probability" is a sequence of maps \(a ZipMap\).*options=\{id\(model\): \{'zipmap': False\}\}/);
  });

  it('a model without its classes, a missing label column, an unknown threshold metric', async () => {
    const noClasses = await failure(runEvaluate({ model: await scratch.file('regression-as-classifier.onnx', regressionOnnx()), data: [binaryData], label: 'wet', task: 'classification' }));
    expect(noClasses.message).toMatch(/does not list its classes .*pass classes/);
    const noLabel = await failure(runEvaluate({ model: binaryModel, data: [binaryData], label: 'rain' }));
    expect(noLabel.message).toMatch(/label column "rain" is not a column of the data/);
    const thresholds = await scratch.file('bad-thresholds.yml', 'metrics:\n  accuracy: { min: 0.5 }\n  precision_macro: { min: 0.5 }\n');
    const wrongMetric = await failure(runEvaluate({ model: binaryModel, data: [binaryData], label: 'wet', thresholds }));
    expect(wrongMetric.message).toMatch(/metrics\.precision_macro: a binary evaluation without slice-columns does not compute precision_macro/);
  });
});
