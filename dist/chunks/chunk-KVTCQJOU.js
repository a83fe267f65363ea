import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DeploymentPayload,
  aliasChanges,
  createDeployment,
  evaluatePromotion,
  filesVerdict,
  inspectPromotionFiles,
  judgeDeployment,
  modelsWithAliasChanges,
  resolveTier,
  strategyFor
} from "./chunk-JK3Y66PJ.js";
import {
  driftVerdict,
  sortBySeverity
} from "./chunk-K5XIV3KO.js";
import {
  barChart,
  comparisonChart
} from "./chunk-4PYNN2NM.js";
import {
  runPromote,
  runRollback
} from "./chunk-AYBNY4EZ.js";
import {
  Aliases,
  DEFAULT_REGISTRY_BRANCH,
  DriftReport,
  EvaluationSummary,
  GitHubPolicySource,
  GitHubPullRequests,
  GitHubRegistryStore,
  ModelRecord,
  POLICY_PATH,
  Policy,
  Registry,
  VersionRecord,
  checkModelName,
  loadPolicy,
  parseVersion,
  readRepositoryFile,
  registryPaths,
  snapshotAt,
  statusOf
} from "./chunk-GDY5R3NU.js";
import {
  LIMITS,
  fitToLimit,
  fitWithMarkers,
  parseDocumentText,
  table
} from "./chunk-FKGEWHBH.js";
import {
  ConfigurationError,
  DataError,
  isUserFacing
} from "./chunk-L374PU5G.js";

// src/github/app-access.ts
var AccessLookup = class {
  constructor(octokit, repository) {
    this.octokit = octokit;
    this.repository = repository;
  }
  octokit;
  repository;
  permissions = /* @__PURE__ */ new Map();
  memberships = /* @__PURE__ */ new Map();
  permission(login) {
    const key = login.toLowerCase();
    let found = this.permissions.get(key);
    if (!found) {
      found = this.lookUpPermission(login);
      this.permissions.set(key, found);
    }
    return found;
  }
  async canWrite(login) {
    const permission = await this.permission(login);
    return permission === "admin" || permission === "write";
  }
  /** Whether the person is the principal (`@login`) or a member of it (`@org/team`). */
  isPrincipal(login, principal) {
    const [org, team] = principal.replace(/^@/, "").split("/");
    if (team === void 0) return Promise.resolve(org.toLowerCase() === login.toLowerCase());
    const key = `${principal.toLowerCase()} ${login.toLowerCase()}`;
    let found = this.memberships.get(key);
    if (!found) {
      found = this.lookUpMembership(org, team, login);
      this.memberships.set(key, found);
    }
    return found;
  }
  /** The principals among `principals` that the person is or belongs to. */
  async principalsOf(login, principals) {
    const unique = [...new Set(principals)];
    const matches = await Promise.all(unique.map((principal) => this.isPrincipal(login, principal)));
    return unique.filter((_, index) => matches[index]);
  }
  async lookUpPermission(login) {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repository, username: login });
      return ["admin", "write", "read"].find((level) => level === data.permission) ?? "none";
    } catch (error) {
      if (statusOf(error) === 404) return "none";
      throw error;
    }
  }
  async lookUpMembership(org, team, login) {
    try {
      const { data } = await this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login });
      return data.state === "active";
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
};

// src/github/app-comments.ts
async function commentOnce(octokit, repository, issueNumber, marker, body) {
  if (await hasMarker(octokit, repository, issueNumber, marker)) return false;
  await commentWithMarker(octokit, repository, issueNumber, marker, body);
  return true;
}
async function commentWithMarker(octokit, repository, issueNumber, marker, body) {
  await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body: fitWithMarkers(body, [marker], LIMITS.bodyCharacters) });
}
async function hasMarker(octokit, repository, issueNumber, marker) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repository, issue_number: issueNumber, per_page: 100 });
  return comments.some((comment) => comment.body?.includes(marker));
}

// src/policy/drift.ts
function currentRun(newestFirst) {
  const decided = newestFirst.filter((observation) => observation.report.enoughData);
  if (decided.length === 0) return [];
  const drifted = decided[0].report.drifted;
  const end = decided.findIndex((observation) => observation.report.drifted !== drifted);
  return end < 0 ? decided : decided.slice(0, end);
}
function reportsNeeded(thresholds) {
  return Math.max(thresholds.openAfter, thresholds.closeAfter);
}
function driftSeverity(report) {
  const predictionDrifted = report.columns.some((column) => column.role !== "feature" && column.drifted);
  const change = report.performance?.change ?? null;
  const worse = change !== null && (report.performance.metric === "accuracy" ? change < 0 : change > 0);
  return predictionDrifted || worse || report.driftShare >= 0.5 ? "critical" : "warning";
}
function decideDriftAction(newestFirst, openIssue, thresholds) {
  const run2 = currentRun(newestFirst);
  if (run2.length === 0) return { kind: "none", reason: "no report with enough data yet" };
  const latest = run2[0];
  if (latest.report.drifted) {
    if (openIssue) return { kind: "comment", report: latest, severity: driftSeverity(latest.report) };
    if (run2.length >= thresholds.openAfter) return { kind: "open", run: run2.slice(0, thresholds.openAfter), severity: driftSeverity(latest.report) };
    return { kind: "none", reason: `drift in ${run2.length} of the ${thresholds.openAfter} consecutive reports that open an issue` };
  }
  if (openIssue && run2.length >= thresholds.closeAfter) return { kind: "close", report: latest, run: run2.slice(0, thresholds.closeAfter) };
  return { kind: "none", reason: openIssue ? `${run2.length} of the ${thresholds.closeAfter} consecutive clean reports that close the issue` : "no drift" };
}

