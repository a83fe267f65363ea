import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ModelName,
  VersionNumber
} from "./chunk-GDY5R3NU.js";
import {
  external_exports
} from "./chunk-FKGEWHBH.js";

// src/policy/promotion.ts
var aliasesFile = /^models\/([^/]+)\/aliases\.json$/;
function inspectPromotionFiles(files) {
  const models = /* @__PURE__ */ new Set();
  const others = [];
  for (const file of files) {
    const match = aliasesFile.exec(file.path);
    if (match && file.status !== "removed" && file.previousPath === void 0) models.add(match[1]);
    else others.push(file.status === "renamed" && file.previousPath ? `${file.previousPath} \u2192 ${file.path}` : file.path);
  }
  const problems = [];
  if (others.length > 0) problems.push(`only models/<name>/aliases.json may change, but this PR changes ${others.map((path) => `\`${path}\``).join(", ")}`);
  if (models.size > 1) problems.push(`a promotion changes one model's aliases, but this PR changes ${[...models].sort().join(", ")}`);
  if (models.size === 0 && others.length === 0) problems.push("this PR changes no models/<name>/aliases.json");
  return { model: models.size === 1 ? [...models][0] : void 0, problems };
}
function modelsWithAliasChanges(paths) {
  const models = /* @__PURE__ */ new Set();
  for (const path of paths) {
    const match = aliasesFile.exec(path);
    if (match) models.add(match[1]);
  }
  return [...models].sort();
}
function aliasChanges(before, after) {
  const stages = [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])];
  return stages.filter((stage) => before[stage] !== after[stage]).map((stage) => ({ stage, from: before[stage], to: after[stage] }));
}
function resolveTier(policy, model, registryRiskTier) {
  const tiers = policy["risk-tiers"];
  const candidates = [policy.models[model]?.risk, registryRiskTier ?? void 0, "default"];
  const name = candidates.find((candidate) => candidate !== void 0 && candidate in tiers);
  if (name === void 0) return { name: null, rule: { approvals: 1, approvers: [], alsoRequired: [] } };
  const tier = tiers[name];
  return { name, rule: { approvals: tier.approvals, approvers: tier.approvers, alsoRequired: tier["also-required"] } };
}
var plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
var orList = (principals) => principals.join(" or ");
function latestReviews(reviews) {
  const latest = /* @__PURE__ */ new Map();
  for (const review of reviews) {
    if (review.state === "COMMENTED" || review.state === "PENDING") continue;
    latest.set(review.reviewer.toLowerCase(), review);
  }
  return [...latest.values()];
}
function evaluateApprovals(facts, rule) {
  const authors = new Set(facts.authors.map((login) => login.toLowerCase()));
  const inAny = (review, principals) => principals.some((principal) => review.principals.includes(principal));
  const countsToward = (review) => rule.approvers.length === 0 || inAny(review, rule.approvers);
  const isRequiredApprover = (review) => countsToward(review) || inAny(review, rule.alsoRequired);
  const counted = [];
  const valid = [];
  const blocking = [];
  for (const review of latestReviews(facts.reviews)) {
    const entry = (isCounted, reason) => counted.push({ reviewer: review.reviewer, state: review.state, counted: isCounted, reason });
    if (authors.has(review.reviewer.toLowerCase())) entry(false, "an author of this promotion");
    else if (!review.canWrite) entry(false, "no write access to the repository");
    else if (review.state === "DISMISSED") entry(false, "review dismissed");
    else if (review.state === "CHANGES_REQUESTED") {
      if (isRequiredApprover(review)) {
        blocking.push(review.reviewer);
        entry(false, "requested changes: blocks the promotion until dismissed or approved");
      } else {
        entry(false, "requested changes (not a required approver)");
      }
    } else if (review.commitId !== facts.headSha) entry(false, `on an older commit (${(review.commitId ?? "unknown").slice(0, 7)}); review again on ${facts.headSha.slice(0, 7)}`);
    else if (!isRequiredApprover(review)) entry(false, `not in ${orList([...rule.approvers, ...rule.alsoRequired])}`);
    else {
      valid.push(review);
      entry(true, "counts");
    }
  }
  const requirements = [];
  const quorum = valid.filter(countsToward);
  const from = rule.approvers.length > 0 ? ` from ${orList(rule.approvers)}` : " from people with write access";
  const short = rule.approvals - quorum.length;
  const approvers = quorum.map((review) => `@${review.reviewer}`).join(", ");
  requirements.push(short > 0 ? { name: "approvals", state: "missing", detail: `needs ${plural(short, "more approval")}${from} (${quorum.length} of ${rule.approvals}${approvers ? `: ${approvers}` : ""})` } : { name: "approvals", state: "passed", detail: rule.approvals === 0 ? "no approvals required" : `${quorum.length} of ${rule.approvals}${from}: ${approvers}` });
  for (const principal of rule.alsoRequired) {
    const by = valid.filter((review) => review.principals.includes(principal)).map((review) => `@${review.reviewer}`);
    requirements.push(by.length > 0 ? { name: `approval from ${principal}`, state: "passed", detail: `approved by ${by.join(", ")}` } : { name: `approval from ${principal}`, state: "missing", detail: `needs 1 more approval from ${principal}` });
  }
  for (const reviewer of blocking) {
    requirements.push({ name: `changes requested by @${reviewer}`, state: "failed", detail: `@${reviewer} requested changes` });
  }
  return { requirements, reviews: counted };
}
function evaluateStageChange(facts, change) {
  const { policy } = facts;
  const stages = policy.stages;
  const index = stages.indexOf(change.stage);
  if (index < 0) return [{ name: `stage ${change.stage}`, state: "failed", detail: `stage "${change.stage}" is not in the policy's stages (${stages.join(", ")})` }];
  if (change.to === void 0) {
    return [{ name: `stage ${change.stage}`, state: "failed", detail: `removing the ${change.stage} alias (v${change.from}) is not a promotion; promote another version to ${change.stage} instead` }];
  }
  const version = change.to;
  const requirements = [];
  const evidence = facts.versions[version];
  if (!evidence?.registered) {
    return [{ name: `v${version} registered`, state: "failed", detail: `v${version} is not registered (no models/${facts.model}/versions/${version}.json)` }];
  }
  if (index > 0 && policy["enforce-stage-order"]) {
    const previous = stages[index - 1];
    const heldPrevious = facts.stageHistory[previous]?.includes(version) ?? false;
    const heldThis = facts.stageHistory[change.stage]?.includes(version) ?? false;
    requirements.push(heldPrevious || heldThis ? { name: `stage order to ${change.stage}`, state: "passed", detail: heldPrevious ? `v${version} has held ${previous}` : `v${version} held ${change.stage} before (rollback)` } : { name: `stage order to ${change.stage}`, state: "failed", detail: `v${version} has not held ${previous}: promote it to ${previous} first` });
  }
  requirements.push(...gateRequirements(policy, change.stage, facts.model, version, evidence, facts.driftIssues));
  return requirements;
}
function gateRequirements(policy, stage, model, version, evidence, driftIssues) {
  const gates = policy.gates[stage];
  const requirements = [];
  if (gates?.evaluation === "required") requirements.push(gateRequirement(`evaluation of v${version}`, evidence.evaluation, "failed its thresholds"));
  if (gates?.["data-validation"] === "required") requirements.push(gateRequirement(`data validation of v${version}`, evidence.dataValidation, "failed"));
  if (gates?.["open-drift-issues"] === "block") {
    requirements.push(driftIssues.length === 0 ? { name: `open drift issues (${stage})`, state: "passed", detail: `no open critical drift issue for ${model}` } : {
      name: `open drift issues (${stage})`,
      state: "failed",
      detail: `open critical drift ${driftIssues.length === 1 ? "issue" : "issues"} ${driftIssues.map((issue) => `#${issue.number} (${issue.environment})`).join(", ")}`
    });
  }
  return requirements;
}
function gateRequirement(name, evidence, failedWord) {
  if (evidence.state === "missing") return { name, state: "missing", detail: `${name} missing` };
  if (evidence.state === "failed") return { name, state: "failed", detail: `${name} ${failedWord}: ${evidence.detail}` };
  return { name, state: "passed", detail: `${name} passed: ${evidence.detail}` };
}
function filesVerdict(problems) {
  const requirements = problems.map((problem) => ({ name: "files", state: "failed", detail: problem }));
  return { passed: false, model: null, changes: [], tier: { name: null, rule: { approvals: 0, approvers: [], alsoRequired: [] } }, requirements, reviews: [], missing: problems };
}
function evaluatePromotion(facts) {
  const changes = aliasChanges(facts.before, facts.after);
  const tier = resolveTier(facts.policy, facts.model, facts.registryRiskTier);
  const requirements = facts.fileProblems.map((problem) => ({ name: "files", state: "failed", detail: problem }));
  if (facts.fileProblems.length === 0) {
    requirements.push(changes.length === 0 ? { name: "files", state: "failed", detail: `models/${facts.model}/aliases.json changes no stage` } : { name: "files", state: "passed", detail: `only models/${facts.model}/aliases.json changes` });
  }
  for (const change of changes) requirements.push(...evaluateStageChange(facts, change));
  const approvals = evaluateApprovals(facts, tier.rule);
  requirements.push(...approvals.requirements);
  const missing = requirements.filter((requirement) => requirement.state !== "passed").map((requirement) => requirement.detail);
  return { passed: missing.length === 0, model: facts.model, changes, tier, requirements, reviews: approvals.reviews, missing };
}

