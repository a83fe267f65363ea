import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  renderMarkdown,
  renderText,
  runValidateData
} from "./chunks/chunk-RSBFNZR7.js";
import {
  DirectoryCheckpointStore,
  formatNumber,
  formatValue,
  lineChart,
  processSignals,
  readParams,
  runTrain,
  verdictLine
} from "./chunks/chunk-I2EL5YJU.js";
import {
  runDriftCheck
} from "./chunks/chunk-OTSJB3GW.js";
import {
  runRegister
} from "./chunks/chunk-XWHAIA4U.js";
import {
  RegistryBaseline,
  downloadPackage,
  isRegistryReference,
  renderEvaluationMarkdown,
  renderEvaluationText,
  runEvaluate
} from "./chunks/chunk-SEKYCYZM.js";
import {
  inferContract
} from "./chunks/chunk-NE2WETWX.js";
import {
  ColumnProfiler,
  buildProfile
} from "./chunks/chunk-OAS5NE75.js";
import {
  checkDataFiles,
  writeFileAtomic,
  writeJson
} from "./chunks/chunk-PX3ZQKUX.js";
import {
  GitHubReleases
} from "./chunks/chunk-3ODP5VP4.js";
import {
  renderDriftMarkdown,
  renderDriftText
} from "./chunks/chunk-R5F35EWZ.js";
import "./chunks/chunk-4PYNN2NM.js";
import {
  GitHubDeploymentHistory,
  GitHubPolicySource,
  GitHubPullRequests,
  POLICY_PATH,
  formatMetric,
  loadPolicy,
  runPromote,
  runRollback
} from "./chunks/chunk-GUZ76EE2.js";
import {
  DataProfile,
  DriftMethod,
  GitHubRegistryStore,
  Registry,
  RunRecord,
  checkStageName,
  createOctokit,
  driftMethods,
  explainGitHubError,
  formatReference,
  parseModelReference,
  parseVersion,
  targetFromEnvironment
} from "./chunks/chunk-BDOCOUH7.js";
import {
  ConfigurationError,
  ExitCode,
  exitCodeFor,
  external_exports,
  isUserFacing,
  loadDocument,
  table
} from "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W64PFGQ6.js";
import {
  __toESM,
  require_dist
} from "./chunks/chunk-W5IGWCAN.js";

// src/cli/commands/app.ts
var appCommand = {
  name: "app",
  summary: "run the ghml GitHub App (promotion checks, deployments, drift issues, commands) as a Node server",
  usage: `Usage: ghml app

Runs the ghml GitHub App with Probot, configured by Probot's usual environment variables:

  APP_ID                        the app's id
  PRIVATE_KEY or PRIVATE_KEY_PATH   its private key (PEM)
  WEBHOOK_SECRET                the secret GitHub signs webhooks with
  GHE_HOST, GHE_PROTOCOL        GitHub Enterprise Server, e.g. GHE_HOST=github.example.com; for the
                                sandbox, GHE_HOST=127.0.0.1:<port> GHE_PROTOCOL=http (see \`ghml sandbox\`)
  PORT (3000), HOST, WEBHOOK_PATH (/api/github/webhooks), LOG_LEVEL, LOG_FORMAT

Without APP_ID and a key, Probot serves its setup page on PORT, which registers the app from the
manifest app/app.yml (run it from the repository root). See docs/app.md for the permissions.
Stop it with Ctrl+C.

Exit codes: 0 stopped, 2 configuration error.`,
  options: {},
  async run(_args, io) {
    if (io.env.APP_ID && !io.env.PRIVATE_KEY && !io.env.PRIVATE_KEY_PATH) {
      throw new ConfigurationError("APP_ID is set but no private key: set PRIVATE_KEY (the PEM) or PRIVATE_KEY_PATH (its file)", { input: "PRIVATE_KEY" });
    }
    if (io.env.APP_ID && !io.env.WEBHOOK_SECRET) {
      throw new ConfigurationError("APP_ID is set but no WEBHOOK_SECRET: set the secret the app's webhooks are signed with", { input: "WEBHOOK_SECRET" });
    }
    const [{ run }, { default: ghmlApp }] = await Promise.all([import("./chunks/lib-IZ7JW2TW.js"), import("./app.js")]);
    const server = await run(ghmlApp, { env: io.env });
    io.stdout(`ghml app: listening on ${server.host ?? "localhost"}:${server.port} for webhooks at ${io.env.WEBHOOK_PATH ?? "/api/github/webhooks"}
`);
    await new Promise((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.stop();
    return ExitCode.ok;
  }
};

// src/cli/command.ts
import { parseArgs } from "node:util";
function parseCommandArgs(command, argv) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true
    });
    return { values, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigurationError(`${message}. Run \`ghml ${command.name} --help\` for the options.`);
  }
}
function stringFlag(args, name) {
  const value = args.values[name];
  if (value === void 0) return void 0;
  if (typeof value !== "string") throw new ConfigurationError(`--${name} takes a value.`, { input: name });
  return value;
}
function requiredStringFlag(args, name, hint) {
  const value = stringFlag(args, name);
  if (value === void 0 || value === "") throw new ConfigurationError(`--${name} is required: ${hint}.`, { input: name });
  return value;
}
function listFlag(args, name) {
  const value = args.values[name];
  if (value === void 0) return [];
  return Array.isArray(value) ? value : [String(value)];
}

