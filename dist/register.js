import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  runRegister
} from "./chunks/chunk-C5TG6UKB.js";
import {
  GitHubReleases
} from "./chunks/chunk-YWQ7GUHF.js";
import {
  booleanInput,
  info,
  listInput,
  readInputs,
  runAction,
  setOutput,
  summary,
  wholeNumberInput
} from "./chunks/chunk-VBRJEBPF.js";
import "./chunks/chunk-UYGQORSL.js";
import {
  GitHubPolicySource,
  GitHubPullRequests
} from "./chunks/chunk-CYX5IXLF.js";
import {
  GitHubRegistryStore,
  createOctokit,
  explainGitHubError,
  targetFromEnvironment
} from "./chunks/chunk-O47LTZ3U.js";
import "./chunks/chunk-W64PFGQ6.js";
import {
  LIMITS,
  external_exports,
  fitToLimit,
  table
} from "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W5IGWCAN.js";

// src/actions/register/runner.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
var inputsSchema = external_exports.object({
  model: external_exports.string({ error: 'input "model" is required: the name to register the model under' }),
  "model-files": external_exports.string({ error: 'input "model-files" is required: the model file(s) to register' }).transform(listInput),
  "run-record": external_exports.string().optional(),
  "evaluation-report": external_exports.string().optional(),
  "data-profile": external_exports.string().optional(),
  "data-contract": external_exports.string().optional(),
  "validation-report": external_exports.string().optional(),
  description: external_exports.string().optional(),
  "intended-use": external_exports.string().optional(),
  limitations: external_exports.string().optional(),
  owners: external_exports.string().transform(listInput).optional(),
  task: external_exports.string().optional(),
  tags: external_exports.string().transform(listInput).optional(),
  commit: external_exports.string().optional(),
  "promote-to": external_exports.string().optional(),
  attest: booleanInput.default(false),
  "registry-branch": external_exports.string().optional(),
  "part-size": wholeNumberInput.optional(),
  token: external_exports.string().optional()
});
function summary2(result, model) {
  const { record } = result;
  const parts = [
    `### \u2705 Registered ${model} v${result.version}`,
    `Release [${result.tag}](${result.releaseUrl}) at commit \`${record.commit.slice(0, 12)}\`, package digest \`sha256:${result.packageDigest}\`.`,
    table(["Asset", "Bytes", "sha256"], record.assets.map((asset) => [asset.name, asset.size.toLocaleString("en-US"), `\`${asset.sha256}\``]))
  ];
  const promotion = result.promotion;
  if (promotion?.kind === "opened" || promotion?.kind === "updated") parts.push(`Promotion: [#${promotion.pullRequest.number} ${promotion.plan.title}](${promotion.pullRequest.url}) (${promotion.kind}).`);
  if (promotion?.kind === "unchanged") parts.push(`Promotion: v${promotion.version} already holds ${promotion.stage}.`);
  if (result.attestation) parts.push("Attestation: the statement is built; the next step `actions/attest` signs it (see the Action's README).");
  return parts.join("\n\n");
}
async function registerAction() {
  const inputs = readInputs(inputsSchema);
  const env = process.env;
  const target = targetFromEnvironment(env, { token: inputs.token ?? env.GITHUB_TOKEN });
  const octokit = createOctokit(target);
  const temp = path.join(env.RUNNER_TEMP ?? ".", "ghml");
  const repositoryUrl = `${target.serverUrl}/${target.owner}/${target.repo}`;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const resolve = (file) => file === void 0 ? void 0 : path.resolve(workspace, file);
  let result;
  try {
    result = await runRegister({
      model: inputs.model,
      modelFiles: inputs["model-files"].map((file) => path.resolve(workspace, file)),
      runRecord: resolve(inputs["run-record"]),
      evaluationReport: resolve(inputs["evaluation-report"]),
      dataProfile: resolve(inputs["data-profile"]),
      dataContract: resolve(inputs["data-contract"]),
      validationReport: resolve(inputs["validation-report"]),
      description: inputs.description,
      intendedUse: inputs["intended-use"],
      limitations: inputs.limitations,
      owners: inputs.owners,
      task: inputs.task,
      tags: inputs.tags,
      // A run record names the commit it trained from; without one, the commit this workflow runs on.
      commit: inputs.commit ?? (inputs["run-record"] ? void 0 : env.GITHUB_SHA),
      promoteTo: inputs["promote-to"],
      attest: inputs.attest,
      registryBranch: inputs["registry-branch"],
      partSize: inputs["part-size"],
      scratchDirectory: temp,
      context: {
        actor: env.GITHUB_ACTOR ?? null,
        repositoryUrl,
        workflowRun: env.GITHUB_RUN_ID ? { id: env.GITHUB_RUN_ID, attempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || null, url: `${repositoryUrl}/actions/runs/${env.GITHUB_RUN_ID}` } : null
      },
      env,
      log: (message) => info(message)
    }, {
      store: new GitHubRegistryStore(octokit, target),
      releases: new GitHubReleases(octokit, target),
      policy: new GitHubPolicySource(octokit, target),
      promotions: new GitHubPullRequests(octokit, target)
    });
  } catch (error) {
    throw explainGitHubError(error, target);
  }
  setOutput("version", String(result.version));
  setOutput("tag", result.tag);
  setOutput("release-url", result.releaseUrl);
  setOutput("package-digest", `sha256:${result.packageDigest}`);
  setOutput("pull-request-url", result.promotion && "pullRequest" in result.promotion ? result.promotion.pullRequest.url : "");
  if (result.attestation) {
    const predicatePath = path.join(temp, `attestation-${inputs.model}-v${result.version}.json`);
    await mkdir(temp, { recursive: true });
    await writeFile(predicatePath, `${JSON.stringify(result.attestation.predicate, null, 2)}
`);
    const [packageSubject] = result.attestation.subject;
    setOutput("attestation-subject-name", packageSubject.name);
    setOutput("attestation-subject-digest", `sha256:${packageSubject.digest.sha256}`);
    setOutput("attestation-predicate-type", result.attestation.predicateType);
    setOutput("attestation-predicate-path", predicatePath);
  }
  await summary.addRaw(fitToLimit(summary2(result, inputs.model), LIMITS.stepSummaryBytes - 1024, "bytes")).write();
}

// src/actions/register/index.ts
await runAction(registerAction);
