import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ModelName,
  StageName,
  statusOf
} from "./chunk-O47LTZ3U.js";
import {
  external_exports,
  parseDocumentText
} from "./chunk-5IKXZ3EP.js";

// src/contracts/policy.ts
var Principal = external_exports.string().regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, "must be @user or @org/team");
var RiskTier = external_exports.strictObject({
  approvals: external_exports.number().int().nonnegative().describe("Approving reviews a promotion needs."),
  approvers: external_exports.array(Principal).default([]).describe("Whose approvals count; anyone with write access when empty."),
  "also-required": external_exports.array(Principal).default([]).describe("Teams or people each of whom must approve as well.")
});
var ModelPolicy = external_exports.strictObject({
  risk: external_exports.string().describe("A key of risk-tiers."),
  owners: external_exports.array(Principal).default([])
});
var requirements = ["required", "optional"];
var StageGates = external_exports.strictObject({
  evaluation: external_exports.enum(requirements).default("optional").describe("required: an evaluation of the version that passed its thresholds."),
  "data-validation": external_exports.enum(requirements).default("optional").describe("required: the version was registered with a data validation that passed."),
  "open-drift-issues": external_exports.enum(["block", "ignore"]).default("ignore").describe("block: no open critical drift issue on the version the stage serves now.")
});
var DriftPolicy = external_exports.strictObject({
  "schedule-issue-after": external_exports.number().int().positive().default(2).describe("Consecutive drifted reports before an issue is opened."),
  "retrain-workflow": external_exports.string().min(1).optional().describe("Workflow file dispatched when drift persists."),
  "close-issue-after": external_exports.number().int().positive().optional().describe("Consecutive clean reports that close a drift issue; schedule-issue-after when unset.")
});
var deploymentStrategies = ["blue-green", "canary", "shadow", "batch"];
var StageDeployment = external_exports.strictObject({
  strategy: external_exports.enum(deploymentStrategies).default("blue-green")
});
var Policy = external_exports.strictObject({
  "registry-branch": external_exports.string().min(1).default("ghml/registry"),
  stages: external_exports.array(StageName).min(1).default(["staging", "production"]).refine((stages) => new Set(stages).size === stages.length, "must not list a stage twice").describe("Stages in promotion order: a version reaches a stage only after it held the one before."),
  "risk-tiers": external_exports.record(external_exports.string().regex(/^[a-z][a-z0-9_-]*$/, "tier names are lowercase words"), RiskTier).default({}),
  models: external_exports.record(external_exports.string(), ModelPolicy).default({}).describe("Per model name: its risk tier and owners."),
  gates: external_exports.record(StageName, StageGates).default({}),
  drift: DriftPolicy.default({ "schedule-issue-after": 2 }),
  "enforce-stage-order": external_exports.boolean().default(true).describe("false lets a version reach a stage without having held the one before."),
  deployments: external_exports.record(StageName, StageDeployment).default({}).describe("Per stage: how the deployment the app creates on merge is rolled out (blue-green when unset).")
}).superRefine((policy, ctx) => {
  const tiers = Object.keys(policy["risk-tiers"]);
  const known = (tier) => tiers.includes(tier);
  for (const [model, entry] of Object.entries(policy.models)) {
    const name = ModelName.safeParse(model);
    if (!name.success) ctx.addIssue({ code: "custom", path: ["models", model], message: `"${model}" is not a model name: it ${name.error.issues[0].message}` });
    if (!known(entry.risk)) ctx.addIssue({ code: "custom", path: ["models", model, "risk"], message: `"${entry.risk}" is not a risk tier (risk-tiers has ${tiers.length > 0 ? tiers.join(", ") : "none"})` });
  }
  for (const stage of Object.keys(policy.gates)) {
    if (!policy.stages.includes(stage)) ctx.addIssue({ code: "custom", path: ["gates", stage], message: `"${stage}" is not one of the stages (${policy.stages.join(", ")})` });
  }
  for (const stage of Object.keys(policy.deployments)) {
    if (!policy.stages.includes(stage)) ctx.addIssue({ code: "custom", path: ["deployments", stage], message: `"${stage}" is not one of the stages (${policy.stages.join(", ")})` });
  }
}).describe("The ghml promotion policy: .github/ghml.yml on the default branch.");
var POLICY_PATH = ".github/ghml.yml";

// src/registry/policy.ts
async function loadPolicy(source) {
  const text = await source.read();
  if (text === void 0) return Policy.parse({});
  return parseDocumentText(text, source.location, Policy, "promotion policy", "policy");
}

// src/github/pull-requests.ts
var GitHubPullRequests = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
  }
  octokit;
  repository;
  /** Lists the open pull requests into the registry branch: a handful, whatever the history. */
  async findOpen(base, headPrefix) {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...this.repository, state: "open", base, per_page: 100 });
    return pulls.filter((pull) => pull.head.ref.startsWith(headPrefix) && pull.head.repo?.full_name === `${this.repository.owner}/${this.repository.repo}`).map((pull) => ({ number: pull.number, url: pull.html_url, head: pull.head.ref }));
  }
  async open(request) {
    const { data } = await this.octokit.rest.pulls.create({ ...this.repository, ...request, maintainer_can_modify: false });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }
  async update(number, request) {
    const { data } = await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, ...request });
    return { number: data.number, url: data.html_url, head: data.head.ref };
  }
  async close(number, comment) {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: number, body: comment });
    await this.octokit.rest.pulls.update({ ...this.repository, pull_number: number, state: "closed" });
  }
};
var GitHubPolicySource = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
    this.location = `${target.owner}/${target.repo} (default branch):${POLICY_PATH}`;
  }
  octokit;
  location;
  repository;
  async read() {
    try {
      const { data } = await this.octokit.rest.repos.getContent({ ...this.repository, path: POLICY_PATH, mediaType: { format: "raw" } });
      return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
    } catch (error) {
      if (statusOf(error) === 404) return void 0;
      throw error;
    }
  }
};
var GitHubDeploymentHistory = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
  }
  octokit;
  repository;
  async list(model, environment) {
    const deployments = await this.octokit.paginate(this.octokit.rest.repos.listDeployments, { ...this.repository, ...environment ? { environment } : {}, per_page: 100 });
    return deployments.flatMap((deployment) => {
      const payload = typeof deployment.payload === "object" ? deployment.payload : {};
      if (payload.model !== model) return [];
      const version = typeof payload.version === "number" ? payload.version : null;
      return [{ id: deployment.id, environment: deployment.environment, version, createdAt: deployment.created_at, creator: deployment.creator?.login ?? null }];
    });
  }
};

export {
  deploymentStrategies,
  Policy,
  POLICY_PATH,
  loadPolicy,
  GitHubPullRequests,
  GitHubPolicySource,
  GitHubDeploymentHistory
};
