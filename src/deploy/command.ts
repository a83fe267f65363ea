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

export function runCommand(command: string, options: { cwd: string; env: Record<string, string>; log: (line: string) => void }): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd: options.cwd, env: { ...process.env, ...options.env }, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let pending = '';
    const take = (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) {
        options.log(line);
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      if (pending) take('\n');
      resolve({ exitCode, signal, tail: lines.join('\n') });
    });
  });
}
