import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { ModelThread } from '../../../src/model/model-thread.js';
import { ModelSession } from '../../../src/model/session.js';
import { EXAMPLE_MODEL, trainExampleModel } from '../../helpers/example-model.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const model = await trainExampleModel(scratch.dir);
const fetches = [EXAMPLE_MODEL.outputs.label, EXAMPLE_MODEL.outputs.probabilities];

function batch(runner: { ort: ModelSession['ort'] }, rows: number, seed: number) {
  const data = Float32Array.from({ length: rows * 4 }, (_, i) => ((i * 7919 + seed * 104729) % 300) / 10);
  return { features: new runner.ort.Tensor('float32', data, [rows, 4]) };
}

describe('a model in a worker thread', () => {
  it('answers calls in the order made, with what the model gives in this thread', async () => {
    const thread = await ModelThread.open(model);
    const here = await ModelSession.open(model);
    try {
      expect(thread.inputs).toEqual(here.inputs);
      expect(thread.outputs).toEqual(here.outputs);
      expect(thread.sha256).toBe(here.sha256);
      expect(thread.metadata).toEqual(here.metadata);
      // Three batches in flight at once, of different sizes so that a reordering would show.
      const sizes = [300, 17, 1024];
      const answers = await Promise.all(sizes.map((rows, seed) => thread.runTimed(batch(thread, rows, seed), fetches)));
      for (const [seed, rows] of sizes.entries()) {
        const expected = await here.run(batch(here, rows, seed), fetches);
        const answer = answers[seed];
        expect(answer.seconds).toBeGreaterThan(0);
        expect(answer.outputs.probabilities.dims).toEqual([rows, EXAMPLE_MODEL.classes.length]);
        expect(Array.from(answer.outputs.probabilities.data as Float32Array)).toEqual(Array.from(expected.probabilities.data as Float32Array));
        expect(Array.from(answer.outputs.label.data as string[])).toEqual(Array.from(expected.label.data as string[]));
      }
      const durations = await thread.timeRuns([batch(thread, 1, 0), batch(thread, 1, 1)], fetches);
      expect(durations).toHaveLength(2);
      for (const ms of durations) expect(ms).toBeGreaterThan(0);
    } finally {
      await thread.release();
      await here.release();
    }
  });

  it('moves feeds that own their buffer, and copies views of a larger one', async () => {
    const thread = await ModelThread.open(model);
    try {
      const owned = batch(thread, 8, 1);
      const backing = new Float32Array(64);
      const view = { features: new thread.ort.Tensor('float32', backing.subarray(4, 36), [8, 4]) };
      await thread.runTimed(owned, fetches);
      await thread.runTimed(view, fetches);
      expect((owned.features.data as Float32Array).length).toBe(0);
      expect(backing.length).toBe(64);
    } finally {
      await thread.release();
    }
  });

  it('says what is wrong with the model as opening it here would, and fails runs it cannot do', async () => {
    const missing = await ModelThread.open(path.join(scratch.dir, 'missing.onnx'), { input: 'baseline' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect((missing as ConfigurationError).input).toBe('baseline');
    expect((missing as Error).message).toMatch(/does not exist/);

    const corrupt = await ModelThread.open(await scratch.file('corrupt.onnx', 'not a model')).catch((error: unknown) => error);
    expect(corrupt).toBeInstanceOf(ConfigurationError);
    expect((corrupt as Error).message).toMatch(/is not a model ONNX Runtime can load/);

    const thread = await ModelThread.open(model);
    const wrongWidth = { features: new thread.ort.Tensor('float32', new Float32Array(6), [2, 3]) };
    await expect(thread.runTimed(wrongWidth, fetches)).rejects.toThrow(/features|dimension|Got invalid dimensions/i);
    // The worker goes on after a failed run.
    await expect(thread.runTimed(batch(thread, 2, 0), fetches)).resolves.toBeDefined();
    await thread.release();
    await expect(thread.runTimed(batch(thread, 2, 0), fetches)).rejects.toThrow('the model was released');
  });
});
