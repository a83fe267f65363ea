import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArtifactService, type WorkflowRun } from './artifacts.js';
import { Authenticator } from './auth.js';
import type { SandboxCore } from './context.js';
import type { ContractViolation } from './contract.js';
import { envelope } from './events.js';
import { FaultInjector } from './faults.js';
import { buildFixture, defaultTeams, defaultUsers, type SandboxTeam, type SandboxUser, type SandboxUserSpec } from './fixtures.js';
import { GitRepository } from './git.js';
import { timestamp } from './http.js';
import { deploymentJson, installationJson, nodeId, userJson } from './representations.js';
import { SandboxServer } from './server.js';
import { Mutex, SandboxState, Urls, type DeploymentRecord, type DispatchRecord, type GateReview } from './state.js';
import { WebhookDispatcher, type Delivery } from './webhooks.js';

export type { WorkflowRun } from './artifacts.js';
export type { ContractViolation } from './contract.js';
export type { Delivery } from './webhooks.js';
export type { FaultSpec, FaultKind } from './faults.js';
export type { DispatchRecord, GateReview } from './state.js';
export type { RepoRole, SandboxTeam, SandboxUser, SandboxUserSpec } from './fixtures.js';

export interface SandboxOptions {
  /** A directory whose files become the first commit of the default branch; an empty README otherwise. */
  seed?: string;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** The people and their roles on the repository; see `defaultUsers`. */
  users?: SandboxUserSpec[];
  /** Team slug → member logins; see `defaultTeams`. */
  teams?: Record<string, string[]>;
  /** Where the app listens for webhooks; settable later with `setWebhook`. */
  webhook?: { url: string; secret: string };
  /** Check every request, response and webhook against GitHub's descriptions (default true). */
  validate?: boolean;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Keep the repository and assets here instead of a temporary directory removed on close. */
  directory?: string;
}

export interface DeploymentGateRequest {
  environment: string;
  /** The ref the workflow run deploys (default: the default branch). */
  ref?: string;
  /** The event that started the workflow run (default: push). */
  event?: string;
  /** The payload of the deployment the run carries out, e.g. the one whose `deployment` event started it (default: none). */
  payload?: object;
}

export interface PendingGate {
  runId: number;
  deploymentId: number;
  /** Settles when the app answers through the deployment protection rule callback. */
  decision: Promise<GateReview>;
}

export interface Sandbox {
  /** The web origin, e.g. http://127.0.0.1:41234. */
  url: string;
  /**
   * GITHUB_SERVER_URL for steps: `url` under a `.localhost` name. @actions/artifact takes any host
   * but github.com, *.ghe.com and *.localhost for GitHub Enterprise Server, which has no artifact
   * service, and refuses to run. Nothing needs to resolve it: steps reach the sandbox through
   * GITHUB_API_URL and ACTIONS_RESULTS_URL.
   */
  serverUrl: string;
  /** ACTIONS_RESULTS_URL: the artifact service (Twirp, and blob storage behind signed URLs). */
  resultsUrl: string;
  /** A workflow run of the repository with one job, whose runtime token reaches the artifact service. */
  startWorkflowRun(): Promise<WorkflowRun>;
  /** The REST API root, for octokit's `baseUrl` and GITHUB_API_URL (GitHub Enterprise Server layout). */
  apiUrl: string;
  /** Personal tokens by login, plus `github-actions[bot]`: an installation token like a workflow's GITHUB_TOKEN. */
  tokens: Record<string, string>;
  users: SandboxUser[];
  teams: SandboxTeam[];
  /** The ghml GitHub App: what Probot needs to authenticate as it. */
  app: { id: number; slug: string; clientId: string; installationId: number; privateKey: string };
  repo: {
    owner: string;
    name: string;
    fullName: string;
    defaultBranch: string;
    /** The bare repository on disk. */
    gitDir: string;
    /** Runs git in that repository and returns its standard output. */
    git(args: string[]): Promise<string>;
  };
  setWebhook(url: string, secret: string): void;
  /** GitHub's delivery log: every attempt, in order. */
  deliveries: readonly Delivery[];
  redeliver(id: number): Promise<Delivery>;
  /** Resolves when every webhook caused so far (and those its handlers cause) has been delivered. */
  settle(): Promise<void>;
  faults: FaultInjector;
  dispatches: readonly DispatchRecord[];
  /** How many requests each operation received, by operationId. */
  callLog: ReadonlyMap<string, number>;
  /** Every departure from GitHub's descriptions seen so far; tests assert it stays empty. */
  contractViolations: ContractViolation[];
  /** A workflow run reaching an environment protected by the app: sends deployment_protection_rule. */
  requestDeploymentGate(request: DeploymentGateRequest): Promise<PendingGate>;
  /** Sends the `installation` webhook GitHub sends when the organization installs the app. */
  sendInstallationEvent(action: 'created' | 'new_permissions_accepted'): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const owner = options.owner ?? 'octo-org';
  const name = options.repo ?? 'ml-repo';
  const defaultBranch = options.defaultBranch ?? 'main';
  const directory = options.directory ?? (await mkdtemp(path.join(tmpdir(), 'ghml-sandbox-')));
  const assetsDir = path.join(directory, 'assets');
  const artifactsDir = path.join(directory, 'artifacts');
  await mkdir(assetsDir, { recursive: true });
  await mkdir(artifactsDir, { recursive: true });

