import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import { ActionsArtifactUploader } from '../../github/artifacts.js';
import { fitStepSummary } from '../../report/markdown.js';
import { runTrain, type TrainLog } from '../../steps/train.js';
import { DirectoryCheckpointStore, type CheckpointStore } from '../../train/checkpoint.js';
import { readParams } from '../../train/params.js';
import { processSignals } from '../../train/process.js';
import { renderRunSummary, verdictLine } from '../../train/report.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, defineOutputs, listInput, readInputs, StepAnnotations, wholeNumberInput } from '../runtime.js';
import { ActionsCacheCheckpointStore } from './actions-cache.js';

const positiveNumberInput = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be above 0');

export const inputsSchema = z.object({
  command: z
    .string({ error: 'input "command" is required: the command that trains the model, e.g. python train.py' })
    .describe('The command that trains the model, run with bash (or sh) in working-directory, e.g. `python train.py`.'),
  model: z
    .string({ error: 'input "model" is required: the name the model\'s runs are filed under' })
    .describe('The model name (letters, digits, ".", "_", "-"); runs are filed under it.'),
  'working-directory': z
    .string()
    .default('.')
    .describe('Where the command runs. data, model-path, checkpoint-dir and a params file are relative to it.'),
  'model-path': z
    .string()
    .optional()
    .describe('The model file (or directory) the command writes; also given to it as $GHML_MODEL_PATH. Missing, or older than the run, after the command succeeds fails the run.'),
  params: z
    .string()
    .optional()
    .describe('Training parameters as YAML or JSON text (for a sweep trial, toJSON(matrix.params)), or the path of a YAML/JSON file.'),
  seed: wholeNumberInput.default(0).describe('The seed, given to the command as $GHML_SEED.'),
  data: z
    .string()
    .transform(listInput)
    .optional()
    .describe('Data files or directories the command reads, one per line or comma-separated; fingerprinted in the run record.'),
  'timeout-minutes': positiveNumberInput
    .optional()
    .describe('Stop the command after this many minutes (fractions allowed) and record the run as timed-out.'),
  'require-gpu': wholeNumberInput
    .default(0)
    .describe('Fail before starting unless at least this many GPUs are visible (CUDA_VISIBLE_DEVICES respected).'),
  'gpu-sample-seconds': positiveNumberInput.default(5).describe('How often nvidia-smi is sampled while the command runs.'),
  'checkpoint-dir': z
    .string()
    .optional()
    .describe('A directory the command keeps checkpoints in ($GHML_CHECKPOINT_DIR); restored before and saved after the run, also when it fails or is cancelled.'),
  'checkpoint-store': z
    .string()
    .optional()
    .describe('A directory runners share (NFS, a persistent disk) to keep checkpoints in. Default the GitHub Actions cache.'),
  'record-out': z.string().optional().describe('Where to write the run record (JSON). Default $RUNNER_TEMP/ghml/runs/<model>/<run-id>.json.'),
  'record-to-registry': booleanInput
    .default(false)
    .describe('Commit the run record to the registry branch as runs/<model>/<run-id>.json, and record the version serving production now. Needs contents write.'),
  ...registryInputs({
    branch: 'The registry branch.',
    token: 'Token that can write the registry branch, used only with record-to-registry.',
  }),
});
type Inputs = z.infer<typeof inputsSchema>;

export const outputs = defineOutputs({
  'run-id': "The run's id (start time and a random suffix, e.g. 20250301T101500Z-3fa9c2d1).",
  status: 'succeeded, failed, cancelled or timed-out.',
  'record-path': 'Path of the run record written (schemas/run-record.json).',
  'model-path': 'Absolute path of the model, when the run succeeded and produced one.',
  'model-sha256': 'sha256 of the model file.',
  metrics: 'The final metrics as a JSON object, e.g. {"f1":0.81,"loss":0.42}.',
});

/** The step's log on the runner: warnings are annotations, within GitHub's limit. */
const actionLog = (annotations: StepAnnotations): TrainLog => ({
  info: (message) => core.info(message),
  warning: (message) => annotations.warning(message),
  output: (text, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(text),
  startGroup: (title) => core.startGroup(title),
  endGroup: () => core.endGroup(),
});

function checkpointStore(inputs: Inputs, annotations: StepAnnotations): CheckpointStore | undefined {
  if (inputs['checkpoint-store']) return new DirectoryCheckpointStore(path.resolve(inputs['checkpoint-store']));
  if (!inputs['checkpoint-dir']) return undefined;
  if (ActionsCacheCheckpointStore.available()) return new ActionsCacheCheckpointStore();
  annotations.warning('the Actions cache service is not available to this job: checkpoints will not be saved between attempts; set checkpoint-store to a directory runners share');
  return undefined;
}

/** The Action: inputs → the train step → outputs and the job summary; a run that did not succeed fails the step. */
export async function trainAction(annotations = new StepAnnotations()): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const workingDirectory = path.resolve(inputs['working-directory']);
  const artifacts = ActionsArtifactUploader.available() ? new ActionsArtifactUploader() : undefined;
  const registry = inputs['record-to-registry'] ? await actionRegistry(inputs) : undefined;
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
    checkpointStore: checkpointStore(inputs, annotations),
    recordOut: inputs['record-out'],
    scratchDirectory: path.join(process.env.RUNNER_TEMP ?? tmpdir(), 'ghml'),
    env: process.env,
    cancellation: processSignals(),
    artifacts,
    registry: registry && {
      productionVersion: (model) => withRegistry(registry.target, () => registry.registry.productionVersion(model)),
      commitRun: (record) => withRegistry(registry.target, () => registry.registry.commitRun(record)),
    },
    log: actionLog(annotations),
  });
  const { record } = result;
  outputs.set('run-id', record.id);
  outputs.set('status', record.status);
  outputs.set('record-path', result.recordPath);
  outputs.set('model-path', result.modelFile ?? '');
  outputs.set('model-sha256', record.modelArtifact?.sha256 ?? '');
  outputs.set('metrics', JSON.stringify(record.metrics.final));
  annotations.seeAlso = 'the log above and the job summary';
  await core.summary.addRaw(fitStepSummary(annotations.withSummaryNote(renderRunSummary(record)))).write();
  if (record.status === 'succeeded') core.info(verdictLine(record));
  else annotations.fail(verdictLine(record));
}
