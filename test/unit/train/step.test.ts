import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { runTrain } from '../../../src/steps/train.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

describe('the train step', () => {
  it('does not start the command after a stop signal, and still records the run as cancelled', async () => {
    const messages: string[] = [];
    const result = await runTrain({
      command: 'touch ran',
      model: 'm',
      workingDirectory: scratch.dir,
      params: {},
      seed: 0,
      data: [],
      requireGpu: 0,
      gpuSampleSeconds: 5,
      scratchDirectory: path.join(scratch.dir, 'ghml'),
      env: { PATH: '/usr/bin:/bin' },
      // A SIGTERM that arrived while the step was preparing the run.
      cancellation: { subscribe: (listener) => (listener('SIGTERM'), () => {}) },
      log: { info: (m) => messages.push(m), warning: (m) => messages.push(m), output: () => {}, startGroup: () => {}, endGroup: () => {} },
    });
    expect(RunRecord.parse(result.record)).toMatchObject({ status: 'cancelled', message: 'cancelled by SIGTERM before the command started', exitCode: null, signal: null });
    await expect(stat(path.join(scratch.dir, 'ran'))).rejects.toThrow();
    expect(result.recordPath).toBe(path.join(scratch.dir, 'ghml', 'runs', 'm', `${result.record.id}.json`));
    expect(messages).toContain(`run record written to ${result.recordPath}`);
  });
});
