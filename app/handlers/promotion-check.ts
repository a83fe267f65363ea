import type { Probot } from 'probot';
import { POLICY_PATH, type Policy } from '../../src/contracts/policy.js';
import { isUserFacing } from '../../src/errors.js';
import { publishCheckRun } from '../../src/github/app-checks.js';
import { checkPolicyAt, loadGoverningPolicy } from '../../src/github/app-policy.js';
import { evaluatePullRequest, listChangedFiles } from '../../src/github/app-promotion.js';
import { renderPromotionCheck } from '../../src/policy/promotion-report.js';
import { renderPolicyCheck } from '../../src/policy/policy-report.js';
import { DEFAULT_REGISTRY_BRANCH } from '../../src/registry/paths.js';
import { octokitOf, repositoryOf, type AppRuntime } from '../runtime.js';

export const PROMOTION_CHECK = 'ghml/promotion';
export const POLICY_CHECK = 'ghml/policy';

const events = [
  'pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.edited',
  'pull_request_review.submitted', 'pull_request_review.dismissed',
] as const;

/**
 * The promotion check on PRs into the registry branch, and the policy check on PRs that change
 * the policy file. The PR is read afresh on every event, so a late or redelivered webhook judges
 * the PR as it is now (its current head, its current reviews), never as the payload remembers it.
 */
export function promotionCheck(app: Probot, runtime: AppRuntime): void {
  app.on([...events], async (context) => {
    const repository = repositoryOf(context);
    const octokit = octokitOf(context);
    const number = context.payload.pull_request.number;
    await runtime.serializer.run(`pull:${repository.owner}/${repository.repo}#${number}`, async () => {
      const { data: pull } = await octokit.rest.pulls.get({ ...repository, pull_number: number });
      if (pull.state !== 'open') return;
      const appId = await runtime.appId();
      const files = await listChangedFiles(octokit, repository, number);

      if (files.some((file) => file.path === POLICY_PATH)) {
        const proposed = await checkPolicyAt(octokit, repository, pull.head.sha);
        const check = renderPolicyCheck(proposed, pull.base.ref === repository.defaultBranch);
        await publishCheckRun(octokit, repository, appId, { name: POLICY_CHECK, headSha: pull.head.sha, ...check });
      }

      const governing = await loadGoverningPolicy(octokit, repository);
      const registryBranch = governing.valid ? governing.policy['registry-branch'] : DEFAULT_REGISTRY_BRANCH;
      if (pull.base.ref !== registryBranch) return;
      const verdict = await judge(governing, async (policy) => {
        const evaluated = await evaluatePullRequest(octokit, repository, policy, { number, author: pull.user.login, headSha: pull.head.sha }, files);
        return { ...renderPromotionCheck(evaluated, governing.source), conclusion: evaluated.passed ? 'success' as const : 'failure' as const };
      });
      await publishCheckRun(octokit, repository, appId, { name: PROMOTION_CHECK, headSha: pull.head.sha, ...verdict });
    });
  });
}

type CheckOutput = { conclusion: 'success' | 'failure'; title: string; summary: string };

/** A policy or registry document that cannot be read fails the check with its reason, naming the file. */
async function judge(governing: Awaited<ReturnType<typeof loadGoverningPolicy>>, evaluate: (policy: Policy) => Promise<CheckOutput>): Promise<CheckOutput> {
  if (!governing.valid) {
    return {
      conclusion: 'failure',
      title: 'The promotion policy is invalid',
      summary: `**❌ No promotion can be judged:** the policy on the default branch is invalid, so nothing is approved until it is fixed.\n\n${governing.problem}`,
    };
  }
  try {
    return await evaluate(governing.policy);
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return { conclusion: 'failure', title: 'The registry could not be read', summary: `**❌ The promotion cannot be judged:** ${error.message}` };
  }
}
