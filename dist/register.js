import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  runRegister,
  subjectChecksums
} from "./chunks/chunk-TGBTPRDI.js";
import "./chunks/chunk-AYBNY4EZ.js";
import {
  GitHubReleases
} from "./chunks/chunk-WFSC643H.js";
import {
  GitHubPolicySource,
  GitHubPullRequests,
  GitHubRegistryStore,
  createOctokit,
  explainGitHubError,
  targetFromEnvironment
} from "./chunks/chunk-GDY5R3NU.js";
import "./chunks/chunk-LXMZJXHC.js";
import {
  booleanInput,
  defineOutputs,
  info,
  listInput,
  readInputs,
  runAction,
  summary,
  wholeNumberInput
} from "./chunks/chunk-STWFNDKS.js";
import {
  external_exports,
  fitStepSummary,
  table
} from "./chunks/chunk-FKGEWHBH.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/actions/register/runner.ts
import { mkdir, writeFile } from "node:fs/promises";
import { EOL } from "node:os";
import path from "node:path";
var inputsSchema = external_exports.object({
  model: external_exports.string({ error: 'input "model" is required: the name to register the model under' }).describe(`The model's name (a-z, 0-9, ".", "_", "-"; at most 64 characters).`),
  "model-files": external_exports.string({ error: 'input "model-files" is required: the model file(s) to register' }).transform(listInput).describe("The model file(s), one per line or comma-separated, relative to the workspace."),
  "run-record": external_exports.string().optional().describe("The training run record from ghml train; gives the training commit, metrics and data lineage."),
  "evaluation-report": external_exports.string().optional().describe("The evaluation report from ghml evaluate; gives the metrics and the gate verdict."),
  "data-profile": external_exports.string().optional().describe("The training data's profile from validate-data, the reference for drift-check."),
  "data-contract": external_exports.string().optional().describe("The data contract (YAML or JSON), for input validation when serving."),
  "validation-report": external_exports.string().optional().describe("The training data's validation report from validate-data."),
  description: external_exports.string().optional().describe("Model card. What the model does."),
  "intended-use": external_exports.string().optional().describe("Model card. What the model is for, and not for."),
  limitations: external_exports.string().optional().describe("Model card. Where the model is known to fail."),
  owners: external_exports.string().transform(listInput).optional().describe("Model card. Owners as @user or @org/team, one per line or comma-separated (default the policy's owners of the model)."),
  task: external_exports.string().optional().describe("binary, multiclass, regression\u2026 (default the evaluation report's task)."),
  tags: external_exports.string().transform(listInput).optional().describe("Free-form tags, one per line or comma-separated."),
  commit: external_exports.string().optional().describe("The training commit the release tag points at; it must be pushed (default the run record's commit, else the workflow's commit)."),
  "promote-to": external_exports.string().optional().describe("Once registered, open (or update) a pull request moving this stage to the new version."),
  attest: booleanInput.default(false).describe("Build an artifact attestation statement for the package and its model files; sign it with actions/attest in the next step. The job needs `id-token: write` (checked before anything is registered) and `attestations: write` (for actions/attest; not checked)."),
  "registry-branch": external_exports.string().optional().describe("The registry branch (default registry-branch in .github/ghml.yml on the default branch, else ghml/registry)."),
  "part-size": wholeNumberInput.optional().describe("Split files larger than this many bytes into release assets of this size (default just under GitHub's 2 GiB limit)."),
  token: external_exports.string().optional().meta({ description: "A token with contents, pull-requests (for promote-to) write access.", actionDefault: "${{ github.token }}" })
});
var outputs = defineOutputs({
  version: "The version number registered.",
  tag: "The release tag, model/<name>/v<version>.",
  "release-url": "The release page.",
  "package-digest": "sha256 of the package manifest (ghml-package.json), as sha256:<hex>.",
  "pull-request-url": "The promotion pull request, when promote-to was given.",
  "attestation-subject-checksums": "With attest, the path of a checksums file listing every subject (ghml-package.json and each model file, with its sha256): the subject-checksums for actions/attest.",
  "attestation-subject-name": "With attest, the subject-name for actions/attest: ghml-package.json alone, when subject-checksums is not used.",
  "attestation-subject-digest": "With attest, the subject-digest for actions/attest: the package digest, with attestation-subject-name.",
  "attestation-predicate-type": "With attest, the predicate-type for actions/attest.",
  "attestation-predicate-path": "With attest, the predicate-path for actions/attest."
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
  if (result.attestation) parts.push(`Attestation: the statement is built for ${result.attestation.subject.length} subjects (${result.attestation.subject.map((subject) => `\`${subject.name}\``).join(", ")}); the next step \`actions/attest\` signs it (see the Action's README).`);
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
  outputs.set("version", String(result.version));
  outputs.set("tag", result.tag);
  outputs.set("release-url", result.releaseUrl);
  outputs.set("package-digest", `sha256:${result.packageDigest}`);
  outputs.set("pull-request-url", result.promotion && "pullRequest" in result.promotion ? result.promotion.pullRequest.url : "");
  if (result.attestation) {
    const predicatePath = path.join(temp, `attestation-${inputs.model}-v${result.version}.json`);
    await mkdir(temp, { recursive: true });
    await writeFile(predicatePath, `${JSON.stringify(result.attestation.predicate, null, 2)}
`);
    const checksumsPath = path.join(temp, `attestation-${inputs.model}-v${result.version}.sha256`);
    await writeFile(checksumsPath, subjectChecksums(result.attestation, EOL));
    const [packageSubject] = result.attestation.subject;
    outputs.set("attestation-subject-checksums", checksumsPath);
    outputs.set("attestation-subject-name", packageSubject.name);
    outputs.set("attestation-subject-digest", `sha256:${packageSubject.digest.sha256}`);
    outputs.set("attestation-predicate-type", result.attestation.predicateType);
    outputs.set("attestation-predicate-path", predicatePath);
  }
  await summary.addRaw(fitStepSummary(summary2(result, inputs.model))).write();
}

// src/actions/register/index.ts
await runAction(registerAction);