// src/policy/deployment-gate.ts
var DeploymentPayload = external_exports.object({
  model: ModelName,
  version: VersionNumber,
  digest: external_exports.string(),
  strategy: external_exports.string(),
  registryCommit: external_exports.string().optional(),
  pullRequest: external_exports.number().int().nullable().optional()
});
function strategyFor(policy, stage) {
  return policy.deployments[stage]?.strategy ?? "blue-green";
}
async function judgeDeployment(facts) {
  const parsed = DeploymentPayload.safeParse(facts.payload);
  if (!parsed.success) {
    return { approved: false, comment: `Rejected: this deployment's payload names no ghml model and version (model, version, digest), so ghml cannot tell what it deploys to ${facts.environment}.` };
  }
  const { model, version, digest } = parsed.data;
  if (!facts.policy.stages.includes(facts.environment)) {
    return { approved: false, comment: `Rejected: ${facts.environment} is not a stage of the promotion policy (${facts.policy.stages.join(", ")}).` };
  }
  const current = await facts.current(model);
  if (current.version !== version) {
    const now = current.version === void 0 ? "no version" : `v${current.version}`;
    return { approved: false, comment: `Rejected: ${model} v${version} is not what ${facts.environment} names; the alias names ${now}.` };
  }
  if (current.digest !== digest) {
    return { approved: false, comment: `Rejected: the package digest ${digest.slice(0, 12)} is not the digest ${model} v${version} was registered with (${current.digest?.slice(0, 12) ?? "none"}).` };
  }
  const requirements = gateRequirements(facts.policy, facts.environment, model, version, current.evidence, current.driftIssues);
  const unmet = requirements.filter((requirement) => requirement.state !== "passed");
  if (unmet.length > 0) return { approved: false, comment: `Rejected: ${unmet.map((requirement) => requirement.detail).join("; ")}.` };
  const passed = requirements.map((requirement) => requirement.detail);
  return { approved: true, comment: `Approved: ${model} v${version} is what ${facts.environment} names${passed.length > 0 ? `; ${passed.join("; ")}` : "; the policy sets no gates for this stage"}.` };
}

