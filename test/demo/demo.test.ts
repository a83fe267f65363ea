import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, scratchDirectory } from '../helpers/temp.js';

/**
 * `ghml demo` as a newcomer runs it after `npm ci`: the bundled CLI, the whole loop on the sandbox,
 * left running with --keep so the test can look around as a person would, then stopped with Ctrl+C.
 */

const run = promisify(execFile);
const scratch = await scratchDirectory();
const directory = path.join(scratch.dir, 'demo');
let stdout = '';
let stderr = '';
let exit: { code: number | null; signal: NodeJS.Signals | null };
let registryList: string;

beforeAll(async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/ghml.js'), 'demo', '--dir', directory, '--keep'], { cwd: scratch.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<typeof exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const kept = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('Press Ctrl+C to stop.')) resolve(stdout);
    });
    void exited.then(({ code }) => reject(new Error(`ghml demo exited with ${code} before the loop completed:\n${stdout}\n${stderr}`)));
  });
  const printed = await kept;
  // The command it suggests, run as printed: the registry of the demo's repository, read through the sandbox.
  const suggestion = /for example: GITHUB_TOKEN=(\S+) npx ghml (registry list .*)$/m.exec(printed);
  if (!suggestion) throw new Error(`no command to look around with in:\n${printed}`);
  registryList = (await run(process.execPath, [path.join(repoRoot, 'bin/ghml.js'), ...suggestion[2].split(' ')], { env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: suggestion[1] } })).stdout;
  child.kill('SIGINT');
  exit = await exited;
}, 180_000);

describe('ghml demo', () => {
  it('runs the whole loop and exits 0 once stopped', () => {
    expect(stderr).toBe('');
    expect(exit).toEqual({ code: 0, signal: null });
    const steps = stdout.split('\n').filter((line) => /^ ?\d+\. /.test(line)).map((line) => line.replace(/^ ?\d+\. /, '').split(':')[0]);
    expect(steps).toEqual([
      'GitHub and the app',
      'validate-data', 'train v1', 'evaluate v1', 'register v1', 'policy check on #1', 'merge #1', 'deploy v1 to staging',
      'promote v1 to production', 'policy check on #2', 'merge #2', 'deploy v1 to production',
      'validate-data', 'train v2', 'evaluate v2', 'register v2', 'policy check on #3', 'merge #3', 'deploy v2 to staging',
      'promote v2 to production', 'policy check on #4', 'merge #4', 'deploy v2 to production',
      'live traffic during the rollout', 'drift-check, January–June 2015', 'drift-check, all of 2015',
      'the app opens a drift issue', '/ghml retrain', 'GitHub\'s descriptions',
    ]);
    expect(stdout).toMatch(/alice approves → failure \(2 requirements not met\); erin approves → failure \(1 requirement not met\); bob approves → success/);
    expect(stdout).toMatch(/deploy v2 to production: canary: load v2 ✓, smoke test of v2 ✓, canary 10% ✓, canary 50% ✓, all traffic to v2 ✓, smoke test through the routing ✓; statuses in_progress → success/);
    expect(stdout).toMatch(/evaluate v1: .*with no champion yet \(seattle-weather@production holds no version\).*gate passed/);
    expect(stdout).toMatch(/evaluate v2: .*against the champion seattle-weather@production.*gate passed/);
    expect(stdout).toMatch(/drift-check, all of 2015: .*: drift in .*temp_max/);
    expect(stdout).toMatch(/the app dispatched \.github\/workflows\/pipeline\.yml with model=seattle-weather/);
    expect(stdout).toMatch(/The loop completed: 29 steps in [\d.]+ s\./);
  });

  it('leaves the sandbox up with --keep: the registry is there to read with the printed command', () => {
    expect(registryList).toMatch(/seattle-weather/);
    expect(registryList).toMatch(/production/);
  });

  it('writes a report that links the pull requests, checks, releases, deployments and the issue it made', async () => {
    const markdown = await readFile(path.join(directory, 'report/demo.md'), 'utf8');
    for (const made of [/\/pulls\/4\)/, /\/check-runs\/\d+\)/, /\/releases\/tags\/model%2Fseattle-weather%2Fv2\)/, /\/deployments\/\d+\/statuses\)/, /\/issues\/5\)/]) expect(markdown).toMatch(made);
    expect(markdown).toContain('## v1 and v2 on the held-out half of 2014');
    const html = await readFile(path.join(directory, 'report/demo.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    // Self-contained: nothing for a browser to fetch.
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it('refuses a directory that is not empty, as a usage error', async () => {
    const used = path.join(scratch.dir, 'used');
    await mkdir(used);
    await writeFile(path.join(used, 'keep-me.txt'), 'mine');
    const failure = await run(process.execPath, [path.join(repoRoot, 'bin/ghml.js'), 'demo', '--dir', used]).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--dir .*used is not empty: give a new or empty directory/);
    expect(await readFile(path.join(used, 'keep-me.txt'), 'utf8')).toBe('mine');
  });
});