// src/policy/drift-issue.ts
function driftIssueMarker(model, environment) {
  return `<!-- ghml:drift:${model}:${environment} -->`;
}
function driftReportMarker(path) {
  return `<!-- ghml:drift-report:${path} -->`;
}
function parseDriftIssueMarker(body) {
  const match = /<!-- ghml:drift:([^:\s]+):([^:\s]+) -->/.exec(body ?? "");
  return match ? { model: match[1], environment: match[2] } : void 0;
}
var driftLabels = {
  all: "ghml:drift",
  critical: "ghml:drift:critical",
  warning: "ghml:drift:warning"
};
var severityLabel = (severity) => driftLabels[severity];
var format = (value) => value === null ? "" : Math.abs(value) > 0 && Math.abs(value) < 1e-4 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
function driftIssueTitle(model, environment) {
  return `Drift: ${model} in ${environment}`;
}
function driftedColumnsTable(report) {
  const drifted = sortBySeverity(report.columns).filter((column) => column.drifted);
  if (drifted.length === 0) return "_No single column drifted; the dataset verdict comes from the share of columns._";
  return table(
    ["Column", "Kind", "Method", "Statistic", "p-value", "Threshold", "Values (ref / cur)"],
    drifted.map((column) => [column.name, column.role === "feature" ? column.kind : `${column.kind} (${column.role})`, column.method ?? "", format(column.statistic), format(column.pValue), format(column.threshold), `${column.referenceCount} / ${column.currentCount}`])
  );
}
function driftChart(report) {
  const drifted = sortBySeverity(report.columns).filter((column) => column.drifted);
  const shown = drifted.find((column) => column.distribution);
  if (shown?.distribution) return `**${shown.name}**: reference (bars) and current (line)

${comparisonChart({ title: shown.name, ...shown.distribution })}`;
  const scored = drifted.filter((column) => column.statistic !== null && column.threshold);
  if (scored.length === 0) return void 0;
  return barChart({ title: "Statistic \xF7 threshold per drifted column", labels: scored.map((column) => column.name), values: scored.map((column) => column.statistic / column.threshold), yLabel: "statistic / threshold" });
}
function retrainComment(outcome, why) {
  if (outcome.kind === "dispatched") return `\u{1F501} Retraining dispatched (${why}): \`${outcome.workflow}\` on \`${outcome.ref}\` through workflow_dispatch.`;
  return `\u26A0\uFE0F Retraining with \`${outcome.workflow}\` was asked for (${why}), but dispatching it failed: ${outcome.reason}.`;
}
function driftIssueBody(context, run2, severity) {
  const latest = run2[0];
  const owners = context.owners.length > 0 ? context.owners.join(" ") : "_no owners named in the policy or model.json_";
  const version = context.version === void 0 ? "no version (the environment is not a stage of the policy)" : context.versionUrl ? `[v${context.version}](${context.versionUrl})` : `v${context.version}`;
  const parts = [
    driftIssueMarker(context.model, context.environment),
    `**${severity === "critical" ? "\u{1F534} Critical" : "\u{1F7E1} Warning"}: ${driftVerdict(latest.report)}**`,
    `Drift in ${run2.length} consecutive reports for **${context.model}** in **${context.environment}**, serving ${version}. Owners: ${owners}.`,
    driftedColumnsTable(latest.report),
    driftChart(latest.report),
    `Reports: ${run2.map((observation) => `[${observation.path.split("/").at(-1)}](${context.reportUrl(observation.path)})`).join(", ")}`,
    "_This issue gets a comment for each later drifted report and is closed when reports are clean again._"
  ];
  return fitWithMarkers(parts.filter((part) => part !== void 0).join("\n\n"), run2.map((observation) => driftReportMarker(observation.path)), LIMITS.bodyCharacters);
}
function driftCommentBody(context, observation, severity) {
  const parts = [
    `**${severity === "critical" ? "\u{1F534}" : "\u{1F7E1}"} Drift continues:** ${driftVerdict(observation.report)} ([report](${context.reportUrl(observation.path)}))`,
    driftedColumnsTable(observation.report),
    driftChart(observation.report)
  ];
  return fitWithMarkers(parts.filter((part) => part !== void 0).join("\n\n"), [driftReportMarker(observation.path)], LIMITS.bodyCharacters);
}
function driftClosingBody(context, run2) {
  const text = [
    `\u2705 ${run2.length} consecutive reports without drift for **${context.model}** in **${context.environment}**: closing.`,
    `Reports: ${run2.map((observation) => `[${observation.path.split("/").at(-1)}](${context.reportUrl(observation.path)})`).join(", ")}`
  ].join("\n\n");
  return fitWithMarkers(text, run2.map((observation) => driftReportMarker(observation.path)), LIMITS.bodyCharacters);
}

// src/github/app-drift.ts
var isReport = (name) => name.endsWith(".json") && name !== "latest.json";
var MAX_REPORTS = 100;
async function recentDriftReports(registry, snapshot, model, environment, needed) {
  const directory = `drift/${model}/${environment}`;
  const names = snapshot.commit === void 0 ? void 0 : await registry.registry.store.listDirectory(snapshot.commit, directory);
  const newestFirst = (names ?? []).filter(isReport).sort().reverse().slice(0, MAX_REPORTS);
  const observations = [];
  for (let start = 0; start < newestFirst.length; start += needed) {
    const batch = newestFirst.slice(start, start + needed);
    const reports = await Promise.all(batch.map((name) => registry.registry.readDocument(snapshot, `${directory}/${name}`, DriftReport)));
    reports.forEach((report, index) => report && observations.push({ path: `${directory}/${batch[index]}`, report }));
    const decided = observations.filter((observation) => observation.report.enoughData).length;
    if (decided >= needed || currentRun(observations).length < decided) break;
  }
  return observations;
}
async function markedDriftIssues(octokit, repository, labels) {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repository, state: "open", labels: labels.join(","), per_page: 100 });
  return issues.flatMap((issue) => {
    const marker = issue.pull_request ? null : parseDriftIssueMarker(issue.body);
    return marker ? [{ issue, marker }] : [];
  });
}
async function openDriftIssues(octokit, repository, model, environment) {
  const marked = await markedDriftIssues(octokit, repository, [driftLabels.all]);
  return marked.filter(({ marker }) => marker.model === model && marker.environment === environment).map(({ issue }) => ({ number: issue.number, body: issue.body ?? "", labels: issue.labels.map((label) => typeof label === "string" ? label : label.name ?? "") })).sort((a, b) => a.number - b.number);
}
async function openCriticalDriftIssues(octokit, repository, model) {
  const marked = await markedDriftIssues(octokit, repository, [driftLabels.all, driftLabels.critical]);
  return marked.filter(({ marker }) => marker.model === model).map(({ issue, marker }) => ({ number: issue.number, environment: marker.environment, url: issue.html_url }));
}
async function openDriftIssue(octokit, repository, model, environment, body, labels) {
  if (!body.includes(driftIssueMarker(model, environment))) throw new Error("a drift issue body must carry its marker");
  const { data: created } = await octokit.rest.issues.create({ ...repository, title: driftIssueTitle(model, environment), body, labels });
  const open = await openDriftIssues(octokit, repository, model, environment);
  const survivor = open[0]?.number ?? created.number;
  if (survivor === created.number) return { number: created.number, survived: true };
  await octokit.rest.issues.createComment({ ...repository, issue_number: created.number, body: `Duplicate of #${survivor}: drift of ${model} in ${environment} is tracked there.` });
  await octokit.rest.issues.update({ ...repository, issue_number: created.number, state: "closed", state_reason: "not_planned" });
  return { number: survivor, survived: false };
}