// src/cli/commands/validate-data.ts
var outputFormats = ["text", "json", "markdown"];
function formatFlag(value) {
  const format2 = value ?? "text";
  if (!outputFormats.includes(format2)) {
    throw new ConfigurationError(`--format "${format2}" is not one of ${outputFormats.join(", ")}`, { input: "format" });
  }
  return format2;
}
function positiveIntegerFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigurationError(`--${name} must be a whole number, not "${value}"`, { input: name });
  return number;
}
var validateDataCommand = {
  name: "validate-data",
  summary: "check data files against a data contract and write their profile",
  usage: `Usage: ghml validate-data --data <file>... --contract <file> [options]

Checks CSV, JSON Lines or Parquet files against a data contract (YAML or JSON, see
schemas/data-contract.json) and profiles them.

Options:
  --data <file>          a data file; repeat for several files read as one dataset
  --contract <file>      the data contract
  --profile-out <file>   write the data profile (JSON) here
  --report-out <file>    write the validation report (JSON) here
  --format <f>           text (default), json or markdown
  --max-examples <n>     example rows kept per failed expectation (default 5)

Exit codes: 0 valid, 1 invalid, 2 usage or configuration error.`,
  options: {
    data: { type: "string", multiple: true },
    contract: { type: "string" },
    "profile-out": { type: "string" },
    "report-out": { type: "string" },
    format: { type: "string" },
    "max-examples": { type: "string" }
  },
  async run(args, io) {
    const format2 = formatFlag(stringFlag(args, "format"));
    const result = await runValidateData({
      data: listFlag(args, "data"),
      contract: requiredStringFlag(args, "contract", "name the data contract file (create one with `ghml profile infer`)"),
      profileOut: stringFlag(args, "profile-out"),
      reportOut: stringFlag(args, "report-out"),
      maxExamples: positiveIntegerFlag(stringFlag(args, "max-examples"), "max-examples")
    });
    if (format2 === "json") io.stdout(`${JSON.stringify(result.report, null, 2)}
`);
    else if (format2 === "markdown") io.stdout(renderMarkdown(result.report, result.profile));
    else io.stdout(renderText(result.report));
    return result.valid ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/cli/commands/drift-check.ts
function methodFlag(value) {
  if (value === void 0) return void 0;
  const parsed = DriftMethod.safeParse(value);
  if (!parsed.success) throw new ConfigurationError(`--method "${value}" is not one of ${driftMethods.join(", ")}`, { input: "method" });
  return parsed.data;
}
var driftCheckCommand = {
  name: "drift-check",
  summary: "compare current data with a reference and report drift per column",
  usage: `Usage: ghml drift-check --reference <data|profile.json> --current <file>... [options]

Compares current data (files, or a ghml serve prediction log) with reference data or a saved
data profile, column by column. See actions/drift-check/README.md for the methods and defaults.

Options:
  --reference <file>        reference data (repeat for several files) or one data profile (.json)
  --current <file>          current data; repeat for several files
  --config <file>           drift-check configuration (YAML or JSON, schemas/drift-config.json)
  --contract <file>         data contract giving column types (else the profile's, or read off the data)
  --method <name>           ${driftMethods.join(", ")} (default auto)
  --columns <a,b>           check only these columns
  --prediction-column <c>   the model's output column (prediction drift)
  --label-column <c>        the label column (target drift)
  --min-rows <n>            fewer rows than this give no verdict (default 100)
  --format <f>              text (default), json or markdown
  --report-out <file>       write the drift report (JSON) here
  --fail-on-drift           exit 1 when the dataset drifted

Exit codes: 0 the check ran (drift or not), 1 drift with --fail-on-drift, 2 usage or configuration error.`,
  options: {
    reference: { type: "string", multiple: true },
    current: { type: "string", multiple: true },
    config: { type: "string" },
    contract: { type: "string" },
    method: { type: "string" },
    columns: { type: "string" },
    "prediction-column": { type: "string" },
    "label-column": { type: "string" },
    "min-rows": { type: "string" },
    format: { type: "string" },
    "report-out": { type: "string" },
    "fail-on-drift": { type: "boolean" }
  },
  async run(args, io) {
    const format2 = formatFlag(stringFlag(args, "format"));
    const reference = listFlag(args, "reference");
    if (reference.length === 0) throw new ConfigurationError("--reference is required: reference data files or a data profile (.json)", { input: "reference" });
    const minRows = positiveIntegerFlag(stringFlag(args, "min-rows"), "min-rows");
    if (minRows === 0) throw new ConfigurationError("--min-rows must be at least 1", { input: "min-rows" });
    const report = await runDriftCheck({
      reference,
      current: listFlag(args, "current"),
      config: stringFlag(args, "config"),
      contract: stringFlag(args, "contract"),
      method: methodFlag(stringFlag(args, "method")),
      columns: stringFlag(args, "columns")?.split(",").map((c) => c.trim()).filter(Boolean),
      predictionColumn: stringFlag(args, "prediction-column"),
      labelColumn: stringFlag(args, "label-column"),
      minRows,
      reportOut: stringFlag(args, "report-out")
    });
    if (format2 === "json") io.stdout(`${JSON.stringify(report, null, 2)}
`);
    else if (format2 === "markdown") io.stdout(renderDriftMarkdown(report));
    else io.stdout(renderDriftText(report));
    return report.drifted && args.values["fail-on-drift"] === true ? ExitCode.checkFailed : ExitCode.ok;
  }
};

// src/cli/commands/registry.ts
import path2 from "node:path";

// src/registry/local-git-store.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
var ZERO = "0".repeat(40);
var LocalGitRegistryStore = class _LocalGitRegistryStore {
  constructor(location, gitDir) {
    this.location = location;
    this.gitDir = gitDir;
  }
  location;
  gitDir;
  static async open(repository) {
    const resolved = path.resolve(repository);
    const found = await runGit(["-C", resolved, "rev-parse", "--absolute-git-dir"], { okCodes: [128] }).catch(() => void 0);
    if (!found || found.exitCode !== 0) throw new ConfigurationError(`${resolved} is not a git repository`, { input: "local" });
    return new _LocalGitRegistryStore(resolved, found.stdout.trim());
  }
  git(args, options = {}) {
    return runGit(["--git-dir", this.gitDir, ...args], options);
  }
  async head(branch) {
    const { stdout, exitCode } = await this.git(["rev-parse", "--verify", "--quiet", "--end-of-options", `refs/heads/${branch}^{commit}`], { okCodes: [1, 128] });
    return exitCode === 0 ? stdout.trim() : void 0;
  }
  async readFile(commit, filePath) {
    const { stdout, exitCode } = await this.git(["cat-file", "blob", `${commit}:${filePath}`], { okCodes: [128] });
    return exitCode === 0 ? stdout : void 0;
  }
  async listDirectory(commit, directory) {
    const { stdout, exitCode } = await this.git(["ls-tree", "-z", "--name-only", `${commit}:${directory}`], { okCodes: [128] });
    return exitCode === 0 ? stdout.split("\0").filter(Boolean) : void 0;
  }
  async commitFiles(request) {
    const scratch = await mkdtemp(path.join(tmpdir(), "ghml-registry-index-"));
    const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
    try {
      await this.git(request.parent ? ["read-tree", request.parent] : ["read-tree", "--empty"], { env });
      const entries = [];
      for (const file of request.files) {
        const blob = (await this.git(["hash-object", "-w", "--stdin"], { input: file.content })).stdout.trim();
        entries.push(`100644 ${blob}	${file.path}`);
      }
      await this.git(["update-index", "--add", "--index-info"], { env, input: `${entries.join("\n")}
` });
      const tree = (await this.git(["write-tree"], { env })).stdout.trim();
      const commit = (await this.git(["commit-tree", tree, ...request.parent ? ["-p", request.parent] : [], "-F", "-"], { input: request.message, env: await this.identity() })).stdout.trim();
      const moved = await this.git(["update-ref", "-m", "ghml registry", `refs/heads/${request.branch}`, commit, request.expected ?? ZERO], { okCodes: [1, 128] });
      return moved.exitCode === 0 ? commit : void 0;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  async history(branch, filePath, limit) {
    const format2 = ["%H", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"].join("%x00");
    const { stdout, exitCode } = await this.git(["log", `--format=${format2}%x1e`, `--max-count=${limit}`, `refs/heads/${branch}`, "--", filePath], { okCodes: [128] });
    if (exitCode !== 0) return [];
    return stdout.split("").map((record) => record.replace(/^\n/, "")).filter(Boolean).map((record) => {
      const [commit, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, message] = record.split("\0");
      return {
        commit,
        author: { name: authorName, email: authorEmail, date: new Date(authorDate).toISOString() },
        committer: { name: committerName, email: committerEmail, date: new Date(committerDate).toISOString() },
        message
      };
    });
  }
  /** The user's configured identity when there is one; commit-tree refuses to run without any. */
  async identity() {
    const configured = async (key) => (await this.git(["config", "--get", key], { okCodes: [1] })).stdout.trim();
    const env = {};
    if (!process.env.GIT_AUTHOR_NAME && !await configured("user.name")) Object.assign(env, { GIT_AUTHOR_NAME: "ghml", GIT_COMMITTER_NAME: "ghml" });
    if (!process.env.GIT_AUTHOR_EMAIL && !await configured("user.email")) Object.assign(env, { GIT_AUTHOR_EMAIL: "ghml@localhost", GIT_COMMITTER_EMAIL: "ghml@localhost" });
    return env;
  }
};
function runGit(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile("git", args, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, LANG: "C", ...options.env } }, (error, stdout, stderr) => {
      const exitCode = error ? typeof error.code === "number" ? error.code : -1 : 0;
      if (exitCode === 0 || options.okCodes?.includes(exitCode)) resolve({ stdout, exitCode });
      else reject(new Error(`git ${args.join(" ")} failed: ${stderr.trim() || error?.message}`));
    });
    child.stdin?.on("error", () => void 0);
    child.stdin?.end(options.input ?? "");
  });
}
var LocalPolicySource = class {
  constructor(repository) {
    this.repository = repository;
    this.location = `${repository} (default branch):${POLICY_PATH}`;
  }
  repository;
  location;
  async read() {
    const git = (args) => runGit(["-C", this.repository, ...args], { okCodes: [1, 128] });
    const remoteHead = await git(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]);
    const candidates = [remoteHead.exitCode === 0 ? remoteHead.stdout.trim() : void 0, "refs/heads/main", "refs/heads/master"].filter((ref) => ref !== void 0);
    for (const ref of candidates) {
      if ((await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).exitCode !== 0) continue;
      const file = await git(["cat-file", "blob", `${ref}:${POLICY_PATH}`]);
      return file.exitCode === 0 ? file.stdout : void 0;
    }
    return void 0;
  }
};

// src/cli/commands/registry.ts
var connectionOptions = {
  repo: { type: "string" },
  "api-url": { type: "string" },
  local: { type: "string" },
  "registry-branch": { type: "string" }
};
var connectionUsage = `Where the registry is:
  --repo <owner/name>        the GitHub repository (default: GITHUB_REPOSITORY); the token is GITHUB_TOKEN
  --api-url <url>            the REST API (default: GITHUB_API_URL or https://api.github.com)
  --local <path>             a git repository on disk instead of GitHub (no releases or pull requests)
  --registry-branch <name>   the registry branch (default: registry-branch in .github/ghml.yml, else ghml/registry)`;
