import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ghmlPackageRoot } from '../io/package-root.js';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** What the server wrote to standard error so far: its log. */
  stderr(): string;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `ghml serve` as a user runs it (bin/ghml.js, the bundled CLI) in a process of its own, on
 * loopback with a free port; resolves once it listens, with the URL it printed.
 */
export function startServeProcess(args: string[], env: Record<string, string> = {}, cwd = ghmlPackageRoot()): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(ghmlPackageRoot(), 'bin/ghml.js'), 'serve', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ child, url: match[1], stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`ghml serve exited with ${code} before listening: ${stderr}`)));
  });
}