// src/github/app-policy.ts
async function loadGoverningPolicy(octokit, repository) {
  const source = new GitHubPolicySource(octokit, repository);
  return checked(source.location, () => loadPolicy(source));
}
async function checkPolicyAt(octokit, repository, commit) {
  const text = await readRepositoryFile(octokit, repository, POLICY_PATH, commit);
  if (text === void 0) return void 0;
  return checked(`${POLICY_PATH} at ${commit.slice(0, 7)}`, () => parseDocumentText(text, POLICY_PATH, Policy, "promotion policy", "policy"));
}
async function checked(source, load) {
  try {
    return { valid: true, policy: await load(), source };
  } catch (error) {
    if (error instanceof ConfigurationError) return { valid: false, problem: error.message, source };
    throw error;
  }
}

// src/github/app-registry.ts
var RegistryFacts = class {
  registry;
  /** Each model's alias history, read once for the life of these facts (one event): one listing and a read per commit. */
  histories = /* @__PURE__ */ new Map();
  constructor(octokit, repository, policy) {
    this.registry = new Registry(new GitHubRegistryStore(octokit, repository), policy["registry-branch"]);
  }
  get branch() {
    return this.registry.branch;
  }
  head() {
    return this.registry.snapshot();
  }
  at(commit) {
    return snapshotAt(this.registry.store, commit);
  }
  async aliases(snapshot, model) {
    return await this.registry.readDocument(snapshot, registryPaths.aliases(model), Aliases) ?? {};
  }
  model(snapshot, model) {
    return this.registry.readDocument(snapshot, registryPaths.model(model), ModelRecord);
  }
  version(snapshot, model, version) {
    return this.registry.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
  }
  /**
   * The gates' evidence about a version. The evaluation registered with it is read first; only
   * when that one did not pass are later evaluations of the version (evaluations/<model>/<N>/) read.
   */
  async evidence(snapshot, model, version) {
    const record = await this.version(snapshot, model, version);
    if (!record) return { registered: false, evaluation: { state: "missing" }, dataValidation: { state: "missing" }, record };
    const validation = record.dataValidation;
    const dataValidation = validation === null ? { state: "missing" } : { state: validation.passed ? "passed" : "failed", detail: `${validation.failed} failed, ${validation.warnings} warnings` };
    if (record.evaluation?.passed) return { registered: true, evaluation: { state: "passed", detail: `evaluation ${record.evaluation.id}` }, dataValidation, record };
    const directory = `evaluations/${model}/${version}`;
    const names = snapshot.commit === void 0 ? void 0 : await this.registry.store.listDirectory(snapshot.commit, directory);
    const failed = record.evaluation ? [record.evaluation.id] : [];
    for (const name of (names ?? []).filter((entry) => entry.endsWith(".json")).sort()) {
      const id = name.slice(0, -".json".length);
      if (id === record.evaluation?.id) continue;
      const summary = await this.registry.readDocument(snapshot, `${directory}/${name}`, EvaluationSummary);
      if (summary?.gate.passed) return { registered: true, evaluation: { state: "passed", detail: `evaluation ${id}` }, dataValidation, record };
      failed.push(id);
    }
    const evaluation = failed.length === 0 ? { state: "missing" } : { state: "failed", detail: `evaluation ${failed.join(", ")}` };
    return { registered: true, evaluation, dataValidation, record };
  }
  /**
   * Whether a version has held a stage: it holds it now, or it did in the history of aliases.json
   * (the registry's audit trail), read only when the current state does not answer.
   */
  async hasHeld(current, model, stage, version) {
    if (current[stage] === version) return true;
    let history = this.histories.get(model);
    if (!history) this.histories.set(model, history = this.registry.aliasHistory(model));
    return (await history).some((entry) => entry.aliases[stage] === version);
  }
};

// app/runtime.ts
var KeyedSerializer = class {
  lanes = /* @__PURE__ */ new Map();
  run(key, work) {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), waiting: void 0 };
    if (lane.waiting) return lane.waiting;
    const result = lane.tail.then(() => {
      lane.waiting = void 0;
      return work();
    });
    lane.waiting = result;
    const tail = result.then(() => void 0, () => void 0);
    lane.tail = tail;
    this.lanes.set(key, lane);
    void tail.then(() => {
      if (lane.tail === tail) this.lanes.delete(key);
    });
    return result;
  }
};
var AppRuntime = class {
  constructor(probot) {
    this.probot = probot;
  }
  probot;
  serializer = new KeyedSerializer();
  id;
  /** The app's own id, to find its check runs among other apps'. */
  appId() {
    this.id ??= this.probot.auth().then(async (octokit) => {
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data) throw new Error("GitHub did not say which app this is");
      return data.id;
    });
    this.id.catch(() => this.id = void 0);
    return this.id;
  }
};
function repositoryOf(context) {
  const repository = context.payload.repository;
  if (!repository) throw new Error(`the ${context.name} event names no repository`);
  return { owner: repository.owner.login, repo: repository.name, defaultBranch: repository.default_branch ?? "main", htmlUrl: repository.html_url };
}
function octokitOf(context) {
  return context.octokit;
}

