import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DEFAULT_LOG_OPTIONS,
  DeployStrategy,
  DeployTarget,
  HttpError,
  LoadVersionRequest,
  Metrics,
  OutputIncident,
  PredictionLog,
  RolloutSettings,
  Routing,
  SHADOW_ROUTE,
  ServedVersion,
  ServedVersionLabel,
  chooseTarget,
  deployVerdict,
  fetchModelPackage,
  parseJson,
  readBody,
  renderDeployMarkdown,
  repairLogDirectory,
  runDeploy,
  sendError,
  sendJson
} from "./chunks/chunk-2PSO6BWA.js";
import {
  renderMarkdown,
  renderText,
  runValidateData
} from "./chunks/chunk-OJGLWZVN.js";
import {
  DirectoryCheckpointStore,
  formatNumber,
  formatValue,
  lineChart,
  processSignals,
  readParams,
  runTrain,
  verdictLine
} from "./chunks/chunk-35CPE6X6.js";
import {
  runDriftCheck
} from "./chunks/chunk-IGLYFWKQ.js";
import {
  renderDriftMarkdown,
  renderDriftText
} from "./chunks/chunk-K5XIV3KO.js";
import "./chunks/chunk-4PYNN2NM.js";
import {
  runRegister
} from "./chunks/chunk-TGBTPRDI.js";
import {
  formatMetric,
  runPromote,
  runRollback
} from "./chunks/chunk-AYBNY4EZ.js";
import {
  RegistryBaseline,
  isRegistryReference,
  renderEvaluationMarkdown,
  renderEvaluationText,
  runEvaluate
} from "./chunks/chunk-ATASOFG5.js";
import {
  downloadPackage
} from "./chunks/chunk-NVCOGM22.js";
import {
  inferContract
} from "./chunks/chunk-JVYJN4TL.js";
import {
  ColumnProfiler,
  buildProfile
} from "./chunks/chunk-IXV2PRMA.js";
import {
  checkDataFiles,
  isRecord,
  writeFileAtomic,
  writeJson
} from "./chunks/chunk-3C6XEXBA.js";
import {
  GitHubReleases
} from "./chunks/chunk-WFSC643H.js";
import {
  DataProfile,
  DriftMethod,
  GitHubDeploymentHistory,
  GitHubPolicySource,
  GitHubPullRequests,
  GitHubRegistryStore,
  POLICY_PATH,
  Registry,
  RunRecord,
  checkModelName,
  checkStageName,
  createOctokit,
  driftMethods,
  explainGitHubError,
  formatReference,
  parseModelReference,
  parseVersion,
  registryBranchOf,
  targetFromEnvironment
} from "./chunks/chunk-GDY5R3NU.js";
import "./chunks/chunk-LXMZJXHC.js";
import {
  DataContract,
  external_exports,
  loadDocument,
  parseDuration,
  table
} from "./chunks/chunk-FKGEWHBH.js";
import {
  require_dist
} from "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-5ISKAEX6.js";
import "./chunks/chunk-ZA5F3PVO.js";
import "./chunks/chunk-UG77MLVE.js";
import {
  sha256Hex
} from "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-OAZXE34L.js";
import "./chunks/chunk-OT3JI4UD.js";
import {
  ConfigurationError,
  ExitCode,
  exitCodeFor,
  isUserFacing
} from "./chunks/chunk-L374PU5G.js";
import {
  __toESM
} from "./chunks/chunk-XKNLEOOD.js";

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
manifest app/app.yml (Probot reads app.yml from the current directory: run it from app/). See docs/app.md for the permissions.
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
    const [{ run }, { default: ghmlApp }] = await Promise.all([import("./chunks/lib-VOGEBZEP.js"), import("./app.js")]);
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

// src/cli/commands/demo.ts
import { existsSync } from "node:fs";
import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

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
function choiceFlag(args, name, choices) {
  const value = stringFlag(args, name);
  if (value === void 0) return void 0;
  if (!choices.includes(value)) throw new ConfigurationError(`--${name} "${value}" is not one of ${choices.join(", ")}`, { input: name });
  return value;
}
function wholeNumberFlag(args, name, min = 0) {
  const value = stringFlag(args, name);
  if (value === void 0) return void 0;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigurationError(`--${name} must be a whole number, not "${value}"`, { input: name });
  if (number < min) throw new ConfigurationError(`--${name} must be at least ${min}, not ${number}`, { input: name });
  return number;
}
var outputFormats = ["text", "json", "markdown"];
function commaListFlag(args, name) {
  return stringFlag(args, name)?.split(",").map((item) => item.trim()).filter(Boolean);
}

// src/cli/commands/demo.ts
var demoCommand = {
  name: "demo",
  summary: "run the whole loop on a local GitHub: validate, train, evaluate, register, promote, deploy, drift, retrain",
  usage: `Usage: ghml demo [--dir <dir>] [--keep]

Starts the sandbox (a local GitHub) and the ghml app in this process, seeds a repository with
examples/seattle-weather, and runs the loop with the bundled Actions as a runner runs them:
validate-data \u2192 train \u2192 evaluate \u2192 register v1 \u2192 promotion pull request \u2192 approvals \u2192 merge \u2192
deployment \u2192 ghml serve \u2192 production (quorum) \u2192 v2 on more data \u2192 evaluation against v1 \u2192
canary rollout under live traffic \u2192 2015's weather replayed \u2192 drift-check \u2192 drift issue \u2192
/ghml retrain. Each step prints one line with what was checked and where to look. Needs no
network; needs the project's development dependencies (npm ci).

Options:
  --dir <dir>   where the sandbox, the runner's workspace, the prediction logs and the report go
                (default: a new temporary directory); it must be empty or new
  --keep        leave the sandbox, the app and the servers running after the loop, to look around
                with \`ghml registry \u2026 --repo \u2026 --api-url \u2026\` and the printed URLs; Ctrl+C stops

The report is written to <dir>/report/demo.md and demo.html.

Exit codes: 0 the loop completed, 1 a step did not end as it should, 2 usage error.`,
  options: { dir: { type: "string" }, keep: { type: "boolean" } },
  async run(args, io) {
    const requested = stringFlag(args, "dir");
    const directory = requested === void 0 ? await mkdtemp(path.join(tmpdir(), "ghml-demo-")) : path.resolve(io.cwd, requested);
    if (requested !== void 0 && existsSync(directory)) {
      if (!(await stat(directory)).isDirectory()) throw new ConfigurationError(`--dir ${requested} is not a directory: give a new or empty directory`, { input: "dir" });
      if ((await readdir(directory)).length > 0) throw new ConfigurationError(`--dir ${requested} is not empty: give a new or empty directory`, { input: "dir" });
    }
    const { runDemo, DemoFailure } = await import("./chunks/demo-CYRYND6V.js");
    const say = (line) => io.stdout(`${line}
`);
    try {
      const result = await runDemo({
        directory,
        say,
        keep: args.values.keep === true ? async (world) => {
          say("");
          say(`The sandbox stays up: ${world.sandboxUrl} (API ${world.apiUrl}, repository ${world.repository}).`);
          for (const server of world.servers) say(`  ghml serve for ${server.environment}: ${server.url}`);
          say(`  for example: GITHUB_TOKEN=${world.tokens.alice} npx ghml registry list --repo ${world.repository} --api-url ${world.apiUrl}`);
          say("Press Ctrl+C to stop.");
          await new Promise((resolve) => {
            process.once("SIGINT", resolve);
            process.once("SIGTERM", resolve);
          });
        } : void 0
      });
      say("");
      say(`The loop completed: ${result.steps.length} steps in ${result.seconds.toFixed(1)} s. Report: ${result.markdownReport} and ${result.htmlReport}`);
      return ExitCode.ok;
    } catch (error) {
      if (error instanceof DemoFailure) {
        io.stderr(`ghml demo: ${error.message}
(everything is kept in ${directory})
`);
        return ExitCode.checkFailed;
      }
      throw error;
    }
  }
};

