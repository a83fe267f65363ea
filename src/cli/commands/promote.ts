import { ConfigurationError, ExitCode } from '../../errors.js';
import { parseVersion } from '../../registry/reference.js';
import { runPromote, runRollback, type PromotionOutcome } from '../../steps/promote.js';
import { requiredStringFlag, type Command } from '../command.js';
import { connectionOptions, connectionUsage, textOrJson, withConnection } from './registry.js';

export function describePromotion(outcome: PromotionOutcome): string {
  if (outcome.kind === 'unchanged') return `${outcome.model} v${outcome.version} already holds ${outcome.stage}: nothing to propose`;
  const { plan } = outcome;
  if (outcome.kind === 'branch') {
    return `${plan.title}: the branch ${plan.branch} holds the change; push it and open a pull request into ${outcome.registryBranch}`;
  }
  const superseded = outcome.superseded.length > 0 ? ` (closed as superseded: ${outcome.superseded.map((number) => `#${number}`).join(', ')})` : '';
  return `${outcome.kind === 'opened' ? 'opened' : 'updated'} #${outcome.pullRequest.number} ${plan.title}: ${outcome.pullRequest.url}${superseded}`;
}

function printOutcome(outcome: PromotionOutcome, format: 'text' | 'json', stdout: (text: string) => void): void {
  if (format === 'json') {
    stdout(`${JSON.stringify({ kind: outcome.kind, ...(outcome.plan ? { branch: outcome.plan.branch, aliases: outcome.plan.aliases, champion: outcome.plan.champion } : {}), ...('pullRequest' in outcome ? { pullRequest: outcome.pullRequest, superseded: outcome.superseded } : {}) }, null, 2)}\n`);
  } else {
    stdout(`${describePromotion(outcome)}\n`);
  }
}

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'open a pull request that moves a stage of a model to a version',
  usage: `Usage: ghml promote <model> <version> --to <stage> [--format text|json] [where]

Opens a pull request into the registry branch from ghml/promote/<model>/<stage>/v<N> that changes
only models/<model>/aliases.json, with the model card, the champion–challenger metrics, the
verdicts and the lineage in its description. Running it again updates that pull request; a
promotion of another version to the same stage closes the older one as superseded.

${connectionUsage}`,
  options: { ...connectionOptions, to: { type: 'string' }, format: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const format = textOrJson(args);
    const [model, version] = args.positionals;
    if (!model || !version || args.positionals.length > 2) throw new ConfigurationError('give the model and the version, e.g. ghml promote churn 4 --to staging', { input: 'model' });
    const stage = requiredStringFlag(args, 'to', 'the stage to promote to');
    return withConnection(args, io, async (connection) => {
      const outcome = await runPromote({ model, version: parseVersion(version), stage, registryBranch: connection.registryBranch }, connection);
      printOutcome(outcome, format, io.stdout);
      return ExitCode.ok;
    });
  },
};

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'open a pull request that gives a stage back to the version that held it before',
  usage: `Usage: ghml rollback <model> --stage <stage> [--format text|json] [where]

Finds the version that held the stage before the current one, from the history of
models/<model>/aliases.json, and proposes it as a promotion pull request.

${connectionUsage}`,
  options: { ...connectionOptions, stage: { type: 'string' }, format: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const format = textOrJson(args);
    const [model] = args.positionals;
    if (!model || args.positionals.length > 1) throw new ConfigurationError('give the model, e.g. ghml rollback churn --stage production', { input: 'model' });
    const stage = requiredStringFlag(args, 'stage', 'the stage to roll back');
    return withConnection(args, io, async (connection) => {
      printOutcome(await runRollback({ model, stage, registryBranch: connection.registryBranch }, connection), format, io.stdout);
      return ExitCode.ok;
    });
  },
};
