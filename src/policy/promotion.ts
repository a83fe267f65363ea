import type { Aliases } from '../contracts/registry.js';
import type { Policy, RiskTier } from '../contracts/policy.js';

/**
 * Promotion policy evaluation (DESIGN §5): pure, so every rule is tested on constructed inputs and
 * the app only gathers facts. A verdict lists each requirement with what passed and what is
 * missing, in words a reviewer can act on.
 */

export interface ChangedFile {
  path: string;
  /** GitHub's file status: added, modified, removed, renamed, … */
  status: string;
  previousPath?: string;
}

/** A review as GitHub lists it, with what the app looked up about its author. */
export interface ReviewEvidence {
  reviewer: string;
  /** GitHub's review state: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The commit the review was given on. */
  commitId: string | null;
  /** Write, maintain or admin on the repository. */
  canWrite: boolean;
  /** The policy's principals (`@login`, `@org/team`) that the reviewer is or belongs to. */
  principals: string[];
}

/** What the registry says about a version being promoted. */
export interface VersionEvidence {
  /** models/<name>/versions/<N>.json exists. */
  registered: boolean;
  evaluation: GateEvidence;
  dataValidation: GateEvidence;
}

export type GateEvidence = { state: 'passed' | 'failed'; detail: string } | { state: 'missing' };

/** An open drift issue the policy's `open-drift-issues: block` counts. */
export interface BlockingDriftIssue {
  number: number;
  environment: string;
  url: string;
}

export interface PromotionFacts {
  policy: Policy;
  model: string;
  /** The risk tier the registry's model.json names, used when the policy does not name the model. */
  registryRiskTier: string | null;
  /** The PR's author and everyone who authored one of its commits: none of their approvals count. */
  authors: string[];
  headSha: string;
  /** Problems found in the PR's files (see `inspectPromotionFiles`). */
  fileProblems: string[];
  /** aliases.json on the registry branch now, and in the PR. */
  before: Aliases;
  after: Aliases;
  /** Versions that have held each stage, from the history of aliases.json (current holders included). */
  stageHistory: Record<string, number[]>;
  versions: Record<number, VersionEvidence>;
  /** Open critical drift issues of the model. */
  driftIssues: BlockingDriftIssue[];
  reviews: ReviewEvidence[];
}

export interface AliasChange {
  stage: string;
  from: number | undefined;
  to: number | undefined;
}

export type RequirementState = 'passed' | 'missing' | 'failed';

export interface Requirement {
  /** What is required, e.g. "approvals" or "evaluation of v4". */
  name: string;
  state: RequirementState;
  /** What passed, or exactly what is missing. */
  detail: string;
}

export interface CountedReview {
  reviewer: string;
  state: string;
  counted: boolean;
  reason: string;
}

export interface PromotionVerdict {
  passed: boolean;
  /** Null when the files name no single model. */
  model: string | null;
  changes: AliasChange[];
  tier: { name: string | null; rule: ResolvedTier };
  requirements: Requirement[];
  reviews: CountedReview[];
  /** The missing and failed requirements' details, in order, for the verdict line. */
  missing: string[];
}

export interface ResolvedTier {
  approvals: number;
  approvers: string[];
  alsoRequired: string[];
}

const aliasesFile = /^models\/([^/]+)\/aliases\.json$/;

/**
 * Which model a promotion PR promotes, and what in it breaks the rule that a promotion changes
 * only `models/<name>/aliases.json` of one model. Each offending file is named.
 */
export function inspectPromotionFiles(files: ChangedFile[]): { model: string | undefined; problems: string[] } {
  const models = new Set<string>();
  const others: string[] = [];
  for (const file of files) {
    const match = aliasesFile.exec(file.path);
    if (match && file.status !== 'removed' && file.previousPath === undefined) models.add(match[1]);
    else others.push(file.status === 'renamed' && file.previousPath ? `${file.previousPath} → ${file.path}` : file.path);
  }
  const problems: string[] = [];
  if (others.length > 0) problems.push(`only models/<name>/aliases.json may change, but this PR changes ${others.map((path) => `\`${path}\``).join(', ')}`);
  if (models.size > 1) problems.push(`a promotion changes one model's aliases, but this PR changes ${[...models].sort().join(', ')}`);
  if (models.size === 0 && others.length === 0) problems.push('this PR changes no models/<name>/aliases.json');
  return { model: models.size === 1 ? [...models][0] : undefined, problems };
}

/** The models whose aliases.json is among the paths (of a push, say). */
export function modelsWithAliasChanges(paths: Iterable<string>): string[] {
  const models = new Set<string>();
  for (const path of paths) {
    const match = aliasesFile.exec(path);
    if (match) models.add(match[1]);
  }
  return [...models].sort();
}