// src/cli/commands/deploy.ts
import { tmpdir as tmpdir3 } from "node:os";
import path4 from "node:path";

// src/cli/commands/registry.ts
import path3 from "node:path";

// src/registry/local-git-store.ts
import { execFile } from "node:child_process";
import { mkdtemp as mkdtemp2, rm } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path2 from "node:path";
var ZERO = "0".repeat(40);
var LocalGitRegistryStore = class _LocalGitRegistryStore {
  constructor(location, gitDir) {
    this.location = location;
    this.gitDir = gitDir;
  }
  location;
  gitDir;
  static async open(repository) {
    const resolved = path2.resolve(repository);
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
    const scratch = await mkdtemp2(path2.join(tmpdir2(), "ghml-registry-index-"));
    const env = { GIT_INDEX_FILE: path2.join(scratch, "index") };
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
    const repository = path3.resolve(io.cwd, local);
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
  return new Registry(connection.store, await registryBranchOf(connection.policy, connection.registryBranch));
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
  return choiceFlag(args, "format", ["text", "json"]) ?? "text";
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
    const [given] = args.positionals;
    if (!given || args.positionals.length > 1) throw new ConfigurationError("give one model name", { input: "model" });
    const model = checkModelName(given);
    const stageFlag = stringFlag(args, "stage");
    const stage = stageFlag === void 0 ? void 0 : checkStageName(stageFlag);
    const limit = wholeNumberFlag(args, "limit", 1) ?? 50;
    return withConnection(args, io, async (connection) => {
      const registry = await openRegistry(connection);
      await registry.requireModel(await registry.snapshot(), model);
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
      const { files } = await downloadPackage(record, connection.releases, path3.resolve(io.cwd, out));
      io.stdout(`${formatReference(reference)} is ${record.model} v${record.version}: ${files.length} files verified against package sha256:${record.package.digest}
`);
      for (const file of files) io.stdout(`  ${file.path}  ${file.size.toLocaleString("en-US")} bytes  sha256:${file.sha256}
`);
      return ExitCode.ok;
    });
  }
};
var registryCommands = [registryListCommand, registryShowCommand, registryHistoryCommand, registryGetCommand];

