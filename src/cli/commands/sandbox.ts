import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { stringFlag, type Command } from '../command.js';

/** Probot's own defaults: port 3000, webhooks at /api/github/webhooks. */
const defaultWebhookUrl = 'http://127.0.0.1:3000/api/github/webhooks';

function portFlag(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigurationError(`--port "${value}" is not a TCP port (0 to 65535; 0 picks a free one)`, { input: 'port' });
  return port;
}

function webhookUrlFlag(value: string | undefined): string {
  const url = value ?? defaultWebhookUrl;
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new ConfigurationError(`--webhook-url "${url}" is not an http(s) URL`, { input: 'webhook-url' });
  return url;
}

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'start a local GitHub (REST API, git repository, webhooks) for the demo and for trying the app',
  usage: `Usage: ghml sandbox [options]

Starts the sandbox on 127.0.0.1: a local server that implements the part of GitHub's REST API
ghml uses, backed by a git repository on disk, delivering signed webhooks to the app. Point
octokit, @actions/github (GITHUB_API_URL) or Probot (GHE_HOST, GHE_PROTOCOL=http) at it as at
GitHub Enterprise Server. Stop it with Ctrl+C. See src/sandbox/README.md.

Options:
  --port <n>              port on 127.0.0.1 (default 0: a free port)
  --seed <dir>            files for the first commit of the default branch (default: a README)
  --webhook-url <url>     where the app listens (default ${defaultWebhookUrl})
  --webhook-secret <s>    the app's webhook secret (default: a random one, printed)

Exit codes: 0 stopped cleanly, 1 requests or webhooks departed from GitHub's descriptions, 2 usage error.`,
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
  },
  async run(args, io) {
    const port = portFlag(stringFlag(args, 'port'));
    const seed = stringFlag(args, 'seed');
    if (seed !== undefined && !existsSync(path.resolve(io.cwd, seed))) throw new ConfigurationError(`--seed ${seed} does not exist; give a directory of files`, { input: 'seed' });
    const webhookUrl = webhookUrlFlag(stringFlag(args, 'webhook-url'));
    const webhookSecret = stringFlag(args, 'webhook-secret') ?? randomBytes(16).toString('hex');

    // Loaded on demand: the sandbox carries GitHub's descriptions, which no other command needs.
    const { startSandbox } = await import('../../sandbox/index.js');
    const sandbox = await startSandbox({ port, seed: seed === undefined ? undefined : path.resolve(io.cwd, seed), webhook: { url: webhookUrl, secret: webhookSecret } });
    const keyDir = await mkdtemp(path.join(tmpdir(), 'ghml-sandbox-app-'));
    const keyFile = path.join(keyDir, 'app.pem');
    await writeFile(keyFile, sandbox.app.privateKey, { mode: 0o600 });

    const host = new URL(sandbox.url).host;
    const width = Math.max(...Object.keys(sandbox.tokens).map((login) => login.length));
    const role = (login: string) => sandbox.users.find((user) => user.login === login)?.role ?? (login.endsWith('[bot]') ? 'GITHUB_TOKEN of workflow runs' : 'no access');
    io.stdout([
      `ghml sandbox: a local GitHub at ${sandbox.url}`,
      '',
      `  API (GITHUB_API_URL, octokit baseUrl)  ${sandbox.apiUrl}`,
      `  repository                             ${sandbox.repo.fullName}, default branch ${sandbox.repo.defaultBranch}`,
      `  git directory                          ${sandbox.repo.gitDir}`,
      '',
      '  tokens (Authorization: token <token>):',
      ...Object.entries(sandbox.tokens).map(([login, token]) => `    ${login.padEnd(width)}  ${token}  (${role(login)})`),
      '',
      `  the app should listen at ${webhookUrl}; run it with`,
      `    APP_ID=${sandbox.app.id} PRIVATE_KEY_PATH=${keyFile} WEBHOOK_SECRET=${webhookSecret} GHE_HOST=${host} GHE_PROTOCOL=http`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'));

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sandbox.close();
    await rm(keyDir, { recursive: true, force: true });
    const violations = sandbox.contractViolations;
    io.stdout(`ghml sandbox: stopped after ${[...sandbox.callLog.values()].reduce((sum, count) => sum + count, 0)} requests and ${sandbox.deliveries.length} webhook deliveries.\n`);
    if (violations.length === 0) return ExitCode.ok;
    io.stderr(`ghml sandbox: ${violations.length} departures from GitHub's descriptions:\n${violations.map((violation) => `  ${violation.kind} ${violation.subject}${violation.status ? ` ${violation.status}` : ''}: ${violation.message}`).join('\n')}\n`);
    return ExitCode.checkFailed;
  },
};
