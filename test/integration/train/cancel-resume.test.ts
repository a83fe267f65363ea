import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../../src/sandbox/step-runner.js';
import { scratchDirectory } from '../../helpers/temp.js';
import { pathWithoutGpu, readRecord, resumableScript, trainEntry } from './support.js';

const scratch = await scratchDirectory();

/** The parent of a process, from /proc (Linux, as the runners are). */
async function parentOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces; the parent pid is the second field after it.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Walks up from the training script to the process running dist/train.js: the step the runner would signal. */
async function stepProcessOf(pid: number): Promise<number> {
  for (let current = pid; current > 1; current = await parentOf(current)) {
    const commandLine = await readFile(`/proc/${current}/cmdline`, 'utf8');
    if (commandLine.includes('train.js')) return current;
  }
  throw new Error(`no train.js process above ${pid}`);
}

async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text) return text;
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function resumableRun(name: string, options: { steps: number; attempt: number; inputs?: Record<string, string>; env?: Record<string, string> }) {
  return runStep({
    entry: trainEntry,
    workspace: scratch.dir,
    inputs: {
      command: `node ${resumableScript}`,
      model: 'resumable',
      'model-path': `${name}.bin`,
      params: JSON.stringify({ steps: options.steps, job: name }),
      'checkpoint-dir': `${name}-checkpoints`,
      'checkpoint-store': 'store',
      ...options.inputs,
    },
    env: { PATH: pathWithoutGpu(), GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: String(options.attempt), ...options.env },
  });
}

describe('a train step stopped part way', () => {
  it('records a cancelled run and saves its checkpoint on SIGTERM, and the re-run attempt resumes from it', async () => {
    const ready = path.join(scratch.dir, 'ready');
    const cancelled = resumableRun('cancel', { steps: 30, attempt: 1, env: { READY_FILE: ready } });
    process.kill(await stepProcessOf(Number(await waitForFile(ready))), 'SIGTERM');
    const first = await cancelled;

    expect(first.exitCode).toBe(1);
    expect(first.outputs.status).toBe('cancelled');
    expect(first.stdout).toMatch(/stopped at step \d+, progress saved/);
    expect(first.stdout).toMatch(/::error::Training run \S+ of resumable cancelled after [0-9.]+ s: cancelled by SIGTERM/);
    const record = await readRecord(first.outputs['record-path']);
    expect(record).toMatchObject({ status: 'cancelled', message: 'cancelled by SIGTERM: the command was asked to stop', exitCode: 143, signal: null, modelArtifact: null });
    expect(record.checkpoint).toMatchObject({ directory: 'cancel-checkpoints', restoredFrom: null, saved: true, files: 1, problem: null });
    const saved = JSON.parse(await readFile(path.join(scratch.dir, 'store', record.checkpoint!.key!, 'progress.json'), 'utf8'));
    expect(saved.step).toBeGreaterThanOrEqual(5);
    expect(saved.step).toBe(record.metrics.series.find((s) => s.name === 'loss')!.count);

    // Attempt 2 of the same workflow run, on a runner whose workspace is gone, as after a preemption.
    await rm(path.join(scratch.dir, 'cancel-checkpoints'), { recursive: true });
    const second = await resumableRun('cancel', { steps: 30, attempt: 2 });
    expect(second.outputs.status, second.stdout).toBe('succeeded');
    expect(second.stdout).toContain(`resuming at step ${saved.step}`);
    const resumed = await readRecord(second.outputs['record-path']);
    expect(resumed.checkpoint).toMatchObject({ restoredFrom: record.checkpoint!.key, saved: true });
    expect(resumed.checkpoint!.key).toMatch(/-2-\d+$/);
    expect(resumed.metrics.final.resumed_from).toBe(saved.step);
    expect(resumed.metrics.series.find((s) => s.name === 'loss')).toMatchObject({ count: 30 - saved.step, points: expect.arrayContaining([{ step: 30, value: 1 / 30 }]) });
    expect(resumed.modelArtifact).toMatchObject({ path: 'cancel.bin', format: 'other' });
  });

  it('records a timed-out run, with its checkpoint saved, at timeout-minutes', async () => {
    const result = await resumableRun('timeout', { steps: 1000, attempt: 1, inputs: { 'timeout-minutes': '0.01' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('timed-out');
    const record = await readRecord(result.outputs['record-path']);
    expect(record).toMatchObject({ status: 'timed-out', message: 'the command ran longer than timeout-minutes (0.01) and was stopped', exitCode: 143 });
    expect(record.durationSeconds).toBeGreaterThanOrEqual(0.6);
    expect(record.durationSeconds).toBeLessThan(10);
    expect(record.checkpoint?.saved).toBe(true);
    const entries = await readdir(path.join(scratch.dir, 'store'));
    expect(entries).toContain(record.checkpoint!.key);
    const saved = JSON.parse(await readFile(path.join(scratch.dir, 'store', record.checkpoint!.key!, 'progress.json'), 'utf8'));
    expect(saved.step).toBeGreaterThan(0);
  });
});
