import { z } from 'zod';
import { FileFingerprint } from './data-profile.js';

/**
 * The run record: what code, data, parameters, environment and hardware produced which model and
 * metrics. The train step writes one per run, whatever its outcome, and commits it to the registry
 * branch as runs/<model>/<id>.json (DESIGN §2).
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const timestamp = z.iso.datetime({ offset: true });
/** JSON values, as params files and metrics may hold them. */
const JsonValue: z.ZodType<unknown> = z.json();

export const RunStatus = z
  .enum(['succeeded', 'failed', 'cancelled', 'timed-out'])
  .describe('succeeded: the command exited 0 and wrote the model. failed: it exited non-zero, or wrote no model. cancelled: stopped by SIGINT/SIGTERM. timed-out: stopped at timeout-minutes.');
export type RunStatus = z.infer<typeof RunStatus>;

export const Trigger = z.strictObject({
  event: z.string().nullable().describe('GITHUB_EVENT_NAME, or "cli" outside Actions.'),
  actor: z.string().nullable(),
  repository: z.string().nullable(),
  ref: z.string().nullable(),
  sha: z.string().nullable().describe('GITHUB_SHA: the commit the workflow ran for.'),
  workflow: z.string().nullable(),
  job: z.string().nullable(),
  runId: z.string().nullable(),
  runAttempt: z.number().int().positive().nullable(),
  runUrl: z.url().nullable().describe('GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID.'),
});
export type Trigger = z.infer<typeof Trigger>;

export const GitState = z
  .strictObject({
    commit: z.string().regex(/^[0-9a-f]{40,64}$/),
    branch: z.string().nullable().describe('The checked-out branch; in a detached checkout (as in Actions), GITHUB_HEAD_REF or GITHUB_REF_NAME.'),
    dirty: z.boolean().describe('True when tracked files differ from the commit when the run started.'),
  })
  .nullable()
  .describe('The git state of the working directory when the run started; null outside a git repository.');

export const RawFileFingerprint = z.strictObject({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256,
});

export const DataLineage = z.strictObject({
  files: z.array(FileFingerprint).describe('Tabular data files (CSV, JSON Lines, Parquet), fingerprinted as validate-data does.'),
  otherFiles: z.array(RawFileFingerprint).describe('Other declared data files (images, arrays, archives), by content digest.'),
  fingerprint: sha256.nullable().describe('sha256 over the digests of files then otherFiles, in order; null when no data was declared.'),
});

export const DvcPointer = z.strictObject({
  source: z.string().describe('The .dvc file or dvc.lock the pointer was read from, relative to the working directory.'),
  stage: z.string().nullable().describe('The dvc.lock stage, or null for a .dvc file.'),
  role: z.enum(['out', 'dep']),
  path: z.string().describe('The data path as DVC records it (relative to the pointer file).'),
  hash: z.string().nullable().describe('The content hash DVC records (md5, ending in .dir for a directory, or etag/checksum).'),
  hashAlgorithm: z.string().nullable().describe('md5, md5-dos2unix, etag…: what DVC says the hash is.'),
  size: z.number().int().nonnegative().nullable(),
  files: z.number().int().nonnegative().nullable().describe('Number of files, for a directory.'),
});
export type DvcPointer = z.infer<typeof DvcPointer>;

export const LockFile = z.strictObject({
  path: z.string().describe('Relative to the working directory.'),
  bytes: z.number().int().nonnegative(),
  sha256,
});
export type LockFile = z.infer<typeof LockFile>;

export const PythonEnvironment = z.strictObject({
  executable: z.string(),
  version: z.string().nullable(),
  packages: z.array(z.string()).nullable().describe('`python -m pip freeze`, one requirement per entry.'),
  reason: z.string().nullable().describe('Why packages is null.'),
});

export const Environment = z.strictObject({
  os: z.strictObject({
    platform: z.string(),
    release: z.string(),
    name: z.string().nullable().describe('PRETTY_NAME from /etc/os-release, where there is one.'),
  }),
  arch: z.string(),
  cpu: z.strictObject({ model: z.string(), count: z.number().int().positive() }),
  memoryBytes: z.number().int().nonnegative(),
  nodeVersion: z.string(),
  runner: z
    .strictObject({
      name: z.string().nullable(),
      os: z.string().nullable(),
      arch: z.string().nullable(),
      environment: z.string().nullable().describe('RUNNER_ENVIRONMENT: github-hosted or self-hosted.'),
      labels: z.array(z.string()).nullable().describe('RUNNER_LABELS (comma-separated), when the runner exports it.'),
    })
    .nullable()
    .describe('The Actions runner; null outside Actions.'),
  container: z
    .strictObject({
      runtime: z.enum(['docker', 'podman', 'kubernetes', 'unknown']),
      image: z.string().nullable().describe('GHML_CONTAINER_IMAGE, when the job sets it: a container does not know its image name.'),
    })
    .nullable()
    .describe('Null when the step does not run in a container.'),
  workflowRunUrl: z.url().nullable(),
  lockFiles: z.array(LockFile).describe('Dependency lock files in the working directory, by digest.'),
  python: PythonEnvironment.nullable().describe('The python on PATH; null when there is none.'),
});
export type Environment = z.infer<typeof Environment>;

const MinMax = z.strictObject({ mean: z.number(), max: z.number() });