// src/cli/commands/deploy.ts
var rolloutFlags = ["canary-steps", "step-duration", "max-error-rate", "max-p95-ms", "min-requests", "shadow-percent"];
var deployCommand = {
  name: "deploy",
  summary: "roll a registered version out to ghml serve, a batch of predictions or your command, with rollback",
  usage: `Usage: ghml deploy <model>@v<N>|<model>@<stage> --environment <name> [options] [where]

Downloads the version's package from its release, verifies every digest, smoke-tests it and rolls
it out; on a failed smoke test or a breached canary limit it rolls back. The deploy Action does the
same and reports on the GitHub Deployment (see actions/deploy/README.md); this command only prints.

Target (default: batch for --strategy batch, command with --command, else serve):
  --target <t>               serve, batch or command
  --strategy <s>             ${DeployStrategy.options.join(", ")} (default blue-green)
  --environment <name>       the environment deployed to, for the report

serve (a running ghml serve; its admin token in GHML_ADMIN_TOKEN):
  --server-url <url>         e.g. http://127.0.0.1:8080
  --canary-steps <list>      percentages rising to 100 (default 10,50,100)
  --step-duration <dur>      how long each canary or shadow step is watched (default 60s)
  --max-error-rate <r>       largest share of 5xx answers in a step (default 0.01)
  --max-p95-ms <ms>          largest 95th-percentile latency in a step (default 250)
  --min-requests <n>         fewer requests in a step give no verdict (default 50)
  --shadow-percent <p>       share of requests mirrored to a shadow (default 100)

batch:
  --batch-data <file>        data to score (repeat for several files)
  --batch-output <file>      predictions: .jsonl (the prediction log's layout) or .csv

command:
  --command <cmd>            shell command given GHML_MODEL_PATH, GHML_MODEL_VERSION, \u2026
  --rollback-command <cmd>   run when the command fails

Also:
  --smoke-rows <file>        rows for the smoke test (default: from the version's data profile or contract)
  --work-dir <dir>           where the package is downloaded (default: a temporary directory)
  --report-out <file>        write the deploy report (JSON) here
  --format <f>               text (default), json or markdown

${connectionUsage}

Exit codes: 0 deployed, 1 rolled back or refused, 2 usage or configuration error.`,
  options: {
    ...connectionOptions,
    target: { type: "string" },
    strategy: { type: "string" },
    environment: { type: "string" },
    "server-url": { type: "string" },
    ...Object.fromEntries(rolloutFlags.map((name) => [name, { type: "string" }])),
    "batch-data": { type: "string", multiple: true },
    "batch-output": { type: "string" },
    command: { type: "string" },
    "rollback-command": { type: "string" },
    "smoke-rows": { type: "string" },
    "work-dir": { type: "string" },
    "report-out": { type: "string" },
    format: { type: "string" }
  },
  allowPositionals: true,
  async run(args, io) {
    const [text] = args.positionals;
    if (!text || args.positionals.length > 1) throw new ConfigurationError("give one model with a version or a stage, e.g. churn@v4 or churn@production", { input: "model" });
    const reference = parseModelReference(text);
    if (reference.kind === "latest") throw new ConfigurationError(`say which version of ${reference.model} to deploy: ${reference.model}@v<N> or ${reference.model}@<stage>`, { input: "model" });
    const environment = requiredStringFlag(args, "environment", "the environment deployed to, e.g. production");
    const strategy = choiceFlag(args, "strategy", DeployStrategy.options) ?? "blue-green";
    const format2 = choiceFlag(args, "format", ["text", "json", "markdown"]) ?? "text";
    const rawSettings = Object.fromEntries(rolloutFlags.flatMap((name) => stringFlag(args, name) === void 0 ? [] : [[name, stringFlag(args, name)]]));
    const parsed = RolloutSettings.safeParse(rawSettings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigurationError(`--${String(issue.path[0])} ${issue.message}`, { input: String(issue.path[0]) });
    }
    const settings = parsed.data;
    const resolve = (file) => path4.resolve(io.cwd, file);
    const batchData = listFlag(args, "batch-data").map(resolve);
    const batchOutput = stringFlag(args, "batch-output");
    const command = stringFlag(args, "command");
    const serverUrl = stringFlag(args, "server-url");
    const target = chooseTarget({ target: choiceFlag(args, "target", DeployTarget.options), strategy, serverUrl, batchData, batchOutput, command });
    const adminToken = io.env.GHML_ADMIN_TOKEN;
    if (target === "serve" && !adminToken) throw new ConfigurationError("the serve target needs the server's admin token in GHML_ADMIN_TOKEN", { input: "GHML_ADMIN_TOKEN" });
    return withConnection(args, io, async (connection) => {
      if (!connection.releases) throw new ConfigurationError("packages are release assets on GitHub: deploy needs --repo (or GITHUB_REPOSITORY), not --local", { input: "local" });
      const report = await runDeploy({
        reference,
        environment,
        strategy,
        target,
        workDirectory: resolve(stringFlag(args, "work-dir") ?? path4.join(tmpdir3(), "ghml-deploy")),
        smokeRowsFile: stringFlag(args, "smoke-rows") && resolve(stringFlag(args, "smoke-rows")),
        serve: target === "serve" ? { url: serverUrl, adminToken, canarySteps: settings["canary-steps"], shadowPercent: settings["shadow-percent"], stepMs: settings["step-duration"], thresholds: { maxErrorRate: settings["max-error-rate"], maxP95Ms: settings["max-p95-ms"], minRequests: settings["min-requests"] } } : void 0,
        batch: target === "batch" ? { data: batchData, output: resolve(batchOutput) } : void 0,
        command: target === "command" ? { run: command, rollback: stringFlag(args, "rollback-command"), cwd: io.cwd } : void 0,
        log: (message) => io.stderr(`${message}
`)
      }, { packages: { registry: await openRegistry(connection), releases: connection.releases } });
      const reportOut = stringFlag(args, "report-out");
      if (reportOut) await writeJson(resolve(reportOut), report);
      if (format2 === "json") io.stdout(`${JSON.stringify(report, null, 2)}
`);
      else if (format2 === "markdown") io.stdout(renderDeployMarkdown(report));
      else io.stdout(`${deployVerdict(report)}
`);
      return report.result === "succeeded" ? ExitCode.ok : ExitCode.checkFailed;
    });
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
    const format2 = choiceFlag(args, "format", outputFormats) ?? "text";
    const reference = listFlag(args, "reference");
    if (reference.length === 0) throw new ConfigurationError("--reference is required: reference data files or a data profile (.json)", { input: "reference" });
    const minRows = wholeNumberFlag(args, "min-rows", 1);
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

// src/cli/commands/evaluate.ts
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
    const format2 = choiceFlag(args, "format", outputFormats) ?? "text";
    const minSliceSize = wholeNumberFlag(args, "min-slice-size", 1);
    const baseline = stringFlag(args, "baseline");
    const connection = baseline !== void 0 && isRegistryReference(baseline) ? await connect(args, io) : void 0;
    if (connection && !connection.releases) throw new ConfigurationError("a model@alias baseline downloads the champion from its release: give --repo (releases are on GitHub), not --local", { input: "baseline" });
    const registryBaseline = connection ? new RegistryBaseline(await openRegistry(connection), connection.releases) : void 0;
    const report = await runEvaluate({
      model: requiredStringFlag(args, "model", "the .onnx model to evaluate"),
      data: listFlag(args, "data"),
      label: requiredStringFlag(args, "label", "the label column"),
      task: choiceFlag(args, "task", ["classification", "regression"]),
      positiveLabel: stringFlag(args, "positive-label"),
      classes: commaListFlag(args, "classes"),
      baseline,
      registry: registryBaseline,
      thresholds: stringFlag(args, "thresholds"),
      sliceColumns: commaListFlag(args, "slice-columns"),
      minSliceSize,
      features: commaListFlag(args, "features"),
      contract: stringFlag(args, "contract"),
      referencePredictions: stringFlag(args, "reference-predictions"),
      parityTolerance: toleranceFlag(stringFlag(args, "parity-tolerance")),
      bootstrap: wholeNumberFlag(args, "bootstrap"),
      executionProvider: choiceFlag(args, "execution-provider", ["cpu", "cuda"]),
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
import { tmpdir as tmpdir4 } from "node:os";
import path5 from "node:path";
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
    const resolve = (file) => file === void 0 ? void 0 : path5.resolve(io.cwd, file);
    return withConnection(args, io, async (connection) => {
      if (!connection.releases || !connection.target) throw new ConfigurationError("register publishes the package as a GitHub release: give --repo (or GITHUB_REPOSITORY), not --local", { input: "local" });
      const { target } = connection;
      const result = await runRegister({
        model,
        modelFiles: listFlag(args, "model-file").map((file) => path5.resolve(io.cwd, file)),
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
        partSize: wholeNumberFlag(args, "part-size"),
        scratchDirectory: path5.join(tmpdir4(), "ghml-register"),
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
import { existsSync as existsSync2 } from "node:fs";
import { mkdtemp as mkdtemp3, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir5 } from "node:os";
import path6 from "node:path";
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
    if (seed !== void 0 && !existsSync2(path6.resolve(io.cwd, seed))) throw new ConfigurationError(`--seed ${seed} does not exist; give a directory of files`, { input: "seed" });
    const webhookUrl = webhookUrlFlag(stringFlag(args, "webhook-url"));
    const webhookSecret = stringFlag(args, "webhook-secret") ?? randomBytes(16).toString("hex");
    const { startSandbox } = await import("./chunks/sandbox-4THSSSFK.js");
    const sandbox = await startSandbox({ port, seed: seed === void 0 ? void 0 : path6.resolve(io.cwd, seed), webhook: { url: webhookUrl, secret: webhookSecret } });
    const keyDir = await mkdtemp3(path6.join(tmpdir5(), "ghml-sandbox-app-"));
    const keyFile = path6.join(keyDir, "app.pem");
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

// src/cli/commands/serve.ts
import { stat as stat2 } from "node:fs/promises";
import { tmpdir as tmpdir7 } from "node:os";
import path9 from "node:path";

// src/steps/serve.ts
import { mkdtemp as mkdtemp4, rm as rm3 } from "node:fs/promises";
import { tmpdir as tmpdir6 } from "node:os";
import path8 from "node:path";

// src/serve/access.ts
function parseTokens(text, variable) {
  const tokens = (text ?? "").split(",").map((token) => token.trim()).filter(Boolean);
  const short = tokens.filter((token) => token.length < 16);
  if (short.length > 0) throw new ConfigurationError(`${variable} holds ${short.length} token(s) shorter than 16 characters: use long random tokens (openssl rand -hex 32)`, { input: variable });
  return tokens;
}
var Access = class {
  clients = /* @__PURE__ */ new Map();
  admin;
  constructor(clientTokens, adminToken) {
    clientTokens.forEach((token, index) => this.clients.set(sha256Hex(token), `token-${index + 1}`));
    this.admin = adminToken === null ? null : sha256Hex(adminToken);
  }
  /** No client tokens: anyone who reaches the server may call the models. */
  get open() {
    return this.clients.size === 0;
  }
  get adminEnabled() {
    return this.admin !== null;
  }
  /**
   * The caller a request's Authorization header names; null for a token that is not known. On an
   * open server every request is let in, known by its address unless it carries the admin token.
   */
  identify(authorization, address) {
    const match = authorization === void 0 ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const presented = match ? sha256Hex(match[1]) : null;
    if (presented !== null && presented === this.admin) return { kind: "admin", id: "admin" };
    if (this.open) return { kind: "anonymous", id: address };
    const client = presented === null ? void 0 : this.clients.get(presented);
    return client ? { kind: "client", id: client } : null;
  }
};
var Throttle = class {
  constructor(rate, burst, now = () => performance.now()) {
    this.rate = rate;
    this.burst = burst;
    this.now = now;
  }
  rate;
  burst;
  now;
  buckets = /* @__PURE__ */ new Map();
  lastSweep = 0;
  /** 0 when the request may go ahead; else the seconds until it could (for Retry-After). */
  take(client) {
    if (this.rate <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      this.sweep(now);
      this.buckets.set(client, bucket = { tokens: this.burst, updated: now });
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updated) / 1e3 * this.rate);
      bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.rate;
  }
  /** Forgets clients whose buckets have filled up again: they are as new, and the map stays small. */
  sweep(now) {
    if (now - this.lastSweep < 1e4) return;
    this.lastSweep = now;
    const full = this.burst / this.rate * 1e3;
    for (const [client, bucket] of this.buckets) if (now - bucket.updated > full) this.buckets.delete(client);
  }
};

// src/serve/server.ts
import { randomBytes as randomBytes2, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { writeFile as writeFile2 } from "node:fs/promises";
import path7 from "node:path";

// src/serve/routing.ts
function route(table2, random = Math.random) {
  const { routing, versions } = table2;
  const canary = routing.canary && routing.canary.percent > 0 && random() * 100 < routing.canary.percent ? versions.get(routing.canary.version) : void 0;
  const version = canary ?? versions.get(routing.primary);
  const shadow = routing.shadow && routing.shadow.percent > 0 && random() * 100 < routing.shadow.percent ? versions.get(routing.shadow.version) ?? null : null;
  return { version, route: canary ? "canary" : "primary", shadow };
}
function unloadedVersions(routing, versions) {
  return [...routedVersions(routing)].filter((version) => !versions.has(version));
}
function routedVersions(routing) {
  return new Set([routing.primary, routing.canary?.version, routing.shadow?.version].filter((version) => version !== void 0));
}
function roles(table2) {
  const { routing } = table2;
  const canaryPercent = routing.canary?.percent ?? 0;
  return [...table2.versions.keys()].map((version) => {
    if (version === routing.primary) return { version, role: "primary", percent: 100 - canaryPercent };
    if (version === routing.canary?.version) return { version, role: "canary", percent: canaryPercent };
    if (version === routing.shadow?.version) return { version, role: "shadow", percent: routing.shadow.percent };
    return { version, role: "standby", percent: 0 };
  });
}

// src/serve/server.ts
var RECENT_INCIDENTS = 20;
var PredictionServer = class _PredictionServer {
  constructor(options) {
    this.options = options;
    const table2 = /* @__PURE__ */ new Map();
    for (const version of options.versions) {
      if (table2.has(version.model)) throw new ConfigurationError(`model "${version.model}" is given twice: serve one version per model and load others through the admin API`, { input: "model" });
      table2.set(version.model, { name: version.model, versions: /* @__PURE__ */ new Map([[version.version, version]]), routing: { primary: version.version, canary: null, shadow: null } });
    }
    this.table = table2;
    this.throttle = new Throttle(options.throttle.rate, options.throttle.burst);
    const onLogError = (error) => options.say(`the prediction log could not be written: ${error.message}`);
    this.log = options.log ? new PredictionLog({ ...options.log, stream: "predictions" }, onLogError) : null;
    this.shadowLog = options.log ? new PredictionLog({ ...options.log, stream: "shadow" }, onLogError) : null;
    this.server = createServer({ keepAliveTimeout: 5e3, requestTimeout: 6e4 }, (request, response) => this.handle(request, response));
  }
  options;
  table;
  metrics = new Metrics();
  throttle;
  server;
  log;
  shadowLog;
  incidents = [];
  startedAt = /* @__PURE__ */ new Date();
  inFlight = 0;
  shadowsInFlight = 0;
  idle;
  /** Set from the start of a shutdown: not ready, and every answer closes its connection. */
  draining = false;
  finishGrace;
  closing;
  adminQueue = Promise.resolve();
  /**
   * Request ids the server gives: a random prefix per start and a counter, unique without the cost
   * of a UUID per request and a third of its length on every log line.
   */
  requestIdPrefix = randomBytes2(4).toString("hex");
  requestCount = 0;
  callers = /* @__PURE__ */ new WeakMap();
  url = "";
  static async start(options) {
    if (options.log) {
      for (const repaired of await repairLogDirectory(options.log.directory)) {
        options.say(`cut a partial last line (${repaired.bytes} bytes, from a write cut short) off ${repaired.file}`);
      }
    }
    const server = new _PredictionServer(options);
    await new Promise((resolve, reject) => {
      server.server.once("error", reject);
      server.server.listen(options.port, options.host, () => {
        server.server.off("error", reject);
        resolve();
      });
    });
    const address = server.server.address();
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    server.url = `http://${host}:${address.port}`;
    return server;
  }
  /** Every request ends in exactly one `reply` or `fail`, which counts it out of the requests in flight. */
  handle(request, response) {
    this.inFlight++;
    const exchange = { request, response, started: performance.now(), route: "not_found", model: "", version: "", rows: 0, answered: false };
    this.dispatch(exchange).catch((error) => this.fail(exchange, error));
  }
  answered(exchange) {
    if (exchange.answered) return false;
    exchange.answered = true;
    this.inFlight--;
    this.checkIdle();
    return true;
  }
  reply(exchange, status, body, headers = {}, contentType = "application/json") {
    if (!this.answered(exchange)) return;
    const { response } = exchange;
    const extra = this.draining ? { connection: "close", ...headers } : headers;
    if (contentType === "application/json") sendJson(response, status, body, extra);
    else {
      response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...extra });
      response.end(body);
    }
    this.metrics.record(exchange.route, exchange.model, exchange.version, status, (performance.now() - exchange.started) / 1e3, status < 400 ? exchange.rows : 0);
  }
  fail(exchange, error) {
    if (!this.answered(exchange)) {
      if (!(error instanceof HttpError)) this.options.say(`error after the answer to ${exchange.request.method} ${exchange.request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let failure;
    if (error instanceof HttpError) failure = error;
    else {
      this.options.say(`internal error on ${exchange.request.method} ${exchange.request.url}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      failure = new HttpError(500, "internal error: the server failed to answer; it has been logged");
    }
    const { response } = exchange;
    const headers = { ...failure.headers };
    if (failure.status === 413) headers.connection = "close";
    if (this.draining) headers.connection = "close";
    sendError(response, failure, headers);
    this.metrics.record(exchange.route, exchange.model, exchange.version, failure.status, (performance.now() - exchange.started) / 1e3, 0);
  }
  recordIncident(model, version, requestId, error) {
    const incident = { id: randomUUID(), time: (/* @__PURE__ */ new Date()).toISOString(), model, version, requestId, reason: error.message };
    this.incidents.push(incident);
    if (this.incidents.length > RECENT_INCIDENTS) this.incidents.shift();
    this.metrics.incident(model, version);
    this.options.say(`incident ${incident.id}: ${model} v${version} gave no valid answer (${error.message}); the client got a 500`);
    return new HttpError(500, `${model} v${version} failed to give a valid answer; incident ${incident.id} is logged`, { incident: incident.id });
  }
  async dispatch(exchange) {
    const { request } = exchange;
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query < 0 ? url : url.slice(0, query);
    let parts;
    try {
      parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new HttpError(400, `the path ${pathname} is not valid percent-encoding`);
    }
    const method = request.method ?? "GET";
    if (parts[0] === "v2" && parts[1] === "health" && parts.length === 3) {
      exchange.route = `health_${parts[2]}`;
      this.allow(method, ["GET"]);
      if (parts[2] === "live") return this.reply(exchange, 200, JSON.stringify({ live: true }));
      if (parts[2] === "ready") return this.reply(exchange, this.ready ? 200 : 503, JSON.stringify({ ready: this.ready }));
    }
    if (parts.length === 1 && parts[0] === "metrics") {
      exchange.route = "metrics";
      this.allow(method, ["GET"]);
      return this.reply(exchange, 200, this.renderMetrics(), {}, "text/plain; version=0.0.4; charset=utf-8");
    }
    if (parts[0] === "admin") {
      exchange.route = "admin";
      return this.admin(exchange, parts.slice(1), method);
    }
    const caller = this.authorize(exchange);
    if (parts[0] === "v2" && parts.length === 1) {
      exchange.route = "server_metadata";
      this.allow(method, ["GET"]);
      return this.reply(exchange, 200, JSON.stringify({ name: "ghml", version: "1", extensions: [] }));
    }
    if ((parts[0] === "v2" || parts[0] === "v1") && parts[1] === "models" && parts.length >= 3) {
      const model = parts[2];
      let rest = parts.slice(3);
      let pinned;
      if (rest[0] === "versions" && rest.length >= 2) {
        pinned = rest[1];
        rest = rest.slice(2);
      }
      const action = rest.length === 0 ? "metadata" : rest.length === 1 ? rest[0] : "";
      const known = parts[0] === "v2" ? ["metadata", "ready", "infer"] : ["predict"];
      if (known.includes(action)) {
        exchange.route = action;
        this.checkThrottle(caller);
        return this.modelRoute(exchange, action, model, pinned, method);
      }
    }
    throw new HttpError(404, `no route ${method} ${pathname}: see docs/serve.md for the routes (inference: POST /v2/models/<model>/infer)`);
  }
  allow(method, methods) {
    if (!methods.includes(method)) throw new HttpError(405, `use ${methods.join(" or ")} here`, {}, { allow: methods.join(", ") });
  }
  authorize(exchange) {
    const { socket, headers } = exchange.request;
    const authorization = headers.authorization;
    const known = this.callers.get(socket);
    if (known && known.authorization === authorization) return known.caller;
    const caller = this.options.access.identify(authorization, socket.remoteAddress ?? "unknown");
    if (caller) {
      this.callers.set(socket, { authorization, caller });
      return caller;
    }
    this.metrics.unauthorized++;
    const given = exchange.request.headers.authorization !== void 0;
    throw new HttpError(401, given ? "the bearer token is not valid here" : "this server needs a bearer token: send Authorization: Bearer <token>", {}, { "www-authenticate": 'Bearer realm="ghml"' });
  }
  checkThrottle(caller) {
    const wait = this.throttle.take(caller.id);
    if (wait === 0) return;
    this.metrics.throttled++;
    const seconds = Math.max(1, Math.ceil(wait));
    throw new HttpError(429, `too many requests from this client: try again in ${seconds} s`, {}, { "retry-after": String(seconds) });
  }
  modelTable(model) {
    const table2 = this.table.get(model);
    if (!table2) throw new HttpError(404, `no model "${model}" here: this server serves ${[...this.table.keys()].map((name) => `"${name}"`).join(", ") || "no models"}`);
    return table2;
  }
  async modelRoute(exchange, action, model, pinned, method) {
    const table2 = this.modelTable(model);
    exchange.model = model;
    if (pinned !== void 0 && !table2.versions.has(pinned)) {
      throw new HttpError(404, `${model} has no version "${pinned}" loaded: loaded are ${[...table2.versions.keys()].join(", ")}`);
    }
    if (action === "metadata" || action === "ready") {
      this.allow(method, ["GET"]);
      const version2 = table2.versions.get(pinned ?? table2.routing.primary);
      exchange.version = version2.version;
      if (action === "ready") return this.reply(exchange, 200, JSON.stringify({ name: model, version: version2.version, ready: !this.draining }));
      return this.reply(exchange, 200, JSON.stringify(version2.metadata([...table2.versions.keys()])));
    }
    this.allow(method, ["POST"]);
    const body = parseJson(await readBody(exchange.request, this.options.maxBodyBytes));
    const current = this.modelTable(model);
    const routed = pinned !== void 0 ? { version: current.versions.get(pinned), route: "pinned", shadow: null } : route(current);
    if (!routed.version) throw new HttpError(404, `${model} v${pinned} was unloaded while the request arrived`);
    const version = routed.version;
    exchange.version = version.version;
    const requestId = this.requestId(exchange.request, body);
    const prepared = action === "infer" ? version.prepareTensors(body) : version.prepareRows(body);
    let prediction;
    try {
      prediction = await version.predict(prepared);
    } catch (error) {
      if (error instanceof OutputIncident) throw this.recordIncident(model, version.version, requestId, error);
      throw error;
    }
    const answer = action === "infer" ? version.inferResponse(prediction, requestId, isRecord(body) ? body.outputs : void 0) : version.rowsResponse(prediction, requestId);
    exchange.rows = prediction.rows;
    const latencyMs = performance.now() - exchange.started;
    this.reply(exchange, 200, answer);
    this.log?.append(prediction.rows, (buffer) => version.writeLogLines(buffer, prepared, prediction, { time: Date.now() - latencyMs, requestId, route: routed.route, latencyMs }));
    if (routed.shadow && routed.shadow !== version) this.mirror(routed.shadow, action, body, requestId);
  }
  requestId(request, body) {
    if (isRecord(body) && typeof body.id === "string" && body.id.length > 0 && body.id.length <= 128) return body.id;
    const header = request.headers["x-request-id"];
    if (typeof header === "string" && header.length > 0 && header.length <= 128) return header;
    return `${this.requestIdPrefix}-${(this.requestCount++).toString(36)}`;
  }
  /** Runs a shadow on a copy of the request after the client has its answer; only the log and the metrics see the result. */
  mirror(shadow, action, body, requestId) {
    this.shadowsInFlight++;
    const started = performance.now();
    let prepared;
    const finish = (code, rows) => {
      this.metrics.record(SHADOW_ROUTE, shadow.model, shadow.version, code, (performance.now() - started) / 1e3, rows);
      this.shadowsInFlight--;
      this.checkIdle();
    };
    try {
      prepared = action === "infer" ? shadow.prepareTensors(body) : shadow.prepareRows(body);
    } catch (error) {
      finish(error instanceof HttpError ? error.status : 500, 0);
      return;
    }
    const request = prepared;
    shadow.predict(request).then(
      (prediction) => {
        const latencyMs = performance.now() - started;
        this.shadowLog?.append(prediction.rows, (buffer) => shadow.writeLogLines(buffer, request, prediction, { time: Date.now() - latencyMs, requestId, route: SHADOW_ROUTE, latencyMs }));
        finish(200, prediction.rows);
      },
      (error) => {
        if (error instanceof OutputIncident) {
          this.recordIncident(shadow.model, shadow.version, requestId, error);
        } else {
          this.options.say(`shadow ${shadow.model} v${shadow.version} failed: ${error.message}`);
        }
        finish(500, 0);
      }
    );
  }
  async admin(exchange, parts, method) {
    if (!this.options.access.adminEnabled) throw new HttpError(404, "the admin API is off: start the server with GHML_ADMIN_TOKEN set");
    const caller = this.options.access.identify(exchange.request.headers.authorization, "");
    if (caller?.kind !== "admin") {
      this.metrics.unauthorized++;
      throw new HttpError(401, "the admin API needs the admin token: send Authorization: Bearer <GHML_ADMIN_TOKEN>", {}, { "www-authenticate": 'Bearer realm="ghml-admin"' });
    }
    if (parts[0] !== "v1") throw new HttpError(404, "the admin API is under /admin/v1/");
    if (parts.length === 2 && parts[1] === "status") {
      this.allow(method, ["GET"]);
      return this.reply(exchange, 200, JSON.stringify(this.status()));
    }
    if (parts[1] === "models" && parts.length === 4 && parts[3] === "routing") {
      this.allow(method, ["PUT"]);
      const routing = this.parseAdmin(Routing, await readBody(exchange.request, this.options.maxBodyBytes), "routing");
      const applied = await this.serialized(() => this.setRouting(parts[2], routing));
      return this.reply(exchange, 200, JSON.stringify({ model: parts[2], routing: applied }));
    }
    if (parts[1] === "models" && parts.length === 5 && parts[3] === "versions") {
      const [model, version] = [parts[2], parts[4]];
      const label = ServedVersionLabel.safeParse(version);
      if (!label.success) throw new HttpError(400, `version "${version}" ${label.error.issues[0].message}`);
      if (method === "PUT") {
        const load = this.parseAdmin(LoadVersionRequest, await readBody(exchange.request, this.options.maxAdminBodyBytes), "a version to load");
        const { status, loaded } = await this.serialized(() => this.loadVersion(model, version, load));
        return this.reply(exchange, status, JSON.stringify({ model, version, sha256: loaded.sha256, features: loaded.features, classes: loaded.classes }));
      }
      if (method === "DELETE") {
        await this.serialized(() => this.unloadVersion(model, version));
        return this.reply(exchange, 200, JSON.stringify({ model, version, unloaded: true }));
      }
      this.allow(method, ["PUT", "DELETE"]);
    }
    throw new HttpError(404, `no admin route ${method} /admin/${parts.join("/")}: see docs/serve.md`);
  }
  parseAdmin(schema, body, what) {
    const result = schema.safeParse(parseJson(body));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new HttpError(400, `${what} is not valid: ${issue.path.join(".") || "the body"}: ${issue.message}`);
  }
  /** Admin changes run one at a time, each against the table the previous one left. */
  serialized(change) {
    const result = this.adminQueue.then(change);
    this.adminQueue = result.catch(() => void 0);
    return result;
  }
  replaceModel(model, name) {
    const next = new Map(this.table);
    if (model) next.set(name, model);
    else next.delete(name);
    this.table = next;
  }
  async loadVersion(model, version, load) {
    const bytes = Buffer.from(load.model, "base64");
    const sha256 = sha256Hex(bytes);
    if (sha256 !== load.sha256) throw new HttpError(400, `the model sent hashes to ${sha256}, not to the sha256 given (${load.sha256}): it was damaged on the way or the wrong file was sent`);
    const existing = this.table.get(model)?.versions.get(version);
    if (existing) {
      if (existing.sha256 === sha256) return { status: 200, loaded: existing };
      throw new HttpError(409, `${model} v${version} is loaded already with other bytes (sha256 ${existing.sha256}): unload it first, or load under another version`);
    }
    const file = path7.join(this.options.modelDirectory, `${model}-${version}-${sha256.slice(0, 12)}.onnx`);
    await writeFile2(file, bytes);
    let loaded;
    try {
      loaded = await ServedVersion.open({ model, version, file, contract: load.contract, log: this.options.say });
    } catch (error) {
      throw new HttpError(422, `${model} v${version} cannot be served: ${error.message}`);
    }
    const table2 = this.table.get(model);
    const versions = new Map(table2?.versions ?? []);
    versions.set(version, loaded);
    this.replaceModel({ name: model, versions, routing: table2?.routing ?? { primary: version, canary: null, shadow: null } }, model);
    this.options.say(`loaded ${model} v${version} (sha256 ${sha256.slice(0, 12)}\u2026)${table2 ? "" : " as its primary"}`);
    return { status: 201, loaded };
  }
  async unloadVersion(model, version) {
    const table2 = this.modelTable(model);
    const served = table2.versions.get(version);
    if (!served) throw new HttpError(404, `${model} has no version "${version}" loaded`);
    if (table2.versions.size === 1) {
      this.replaceModel(null, model);
      await served.retire();
      this.options.say(`unloaded ${model} v${version}, its only version: ${model} is no longer served`);
      return;
    }
    if (routedVersions(table2.routing).has(version)) {
      throw new HttpError(409, `${model} v${version} is in the routing (primary ${table2.routing.primary}${table2.routing.canary ? `, canary ${table2.routing.canary.version}` : ""}${table2.routing.shadow ? `, shadow ${table2.routing.shadow.version}` : ""}): route traffic away from it first`);
    }
    const versions = new Map(table2.versions);
    versions.delete(version);
    this.replaceModel({ ...table2, versions }, model);
    await served.retire();
    this.options.say(`unloaded ${model} v${version}`);
  }
  async setRouting(model, routing) {
    const table2 = this.modelTable(model);
    const missing = unloadedVersions(routing, table2.versions);
    if (missing.length > 0) throw new HttpError(409, `${model} has no version ${missing.join(", ")} loaded: load it before routing to it`);
    this.replaceModel({ ...table2, routing }, model);
    const parts = [`primary ${routing.primary}`, routing.canary ? `canary ${routing.canary.version} at ${routing.canary.percent}%` : "", routing.shadow ? `shadow ${routing.shadow.version} at ${routing.shadow.percent}%` : ""].filter(Boolean);
    this.options.say(`routing of ${model}: ${parts.join(", ")}`);
    return routing;
  }
  get ready() {
    return !this.draining && this.table.size > 0;
  }
  status() {
    return {
      format: "ghml.serve-status/v1",
      startedAt: this.startedAt.toISOString(),
      ready: this.ready,
      draining: this.draining,
      inFlight: this.inFlight,
      models: [...this.table.values()].map((table2) => ({
        name: table2.name,
        routing: table2.routing,
        versions: [...table2.versions.values()].map((version) => ({
          version: version.version,
          sha256: version.sha256,
          loadedAt: version.loadedAt.toISOString(),
          inFlight: version.inFlight,
          contract: version.contract !== null,
          served: this.metrics.traffic(table2.name, version.version, "served"),
          shadow: this.metrics.traffic(table2.name, version.version, "shadow")
        }))
      })),
      predictionLog: this.log ? { directory: this.log.directory, file: this.log.file, lines: this.log.lines, dropped: this.log.dropped } : null,
      incidents: [...this.incidents]
    };
  }
  renderMetrics() {
    const routing = [...this.table.values()].flatMap((table2) => roles(table2).map((entry) => ({ model: table2.name, ...entry })));
    const log = [this.log, this.shadowLog].filter((entry) => entry !== null);
    return this.metrics.render({
      inFlight: this.inFlight,
      routing,
      log: log.map((entry) => ({ stream: entry.stream, lines: entry.lines, dropped: entry.dropped }))
    });
  }
  checkIdle() {
    if (this.inFlight === 0 && this.shadowsInFlight === 0) this.idle?.();
  }
  /**
   * Shuts down without failing a request. Turns not-ready at once and keeps serving for the grace
   * period (`graceMs`, the drain grace unless given), each answer closing its connection so that
   * clients reconnect to servers that stay; then stops taking connections, answers the requests
   * already in flight (and runs their shadows), flushes the prediction log and releases the models.
   * Requests still running after the drain timeout have their connections closed.
   */
  shutdown(graceMs = this.options.drainGraceMs) {
    this.closing ??= (async () => {
      this.draining = true;
      if (graceMs > 0) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          this.finishGrace = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      this.finishGrace = void 0;
      const closed = new Promise((resolve) => this.server.close(() => resolve()));
      this.server.closeIdleConnections();
      if (this.inFlight > 0 || this.shadowsInFlight > 0) {
        const drained = new Promise((resolve) => this.idle = resolve);
        let timer;
        const timedOut = new Promise((resolve) => timer = setTimeout(resolve, this.options.drainTimeoutMs));
        await Promise.race([drained, timedOut]);
        clearTimeout(timer);
        if (this.inFlight > 0) this.options.say(`closing ${this.inFlight} connection(s) still busy after ${this.options.drainTimeoutMs} ms`);
      }
      this.server.closeAllConnections();
      await closed;
      await Promise.all([this.log?.close(), this.shadowLog?.close()]);
      for (const table2 of this.table.values()) for (const version of table2.versions.values()) await version.retire();
    })();
    return this.closing;
  }
  /** Ends a shutdown's grace period now (a second signal): connections are refused from here on. */
  endGrace() {
    this.finishGrace?.();
  }
};

// src/steps/serve.ts
var SERVE_DEFAULTS = {
  host: "127.0.0.1",
  port: 8080,
  rateLimit: 500,
  burst: 1e3,
  maxBodyBytes: 1024 * 1024,
  maxAdminBodyBytes: 1024 * 1024 * 1024,
  drainGraceMs: 5e3,
  drainTimeoutMs: 3e4
};
async function startServe(options) {
  if (options.version !== void 0) {
    const label = ServedVersionLabel.safeParse(options.version);
    if (!label.success) throw new ConfigurationError(`model version "${options.version}" ${label.error.issues[0].message}`, { input: "model-version" });
  }
  const tokens = parseTokens(options.env.GHML_SERVE_TOKENS, "GHML_SERVE_TOKENS");
  const adminToken = options.env.GHML_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null) parseTokens(adminToken, "GHML_ADMIN_TOKEN");
  const contract = options.contractFile ? await loadDocument(options.contractFile, DataContract, "data contract", "contract") : null;
  const version = await ServedVersion.open({ model: options.name, version: options.version, file: options.modelFile, contract, features: options.features, classes: options.classes, log: options.say });
  const host = options.host ?? SERVE_DEFAULTS.host;
  if (tokens.length === 0) options.say(`warning: GHML_SERVE_TOKENS is not set, so anyone who reaches ${host} may call the model; set it to a comma-separated list of tokens`);
  if (adminToken === null) options.say("the admin API is off (GHML_ADMIN_TOKEN is not set): versions cannot be loaded or routed while the server runs");
  if (!contract) options.say(`no data contract: requests are checked against the model's input types only; pass --contract to check ranges and allowed values`);
  const modelDirectory = await mkdtemp4(path8.join(tmpdir6(), "ghml-serve-models-"));
  let server;
  try {
    server = await PredictionServer.start({
      host,
      port: options.port ?? SERVE_DEFAULTS.port,
      versions: [version],
      access: new Access(tokens, adminToken),
      throttle: { rate: options.rateLimit ?? SERVE_DEFAULTS.rateLimit, burst: options.burst ?? SERVE_DEFAULTS.burst },
      maxBodyBytes: options.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
      maxAdminBodyBytes: SERVE_DEFAULTS.maxAdminBodyBytes,
      log: options.logDirectory === null ? null : {
        directory: options.logDirectory,
        maxFileBytes: options.logMaxBytes ?? DEFAULT_LOG_OPTIONS.maxFileBytes,
        maxFileAgeMs: options.logMaxAgeMs ?? DEFAULT_LOG_OPTIONS.maxFileAgeMs,
        flushIntervalMs: options.logFlushMs ?? DEFAULT_LOG_OPTIONS.flushIntervalMs
      },
      modelDirectory,
      drainGraceMs: options.drainGraceMs ?? SERVE_DEFAULTS.drainGraceMs,
      drainTimeoutMs: options.drainTimeoutMs ?? SERVE_DEFAULTS.drainTimeoutMs,
      say: options.say
    });
  } catch (error) {
    await version.retire();
    await rm3(modelDirectory, { recursive: true, force: true });
    if (error.code === "EADDRINUSE") throw new ConfigurationError(`port ${options.port ?? SERVE_DEFAULTS.port} on ${host} is taken: choose another with --port`, { input: "port" });
    throw error;
  }
  return {
    server,
    url: server.url,
    async stop(graceMs) {
      await server.shutdown(graceMs);
      await rm3(modelDirectory, { recursive: true, force: true });
    }
  };
}

// src/cli/commands/serve.ts
var FLAG_UNITS = ["ms", "s", "m", "h", "d", "w"];
function durationFlag(value, name) {
  if (value === void 0) return void 0;
  if (value.trim() === "0") return 0;
  const milliseconds = parseDuration(value.trim(), FLAG_UNITS);
  if (milliseconds === null) throw new ConfigurationError(`--${name} "${value}" is not a duration: give a number and a unit (${FLAG_UNITS.join(", ")}), e.g. 30s or 1h, or 0`, { input: name });
  return milliseconds;
}
function nameFromFile(file) {
  return path9.basename(file, path9.extname(file)).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "") || "model";
}
function serveUntilSignal(running, graceMs, say) {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal) => {
      if (stopping) {
        unlisten();
        say(`${signal}: draining requests in flight now`);
        running.server.endGrace();
        return;
      }
      stopping = true;
      const grace = signal === "SIGTERM" ? graceMs : 0;
      say(grace > 0 ? `${signal}: not ready; serving ${grace / 1e3} s more while load balancers notice, then draining requests in flight` : `${signal}: draining requests in flight`);
      running.stop(grace).then(() => {
        unlisten();
        resolve();
      }, reject);
    };
    const unlisten = () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}
var serveCommand = {
  name: "serve",
  summary: "serve an ONNX model over HTTP (Open Inference Protocol) and log its predictions",
  usage: `Usage: ghml serve --model <file.onnx | model@stage | model@v<N>> [options]

Answers POST /v2/models/<name>/infer (Open Inference Protocol, as KServe and Triton) and
POST /v1/models/<name>/predict ({"rows": [...]}), checks every request against the data contract,
and writes the prediction log that \`ghml drift-check --current\` reads. See docs/serve.md.

Model:
  --model <file|ref>        an .onnx file, or a registered version: its package is downloaded
                            from its release and every digest verified before it is served
  --contract <file>         data contract to check requests against (default: the package's)
  --name <name>             the model's name in URLs (default: the registered name, or the file name)
  --model-version <label>   the version in answers and the log (default: the registered version,
                            or the first 12 hex digits of the file's sha256)
  --features <a,b,c>        the columns of a matrix input, in order (default: the model's metadata)
  --classes <a,b,c>         class names in the order of the probability columns (default: metadata)
  --package-dir <dir>       where a registered package is downloaded (default: a temporary directory)

Server:
  --host <address>          address to listen on (default ${SERVE_DEFAULTS.host}: this machine only)
  --port <n>                TCP port (default ${SERVE_DEFAULTS.port}; 0 picks a free one)
  --rate-limit <n>          requests a second per client, 0 for no limit (default ${SERVE_DEFAULTS.rateLimit})
  --burst <n>               requests a client may send at once above the rate (default ${SERVE_DEFAULTS.burst})
  --max-body-bytes <n>      largest request body (default ${SERVE_DEFAULTS.maxBodyBytes}); larger ones get 413
  --drain-grace <dur>       how long SIGTERM keeps serving, not ready, before refusing connections,
                            for load balancers to notice (default ${SERVE_DEFAULTS.drainGraceMs / 1e3}s)
  --drain-timeout <dur>     how long a stop then waits for requests in flight (default ${SERVE_DEFAULTS.drainTimeoutMs / 1e3}s)

Prediction log:
  --log-dir <dir>           where the JSON Lines go (default prediction-log)
  --no-log                  write no prediction log
  --log-max-bytes <n>       start a new file past this size (default 64 MiB)
  --log-max-age <dur>       start a new file after this long (default 1h)

Environment:
  GHML_SERVE_TOKENS         comma-separated bearer tokens clients must send (unset: open, with a warning)
  GHML_ADMIN_TOKEN          bearer token of the admin API (unset: admin API off)

${connectionUsage}

Runs until SIGTERM or SIGINT. SIGTERM turns /v2/health/ready to 503 and serves on for the drain
grace; then, or at once on SIGINT, the server refuses new connections, answers the requests in
flight and flushes the log. A second signal ends the grace. Exit codes: 0 stopped cleanly, 2 usage
or configuration error.`,
  options: {
    ...connectionOptions,
    model: { type: "string" },
    contract: { type: "string" },
    name: { type: "string" },
    "model-version": { type: "string" },
    features: { type: "string" },
    classes: { type: "string" },
    "package-dir": { type: "string" },
    host: { type: "string" },
    port: { type: "string" },
    "rate-limit": { type: "string" },
    burst: { type: "string" },
    "max-body-bytes": { type: "string" },
    "drain-grace": { type: "string" },
    "drain-timeout": { type: "string" },
    "log-dir": { type: "string" },
    "no-log": { type: "boolean" },
    "log-max-bytes": { type: "string" },
    "log-max-age": { type: "string" }
  },
  async run(args, io) {
    const modelText = requiredStringFlag(args, "model", "an .onnx file, or a registered version such as weather@production");
    const given = path9.resolve(io.cwd, modelText);
    const say = (message) => io.stderr(`ghml serve: ${message}
`);
    let modelFile;
    let contractFile = stringFlag(args, "contract");
    let name = stringFlag(args, "name");
    let version = stringFlag(args, "model-version");
    if ((await stat2(given).catch(() => void 0))?.isFile() || modelText.endsWith(".onnx")) {
      modelFile = given;
      name ??= nameFromFile(modelFile);
    } else {
      const reference = parseModelReference(modelText);
      const connection = await connect(args, io);
      if (!connection.releases) throw new ConfigurationError("packages are release assets on GitHub: serving a registered version needs --repo (or GITHUB_REPOSITORY), not --local", { input: "model" });
      const registry = await openRegistry(connection);
      const packageDir = path9.resolve(io.cwd, stringFlag(args, "package-dir") ?? path9.join(tmpdir7(), "ghml-serve-packages"));
      const fetched = await fetchModelPackage({ registry, releases: connection.releases }, reference, packageDir);
      say(`${modelText} is ${fetched.record.model} v${fetched.record.version}: package sha256:${fetched.record.package.digest} verified`);
      modelFile = fetched.modelFile;
      contractFile ??= fetched.contractFile ?? void 0;
      name ??= fetched.record.model;
      version ??= String(fetched.record.version);
    }
    const port = wholeNumberFlag(args, "port");
    if (port !== void 0 && port > 65535) throw new ConfigurationError("--port must be at most 65535", { input: "port" });
    const noLog = args.values["no-log"] === true;
    const drainGraceMs = durationFlag(stringFlag(args, "drain-grace"), "drain-grace") ?? SERVE_DEFAULTS.drainGraceMs;
    const running = await startServe({
      modelFile,
      name,
      version,
      contractFile: contractFile === void 0 ? null : path9.resolve(io.cwd, contractFile),
      features: commaListFlag(args, "features"),
      classes: commaListFlag(args, "classes"),
      host: stringFlag(args, "host"),
      port,
      logDirectory: noLog ? null : path9.resolve(io.cwd, stringFlag(args, "log-dir") ?? "prediction-log"),
      logMaxBytes: wholeNumberFlag(args, "log-max-bytes"),
      logMaxAgeMs: durationFlag(stringFlag(args, "log-max-age"), "log-max-age"),
      rateLimit: wholeNumberFlag(args, "rate-limit"),
      burst: wholeNumberFlag(args, "burst"),
      maxBodyBytes: wholeNumberFlag(args, "max-body-bytes"),
      drainTimeoutMs: durationFlag(stringFlag(args, "drain-timeout"), "drain-timeout"),
      drainGraceMs,
      env: io.env,
      say
    });
    io.stdout(`ghml serve: ${running.server.status().models.map((model) => `${model.name} v${model.routing.primary}`).join(", ")} listening on ${running.url}
`);
    await serveUntilSignal(running, drainGraceMs, say);
    say("stopped");
    return ExitCode.ok;
  }
};

// src/cli/commands/train.ts
import { tmpdir as tmpdir8 } from "node:os";
import path11 from "node:path";

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
import { readdir as readdir2, readFile, stat as stat3 } from "node:fs/promises";
import path10 from "node:path";
async function jsonFilesUnder(directory) {
  const entries = await readdir2(directory, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => path10.join(e.parentPath, e.name)).sort();
}
async function loadRunRecords(paths) {
  if (paths.length === 0) throw new ConfigurationError("no runs given: pass run record files or directories with --runs", { input: "runs" });
  const runs = [];
  const skipped = [];
  for (const given of paths) {
    const info = await stat3(given).catch(() => void 0);
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
    const format2 = choiceFlag(args, "format", ["text", "json"]) ?? "text";
    const workingDirectory = path11.resolve(io.cwd, stringFlag(args, "working-directory") ?? ".");
    const store = stringFlag(args, "checkpoint-store");
    const recordOut = stringFlag(args, "record-out");
    const result = await runTrain({
      command: requiredStringFlag(args, "command", 'give the command that trains the model, e.g. --command "python train.py"'),
      model: requiredStringFlag(args, "model", "name the model its runs are filed under"),
      workingDirectory,
      modelPath: stringFlag(args, "model-path"),
      params: await readParams(stringFlag(args, "params"), workingDirectory),
      seed: wholeNumberFlag(args, "seed") ?? 0,
      data: listFlag(args, "data"),
      timeoutMinutes: positiveNumberFlag(stringFlag(args, "timeout-minutes"), "timeout-minutes"),
      requireGpu: wholeNumberFlag(args, "require-gpu") ?? 0,
      gpuSampleSeconds: positiveNumberFlag(stringFlag(args, "gpu-sample-seconds"), "gpu-sample-seconds") ?? 5,
      checkpointDir: stringFlag(args, "checkpoint-dir"),
      checkpointStore: store ? new DirectoryCheckpointStore(path11.resolve(io.cwd, store)) : void 0,
      recordOut: recordOut ? path11.resolve(io.cwd, recordOut) : void 0,
      scratchDirectory: path11.join(io.env.RUNNER_TEMP ?? tmpdir8(), "ghml"),
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
    const file = path11.resolve(io.cwd, requiredStringFlag(args, "sweep", "name the sweep file (see schemas/sweep.json)"));
    const matrix = sweepMatrix(await loadDocument(file, Sweep, "sweep", "sweep"));
    const json = JSON.stringify(matrix);
    const out = stringFlag(args, "out");
    if (out) await writeFileAtomic(path11.resolve(io.cwd, out), `${json}
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
    const format2 = choiceFlag(args, "format", ["markdown", "json"]) ?? "markdown";
    const sweepFile = stringFlag(args, "sweep");
    const sweep = sweepFile ? await loadDocument(path11.resolve(io.cwd, sweepFile), Sweep, "sweep", "sweep") : void 0;
    const metric = stringFlag(args, "metric") ?? sweep?.metric?.name;
    if (!metric) throw new ConfigurationError("--metric is required (or a --sweep with a metric): name the final metric to rank runs by", { input: "metric" });
    const goal = choiceFlag(args, "goal", ["max", "min"]) ?? sweep?.metric?.goal ?? "max";
    const { runs, skipped } = await loadRunRecords(listFlag(args, "runs").map((p) => path11.resolve(io.cwd, p)));
    if (skipped.length > 0) io.stderr(`skipped ${skipped.length} JSON file${skipped.length === 1 ? "" : "s"} that are not run records
`);
    const selection = selectBest(runs, metric, goal);
    const text = format2 === "json" ? `${JSON.stringify(selectionJson(selection), null, 2)}
` : renderSelection(selection);
    const out = stringFlag(args, "out");
    if (out) await writeFileAtomic(path11.resolve(io.cwd, out), text);
    io.stdout(text);
    return selection.best ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/cli/commands/validate-data.ts
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
    const format2 = choiceFlag(args, "format", outputFormats) ?? "text";
    const result = await runValidateData({
      data: listFlag(args, "data"),
      contract: requiredStringFlag(args, "contract", "name the data contract file (create one with `ghml profile infer`)"),
      profileOut: stringFlag(args, "profile-out"),
      reportOut: stringFlag(args, "report-out"),
      maxExamples: wholeNumberFlag(args, "max-examples")
    });
    if (format2 === "json") io.stdout(`${JSON.stringify(result.report, null, 2)}
`);
    else if (format2 === "markdown") io.stdout(renderMarkdown(result.report, result.profile));
    else io.stdout(renderText(result.report));
    return result.valid ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/cli/commands/index.ts
var commands = [validateDataCommand, profileInferCommand, profileMergeCommand, driftCheckCommand, evaluateCommand, trainCommand, trainPlanCommand, trainSelectCommand, registerCommand, promoteCommand, rollbackCommand, ...registryCommands, serveCommand, deployCommand, sandboxCommand, appCommand, demoCommand];

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
