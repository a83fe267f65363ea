import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Octokit } from 'octokit';
import ghmlApp from '../../app/index.js';
import { createOctokit } from '../github/client.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { startSandboxApp, type SandboxApp } from '../sandbox/probot.js';
import { startServeProcess, type ServeProcess } from '../serve/process.js';
import { runStep, sandboxEnvironment, type StepRunResult } from '../sandbox/step-runner.js';
import { MODEL } from './scenario.js';

const execFileAsync = promisify(execFile);

/** The bearer tokens of the demo's prediction servers: clients', and the deploy Action's admin one. */
const CLIENT_TOKEN = `demo-client-${randomBytes(8).toString('hex')}`;
const ADMIN_TOKEN = `demo-admin-${randomBytes(8).toString('hex')}`;

export class DemoFailure extends Error {}

export interface PredictionServerProcess {
  environment: string;
  url: string;
  logDirectory: string;
  process: ServeProcess;
}

/**
 * Everything the loop runs on: the sandbox (a local GitHub), the ghml app on a real Probot,
 * a checkout of the repository where the bundled Actions run as the runner runs them, and one
 * `ghml serve` per environment.
 */
export class DemoWorld {
  readonly servers = new Map<string, PredictionServerProcess>();
  private readonly clients = new Map<string, Octokit>();

  private constructor(
    readonly packageRoot: string,
    readonly directory: string,
    readonly sandbox: Sandbox,
    readonly app: SandboxApp,
    readonly workspace: string,
  ) {}

  static async start(packageRoot: string, directory: string, seed: string): Promise<DemoWorld> {
    const sandbox = await startSandbox({ seed, directory: path.join(directory, 'sandbox') });
    let app: SandboxApp | undefined;
    try {
      app = await startSandboxApp(sandbox, ghmlApp, randomBytes(16).toString('hex'));
      // A runner's checkout of the repository; node_modules is the project's, for the training script's imports.
      const workspace = path.join(directory, 'workspace');
      await execFileAsync('git', ['clone', '-q', sandbox.repo.gitDir, workspace]);
      await symlink(path.join(packageRoot, 'node_modules'), path.join(workspace, 'node_modules'));
      return new DemoWorld(packageRoot, directory, sandbox, app, workspace);
    } catch (error) {
      await app?.close();
      await sandbox.close();
      throw error;
    }
  }

  /** The real octokit client as a person of the sandbox (or the workflow token) uses it. */
  as(login: string): Octokit {
    let client = this.clients.get(login);
    if (!client) {
      client = createOctokit({ ...this.repo, apiUrl: this.sandbox.apiUrl, serverUrl: this.sandbox.url, token: this.sandbox.tokens[login] }, { retries: 0 });
      this.clients.set(login, client);
    }
    return client;
  }

  get repo(): { owner: string; repo: string } {
    return { owner: this.sandbox.repo.owner, repo: this.sandbox.repo.name };
  }

  /** A path a step gave, which may be relative to its working directory. */
  path(file: string): string {
    return path.resolve(this.workspace, file);
  }

  /** A JSON file a step wrote, at a path it gave. */
  async readJson<T>(file: string): Promise<T> {
    return JSON.parse(await readFile(this.path(file), 'utf8')) as T;
  }

  /** Waits until every webhook caused so far has reached the app and the app's own writes have been delivered too. */
  settle(): Promise<void> {
    return this.sandbox.settle();
  }

  /**
   * Runs a bundled Action (`dist/<step>.js`) as a job step on the sandbox's repository, with the
   * workflow's GITHUB_TOKEN; fails the demo, with the step's log, unless it exits as expected.
   */
  async action(step: string, inputs: Record<string, string>, options: { event?: { name: string; payload: unknown }; env?: Record<string, string>; expectExit?: number } = {}): Promise<StepRunResult> {
    const result = await runStep({
      entry: path.join(this.packageRoot, 'dist', `${step}.js`),
      workspace: this.workspace,
      inputs,
      eventName: options.event?.name,
      event: options.event?.payload,
      env: { ...(await sandboxEnvironment(this.sandbox)), ...options.env },
      timeoutMs: 90_000,
    });
    if (result.exitCode !== (options.expectExit ?? 0)) {
      const log = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new DemoFailure(`the ${step} Action exited with ${result.exitCode ?? result.signal}, not ${options.expectExit ?? 0}:\n${log}`);
    }
    return result;
  }

