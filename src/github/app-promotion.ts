import type { Octokit } from 'octokit';
import type { Aliases } from '../contracts/registry.js';
import type { Policy } from '../contracts/policy.js';
import { DataError } from '../errors.js';
import {
  aliasChanges, evaluatePromotion, filesVerdict, inspectPromotionFiles, resolveTier,
  type ChangedFile, type PromotionVerdict, type ReviewEvidence, type VersionEvidence,
} from '../policy/promotion.js';
import { AccessLookup, type RepositoryRef } from './app-access.js';
import { openCriticalDriftIssues } from './app-drift.js';
import { RegistryFacts } from './app-registry.js';

export interface PullRequestFacts {
  number: number;
  author: string;
  headSha: string;
}

export async function listChangedFiles(octokit: Octokit, repository: RepositoryRef, pullNumber: number): Promise<ChangedFile[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repository, pull_number: pullNumber, per_page: 100 });
  return files.map((file) => ({ path: file.filename, status: file.status, ...(file.previous_filename ? { previousPath: file.previous_filename } : {}) }));
}

/** The PR's author and the authors of its commits: a promotion opened on someone's behalf is still theirs. */
async function promotionAuthors(octokit: Octokit, repository: RepositoryRef, pull: PullRequestFacts): Promise<string[]> {
  const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { ...repository, pull_number: pull.number, per_page: 100 });
  const logins = commits.map((commit) => commit.author && 'login' in commit.author ? commit.author.login : undefined);
  return [...new Set([pull.author, ...logins.filter((login): login is string => Boolean(login))])];
}

async function reviewEvidence(octokit: Octokit, repository: RepositoryRef, pullNumber: number, principals: string[]): Promise<ReviewEvidence[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repository, pull_number: pullNumber, per_page: 100 });
  const access = new AccessLookup(octokit, repository);
  const evidence: ReviewEvidence[] = [];
  for (const review of reviews) {
    if (!review.user) continue;
    const login = review.user.login;
    const [canWrite, memberOf] = await Promise.all([access.canWrite(login), access.principalsOf(login, principals)]);
    evidence.push({ reviewer: login, state: review.state, commitId: review.commit_id, canWrite, principals: memberOf });
  }
  return evidence;
}

/**
 * Gathers what the policy needs to judge a promotion PR — the aliases before and after, the
 * versions' evidence, the stage history, open drift issues, reviews with each reviewer's access —
 * and judges it. Registry documents are read at the registry branch's head, the change at the PR's
 * head commit.
 */
export async function evaluatePullRequest(octokit: Octokit, repository: RepositoryRef, policy: Policy, pull: PullRequestFacts, files: ChangedFile[]): Promise<PromotionVerdict> {
  const inspected = inspectPromotionFiles(files);
  if (inspected.model === undefined) return filesVerdict(inspected.problems);
  const model = inspected.model;
  const registry = new RegistryFacts(octokit, repository, policy);
  const base = await registry.head();
  const before = await registry.aliases(base, model);
  let after: Aliases;
  try {
    after = await registry.aliases(registry.at(pull.headSha), model);
  } catch (error) {
    if (error instanceof DataError) return filesVerdict([...inspected.problems, `the PR's aliases.json is not valid: ${error.message}`]);
    throw error;
  }

  const changes = aliasChanges(before, after);
  const versions: Record<number, VersionEvidence> = {};
  const stageHistory: Record<string, number[]> = {};
  const held = (stage: string, version: number) => (stageHistory[stage] ??= []).push(version);
  for (const change of changes) {
    const index = policy.stages.indexOf(change.stage);
    if (change.to === undefined || index < 0) continue;
    versions[change.to] ??= await registry.evidence(base, model, change.to);
    if (index === 0 || !policy['enforce-stage-order']) continue;
    const previous = policy.stages[index - 1];
    if (await registry.hasHeld(before, model, previous, change.to)) held(previous, change.to);
    else if (await registry.hasHeld(before, model, change.stage, change.to)) held(change.stage, change.to);
  }
  const blocksOnDrift = changes.some((change) => policy.gates[change.stage]?.['open-drift-issues'] === 'block');
  const modelRecord = await registry.model(base, model);
  const tier = resolveTier(policy, model, modelRecord?.riskTier ?? null).rule;
  const [driftIssues, reviews, authors] = await Promise.all([
    blocksOnDrift ? openCriticalDriftIssues(octokit, repository, model) : Promise.resolve([]),
    reviewEvidence(octokit, repository, pull.number, [...tier.approvers, ...tier.alsoRequired]),
    promotionAuthors(octokit, repository, pull),
  ]);
  return evaluatePromotion({
    policy,
    model,
    registryRiskTier: modelRecord?.riskTier ?? null,
    authors,
    headSha: pull.headSha,
    fileProblems: inspected.problems,
    before,
    after,
    stageHistory,
    versions,
    driftIssues,
    reviews,
  });
}