// app/handlers/push.ts
function pushedPaths(payload) {
  const paths = /* @__PURE__ */ new Set();
  for (const commit of [...payload.commits, ...payload.head_commit ? [payload.head_commit] : []]) {
    for (const path of [...commit.added ?? [], ...commit.modified ?? [], ...commit.removed ?? []]) paths.add(path);
  }
  return paths;
}
function addedPaths(payload) {
  const paths = /* @__PURE__ */ new Set();
  for (const commit of [...payload.commits, ...payload.head_commit ? [payload.head_commit] : []]) {
    for (const path of commit.added ?? []) paths.add(path);
  }
  return paths;
}

// app/handlers/drift-issues.ts
var driftReportPath = /^drift\/([^/]+)\/([^/]+)\/([^/]+)\.json$/;
function driftKeys(paths) {
  const keys = /* @__PURE__ */ new Map();
  for (const path of paths) {
    const match = driftReportPath.exec(path);
    if (match && match[3] !== "latest") keys.set(`${match[1]}/${match[2]}`, { model: match[1], environment: match[2] });
  }
  return [...keys.values()];
}
function driftIssues(app, runtime) {
  app.on("push", async (context) => {
    const keys = driftKeys(addedPaths(context.payload));
    if (context.payload.deleted || keys.length === 0) return;
    const repository = repositoryOf(context);
    const governing = await loadGoverningPolicy(octokitOf(context), repository);
    if (!governing.valid) {
      context.log.warn(`drift reports not acted on: ${governing.problem}`);
      return;
    }
    if (context.payload.ref !== `refs/heads/${governing.policy["registry-branch"]}`) return;
    for (const key of keys) {
      await runtime.serializer.run(`drift:${repository.owner}/${repository.repo}:${key.model}:${key.environment}`, () => reactToDrift(context, repository, governing.policy, key.model, key.environment));
    }
  });
}
async function reactToDrift(context, repository, policy, model, environment) {
  const octokit = octokitOf(context);
  const registry = new RegistryFacts(octokit, repository, policy);
  const head = await registry.head();
  const openAfter = policy.drift["schedule-issue-after"];
  const thresholds = { openAfter, closeAfter: policy.drift["close-issue-after"] ?? openAfter };
  const observations = await recentDriftReports(registry, head, model, environment, reportsNeeded(thresholds));
  const [issue] = await openDriftIssues(octokit, repository, model, environment);
  const action = decideDriftAction(observations, issue !== void 0, thresholds);
  if (action.kind === "none") {
    context.log.info(`drift of ${model} in ${environment}: ${action.reason}`);
    return;
  }
  const version = (await registry.aliases(head, model))[environment];
  const record = version === void 0 ? void 0 : await registry.version(head, model, version);
  const owners = policy.models[model]?.owners ?? (await registry.model(head, model))?.owners ?? [];
  const issueContext = {
    model,
    environment,
    version,
    versionUrl: record?.release.url,
    reportUrl: (path) => `${repository.htmlUrl}/blob/${head.commit}/${path}`,
    owners: owners.map((owner) => owner.startsWith("@") ? owner : `@${owner}`)
  };
  if (action.kind === "open") {
    const body = driftIssueBody(issueContext, action.run, action.severity);
    const opened = await openDriftIssue(octokit, repository, model, environment, body, [driftLabels.all, severityLabel(action.severity)]);
    if (!opened.survived) return;
    const workflow = policy.drift["retrain-workflow"];
    if (workflow) {
      const outcome = await dispatchRetraining(octokit, repository, workflow, model);
      await octokit.rest.issues.createComment({ ...repository, issue_number: opened.number, body: retrainComment(outcome, "drift persists") });
    }
    return;
  }
  const marker = driftReportMarker(action.report.path);
  if (issue.body.includes(marker) || await hasMarker(octokit, repository, issue.number, marker)) return;
  if (action.kind === "comment") {
    await octokit.rest.issues.createComment({ ...repository, issue_number: issue.number, body: driftCommentBody(issueContext, action.report, action.severity) });
    const wanted = severityLabel(action.severity);
    if (!issue.labels.includes(wanted)) {
      const labels = [...issue.labels.filter((label) => label !== driftLabels.critical && label !== driftLabels.warning), wanted];
      await octokit.rest.issues.update({ ...repository, issue_number: issue.number, labels });
    }
    return;
  }
  await octokit.rest.issues.createComment({ ...repository, issue_number: issue.number, body: driftClosingBody(issueContext, action.run) });
  await octokit.rest.issues.update({ ...repository, issue_number: issue.number, state: "closed", state_reason: "completed" });
  context.log.info(`closed drift issue #${issue.number} (${driftIssueMarker(model, environment)})`);
}
async function dispatchRetraining(octokit, repository, workflow, model) {
  try {
    await octokit.rest.actions.createWorkflowDispatch({ ...repository, workflow_id: workflow, ref: repository.defaultBranch, inputs: { model } });
    return { kind: "dispatched", workflow, ref: repository.defaultBranch };
  } catch (error) {
    const status2 = statusOf(error);
    if (status2 === 404 || status2 === 422) {
      const reason = status2 === 404 ? `there is no .github/workflows/${workflow} on ${repository.defaultBranch}` : `GitHub refused it (${error.message.split("\n")[0]}); the workflow needs a workflow_dispatch trigger with a \`model\` input`;
      return { kind: "failed", workflow, reason };
    }
    throw error;
  }
}

