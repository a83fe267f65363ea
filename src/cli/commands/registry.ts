import path from 'node:path';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { createOctokit, explainGitHubError, targetFromEnvironment, type GitHubTarget } from '../../github/client.js';
import { GitHubDeploymentHistory, GitHubPolicySource, GitHubPullRequests } from '../../github/pull-requests.js';
import { GitHubRegistryStore } from '../../github/registry-store.js';
import { GitHubReleases } from '../../github/releases.js';
import { table } from '../../report/markdown.js';
import { downloadPackage } from '../../registry/download.js';
import { LocalGitRegistryStore, LocalPolicySource } from '../../registry/local-git-store.js';
import { formatMetric } from '../../registry/model-card.js';
import { checkModelName, checkStageName } from '../../registry/paths.js';
import { registryBranchOf } from '../../registry/policy.js';
import type { DeploymentHistory, PolicySource, PromotionRequests, ReleasePublisher } from '../../registry/ports.js';
import { formatReference, parseModelReference } from '../../registry/reference.js';
import { Registry, type AliasChange } from '../../registry/registry.js';
import type { RegistryStore } from '../../registry/store.js';
import type { VersionRecord } from '../../contracts/registry.js';
import { choiceFlag, stringFlag, wholeNumberFlag, type Command, type CommandIO, type ParsedArgs } from '../command.js';

/** Where the registry is: flags every registry command takes. */
export const connectionOptions = {
  repo: { type: 'string' },
  'api-url': { type: 'string' },
  local: { type: 'string' },
  'registry-branch': { type: 'string' },
} as const;

export const connectionUsage = `Where the registry is:
  --repo <owner/name>        the GitHub repository (default: GITHUB_REPOSITORY); the token is GITHUB_TOKEN
  --api-url <url>            the REST API (default: GITHUB_API_URL or https://api.github.com)
  --local <path>             a git repository on disk instead of GitHub (no releases or pull requests)
  --registry-branch <name>   the registry branch (default: registry-branch in .github/ghml.yml, else ghml/registry)`;

/** The ports for wherever the registry lives; GitHub ones only when it is on GitHub. */
export interface Connection {
  store: RegistryStore;
  policy: PolicySource;
  releases?: ReleasePublisher;
  promotions?: PromotionRequests;
  deployments?: DeploymentHistory;
  target?: GitHubTarget;
  /** The registry branch flag, when given. */
  registryBranch?: string;
}

export async function connect(args: ParsedArgs, io: CommandIO): Promise<Connection> {
  const local = stringFlag(args, 'local');
  const registryBranch = stringFlag(args, 'registry-branch');
  if (local !== undefined) {
    if (stringFlag(args, 'repo') !== undefined) throw new ConfigurationError('give --repo or --local, not both', { input: 'local' });
    const repository = path.resolve(io.cwd, local);
    return { store: await LocalGitRegistryStore.open(repository), policy: new LocalPolicySource(repository), registryBranch };
  }
  const target = targetFromEnvironment(io.env, { repo: stringFlag(args, 'repo'), apiUrl: stringFlag(args, 'api-url') });
  const octokit = createOctokit(target);
  return {
    store: new GitHubRegistryStore(octokit, target),
    policy: new GitHubPolicySource(octokit, target),
    releases: new GitHubReleases(octokit, target),
    promotions: new GitHubPullRequests(octokit, target),
    deployments: new GitHubDeploymentHistory(octokit, target),
    target,
    registryBranch,
  };
}

export async function openRegistry(connection: Connection): Promise<Registry> {
  return new Registry(connection.store, await registryBranchOf(connection.policy, connection.registryBranch));
}

/** Runs a command body, turning GitHub's "wrong token or repository" answers into configuration errors. */
export async function withConnection(args: ParsedArgs, io: CommandIO, body: (connection: Connection) => Promise<number>): Promise<number> {
  const connection = await connect(args, io);
  try {
    return await body(connection);
  } catch (error) {
    throw connection.target ? explainGitHubError(error, connection.target) : error;
  }
}

