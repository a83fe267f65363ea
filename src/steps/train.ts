import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RunRecord, type CheckpointInfo, type RunStatus } from '../contracts/run-record.js';
import { ConfigurationError } from '../errors.js';
import { writeJson } from '../io/files.js';
import { checkpointKey, directoryContents, type CheckpointStore } from '../train/checkpoint.js';
import { checkDataPaths, fingerprintData, readDvcPointers } from '../train/data-lineage.js';
import { captureEnvironment, captureGit, captureTrigger } from '../train/environment.js';
import { GpuSampler, probeGpus, type GpuProbe } from '../train/gpu.js';
import { readMetrics } from '../train/metrics.js';
import { describeModel } from '../train/model-artifact.js';
import { paramVariables, type Params } from '../train/params.js';
import { runCommand, type Cancellation, type CommandOutcome } from '../train/process.js';

/** The registry branch, as far as training needs it (implemented by the registry's GitHub adapter). */
export interface RunRegistry {
  /** The version serving production now, or null when none does. */
  productionVersion(model: string): Promise<number | null>;
  /** Commits runs/<model>/<id>.json to the registry branch; returns where it was written. */
  commitRun(record: RunRecord): Promise<string>;
}

export interface UploadedArtifact {
  name: string;
  id: number;
  /** The upload for the log: its name, id and size. */
  description: string;
}

/** Uploads the model and the run record as a workflow artifact (implemented with @actions/artifact). */
export interface ArtifactUploader {
  upload(name: string, files: string[]): Promise<UploadedArtifact>;
}

export interface TrainLog {
  info(message: string): void;
  warning(message: string): void;
  /** The command's own output, as it arrives. */
  output(text: string, stream: 'stdout' | 'stderr'): void;
  startGroup(title: string): void;
  endGroup(): void;
}

export interface TrainOptions {
  command: string;
  /** The model name: runs are filed under it. */
  model: string;
  workingDirectory: string;
  /** Where the command writes the model, relative to the working directory. */
  modelPath?: string;
  params: Params;
  seed: number;
  /** Data the command reads, relative to the working directory: files or directories. */
  data: string[];
  timeoutMinutes?: number;
  /** Fail before starting unless at least this many GPUs are visible. */
  requireGpu: number;
  gpuSampleSeconds: number;
  /** Relative to the working directory. */
  checkpointDir?: string;
  checkpointStore?: CheckpointStore;
  /** Where to write the run record; default <scratchDirectory>/runs/<model>/<id>.json. */
  recordOut?: string;
  /** Holds the run's params file and metrics files. */
  scratchDirectory: string;
  /** The environment the command inherits (GHML_* variables are added). */
  env: NodeJS.ProcessEnv;
  cancellation?: Cancellation;
  /** How long a stopped command gets to save its state and exit before it is killed. */
  killAfterSeconds?: number;
  registry?: RunRegistry;
  artifacts?: ArtifactUploader;
  log: TrainLog;
}

