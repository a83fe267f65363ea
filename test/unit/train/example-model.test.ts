import { readFile } from 'node:fs/promises';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLASSES, FEATURES, loadSeattleWeather, split, trainWeatherModel } from '../../../examples/seattle-weather/pipeline.js';
import { argmax, predictRow } from '../../../src/model/logistic-regression.js';
import { decodeOnnxHeader } from '../../../src/model/onnx-proto.js';
import { readOnnxSignature } from '../../../src/train/onnx-signature.js';
import { EXAMPLE_MODEL, trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const data = await loadSeattleWeather(seattleWeather);

describe('the example model (Seattle weather, logistic regression exported to ONNX)', () => {
  it('gives the same probabilities in ONNX Runtime as in TypeScript, to 1e-5, on every row', async () => {
    const trained = trainWeatherModel({ data, params: EXAMPLE_MODEL.params, seed: 0 });
    const session = await ort.InferenceSession.create(trained.onnx);
    const n = data.x.length;
    const output = await session.run({ features: new ort.Tensor('float32', Float32Array.from(data.x.flat()), [n, FEATURES.length]) });
    const probabilities = output.probabilities.data as Float32Array;
    const labels = output.label.data as string[];
    expect(output.probabilities.dims).toEqual([n, CLASSES.length]);
    expect(output.label.dims).toEqual([n]);
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const expected = predictRow(trained.model, data.x[i]);
      for (let c = 0; c < CLASSES.length; c++) largest = Math.max(largest, Math.abs(probabilities[i * CLASSES.length + c] - expected[c]));
      expect(labels[i]).toBe(CLASSES[argmax(expected)]);
    }
    expect(largest).toBeLessThan(1e-5);
    await session.release();
  });

  it('learns something, and the same seed gives the same model byte for byte', () => {
    const params = { ...EXAMPLE_MODEL.params, epochs: 60 };
    const a = trainWeatherModel({ data, params, seed: 3 });
    const b = trainWeatherModel({ data, params, seed: 3 });
    const c = trainWeatherModel({ data, params, seed: 4 });
    expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
    expect(Buffer.from(a.onnx).equals(Buffer.from(c.onnx))).toBe(false);
    // Always predicting the most common class ("rain" or "sun", about 44% each) is the bar to clear.
    expect(a.test.accuracy).toBeGreaterThan(0.6);
  });

  it('resumes from a checkpoint to the same weights as an uninterrupted run', () => {
    const full = trainWeatherModel({ data, params: { ...EXAMPLE_MODEL.params, epochs: 40 }, seed: 1 });
    const half = trainWeatherModel({ data, params: { ...EXAMPLE_MODEL.params, epochs: 20 }, seed: 1 });
    const resumed = trainWeatherModel({ data, params: { ...EXAMPLE_MODEL.params, epochs: 40 }, seed: 1, resume: { epoch: 20, weights: half.model.weights, intercepts: half.model.intercepts } });
    expect(resumed.model.weights).toEqual(full.model.weights);
    expect(resumed.model.intercepts).toEqual(full.model.intercepts);
  });

  it('holds out the same rows for the same seed', () => {
    const first = split(data, 0.2, 9);
    expect(split(data, 0.2, 9)).toEqual(first);
    expect(first.test.y).toHaveLength(292);
    expect(first.train.y).toHaveLength(1461 - 292);
  });

  it('declares its input in the contract\'s feature order and its classes in the metadata', async () => {
    const file = await trainExampleModel(scratch.dir);
    expect(file).toBe(`${scratch.dir}/seattle-weather.onnx`);
    expect(await trainExampleModel()).not.toBe(file);
    const header = decodeOnnxHeader(await readFile(file));
    expect(header).toMatchObject({ irVersion: 8, producerName: 'ghml', opsets: [{ domain: '', version: 17 }], inputs: ['features'], outputs: ['label', 'probabilities'] });
    expect(JSON.parse(header.metadata.classes)).toEqual(CLASSES);
    expect(JSON.parse(header.metadata.features)).toEqual(FEATURES);

    const contract = parseYaml(await readFile(`${repoRoot}/examples/seattle-weather/contract.yml`, 'utf8')) as { columns: { name: string; type: string }[] };
    expect(contract.columns.filter((c) => c.type === 'number').map((c) => c.name)).toEqual(FEATURES);
    expect(contract.columns.find((c) => c.name === 'weather')).toMatchObject({ 'allowed-values': CLASSES });

    expect(await readOnnxSignature(file)).toEqual({
      signature: {
        inputs: [{ name: 'features', elementType: 'float32', shape: ['N', 4] }],
        outputs: [
          { name: 'label', elementType: 'string', shape: ['N'] },
          { name: 'probabilities', elementType: 'float32', shape: ['N', 5] },
        ],
      },
      unavailable: null,
    });
  });

  it('says why a file that is not ONNX has no signature', async () => {
    const file = await scratch.file('broken.onnx', 'not a model');
    const { signature, unavailable } = await readOnnxSignature(file);
    expect(signature).toBeNull();
    expect(unavailable).toMatch(/^the file is not an ONNX model \(.+\): the signature was not read$/);
  });
});