// app/handlers/commands.ts
var usage = [
  "`/ghml promote <model> v<N> to <stage>`",
  "`/ghml rollback <model> <stage>`",
  "`/ghml retrain <model>`",
  "`/ghml status <model>`"
].join(", ");
function parseCommands(body) {
  return body.split(/\r?\n/).map((line) => line.trim()).filter((line) => /^\/ghml(\s|$)/.test(line)).map(parseCommand);
}
function parseCommand(text) {
  const words = text.split(/\s+/).slice(1);
  const invalid = (problem) => ({ kind: "invalid", text, problem });
  try {
    const [verb, ...rest] = words;
    if (verb === "promote" && rest.length === 4 && rest[2] === "to") return { kind: "promote", model: checkModelName(rest[0]), version: parseVersion(rest[1]), stage: rest[3] };
    if (verb === "rollback" && rest.length === 2) return { kind: "rollback", model: checkModelName(rest[0]), stage: rest[1] };
    if (verb === "retrain" && rest.length === 1) return { kind: "retrain", model: checkModelName(rest[0]) };
    if (verb === "status" && rest.length === 1) return { kind: "status", model: checkModelName(rest[0]) };
    return invalid(`not a ghml command; the commands are ${usage}`);
  } catch (error) {
    if (isUserFacing(error)) return invalid(error.message);
    throw error;
  }
}
function commands(app, runtime) {
  app.on("issue_comment.created", async (context) => {
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
      let reply;
      if (permission !== "admin" && permission !== "write") {
        reply = `@${login}, ghml commands need write access to ${repository.owner}/${repository.repo}, and you have ${permission === "none" ? "no access" : `${permission} access`}: nothing was done. Ask someone with write access to run \`${parsed[0].kind === "invalid" ? "/ghml \u2026" : `/ghml ${parsed[0].kind} \u2026`}\`.`;
      } else {
        const answers = [];
        for (const command of parsed) answers.push(await run(context, octokit, repository, command, { login, id: author.id }));
        reply = answers.join("\n\n");
      }
      await commentWithMarker(octokit, repository, issue.number, marker, reply);
    });
  });
}
async function run(context, octokit, repository, command, requester) {
  if (command.kind === "invalid") return `\u274C \`${command.text}\`: ${command.problem}`;
  try {
    switch (command.kind) {
      case "promote":
      case "rollback": {
        const ports = { store: new GitHubRegistryStore(octokit, repository, requester), policy: new GitHubPolicySource(octokit, repository), promotions: new GitHubPullRequests(octokit, repository) };
        const outcome = command.kind === "promote" ? await runPromote({ model: command.model, version: command.version, stage: command.stage }, ports) : await runRollback({ model: command.model, stage: command.stage }, ports);
        return describeOutcome(outcome, requester.login);
      }
      case "retrain":
        return await retrain(octokit, repository, command.model);
      case "status":
        return await status(octokit, repository, command.model);
    }
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    context.log.info(`/ghml ${command.kind}: ${error.message}`);
    return `\u274C \`/ghml ${command.kind}\`: ${error.message}`;
  }
}
function describeOutcome(outcome, login) {
  if (outcome.kind === "unchanged") return `\u2139\uFE0F ${outcome.model} v${outcome.version} already holds ${outcome.stage}: nothing to promote.`;
  if (outcome.kind === "branch") return `\u2139\uFE0F Wrote ${outcome.plan.branch}; open a pull request from it into ${outcome.registryBranch}.`;
  const superseded = outcome.superseded.length > 0 ? ` It supersedes ${outcome.superseded.map((number) => `#${number}`).join(", ")}.` : "";
  const verb = outcome.kind === "opened" ? "Opened" : "Updated";
  return `\u2705 ${verb} #${outcome.pullRequest.number}: ${outcome.plan.title}, on behalf of @${login} \u2014 whose own approval will not count toward it.${superseded} The \`ghml/promotion\` check shows what the policy still needs.`;
}
async function retrain(octokit, repository, model) {
  const governing = await loadGoverningPolicy(octokit, repository);
  if (!governing.valid) return `\u274C \`/ghml retrain\`: the promotion policy is invalid: ${governing.problem}`;
  const workflow = governing.policy.drift["retrain-workflow"];
  if (!workflow) return `\u274C \`/ghml retrain\`: the policy names no workflow to dispatch; set \`drift.retrain-workflow\` in .github/ghml.yml on ${repository.defaultBranch}.`;
  return retrainComment(await dispatchRetraining(octokit, repository, workflow, model), `asked for ${model}`);
}
async function status(octokit, repository, model) {
  const governing = await loadGoverningPolicy(octokit, repository);
  if (!governing.valid) return `\u274C \`/ghml status\`: the promotion policy is invalid: ${governing.problem}`;
  const policy = governing.policy;
  const registry = new RegistryFacts(octokit, repository, policy);
  const head = await registry.head();
  const record = await registry.model(head, model);
  if (!record) return `\u274C \`/ghml status\`: there is no model "${model}" in the registry branch ${registry.branch}.`;
  const aliases = await registry.aliases(head, model);
  const stages = [.../* @__PURE__ */ new Set([...policy.stages, ...Object.keys(aliases)])];
  const rows = await Promise.all(stages.map(async (stage) => {
    const version = aliases[stage];
    if (version === void 0) return [stage, "\u2014", "", "", ""];
    const evidence = await registry.evidence(head, model, version);
    const verdict = (gate) => gate.state === "missing" ? "missing" : `${gate.state === "passed" ? "\u2705" : "\u274C"} ${gate.detail}`;
    const release = evidence.record ? `[${evidence.record.release.tag}](${evidence.record.release.url})` : "not registered";
    return [stage, `v${version}`, release, verdict(evidence.evaluation), verdict(evidence.dataValidation)];
  }));
  const drift = await openCriticalDriftIssues(octokit, repository, model);
  return [
    `**${model}** \u2014 latest version v${record.latestVersion}, risk tier ${policy.models[model]?.risk ?? record.riskTier ?? "none"}, owners ${(policy.models[model]?.owners ?? record.owners).join(", ") || "none"}.`,
    table(["Stage", "Version", "Release", "Evaluation", "Data validation"], rows),
    drift.length > 0 ? `Open critical drift issues: ${drift.map((issue) => `#${issue.number} (${issue.environment})`).join(", ")}.` : "No open critical drift issue."
  ].join("\n\n");
}