export function aliasChanges(before: Aliases, after: Aliases): AliasChange[] {
  const stages = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return stages.filter((stage) => before[stage] !== after[stage]).map((stage) => ({ stage, from: before[stage], to: after[stage] }));
}

/**
 * The approval rule of a model: its tier in the policy, else the tier model.json names, else a
 * tier called `default`, else one approval from anyone with write access — never none, because
 * a model without a rule must not reach a stage unreviewed.
 */
export function resolveTier(policy: Policy, model: string, registryRiskTier: string | null): { name: string | null; rule: ResolvedTier } {
  const tiers = policy['risk-tiers'];
  const candidates = [policy.models[model]?.risk, registryRiskTier ?? undefined, 'default'];
  const name = candidates.find((candidate): candidate is string => candidate !== undefined && candidate in tiers);
  if (name === undefined) return { name: null, rule: { approvals: 1, approvers: [], alsoRequired: [] } };
  const tier: RiskTier = tiers[name];
  return { name, rule: { approvals: tier.approvals, approvers: tier.approvers, alsoRequired: tier['also-required'] } };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const orList = (principals: string[]) => principals.join(' or ');

/** The review that counts per reviewer: the latest one that approves, requests changes or was dismissed. */
function latestReviews(reviews: ReviewEvidence[]): ReviewEvidence[] {
  const latest = new Map<string, ReviewEvidence>();
  for (const review of reviews) {
    // A comment neither grants nor withdraws approval, and a pending review is not submitted.
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.reviewer.toLowerCase(), review);
  }
  return [...latest.values()];
}

function evaluateApprovals(facts: PromotionFacts, rule: ResolvedTier): { requirements: Requirement[]; reviews: CountedReview[] } {
  const authors = new Set(facts.authors.map((login) => login.toLowerCase()));
  const inAny = (review: ReviewEvidence, principals: string[]) => principals.some((principal) => review.principals.includes(principal));
  const countsToward = (review: ReviewEvidence) => rule.approvers.length === 0 || inAny(review, rule.approvers);
  const isRequiredApprover = (review: ReviewEvidence) => countsToward(review) || inAny(review, rule.alsoRequired);

  const counted: CountedReview[] = [];
  const valid: ReviewEvidence[] = [];
  const blocking: string[] = [];
  for (const review of latestReviews(facts.reviews)) {
    const entry = (isCounted: boolean, reason: string) => counted.push({ reviewer: review.reviewer, state: review.state, counted: isCounted, reason });
    if (authors.has(review.reviewer.toLowerCase())) entry(false, 'an author of this promotion');
    else if (!review.canWrite) entry(false, 'no write access to the repository');
    else if (review.state === 'DISMISSED') entry(false, 'review dismissed');
    else if (review.state === 'CHANGES_REQUESTED') {
      if (isRequiredApprover(review)) {
        blocking.push(review.reviewer);
        entry(false, 'requested changes: blocks the promotion until dismissed or approved');
      } else {
        entry(false, 'requested changes (not a required approver)');
      }
    } else if (review.commitId !== facts.headSha) entry(false, `on an older commit (${(review.commitId ?? 'unknown').slice(0, 7)}); review again on ${facts.headSha.slice(0, 7)}`);
    else if (!isRequiredApprover(review)) entry(false, `not in ${orList([...rule.approvers, ...rule.alsoRequired])}`);
    else {
      valid.push(review);
      entry(true, 'counts');
    }
  }

  const requirements: Requirement[] = [];
  const quorum = valid.filter(countsToward);
  const from = rule.approvers.length > 0 ? ` from ${orList(rule.approvers)}` : ' from people with write access';
  const short = rule.approvals - quorum.length;
  const approvers = quorum.map((review) => `@${review.reviewer}`).join(', ');
  requirements.push(short > 0
    ? { name: 'approvals', state: 'missing', detail: `needs ${plural(short, 'more approval')}${from} (${quorum.length} of ${rule.approvals}${approvers ? `: ${approvers}` : ''})` }
    : { name: 'approvals', state: 'passed', detail: rule.approvals === 0 ? 'no approvals required' : `${quorum.length} of ${rule.approvals}${from}: ${approvers}` });
  for (const principal of rule.alsoRequired) {
    const by = valid.filter((review) => review.principals.includes(principal)).map((review) => `@${review.reviewer}`);
    requirements.push(by.length > 0
      ? { name: `approval from ${principal}`, state: 'passed', detail: `approved by ${by.join(', ')}` }
      : { name: `approval from ${principal}`, state: 'missing', detail: `needs 1 more approval from ${principal}` });
  }
  for (const reviewer of blocking) {
    requirements.push({ name: `changes requested by @${reviewer}`, state: 'failed', detail: `@${reviewer} requested changes` });
  }
  return { requirements, reviews: counted };
}

