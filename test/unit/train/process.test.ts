import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCommand, type Cancellation } from '../../../src/train/process.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

/** A stop request delivered by hand, as the Action delivers its own SIGTERM. */
function stopButton(): Cancellation & { press(signal: NodeJS.Signals): void } {
  const listeners = new Set<(signal: NodeJS.Signals) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    press(signal) {
      for (const listener of listeners) listener(signal);
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(file: string): Promise<string> {
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.trim()) return text.trim();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('running the training command', () => {
  it('streams output and returns the exit code, with the bash options GitHub run steps use (errexit, pipefail)', async () => {
    let out = '';
    const outcome = await runCommand({ command: 'echo héllo; echo after', cwd: scratch.dir, env: process.env, killAfterMs: 1000, output: (text) => (out += text) });
    expect(outcome).toEqual({ ending: 'exited', exitCode: 0, signal: null, stopSignal: null });
    expect(out).toBe('héllo\nafter\n');
    let partial = '';
    const failing = await runCommand({ command: 'false | true; echo not reached', cwd: scratch.dir, env: process.env, killAfterMs: 1000, output: (text) => (partial += text) });
    expect(failing.exitCode).toBe(1);
    expect(partial).toBe('');
  });

  it('forwards a stop signal to every process the command started', async () => {
    const pids = `${scratch.dir}/pids`;
    const button = stopButton();
    // A background grandchild, like a data loader worker: it must not outlive the cancelled run.
    const running = runCommand({ command: `sleep 30 & echo $! > ${pids}; wait`, cwd: scratch.dir, env: process.env, killAfterMs: 10_000, cancellation: button, output: () => {} });
    const grandchild = Number(await waitFor(pids));
    const pressed = Date.now();
    button.press('SIGTERM');
    const outcome = await running;
    expect(outcome).toMatchObject({ ending: 'cancelled', stopSignal: 'SIGTERM' });
    expect(alive(grandchild)).toBe(false);
    // Well before the grace period: the signal itself ended them, not the kill that follows it.
    expect(Date.now() - pressed).toBeLessThan(5000);
  });

  it('kills a command that ignores the stop signal once the grace period is over', async () => {
    const started = Date.now();
    const outcome = await runCommand({ command: "trap '' TERM; sleep 30", cwd: scratch.dir, env: process.env, timeoutMs: 100, killAfterMs: 300, output: () => {} });
    expect(outcome).toMatchObject({ ending: 'timed-out', exitCode: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
