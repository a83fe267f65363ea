import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  Aliases,
  Registry,
  checkModelName,
  checkStageName,
  loadPolicy,
  promotionBranch,
  promotionBranchPrefix,
  registryPaths,
  serializeDocument
} from "./chunk-GDY5R3NU.js";
import {
  LIMITS,
  escapeCell,
  fitToLimit,
  table
} from "./chunk-FKGEWHBH.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";

// src/registry/model-card.ts
function formatMetric(value) {
  if (value === null || value === void 0) return "\u2014";
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e3 ? value.toFixed(1) : value.toPrecision(4).replace(/\.?0+$/, "");
}
function commitLink(facts) {
  const short = facts.commit.slice(0, 12);
  return facts.lineage.repositoryUrl ? `[\`${short}\`](${facts.lineage.repositoryUrl}/commit/${facts.commit})` : `\`${short}\``;
}
function evaluationVerdict(facts) {
  if (!facts.evaluation) return "\u2796 not evaluated";
  return facts.evaluation.passed ? "\u2705 passed its gate" : "\u274C failed its gate";
}
function dataValidationVerdict(facts) {
  const validation = facts.dataValidation;
  if (!validation) return "\u2796 no validation report";
  const detail = `${validation.failed} failed, ${validation.warnings} warning${validation.warnings === 1 ? "" : "s"}`;
  return validation.passed ? `\u2705 valid (${detail})` : `\u274C invalid (${detail})`;
}
function lineageLines(facts) {
  const lines = [`- Commit ${commitLink(facts)}`];
  const run = facts.lineage.workflowRun;
  if (run) lines.push(`- Workflow run [${run.id}${run.attempt && run.attempt > 1 ? ` (attempt ${run.attempt})` : ""}](${run.url})`);
  if (facts.run) lines.push(`- Training run \`runs/${facts.model}/${facts.run}.json\` on the registry branch`);
  if (facts.lineage.dataFingerprint) lines.push(`- Training data fingerprint \`${facts.lineage.dataFingerprint}\``);
  for (const file of facts.lineage.dataFiles) lines.push(`  - \`${escapeCell(file.path)}\` ${file.bytes.toLocaleString("en-US")} bytes, sha256 \`${file.sha256.slice(0, 16)}\u2026\``);
  if (facts.lineage.evaluationDataFingerprint) lines.push(`- Evaluation data fingerprint \`${facts.lineage.evaluationDataFingerprint}\``);
  return lines;
}
function renderModelCard(facts) {
  const { card } = facts;
  const about = [
    ["Model", `${facts.model} v${facts.version}`],
    ["Task", card.task ?? "\u2014"],
    ["Owners", card.owners.length > 0 ? card.owners.join(", ") : "\u2014"],
    ["Registered", `${facts.createdAt}${facts.createdBy ? ` by ${facts.createdBy}` : ""}`]
  ];
  if (facts.tags.length > 0) about.push(["Tags", facts.tags.join(", ")]);
  const metrics = Object.entries(facts.metrics);
  const parts = [
    `# ${facts.model} v${facts.version}`,
    card.description ?? "_No description was given._",
    table(["", ""], about),
    "## Intended use",
    card.intendedUse ?? "_Not stated._",
    "## Limitations",
    card.limitations ?? "_Not stated._",
    "## Metrics",
    metrics.length > 0 ? `${table(["Metric", "Value"], metrics.map(([name, value]) => [name, formatMetric(value)]))}

_From ${facts.evaluation ? "the evaluation registered with this version" : "the training run"}._` : "_No metrics were recorded._",
    "## Verdicts",
    table(["Check", "Result"], [["Data validation", dataValidationVerdict(facts)], ["Evaluation", evaluationVerdict(facts)]]),
    "## Lineage",
    lineageLines(facts).join("\n")
  ];
  return `${parts.join("\n\n")}
`;
}

