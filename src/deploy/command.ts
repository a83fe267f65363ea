import { spawn } from 'node:child_process';

/**
 * The command target: the user's own deployment script, for platforms ghml does not drive itself
 * (KServe, SageMaker, a VM). It runs in a shell with the verified package described in GHML_*
 * variables (docs in actions/deploy/README.md); its exit status is the verdict.
 */

export interface CommandRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed, for the summary. */
  tail: string;
}

const TAIL_LINES = 20;
/**
 * How long output may go on arriving after the shell exits. A script may start something that
 * outlives it (`server &`) and holds its output open: the verdict is the script's exit, not that.
 */
const DRAIN_MS = 2000;

export function runCommand(command: string, options: { cwd: string; env: Record<string, string>; log: (line: string) => void }): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd: options.cwd, env: { ...process.env, ...options.env }, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    // A line may arrive in pieces; each stream's piece waits for the rest of its own line.
    const pending = { stdout: '', stderr: '' };
    const take = (stream: keyof typeof pending, chunk: string) => {
      const complete = (pending[stream] + chunk).split('\n');
      pending[stream] = complete.pop()!;
      for (const line of complete) {
        options.log(line);
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => take('stdout', chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => take('stderr', chunk));
    child.on('error', reject);
    child.once('exit', (exitCode, signal) => {
      const finish = () => {
        clearTimeout(drained);
        child.stdout.destroy();
        child.stderr.destroy();
        for (const stream of ['stdout', 'stderr'] as const) if (pending[stream]) take(stream, '\n');
        resolve({ exitCode, signal, tail: lines.join('\n') });
      };
      const drained = setTimeout(finish, DRAIN_MS);
      child.once('close', finish);
    });
  });
}
