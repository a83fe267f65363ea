import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ModelName,
  StageName,
  statusOf
} from "./chunk-ETVZPRLU.js";
import {
  external_exports,
  parseDocumentText
} from "./chunk-XHHF432C.js";

// src/contracts/policy.ts
var Principal = external_exports.string().regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/, "must be @user or @org/team").describe("A person (`@login`) or a team (`@org/team`), as in CODEOWNERS.");
var StageKey = StageName.meta({ title: "stage", description: "A stage of `stages`." });
var RiskTier = external_exports.strictObject({
  approvals: external_exports.number().int().nonnegative().describe("Approving reviews a promotion needs: counted reviews from `approvers` (from anyone with write access when `approvers` is empty). 0 lets a promotion through without approvals."),
  approvers: external_exports.array(Principal).default([]).describe("Whose approvals count; anyone with write access when empty."),
  "also-required": external_exports.array(Principal).default([]).describe("Teams or people each of whom must approve as well: each needs one counted approval, besides the `approvals` quorum (one review may count toward both).")
}).describe("An approval rule: how many approvals a promotion of a model in this tier needs, and from whom.");
var ModelPolicy = external_exports.strictObject({
  risk: external_exports.string().describe("The model's risk tier: a key of `risk-tiers`."),
  owners: external_exports.array(Principal).default([]).describe("People and teams mentioned on the model's drift issues. For a model the policy does not list, the owners in its model.json are mentioned instead.")
}).describe("What the policy says about one model.");
var requirements = ["required", "optional"];
var StageGates = external_exports.strictObject({
  evaluation: external_exports.enum(requirements).default("optional").describe("required: an evaluation of the version that passed its thresholds."),
  "data-validation": external_exports.enum(requirements).default("optional").describe("required: the version was registered with a data validation that passed."),
  "open-drift-issues": external_exports.enum(["block", "ignore"]).default("ignore").describe("block: no open drift issue labelled critical for the model, in any environment.")
}).describe("What a version must have before it may reach the stage; checked on the promotion pull request and again by the deployment protection rule.");
var DriftPolicy = external_exports.strictObject({
  "schedule-issue-after": external_exports.number().int().positive().default(2).describe("Consecutive drifted reports (per model and environment) before an issue is opened."),
  "retrain-workflow": external_exports.string().min(1).optional().describe("Workflow file under .github/workflows/ dispatched on the default branch, with the input `model`, when an issue is opened and on `/ghml retrain`. Unset: nothing is dispatched."),
  "close-issue-after": external_exports.number().int().positive().optional().describe("Consecutive clean reports that close a drift issue; schedule-issue-after when unset.")
});
var deploymentStrategies = ["blue-green", "canary", "shadow", "batch"];
var StageDeployment = external_exports.strictObject({
  strategy: external_exports.enum(deploymentStrategies).default("blue-green").describe("The rollout strategy, put in the payload of the deployment the app creates.")
}).describe("How a stage's deployments are rolled out.");
var Policy = external_exports.strictObject({
  "registry-branch": external_exports.string().min(1).default("ghml/registry").describe("The registry branch: the model index, versions, runs, evaluations and drift reports."),
  stages: external_exports.array(StageName.describe("A stage name; also the GitHub environment its deployments go to.")).min(1).default(["staging", "production"]).refine((stages) => new Set(stages).size === stages.length, "must not list a stage twice").describe("Stages in promotion order: a version reaches a stage only after it held the one before."),
  "risk-tiers": external_exports.record(external_exports.string().regex(/^[a-z][a-z0-9_-]*$/, "tier names are lowercase words").meta({ title: "tier", description: "A tier name: a lowercase word." }), RiskTier).default({}).describe("Approval rules by name. A model gets the tier the policy names for it, else the one its model.json names, else the tier `default`, else one approval from anyone with write access."),
  models: external_exports.record(external_exports.string().meta({ title: "model", description: "A model name, as registered." }), ModelPolicy).default({}).describe("Per model name: its risk tier and owners."),
  gates: external_exports.record(StageKey, StageGates).default({}).describe("Per stage: what a version must have to reach it. A stage without an entry has no gates."),
  drift: DriftPolicy.default({ "schedule-issue-after": 2 }).describe("When drift reports on the registry branch become issues, and what is dispatched then."),
  "enforce-stage-order": external_exports.boolean().default(true).describe("false lets a version reach a stage without having held the one before."),
  deployments: external_exports.record(StageKey, StageDeployment).default({}).describe("Per stage: how the deployment the app creates on merge is rolled out (blue-green when unset).")
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
