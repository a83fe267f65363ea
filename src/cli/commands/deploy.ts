import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeployStrategy, DeployTarget, RolloutSettings } from '../../contracts/deploy.js';
import { deployVerdict, renderDeployMarkdown } from '../../deploy/summary.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { writeJson } from '../../io/files.js';
import { parseModelReference } from '../../registry/reference.js';
import { chooseTarget, runDeploy } from '../../steps/deploy.js';
import { choiceFlag, listFlag, requiredStringFlag, stringFlag, type Command } from '../command.js';
import { connectionOptions, connectionUsage, openRegistry, withConnection } from './registry.js';

const rolloutFlags = ['canary-steps', 'step-duration', 'max-error-rate', 'max-p95-ms', 'min-requests', 'shadow-percent'] as const;

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'roll a registered version out to ghml serve, a batch of predictions or your command, with rollback',
  usage: `Usage: ghml deploy <model>@v<N>|<model>@<stage> --environment <name> [options] [where]

Downloads the version's package from its release, verifies every digest, smoke-tests it and rolls
it out; on a failed smoke test or a breached canary limit it rolls back. The deploy Action does the
same and reports on the GitHub Deployment (see actions/deploy/README.md); this command only prints.

Target (default: batch for --strategy batch, command with --command, else serve):
  --target <t>               serve, batch or command
  --strategy <s>             ${DeployStrategy.options.join(', ')} (default blue-green)
  --environment <name>       the environment deployed to, for the report

serve (a running ghml serve; its admin token in GHML_ADMIN_TOKEN):
  --server-url <url>         e.g. http://127.0.0.1:8080
  --canary-steps <list>      percentages rising to 100 (default 10,50,100)
  --step-duration <dur>      how long each canary or shadow step is watched (default 60s)
  --max-error-rate <r>       largest share of 5xx answers in a step (default 0.01)
  --max-p95-ms <ms>          largest 95th-percentile latency in a step (default 250)
  --min-requests <n>         fewer requests in a step give no verdict (default 50)
  --shadow-percent <p>       share of requests mirrored to a shadow (default 100)

batch:
  --batch-data <file>        data to score (repeat for several files)
  --batch-output <file>      predictions: .jsonl (the prediction log's layout) or .csv

command:
  --command <cmd>            shell command given GHML_MODEL_PATH, GHML_MODEL_VERSION, …
  --rollback-command <cmd>   run when the command fails

Also:
  --smoke-rows <file>        rows for the smoke test (default: from the version's data profile or contract)
  --work-dir <dir>           where the package is downloaded (default: a temporary directory)
  --report-out <file>        write the deploy report (JSON) here
  --format <f>               text (default), json or markdown

${connectionUsage}

Exit codes: 0 deployed, 1 rolled back or refused, 2 usage or configuration error.`,
  options: {
    ...connectionOptions,
    target: { type: 'string' },
    strategy: { type: 'string' },
    environment: { type: 'string' },
    'server-url': { type: 'string' },
    ...Object.fromEntries(rolloutFlags.map((name) => [name, { type: 'string' }])),
    'batch-data': { type: 'string', multiple: true },
    'batch-output': { type: 'string' },
    command: { type: 'string' },
    'rollback-command': { type: 'string' },
    'smoke-rows': { type: 'string' },
    'work-dir': { type: 'string' },
    'report-out': { type: 'string' },
    format: { type: 'string' },
  },
  allowPositionals: true,
  async run(args, io) {
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError('give one model with a version or a stage, e.g. churn@v4 or churn@production', { input: 'model' });
    const reference = parseModelReference(text);
    if (reference.kind === 'latest') throw new ConfigurationError(`say which version of ${reference.model} to deploy: ${reference.model}@v<N> or ${reference.model}@<stage>`, { input: 'model' });
    const environment = requiredStringFlag(args, 'environment', 'the environment deployed to, e.g. production');
    const strategy = choiceFlag(args, 'strategy', DeployStrategy.options) ?? 'blue-green';
    const format = choiceFlag(args, 'format', ['text', 'json', 'markdown'] as const) ?? 'text';
    const rawSettings = Object.fromEntries(rolloutFlags.flatMap((name) => (stringFlag(args, name) === undefined ? [] : [[name, stringFlag(args, name)]])));
    const parsed = RolloutSettings.safeParse(rawSettings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigurationError(`--${String(issue.path[0])} ${issue.message}`, { input: String(issue.path[0]) });
    }
    const settings = parsed.data;
    const resolve = (file: string) => path.resolve(io.cwd, file);
    const batchData = listFlag(args, 'batch-data').map(resolve);
    const batchOutput = stringFlag(args, 'batch-output');
    const command = stringFlag(args, 'command');
    const serverUrl = stringFlag(args, 'server-url');
    const target = chooseTarget({ target: choiceFlag(args, 'target', DeployTarget.options), strategy, serverUrl, batchData, batchOutput, command });
    const adminToken = io.env.GHML_ADMIN_TOKEN;
    if (target === 'serve' && !adminToken) throw new ConfigurationError('the serve target needs the server\'s admin token in GHML_ADMIN_TOKEN', { input: 'GHML_ADMIN_TOKEN' });
    return withConnection(args, io, async (connection) => {
      if (!connection.releases) throw new ConfigurationError('packages are release assets on GitHub: deploy needs --repo (or GITHUB_REPOSITORY), not --local', { input: 'local' });
      const report = await runDeploy({
        reference,
        environment,
        strategy,
        target,
        workDirectory: resolve(stringFlag(args, 'work-dir') ?? path.join(tmpdir(), 'ghml-deploy')),
        smokeRowsFile: stringFlag(args, 'smoke-rows') && resolve(stringFlag(args, 'smoke-rows')!),
        serve: target === 'serve' ? { url: serverUrl!, adminToken: adminToken!, canarySteps: settings['canary-steps'], shadowPercent: settings['shadow-percent'], stepMs: settings['step-duration'], thresholds: { maxErrorRate: settings['max-error-rate'], maxP95Ms: settings['max-p95-ms'], minRequests: settings['min-requests'] } } : undefined,
        batch: target === 'batch' ? { data: batchData, output: resolve(batchOutput!) } : undefined,
        command: target === 'command' ? { run: command!, rollback: stringFlag(args, 'rollback-command'), cwd: io.cwd } : undefined,
        log: (message) => io.stderr(`${message}\n`),
      }, { packages: { registry: await openRegistry(connection), releases: connection.releases } });
      const reportOut = stringFlag(args, 'report-out');
      if (reportOut) await writeJson(resolve(reportOut), report);
      if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else if (format === 'markdown') io.stdout(renderDeployMarkdown(report));
      else io.stdout(`${deployVerdict(report)}\n`);
      return report.result === 'succeeded' ? ExitCode.ok : ExitCode.checkFailed;
    });
  },
};
