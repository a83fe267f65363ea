import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * Runs the user's training command as a process group of its own, so that a timeout or a
 * cancellation reaches every process it started (data loader workers, torchrun ranks), not only
 * the shell.
 */

/** Where stop requests come from: the Action and the CLI listen to their own SIGINT and SIGTERM. */
export interface Cancellation {
  /** Calls the listener with each stop signal received; returns a function that stops listening. */
  subscribe(listener: (signal: NodeJS.Signals) => void): () => void;
}

/**
 * Stop requests from this process's own signals. While someone listens, the signals no longer end
 * the process, which lets the step forward them to the command and still write its run record.
 */
export function processSignals(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Cancellation {
  return {
    subscribe(listener) {
      for (const signal of signals) process.on(signal, listener);
      return () => {
        for (const signal of signals) process.off(signal, listener);
      };
    },
  };
}

export type Ending = 'exited' | 'timed-out' | 'cancelled';

export interface CommandOutcome {
  ending: Ending;
  /** The exit code, or null when a signal ended the command. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The signal that asked the command to stop, for a cancellation. */
  stopSignal: NodeJS.Signals | null;
}

export interface CommandOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** How long a stopped command gets to exit (and write its checkpoint) before it is killed. */
  killAfterMs: number;
  cancellation?: Cancellation;
  output: (text: string, stream: 'stdout' | 'stderr') => void;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** bash with the options GitHub's `run:` steps use, where there is a bash; POSIX sh otherwise. */
export async function shellFor(command: string, env: NodeJS.ProcessEnv): Promise<{ file: string; args: string[] }> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (await isExecutable(path.join(dir, 'bash'))) return { file: path.join(dir, 'bash'), args: ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command] };
  }
  return { file: '/bin/sh', args: ['-e', '-c', command] };
}

/** How long to wait for the command's output to drain after it exits, when a process it left behind holds the pipe. */
const DRAIN_MS = 2000;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

export async function runCommand(options: CommandOptions): Promise<CommandOutcome> {
  const shell = await shellFor(options.command, options.env);
  const child = spawn(shell.file, shell.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A new session, so the command leads its own process group and -pid reaches all of it.
    detached: true,
  });
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  child.stdout.on('data', (chunk: Buffer) => options.output(decoders.stdout.write(chunk), 'stdout'));
  child.stderr.on('data', (chunk: Buffer) => options.output(decoders.stderr.write(chunk), 'stderr'));

  let ending: Ending = 'exited';
  let stopSignal: NodeJS.Signals | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = (signal: NodeJS.Signals, why: Ending) => {
    if (ending === 'exited') ending = why;
    if (why === 'cancelled') stopSignal ??= signal;
    signalGroup(signal);
    killTimer ??= setTimeout(() => signalGroup('SIGKILL'), options.killAfterMs);
  };
  const timeout = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('SIGTERM', 'timed-out'), options.timeoutMs);
  const unsubscribe = options.cancellation?.subscribe((signal) => stop(signal, 'cancelled'));

  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, sig) => resolve([code, sig]));
    });
    // A stopped shell may exit before the processes it started finish writing their checkpoints.
    if (ending !== 'exited') await groupGone(child.pid!, options.killAfterMs + DRAIN_MS);
    await new Promise<void>((resolve) => {
      if (child.stdout.readableEnded && child.stderr.readableEnded) return resolve();
      const drained = setTimeout(resolve, DRAIN_MS);
      child.once('close', () => {
        clearTimeout(drained);
        resolve();
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (rest) options.output(rest, stream);
    }
    return { ending, exitCode, signal, stopSignal };
  } finally {
    clearTimeout(timeout);
    clearTimeout(killTimer);
    unsubscribe?.();
    child.stdout.destroy();
    child.stderr.destroy();
  }
}
