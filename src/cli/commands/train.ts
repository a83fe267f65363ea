import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDocument } from '../../contracts/load.js';
import { Sweep } from '../../contracts/sweep.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { writeFileAtomic } from '../../io/files.js';
import { runTrain } from '../../steps/train.js';
import { DirectoryCheckpointStore } from '../../train/checkpoint.js';
import { readParams } from '../../train/params.js';
import { processSignals } from '../../train/process.js';
import { formatNumber, verdictLine } from '../../train/report.js';
import { loadRunRecords, renderSelection, selectBest, selectionJson, type Goal } from '../../train/select.js';
import { sweepMatrix } from '../../train/sweep.js';
import { choiceFlag, listFlag, requiredStringFlag, stringFlag, wholeNumberFlag, type Command } from '../command.js';

function positiveNumberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new ConfigurationError(`--${name} must be a number above 0, not "${value}"`, { input: name });
  return number;
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'run a training command as a tracked run and write its run record',
  usage: `Usage: ghml train --command "<cmd>" --model <name> [options]

Runs the command (with bash, or sh) as a tracked run: parameters and seed go in, metrics come out,
and a run record (schemas/run-record.json) describes code, data, environment, GPUs and model.

The command sees:
  GHML_PARAMS          a JSON file of the parameters; each also as GHML_PARAM_<NAME>
  GHML_SEED            the seed
  GHML_METRICS         append one JSON object per line: {"step": 10, "loss": 0.31}
  GHML_FINAL_METRICS   write one JSON object of final values here (optional)
  GHML_MODEL_PATH      where to write the model (with --model-path)
  GHML_CHECKPOINT_DIR  where to keep checkpoints (with --checkpoint-dir)
  GHML_RUN_ID, GHML_MODEL

Options:
  --command <cmd>            the training command
  --model <name>             the model name runs are filed under
  --working-directory <dir>  where the command runs (default: here); the paths below are relative to it
  --model-path <path>        the model file the command writes; missing after success fails the run
  --params <file|text>       parameters, as a YAML/JSON file or inline JSON/YAML
  --seed <n>                 the seed (default 0)
  --data <path>              data the command reads, fingerprinted in the record; repeat for more
  --timeout-minutes <n>      stop the command after this long (fractions allowed)
  --require-gpu <n>          fail before starting unless n GPUs are visible
  --gpu-sample-seconds <n>   how often to sample nvidia-smi (default 5)
  --checkpoint-dir <dir>     restored before and saved after the run through --checkpoint-store
  --checkpoint-store <dir>   a directory that keeps checkpoints between runs
  --record-out <file>        where to write the run record (default: a temporary directory)
  --format <f>               text (default) or json (the run record)

Exit codes: 0 the run succeeded, 1 it failed, was cancelled or timed out, 2 usage or configuration error.`,
  options: {
    command: { type: 'string' },
    model: { type: 'string' },
    'working-directory': { type: 'string' },
    'model-path': { type: 'string' },
    params: { type: 'string' },
    seed: { type: 'string' },
    data: { type: 'string', multiple: true },
    'timeout-minutes': { type: 'string' },
    'require-gpu': { type: 'string' },
    'gpu-sample-seconds': { type: 'string' },
    'checkpoint-dir': { type: 'string' },
    'checkpoint-store': { type: 'string' },
    'record-out': { type: 'string' },
    format: { type: 'string' },
  },
  async run(args, io) {
    const format = choiceFlag(args, 'format', ['text', 'json'] as const) ?? 'text';
    const workingDirectory = path.resolve(io.cwd, stringFlag(args, 'working-directory') ?? '.');
    const store = stringFlag(args, 'checkpoint-store');
    const recordOut = stringFlag(args, 'record-out');
    const result = await runTrain({
      command: requiredStringFlag(args, 'command', 'give the command that trains the model, e.g. --command "python train.py"'),
      model: requiredStringFlag(args, 'model', 'name the model its runs are filed under'),
      workingDirectory,
      modelPath: stringFlag(args, 'model-path'),
      params: await readParams(stringFlag(args, 'params'), workingDirectory),
      seed: wholeNumberFlag(args, 'seed') ?? 0,
      data: listFlag(args, 'data'),
      timeoutMinutes: positiveNumberFlag(stringFlag(args, 'timeout-minutes'), 'timeout-minutes'),
      requireGpu: wholeNumberFlag(args, 'require-gpu') ?? 0,
      gpuSampleSeconds: positiveNumberFlag(stringFlag(args, 'gpu-sample-seconds'), 'gpu-sample-seconds') ?? 5,
      checkpointDir: stringFlag(args, 'checkpoint-dir'),
      checkpointStore: store ? new DirectoryCheckpointStore(path.resolve(io.cwd, store)) : undefined,
      recordOut: recordOut ? path.resolve(io.cwd, recordOut) : undefined,
      scratchDirectory: path.join(io.env.RUNNER_TEMP ?? tmpdir(), 'ghml'),
      env: io.env,
      cancellation: processSignals(),
      // Progress and the command's output go to stderr, so stdout holds only the result.
      log: {
        info: (message) => io.stderr(`${message}\n`),
        warning: (message) => io.stderr(`warning: ${message}\n`),
        output: (text) => io.stderr(text),
        startGroup: (title) => io.stderr(`${title}\n`),
        endGroup: () => {},
      },
    });
    const { record } = result;
    if (format === 'json') io.stdout(`${JSON.stringify(record, null, 2)}\n`);
    else {
      const final = Object.entries(record.metrics.final).map(([name, value]) => `  ${name}: ${formatNumber(value)}`);
      io.stdout([verdictLine(record), `record: ${result.recordPath}`, ...(final.length > 0 ? ['final metrics:', ...final] : [])].join('\n') + '\n');
    }
    return record.status === 'succeeded' ? ExitCode.ok : ExitCode.checkFailed;
  },
};