// src/github/app-checks.ts
async function publishCheckRun(octokit, repository, appId, verdict) {
  const output = { title: verdict.title, summary: verdict.summary };
  const existing = await publishedCheck(octokit, repository, appId, verdict.name, verdict.headSha);
  if (existing) await octokit.rest.checks.update({ ...repository, check_run_id: existing.id, status: "completed", conclusion: verdict.conclusion, completed_at: (/* @__PURE__ */ new Date()).toISOString(), output });
  else await octokit.rest.checks.create({ ...repository, name: verdict.name, head_sha: verdict.headSha, status: "completed", conclusion: verdict.conclusion, output });
}
async function publishedCheck(octokit, repository, appId, name, headSha) {
  const { data } = await octokit.rest.checks.listForRef({ ...repository, ref: headSha, check_name: name, app_id: appId, filter: "latest", per_page: 1 });
  const run2 = data.check_runs[0];
  return run2 ? { id: run2.id, conclusion: run2.conclusion } : void 0;
}

// src/github/app-deployments.ts
function sameDeployment(payload, planned) {
  const parsed = DeploymentPayload.safeParse(payload);
  return parsed.success && parsed.data.model === planned.payload.model && parsed.data.version === planned.payload.version && parsed.data.registryCommit === planned.payload.registryCommit;
}
async function ensureDeployment(octokit, repository, ref, planned) {
  const { data: existing } = await octokit.rest.repos.listDeployments({ ...repository, environment: planned.environment, per_page: 100 });
  const found = existing.find((deployment) => sameDeployment(deployment.payload, planned));
  if (found) return { id: found.id, created: false };
  const { model, version, strategy } = planned.payload;
  const id = await createDeployment(octokit, repository, {
    ref,
    environment: planned.environment,
    payload: planned.payload,
    description: `ghml: ${model} v${version} to ${planned.environment} (${strategy})`,
    production: planned.production
  });
  return { id, created: true };
}
async function mergedPullFor(octokit, repository, base, commit) {
  const pulls = await octokit.rest.pulls.list({ ...repository, state: "closed", base, sort: "updated", direction: "desc", per_page: 100 });
  return pulls.data.find((pull) => pull.merge_commit_sha === commit && pull.merged_at !== null);
}

// src/github/app-promotion.ts
async function listChangedFiles(octokit, repository, pullNumber) {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repository, pull_number: pullNumber, per_page: 100 });
  return files.map((file) => ({ path: file.filename, status: file.status, ...file.previous_filename ? { previousPath: file.previous_filename } : {} }));
}
async function promotionAuthors(octokit, repository, pull) {
  const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { ...repository, pull_number: pull.number, per_page: 100 });
  const logins = commits.map((commit) => commit.author && "login" in commit.author ? commit.author.login : void 0);
  return [.../* @__PURE__ */ new Set([pull.author, ...logins.filter((login) => Boolean(login))])];
}
async function reviewEvidence(octokit, repository, pullNumber, principals) {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repository, pull_number: pullNumber, per_page: 100 });
  const access = new AccessLookup(octokit, repository);
  const evidence = [];
  for (const review of reviews) {
    if (!review.user) continue;
    const login = review.user.login;
    const [canWrite, memberOf] = await Promise.all([access.canWrite(login), access.principalsOf(login, principals)]);
    evidence.push({ reviewer: login, state: review.state, commitId: review.commit_id, canWrite, principals: memberOf });
  }
  return evidence;
}
async function evaluatePullRequest(octokit, repository, policy, pull, files) {
  const inspected = inspectPromotionFiles(files);
  if (inspected.model === void 0) return filesVerdict(inspected.problems);
  const model = inspected.model;
  const registry = new RegistryFacts(octokit, repository, policy);
  const base = await registry.head();
  const before = await registry.aliases(base, model);
  let after;
  try {
    after = await registry.aliases(registry.at(pull.headSha), model);
  } catch (error) {
    if (error instanceof DataError) return filesVerdict([...inspected.problems, `the PR's aliases.json is not valid: ${error.message}`]);
    throw error;
  }
  const changes = aliasChanges(before, after);
  const versions = {};
  const stageHistory = {};
  const held = (stage, version) => (stageHistory[stage] ??= []).push(version);
  for (const change of changes) {
    const index = policy.stages.indexOf(change.stage);
    if (change.to === void 0 || index < 0) continue;
    versions[change.to] ??= await registry.evidence(base, model, change.to);
    if (index === 0 || !policy["enforce-stage-order"]) continue;
    const previous = policy.stages[index - 1];
    if (await registry.hasHeld(before, model, previous, change.to)) held(previous, change.to);
    else if (await registry.hasHeld(before, model, change.stage, change.to)) held(change.stage, change.to);
  }
  const blocksOnDrift = changes.some((change) => policy.gates[change.stage]?.["open-drift-issues"] === "block");
  const modelRecord = await registry.model(base, model);
  const tier = resolveTier(policy, model, modelRecord?.riskTier ?? null).rule;
  const [driftIssues2, reviews, authors] = await Promise.all([
    blocksOnDrift ? openCriticalDriftIssues(octokit, repository, model) : Promise.resolve([]),
    reviewEvidence(octokit, repository, pull.number, [...tier.approvers, ...tier.alsoRequired]),
    promotionAuthors(octokit, repository, pull)
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
    driftIssues: driftIssues2,
    reviews
  });
}

