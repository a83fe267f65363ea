import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/deploy/command.js';

describe('the command target', () => {
  it("gives the script's verdict when it exits, though something it started in the background still holds its output", async () => {
    const logged: string[] = [];
    // Without the drain limit this waits for the background sleep: the test's timeout fails it.
    const run = await runCommand('sleep 30 & echo started; exit 3', { cwd: process.cwd(), env: {}, log: (line) => logged.push(line) });
    expect(run).toEqual({ exitCode: 3, signal: null, tail: 'started' });
    expect(logged).toEqual(['started']);
  }, 10_000);

  it("keeps each stream's lines whole, the last one too without a final newline", async () => {
    const run = await runCommand("printf 'on'; echo 'e'; printf 'tw' >&2; printf 'three'; echo 'o' >&2", { cwd: process.cwd(), env: {}, log: () => {} });
    expect(run.exitCode).toBe(0);
    // The two streams arrive in either order; within each, the pieces of a line join.
    expect(run.tail.split('\n').sort()).toEqual(['one', 'three', 'two']);
  });
});