  const fixture = buildFixture(owner, options.users ?? defaultUsers, options.teams ?? (options.users ? {} : defaultTeams));
  const git = await GitRepository.init(path.join(directory, `${name}.git`), defaultBranch);
  const createdAt = timestamp();
  const admin = fixture.users.find((user) => user.role === 'admin') ?? fixture.users[0];
  await seedRepository(git, defaultBranch, options.seed, admin, createdAt);

  const auth = new Authenticator(fixture);
  const accounts = new Map<string, SandboxUser>([...fixture.users, fixture.org, fixture.app.bot, fixture.actionsApp.bot].map((user) => [user.login.toLowerCase(), user]));
  const state = new SandboxState();
  const core: SandboxCore = {
    // Replaced once the server listens and its port is known.
    urls: new Urls('http://127.0.0.1', owner, name),
    repo: { owner, name, fullName: `${owner}/${name}`, id: 700_001, defaultBranch, description: 'A machine learning repository served by the ghml sandbox', createdAt, pushedAt: createdAt },
    fixture,
    git,
    state,
    auth,
    assetsDir,
    writeLock: new Mutex(),
    account: (login) => accounts.get(login.toLowerCase()),
    accountByEmail: (email) => [...accounts.values()].find((user) => user.email.toLowerCase() === email.toLowerCase()),
    team: (slug) => fixture.teams.find((team) => team.slug === slug),
  };
  const webhooks = new WebhookDispatcher({ id: 3001, appId: fixture.app.id });
  const faults = new FaultInjector();
  const callLog = new Map<string, number>();
  const contractViolations: ContractViolation[] = [];
  const validate = options.validate ?? true;
  const artifacts = new ArtifactService({ core, faults, callLog, contractViolations, validate, directory: artifactsDir });
  const server = new SandboxServer({ core, faults, webhooks, artifacts, validate, callLog, contractViolations });
  const port = await server.listen(options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  core.urls = new Urls(origin, owner, name);
  if (options.webhook) webhooks.setTarget(options.webhook);

  const tokens = { ...auth.userTokens, [fixture.actionsApp.bot.login]: auth.mintInstallationToken(fixture.actionsApp).token };
  const adminActor = { kind: 'user' as const, user: admin, token: auth.userTokens[admin.login] };

  return {
    url: origin,
    serverUrl: `http://github.localhost:${port}`,
    resultsUrl: artifacts.resultsUrl,
    startWorkflowRun: () => artifacts.startWorkflowRun(),
    apiUrl: core.urls.api,
    tokens,
    users: fixture.users,
    teams: fixture.teams,
    app: { id: fixture.app.id, slug: fixture.app.slug, clientId: fixture.app.clientId, installationId: fixture.app.installationId, privateKey: fixture.app.privateKey! },
    repo: {
      owner,
      name,
      fullName: `${owner}/${name}`,
      defaultBranch,
      gitDir: git.gitDir,
      git: (args) => git.text(args),
    },
    setWebhook: (url, secret) => webhooks.setTarget({ url, secret }),
    deliveries: webhooks.deliveries,
    redeliver: (id) => webhooks.redeliver(id),
    settle: () => webhooks.settle(),
    faults,
    dispatches: state.dispatches,
    callLog,
    contractViolations,
    async requestDeploymentGate(request) {
      const runId = state.nextId();
      let deploymentId = 0;
      let settle!: (review: GateReview) => void;
      const decision = new Promise<GateReview>((resolve) => (settle = resolve));
      await server.actAs(adminActor, async (ctx) => {
        const ref = request.ref ?? defaultBranch;
        const sha = await git.resolve(ref, 'commit');
        if (!sha) throw new Error(`no commit for ref ${ref}`);
        const now = timestamp();
        deploymentId = state.nextId();
        const deployment: DeploymentRecord = {
          id: deploymentId, sha, ref, task: 'deploy', payload: request.payload ?? {}, environment: request.environment, originalEnvironment: request.environment,
          description: null, creator: fixture.actionsApp.bot, app: fixture.actionsApp, transient: false, production: request.environment === 'production',
          createdAt: now, updatedAt: now, statuses: [],
        };
        state.deployments.push(deployment);
        state.gates.set(runId, { runId, environment: request.environment, deploymentId, review: undefined, settle });
        ctx.emit('deployment_protection_rule', {
          action: 'requested',
          environment: request.environment,
          event: request.event ?? 'push',
          deployment_callback_url: `${core.urls.repoApi}/actions/runs/${runId}/deployment_protection_rule`,
          deployment: deploymentJson(core, deployment),
          pull_requests: [],
          ...envelope(ctx),
        });
      });
      return { runId, deploymentId, decision };
    },
    async sendInstallationEvent(action) {
      await server.actAs(adminActor, async (ctx) => {
        ctx.emit('installation', {
          action,
          installation: installationJson(core, fixture.app),
          repositories: [{ id: core.repo.id, node_id: nodeId('Repository', core.repo.id), name, full_name: `${owner}/${name}`, private: true }],
          sender: userJson(core, admin),
        });
      });
    },
    async close() {
      await webhooks.settle();
      await server.close();
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}

async function seedRepository(git: GitRepository, branch: string, seed: string | undefined, author: SandboxUser, date: string): Promise<void> {
  const tree = seed
    ? await git.writeTreeFromDirectory(path.resolve(seed))
    : await git.writeTree(undefined, [{ path: 'README.md', mode: '100644', type: 'blob', sha: await git.writeBlob(Buffer.from('# ml-repo\n')) }]);
  const identity = { name: author.name, email: author.email, date };
  const commit = await git.writeCommit({ tree, parents: [], message: 'Initial commit\n', author: identity, committer: identity });
  await git.compareAndSwapRef(`refs/heads/${branch}`, commit, undefined);
}
