import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStep, type StepRunResult } from '../../../src/sandbox/step-runner.js';
import { sha256OfFile } from '../../../src/io/digest.js';
import { repoRoot, scratchDirectory } from '../../helpers/temp.js';
import { exampleCommand, pathWithFakeGpus, pathWithoutGpu, readRecord, trainEntry, userProject } from './support.js';

const scratch = await scratchDirectory();
const project = path.join(scratch.dir, 'project');
const store = path.join(scratch.dir, 'checkpoint-store');
let commit: string;

beforeAll(async () => {
  commit = await userProject(project);
});

const params = JSON.stringify({ learning_rate: 0.4, l2: 0.001, epochs: 120 });

function trainExample(extra: { inputs?: Record<string, string>; env?: Record<string, string>; entry?: string } = {}): Promise<StepRunResult> {
  return runStep({
    entry: extra.entry ?? trainEntry,
    workspace: project,
    inputs: {
      command: exampleCommand,
      model: 'seattle-weather',
      'model-path': 'model/seattle-weather.onnx',
      params,
      seed: '5',
      data: 'data/seattle-weather.csv',
      'checkpoint-dir': 'checkpoints',
      'checkpoint-store': store,
      'gpu-sample-seconds': '0.2',
      ...extra.inputs,
    },
    env: {
      PATH: pathWithFakeGpus(),
      RUNNER_LABELS: 'self-hosted,linux,gpu',
      RUNNER_ENVIRONMENT: 'self-hosted',
      GHML_CONTAINER_IMAGE: 'ghcr.io/octo-org/trainer:1.4',
      GITHUB_WORKFLOW: 'train',
      GITHUB_RUN_ID: '4242',
      ...extra.env,
    },
  });
}