// src/github/deployments.ts
async function createDeployment(octokit, repository, request) {
  const { data, status } = await octokit.rest.repos.createDeployment({
    ...repository,
    ref: request.ref,
    environment: request.environment,
    payload: request.payload,
    description: request.description,
    auto_merge: false,
    required_contexts: [],
    ...request.production === void 0 ? {} : { production_environment: request.production }
  });
  if (status !== 201 || !("id" in data)) throw new Error(`GitHub did not create the deployment to ${request.environment}: ${request.description} (status ${status})`);
  return data.id;
}
var GitHubDeploymentTracker = class _GitHubDeploymentTracker {
  constructor(octokit, repository, deploymentId, environment, logUrl) {
    this.octokit = octokit;
    this.repository = repository;
    this.deploymentId = deploymentId;
    this.environment = environment;
    this.logUrl = logUrl;
  }
  octokit;
  repository;
  deploymentId;
  environment;
  logUrl;
  static async create(octokit, repository, request, logUrl) {
    const id = await createDeployment(octokit, repository, request);
    return new _GitHubDeploymentTracker(octokit, repository, id, request.environment, logUrl);
  }
  async started(description) {
    await this.octokit.rest.repos.createDeploymentStatus({ ...this.repository, deployment_id: this.deploymentId, state: "in_progress", log_url: this.logUrl, description, environment: this.environment });
  }
  async finished(state, description, environmentUrl) {
    await this.octokit.rest.repos.createDeploymentStatus({
      ...this.repository,
      deployment_id: this.deploymentId,
      state,
      log_url: this.logUrl,
      description,
      environment: this.environment,
      ...environmentUrl ? { environment_url: environmentUrl } : {},
      auto_inactive: state === "success"
    });
  }
};

export {
  inspectPromotionFiles,
  modelsWithAliasChanges,
  aliasChanges,
  resolveTier,
  filesVerdict,
  evaluatePromotion,
  DeploymentPayload,
  strategyFor,
  judgeDeployment,
  createDeployment,
  GitHubDeploymentTracker
};