// src/policy/promotion-report.ts
var icons = { passed: "\u2705", missing: "\u23F3", failed: "\u274C" };
function describeChange(change) {
  return `${change.stage} ${change.from === void 0 ? "(none)" : `v${change.from}`} \u2192 ${change.to === void 0 ? "(none)" : `v${change.to}`}`;
}
function describeTier(verdict) {
  const { name, rule } = verdict.tier;
  const who = rule.approvers.length > 0 ? ` from ${rule.approvers.join(" or ")}` : " from people with write access";
  const also = rule.alsoRequired.length > 0 ? `, and one from each of ${rule.alsoRequired.join(", ")}` : "";
  const label = name === null ? "no tier in the policy: the default rule" : `risk tier **${name}**`;
  return `${label}: ${rule.approvals} approval${rule.approvals === 1 ? "" : "s"}${who}${also}`;
}
function renderPromotionCheck(verdict, policySource) {
  const title = verdict.passed ? `Policy met: ${verdict.model} ${verdict.changes.map(describeChange).join(", ")}` : `${verdict.missing.length} requirement${verdict.missing.length === 1 ? "" : "s"} not met`;
  const parts = [];
  parts.push(verdict.passed ? "**\u2705 Ready to merge:** every requirement of the promotion policy is met." : `**\u274C Not ready to merge:** ${verdict.missing.join("; ")}.`);
  if (verdict.model !== null) parts.push(`Promotes **${verdict.model}**: ${verdict.changes.map(describeChange).join(", ") || "no stage"} \xB7 ${describeTier(verdict)}.`);
  parts.push(table(["", "Requirement", "Detail"], verdict.requirements.map((requirement) => [icons[requirement.state], requirement.name, requirement.detail])));
  if (verdict.reviews.length > 0) {
    parts.push("**Reviews** (the latest per reviewer)");
    parts.push(table(["Reviewer", "Review", "Counted", "Why"], verdict.reviews.map((review) => [`@${review.reviewer}`, review.state.toLowerCase().replace("_", " "), review.counted ? "yes" : "no", review.reason])));
  }
  parts.push(`_Policy: ${policySource}. Changes to the policy in a pull request apply only once merged into the default branch._`);
  return { title, summary: fitToLimit(parts.join("\n\n"), LIMITS.bodyCharacters) };
}

// src/policy/policy-report.ts
function renderPolicyCheck(proposed, intoDefaultBranch) {
  const applies = intoDefaultBranch ? "It governs promotions once this pull request is merged; until then the policy on the default branch applies." : "It governs nothing on this branch: only the policy on the default branch applies.";
  if (proposed === void 0) {
    return { conclusion: "success", title: "Policy removed", summary: `This pull request removes \`.github/ghml.yml\`: once merged, the defaults apply (stages staging then production, one approval from anyone with write access). ${applies}` };
  }
  if (!proposed.valid) {
    return { conclusion: "failure", title: "Policy invalid", summary: fitToLimit(`**\u274C The proposed policy is invalid** (${proposed.source}):

${proposed.problem.split("; ").map((problem) => `- ${problem}`).join("\n")}

${applies}`, LIMITS.bodyCharacters) };
  }
  const { policy } = proposed;
  const tiers = Object.entries(policy["risk-tiers"]).map(([name, tier]) => [name, String(tier.approvals), tier.approvers.join(", ") || "anyone with write access", tier["also-required"].join(", ")]);
  const gates = Object.entries(policy.gates).map(([stage, gate]) => [stage, gate.evaluation, gate["data-validation"], gate["open-drift-issues"]]);
  const parts = [
    `**\u2705 The proposed policy is valid.** ${applies}`,
    `Registry branch \`${policy["registry-branch"]}\`; stages ${policy.stages.join(" \u2192 ")}${policy["enforce-stage-order"] ? " (in order)" : " (any order)"}; drift issues after ${policy.drift["schedule-issue-after"]} drifted reports${policy.drift["retrain-workflow"] ? `, retraining with \`${policy.drift["retrain-workflow"]}\`` : ""}.`,
    tiers.length > 0 ? table(["Risk tier", "Approvals", "Approvers", "Also required"], tiers) : "_No risk tiers: every promotion needs one approval from anyone with write access._",
    gates.length > 0 ? table(["Stage", "Evaluation", "Data validation", "Open drift issues"], gates) : "_No gates._"
  ];
  return { conclusion: "success", title: "Policy valid", summary: fitToLimit(parts.join("\n\n"), LIMITS.bodyCharacters) };
}

// app/handlers/promotion-check.ts
var PROMOTION_CHECK = "ghml/promotion";
var POLICY_CHECK = "ghml/policy";
var events = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.edited",
  "pull_request_review.submitted",
  "pull_request_review.dismissed"
];
function promotionCheck(app, runtime) {
  app.on([...events], async (context) => {
    const repository = repositoryOf(context);
    const octokit = octokitOf(context);
    const number = context.payload.pull_request.number;
    await runtime.serializer.run(`pull:${repository.owner}/${repository.repo}#${number}`, async () => {
      const { data: pull } = await octokit.rest.pulls.get({ ...repository, pull_number: number });
      if (pull.state !== "open") return;
      const appId = await runtime.appId();
      const files = await listChangedFiles(octokit, repository, number);
      if (files.some((file) => file.path === POLICY_PATH)) {
        const proposed = await checkPolicyAt(octokit, repository, pull.head.sha);
        const check = renderPolicyCheck(proposed, pull.base.ref === repository.defaultBranch);
        await publishCheckRun(octokit, repository, appId, { name: POLICY_CHECK, headSha: pull.head.sha, ...check });
      }
      const governing = await loadGoverningPolicy(octokit, repository);
      const registryBranch = governing.valid ? governing.policy["registry-branch"] : DEFAULT_REGISTRY_BRANCH;
      if (pull.base.ref !== registryBranch) return;
      const verdict = await judge(governing, async (policy) => {
        const evaluated = await evaluatePullRequest(octokit, repository, policy, { number, author: pull.user.login, headSha: pull.head.sha }, files);
        return { ...renderPromotionCheck(evaluated, governing.source), conclusion: evaluated.passed ? "success" : "failure" };
      });
      await publishCheckRun(octokit, repository, appId, { name: PROMOTION_CHECK, headSha: pull.head.sha, ...verdict });
    });
  });
}
async function judge(governing, evaluate) {
  if (!governing.valid) {
    return {
      conclusion: "failure",
      title: "The promotion policy is invalid",
      summary: `**\u274C No promotion can be judged:** the policy on the default branch is invalid, so nothing is approved until it is fixed.

${governing.problem}`
    };
  }
  try {
    return await evaluate(governing.policy);
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    return { conclusion: "failure", title: "The registry could not be read", summary: `**\u274C The promotion cannot be judged:** ${error.message}` };
  }
}