export function textOrJson(args: ParsedArgs): 'text' | 'json' {
  return choiceFlag(args, 'format', ['text', 'json'] as const) ?? 'text';
}

export function describeVersion(record: VersionRecord, stages: string[]): string {
  const metrics = Object.entries(record.metrics).map(([name, value]) => `${name} ${formatMetric(value)}`).join(', ');
  const rows = [
    ['release', `${record.release.tag}  ${record.release.url}`],
    ['stages', stages.length > 0 ? stages.join(', ') : '—'],
    ['commit', record.commit],
    ['package', `sha256:${record.package.digest} (${record.assets.length} assets, ${record.package.bytes.toLocaleString('en-US')} bytes)`],
    ['registered', `${record.createdAt}${record.createdBy ? ` by ${record.createdBy}` : ''}`],
    ['run', record.run ?? '—'],
    ['workflow run', record.lineage.workflowRun?.url ?? '—'],
    ['evaluation', record.evaluation ? (record.evaluation.passed ? 'passed' : 'failed') : '—'],
    ['data validation', record.dataValidation ? (record.dataValidation.passed ? 'valid' : 'invalid') : '—'],
    ['data', record.lineage.dataFingerprint ?? '—'],
    ['metrics', metrics || '—'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${record.model} v${record.version}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

const format = { type: 'string' } as const;

export const registryListCommand: Command = {
  name: 'registry list',
  summary: 'list the models in the registry with the version each stage holds',
  usage: `Usage: ghml registry list [--format text|json] [where]

${connectionUsage}`,
  options: { ...connectionOptions, format },
  async run(args, io) {
    const output = textOrJson(args);
    return withConnection(args, io, async (connection) => {
      const models = await (await openRegistry(connection)).listModels();
      if (output === 'json') io.stdout(`${JSON.stringify(models, null, 2)}\n`);
      else if (models.length === 0) io.stdout('no models registered\n');
      else {
        const rows = models.map(({ model, aliases }) => [model.name, `v${model.latestVersion}`, Object.entries(aliases).map(([stage, version]) => `${stage} v${version}`).join(', ') || '—', model.owners.join(' ') || '—']);
        io.stdout(`${table(['Model', 'Latest', 'Stages', 'Owners'], rows)}\n`);
      }
      return ExitCode.ok;
    });
  },
};

export const registryShowCommand: Command = {
  name: 'registry show',
  summary: 'show a model, or one version of it: <model>, <model>@v<N> or <model>@<stage>',
  usage: `Usage: ghml registry show <model>[@v<N>|@<stage>] [--format text|json] [where]

<model> alone shows the model and its stages; with @v<N> or @<stage>, that version.

${connectionUsage}`,
  options: { ...connectionOptions, format },
  allowPositionals: true,
  async run(args, io) {
    const output = textOrJson(args);
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError('give one model, e.g. churn or churn@production', { input: 'model' });
    const reference = parseModelReference(text);
    return withConnection(args, io, async (connection) => {
      const registry = await openRegistry(connection);
      if (reference.kind === 'latest') {
        const snapshot = await registry.snapshot();
        const model = await registry.requireModel(snapshot, reference.model);
        const aliases = await registry.aliases(snapshot, reference.model);
        if (output === 'json') io.stdout(`${JSON.stringify({ model, aliases }, null, 2)}\n`);
        else {
          const stages = Object.entries(aliases).map(([stage, version]) => `${stage} v${version}`).join(', ') || '—';
          io.stdout(`${model.name}${model.description ? `: ${model.description}` : ''}\n  versions taken  ${model.latestVersion}\n  stages          ${stages}\n  owners          ${model.owners.join(' ') || '—'}\n  task            ${model.task ?? '—'}\n  risk tier       ${model.riskTier ?? '—'}\n`);
        }
        return ExitCode.ok;
      }
      const resolved = await registry.resolve(reference);
      const aliases = await registry.aliases(resolved.snapshot, reference.model);
      const stages = Object.entries(aliases).filter(([, version]) => version === resolved.record.version).map(([stage]) => stage);
      if (output === 'json') io.stdout(`${JSON.stringify({ ...resolved.record, stages }, null, 2)}\n`);
      else io.stdout(describeVersion(resolved.record, stages));
      return ExitCode.ok;
    });
  },
};

function describeChange(entry: AliasChange): string {
  const who = entry.author.login ?? entry.author.name;
  const changes = entry.changes.map((change) => `${change.stage} ${change.from === null ? '—' : `v${change.from}`} → ${change.to === null ? '—' : `v${change.to}`}`).join(', ');
  return `${entry.committer.date}  ${changes}  by ${who}  (${entry.commit.slice(0, 12)})`;
}

export const registryHistoryCommand: Command = {
  name: 'registry history',
  summary: 'who promoted which version of a model to which stage, and when',
  usage: `Usage: ghml registry history <model> [--stage <stage>] [--limit <n>] [--format text|json] [where]

From the git history of models/<model>/aliases.json on the registry branch, newest first, and the
deployments whose payload names the model (on GitHub).

${connectionUsage}`,
  options: { ...connectionOptions, format, stage: { type: 'string' }, limit: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const output = textOrJson(args);
    const [given] = args.positionals;
    if (!given || args.positionals.length > 1) throw new ConfigurationError('give one model name', { input: 'model' });
    const model = checkModelName(given);
    const stageFlag = stringFlag(args, 'stage');
    const stage = stageFlag === undefined ? undefined : checkStageName(stageFlag);
    const limit = wholeNumberFlag(args, 'limit', 1) ?? 50;
    return withConnection(args, io, async (connection) => {
      const registry = await openRegistry(connection);
      await registry.requireModel(await registry.snapshot(), model);
      const changes = await registry.aliasHistory(model, { stage, limit });
      const deployments = connection.deployments ? await connection.deployments.list(model, stage) : [];
      if (output === 'json') {
        io.stdout(`${JSON.stringify({ changes, deployments }, null, 2)}\n`);
        return ExitCode.ok;
      }
      io.stdout(changes.length === 0 ? `no promotions of ${model}${stage ? ` in ${stage}` : ''} yet\n` : `${changes.map(describeChange).join('\n')}\n`);
      if (deployments.length > 0) {
        io.stdout(`\ndeployments\n${deployments.map((entry) => `${entry.createdAt}  ${entry.environment}  ${entry.version === null ? '?' : `v${entry.version}`}  by ${entry.creator ?? '?'}  (deployment ${entry.id})`).join('\n')}\n`);
      }
      return ExitCode.ok;
    });
  },
};

export const registryGetCommand: Command = {
  name: 'registry get',
  summary: 'download a version\'s package and verify every digest',
  usage: `Usage: ghml registry get <model>@<stage>|<model>@v<N> --out <dir> [where]

Downloads the model package of the version from its release into <dir>, checking the manifest
against the package digest on the registry branch and every file (split files put together)
against the manifest. A package that does not verify is refused and nothing is written.
Exit codes: 0 verified, 1 refused, 2 usage or configuration error.

${connectionUsage}`,
  options: { ...connectionOptions, out: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError('give one model with a version or a stage, e.g. churn@production', { input: 'model' });
    const reference = parseModelReference(text);
    const out = stringFlag(args, 'out');
    if (!out) throw new ConfigurationError('--out is required: the directory to download the package into', { input: 'out' });
    return withConnection(args, io, async (connection) => {
      if (!connection.releases) throw new ConfigurationError('packages are release assets on GitHub: registry get needs --repo, not --local', { input: 'local' });
      const registry = await openRegistry(connection);
      const { record } = await registry.resolve(reference);
      const { files } = await downloadPackage(record, connection.releases, path.resolve(io.cwd, out));
      io.stdout(`${formatReference(reference)} is ${record.model} v${record.version}: ${files.length} files verified against package sha256:${record.package.digest}\n`);
      for (const file of files) io.stdout(`  ${file.path}  ${file.size.toLocaleString('en-US')} bytes  sha256:${file.sha256}\n`);
      return ExitCode.ok;
    });
  },
};

export const registryCommands: Command[] = [registryListCommand, registryShowCommand, registryHistoryCommand, registryGetCommand];