  /** Runs the ghml CLI as a person at a terminal would, with their token. */
  async cli(login: string, args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(process.execPath, [path.join(this.packageRoot, 'bin/ghml.js'), ...args, '--repo', this.sandbox.repo.fullName, '--api-url', this.sandbox.apiUrl], {
        cwd: this.workspace,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GITHUB_TOKEN: this.sandbox.tokens[login] },
      });
      return stdout.trim();
    } catch (error) {
      const failure = error as { stderr?: string; code?: number };
      throw new DemoFailure(`ghml ${args.join(' ')} exited with ${failure.code}: ${failure.stderr ?? String(error)}`);
    }
  }

  /**
   * Starts `ghml serve` for an environment the way a platform team would, from the registry: the
   * version the alias names is downloaded from its release and every digest verified first.
   */
  async startServer(environment: string, reference: string): Promise<PredictionServerProcess> {
    const logDirectory = path.join(this.directory, 'prediction-logs', environment);
    const serve = await startServeProcess([
      // No grace on SIGTERM: no load balancer stands in front of the demo's servers.
      '--model', reference, '--rate-limit', '0', '--drain-grace', '0',
      '--log-dir', logDirectory, '--package-dir', path.join(this.directory, 'packages', environment),
      '--repo', this.sandbox.repo.fullName, '--api-url', this.sandbox.apiUrl,
    ], { GITHUB_TOKEN: this.sandbox.tokens['github-actions[bot]'], GHML_SERVE_TOKENS: CLIENT_TOKEN, GHML_ADMIN_TOKEN: ADMIN_TOKEN }, this.workspace).catch((error: Error) => {
      throw new DemoFailure(`ghml serve --model ${reference} stopped before it listened: ${error.message}`);
    });
    const server = { environment, url: serve.url, logDirectory, process: serve };
    this.servers.set(environment, server);
    return server;
  }

  /** The inputs of the deploy Action that reach a demo server's admin API, with short canary steps. */
  deployInputs(environment: string): { inputs: Record<string, string>; env: Record<string, string> } {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    return {
      inputs: { 'server-url': server.url, 'canary-steps': '10,50,100', 'step-duration': '1s', 'min-requests': '5', 'max-p95-ms': '250', 'max-error-rate': '0.01' },
      env: { GHML_ADMIN_TOKEN: ADMIN_TOKEN },
    };
  }

  /** Asks a server for predictions of days, one request a day as a forecasting client would, `gapMs` apart. */
  async predictDays(environment: string, days: Record<string, number>[], gapMs = 0): Promise<{ versions: Map<string, number>; failures: string[] }> {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    const versions = new Map<string, number>();
    const failures: string[] = [];
    for (const day of days) {
      const response = await fetch(`${server.url}/v1/models/${MODEL}/predict`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_TOKEN}` }, body: JSON.stringify({ rows: [day] }) });
      const text = await response.text();
      if (response.status === 200) {
        const version = String((JSON.parse(text) as { model_version: string }).model_version);
        versions.set(version, (versions.get(version) ?? 0) + 1);
      } else {
        failures.push(`${response.status}: ${text}`);
      }
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return { versions, failures };
  }

  /** The server's prediction log files, once it holds at least `lines` lines (it is written off the request path). */
  async predictionLog(environment: string, lines: number): Promise<string[]> {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const files = (await readdir(server.logDirectory)).filter((name) => name.startsWith('predictions-')).sort().map((name) => path.join(server.logDirectory, name));
      let count = 0;
      for (const file of files) count += (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;
      if (count >= lines) return files;
      if (Date.now() > deadline) throw new DemoFailure(`the prediction log of ${environment} holds ${count} lines, not the ${lines} requests answered`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    for (const { process: serve } of this.servers.values()) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await this.app.close();
    await this.sandbox.close();
  }
}
