import type { Context, Probot } from 'probot';
import type { Policy } from '../../src/contracts/policy.js';
import { publishedCheck } from '../../src/github/app-checks.js';
import { commentOnce } from '../../src/github/app-comments.js';
import { statusOf } from '../../src/github/client.js';
import { ensureDeployment, mergedPullFor } from '../../src/github/app-deployments.js';
import { openCriticalDriftIssues } from '../../src/github/app-drift.js';
import { loadGoverningPolicy } from '../../src/github/app-policy.js';
import { RegistryFacts } from '../../src/github/app-registry.js';
import { judgeDeployment, strategyFor } from '../../src/policy/deployment-gate.js';
import { aliasChanges, modelsWithAliasChanges } from '../../src/policy/promotion.js';
import { octokitOf, repositoryOf, type AppRuntime, type RepositoryContext } from '../runtime.js';
import { pushedPaths } from './push.js';
import { PROMOTION_CHECK } from './promotion-check.js';

const zeroSha = '0'.repeat(40);

/**
 * On merge, a GitHub Deployment per stage whose alias changed — the `deployment` event users'
 * deploy workflows listen to — and the custom deployment protection rule that lets a deployment
 * through only while it still deploys what the stage's alias names and the gates pass.
 */
export function deployOnMerge(app: Probot, runtime: AppRuntime): void {
  app.on('push', async (context) => {
    const { ref, before, after, deleted } = context.payload;
    const models = modelsWithAliasChanges(pushedPaths(context.payload));
    if (deleted || models.length === 0) return;
    const repository = repositoryOf(context);
    const governing = await loadGoverningPolicy(octokitOf(context), repository);
    if (!governing.valid) {
      context.log.warn(`no deployment for ${after}: ${governing.problem}`);
      return;
    }
    if (ref !== `refs/heads/${governing.policy['registry-branch']}`) return;
    await runtime.serializer.run(`push:${repository.owner}/${repository.repo}:${before}..${after}`, () =>
      deployAliasChanges(context, runtime, repository, governing.policy, { before, after, models }));
  });

  app.on('deployment_protection_rule.requested', async (context) => {
    const { environment, deployment, deployment_callback_url: callbackUrl } = context.payload;
    if (!environment || !callbackUrl) return;
    const repository = repositoryOf(context);
    const octokit = octokitOf(context);
    const governing = await loadGoverningPolicy(octokit, repository);
    const decision = !governing.valid
      ? { approved: false, comment: `Rejected: the promotion policy on the default branch is invalid: ${governing.problem}` }
      : await judgeDeployment({
          policy: governing.policy,
          environment,
          payload: deployment?.payload,
          current: async (model) => {
            const registry = new RegistryFacts(octokit, repository, governing.policy);
            const head = await registry.head();
            const version = (await registry.aliases(head, model))[environment];
            const evidence = version === undefined
              ? { registered: false, evaluation: { state: 'missing' as const }, dataValidation: { state: 'missing' as const }, record: undefined }
              : await registry.evidence(head, model, version);
            const blocks = governing.policy.gates[environment]?.['open-drift-issues'] === 'block';
            const driftIssues = blocks ? await openCriticalDriftIssues(octokit, repository, model) : [];
            return { version, digest: evidence.record?.package.digest, evidence, driftIssues };
          },
        });
    try {
      // The callback URL is the review-custom-gates operation of this run; answering it is the decision.
      await octokit.request(`POST ${callbackUrl}`, { environment_name: environment, state: decision.approved ? 'approved' : 'rejected', comment: decision.comment });
    } catch (error) {
      // 404: the run waits no more, because an earlier delivery of this event answered already.
      if (statusOf(error) !== 404) throw error;
      context.log.info(`deployment gate of ${environment} was answered already`);
    }
  });
}

async function deployAliasChanges(context: Context<'push'>, runtime: AppRuntime, repository: RepositoryContext, policy: Policy, push: { before: string; after: string; models: string[] }): Promise<void> {
  const octokit = octokitOf(context);
  const registry = new RegistryFacts(octokit, repository, policy);
  const pull = await mergedPullFor(octokit, repository, registry.branch, push.after);
  const appId = await runtime.appId();
  const check = pull ? await publishedCheck(octokit, repository, appId, PROMOTION_CHECK, pull.head.sha) : undefined;
  const head = await registry.head();
  for (const model of push.models) {
    const before = push.before === zeroSha ? {} : await registry.aliases(registry.at(push.before), model);
    const after = await registry.aliases(registry.at(push.after), model);
    const now = await registry.aliases(head, model);
    for (const change of aliasChanges(before, after)) {
      if (change.to === undefined || !policy.stages.includes(change.stage)) continue;
      if (now[change.stage] !== change.to) {
        context.log.info(`${model} v${change.to} in ${change.stage} is superseded by v${now[change.stage]}: no deployment`);
        continue;
      }
      const what = `${model} v${change.to} to ${change.stage}`;
      if (!pull || check?.conclusion !== 'success') {
        // Only a promotion that passed the policy deploys: a direct push or an override merge does not.
        const why = !pull ? 'the change did not come from a merged pull request' : `the pull request was merged without a passing ${PROMOTION_CHECK} check`;
        context.log.warn(`no deployment of ${what}: ${why}`);
        if (pull) await commentOnce(octokit, repository, pull.number, `<!-- ghml:no-deployment:${push.after}:${change.stage} -->`, `⛔ No deployment of ${what}: ${why}. Open a promotion pull request that passes the policy.`);
        continue;
      }
      const record = await registry.version(registry.at(push.after), model, change.to);
      if (!record) {
        context.log.error(`no deployment of ${what}: models/${model}/versions/${change.to}.json does not exist`);
        continue;
      }
      const strategy = strategyFor(policy, change.stage);
      const deployment = await ensureDeployment(octokit, repository, repository.defaultBranch, {
        environment: change.stage,
        production: change.stage === policy.stages.at(-1),
        payload: { model, version: change.to, digest: record.package.digest, strategy, registryCommit: push.after, pullRequest: pull.number },
      });
      context.log.info(`${deployment.created ? 'created' : 'found'} deployment ${deployment.id}: ${what} (${strategy})`);
      const link = `${repository.htmlUrl}/deployments/${encodeURIComponent(change.stage)}`;
      const body = `🚀 Deploying **${model} v${change.to}** to **${change.stage}** (${strategy}): [deployment ${deployment.id}](${link}), package digest \`sha256:${record.package.digest.slice(0, 12)}…\`, release [${record.release.tag}](${record.release.url}).`;
      await commentOnce(octokit, repository, pull.number, `<!-- ghml:deployment:${deployment.id} -->`, body);
    }
  }
}