export const GpuDevice = z.strictObject({
  index: z.number().int().nonnegative(),
  uuid: z.string(),
  name: z.string(),
  driverVersion: z.string(),
  memoryTotalMiB: z.number().nonnegative().nullable(),
  samples: z.number().int().nonnegative().describe('Samples taken while the command ran.'),
  utilizationPercent: MinMax.nullable().describe('Null when nvidia-smi reports it as [N/A] or no sample was taken.'),
  memoryUsedMaxMiB: z.number().nonnegative().nullable(),
  powerWatts: MinMax.nullable(),
  temperatureMaxC: z.number().nullable(),
});
export type GpuDevice = z.infer<typeof GpuDevice>;

export const GpuSummary = z.strictObject({
  available: z.boolean(),
  reason: z.string().nullable().describe('Why no GPU is listed, when available is false.'),
  cudaVersion: z.string().nullable().describe('The highest CUDA version the driver supports, from the nvidia-smi header.'),
  sampleIntervalSeconds: z.number().positive(),
  devices: z.array(GpuDevice),
});
export type GpuSummary = z.infer<typeof GpuSummary>;

export const MetricPoint = z.strictObject({ step: z.number(), value: z.number() });

export const MetricSeries = z.strictObject({
  name: z.string(),
  count: z.number().int().positive(),
  first: z.number(),
  last: z.number(),
  min: z.number(),
  max: z.number(),
  points: z.array(MetricPoint).describe('At most 200 points, evenly spaced over the series, first and last included: for charts.'),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const Metrics = z.strictObject({
  final: z.record(z.string(), z.number()).describe('The final metrics file, over the last value of each series.'),
  series: z.array(MetricSeries),
  warnings: z.array(z.string()).describe('Metrics lines that could not be read, by line number.'),
});
export type Metrics = z.infer<typeof Metrics>;

export const TensorSignature = z.strictObject({
  name: z.string(),
  elementType: z.string().describe('As ONNX Runtime names it: float32, int64, string…'),
  shape: z.array(z.union([z.number().int(), z.string()])).describe('A number per fixed dimension, the symbol for a named one (e.g. "N").'),
});

export const ModelArtifact = z.strictObject({
  path: z.string().describe('As given, relative to the working directory.'),
  format: z.enum(['onnx', 'pytorch', 'safetensors', 'pickle', 'joblib', 'keras', 'tensorflow', 'gguf', 'xgboost', 'directory', 'other']),
  bytes: z.number().int().nonnegative(),
  sha256: sha256.describe('For a directory: sha256 over "<relative path>\\0<sha256>\\n" of its files, sorted by path.'),
  signature: z
    .strictObject({ inputs: z.array(TensorSignature), outputs: z.array(TensorSignature) })
    .nullable()
    .describe('Inputs and outputs of an ONNX model; null for other formats or when it could not be read.'),
  signatureUnavailable: z.string().nullable().describe('Why an ONNX model has no signature.'),
});
export type ModelArtifact = z.infer<typeof ModelArtifact>;

export const CheckpointInfo = z.strictObject({
  directory: z.string(),
  store: z.string().nullable().describe('Where checkpoints are kept between attempts; null when nowhere (the directory stays where it is).'),
  key: z.string().nullable().describe('The key saved under.'),
  restoredFrom: z.string().nullable().describe('The key restored before the run; null when it started afresh.'),
  saved: z.boolean(),
  files: z.number().int().nonnegative().describe('Files in the directory after the run.'),
  bytes: z.number().int().nonnegative(),
  problem: z.string().nullable().describe('Why restoring or saving did not happen.'),
});
export type CheckpointInfo = z.infer<typeof CheckpointInfo>;

export const RunRecord = z
  .strictObject({
    format: z.literal('ghml.run-record/v1'),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).describe('Unique, sortable by start time, safe in a file name.'),
    model: z.string().describe('The model name.'),
    status: RunStatus,
    message: z.string().nullable().describe('Why the run did not succeed.'),
    exitCode: z.number().int().nullable().describe('The command\'s exit code; null when a signal ended it.'),
    signal: z.string().nullable().describe('The signal that ended the command, if one did.'),
    startedAt: timestamp,
    endedAt: timestamp,
    durationSeconds: z.number().nonnegative(),
    trigger: Trigger,
    git: GitState,
    command: z.string(),
    workingDirectory: z.string(),
    params: z.record(z.string(), JsonValue),
    seed: z.number().int(),
    data: DataLineage,
    dvc: z.array(DvcPointer),
    environment: Environment,
    gpu: GpuSummary,
    metrics: Metrics,
    modelArtifact: ModelArtifact.nullable().describe('Null when the run did not produce the model.'),
    artifact: z
      .strictObject({
        name: z.string().describe('ghml-run-<model>-<id>.'),
        id: z.number().int().positive().describe('GET /repos/{owner}/{repo}/actions/artifacts/{id}/zip downloads it.'),
      })
      .nullable()
      .optional()
      .describe('The workflow artifact holding the model and this record, added after the upload to the record at record-path and to the one committed to the registry; the copy inside the artifact was uploaded before its id existed and has none.'),
    checkpoint: CheckpointInfo.nullable().describe('Null when no checkpoint-dir was given.'),
    previousProductionVersion: z.number().int().positive().nullable().describe('The version serving production when the run started, when a registry says.'),
  })
  .describe('A ghml training run record.');
export type RunRecord = z.infer<typeof RunRecord>;