// src/registry/promotion.ts
function checkStage(policy, stage) {
  if (!policy.stages.includes(stage)) {
    throw new ConfigurationError(`"${stage}" is not a stage of the promotion policy: its stages are ${policy.stages.join(", ")} (.github/ghml.yml, stages)`, { input: "stage" });
  }
}
function promotionMarker(model, stage, version) {
  return `<!-- ghml:promotion ${JSON.stringify({ model, stage, version })} -->`;
}
function planPromotion(options) {
  const { policy, stage, aliases, challenger, champion } = options;
  checkStage(policy, stage);
  const { model, version } = challenger;
  const previousStage = policy.stages[policy.stages.indexOf(stage) - 1];
  const next = { ...aliases, [stage]: version };
  const ordered = Object.fromEntries(Object.entries(next).sort(([a], [b]) => stageOrder(policy, a) - stageOrder(policy, b) || a.localeCompare(b)));
  const verb = options.rollback ? "Roll back" : "Promote";
  const title = `${verb} ${model} to v${version} in ${stage}`;
  const sections = [
    promotionMarker(model, stage, version),
    `## ${verb} ${model} v${version} to ${stage}`,
    `This pull request changes only \`${registryPaths.aliases(model)}\`: ${stage} ${champion ? `v${champion.version}` : "(none)"} \u2192 v${version}. Merging it is the ${options.rollback ? "rollback" : "promotion"}.`,
    "### Champion and challenger",
    comparisonTable(challenger, champion, stage),
    "### Verdicts",
    table(["Check", `v${version}`], [
      ["Data validation", dataValidationVerdict(challenger)],
      ["Evaluation", evaluationVerdict(challenger)],
      ...previousStage ? [[`Holds ${previousStage}`, aliases[previousStage] === version ? `\u2705 v${version} is in ${previousStage}` : `\u26A0\uFE0F ${previousStage} holds ${aliases[previousStage] ? `v${aliases[previousStage]}` : "no version"}`]] : []
    ]),
    "### Lineage",
    [`- Release [${challenger.release.tag}](${challenger.release.url}), package digest \`sha256:${challenger.package.digest}\``, ...lineageLines(challenger)].join("\n"),
    "### Model card",
    renderModelCard(challenger).replace(/^# .*\n\n/, "")
  ];
  return {
    model,
    stage,
    version,
    champion: champion?.version ?? null,
    aliases: ordered,
    branch: promotionBranch(model, stage, version),
    title,
    body: fitToLimit(sections.join("\n\n"), LIMITS.bodyCharacters)
  };
}
function stageOrder(policy, stage) {
  const index = policy.stages.indexOf(stage);
  return index < 0 ? policy.stages.length : index;
}
function comparisonTable(challenger, champion, stage) {
  if (!champion) return `_No version holds ${stage} yet: v${challenger.version} would be the first._

${table(["Metric", `v${challenger.version}`], Object.entries(challenger.metrics).map(([name, value]) => [name, formatMetric(value)]))}`;
  const names = [.../* @__PURE__ */ new Set([...Object.keys(challenger.metrics), ...Object.keys(champion.metrics)])].sort();
  const rows = names.map((name) => {
    const before = champion.metrics[name];
    const after = challenger.metrics[name];
    const change = typeof before === "number" && typeof after === "number" ? `${after - before >= 0 ? "+" : ""}${formatMetric(after - before)}` : "\u2014";
    return [name, formatMetric(before), formatMetric(after), change];
  });
  return table(["Metric", `Champion v${champion.version} (${stage} now)`, `Challenger v${challenger.version}`, "Change"], rows);
}

// src/steps/promote.ts
var BRANCH_ATTEMPTS = 3;
async function runPromote(options, ports) {
  const model = checkModelName(options.model);
  const stage = checkStageName(options.stage);
  const policy = await loadPolicy(ports.policy);
  checkStage(policy, stage);
  const registry = new Registry(ports.store, options.registryBranch ?? policy["registry-branch"], ports.updateOptions);
  const snapshot = await registry.snapshot();
  if (snapshot.commit === void 0) throw new ConfigurationError(`there is no registry at ${registry.description}: register a model first`, { input: "model" });
  const challenger = await registry.requireVersion(snapshot, model, options.version);
  const aliases = await registry.aliases(snapshot, model);
  if (aliases[stage] === options.version) return { kind: "unchanged", plan: null, model, stage, version: options.version };
  const champion = aliases[stage] === void 0 ? null : await registry.requireVersion(snapshot, model, aliases[stage]);
  const plan = planPromotion({ policy, stage, aliases, challenger, champion, rollback: options.rollback });
  const open = ports.promotions ? await ports.promotions.findOpen(registry.branch, promotionBranchPrefix(model, stage)) : [];
  const same = open.find((request) => request.head === plan.branch);
  await writePromotionBranch(ports, plan, snapshot.commit, { underReview: same !== void 0 });
  if (!ports.promotions) return { kind: "branch", plan, registryBranch: registry.branch };
  const pullRequest = same ? await ports.promotions.update(same.number, { title: plan.title, body: plan.body }) : await ports.promotions.open({ head: plan.branch, base: registry.branch, title: plan.title, body: plan.body });
  const superseded = [];
  for (const older of open.filter((request) => request.head !== plan.branch)) {
    await ports.promotions.close(older.number, `Superseded by #${pullRequest.number}, which proposes v${plan.version} for ${stage}.`);
    superseded.push(older.number);
  }
  return { kind: same ? "updated" : "opened", plan, pullRequest, superseded };
}
async function writePromotionBranch(ports, plan, registryHead, options) {
  const aliasesPath = registryPaths.aliases(plan.model);
  const content = serializeDocument(Aliases, plan.aliases);
  for (let attempt = 1; ; attempt++) {
    const existing = await ports.store.head(plan.branch);
    if (existing !== void 0 && options.underReview && await ports.store.readFile(existing, aliasesPath) === content) return;
    const commit = await ports.store.commitFiles({ branch: plan.branch, parent: registryHead, expected: existing, force: true, files: [{ path: aliasesPath, content }], message: plan.title });
    if (commit !== void 0) return;
    if (attempt >= BRANCH_ATTEMPTS) throw new Error(`the promotion branch ${plan.branch} kept changing while ghml wrote it; try again`);
  }
}
async function runRollback(options, ports) {
  const model = checkModelName(options.model);
  const stage = checkStageName(options.stage);
  const policy = await loadPolicy(ports.policy);
  checkStage(policy, stage);
  const registry = new Registry(ports.store, options.registryBranch ?? policy["registry-branch"], ports.updateOptions);
  const previous = await registry.previousHolder(model, stage);
  return runPromote({ model, version: previous.version, stage, registryBranch: registry.branch, rollback: true }, ports);
}

export {
  formatMetric,
  renderModelCard,
  checkStage,
  runPromote,
  runRollback
};