// app/handlers/deploy-on-merge.ts
var zeroSha = "0".repeat(40);
function deployOnMerge(app, runtime) {
  app.on("push", async (context) => {
    const { ref, before, after, deleted } = context.payload;
    const models = modelsWithAliasChanges(pushedPaths(context.payload));
    if (deleted || models.length === 0) return;
    const repository = repositoryOf(context);
    const governing = await loadGoverningPolicy(octokitOf(context), repository);
    if (!governing.valid) {
      context.log.warn(`no deployment for ${after}: ${governing.problem}`);
      return;
    }
    if (ref !== `refs/heads/${governing.policy["registry-branch"]}`) return;
    await runtime.serializer.run(`push:${repository.owner}/${repository.repo}:${before}..${after}`, () => deployAliasChanges(context, runtime, repository, governing.policy, { before, after, models }));
  });
  app.on("deployment_protection_rule.requested", async (context) => {
    const { environment, deployment, deployment_callback_url: callbackUrl } = context.payload;
    if (!environment || !callbackUrl) return;
    const repository = repositoryOf(context);
    const octokit = octokitOf(context);
    const governing = await loadGoverningPolicy(octokit, repository);
    const decision = !governing.valid ? { approved: false, comment: `Rejected: the promotion policy on the default branch is invalid: ${governing.problem}` } : await judgeDeployment({
      policy: governing.policy,
      environment,
      payload: deployment?.payload,
      current: async (model) => {
        const registry = new RegistryFacts(octokit, repository, governing.policy);
        const head = await registry.head();
        const version = (await registry.aliases(head, model))[environment];
        const evidence = version === void 0 ? { registered: false, evaluation: { state: "missing" }, dataValidation: { state: "missing" }, record: void 0 } : await registry.evidence(head, model, version);
        const blocks = governing.policy.gates[environment]?.["open-drift-issues"] === "block";
        const driftIssues2 = blocks ? await openCriticalDriftIssues(octokit, repository, model) : [];
        return { version, digest: evidence.record?.package.digest, evidence, driftIssues: driftIssues2 };
      }
    });
    try {
      await octokit.request(`POST ${callbackUrl}`, { environment_name: environment, state: decision.approved ? "approved" : "rejected", comment: decision.comment });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      context.log.info(`deployment gate of ${environment} was answered already`);
    }
  });
}
async function deployAliasChanges(context, runtime, repository, policy, push) {
  const octokit = octokitOf(context);
  const registry = new RegistryFacts(octokit, repository, policy);
  const pull = await mergedPullFor(octokit, repository, registry.branch, push.after);
  const appId = await runtime.appId();
  const check = pull ? await publishedCheck(octokit, repository, appId, PROMOTION_CHECK, pull.head.sha) : void 0;
  const head = await registry.head();
  for (const model of push.models) {
    const before = push.before === zeroSha ? {} : await registry.aliases(registry.at(push.before), model);
    const after = await registry.aliases(registry.at(push.after), model);
    const now = await registry.aliases(head, model);
    for (const change of aliasChanges(before, after)) {
      if (change.to === void 0 || !policy.stages.includes(change.stage)) continue;
      if (now[change.stage] !== change.to) {
        context.log.info(`${model} v${change.to} in ${change.stage} is superseded by v${now[change.stage]}: no deployment`);
        continue;
      }
      const what = `${model} v${change.to} to ${change.stage}`;
      if (!pull || check?.conclusion !== "success") {
        const why = !pull ? "the change did not come from a merged pull request" : `the pull request was merged without a passing ${PROMOTION_CHECK} check`;
        context.log.warn(`no deployment of ${what}: ${why}`);
        if (pull) await commentOnce(octokit, repository, pull.number, `<!-- ghml:no-deployment:${push.after}:${change.stage} -->`, `\u26D4 No deployment of ${what}: ${why}. Open a promotion pull request that passes the policy.`);
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
        payload: { model, version: change.to, digest: record.package.digest, strategy, registryCommit: push.after, pullRequest: pull.number }
      });
      context.log.info(`${deployment.created ? "created" : "found"} deployment ${deployment.id}: ${what} (${strategy})`);
      const link = `${repository.htmlUrl}/deployments/${encodeURIComponent(change.stage)}`;
      const body = `\u{1F680} Deploying **${model} v${change.to}** to **${change.stage}** (${strategy}): [deployment ${deployment.id}](${link}), package digest \`sha256:${record.package.digest.slice(0, 12)}\u2026\`, release [${record.release.tag}](${record.release.url}).`;
      await commentOnce(octokit, repository, pull.number, `<!-- ghml:deployment:${deployment.id} -->`, body);
    }
  }
}

// src/github/app-labels.ts
var appLabels = [
  { name: driftLabels.all, color: "5319e7", description: "ghml: a model drifts (opened and closed by the ghml app)" },
  { name: driftLabels.critical, color: "b60205", description: "ghml: critical drift (predictions moved, performance fell, or most inputs drifted)" },
  { name: driftLabels.warning, color: "fbca04", description: "ghml: drift in some inputs" }
];
async function ensureLabels(octokit, repository) {
  const existing = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repository, per_page: 100 });
  const have = new Set(existing.map((label) => label.name.toLowerCase()));
  const created = [];
  for (const label of appLabels.filter((candidate) => !have.has(candidate.name.toLowerCase()))) {
    try {
      await octokit.rest.issues.createLabel({ ...repository, ...label });
      created.push(label.name);
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
    }
  }
  return created;
}

// app/handlers/installation.ts
function installation(app) {
  app.on(["installation.created", "installation.new_permissions_accepted", "installation_repositories.added"], async (context) => {
    const payload = context.payload;
    const owner = payload.installation.account && "login" in payload.installation.account ? payload.installation.account.login : void 0;
    const repositories = "repositories_added" in payload ? payload.repositories_added : payload.repositories ?? [];
    for (const repository of repositories) {
      const [repoOwner, repo] = repository.full_name.split("/");
      const created = await ensureLabels(octokitOf(context), { owner: repoOwner ?? owner, repo });
      if (created.length > 0) context.log.info(`created labels ${created.join(", ")} in ${repository.full_name}`);
    }
  });
}

// app/index.ts
var ghmlApp = (app) => {
  const runtime = new AppRuntime(app);
  promotionCheck(app, runtime);
  deployOnMerge(app, runtime);
  driftIssues(app, runtime);
  commands(app, runtime);
  installation(app);
};
var app_default = ghmlApp;

export {
  driftLabels,
  driftIssueTitle,
  PROMOTION_CHECK,
  app_default
};