async function connect(args, io) {
  const local = stringFlag(args, "local");
  const registryBranch = stringFlag(args, "registry-branch");
  if (local !== void 0) {
    if (stringFlag(args, "repo") !== void 0) throw new ConfigurationError("give --repo or --local, not both", { input: "local" });
    const repository = path2.resolve(io.cwd, local);
    return { store: await LocalGitRegistryStore.open(repository), policy: new LocalPolicySource(repository), registryBranch };
  }
  const target = targetFromEnvironment(io.env, { repo: stringFlag(args, "repo"), apiUrl: stringFlag(args, "api-url") });
  const octokit = createOctokit(target);
  return {
    store: new GitHubRegistryStore(octokit, target),
    policy: new GitHubPolicySource(octokit, target),
    releases: new GitHubReleases(octokit, target),
    promotions: new GitHubPullRequests(octokit, target),
    deployments: new GitHubDeploymentHistory(octokit, target),
    target,
    registryBranch
  };
}
async function openRegistry(connection) {
  return new Registry(connection.store, connection.registryBranch ?? (await loadPolicy(connection.policy))["registry-branch"]);
}
async function withConnection(args, io, body) {
  const connection = await connect(args, io);
  try {
    return await body(connection);
  } catch (error) {
    throw connection.target ? explainGitHubError(error, connection.target) : error;
  }
}
function textOrJson(args) {
  const format2 = stringFlag(args, "format") ?? "text";
  if (format2 !== "text" && format2 !== "json") throw new ConfigurationError(`--format "${format2}" is not one of text, json`, { input: "format" });
  return format2;
}
function describeVersion(record, stages) {
  const metrics = Object.entries(record.metrics).map(([name, value]) => `${name} ${formatMetric(value)}`).join(", ");
  const rows = [
    ["release", `${record.release.tag}  ${record.release.url}`],
    ["stages", stages.length > 0 ? stages.join(", ") : "\u2014"],
    ["commit", record.commit],
    ["package", `sha256:${record.package.digest} (${record.assets.length} assets, ${record.package.bytes.toLocaleString("en-US")} bytes)`],
    ["registered", `${record.createdAt}${record.createdBy ? ` by ${record.createdBy}` : ""}`],
    ["run", record.run ?? "\u2014"],
    ["workflow run", record.lineage.workflowRun?.url ?? "\u2014"],
    ["evaluation", record.evaluation ? record.evaluation.passed ? "passed" : "failed" : "\u2014"],
    ["data validation", record.dataValidation ? record.dataValidation.passed ? "valid" : "invalid" : "\u2014"],
    ["data", record.lineage.dataFingerprint ?? "\u2014"],
    ["metrics", metrics || "\u2014"]
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${record.model} v${record.version}
${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n")}
`;
}
var format = { type: "string" };
var registryListCommand = {
  name: "registry list",
  summary: "list the models in the registry with the version each stage holds",
  usage: `Usage: ghml registry list [--format text|json] [where]

${connectionUsage}`,
  options: { ...connectionOptions, format },
  async run(args, io) {
    const output = textOrJson(args);
    return withConnection(args, io, async (connection) => {
      const models = await (await openRegistry(connection)).listModels();
      if (output === "json") io.stdout(`${JSON.stringify(models, null, 2)}
`);
      else if (models.length === 0) io.stdout("no models registered\n");
      else {
        const rows = models.map(({ model, aliases }) => [model.name, `v${model.latestVersion}`, Object.entries(aliases).map(([stage, version]) => `${stage} v${version}`).join(", ") || "\u2014", model.owners.join(" ") || "\u2014"]);
        io.stdout(`${table(["Model", "Latest", "Stages", "Owners"], rows)}
`);
      }
      return ExitCode.ok;
    });
  }
};
var registryShowCommand = {
  name: "registry show",
  summary: "show a model, or one version of it: <model>, <model>@v<N> or <model>@<stage>",
  usage: `Usage: ghml registry show <model>[@v<N>|@<stage>] [--format text|json] [where]

<model> alone shows the model and its stages; with @v<N> or @<stage>, that version.

${connectionUsage}`,
  options: { ...connectionOptions, format },
  allowPositionals: true,
  async run(args, io) {
    const output = textOrJson(args);
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError("give one model, e.g. churn or churn@production", { input: "model" });
    const reference = parseModelReference(text);
    return withConnection(args, io, async (connection) => {
      const registry = await openRegistry(connection);
      if (reference.kind === "latest") {
        const snapshot = await registry.snapshot();
        const model = await registry.requireModel(snapshot, reference.model);
        const aliases2 = await registry.aliases(snapshot, reference.model);
        if (output === "json") io.stdout(`${JSON.stringify({ model, aliases: aliases2 }, null, 2)}
`);
        else {
          const stages2 = Object.entries(aliases2).map(([stage, version]) => `${stage} v${version}`).join(", ") || "\u2014";
          io.stdout(`${model.name}${model.description ? `: ${model.description}` : ""}
  versions taken  ${model.latestVersion}
  stages          ${stages2}
  owners          ${model.owners.join(" ") || "\u2014"}
  task            ${model.task ?? "\u2014"}
  risk tier       ${model.riskTier ?? "\u2014"}
`);
        }
        return ExitCode.ok;
      }
      const resolved = await registry.resolve(reference);
      const aliases = await registry.aliases(resolved.snapshot, reference.model);
      const stages = Object.entries(aliases).filter(([, version]) => version === resolved.record.version).map(([stage]) => stage);
      if (output === "json") io.stdout(`${JSON.stringify({ ...resolved.record, stages }, null, 2)}
`);
      else io.stdout(describeVersion(resolved.record, stages));
      return ExitCode.ok;
    });
  }
};
function describeChange(entry) {
  const who = entry.author.login ?? entry.author.name;
  const changes = entry.changes.map((change) => `${change.stage} ${change.from === null ? "\u2014" : `v${change.from}`} \u2192 ${change.to === null ? "\u2014" : `v${change.to}`}`).join(", ");
  return `${entry.committer.date}  ${changes}  by ${who}  (${entry.commit.slice(0, 12)})`;
}
var registryHistoryCommand = {
  name: "registry history",
  summary: "who promoted which version of a model to which stage, and when",
  usage: `Usage: ghml registry history <model> [--stage <stage>] [--limit <n>] [--format text|json] [where]

From the git history of models/<model>/aliases.json on the registry branch, newest first, and the
deployments whose payload names the model (on GitHub).

${connectionUsage}`,
  options: { ...connectionOptions, format, stage: { type: "string" }, limit: { type: "string" } },
  allowPositionals: true,
  async run(args, io) {
    const output = textOrJson(args);
    const [model] = args.positionals;
    if (!model || args.positionals.length > 1) throw new ConfigurationError("give one model name", { input: "model" });
    const stageFlag = stringFlag(args, "stage");
    const stage = stageFlag === void 0 ? void 0 : checkStageName(stageFlag);
    const limit = positiveIntegerFlag(stringFlag(args, "limit"), "limit") ?? 50;
    return withConnection(args, io, async (connection) => {
      const registry = await openRegistry(connection);
      await registry.requireModel(await registry.snapshot(), parseModelReference(model).model);
      const changes = await registry.aliasHistory(model, { stage, limit });
      const deployments = connection.deployments ? await connection.deployments.list(model, stage) : [];
      if (output === "json") {
        io.stdout(`${JSON.stringify({ changes, deployments }, null, 2)}
`);
        return ExitCode.ok;
      }
      io.stdout(changes.length === 0 ? `no promotions of ${model}${stage ? ` in ${stage}` : ""} yet
` : `${changes.map(describeChange).join("\n")}
`);
      if (deployments.length > 0) {
        io.stdout(`
deployments
${deployments.map((entry) => `${entry.createdAt}  ${entry.environment}  ${entry.version === null ? "?" : `v${entry.version}`}  by ${entry.creator ?? "?"}  (deployment ${entry.id})`).join("\n")}
`);
      }
      return ExitCode.ok;
    });
  }
};
var registryGetCommand = {
  name: "registry get",
  summary: "download a version's package and verify every digest",
  usage: `Usage: ghml registry get <model>@<stage>|<model>@v<N> --out <dir> [where]

Downloads the model package of the version from its release into <dir>, checking the manifest
against the package digest on the registry branch and every file (split files put together)
against the manifest. A package that does not verify is refused and nothing is written.
Exit codes: 0 verified, 1 refused, 2 usage or configuration error.

${connectionUsage}`,
  options: { ...connectionOptions, out: { type: "string" } },
  allowPositionals: true,
  async run(args, io) {
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError("give one model with a version or a stage, e.g. churn@production", { input: "model" });
    const reference = parseModelReference(text);
    const out = stringFlag(args, "out");
    if (!out) throw new ConfigurationError("--out is required: the directory to download the package into", { input: "out" });
    return withConnection(args, io, async (connection) => {
      if (!connection.releases) throw new ConfigurationError("packages are release assets on GitHub: registry get needs --repo, not --local", { input: "local" });
      const registry = await openRegistry(connection);
      const { record } = await registry.resolve(reference);
      const { files } = await downloadPackage(record, connection.releases, path2.resolve(io.cwd, out));
      io.stdout(`${formatReference(reference)} is ${record.model} v${record.version}: ${files.length} files verified against package sha256:${record.package.digest}
`);
      for (const file of files) io.stdout(`  ${file.path}  ${file.size.toLocaleString("en-US")} bytes  sha256:${file.sha256}
`);
      return ExitCode.ok;
    });
  }
};
var registryCommands = [registryListCommand, registryShowCommand, registryHistoryCommand, registryGetCommand];

// src/cli/commands/evaluate.ts
function commaList(value) {
  return value?.split(",").map((item) => item.trim()).filter(Boolean);
}
function choice(value, name, allowed) {
  if (value === void 0) return void 0;
  if (!allowed.includes(value)) throw new ConfigurationError(`--${name} "${value}" is not one of ${allowed.join(", ")}`, { input: name });
  return value;
}
function toleranceFlag(value) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (!(number >= 0) || value.trim() === "") throw new ConfigurationError(`--parity-tolerance must be a non-negative number, not "${value}"`, { input: "parity-tolerance" });
  return number;
}
var evaluateCommand = {
  name: "evaluate",
  summary: "evaluate an ONNX model on held-out data, compare it with a baseline and gate it on thresholds",
  usage: `Usage: ghml evaluate --model <file.onnx> --data <file>... --label <column> [options]

Runs the model with ONNX Runtime over the data, computes scikit-learn's metrics with bootstrap
intervals, compares with a baseline (another model on the same rows, or an earlier report) and
checks the thresholds. See actions/evaluate/README.md for the mapping of columns to inputs.

Options:
  --model <file>                  the model to evaluate (.onnx)
  --data <file>                   held-out data (CSV, JSON Lines, Parquet); repeat for several files
  --label <column>                the label column
  --task <t>                      classification or regression (default: from the model's outputs)
  --positive-label <v>            the positive class of a binary model (default: the second class)
  --classes <a,b,\u2026>               the classes in the order of the probability columns (default: the model's metadata)
  --baseline <file|model@alias>   the champion: an .onnx model, an evaluation report (.json), or a registry alias
                                  (with --repo, --api-url, --registry-branch as for \`ghml registry\`)
  --thresholds <file>             gate thresholds (YAML or JSON, schemas/evaluation-thresholds.json)
  --slice-columns <a,b>           metrics per value of these columns, and fairness gaps
  --min-slice-size <n>            smaller slices are listed, not measured (default 30)
  --features <a,b>                the columns of the model's input, in order (default: its metadata, the contract, or every number column but the label)
  --contract <file>               a data contract whose number columns give the feature order
  --reference-predictions <file>  the training framework's predictions, to check the export against
  --parity-tolerance <x>          allowed difference in parity (default 1e-4, relative above 1)
  --bootstrap <n>                 bootstrap resamples for the intervals (default 1000; 0: none)
  --execution-provider <p>        cpu (default) or cuda
  --model-name <name>             the model's name in reports (default: the file name)
  --format <f>                    text (default), json or markdown
  --report-out <file>             write the evaluation report (JSON) here

Exit codes: 0 the gate passed, 1 the gate failed (or the data could not be read), 2 usage or configuration error.`,
  options: {
    model: { type: "string" },
    data: { type: "string", multiple: true },
    label: { type: "string" },
    task: { type: "string" },
    "positive-label": { type: "string" },
    classes: { type: "string" },
    baseline: { type: "string" },
    ...connectionOptions,
    thresholds: { type: "string" },
    "slice-columns": { type: "string" },
    "min-slice-size": { type: "string" },
    features: { type: "string" },
    contract: { type: "string" },
    "reference-predictions": { type: "string" },
    "parity-tolerance": { type: "string" },
    bootstrap: { type: "string" },
    "execution-provider": { type: "string" },
    "model-name": { type: "string" },
    format: { type: "string" },
    "report-out": { type: "string" }
  },
  async run(args, io) {
    const format2 = formatFlag(stringFlag(args, "format"));
    const minSliceSize = positiveIntegerFlag(stringFlag(args, "min-slice-size"), "min-slice-size");
    if (minSliceSize === 0) throw new ConfigurationError("--min-slice-size must be at least 1", { input: "min-slice-size" });
    const baseline = stringFlag(args, "baseline");
    const connection = baseline !== void 0 && isRegistryReference(baseline) ? await connect(args, io) : void 0;
    if (connection && !connection.releases) throw new ConfigurationError("a model@alias baseline downloads the champion from its release: give --repo (releases are on GitHub), not --local", { input: "baseline" });
    const registryBaseline = connection ? new RegistryBaseline(await openRegistry(connection), connection.releases) : void 0;
    const report = await runEvaluate({
      model: requiredStringFlag(args, "model", "the .onnx model to evaluate"),
      data: listFlag(args, "data"),
      label: requiredStringFlag(args, "label", "the label column"),
      task: choice(stringFlag(args, "task"), "task", ["classification", "regression"]),
      positiveLabel: stringFlag(args, "positive-label"),
      classes: commaList(stringFlag(args, "classes")),
      baseline,
      registry: registryBaseline,
      thresholds: stringFlag(args, "thresholds"),
      sliceColumns: commaList(stringFlag(args, "slice-columns")),
      minSliceSize,
      features: commaList(stringFlag(args, "features")),
      contract: stringFlag(args, "contract"),
      referencePredictions: stringFlag(args, "reference-predictions"),
      parityTolerance: toleranceFlag(stringFlag(args, "parity-tolerance")),
      bootstrap: positiveIntegerFlag(stringFlag(args, "bootstrap"), "bootstrap"),
      executionProvider: choice(stringFlag(args, "execution-provider"), "execution-provider", ["cpu", "cuda"]),
      modelName: stringFlag(args, "model-name"),
      reportOut: stringFlag(args, "report-out"),
      log: (message) => io.stderr(`${message}
`)
    });
    if (format2 === "json") io.stdout(`${JSON.stringify(report, null, 2)}
`);
    else if (format2 === "markdown") io.stdout(renderEvaluationMarkdown(report));
    else io.stdout(renderEvaluationText(report));
    return report.gate.passed ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/steps/profile.ts
var import_yaml = __toESM(require_dist(), 1);

// src/data/merge.ts
function mergeProfiles(profiles, names = profiles.map((_, i) => `profile ${i + 1}`)) {
  if (profiles.length === 0) throw new ConfigurationError("no profiles to merge: pass at least one", { input: "profile" });
  const merged = /* @__PURE__ */ new Map();
  profiles.forEach((profile, index) => {
    for (const column of profile.columns) {
      let shard;
      try {
        shard = ColumnProfiler.fromProfile(column);
      } catch (error) {
        throw new ConfigurationError(
          `${names[index]}: column "${column.name}": ${error.message}: the profile is damaged; write it again with validate-data`,
          { input: "profile" }
        );
      }
      const existing = merged.get(column.name);
      if (!existing) {
        shard.missing += profiles.slice(0, index).reduce((sum, p) => sum + p.rows, 0);
        merged.set(column.name, shard);
        continue;
      }
      if (existing.type !== column.type) {
        throw new ConfigurationError(
          `column "${column.name}" is ${existing.type} in an earlier profile but ${column.type} in ${names[index]}: profile every shard with the same contract`,
          { input: "profile" }
        );
      }
      existing.merge(shard);
    }
    for (const [name, profiler] of merged) {
      if (!profile.columns.some((column) => column.name === name)) profiler.missing += profile.rows;
    }
  });
  return buildProfile([...merged.values()], profiles.flatMap((profile) => profile.files));
}

// src/steps/profile.ts
async function runInferContract(options) {
  await checkDataFiles(options.data);
  const { contract, profile } = await inferContract({ files: options.data, name: options.name });
  const header = [
    `# Data contract inferred by \`ghml profile infer\` from ${options.data.join(", ")}.`,
    "# Review it: tighten ranges, add allowed values, uniqueness and distribution expectations.",
    "# Format: schemas/data-contract.json"
  ].join("\n");
  const body = options.out.endsWith(".json") ? `${JSON.stringify(contract, null, 2)}
` : `${header}
${(0, import_yaml.stringify)(contract, { lineWidth: 0 })}`;
  await writeFileAtomic(options.out, body);
  if (options.profileOut) await writeJson(options.profileOut, profile);
  return contract;
}
async function runMergeProfiles(options) {
  const profiles = [];
  for (const file of options.profiles) profiles.push(await loadDocument(file, DataProfile, "data profile", "profile"));
  const merged = mergeProfiles(profiles, options.profiles);
  await writeJson(options.out, merged);
  return merged;
}

// src/cli/commands/profile.ts
var profileInferCommand = {
  name: "profile infer",
  summary: "write a starting data contract inferred from reference data",
  usage: `Usage: ghml profile infer --data <file>... --out <contract.yml> [--name <dataset>] [--profile-out <file>]

Reads reference data and writes a data contract stating what it shows: each column's type,
presence, range and categories. Review and edit it; the same data always validates against it.`,
  options: {
    data: { type: "string", multiple: true },
    out: { type: "string" },
    name: { type: "string" },
    "profile-out": { type: "string" }
  },
  async run(args, io) {
    const out = requiredStringFlag(args, "out", "name the contract file to write, e.g. --out contract.yml");
    const contract = await runInferContract({ data: listFlag(args, "data"), out, name: stringFlag(args, "name"), profileOut: stringFlag(args, "profile-out") });
    io.stdout(`Wrote ${out}: ${contract.columns.length} columns (${contract.columns.map((c) => `${c.name}: ${c.type}`).join(", ")}).
`);
    return ExitCode.ok;
  }
};
var profileMergeCommand = {
  name: "profile merge",
  summary: "merge the data profiles of shards into the profile of the whole",
  usage: `Usage: ghml profile merge --profile <file>... --out <file>

Merges profiles written by validate-data on shards of a dataset (for example by a matrix of
jobs). Counts and moments merge exactly; quantiles, distinct counts and frequent values within
their sketches' error bounds.`,
  options: {
    profile: { type: "string", multiple: true },
    out: { type: "string" }
  },
  async run(args, io) {
    const out = requiredStringFlag(args, "out", "name the merged profile file to write");
    const merged = await runMergeProfiles({ profiles: listFlag(args, "profile"), out });
    io.stdout(`Wrote ${out}: ${merged.rows} rows from ${merged.files.length} files, ${merged.columns.length} columns.
`);
    return ExitCode.ok;
  }
};

// src/cli/commands/promote.ts
function describePromotion(outcome) {
  if (outcome.kind === "unchanged") return `${outcome.model} v${outcome.version} already holds ${outcome.stage}: nothing to propose`;
  const { plan } = outcome;
  if (outcome.kind === "branch") {
    return `${plan.title}: the branch ${plan.branch} holds the change; push it and open a pull request into ${outcome.registryBranch}`;
  }
  const superseded = outcome.superseded.length > 0 ? ` (closed as superseded: ${outcome.superseded.map((number) => `#${number}`).join(", ")})` : "";
  return `${outcome.kind === "opened" ? "opened" : "updated"} #${outcome.pullRequest.number} ${plan.title}: ${outcome.pullRequest.url}${superseded}`;
}
function printOutcome(outcome, format2, stdout) {
  if (format2 === "json") {
    stdout(`${JSON.stringify({ kind: outcome.kind, ...outcome.plan ? { branch: outcome.plan.branch, aliases: outcome.plan.aliases, champion: outcome.plan.champion } : {}, ..."pullRequest" in outcome ? { pullRequest: outcome.pullRequest, superseded: outcome.superseded } : {} }, null, 2)}
`);
  } else {
    stdout(`${describePromotion(outcome)}
`);
  }
}
var promoteCommand = {
  name: "promote",
  summary: "open a pull request that moves a stage of a model to a version",
  usage: `Usage: ghml promote <model> <version> --to <stage> [--format text|json] [where]

Opens a pull request into the registry branch from ghml/promote/<model>/<stage>/v<N> that changes
only models/<model>/aliases.json, with the model card, the champion\u2013challenger metrics, the
verdicts and the lineage in its description. Running it again updates that pull request; a
promotion of another version to the same stage closes the older one as superseded.

${connectionUsage}`,
  options: { ...connectionOptions, to: { type: "string" }, format: { type: "string" } },
  allowPositionals: true,
  async run(args, io) {
    const format2 = textOrJson(args);
    const [model, version] = args.positionals;
    if (!model || !version || args.positionals.length > 2) throw new ConfigurationError("give the model and the version, e.g. ghml promote churn 4 --to staging", { input: "model" });
    const stage = requiredStringFlag(args, "to", "the stage to promote to");
    return withConnection(args, io, async (connection) => {
      const outcome = await runPromote({ model, version: parseVersion(version), stage, registryBranch: connection.registryBranch }, connection);
      printOutcome(outcome, format2, io.stdout);
      return ExitCode.ok;
    });
  }
};
var rollbackCommand = {
  name: "rollback",
  summary: "open a pull request that gives a stage back to the version that held it before",
  usage: `Usage: ghml rollback <model> --stage <stage> [--format text|json] [where]

Finds the version that held the stage before the current one, from the history of
models/<model>/aliases.json, and proposes it as a promotion pull request.

${connectionUsage}`,
  options: { ...connectionOptions, stage: { type: "string" }, format: { type: "string" } },
  allowPositionals: true,
  async run(args, io) {
    const format2 = textOrJson(args);
    const [model] = args.positionals;
    if (!model || args.positionals.length > 1) throw new ConfigurationError("give the model, e.g. ghml rollback churn --stage production", { input: "model" });
    const stage = requiredStringFlag(args, "stage", "the stage to roll back");
    return withConnection(args, io, async (connection) => {
      printOutcome(await runRollback({ model, stage, registryBranch: connection.registryBranch }, connection), format2, io.stdout);
      return ExitCode.ok;
    });
  }
};

// src/cli/commands/register.ts
import { tmpdir as tmpdir2 } from "node:os";
import path3 from "node:path";
var registerCommand = {
  name: "register",
  summary: "publish a model package as a release and record the version on the registry branch",
  usage: `Usage: ghml register --model <name> --model-file <file>... [options] [where]

Takes the next version number, publishes the package (model files, model card, metrics, data
profile and contract, run record, evaluation report) as the release model/<name>/v<N> at the
training commit, verifies every asset, then commits models/<name>/versions/<N>.json.

Options:
  --model <name>              the model: a-z, 0-9, ".", "_", "-", at most 64 characters
  --model-file <file>         the model file; repeat for a model of several files
  --run-record <file>         the training run record (gives the commit, metrics and data lineage)
  --evaluation-report <file>  the evaluation report (gives the metrics and the gate verdict)
  --data-profile <file>       the training data's profile, the reference for drift
  --data-contract <file>      the data contract, for input validation when serving
  --validation-report <file>  the training data's validation report
  --description <text>        model card: what the model does
  --intended-use <text>       model card: what it is for, and not for
  --limitations <text>        model card: where it is known to fail
  --owner <@user|@org/team>   model card: an owner; repeat for several
  --task <task>               binary, multiclass, regression\u2026 (default: the evaluation's task)
  --tag <tag>                 a free-form tag; repeat for several
  --commit <sha>              the training commit (default: the run record's)
  --promote-to <stage>        then open a promotion pull request to this stage
  --part-size <bytes>         split files larger than this (default just under GitHub's 2 GiB)
  --format <f>                text (default) or json

${connectionUsage}

Exit codes: 0 registered, 1 failed (nothing half-registered is left), 2 usage or configuration error.`,
  options: {
    ...connectionOptions,
    model: { type: "string" },
    "model-file": { type: "string", multiple: true },
    "run-record": { type: "string" },
    "evaluation-report": { type: "string" },
    "data-profile": { type: "string" },
    "data-contract": { type: "string" },
    "validation-report": { type: "string" },
    description: { type: "string" },
    "intended-use": { type: "string" },
    limitations: { type: "string" },
    owner: { type: "string", multiple: true },
    task: { type: "string" },
    tag: { type: "string", multiple: true },
    commit: { type: "string" },
    "promote-to": { type: "string" },
    "part-size": { type: "string" },
    format: { type: "string" }
  },
  async run(args, io) {
    const output = textOrJson(args);
    const model = requiredStringFlag(args, "model", "the name to register the model under");
    const resolve = (file) => file === void 0 ? void 0 : path3.resolve(io.cwd, file);
    return withConnection(args, io, async (connection) => {
      if (!connection.releases || !connection.target) throw new ConfigurationError("register publishes the package as a GitHub release: give --repo (or GITHUB_REPOSITORY), not --local", { input: "local" });
      const { target } = connection;
      const result = await runRegister({
        model,
        modelFiles: listFlag(args, "model-file").map((file) => path3.resolve(io.cwd, file)),
        runRecord: resolve(stringFlag(args, "run-record")),
        evaluationReport: resolve(stringFlag(args, "evaluation-report")),
        dataProfile: resolve(stringFlag(args, "data-profile")),
        dataContract: resolve(stringFlag(args, "data-contract")),
        validationReport: resolve(stringFlag(args, "validation-report")),
        description: stringFlag(args, "description"),
        intendedUse: stringFlag(args, "intended-use"),
        limitations: stringFlag(args, "limitations"),
        owners: listFlag(args, "owner"),
        task: stringFlag(args, "task"),
        tags: listFlag(args, "tag"),
        commit: stringFlag(args, "commit"),
        registryBranch: connection.registryBranch,
        promoteTo: stringFlag(args, "promote-to"),
        partSize: positiveIntegerFlag(stringFlag(args, "part-size"), "part-size"),
        scratchDirectory: path3.join(tmpdir2(), "ghml-register"),
        context: { actor: io.env.GITHUB_ACTOR ?? null, repositoryUrl: `${target.serverUrl}/${target.owner}/${target.repo}` },
        env: io.env,
        log: (message) => io.stderr(`${message}
`)
      }, { store: connection.store, releases: connection.releases, policy: connection.policy, promotions: connection.promotions });
      if (output === "json") {
        io.stdout(`${JSON.stringify({ version: result.version, tag: result.tag, releaseUrl: result.releaseUrl, packageDigest: result.packageDigest, record: result.record, pullRequest: result.promotion && "pullRequest" in result.promotion ? result.promotion.pullRequest : null }, null, 2)}
`);
      } else {
        io.stdout(`${model} v${result.version}  ${result.tag}  ${result.releaseUrl}
package sha256:${result.packageDigest}
`);
        if (result.promotion) io.stdout(`${describePromotion(result.promotion)}
`);
      }
      return ExitCode.ok;
    });
  }
};

// src/cli/commands/sandbox.ts
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp as mkdtemp2, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import path4 from "node:path";
var defaultWebhookUrl = "http://127.0.0.1:3000/api/github/webhooks";
function portFlag(value) {
  if (value === void 0) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`--port "${value}" is not a TCP port (0 to 65535; 0 picks a free one)`, { input: "port" });
  return port;
}
function webhookUrlFlag(value) {
  const url = value ?? defaultWebhookUrl;
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new ConfigurationError(`--webhook-url "${url}" is not an http(s) URL`, { input: "webhook-url" });
  return url;
}
var sandboxCommand = {
  name: "sandbox",
  summary: "start a local GitHub (REST API, git repository, webhooks) for the demo and for trying the app",
  usage: `Usage: ghml sandbox [options]

Starts the sandbox on 127.0.0.1: a local server that implements the part of GitHub's REST API
ghml uses, backed by a git repository on disk, delivering signed webhooks to the app. Point
octokit, @actions/github (GITHUB_API_URL) or Probot (GHE_HOST, GHE_PROTOCOL=http) at it as at
GitHub Enterprise Server. Stop it with Ctrl+C. See src/sandbox/README.md.

Options:
  --port <n>              port on 127.0.0.1 (default 0: a free port)
  --seed <dir>            files for the first commit of the default branch (default: a README)
  --webhook-url <url>     where the app listens (default ${defaultWebhookUrl})
  --webhook-secret <s>    the app's webhook secret (default: a random one, printed)

Exit codes: 0 stopped cleanly, 1 requests or webhooks departed from GitHub's descriptions, 2 usage error.`,
  options: {
    port: { type: "string" },
    seed: { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" }
  },
  async run(args, io) {
    const port = portFlag(stringFlag(args, "port"));
    const seed = stringFlag(args, "seed");
    if (seed !== void 0 && !existsSync(path4.resolve(io.cwd, seed))) throw new ConfigurationError(`--seed ${seed} does not exist; give a directory of files`, { input: "seed" });
    const webhookUrl = webhookUrlFlag(stringFlag(args, "webhook-url"));
    const webhookSecret = stringFlag(args, "webhook-secret") ?? randomBytes(16).toString("hex");
    const { startSandbox } = await import("./chunks/sandbox-JXL5AI5G.js");
    const sandbox = await startSandbox({ port, seed: seed === void 0 ? void 0 : path4.resolve(io.cwd, seed), webhook: { url: webhookUrl, secret: webhookSecret } });
    const keyDir = await mkdtemp2(path4.join(tmpdir3(), "ghml-sandbox-app-"));
    const keyFile = path4.join(keyDir, "app.pem");
    await writeFile(keyFile, sandbox.app.privateKey, { mode: 384 });
    const host = new URL(sandbox.url).host;
    const width = Math.max(...Object.keys(sandbox.tokens).map((login) => login.length));
    const role = (login) => sandbox.users.find((user) => user.login === login)?.role ?? (login.endsWith("[bot]") ? "GITHUB_TOKEN of workflow runs" : "no access");
    io.stdout([
      `ghml sandbox: a local GitHub at ${sandbox.url}`,
      "",
      `  API (GITHUB_API_URL, octokit baseUrl)  ${sandbox.apiUrl}`,
      `  repository                             ${sandbox.repo.fullName}, default branch ${sandbox.repo.defaultBranch}`,
      `  git directory                          ${sandbox.repo.gitDir}`,
      "",
      "  tokens (Authorization: token <token>):",
      ...Object.entries(sandbox.tokens).map(([login, token]) => `    ${login.padEnd(width)}  ${token}  (${role(login)})`),
      "",
      `  the app should listen at ${webhookUrl}; run it with`,
      `    APP_ID=${sandbox.app.id} PRIVATE_KEY_PATH=${keyFile} WEBHOOK_SECRET=${webhookSecret} GHE_HOST=${host} GHE_PROTOCOL=http`,
      "",
      "Press Ctrl+C to stop.",
      ""
    ].join("\n"));
    await new Promise((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await sandbox.close();
    await rm2(keyDir, { recursive: true, force: true });
    const violations = sandbox.contractViolations;
    io.stdout(`ghml sandbox: stopped after ${[...sandbox.callLog.values()].reduce((sum, count) => sum + count, 0)} requests and ${sandbox.deliveries.length} webhook deliveries.
`);
    if (violations.length === 0) return ExitCode.ok;
    io.stderr(`ghml sandbox: ${violations.length} departures from GitHub's descriptions:
${violations.map((violation) => `  ${violation.kind} ${violation.subject}${violation.status ? ` ${violation.status}` : ""}: ${violation.message}`).join("\n")}
`);
    return ExitCode.checkFailed;
  }
};

// src/cli/commands/train.ts
import { tmpdir as tmpdir4 } from "node:os";
import path6 from "node:path";

// src/contracts/sweep.ts
var MAX_TRIALS = 256;
var ParameterSpace = external_exports.strictObject({
  value: external_exports.json().optional().describe("A constant: every trial gets this value."),
  values: external_exports.array(external_exports.json()).min(1).optional().describe("A list to choose from: every value in a grid, one at random per trial otherwise."),
  min: external_exports.number().optional().describe("Lower end of a range (inclusive)."),
  max: external_exports.number().optional().describe("Upper end of a range (inclusive)."),
  scale: external_exports.enum(["linear", "log"]).default("linear").describe("log: spaced or sampled evenly in log space (min must be > 0)."),
  type: external_exports.enum(["float", "int"]).default("float").describe("int: values are rounded to whole numbers."),
  count: external_exports.number().int().min(2).optional().describe("Points of a range in a grid, from min to max.")
}).superRefine((space, ctx) => {
  const kinds = [space.value !== void 0, space.values !== void 0, space.min !== void 0 || space.max !== void 0].filter(Boolean).length;
  if (kinds !== 1) ctx.addIssue({ code: "custom", message: "give exactly one of value, values, or min and max" });
  else if (space.min !== void 0 || space.max !== void 0) {
    if (space.min === void 0 || space.max === void 0) ctx.addIssue({ code: "custom", message: "a range needs both min and max" });
    else if (space.min > space.max) ctx.addIssue({ code: "custom", message: `min (${space.min}) is above max (${space.max})` });
    else if (space.scale === "log" && space.min <= 0) ctx.addIssue({ code: "custom", message: "a log scale needs min > 0" });
  }
}).describe("One parameter: a constant (value), a list (values), or a range (min, max, scale, type, count).");
var Sweep = external_exports.strictObject({
  version: external_exports.literal(1),
  method: external_exports.enum(["grid", "random"]).describe("grid: every combination. random: max-trials draws, reproducible from seed."),
  seed: external_exports.number().int().default(0).describe("Seed of the random draws."),
  "max-trials": external_exports.number().int().min(1).max(MAX_TRIALS).optional().describe("Trials to draw (random, required), or the most a grid may have."),
  metric: external_exports.strictObject({ name: external_exports.string().min(1), goal: external_exports.enum(["max", "min"]) }).optional().describe("The metric `ghml train select` ranks trials by, unless --metric says otherwise."),
  parameters: external_exports.record(external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a parameter name is letters, digits, _, . and -"), ParameterSpace)
}).superRefine((sweep, ctx) => {
  if (sweep.method === "random" && sweep["max-trials"] === void 0) {
    ctx.addIssue({ code: "custom", path: ["max-trials"], message: "a random sweep needs max-trials" });
  }
  if (sweep.method === "grid") {
    for (const [name, space] of Object.entries(sweep.parameters)) {
      if (space.min !== void 0 && space.count === void 0) {
        ctx.addIssue({ code: "custom", path: ["parameters", name, "count"], message: "a range in a grid needs count (how many points from min to max)" });
      }
    }
  }
}).describe("A ghml sweep: the search space `ghml train plan` turns into a GitHub Actions matrix.");

// src/train/select.ts
import { readdir, readFile, stat } from "node:fs/promises";
import path5 from "node:path";
async function jsonFilesUnder(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => path5.join(e.parentPath, e.name)).sort();
}
async function loadRunRecords(paths) {
  if (paths.length === 0) throw new ConfigurationError("no runs given: pass run record files or directories with --runs", { input: "runs" });
  const runs = [];
  const skipped = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => void 0);
    if (!info) throw new ConfigurationError(`"${given}" does not exist: --runs takes run record files or directories holding them`, { input: "runs" });
    const named = !info.isDirectory();
    for (const file of named ? [given] : await jsonFilesUnder(given)) {
      let parsed;
      try {
        parsed = JSON.parse(await readFile(file, "utf8"));
      } catch {
        parsed = void 0;
      }
      const result = RunRecord.safeParse(parsed);
      if (result.success) runs.push({ source: file, record: result.data });
      else if (named) throw new ConfigurationError(`${file} is not a run record (schemas/run-record.json): ${result.error.issues[0]?.message ?? "not JSON"}`, { input: "runs" });
      else skipped.push(file);
    }
  }
  return { runs, skipped };
}
function selectBest(runs, metric, goal) {
  const ranked = runs.map((run) => ({
    ...run,
    value: run.record.status === "succeeded" && Number.isFinite(run.record.metrics.final[metric]) ? run.record.metrics.final[metric] : null
  }));
  ranked.sort((a, b) => {
    if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0);
    return goal === "max" ? b.value - a.value : a.value - b.value;
  });
  return { metric, goal, best: ranked[0]?.value === null ? null : ranked[0] ?? null, ranked };
}
var MAX_OTHER_METRICS = 4;
var MAX_CHARTS = 4;
function renderSelection(selection) {
  const { metric, goal, best, ranked } = selection;
  const parts = [];
  if (best) {
    parts.push(`### \u{1F3C6} Best run ${best.record.id}: ${metric} = ${formatNumber(best.value)} (${goal} over ${ranked.length} runs)`);
    const params = Object.entries(best.record.params);
    if (params.length > 0) parts.push(`Parameters: ${params.map(([name, value]) => `\`${name}\` = ${formatValue(value)}`).join(", ")}`);
  } else {
    parts.push(`### \u274C No run has a final value of ${metric} (${ranked.length} runs read)`);
  }
  const paramNames = [...new Set(ranked.flatMap((r) => Object.keys(r.record.params)))];
  const others = [...new Set(ranked.flatMap((r) => Object.keys(r.record.metrics.final)))].filter((m) => m !== metric).slice(0, MAX_OTHER_METRICS);
  parts.push(
    table(
      ["rank", "run", "status", ...paramNames, metric, ...others],
      ranked.map((run, i) => [
        run.value === null ? "" : String(i + 1),
        run.record.id,
        run.record.status,
        ...paramNames.map((name) => name in run.record.params ? formatValue(run.record.params[name]) : ""),
        run.value === null ? "" : run === best ? `**${formatNumber(run.value)}**` : formatNumber(run.value),
        ...others.map((m) => m in run.record.metrics.final ? formatNumber(run.record.metrics.final[m]) : "")
      ])
    )
  );
  const scored = ranked.filter((r) => r.value !== null);
  const charted = paramNames.filter((name) => {
    const values = scored.map((r) => r.record.params[name]);
    return values.every((v) => typeof v === "number") && new Set(values).size > 1;
  });
  for (const name of charted.slice(0, MAX_CHARTS)) {
    const bestAt = /* @__PURE__ */ new Map();
    for (const run of scored) {
      const x = run.record.params[name];
      const seen = bestAt.get(x);
      if (seen === void 0 || (goal === "max" ? run.value > seen : run.value < seen)) bestAt.set(x, run.value);
    }
    const points = [...bestAt].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x: formatNumber(x), y }));
    parts.push(`#### ${metric} by ${name}`, lineChart(`${metric} by ${name}`, name, metric, points));
  }
  return `${parts.join("\n\n")}
`;
}
function selectionJson(selection) {
  const summary = (run) => ({ id: run.record.id, source: run.source, status: run.record.status, value: run.value, params: run.record.params, final: run.record.metrics.final });
  return {
    metric: selection.metric,
    goal: selection.goal,
    best: selection.best ? summary(selection.best) : null,
    runs: selection.ranked.map(summary)
  };
}

// src/model/random.ts
var SeededRandom = class {
  state;
  constructor(seed) {
    this.state = Math.imul(seed >>> 0 ^ 2654435769, 2246822507) >>> 0;
  }
  /** A float in [0, 1). */
  next() {
    this.state = this.state + 1831565813 >>> 0;
    let t = this.state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  below(n) {
    return Math.floor(this.next() * n);
  }
  /** Fisher–Yates, in place. */
  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  /** A standard normal draw (Box–Muller). */
  normal() {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
};

// src/train/sweep.ts
var readable = (value) => Number(value.toPrecision(4));
function rangeValue(space, fraction) {
  const min = space.min;
  const max = space.max;
  const value = space.scale === "log" ? Math.exp(Math.log(min) + fraction * (Math.log(max) - Math.log(min))) : min + fraction * (max - min);
  return space.type === "int" ? Math.min(max, Math.max(min, Math.round(value))) : value;
}
function gridValues(space) {
  if (space.value !== void 0) return [space.value];
  if (space.values !== void 0) return space.values;
  const count = space.count;
  const values = Array.from({ length: count }, (_, i) => rangeValue(space, i / (count - 1)));
  return [...new Set(space.type === "int" ? values : values.map((v) => Number(v.toPrecision(12))))];
}
function randomValue(space, random) {
  if (space.value !== void 0) return space.value;
  if (space.values !== void 0) return space.values[random.below(space.values.length)];
  if (space.type === "int") {
    if (space.scale === "linear") return space.min + random.below(space.max - space.min + 1);
    return rangeValue(space, random.next());
  }
  return readable(rangeValue(space, random.next()));
}
function planSweep(sweep) {
  const names = Object.keys(sweep.parameters);
  if (sweep.method === "random") {
    const random = new SeededRandom(sweep.seed);
    return Array.from({ length: sweep["max-trials"] }, (_, i) => ({
      trial: i + 1,
      params: Object.fromEntries(names.map((name) => [name, randomValue(sweep.parameters[name], random)]))
    }));
  }
  const axes = names.map((name) => gridValues(sweep.parameters[name]));
  const size = axes.reduce((product, axis) => product * axis.length, 1);
  const limit = sweep["max-trials"] ?? MAX_TRIALS;
  if (size > limit) {
    throw new ConfigurationError(
      `the grid has ${size} trials (${names.map((n, i) => `${n}: ${axes[i].length}`).join(" \xD7 ")}), more than ${sweep["max-trials"] !== void 0 ? `max-trials (${limit})` : `GitHub's ${MAX_TRIALS} jobs per matrix`}: use fewer values, or method: random`,
      { input: "sweep" }
    );
  }
  const trials = [];
  for (let index = 0; index < size; index++) {
    let rest = index;
    const params = {};
    for (let a = axes.length - 1; a >= 0; a--) {
      params[names[a]] = axes[a][rest % axes[a].length];
      rest = Math.floor(rest / axes[a].length);
    }
    trials.push({ trial: index + 1, params: Object.fromEntries(names.map((n) => [n, params[n]])) });
  }
  return trials;
}
function sweepMatrix(sweep) {
  return { include: planSweep(sweep) };
}

// src/cli/commands/train.ts
function positiveNumberFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new ConfigurationError(`--${name} must be a number above 0, not "${value}"`, { input: name });
  return number;
}
function choiceFlag(value, name, choices, fallback) {
  const chosen = value ?? fallback;
  if (!choices.includes(chosen)) throw new ConfigurationError(`--${name} "${chosen}" is not one of ${choices.join(", ")}`, { input: name });
  return chosen;
}
var trainCommand = {
  name: "train",
  summary: "run a training command as a tracked run and write its run record",
  usage: `Usage: ghml train --command "<cmd>" --model <name> [options]

Runs the command (with bash, or sh) as a tracked run: parameters and seed go in, metrics come out,
and a run record (schemas/run-record.json) describes code, data, environment, GPUs and model.

The command sees:
  GHML_PARAMS          a JSON file of the parameters; each also as GHML_PARAM_<NAME>
  GHML_SEED            the seed
  GHML_METRICS         append one JSON object per line: {"step": 10, "loss": 0.31}
  GHML_FINAL_METRICS   write one JSON object of final values here (optional)
  GHML_MODEL_PATH      where to write the model (with --model-path)
  GHML_CHECKPOINT_DIR  where to keep checkpoints (with --checkpoint-dir)
  GHML_RUN_ID, GHML_MODEL

Options:
  --command <cmd>            the training command
  --model <name>             the model name runs are filed under
  --working-directory <dir>  where the command runs (default: here); the paths below are relative to it
  --model-path <path>        the model file the command writes; missing after success fails the run
  --params <file|text>       parameters, as a YAML/JSON file or inline JSON/YAML
  --seed <n>                 the seed (default 0)
  --data <path>              data the command reads, fingerprinted in the record; repeat for more
  --timeout-minutes <n>      stop the command after this long (fractions allowed)
  --require-gpu <n>          fail before starting unless n GPUs are visible
  --gpu-sample-seconds <n>   how often to sample nvidia-smi (default 5)
  --checkpoint-dir <dir>     restored before and saved after the run through --checkpoint-store
  --checkpoint-store <dir>   a directory that keeps checkpoints between runs
  --record-out <file>        where to write the run record (default: a temporary directory)
  --format <f>               text (default) or json (the run record)

Exit codes: 0 the run succeeded, 1 it failed, was cancelled or timed out, 2 usage or configuration error.`,
  options: {
    command: { type: "string" },
    model: { type: "string" },
    "working-directory": { type: "string" },
    "model-path": { type: "string" },
    params: { type: "string" },
    seed: { type: "string" },
    data: { type: "string", multiple: true },
    "timeout-minutes": { type: "string" },
    "require-gpu": { type: "string" },
    "gpu-sample-seconds": { type: "string" },
    "checkpoint-dir": { type: "string" },
    "checkpoint-store": { type: "string" },
    "record-out": { type: "string" },
    format: { type: "string" }
  },
  async run(args, io) {
    const format2 = choiceFlag(stringFlag(args, "format"), "format", ["text", "json"], "text");
    const workingDirectory = path6.resolve(io.cwd, stringFlag(args, "working-directory") ?? ".");
    const store = stringFlag(args, "checkpoint-store");
    const recordOut = stringFlag(args, "record-out");
    const result = await runTrain({
      command: requiredStringFlag(args, "command", 'give the command that trains the model, e.g. --command "python train.py"'),
      model: requiredStringFlag(args, "model", "name the model its runs are filed under"),
      workingDirectory,
      modelPath: stringFlag(args, "model-path"),
      params: await readParams(stringFlag(args, "params"), workingDirectory),
      seed: positiveIntegerFlag(stringFlag(args, "seed"), "seed") ?? 0,
      data: listFlag(args, "data"),
      timeoutMinutes: positiveNumberFlag(stringFlag(args, "timeout-minutes"), "timeout-minutes"),
      requireGpu: positiveIntegerFlag(stringFlag(args, "require-gpu"), "require-gpu") ?? 0,
      gpuSampleSeconds: positiveNumberFlag(stringFlag(args, "gpu-sample-seconds"), "gpu-sample-seconds") ?? 5,
      checkpointDir: stringFlag(args, "checkpoint-dir"),
      checkpointStore: store ? new DirectoryCheckpointStore(path6.resolve(io.cwd, store)) : void 0,
      recordOut: recordOut ? path6.resolve(io.cwd, recordOut) : void 0,
      scratchDirectory: path6.join(io.env.RUNNER_TEMP ?? tmpdir4(), "ghml"),
      env: io.env,
      cancellation: processSignals(),
      // Progress and the command's output go to stderr, so stdout holds only the result.
      log: {
        info: (message) => io.stderr(`${message}
`),
        warning: (message) => io.stderr(`warning: ${message}
`),
        output: (text) => io.stderr(text),
        startGroup: (title) => io.stderr(`${title}
`),
        endGroup: () => {
        }
      }
    });
    const { record } = result;
    if (format2 === "json") io.stdout(`${JSON.stringify(record, null, 2)}
`);
    else {
      const final = Object.entries(record.metrics.final).map(([name, value]) => `  ${name}: ${formatNumber(value)}`);
      io.stdout([verdictLine(record), `record: ${result.recordPath}`, ...final.length > 0 ? ["final metrics:", ...final] : []].join("\n") + "\n");
    }
    return record.status === "succeeded" ? ExitCode.ok : ExitCode.checkFailed;
  }
};
var trainPlanCommand = {
  name: "train plan",
  summary: "turn a sweep (search space) into a GitHub Actions matrix of trials",
  usage: `Usage: ghml train plan --sweep <file> [--out <file>]

Reads a sweep (YAML or JSON, see schemas/sweep.json) and prints the matrix of its trials as one
line of JSON, {"include": [{"trial": 1, "params": {...}}, ...]}, for a following job:

  strategy:
    matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
  ...
    with:
      params: \${{ toJSON(matrix.params) }}

Options:
  --sweep <file>   the sweep
  --out <file>     also write the matrix here

Exit codes: 0 planned, 2 usage or configuration error.`,
  options: {
    sweep: { type: "string" },
    out: { type: "string" }
  },
  async run(args, io) {
    const file = path6.resolve(io.cwd, requiredStringFlag(args, "sweep", "name the sweep file (see schemas/sweep.json)"));
    const matrix = sweepMatrix(await loadDocument(file, Sweep, "sweep", "sweep"));
    const json = JSON.stringify(matrix);
    const out = stringFlag(args, "out");
    if (out) await writeFileAtomic(path6.resolve(io.cwd, out), `${json}
`);
    io.stdout(`${json}
`);
    return ExitCode.ok;
  }
};
var trainSelectCommand = {
  name: "train select",
  summary: "pick the best of a sweep's runs by a metric and compare them",
  usage: `Usage: ghml train select --runs <file|dir>... --metric <name> --goal max|min [options]

Reads run records (files, or directories searched for them), ranks the succeeded runs by the final
value of the metric, and prints the best run, a comparison table and charts of the metric against
each numeric parameter (markdown), or all of it as JSON.

Options:
  --runs <path>     a run record or a directory of them; repeat for more
  --metric <name>   the final metric to rank by (default: the sweep's metric, with --sweep)
  --goal <g>        max or min (default: the sweep's goal, or max)
  --sweep <file>    take the metric and goal from this sweep
  --format <f>      markdown (default) or json
  --out <file>      also write the output here

Exit codes: 0 a best run was found, 1 no run has the metric, 2 usage or configuration error.`,
  options: {
    runs: { type: "string", multiple: true },
    metric: { type: "string" },
    goal: { type: "string" },
    sweep: { type: "string" },
    format: { type: "string" },
    out: { type: "string" }
  },
  async run(args, io) {
    const format2 = choiceFlag(stringFlag(args, "format"), "format", ["markdown", "json"], "markdown");
    const sweepFile = stringFlag(args, "sweep");
    const sweep = sweepFile ? await loadDocument(path6.resolve(io.cwd, sweepFile), Sweep, "sweep", "sweep") : void 0;
    const metric = stringFlag(args, "metric") ?? sweep?.metric?.name;
    if (!metric) throw new ConfigurationError("--metric is required (or a --sweep with a metric): name the final metric to rank runs by", { input: "metric" });
    const goal = choiceFlag(stringFlag(args, "goal"), "goal", ["max", "min"], sweep?.metric?.goal ?? "max");
    const { runs, skipped } = await loadRunRecords(listFlag(args, "runs").map((p) => path6.resolve(io.cwd, p)));
    if (skipped.length > 0) io.stderr(`skipped ${skipped.length} JSON file${skipped.length === 1 ? "" : "s"} that are not run records
`);
    const selection = selectBest(runs, metric, goal);
    const text = format2 === "json" ? `${JSON.stringify(selectionJson(selection), null, 2)}
` : renderSelection(selection);
    const out = stringFlag(args, "out");
    if (out) await writeFileAtomic(path6.resolve(io.cwd, out), text);
    io.stdout(text);
    return selection.best ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/cli/commands/index.ts
var commands = [validateDataCommand, profileInferCommand, profileMergeCommand, driftCheckCommand, evaluateCommand, trainCommand, trainPlanCommand, trainSelectCommand, registerCommand, promoteCommand, rollbackCommand, ...registryCommands, sandboxCommand, appCommand];

// src/cli/run.ts
function helpText(commands2) {
  const width = Math.max(...commands2.map((c) => c.name.length));
  return [
    "Usage: ghml <command> [options]",
    "",
    "Commands:",
    ...commands2.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `ghml <command> --help` for a command's options.",
    "Exit codes: 0 ok, 1 the check failed, 2 usage or configuration error.",
    ""
  ].join("\n");
}
function findCommand(argv, commands2) {
  const sorted = [...commands2].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const command of sorted) {
    const words = command.name.split(" ");
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return void 0;
}
async function runCli(argv, io, commands2) {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout(helpText(commands2));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const found = findCommand(argv, commands2);
  if (!found) {
    io.stderr(`ghml: unknown command "${argv.join(" ")}". Run \`ghml --help\` for the list.
`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage.trimEnd()}
`);
    return ExitCode.ok;
  }
  try {
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (isUserFacing(error)) {
      io.stderr(`ghml ${command.name}: ${error.message}
`);
    } else {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      io.stderr(`ghml ${command.name}: internal error (please report it): ${detail}
`);
    }
    return exitCodeFor(error);
  }
}

// src/cli/main.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env
}, commands);