export interface TrainResult {
  record: RunRecord;
  recordPath: string;
  /** Absolute path of the model, when the run produced one. */
  modelFile: string | null;
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Run ids sort by start time and never collide between parallel trials. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

async function checkOptions(options: TrainOptions): Promise<void> {
  if (options.command.trim() === '') throw new ConfigurationError('command is empty: give the command that trains the model', { input: 'command' });
  if (!MODEL_NAME.test(options.model)) {
    throw new ConfigurationError(`model "${options.model}" is not a valid name: use letters, digits, ".", "_" and "-", starting with a letter or digit`, { input: 'model' });
  }
  if (!(await stat(options.workingDirectory).catch(() => undefined))?.isDirectory()) {
    throw new ConfigurationError(`working-directory "${options.workingDirectory}" is not a directory`, { input: 'working-directory' });
  }
  await checkDataPaths(options.data, options.workingDirectory);
}

/**
 * A promise awaited only after the command ends. Node ends the process on a rejection nobody
 * handles, and this one has no handler for as long as the training runs.
 */
function inBackground<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** How the run ended; `outcome` is null when a stop signal came before the command started. */
function statusOf(outcome: CommandOutcome | null, stopSignal: NodeJS.Signals | null, modelProblem: string | null, timeoutMinutes: number | undefined): { status: RunStatus; message: string | null } {
  if (!outcome) return { status: 'cancelled', message: `cancelled by ${stopSignal} before the command started` };
  if (outcome.ending === 'cancelled') return { status: 'cancelled', message: `cancelled by ${outcome.stopSignal}: the command was asked to stop` };
  if (outcome.ending === 'timed-out') return { status: 'timed-out', message: `the command ran longer than timeout-minutes (${timeoutMinutes}) and was stopped` };
  if (outcome.exitCode !== 0) {
    return { status: 'failed', message: outcome.exitCode === null ? `the command was killed by ${outcome.signal}` : `the command exited with code ${outcome.exitCode}` };
  }
  if (modelProblem) return { status: 'failed', message: modelProblem };
  return { status: 'succeeded', message: null };
}

/**
 * train: runs the user's training command as a tracked run and writes its run record, whatever the
 * outcome. Only a configuration mistake (including too few GPUs) stops it before the command runs.
 */
export async function runTrain(options: TrainOptions): Promise<TrainResult> {
  await checkOptions(options);
  const gpus = await probeGpus(options.env);
  if (gpus.gpus.length < options.requireGpu) {
    throw new ConfigurationError(
      `require-gpu is ${options.requireGpu} but ${gpus.gpus.length} GPU${gpus.gpus.length === 1 ? ' is' : 's are'} visible on runner ${options.env.RUNNER_NAME ?? 'this machine'}${gpus.reason ? ` (${gpus.reason})` : ''}: run the job on a GPU runner (e.g. runs-on: [self-hosted, gpu]) or lower require-gpu`,
      { input: 'require-gpu' },
    );
  }

  // From here on every run ends with a record: a stop signal ends the run, no longer the process.
  const stop: { signal: NodeJS.Signals | null } = { signal: null };
  const release = options.cancellation?.subscribe((signal) => (stop.signal ??= signal));
  try {
    return await trackedRun(options, gpus, stop);
  } finally {
    release?.();
  }
}

async function trackedRun(options: TrainOptions, gpus: GpuProbe, stop: { signal: NodeJS.Signals | null }): Promise<TrainResult> {
  const { log, workingDirectory } = options;
  const startedAt = new Date();
  const id = newRunId(startedAt);
  const runDirectory = path.resolve(options.scratchDirectory, 'runs', id);
  await mkdir(runDirectory, { recursive: true });
  const files = {
    params: path.join(runDirectory, 'params.json'),
    metrics: path.join(runDirectory, 'metrics.jsonl'),
    finalMetrics: path.join(runDirectory, 'final-metrics.json'),
  };
  await writeFile(files.params, `${JSON.stringify(options.params, null, 2)}\n`);
  await writeFile(files.metrics, '');
  const modelFile = options.modelPath ? path.resolve(workingDirectory, options.modelPath) : null;
  const checkpointDirectory = options.checkpointDir ? path.resolve(workingDirectory, options.checkpointDir) : null;

  // The code as it was before the command could change it.
  const git = await captureGit(workingDirectory, options.env);
  // Captured while the command runs: pip freeze and hashing the data take seconds a run need not wait for.
  const environment = inBackground(captureEnvironment(workingDirectory, options.env));
  const data = inBackground(fingerprintData(options.data, workingDirectory));
  const dvc = inBackground(readDvcPointers(workingDirectory));
  const productionVersion = options.registry
    ? options.registry.productionVersion(options.model).catch((error: unknown) => {
        log.warning(`could not read the production version of ${options.model} from the registry: ${(error as Error).message}`);
        return null;
      })
    : Promise.resolve(null);

  const checkpoint = checkpointDirectory
    ? await restoreCheckpoint(options, checkpointDirectory, checkpointKey({ model: options.model, command: options.command, params: options.params, seed: options.seed, env: options.env }, startedAt))
    : null;

  const env: NodeJS.ProcessEnv = {
    ...options.env,
    ...paramVariables(options.params),
    GHML_RUN_ID: id,
    GHML_MODEL: options.model,
    GHML_PARAMS: files.params,
    GHML_SEED: String(options.seed),
    GHML_METRICS: files.metrics,
    GHML_FINAL_METRICS: files.finalMetrics,
    ...(modelFile ? { GHML_MODEL_PATH: modelFile } : {}),
    ...(checkpointDirectory ? { GHML_CHECKPOINT_DIR: checkpointDirectory } : {}),
  };
  const sampler = new GpuSampler(gpus, options.gpuSampleSeconds, options.env);
  log.startGroup(`ghml train: ${options.command}`);
  sampler.start();
  let outcome: CommandOutcome | null;
  try {
    outcome = stop.signal
      ? null
      : await runCommand({
          command: options.command,
          cwd: workingDirectory,
          env,
          timeoutMs: options.timeoutMinutes === undefined ? undefined : options.timeoutMinutes * 60_000,
          killAfterMs: (options.killAfterSeconds ?? 5) * 1000,
          cancellation: options.cancellation,
          output: log.output,
        });
  } finally {
    log.endGroup();
  }
  const gpu = await sampler.stop();
  const endedAt = new Date();

  const metrics = await readMetrics(files.metrics, files.finalMetrics);
  for (const warning of metrics.warnings) log.warning(warning);
  const model = outcome?.ending === 'exited' && outcome.exitCode === 0 && options.modelPath ? await describeModel(workingDirectory, options.modelPath, startedAt) : null;
  if (model?.artifact?.signatureUnavailable) log.warning(`the model's inputs and outputs were not recorded: ${model.artifact.signatureUnavailable}`);
  const { status, message } = statusOf(outcome, stop.signal, model?.problem ?? null, options.timeoutMinutes);
  const dvcPointers = await dvc;
  if (dvcPointers.truncated) log.warning('stopped looking for DVC files after 20,000 entries: keep .dvc files near the working directory');

  const record: RunRecord = RunRecord.parse({
    format: 'ghml.run-record/v1',
    id,
    model: options.model,
    status,
    message,
    exitCode: outcome?.exitCode ?? null,
    signal: outcome?.signal ?? null,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    trigger: captureTrigger(options.env),
    git,
    command: options.command,
    workingDirectory,
    params: options.params,
    seed: options.seed,
    data: await data,
    dvc: dvcPointers.pointers,
    environment: await environment,
    gpu,
    metrics,
    modelArtifact: model?.artifact ?? null,
    checkpoint,
    previousProductionVersion: await productionVersion,
  } satisfies RunRecord);

  const recordPath = path.resolve(options.recordOut ?? path.join(options.scratchDirectory, 'runs', options.model, `${id}.json`));
  await writeJson(recordPath, record);
  if (checkpoint && checkpointDirectory) {
    // The record is written first: a runner gives a cancelled step seconds, and a slow save must not cost the record.
    Object.assign(record.checkpoint!, await saveCheckpoint(options, checkpointDirectory, checkpoint));
    await writeJson(recordPath, RunRecord.parse(record));
  }
  log.info(`run record written to ${recordPath}`);

  const producedModel = record.modelArtifact ? modelFile : null;
  await publish(options, record, recordPath, producedModel);
  return { record, recordPath, modelFile: producedModel };
}

async function restoreCheckpoint(options: TrainOptions, directory: string, key: ReturnType<typeof checkpointKey>): Promise<CheckpointInfo> {
  const info: CheckpointInfo = {
    directory: options.checkpointDir!,
    store: options.checkpointStore?.description ?? null,
    key: null,
    restoredFrom: null,
    saved: false,
    files: 0,
    bytes: 0,
    problem: options.checkpointStore ? 'the step stopped before the checkpoint was saved' : 'no checkpoint store: the directory stays where it is',
  };
  await mkdir(directory, { recursive: true });
  if (!options.checkpointStore) return info;
  info.key = key.save;
  try {
    info.restoredFrom = await options.checkpointStore.restore(directory, key.restorePrefixes);
    options.log.info(info.restoredFrom ? `checkpoint restored from ${info.restoredFrom} (${options.checkpointStore.description})` : 'no checkpoint to restore: starting afresh');
  } catch (error) {
    options.log.warning(`could not restore the checkpoint: ${(error as Error).message}; starting afresh`);
  }
  return info;
}

async function saveCheckpoint(options: TrainOptions, directory: string, info: CheckpointInfo): Promise<Partial<CheckpointInfo>> {
  const contents = await directoryContents(directory);
  if (!options.checkpointStore) return { ...contents };
  if (contents.files === 0) return { ...contents, problem: 'the checkpoint directory is empty: nothing to save' };
  try {
    await options.checkpointStore.save(directory, info.key!);
    options.log.info(`checkpoint saved as ${info.key} (${contents.files} files, ${options.checkpointStore.description})`);
    return { ...contents, saved: true, problem: null };
  } catch (error) {
    options.log.warning(`could not save the checkpoint: ${(error as Error).message}`);
    return { ...contents, problem: `saving failed: ${(error as Error).message}` };
  }
}

async function publish(options: TrainOptions, record: RunRecord, recordPath: string, modelFile: string | null): Promise<void> {
  if (options.artifacts) {
    const files = modelFile && !(await stat(modelFile)).isDirectory() ? [recordPath, modelFile] : [recordPath];
    const { name, id, description } = await options.artifacts.upload(`ghml-run-${record.model}-${record.id}`, files);
    options.log.info(`uploaded ${description}`);
    // The record names the artifact it is in, here and in the registry; the copy inside was uploaded before the id existed.
    record.artifact = { name, id };
    await writeJson(recordPath, RunRecord.parse(record));
  } else {
    options.log.info('artifact upload is not configured: the run record and model stay on this runner');
  }
  if (options.registry) options.log.info(`run record committed to the registry at ${await options.registry.commitRun(record)}`);
  else options.log.info(`no registry configured: runs/${record.model}/${record.id}.json is not committed`);
}
