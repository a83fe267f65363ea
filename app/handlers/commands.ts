import type { Context, Probot } from 'probot';
import type { Octokit } from 'octokit';
import type { Policy } from '../../src/contracts/policy.js';
import { isUserFacing } from '../../src/errors.js';
import { AccessLookup } from '../../src/github/app-access.js';
import { commentWithMarker, hasMarker } from '../../src/github/app-comments.js';
import { openCriticalDriftIssues } from '../../src/github/app-drift.js';
import { loadGoverningPolicy } from '../../src/github/app-policy.js';
import { RegistryFacts } from '../../src/github/app-registry.js';
import { GitHubPolicySource, GitHubPullRequests } from '../../src/github/pull-requests.js';
import { GitHubRegistryStore, type CommitAuthor } from '../../src/github/registry-store.js';
import { retrainComment } from '../../src/policy/drift-issue.js';
import { table } from '../../src/report/markdown.js';
import { checkModelName } from '../../src/registry/paths.js';
import { parseVersion } from '../../src/registry/reference.js';
import { runPromote, runRollback, type PromotionOutcome } from '../../src/steps/promote.js';
import { octokitOf, repositoryOf, type AppRuntime, type RepositoryContext } from '../runtime.js';
import { dispatchRetraining } from './drift-issues.js';

export type SlashCommand =
  | { kind: 'promote'; model: string; version: number; stage: string }
  | { kind: 'rollback'; model: string; stage: string }
  | { kind: 'retrain'; model: string }
  | { kind: 'status'; model: string }
  | { kind: 'invalid'; text: string; problem: string };

const usage = [
  '`/ghml promote <model> v<N> to <stage>`',
  '`/ghml rollback <model> <stage>`',
  '`/ghml retrain <model>`',
  '`/ghml status <model>`',
].join(', ');

/** Each line of a comment that starts with `/ghml` is one command. */
export function parseCommands(body: string): SlashCommand[] {
  return body.split(/\r?\n/).map((line) => line.trim()).filter((line) => /^\/ghml(\s|$)/.test(line)).map(parseCommand);
}

function parseCommand(text: string): SlashCommand {
  const words = text.split(/\s+/).slice(1);
  const invalid = (problem: string): SlashCommand => ({ kind: 'invalid', text, problem });
  try {
    const [verb, ...rest] = words;
    if (verb === 'promote' && rest.length === 4 && rest[2] === 'to') return { kind: 'promote', model: checkModelName(rest[0]), version: parseVersion(rest[1]), stage: rest[3] };
    if (verb === 'rollback' && rest.length === 2) return { kind: 'rollback', model: checkModelName(rest[0]), stage: rest[1] };
    if (verb === 'retrain' && rest.length === 1) return { kind: 'retrain', model: checkModelName(rest[0]) };
    if (verb === 'status' && rest.length === 1) return { kind: 'status', model: checkModelName(rest[0]) };
    return invalid(`not a ghml command; the commands are ${usage}`);
  } catch (error) {
    if (isUserFacing(error)) return invalid(error.message);
    throw error;
  }
}

/**
 * Slash commands in issue and pull request comments, from people with write access. The reply
 * carries a marker naming the command's comment, so a redelivered webhook finds the reply and does
 * nothing again; comments by bots, the app's own included, are never read as commands.
 */
export function commands(app: Probot, runtime: AppRuntime): void {
  app.on('issue_comment.created', async (context) => {
    const author = context.payload.comment.user;
    if (context.isBot || !author) return;
    const parsed = parseCommands(context.payload.comment.body);
    if (parsed.length === 0) return;
    const repository = repositoryOf(context);
    const octokit = octokitOf(context);
    const { comment, issue } = context.payload;
    await runtime.serializer.run(`comment:${repository.owner}/${repository.repo}:${comment.id}`, async () => {
      const marker = `<!-- ghml:reply:${comment.id} -->`;
      if (await hasMarker(octokit, repository, issue.number, marker)) return;
      const login = author.login;
      const permission = await new AccessLookup(octokit, repository).permission(login);
      let reply: string;
      if (permission !== 'admin' && permission !== 'write') {
        reply = `@${login}, ghml commands need write access to ${repository.owner}/${repository.repo}, and you have ${permission === 'none' ? 'no access' : `${permission} access`}: nothing was done. Ask someone with write access to run \`${parsed[0].kind === 'invalid' ? '/ghml …' : `/ghml ${parsed[0].kind} …`}\`.`;
      } else {
        const answers: string[] = [];
        for (const command of parsed) answers.push(await run(context, octokit, repository, command, { login, id: author.id }));
        reply = answers.join('\n\n');
      }
      await commentWithMarker(octokit, repository, issue.number, marker, reply);
    });
  });
}

