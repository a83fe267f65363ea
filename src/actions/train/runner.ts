import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import { RunRecord } from '../../contracts/run-record.js';
import { ActionsArtifactUploader } from '../../github/artifacts.js';
import { writeJson } from '../../io/files.js';
import { fitToLimit, LIMITS } from '../../report/markdown.js';
import { runTrain, type TrainLog } from '../../steps/train.js';
import { DirectoryCheckpointStore, type CheckpointStore } from '../../train/checkpoint.js';
import { readParams } from '../../train/params.js';
import { processSignals } from '../../train/process.js';
import { renderRunSummary, verdictLine } from '../../train/report.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, listInput, readInputs, wholeNumberInput } from '../runtime.js';
import { ActionsCacheCheckpointStore } from './actions-cache.js';

const positiveNumberInput = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be above 0');

export const inputsSchema = z.object({
  command: z.string({ error: 'input "command" is required: the command that trains the model, e.g. python train.py' }),
  model: z.string({ error: 'input "model" is required: the name the model\'s runs are filed under' }),
  'working-directory': z.string().default('.'),
  'model-path': z.string().optional(),
  params: z.string().optional(),
  seed: wholeNumberInput.default(0),
  data: z.string().transform(listInput).optional(),
  'timeout-minutes': positiveNumberInput.optional(),
  'require-gpu': wholeNumberInput.default(0),
  'gpu-sample-seconds': positiveNumberInput.default(5),
  'checkpoint-dir': z.string().optional(),
  'checkpoint-store': z.string().optional(),
  'record-out': z.string().optional(),
  'record-to-registry': booleanInput.default(false),
  ...registryInputs,
});
type Inputs = z.infer<typeof inputsSchema>;

const actionLog: TrainLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  output: (text, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(text),
  startGroup: (title) => core.startGroup(title),
  endGroup: () => core.endGroup(),
};

function checkpointStore(inputs: Inputs): CheckpointStore | undefined {
  if (inputs['checkpoint-store']) return new DirectoryCheckpointStore(path.resolve(inputs['checkpoint-store']));
  if (!inputs['checkpoint-dir']) return undefined;
  if (ActionsCacheCheckpointStore.available()) return new ActionsCacheCheckpointStore();
  core.warning('the Actions cache service is not available to this job: checkpoints will not be saved between attempts; set checkpoint-store to a directory runners share');
  return undefined;
}

/** The Action: inputs → the train step → outputs and the job summary; a run that did not succeed fails the step. */
export async function trainAction(): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const workingDirectory = path.resolve(inputs['working-directory']);
  const artifacts = ActionsArtifactUploader.available() ? new ActionsArtifactUploader() : undefined;
  const registry = inputs['record-to-registry'] ? actionRegistry(inputs) : undefined;
  const result = await runTrain({
    command: inputs.command,
    model: inputs.model,
    workingDirectory,
    modelPath: inputs['model-path'],
    params: await readParams(inputs.params, workingDirectory),
    seed: inputs.seed,
    data: inputs.data ?? [],
    timeoutMinutes: inputs['timeout-minutes'],
    requireGpu: inputs['require-gpu'],
    gpuSampleSeconds: inputs['gpu-sample-seconds'],
    checkpointDir: inputs['checkpoint-dir'],
    checkpointStore: checkpointStore(inputs),
    recordOut: inputs['record-out'],
    scratchDirectory: path.join(process.env.RUNNER_TEMP ?? tmpdir(), 'ghml'),
    env: process.env,
    cancellation: processSignals(),
    artifacts,
    registry: registry && {
      productionVersion: (model) => withRegistry(registry.target, () => registry.registry.productionVersion(model)),
      commitRun: (record) => withRegistry(registry.target, () => registry.registry.commitRun(record)),
    },
    log: actionLog,
  });
  const { record } = result;
  if (artifacts?.uploaded) {
    record.artifact = artifacts.uploaded;
    await writeJson(result.recordPath, RunRecord.parse(record));
  }
  core.setOutput('run-id', record.id);
  core.setOutput('status', record.status);
  core.setOutput('record-path', result.recordPath);
  core.setOutput('model-path', result.modelFile ?? '');
  core.setOutput('model-sha256', record.modelArtifact?.sha256 ?? '');
  core.setOutput('metrics', JSON.stringify(record.metrics.final));
  await core.summary.addRaw(fitToLimit(renderRunSummary(record), LIMITS.stepSummaryBytes - 1024, 'bytes')).write();
  if (record.status === 'succeeded') core.info(verdictLine(record));
  else core.setFailed(verdictLine(record));
}
