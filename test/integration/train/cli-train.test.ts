import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { scratchDirectory } from '../../helpers/temp.js';
import { pathWithoutGpu } from './support.js';

const scratch = await scratchDirectory();

async function ghml(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: scratch.dir, env: { ...process.env, PATH: pathWithoutGpu(), USER: 'ada' } }, commands);
  return { code, stdout, stderr };
}

describe('ghml train', () => {
  it('exits 0 for a run that succeeded and prints the record as JSON on request, the command\'s output on stderr', async () => {
    const run = await ghml('train', '--command', 'echo "seed $GHML_SEED lr $GHML_PARAM_LEARNING_RATE"; echo \'{"f1": 0.8}\' > "$GHML_FINAL_METRICS"', '--model', 'm', '--params', '{"learning-rate": 0.3}', '--seed', '9', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('seed 9 lr 0.3');
    const record = RunRecord.parse(JSON.parse(run.stdout));
    expect(record).toMatchObject({ status: 'succeeded', seed: 9, params: { 'learning-rate': 0.3 }, metrics: { final: { f1: 0.8 } }, trigger: { event: 'cli', actor: 'ada' }, environment: { runner: null } });
  });

  it('exits 1 for a run that failed, and 2 for a configuration it cannot use', async () => {
    const failed = await ghml('train', '--command', 'exit 4', '--model', 'm', '--record-out', 'failed.json');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^Training run \S+ of m failed after [0-9.]+ s: the command exited with code 4\nrecord: .*failed\.json\n$/);
    const gpu = await ghml('train', '--command', 'true', '--model', 'm', '--require-gpu', '1');
    expect(gpu.code).toBe(2);
    expect(gpu.stderr).toContain('ghml train: require-gpu is 1 but 0 GPUs are visible on runner this machine (nvidia-smi is not on PATH');
    const unnamed = await ghml('train', '--command', 'true');
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toBe('ghml train: --model is required: name the model its runs are filed under.\n');
    const badName = await ghml('train', '--command', 'true', '--model', '../x');
    expect(badName.stderr).toContain('model "../x" is not a valid name');
    const noData = await ghml('train', '--command', 'true', '--model', 'm', '--data', 'absent.csv');
    expect(noData.stderr).toContain(`data path "absent.csv" does not exist in ${scratch.dir}`);
  });
});