describe('the train Action, run as the runner runs it, on the example project', () => {
  it('runs the example and writes a complete run record with GPU summaries', async () => {
    const result = await trainExample();
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const { outputs } = result;
    expect(outputs.status).toBe('succeeded');
    expect(outputs['record-path']).toBe(path.join(result.runnerTemp, 'ghml', 'runs', 'seattle-weather', `${outputs['run-id']}.json`));
    const record = await readRecord(outputs['record-path']);

    expect(record).toMatchObject({
      format: 'ghml.run-record/v1',
      id: outputs['run-id'],
      model: 'seattle-weather',
      status: 'succeeded',
      message: null,
      exitCode: 0,
      signal: null,
      command: exampleCommand,
      workingDirectory: project,
      params: { learning_rate: 0.4, l2: 0.001, epochs: 120 },
      seed: 5,
      git: { commit, branch: 'main', dirty: false },
      previousProductionVersion: null,
    });
    expect(Date.parse(record.endedAt) - Date.parse(record.startedAt)).toBeCloseTo(record.durationSeconds * 1000, 0);
    expect(record.trigger).toEqual({
      event: 'workflow_dispatch',
      actor: 'octocat',
      repository: 'octo-org/ml-repo',
      ref: 'refs/heads/main',
      sha: '0000000000000000000000000000000000000000',
      workflow: 'train',
      job: 'step',
      runId: '4242',
      runAttempt: 1,
      runUrl: 'https://github.com/octo-org/ml-repo/actions/runs/4242',
    });

    // Data: the declared file by content and rows, and the DVC pointers of the project.
    expect(record.data.files).toEqual([
      { path: 'data/seattle-weather.csv', format: 'csv', bytes: 48219, sha256: await sha256OfFile(path.join(project, 'data/seattle-weather.csv')), rows: 1461 },
    ]);
    expect(record.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(record.dvc).toEqual([
      { source: 'dvc.lock', stage: 'prepare', role: 'dep', path: 'raw', hash: '9a0364b9e99bb480dd25e1f0284c8555.dir', hashAlgorithm: 'md5', size: 1048576, files: 12 },
      { source: 'dvc.lock', stage: 'prepare', role: 'out', path: 'data/prepared.csv', hash: '3f1b2a6c8d9e0f1a2b3c4d5e6f7a8b9c', hashAlgorithm: 'md5', size: 48219, files: null },
      { source: 'data/seattle-weather.csv.dvc', stage: null, role: 'out', path: 'seattle-weather.csv', hash: '0845078a290b48e3149ab8639966824d', hashAlgorithm: 'md5', size: 48219, files: null },
    ]);

    // Environment: this machine, the runner the variables describe, the lock files by digest.
    const env = record.environment;
    expect(env).toMatchObject({
      os: { platform: os.platform(), release: os.release() },
      arch: os.arch(),
      cpu: { count: os.cpus().length },
      memoryBytes: os.totalmem(),
      nodeVersion: process.version,
      runner: { name: 'ghml-step-runner', os: 'Linux', arch: 'X64', environment: 'self-hosted', labels: ['self-hosted', 'linux', 'gpu'] },
      container: { image: 'ghcr.io/octo-org/trainer:1.4' },
      workflowRunUrl: 'https://github.com/octo-org/ml-repo/actions/runs/4242',
    });
    expect(env.lockFiles).toEqual([
      { path: 'requirements.txt', bytes: 27, sha256: await sha256OfFile(path.join(project, 'requirements.txt')) },
      { path: 'uv.lock', bytes: 39, sha256: await sha256OfFile(path.join(project, 'uv.lock')) },
    ]);
    if (env.python) expect(env.python.packages ?? env.python.reason).toBeTruthy();

    // GPUs: both of the fake nvidia-smi's, the one that cannot report power without a power summary.
    expect(record.gpu).toMatchObject({ available: true, reason: null, cudaVersion: '12.4', sampleIntervalSeconds: 0.2 });
    const [h100, geforce] = record.gpu.devices;
    expect(h100).toMatchObject({
      index: 0,
      uuid: 'GPU-5b7a2c1e-8f3d-4e6a-9c2b-1d4e5f6a7b8c',
      name: 'NVIDIA H100 80GB HBM3',
      driverVersion: '550.54.15',
      memoryTotalMiB: 81559,
      utilizationPercent: { mean: 87, max: 87 },
      memoryUsedMaxMiB: 61234,
      powerWatts: { mean: 512.43, max: 512.43 },
      temperatureMaxC: 64,
    });
    expect(h100.samples).toBeGreaterThanOrEqual(1);
    expect(geforce).toMatchObject({ index: 1, name: 'NVIDIA GeForce GTX 1050 Ti', powerWatts: null, utilizationPercent: { mean: 12, max: 12 }, temperatureMaxC: 45 });

    // Metrics: the series the script appended, and its final metrics file over their last values.
    expect(record.metrics.warnings).toEqual([]);
    expect(Object.keys(record.metrics.final).sort()).toEqual(['accuracy', 'f1', 'log_loss', 'loss', 'test_accuracy', 'train_accuracy']);
    const loss = record.metrics.series.find((s) => s.name === 'loss')!;
    expect(loss).toMatchObject({ count: 12, first: loss.points[0].value, last: loss.points[11].value });
    expect(loss.points.map((p) => p.step)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(loss.max).toBe(loss.first);
    expect(loss.min).toBe(loss.last);
    expect(JSON.parse(outputs.metrics)).toEqual(record.metrics.final);

    // The model, by content, with the signature ONNX Runtime reads from it.
    const modelFile = path.join(project, 'model/seattle-weather.onnx');
    expect(outputs['model-path']).toBe(modelFile);
    expect(outputs['model-sha256']).toBe(await sha256OfFile(modelFile));
    expect(record.modelArtifact).toEqual({
      path: 'model/seattle-weather.onnx',
      format: 'onnx',
      bytes: (await stat(modelFile)).size,
      sha256: outputs['model-sha256'],
      signature: {
        inputs: [{ name: 'features', elementType: 'float32', shape: ['N', 4] }],
        outputs: [
          { name: 'label', elementType: 'string', shape: ['N'] },
          { name: 'probabilities', elementType: 'float32', shape: ['N', 5] },
        ],
      },
      signatureUnavailable: null,
    });

    // The checkpoint the script kept, saved to the store under this run's key.
    expect(record.checkpoint).toMatchObject({ directory: 'checkpoints', store: `directory ${store}`, restoredFrom: null, saved: true, files: 1, problem: null });
    expect((await stat(path.join(store, record.checkpoint!.key!, 'checkpoint.json'))).isFile()).toBe(true);

    // The job summary: verdict, tables, GPU table and the metric curves as mermaid line charts.
    expect(result.summary).toContain(`### ✅ Training run ${record.id} of seattle-weather succeeded`);
    expect(result.summary).toContain('| learning_rate | 0.4 |');
    expect(result.summary).toMatch(/\| f1 \| 0\.\d+ \|/);
    expect(result.summary).toContain('| 0 | NVIDIA H100 80GB HBM3 | 87 % / 87 % | 61234 / 81559 MiB | 512.4 W / 512.4 W | 64 °C |');
    expect(result.summary).toContain('Driver 550.54.15, CUDA 12.4.');
    expect(result.summary).toContain('```mermaid\nxychart-beta\n  title "loss"\n  x-axis "step" ["10", "20"');
    expect(result.summary).toMatch(/ {2}line \[[0-9.]+, /);
    expect(result.stdout).toContain('::group::ghml train: node --import tsx');
    expect(result.stdout).toContain('trained 120 epochs');
    expect(result.stdout).toContain('artifact upload is not configured');
    expect(result.stdout).toContain('no registry configured');
  });

  it('says why there is no GPU when nvidia-smi is absent, and still records the run', async () => {
    const result = await trainExample({ env: { PATH: pathWithoutGpu() }, inputs: { 'checkpoint-dir': '', 'checkpoint-store': '' } });
    expect(result.exitCode, result.stdout).toBe(0);
    const record = await readRecord(result.outputs['record-path']);
    expect(record.gpu).toEqual({ available: false, reason: 'nvidia-smi is not on PATH: no NVIDIA driver on this machine', cudaVersion: null, sampleIntervalSeconds: 0.2, devices: [] });
    expect(record.checkpoint).toBeNull();
    expect(result.summary).toContain('No GPU: nvidia-smi is not on PATH');
  });

  it('records the signature where onnxruntime-node cannot be loaded, as in an Action checkout', async () => {
    // A copy of dist/ outside the repository has no node_modules to load onnxruntime-node from, like an Action checkout.
    const dist = path.join(scratch.dir, 'action-checkout', 'dist');
    await cp(path.join(repoRoot, 'dist'), dist, { recursive: true });
    const result = await trainExample({ entry: path.join(dist, 'train.js'), inputs: { 'checkpoint-dir': '' } });
    expect(result.exitCode, result.stdout).toBe(0);
    const record = await readRecord(result.outputs['record-path']);
    expect(record.modelArtifact?.signature).toEqual({
      inputs: [{ name: 'features', elementType: 'float32', shape: ['N', 4] }],
      outputs: [
        { name: 'label', elementType: 'string', shape: ['N'] },
        { name: 'probabilities', elementType: 'float32', shape: ['N', 5] },
      ],
    });
    expect(record.modelArtifact?.signatureUnavailable).toBeNull();
    expect(record.modelArtifact?.sha256).toBe(result.outputs['model-sha256']);
  });
});

describe('the train Action on bad input', () => {
  const fixtureRun = (command: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runStep({ entry: trainEntry, workspace: project, inputs: { command, model: 'fixture', ...inputs }, env: { PATH: pathWithoutGpu(), ...env } });

  it('fails the run when the command exits non-zero, with its exit code', async () => {
    const result = await fixtureRun('echo "{\\"step\\": 1, \\"loss\\": 2}" >> "$GHML_METRICS"; echo training broke >&2; exit 3');
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.stdout).toContain('::error::Training run');
    expect(result.stdout).toContain('failed after');
    expect(result.stdout).toContain('the command exited with code 3');
    const record = await readRecord(result.outputs['record-path']);
    expect(record).toMatchObject({ status: 'failed', exitCode: 3, message: 'the command exited with code 3', modelArtifact: null, metrics: { final: { loss: 2 } } });
    expect(result.stderr).toContain('training broke');
  });

  it('warns about a metrics line that is not JSON with its line number, and keeps the rest', async () => {
    const lines = ['{"step": 1, "loss": 0.9}', 'loss=0.8', '{"step": 3, "loss": 0.7, "phase": "train"}', '[1, 2]'];
    await writeFile(path.join(project, 'metrics.txt'), `${lines.join('\n')}\n`);
    const result = await fixtureRun('cat metrics.txt >> "$GHML_METRICS"; echo \'{"f1": 0.5, "note": "x"}\' > "$GHML_FINAL_METRICS"');
    expect(result.exitCode, result.stdout).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual(['metrics line 2 is not JSON, skipped: loss=0.8', 'metrics line 4 is not a JSON object, skipped: [1, 2]', 'final metric "note" is not a number, ignored']);
    const record = await readRecord(result.outputs['record-path']);
    expect(record.metrics.series).toEqual([{ name: 'loss', count: 2, first: 0.9, last: 0.7, min: 0.7, max: 0.9, points: [{ step: 1, value: 0.9 }, { step: 3, value: 0.7 }] }]);
    expect(record.metrics.final).toEqual({ loss: 0.7, f1: 0.5 });
    expect(result.summary).toContain('#### Metrics warnings\n\n- metrics line 2 is not JSON');
  });

  it('warns when the model\'s signature cannot be read, and records why', async () => {
    const result = await fixtureRun('mkdir -p out && echo not a model > out/broken.onnx', { 'model-path': 'out/broken.onnx' });
    expect(result.exitCode, result.stdout).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([expect.stringMatching(/^the model's inputs and outputs were not recorded: the file is not an ONNX model \(.+\): the signature was not read$/)]);
    const record = await readRecord(result.outputs['record-path']);
    expect(record.modelArtifact).toMatchObject({ format: 'onnx', signature: null, signatureUnavailable: expect.stringMatching(/^the file is not an ONNX model/) });
  });

  it('annotates at most 10 warnings, logs the rest, and says how many more in one line and in the summary', async () => {
    const result = await fixtureRun('for i in $(seq 1 14); do echo "loss=$i" >> "$GHML_METRICS"; done');
    expect(result.exitCode, result.stdout).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual(Array.from({ length: 10 }, (_, i) => `metrics line ${i + 1} is not JSON, skipped: loss=${i + 1}`));
    expect(result.stdout).toContain('warning: metrics line 14 is not JSON, skipped: loss=14');
    expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
      '4 more problems: see the log above and the job summary (GitHub shows at most 10 errors and 10 warnings per step as annotations)',
    ]);
    expect(result.summary).toContain('> [!NOTE]\n> 4 more problems: see the log above and the job summary');
    expect(result.summary).toContain('- metrics line 14 is not JSON, skipped: loss=14');
  });

  it('fails the run when the command succeeds without writing the model', async () => {
    const result = await fixtureRun('echo trained', { 'model-path': 'out/missing.onnx' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.stdout).toContain('the command succeeded but wrote no model at out/missing.onnx: write it there, or correct model-path');
    const record = await readRecord(result.outputs['record-path']);
    expect(record).toMatchObject({ status: 'failed', exitCode: 0, modelArtifact: null });
  });

  it('does not take a model left by an earlier run for this run\'s', async () => {
    await mkdir(path.join(project, 'out'), { recursive: true });
    const stale = path.join(project, 'out/stale.onnx');
    await writeFile(stale, 'old');
    const { utimes } = await import('node:fs/promises');
    await utimes(stale, new Date('2024-01-01'), new Date('2024-01-01'));
    const result = await fixtureRun('true', { 'model-path': 'out/stale.onnx' });
    expect(result.outputs.status).toBe('failed');
    expect(result.stdout).toContain('the model file out/stale.onnx was not written by this run');
  });

  it('fails fast, before running anything, when require-gpu cannot be met', async () => {
    const withoutGpu = await fixtureRun('touch ran', { 'require-gpu': '1' });
    expect(withoutGpu.exitCode).toBe(1);
    expect(withoutGpu.stdout).toContain(
      '::error::Configuration error in input "require-gpu": require-gpu is 1 but 0 GPUs are visible on runner ghml-step-runner (nvidia-smi is not on PATH: no NVIDIA driver on this machine): run the job on a GPU runner',
    );
    const tooFew = await fixtureRun('touch ran', { 'require-gpu': '4' }, { PATH: pathWithFakeGpus() });
    expect(tooFew.stdout).toContain('require-gpu is 4 but 2 GPUs are visible');
    const hidden = await fixtureRun('touch ran', { 'require-gpu': '2' }, { PATH: pathWithFakeGpus(), CUDA_VISIBLE_DEVICES: 'GPU-0e9d8c7b' });
    expect(hidden.stdout).toContain('require-gpu is 2 but 1 GPU is visible');
    await expect(stat(path.join(project, 'ran'))).rejects.toThrow();
    expect(withoutGpu.outputs).toEqual({});
  });

  it('names the input at fault for a missing or malformed input', async () => {
    const missing = await runStep({ entry: trainEntry, workspace: project, inputs: { command: 'true' } });
    expect(missing.stdout).toContain('::error::Configuration error in input "model": input "model" is required');
    const badParams = await fixtureRun('true', { params: 'learning_rate: [0.1' });
    expect(badParams.stdout).toContain('::error::Configuration error in input "params": params:1: params is not valid YAML or JSON');
    const badTimeout = await fixtureRun('true', { 'timeout-minutes': 'soon' });
    expect(badTimeout.stdout).toContain('Configuration error in input "timeout-minutes": must be a positive number');
    expect(missing.stdout + badParams.stdout + badTimeout.stdout).not.toMatch(/\n\s+at /);
    expect(await readFile(path.join(project, 'requirements.txt'), 'utf8')).toContain('numpy');
  });
});
