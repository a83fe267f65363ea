import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DeploymentPayload,
  GitHubDeploymentTracker
} from "./chunks/chunk-JK3Y66PJ.js";
import {
  DeployStrategy,
  DeployTarget,
  RolloutSettings,
  chooseTarget,
  deployVerdict,
  renderDeployMarkdown,
  runDeploy
} from "./chunks/chunk-2PSO6BWA.js";
import {
  ActionsArtifactUploader
} from "./chunks/chunk-WNT3ZUJV.js";
import "./chunks/chunk-NVCOGM22.js";
import "./chunks/chunk-HUE3ZE3X.js";
import "./chunks/chunk-JVYJN4TL.js";
import "./chunks/chunk-IXV2PRMA.js";
import {
  registryOn
} from "./chunks/chunk-BUTM3A3H.js";
import {
  writeJson
} from "./chunks/chunk-3C6XEXBA.js";
import {
  GitHubReleases
} from "./chunks/chunk-WFSC643H.js";
import {
  createOctokit,
  explainGitHubError,
  parseModelReference,
  targetFromEnvironment
} from "./chunks/chunk-GDY5R3NU.js";
import "./chunks/chunk-LXMZJXHC.js";
import {
  StepAnnotations,
  defineOutputs,
  info,
  listInput,
  readInputs,
  runAction,
  setSecret,
  summary
} from "./chunks/chunk-STWFNDKS.js";
import {
  external_exports,
  fitStepSummary
} from "./chunks/chunk-FKGEWHBH.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-5ISKAEX6.js";
import "./chunks/chunk-ZA5F3PVO.js";
import "./chunks/chunk-UG77MLVE.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-OAZXE34L.js";
import "./chunks/chunk-OT3JI4UD.js";
import {
  ConfigurationError
} from "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/actions/deploy/runner.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
var rollout = RolloutSettings.shape;
var inputsSchema = external_exports.object({
  model: external_exports.string().optional().describe("The registered model to deploy. Not needed when a `deployment` event created by the ghml app starts the workflow (its payload names model, version, digest and strategy)."),
  version: external_exports.string().optional().describe("The version (4 or v4) or a stage (production) to deploy. Default, when started by inputs, the version the environment's stage holds."),
  environment: external_exports.string().optional().describe("The GitHub environment (usually the stage) deployed to. Default, for a deployment event, the deployment's environment."),
  strategy: DeployStrategy.optional().describe("blue-green, canary, shadow or batch. Default the deployment's strategy (the promotion policy's), else blue-green."),
  target: DeployTarget.optional().describe(
    "serve (a running ghml serve), batch (score a dataset) or command (your script). Default batch for the batch strategy, command when `command` is given, else serve."
  ),
  "server-url": external_exports.url("must be the URL of a running ghml serve, such as http://10.0.0.5:8080").optional().describe("serve target: the running ghml serve, e.g. http://10.0.0.5:8080."),
  "admin-token": external_exports.string().optional().describe("serve target: the server's GHML_ADMIN_TOKEN (pass it from a secret); GHML_ADMIN_TOKEN in the environment also works."),
  // The schema holds these defaults parsed (percentages, milliseconds); action.yml shows the text.
  "canary-steps": rollout["canary-steps"].meta({
    description: "canary: the share of requests the new version takes at each step, rising to 100.",
    actionDefault: "10,50,100"
  }),
  "step-duration": rollout["step-duration"].meta({
    description: "canary and shadow: how long each step is watched before the next (e.g. 60s, 5m).",
    actionDefault: "60s"
  }),
  "max-error-rate": rollout["max-error-rate"].describe(
    "canary and shadow: the largest share of the new version's requests that may be answered with a server error (5xx) in a step."
  ),
  "max-p95-ms": rollout["max-p95-ms"].describe("canary and shadow: the largest 95th-percentile latency of the new version in a step, in milliseconds."),
  "min-requests": rollout["min-requests"].describe("canary and shadow: fewer requests than this in a step give it no verdict (and do not fail it)."),
  "shadow-percent": rollout["shadow-percent"].describe("shadow: the percentage of requests mirrored to the new version."),
  "smoke-rows": external_exports.string().optional().describe(`Rows to smoke-test the new version with (JSON list of objects, {"rows":[...]}, or JSON Lines). Default rows drawn from the version's data profile, else its data contract.`),
  "batch-data": external_exports.string().transform(listInput).optional().describe("batch target: the data to score (CSV, JSON Lines or Parquet; one per line or comma-separated)."),
  "batch-output": external_exports.string().optional().describe("batch target: where the predictions go (.jsonl, in the prediction log's layout, or .csv)."),
  "batch-artifact": external_exports.string().optional().describe("batch target: also publish the predictions as a workflow artifact of this name (needs GitHub's artifact service, on github.com or GHE.com; on GitHub Enterprise Server use actions/upload-artifact@v3 instead)."),
  command: external_exports.string().optional().describe("command target: the shell command that deploys the model, given GHML_MODEL_PATH, GHML_MODEL_VERSION and the rest (see the README)."),
  "rollback-command": external_exports.string().optional().describe("command target: run when the command fails, to restore the previous version."),
  "environment-url": external_exports.string().optional().describe("The URL shown on the deployment. Default, for the serve target, server-url."),
  "report-out": external_exports.string().optional().describe("Where to write the deploy report (JSON). Default $RUNNER_TEMP/ghml/deploy-report.json."),
  "registry-branch": external_exports.string().optional().describe("The registry branch; default registry-branch in .github/ghml.yml, else ghml/registry."),
  token: external_exports.string().optional().meta({ description: "A token that can read contents and releases and write deployments (permissions: contents: read, deployments: write).", actionDefault: "${{ github.token }}" })
});
var outputs = defineOutputs({
  result: "succeeded, rolled-back (the previous version serves again) or failed (refused before anything changed).",
  version: "The version deployed.",
  digest: "Its package digest, verified.",
  "previous-version": "serve target: the version that served before.",
  "deployment-id": "The GitHub Deployment the statuses were reported on.",
  predictions: "batch target: the predictions file.",
  "report-path": "Path of the deploy report written (schemas/deploy-report.json)."
});
async function trigger(inputs, env) {
  if (env.GITHUB_EVENT_NAME === "deployment" && env.GITHUB_EVENT_PATH) {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8"));
    const deployment = event.deployment;
    if (!deployment) throw new ConfigurationError("the deployment event carries no deployment", { input: "model" });
    let raw = deployment.payload;
    if (typeof raw === "string") {
      try {
        raw = JSON.parse(raw || "{}");
      } catch {
      }
    }
    const payload = DeploymentPayload.safeParse(raw);
    if (!payload.success) {
      throw new ConfigurationError(`deployment ${deployment.id}'s payload names no ghml model (it needs model, version, digest and strategy, as the ghml app writes them): ${payload.error.issues[0].message}`, { input: "model" });
    }
    const strategy = DeployStrategy.safeParse(inputs.strategy ?? payload.data.strategy);
    if (!strategy.success) throw new ConfigurationError(`strategy "${payload.data.strategy}" is not one of ${DeployStrategy.options.join(", ")}`, { input: "strategy" });
    return { reference: { model: payload.data.model, kind: "version", version: payload.data.version }, digest: payload.data.digest, environment: deployment.environment, strategy: strategy.data, deploymentId: deployment.id };
  }
  if (!inputs.model) throw new ConfigurationError('input "model" is required unless a deployment event starts the workflow: the registered model to deploy', { input: "model" });
  if (!inputs.environment) throw new ConfigurationError('input "environment" is required unless a deployment event starts the workflow: the GitHub environment (usually the stage) to deploy to', { input: "environment" });
  const reference = parseModelReference(`${inputs.model}@${inputs.version ?? inputs.environment}`, inputs.version ? "version" : "environment");
  return { reference, environment: inputs.environment, strategy: inputs.strategy ?? "blue-green", deploymentId: null };
}
async function deployAction(annotations = new StepAnnotations()) {
  const inputs = readInputs(inputsSchema);
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const resolve = (file) => path.resolve(workspace, file);
  const what = await trigger(inputs, env);
  const target = chooseTarget({ target: inputs.target, strategy: what.strategy, serverUrl: inputs["server-url"], batchData: inputs["batch-data"], batchOutput: inputs["batch-output"], command: inputs.command });
  const adminToken = inputs["admin-token"] ?? env.GHML_ADMIN_TOKEN;
  if (target === "serve" && !adminToken) throw new ConfigurationError("the serve target needs the server's admin token: pass admin-token (from a secret) or set GHML_ADMIN_TOKEN", { input: "admin-token" });
  if (adminToken) setSecret(adminToken);
  const github = targetFromEnvironment(env, { token: inputs.token ?? env.GITHUB_TOKEN });
  const octokit = createOctokit(github);
  const repository = { owner: github.owner, repo: github.repo };
  const logUrl = `${github.serverUrl}/${github.owner}/${github.repo}/actions/runs/${env.GITHUB_RUN_ID ?? ""}`;
  let report;
  try {
    const registry = await registryOn(octokit, github, inputs["registry-branch"]);
    let tracker;
    if (what.deploymentId !== null) tracker = new GitHubDeploymentTracker(octokit, repository, what.deploymentId, what.environment, logUrl);
    else {
      const { record } = await registry.resolve(what.reference);
      what.reference = { model: record.model, kind: "version", version: record.version };
      what.digest = record.package.digest;
      tracker = await GitHubDeploymentTracker.create(octokit, repository, {
        ref: env.GITHUB_SHA ?? env.GITHUB_REF_NAME ?? "HEAD",
        environment: what.environment,
        payload: { model: record.model, version: record.version, digest: record.package.digest, strategy: what.strategy },
        description: `ghml: ${record.model} v${record.version} to ${what.environment} (${what.strategy})`
      }, logUrl);
    }
    outputs.set("deployment-id", String(tracker.deploymentId));
    report = await runDeploy({
      reference: what.reference,
      digest: what.digest,
      environment: what.environment,
      strategy: what.strategy,
      target,
      workDirectory: path.join(env.RUNNER_TEMP ?? workspace, "ghml", "deploy"),
      smokeRowsFile: inputs["smoke-rows"] ? resolve(inputs["smoke-rows"]) : void 0,
      serve: target === "serve" ? {
        url: inputs["server-url"],
        adminToken,
        canarySteps: inputs["canary-steps"],
        shadowPercent: inputs["shadow-percent"],
        stepMs: inputs["step-duration"],
        thresholds: { maxErrorRate: inputs["max-error-rate"], maxP95Ms: inputs["max-p95-ms"], minRequests: inputs["min-requests"] }
      } : void 0,
      batch: target === "batch" ? { data: inputs["batch-data"].map(resolve), output: resolve(inputs["batch-output"]), artifactName: inputs["batch-artifact"] } : void 0,
      command: target === "command" ? { run: inputs.command, rollback: inputs["rollback-command"], cwd: workspace } : void 0,
      environmentUrl: inputs["environment-url"],
      log: (message) => info(message)
    }, {
      packages: { registry, releases: new GitHubReleases(octokit, github) },
      tracker,
      artifacts: inputs["batch-artifact"] && ActionsArtifactUploader.available(env) ? new ActionsArtifactUploader() : void 0
    });
  } catch (error) {
    throw explainGitHubError(error, github);
  }
  const reportPath = inputs["report-out"] ? resolve(inputs["report-out"]) : path.join(env.RUNNER_TEMP ?? workspace, "ghml", "deploy-report.json");
  await writeJson(reportPath, report);
  outputs.set("result", report.result);
  outputs.set("version", String(report.version));
  outputs.set("digest", report.digest);
  outputs.set("previous-version", report.previousVersion ?? "");
  outputs.set("predictions", report.predictions?.path ?? "");
  outputs.set("report-path", reportPath);
  await summary.addRaw(fitStepSummary(renderDeployMarkdown(report))).write();
  if (report.result === "succeeded") info(deployVerdict(report));
  else annotations.fail(deployVerdict(report));
}

// src/actions/deploy/index.ts
await runAction(deployAction);