async function run(context: Context, octokit: Octokit, repository: RepositoryContext, command: SlashCommand, requester: CommitAuthor): Promise<string> {
  if (command.kind === 'invalid') return `❌ \`${command.text}\`: ${command.problem}`;
  try {
    switch (command.kind) {
      case 'promote':
      case 'rollback': {
        const ports = { store: new GitHubRegistryStore(octokit, repository, requester), policy: new GitHubPolicySource(octokit, repository), promotions: new GitHubPullRequests(octokit, repository) };
        const outcome = command.kind === 'promote'
          ? await runPromote({ model: command.model, version: command.version, stage: command.stage }, ports)
          : await runRollback({ model: command.model, stage: command.stage }, ports);
        return describeOutcome(outcome, requester.login);
      }
      case 'retrain':
        return await retrain(octokit, repository, command.model);
      case 'status':
        return await status(octokit, repository, command.model);
    }
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    context.log.info(`/ghml ${command.kind}: ${error.message}`);
    return `❌ \`/ghml ${command.kind}\`: ${error.message}`;
  }
}

function describeOutcome(outcome: PromotionOutcome, login: string): string {
  if (outcome.kind === 'unchanged') return `ℹ️ ${outcome.model} v${outcome.version} already holds ${outcome.stage}: nothing to promote.`;
  if (outcome.kind === 'branch') return `ℹ️ Wrote ${outcome.plan.branch}; open a pull request from it into ${outcome.registryBranch}.`;
  const superseded = outcome.superseded.length > 0 ? ` It supersedes ${outcome.superseded.map((number) => `#${number}`).join(', ')}.` : '';
  const verb = outcome.kind === 'opened' ? 'Opened' : 'Updated';
  return `✅ ${verb} #${outcome.pullRequest.number}: ${outcome.plan.title}, on behalf of @${login} — whose own approval will not count toward it.${superseded} The \`ghml/promotion\` check shows what the policy still needs.`;
}

async function retrain(octokit: Octokit, repository: RepositoryContext, model: string): Promise<string> {
  const governing = await loadGoverningPolicy(octokit, repository);
  if (!governing.valid) return `❌ \`/ghml retrain\`: the promotion policy is invalid: ${governing.problem}`;
  const workflow = governing.policy.drift['retrain-workflow'];
  if (!workflow) return `❌ \`/ghml retrain\`: the policy names no workflow to dispatch; set \`drift.retrain-workflow\` in .github/ghml.yml on ${repository.defaultBranch}.`;
  return retrainComment(await dispatchRetraining(octokit, repository, workflow, model), `asked for ${model}`);
}

async function status(octokit: Octokit, repository: RepositoryContext, model: string): Promise<string> {
  const governing = await loadGoverningPolicy(octokit, repository);
  if (!governing.valid) return `❌ \`/ghml status\`: the promotion policy is invalid: ${governing.problem}`;
  const policy: Policy = governing.policy;
  const registry = new RegistryFacts(octokit, repository, policy);
  const head = await registry.head();
  const record = await registry.model(head, model);
  if (!record) return `❌ \`/ghml status\`: there is no model "${model}" in the registry branch ${registry.branch}.`;
  const aliases = await registry.aliases(head, model);
  const stages = [...new Set([...policy.stages, ...Object.keys(aliases)])];
  const rows = await Promise.all(stages.map(async (stage) => {
    const version = aliases[stage];
    if (version === undefined) return [stage, '—', '', '', ''];
    const evidence = await registry.evidence(head, model, version);
    const verdict = (gate: typeof evidence.evaluation) => (gate.state === 'missing' ? 'missing' : `${gate.state === 'passed' ? '✅' : '❌'} ${gate.detail}`);
    const release = evidence.record ? `[${evidence.record.release.tag}](${evidence.record.release.url})` : 'not registered';
    return [stage, `v${version}`, release, verdict(evidence.evaluation), verdict(evidence.dataValidation)];
  }));
  const drift = await openCriticalDriftIssues(octokit, repository, model);
  return [
    `**${model}** — latest version v${record.latestVersion}, risk tier ${policy.models[model]?.risk ?? record.riskTier ?? 'none'}, owners ${(policy.models[model]?.owners ?? record.owners).join(', ') || 'none'}.`,
    table(['Stage', 'Version', 'Release', 'Evaluation', 'Data validation'], rows),
    drift.length > 0 ? `Open critical drift issues: ${drift.map((issue) => `#${issue.number} (${issue.environment})`).join(', ')}.` : 'No open critical drift issue.',
  ].join('\n\n');
}