export const trainPlanCommand: Command = {
  name: 'train plan',
  summary: 'turn a sweep (search space) into a GitHub Actions matrix of trials',
  usage: `Usage: ghml train plan --sweep <file> [--out <file>]

Reads a sweep (YAML or JSON, see schemas/sweep.json) and prints the matrix of its trials as one
line of JSON, {"include": [{"trial": 1, "params": {...}}, ...]}, for a following job:

  strategy:
    matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
  ...
    with:
      params: \${{ toJSON(matrix.params) }}

Options:
  --sweep <file>   the sweep
  --out <file>     also write the matrix here

Exit codes: 0 planned, 2 usage or configuration error.`,
  options: {
    sweep: { type: 'string' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const file = path.resolve(io.cwd, requiredStringFlag(args, 'sweep', 'name the sweep file (see schemas/sweep.json)'));
    const matrix = sweepMatrix(await loadDocument(file, Sweep, 'sweep', 'sweep'));
    const json = JSON.stringify(matrix);
    const out = stringFlag(args, 'out');
    if (out) await writeFileAtomic(path.resolve(io.cwd, out), `${json}\n`);
    io.stdout(`${json}\n`);
    return ExitCode.ok;
  },
};

export const trainSelectCommand: Command = {
  name: 'train select',
  summary: 'pick the best of a sweep\'s runs by a metric and compare them',
  usage: `Usage: ghml train select --runs <file|dir>... --metric <name> --goal max|min [options]

Reads run records (files, or directories searched for them), ranks the succeeded runs by the final
value of the metric, and prints the best run, a comparison table and charts of the metric against
each numeric parameter (markdown), or all of it as JSON.

Options:
  --runs <path>     a run record or a directory of them; repeat for more
  --metric <name>   the final metric to rank by (default: the sweep's metric, with --sweep)
  --goal <g>        max or min (default: the sweep's goal, or max)
  --sweep <file>    take the metric and goal from this sweep
  --format <f>      markdown (default) or json
  --out <file>      also write the output here

Exit codes: 0 a best run was found, 1 no run has the metric, 2 usage or configuration error.`,
  options: {
    runs: { type: 'string', multiple: true },
    metric: { type: 'string' },
    goal: { type: 'string' },
    sweep: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const format = choiceFlag(args, 'format', ['markdown', 'json'] as const) ?? 'markdown';
    const sweepFile = stringFlag(args, 'sweep');
    const sweep = sweepFile ? await loadDocument(path.resolve(io.cwd, sweepFile), Sweep, 'sweep', 'sweep') : undefined;
    const metric = stringFlag(args, 'metric') ?? sweep?.metric?.name;
    if (!metric) throw new ConfigurationError('--metric is required (or a --sweep with a metric): name the final metric to rank runs by', { input: 'metric' });
    const goal = choiceFlag<Goal>(args, 'goal', ['max', 'min']) ?? sweep?.metric?.goal ?? 'max';
    const { runs, skipped } = await loadRunRecords(listFlag(args, 'runs').map((p) => path.resolve(io.cwd, p)));
    if (skipped.length > 0) io.stderr(`skipped ${skipped.length} JSON file${skipped.length === 1 ? '' : 's'} that are not run records\n`);
    const selection = selectBest(runs, metric, goal);
    const text = format === 'json' ? `${JSON.stringify(selectionJson(selection), null, 2)}\n` : renderSelection(selection);
    const out = stringFlag(args, 'out');
    if (out) await writeFileAtomic(path.resolve(io.cwd, out), text);
    io.stdout(text);
    return selection.best ? ExitCode.ok : ExitCode.checkFailed;
  },
};