function evaluateStageChange(facts: PromotionFacts, change: AliasChange): Requirement[] {
  const { policy } = facts;
  const stages = policy.stages;
  const index = stages.indexOf(change.stage);
  if (index < 0) return [{ name: `stage ${change.stage}`, state: 'failed', detail: `stage "${change.stage}" is not in the policy's stages (${stages.join(', ')})` }];
  if (change.to === undefined) {
    return [{ name: `stage ${change.stage}`, state: 'failed', detail: `removing the ${change.stage} alias (v${change.from}) is not a promotion; promote another version to ${change.stage} instead` }];
  }
  const version = change.to;
  const requirements: Requirement[] = [];
  const evidence = facts.versions[version];
  if (!evidence?.registered) {
    return [{ name: `v${version} registered`, state: 'failed', detail: `v${version} is not registered (no models/${facts.model}/versions/${version}.json)` }];
  }

  if (index > 0 && policy['enforce-stage-order']) {
    const previous = stages[index - 1];
    const heldPrevious = facts.stageHistory[previous]?.includes(version) ?? false;
    const heldThis = facts.stageHistory[change.stage]?.includes(version) ?? false;
    requirements.push(heldPrevious || heldThis
      ? { name: `stage order to ${change.stage}`, state: 'passed', detail: heldPrevious ? `v${version} has held ${previous}` : `v${version} held ${change.stage} before (rollback)` }
      : { name: `stage order to ${change.stage}`, state: 'failed', detail: `v${version} has not held ${previous}: promote it to ${previous} first` });
  }

  requirements.push(...gateRequirements(policy, change.stage, facts.model, version, evidence, facts.driftIssues));
  return requirements;
}

/** The policy's gates for a stage, judged for one version: shared by the promotion check and the deployment gate. */
export function gateRequirements(policy: Policy, stage: string, model: string, version: number, evidence: VersionEvidence, driftIssues: BlockingDriftIssue[]): Requirement[] {
  const gates = policy.gates[stage];
  const requirements: Requirement[] = [];
  if (gates?.evaluation === 'required') requirements.push(gateRequirement(`evaluation of v${version}`, evidence.evaluation, 'failed its thresholds'));
  if (gates?.['data-validation'] === 'required') requirements.push(gateRequirement(`data validation of v${version}`, evidence.dataValidation, 'failed'));
  if (gates?.['open-drift-issues'] === 'block') {
    requirements.push(driftIssues.length === 0
      ? { name: `open drift issues (${stage})`, state: 'passed', detail: `no open critical drift issue for ${model}` }
      : {
          name: `open drift issues (${stage})`,
          state: 'failed',
          detail: `open critical drift ${driftIssues.length === 1 ? 'issue' : 'issues'} ${driftIssues.map((issue) => `#${issue.number} (${issue.environment})`).join(', ')}`,
        });
  }
  return requirements;
}

function gateRequirement(name: string, evidence: GateEvidence, failedWord: string): Requirement {
  if (evidence.state === 'missing') return { name, state: 'missing', detail: `${name} missing` };
  if (evidence.state === 'failed') return { name, state: 'failed', detail: `${name} ${failedWord}: ${evidence.detail}` };
  return { name, state: 'passed', detail: `${name} passed: ${evidence.detail}` };
}

/** The verdict on a PR whose files name no single model: nothing else can be judged. */
export function filesVerdict(problems: string[]): PromotionVerdict {
  const requirements: Requirement[] = problems.map((problem) => ({ name: 'files', state: 'failed', detail: problem }));
  return { passed: false, model: null, changes: [], tier: { name: null, rule: { approvals: 0, approvers: [], alsoRequired: [] } }, requirements, reviews: [], missing: problems };
}

export function evaluatePromotion(facts: PromotionFacts): PromotionVerdict {
  const changes = aliasChanges(facts.before, facts.after);
  const tier = resolveTier(facts.policy, facts.model, facts.registryRiskTier);
  const requirements: Requirement[] = facts.fileProblems.map((problem) => ({ name: 'files', state: 'failed', detail: problem }));
  if (facts.fileProblems.length === 0) {
    requirements.push(changes.length === 0
      ? { name: 'files', state: 'failed', detail: `models/${facts.model}/aliases.json changes no stage` }
      : { name: 'files', state: 'passed', detail: `only models/${facts.model}/aliases.json changes` });
  }
  for (const change of changes) requirements.push(...evaluateStageChange(facts, change));
  const approvals = evaluateApprovals(facts, tier.rule);
  requirements.push(...approvals.requirements);
  const missing = requirements.filter((requirement) => requirement.state !== 'passed').map((requirement) => requirement.detail);
  return { passed: missing.length === 0, model: facts.model, changes, tier, requirements, reviews: approvals.reviews, missing };
}
