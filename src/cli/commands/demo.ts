import { existsSync } from 'node:fs';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { stringFlag, type Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole loop on a local GitHub: validate, train, evaluate, register, promote, deploy, drift, retrain',
  usage: `Usage: ghml demo [--dir <dir>] [--keep]

Starts the sandbox (a local GitHub) and the ghml app in this process, seeds a repository with
examples/seattle-weather, and runs the loop with the bundled Actions as a runner runs them:
validate-data → train → evaluate → register v1 → promotion pull request → approvals → merge →
deployment → ghml serve → production (quorum) → v2 on more data → evaluation against v1 →
canary rollout under live traffic → 2015's weather replayed → drift-check → drift issue →
/ghml retrain. Each step prints one line with what was checked and where to look. Needs no
network; needs the project's development dependencies (npm ci).

Options:
  --dir <dir>   where the sandbox, the runner's workspace, the prediction logs and the report go
                (default: a new temporary directory); it must be empty or new
  --keep        leave the sandbox, the app and the servers running after the loop, to look around
                with \`ghml registry … --repo … --api-url …\` and the printed URLs; Ctrl+C stops

The report is written to <dir>/report/demo.md and demo.html.

Exit codes: 0 the loop completed, 1 a step did not end as it should, 2 usage error.`,
  options: { dir: { type: 'string' }, keep: { type: 'boolean' } },
  async run(args, io) {
    const requested = stringFlag(args, 'dir');
    const directory = requested === undefined ? await mkdtemp(path.join(tmpdir(), 'ghml-demo-')) : path.resolve(io.cwd, requested);
    if (requested !== undefined && existsSync(directory)) {
      if (!(await stat(directory)).isDirectory()) throw new ConfigurationError(`--dir ${requested} is not a directory: give a new or empty directory`, { input: 'dir' });
      if ((await readdir(directory)).length > 0) throw new ConfigurationError(`--dir ${requested} is not empty: give a new or empty directory`, { input: 'dir' });
    }
    // Loaded on demand: the demo carries the sandbox, the app and Probot, which no other command needs.
    const { runDemo, DemoFailure } = await import('../../demo/index.js');
    const say = (line: string) => io.stdout(`${line}\n`);
    try {
      const result = await runDemo({
        directory,
        say,
        keep: args.values.keep === true ? async (world) => {
          say('');
          say(`The sandbox stays up: ${world.sandboxUrl} (API ${world.apiUrl}, repository ${world.repository}).`);
          for (const server of world.servers) say(`  ghml serve for ${server.environment}: ${server.url}`);
          say(`  for example: GITHUB_TOKEN=${world.tokens.alice} npx ghml registry list --repo ${world.repository} --api-url ${world.apiUrl}`);
          say('Press Ctrl+C to stop.');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
        } : undefined,
      });
      say('');
      say(`The loop completed: ${result.steps.length} steps in ${result.seconds.toFixed(1)} s. Report: ${result.markdownReport} and ${result.htmlReport}`);
      return ExitCode.ok;
    } catch (error) {
      if (error instanceof DemoFailure) {
        io.stderr(`ghml demo: ${error.message}\n(everything is kept in ${directory})\n`);
        return ExitCode.checkFailed;
      }
      throw error;
    }
  },
};
