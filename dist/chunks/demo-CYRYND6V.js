import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  PROMOTION_CHECK,
  app_default,
  driftIssueTitle,
  driftLabels
} from "./chunk-KVTCQJOU.js";
import "./chunk-JK3Y66PJ.js";
import {
  Probot,
  ProbotOctokit,
  createNodeMiddleware
} from "./chunk-IPERGDSJ.js";
import {
  startSandbox
} from "./chunk-VCLZEJYB.js";
import "./chunk-K5XIV3KO.js";
import "./chunk-4PYNN2NM.js";
import "./chunk-AYBNY4EZ.js";
import {
  DriftReport,
  createOctokit
} from "./chunk-GDY5R3NU.js";
import "./chunk-LXMZJXHC.js";
import {
  table
} from "./chunk-FKGEWHBH.js";
import "./chunk-VBZT3NS6.js";
import {
  ghmlPackageRoot
} from "./chunk-UG77MLVE.js";
import "./chunk-BRFMT775.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";
import "./chunk-XKNLEOOD.js";

// src/demo/index.ts
import { mkdir as mkdir3, writeFile as writeFile3 } from "node:fs/promises";
import path6 from "node:path";

// src/demo/narration.ts
var Narrator = class {
  constructor(say) {
    this.say = say;
  }
  say;
  steps = [];
  charts = [];
  last = performance.now();
  started = performance.now();
  step(title, detail, links = []) {
    const now = performance.now();
    const step = { index: this.steps.length + 1, title, detail, links, seconds: (now - this.last) / 1e3 };
    this.last = now;
    this.steps.push(step);
    const where = links.length > 0 ? ` \u2192 ${links.map((link) => link.url).join(" ")}` : "";
    this.say(`${String(step.index).padStart(2)}. ${title}: ${detail}${where}`);
  }
  chart(chart) {
    this.charts.push(chart);
  }
  elapsedSeconds() {
    return (performance.now() - this.started) / 1e3;
  }
};

// src/demo/report.ts
var formatValue = (value, unit) => unit === "share" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
function renderDemoMarkdown(report) {
  const lines = [
    `# ${report.title}`,
    "",
    `${report.steps.length} steps in ${report.seconds.toFixed(1)} s on the sandbox at ${report.sandboxUrl} (repository ${report.repository}).`,
    "",
    table(["#", "step", "what was checked", "where to look"], report.steps.map((step) => [String(step.index), step.title, step.detail, step.links.map((link) => `[${link.label}](${link.url})`).join("<br>")]))
  ];
  for (const chart of report.charts) {
    const rows = chart.categories.map((category, i) => [category, ...chart.series.map((series) => formatValue(series.values[i], chart.unit))]);
    lines.push("", `## ${chart.title}`, "", table(["", ...chart.series.map((series) => series.name)], rows));
  }
  return `${lines.join("\n")}
`;
}
var escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
var palette = ["#0969da", "#bf8700", "#1a7f37", "#cf222e"];
function renderBarChart(chart) {
  const width = 720;
  const height = 260;
  const margin = { top: 30, right: 10, bottom: 40, left: 50 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(...chart.series.flatMap((series) => series.values), chart.unit === "share" ? 0 : Number.MIN_VALUE) || 1;
  const top = chart.unit === "share" ? Math.min(1, Math.ceil(max * 10) / 10) : max * 1.1;
  const group = plotWidth / chart.categories.length;
  const bar = group * 0.8 / chart.series.length;
  const y = (value) => margin.top + plotHeight - value / top * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">`,
    `<line x1="${margin.left}" y1="${y(0)}" x2="${width - margin.right}" y2="${y(0)}" stroke="#57606a"/>`
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${margin.left - 6}" y="${y(tick * top) + 4}" text-anchor="end" font-size="11" fill="#57606a">${escapeHtml(formatValue(tick * top, chart.unit))}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const x0 = margin.left + i * group + group * 0.1;
    chart.series.forEach((series, s) => {
      const value = series.values[i];
      parts.push(`<rect x="${(x0 + s * bar).toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${palette[s % palette.length]}"><title>${escapeHtml(`${series.name}, ${category}: ${formatValue(value, chart.unit)}`)}</title></rect>`);
    });
    parts.push(`<text x="${(x0 + group * 0.4).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(category)}</text>`);
  });
  chart.series.forEach((series, s) => {
    parts.push(`<rect x="${margin.left + s * 150}" y="8" width="10" height="10" fill="${palette[s % palette.length]}"/><text x="${margin.left + s * 150 + 14}" y="17" font-size="12">${escapeHtml(series.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
function renderDemoHtml(report) {
  const rows = report.steps.map((step) => `<tr><td>${step.index}</td><td>${escapeHtml(step.title)}</td><td>${escapeHtml(step.detail)}</td><td>${step.links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join("<br>")}</td><td>${step.seconds.toFixed(1)} s</td></tr>`).join("\n");
  const charts = report.charts.map((chart) => `<section><h2>${escapeHtml(chart.title)}</h2>${renderBarChart(chart)}</section>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<style>
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1f2328; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td, th { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
svg { max-width: 720px; width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p>${report.steps.length} steps in ${report.seconds.toFixed(1)} s on the sandbox at <a href="${escapeHtml(report.sandboxUrl)}">${escapeHtml(report.sandboxUrl)}</a> (repository ${escapeHtml(report.repository)}).</p>
<table>
<thead><tr><th>#</th><th>step</th><th>what was checked</th><th>where to look</th><th>time</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${charts}
</body>
</html>
`;
}

// src/demo/scenario.ts
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
var MODEL = "seattle-weather";
var LABEL = "weather";
var EXAMPLE = "examples/seattle-weather";
var windows = {
  trainV1: { file: "data/weather-2012-2013.csv", from: "2012-01-01", until: "2014-01-01", description: "v1 training data, 2012\u20132013" },
  trainV2: { file: "data/weather-2012-2014h1.csv", from: "2012-01-01", until: "2014-07-01", description: "v2 training data, 2012 to June 2014" },
  holdout: { file: "data/weather-2014h2.csv", from: "2014-07-01", until: "2015-01-01", description: "held out, July\u2013December 2014" },
  replayH1: { file: "data/weather-2015h1.csv", from: "2015-01-01", until: "2015-07-01", description: "replayed through the server, January\u2013June 2015" },
  replayH2: { file: "data/weather-2015h2.csv", from: "2015-07-01", until: "2016-01-01", description: "replayed through the server, July\u2013December 2015" }
};
var policyYaml = `# ghml promotion policy (see docs/policy.md)
registry-branch: ghml/registry
stages: [staging, production]
risk-tiers:
  high: { approvals: 2, approvers: ["@octo-org/ml-leads"], also-required: ["@octo-org/risk"] }
models:
  ${MODEL}: { risk: high, owners: ["@octo-org/ml-leads"] }
gates:
  production: { evaluation: required, data-validation: required, open-drift-issues: block }
drift:
  schedule-issue-after: 2
  retrain-workflow: pipeline.yml
deployments:
  staging: { strategy: blue-green }
  production: { strategy: canary }
`;
async function writeDataWindows(csvFile, directory) {
  const [header, ...days2] = (await readFile(csvFile, "utf8")).trim().split(/\r?\n/);
  for (const window of Object.values(windows)) {
    const rows = days2.filter((line) => line.slice(0, 10) >= window.from && line.slice(0, 10) < window.until);
    const file = path.join(directory, window.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${[header, ...rows].join("\n")}
`);
  }
}
function seattleWeatherCsv(packageRoot) {
  const file = path.join(packageRoot, "node_modules/vega-datasets/data/seattle-weather.csv");
  if (!existsSync(file)) throw new ConfigurationError(`the demo's data, ${file}, is missing: run \`npm ci\` in ${packageRoot} (the demo needs the development dependency vega-datasets)`);
  return file;
}
async function writeSeedRepository(packageRoot, seed) {
  await cp(path.join(packageRoot, EXAMPLE), path.join(seed, EXAMPLE), { recursive: true });
  await cp(path.join(packageRoot, EXAMPLE, ".github/workflows"), path.join(seed, ".github/workflows"), { recursive: true });
  await writeFile(path.join(seed, ".github/ghml.yml"), policyYaml);
  await writeFile(path.join(seed, ".gitignore"), "node_modules/\nmodel/\ncheckpoints/\nreports/\n");
  await writeFile(path.join(seed, "README.md"), `# ml-repo

The Seattle weather model, trained, registered, promoted and deployed with ghml.
`);
  await writeDataWindows(seattleWeatherCsv(packageRoot), seed);
}

// src/demo/story.ts
import { readFile as readFile4 } from "node:fs/promises";
import path5 from "node:path";

// src/demo/world.ts
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile as readFile3, symlink } from "node:fs/promises";
import path4 from "node:path";
import { promisify } from "node:util";

// src/sandbox/probot.ts
import { createServer } from "node:http";
async function startSandboxApp(sandbox, appFn, secret) {
  const probot = new Probot({
    appId: sandbox.app.id,
    privateKey: sandbox.app.privateKey,
    secret,
    baseUrl: sandbox.apiUrl,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((instanceOptions) => ({ ...instanceOptions, throttle: { enabled: false }, retry: { enabled: false } }))
  });
  const middleware = await createNodeMiddleware(appFn, { probot });
  const server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/api/github/webhooks`;
  sandbox.setWebhook(url, secret);
  return {
    probot,
    url,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })
  };
}

// src/serve/process.ts
import { spawn } from "node:child_process";
import path2 from "node:path";
function startServeProcess(args, env = {}, cwd = ghmlPackageRoot()) {
  const child = spawn(process.execPath, [path2.join(ghmlPackageRoot(), "bin/ghml.js"), "serve", "--port", "0", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"]
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => stderr += chunk);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ child, url: match[1], stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`ghml serve exited with ${code} before listening: ${stderr}`)));
  });
}

// src/sandbox/step-runner.ts
import { spawn as spawn2 } from "node:child_process";
import { mkdtemp, readFile as readFile2, writeFile as writeFile2, mkdir as mkdir2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path3 from "node:path";
async function sandboxEnvironment(sandbox, token = sandbox.tokens["github-actions[bot]"], run) {
  const { repo } = sandbox;
  const job = run ?? await sandbox.startWorkflowRun();
  return {
    GITHUB_SERVER_URL: sandbox.serverUrl,
    GITHUB_API_URL: sandbox.apiUrl,
    GITHUB_GRAPHQL_URL: `${sandbox.url}/api/graphql`,
    GITHUB_REPOSITORY: repo.fullName,
    GITHUB_REPOSITORY_OWNER: repo.owner,
    GITHUB_REF: `refs/heads/${job.headBranch}`,
    GITHUB_REF_NAME: job.headBranch,
    GITHUB_SHA: job.headSha,
    GITHUB_RUN_ID: String(job.id),
    GITHUB_RUN_ATTEMPT: String(job.attempt),
    GITHUB_TOKEN: token,
    ACTIONS_RESULTS_URL: sandbox.resultsUrl,
    ACTIONS_RUNTIME_TOKEN: job.runtimeToken
  };
}
function inputVariableName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
async function runStep(options) {
  const base = await mkdtemp(path3.join(tmpdir(), "ghml-step-"));
  const runnerTemp = path3.join(base, "temp");
  const toolCache = path3.join(base, "tool-cache");
  await mkdir2(runnerTemp, { recursive: true });
  await mkdir2(toolCache, { recursive: true });
  const files = {
    GITHUB_OUTPUT: path3.join(base, "output"),
    GITHUB_STEP_SUMMARY: path3.join(base, "summary.md"),
    GITHUB_ENV: path3.join(base, "env"),
    GITHUB_PATH: path3.join(base, "path"),
    GITHUB_STATE: path3.join(base, "state"),
    GITHUB_EVENT_PATH: path3.join(base, "event.json")
  };
  for (const file of Object.values(files)) await writeFile2(file, "");
  await writeFile2(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? base,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName ?? "workflow_dispatch",
    GITHUB_REPOSITORY: "octo-org/ml-repo",
    GITHUB_SHA: "0000000000000000000000000000000000000000",
    GITHUB_REF: "refs/heads/main",
    GITHUB_RUN_ID: "1",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "https://api.github.com",
    GITHUB_ACTOR: "octocat",
    GITHUB_JOB: "step",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_NAME: "ghml-step-runner",
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    ...files,
    ...options.env
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariableName(name)] = value;
  const child = spawn2(process.execPath, [path3.resolve(options.entry)], { cwd: options.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => stdout += chunk);
  child.stderr.setEncoding("utf8").on("data", (chunk) => stderr += chunk);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 12e4);
  const [exitCode, signal] = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timer);
  return {
    exitCode,
    signal,
    outputs: parseFileCommands(await readFile2(files.GITHUB_OUTPUT, "utf8")),
    exportedEnv: parseFileCommands(await readFile2(files.GITHUB_ENV, "utf8")),
    summary: await readFile2(files.GITHUB_STEP_SUMMARY, "utf8"),
    annotations: parseAnnotations(stdout),
    stdout,
    stderr,
    runnerTemp
  };
}
function parseFileCommands(text) {
  const result = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`unterminated value for "${name}" (delimiter ${delimiter})`);
      result[name] = value.join("\n");
    } else {
      const eq = line.indexOf("=");
      if (eq <= 0) throw new Error(`malformed file command line: ${line}`);
      result[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return result;
}
var unescapeData = (s) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
var unescapeProperty = (s) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");
function parseAnnotations(stdout) {
  const annotations = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties = {};
    for (const pair of (match[2] ?? "").split(",").filter(Boolean)) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    annotations.push({ level: match[1], message: unescapeData(match[3]), properties });
  }
  return annotations;
}

// src/demo/world.ts
var execFileAsync = promisify(execFile);
var CLIENT_TOKEN = `demo-client-${randomBytes(8).toString("hex")}`;
var ADMIN_TOKEN = `demo-admin-${randomBytes(8).toString("hex")}`;
var DemoFailure = class extends Error {
};
var DemoWorld = class _DemoWorld {
  constructor(packageRoot, directory, sandbox, app, workspace) {
    this.packageRoot = packageRoot;
    this.directory = directory;
    this.sandbox = sandbox;
    this.app = app;
    this.workspace = workspace;
  }
  packageRoot;
  directory;
  sandbox;
  app;
  workspace;
  servers = /* @__PURE__ */ new Map();
  clients = /* @__PURE__ */ new Map();
  static async start(packageRoot, directory, seed) {
    const sandbox = await startSandbox({ seed, directory: path4.join(directory, "sandbox") });
    let app;
    try {
      app = await startSandboxApp(sandbox, app_default, randomBytes(16).toString("hex"));
      const workspace = path4.join(directory, "workspace");
      await execFileAsync("git", ["clone", "-q", sandbox.repo.gitDir, workspace]);
      await symlink(path4.join(packageRoot, "node_modules"), path4.join(workspace, "node_modules"));
      return new _DemoWorld(packageRoot, directory, sandbox, app, workspace);
    } catch (error) {
      await app?.close();
      await sandbox.close();
      throw error;
    }
  }
  /** The real octokit client as a person of the sandbox (or the workflow token) uses it. */
  as(login) {
    let client = this.clients.get(login);
    if (!client) {
      client = createOctokit({ ...this.repo, apiUrl: this.sandbox.apiUrl, serverUrl: this.sandbox.url, token: this.sandbox.tokens[login] }, { retries: 0 });
      this.clients.set(login, client);
    }
    return client;
  }
  get repo() {
    return { owner: this.sandbox.repo.owner, repo: this.sandbox.repo.name };
  }
  /** A path a step gave, which may be relative to its working directory. */
  path(file) {
    return path4.resolve(this.workspace, file);
  }
  /** A JSON file a step wrote, at a path it gave. */
  async readJson(file) {
    return JSON.parse(await readFile3(this.path(file), "utf8"));
  }
  /** Waits until every webhook caused so far has reached the app and the app's own writes have been delivered too. */
  settle() {
    return this.sandbox.settle();
  }
  /**
   * Runs a bundled Action (`dist/<step>.js`) as a job step on the sandbox's repository, with the
   * workflow's GITHUB_TOKEN; fails the demo, with the step's log, unless it exits as expected.
   */
  async action(step, inputs, options = {}) {
    const result = await runStep({
      entry: path4.join(this.packageRoot, "dist", `${step}.js`),
      workspace: this.workspace,
      inputs,
      eventName: options.event?.name,
      event: options.event?.payload,
      env: { ...await sandboxEnvironment(this.sandbox), ...options.env },
      timeoutMs: 9e4
    });
    if (result.exitCode !== (options.expectExit ?? 0)) {
      const log = `${result.stdout}${result.stderr}`.trim().split("\n").slice(-15).join("\n");
      throw new DemoFailure(`the ${step} Action exited with ${result.exitCode ?? result.signal}, not ${options.expectExit ?? 0}:
${log}`);
    }
    return result;
  }
  /** Runs the ghml CLI as a person at a terminal would, with their token. */
  async cli(login, args) {
    try {
      const { stdout } = await execFileAsync(process.execPath, [path4.join(this.packageRoot, "bin/ghml.js"), ...args, "--repo", this.sandbox.repo.fullName, "--api-url", this.sandbox.apiUrl], {
        cwd: this.workspace,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", GITHUB_TOKEN: this.sandbox.tokens[login] }
      });
      return stdout.trim();
    } catch (error) {
      const failure = error;
      throw new DemoFailure(`ghml ${args.join(" ")} exited with ${failure.code}: ${failure.stderr ?? String(error)}`);
    }
  }
  /**
   * Starts `ghml serve` for an environment the way a platform team would, from the registry: the
   * version the alias names is downloaded from its release and every digest verified first.
   */
  async startServer(environment, reference) {
    const logDirectory = path4.join(this.directory, "prediction-logs", environment);
    const serve = await startServeProcess([
      // No grace on SIGTERM: no load balancer stands in front of the demo's servers.
      "--model",
      reference,
      "--rate-limit",
      "0",
      "--drain-grace",
      "0",
      "--log-dir",
      logDirectory,
      "--package-dir",
      path4.join(this.directory, "packages", environment),
      "--repo",
      this.sandbox.repo.fullName,
      "--api-url",
      this.sandbox.apiUrl
    ], { GITHUB_TOKEN: this.sandbox.tokens["github-actions[bot]"], GHML_SERVE_TOKENS: CLIENT_TOKEN, GHML_ADMIN_TOKEN: ADMIN_TOKEN }, this.workspace).catch((error) => {
      throw new DemoFailure(`ghml serve --model ${reference} stopped before it listened: ${error.message}`);
    });
    const server = { environment, url: serve.url, logDirectory, process: serve };
    this.servers.set(environment, server);
    return server;
  }
  /** The inputs of the deploy Action that reach a demo server's admin API, with short canary steps. */
  deployInputs(environment) {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    return {
      inputs: { "server-url": server.url, "canary-steps": "10,50,100", "step-duration": "1s", "min-requests": "5", "max-p95-ms": "250", "max-error-rate": "0.01" },
      env: { GHML_ADMIN_TOKEN: ADMIN_TOKEN }
    };
  }
  /** Asks a server for predictions of days, one request a day as a forecasting client would, `gapMs` apart. */
  async predictDays(environment, days2, gapMs = 0) {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    const versions = /* @__PURE__ */ new Map();
    const failures = [];
    for (const day of days2) {
      const response = await fetch(`${server.url}/v1/models/${MODEL}/predict`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${CLIENT_TOKEN}` }, body: JSON.stringify({ rows: [day] }) });
      const text = await response.text();
      if (response.status === 200) {
        const version = String(JSON.parse(text).model_version);
        versions.set(version, (versions.get(version) ?? 0) + 1);
      } else {
        failures.push(`${response.status}: ${text}`);
      }
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return { versions, failures };
  }
  /** The server's prediction log files, once it holds at least `lines` lines (it is written off the request path). */
  async predictionLog(environment, lines) {
    const server = this.servers.get(environment);
    if (!server) throw new Error(`no prediction server for ${environment}`);
    const deadline = Date.now() + 1e4;
    for (; ; ) {
      const files = (await readdir(server.logDirectory)).filter((name) => name.startsWith("predictions-")).sort().map((name) => path4.join(server.logDirectory, name));
      let count = 0;
      for (const file of files) count += (await readFile3(file, "utf8")).split("\n").filter(Boolean).length;
      if (count >= lines) return files;
      if (Date.now() > deadline) throw new DemoFailure(`the prediction log of ${environment} holds ${count} lines, not the ${lines} requests answered`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async close() {
    for (const { process: serve } of this.servers.values()) {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
    await this.app.close();
    await this.sandbox.close();
  }
};

// src/demo/story.ts
var APPROVERS = ["alice", "erin", "bob"];
var COMPARED_METRICS = ["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted"];
async function tellStory(world, narrator) {
  const { sandbox } = world;
  await sandbox.sendInstallationEvent("created");
  await world.settle();
  const labels = (await world.as("octocat").rest.issues.listLabelsForRepo({ ...world.repo, per_page: 100 })).data.map((label) => label.name);
  narrator.step("GitHub and the app", `a local GitHub serves ${sandbox.repo.fullName} seeded with ${EXAMPLE} and .github/ghml.yml; the ghml app runs on Probot and created its ${labels.filter((name) => name.startsWith("ghml")).length} labels on installation`, [
    { label: "repository", url: `${sandbox.apiUrl}/repos/${sandbox.repo.fullName}` }
  ]);
  const validationV1 = await validate(world, narrator, windows.trainV1.file, windows.trainV1.description);
  const trainedV1 = await train(world, narrator, "v1", windows.trainV1.file);
  const evaluationV1 = await evaluate(world, narrator, "v1", trainedV1.modelPath);
  const v1 = await register(world, narrator, trainedV1, evaluationV1, validationV1, "staging");
  await approveAndMerge(world, narrator, v1.pullRequest, "staging", v1.version);
  await world.startServer("staging", `${MODEL}@staging`);
  await deploy(world, narrator, "staging", v1.version, "ghml serve started with seattle-weather@staging");
  await promote(world, narrator, v1.version, "production");
  await world.startServer("production", `${MODEL}@production`);
  await deploy(world, narrator, "production", v1.version, "ghml serve started with seattle-weather@production");
  const validationV2 = await validate(world, narrator, windows.trainV2.file, windows.trainV2.description);
  const trainedV2 = await train(world, narrator, "v2", windows.trainV2.file);
  const evaluationV2 = await evaluate(world, narrator, "v2", trainedV2.modelPath);
  narrator.chart({
    title: "v1 and v2 on the held-out half of 2014",
    categories: COMPARED_METRICS,
    series: [
      { name: "v1", values: COMPARED_METRICS.map((name) => evaluationV1.metrics[name]) },
      { name: "v2", values: COMPARED_METRICS.map((name) => evaluationV2.metrics[name]) }
    ],
    unit: "share"
  });
  const v2 = await register(world, narrator, trainedV2, evaluationV2, validationV2, "staging");
  await approveAndMerge(world, narrator, v2.pullRequest, "staging", v2.version);
  await deploy(world, narrator, "staging", v2.version);
  await promote(world, narrator, v2.version, "production");
  const firstHalf = await days(world, windows.replayH1.file);
  const [, replay] = await Promise.all([deploy(world, narrator, "production", v2.version), world.predictDays("production", firstHalf, 12)]);
  if (replay.failures.length > 0) throw new DemoFailure(`requests failed during the canary rollout: ${replay.failures.slice(0, 3).join("; ")}`);
  narrator.step("live traffic during the rollout", `${firstHalf.length} days of January\u2013June 2015 sent one request each while the canary rolled out: ${[...replay.versions].map(([version, count]) => `${count} answered by v${version}`).join(", ")}, none failed`);
  await driftCheck(world, narrator, firstHalf.length, "January\u2013June 2015");
  const secondHalf = await days(world, windows.replayH2.file);
  const late = await world.predictDays("production", secondHalf);
  if (late.failures.length > 0) throw new DemoFailure(`requests failed while replaying July\u2013December 2015: ${late.failures.slice(0, 3).join("; ")}`);
  const secondCheck = await driftCheck(world, narrator, firstHalf.length + secondHalf.length, "all of 2015");
  const temperature = secondCheck.report.columns.find((column) => column.name === "temp_max")?.distribution;
  if (temperature) {
    narrator.chart({
      title: "temp_max: what v2 learned from (2012 to June 2014) and what 2015 brought",
      categories: temperature.labels,
      series: [{ name: "reference", values: temperature.reference }, { name: "2015", values: temperature.current }],
      unit: "share"
    });
  }
  const { data: issues } = await world.as("octocat").rest.issues.listForRepo({ ...world.repo, labels: driftLabels.all, state: "open" });
  const issue = issues.find((candidate) => candidate.title === driftIssueTitle(MODEL, "production"));
  if (!issue) throw new DemoFailure(`the app opened no drift issue after two drifted reports (open drift issues: ${issues.map((candidate) => candidate.title).join(", ") || "none"})`);
  const severity = issue.labels.map((label) => typeof label === "string" ? label : label.name).filter((name) => name !== driftLabels.all).join(", ");
  narrator.step("the app opens a drift issue", `#${issue.number} "${issue.title}" (${severity}), with the drifted columns, a chart and the owners`, [{ label: `issue #${issue.number}`, url: issue.url }]);
  const dispatchedBefore = sandbox.dispatches.length;
  await world.as("alice").rest.issues.createComment({ ...world.repo, issue_number: issue.number, body: `/ghml retrain ${MODEL}` });
  await world.settle();
  const dispatch = sandbox.dispatches.slice(dispatchedBefore).find((record) => record.kind === "workflow_dispatch");
  if (!dispatch || dispatch.kind !== "workflow_dispatch") throw new DemoFailure("`/ghml retrain` dispatched no workflow");
  const { data: comments } = await world.as("octocat").rest.issues.listComments({ ...world.repo, issue_number: issue.number });
  const reply = comments.at(-1);
  narrator.step("/ghml retrain", `alice asked on #${issue.number}; the app dispatched ${dispatch.workflow} with model=${dispatch.inputs.model} and replied`, reply ? [{ label: "reply", url: reply.url }] : []);
  const violations = sandbox.contractViolations;
  if (violations.length > 0) throw new DemoFailure(`${violations.length} requests, responses or webhooks departed from GitHub's descriptions, e.g. ${violations[0].kind} ${violations[0].subject}: ${violations[0].message}`);
  narrator.step("GitHub's descriptions", `${[...sandbox.callLog.values()].reduce((sum, count) => sum + count, 0)} API requests and ${sandbox.deliveries.length} webhook deliveries, each checked against GitHub's OpenAPI description and webhook schemas: no departure`);
}
async function validate(world, narrator, file, description) {
  const step = await world.action("validate-data", { data: file, contract: `${EXAMPLE}/contract.yml`, "report-out": `reports/validation-${path5.basename(file, ".csv")}.json`, "profile-out": `reports/profile-${path5.basename(file, ".csv")}.json` });
  const report = await world.readJson(step.outputs["report-path"]);
  narrator.step("validate-data", `${description}: ${report.rows} rows meet ${EXAMPLE}/contract.yml (types, ranges, allowed labels, unique dates)`);
  return { reportPath: step.outputs["report-path"], profilePath: step.outputs["profile-path"] };
}
async function train(world, narrator, name, data) {
  const script = path5.join(world.packageRoot, EXAMPLE, "train.ts");
  const step = await world.action("train", {
    command: `node --import tsx ${script} --data ${data}`,
    model: MODEL,
    "model-path": `model/${MODEL}-${name}.onnx`,
    params: `${EXAMPLE}/params.yml`,
    seed: "0",
    data,
    "record-out": `reports/run-${name}.json`
  });
  const metrics = JSON.parse(step.outputs.metrics);
  narrator.step(`train ${name}`, `${EXAMPLE}/train.ts on ${data}: test accuracy ${metrics.accuracy.toFixed(3)}; run record with data fingerprint, parameters, environment and model sha256 ${step.outputs["model-sha256"].slice(0, 12)}`);
  return { modelPath: step.outputs["model-path"], recordPath: step.outputs["record-path"] };
}
async function evaluate(world, narrator, name, modelPath) {
  const baseline = `${MODEL}@production`;
  const step = await world.action("evaluate", {
    model: modelPath,
    data: windows.holdout.file,
    label: LABEL,
    contract: `${EXAMPLE}/contract.yml`,
    thresholds: `${EXAMPLE}/thresholds.yml`,
    baseline,
    "model-name": MODEL,
    "report-out": `reports/evaluation-${name}.json`,
    bootstrap: "200"
  });
  const report = await world.readJson(step.outputs["report-path"]);
  const versus = report.baseline ? `against the champion ${baseline}, paired on the same rows` : `with no champion yet (${baseline} holds no version): only the absolute bounds apply`;
  narrator.step(`evaluate ${name}`, `on ${windows.holdout.description}, ${versus}: accuracy ${report.metrics.accuracy.toFixed(3)}, gate ${report.gate.passed ? "passed" : "failed"} (${report.gate.checks.length} checks of ${EXAMPLE}/thresholds.yml)`);
  if (!report.gate.passed) throw new DemoFailure(`the evaluation gate of ${name} failed`);
  return { metrics: report.metrics, reportPath: step.outputs["report-path"] };
}
async function register(world, narrator, trained, evaluation, validation, stage) {
  const step = await world.action("register", {
    model: MODEL,
    "model-files": trained.modelPath,
    "run-record": trained.recordPath,
    "evaluation-report": evaluation.reportPath,
    "validation-report": validation.reportPath,
    "data-profile": validation.profilePath,
    "data-contract": `${EXAMPLE}/contract.yml`,
    owners: "@octo-org/ml-leads",
    "promote-to": stage
  });
  await world.settle();
  const pullRequest = Number(/\/pulls?\/(\d+)$/.exec(step.outputs["pull-request-url"] ?? "")?.[1]);
  if (!Number.isInteger(pullRequest)) throw new DemoFailure(`register opened no promotion pull request (pull-request-url: ${step.outputs["pull-request-url"] || "none"})`);
  const version = Number(step.outputs.version);
  narrator.step(`register v${version}`, `release ${step.outputs.tag} holds the package (${step.outputs["package-digest"].slice(0, 19)}\u2026); versions/${version}.json on the registry branch; promotion pull request #${pullRequest} to ${stage} opened`, [
    { label: `release ${step.outputs.tag}`, url: `${world.sandbox.apiUrl}/repos/${world.sandbox.repo.fullName}/releases/tags/${encodeURIComponent(step.outputs.tag)}` },
    { label: `pull request #${pullRequest}`, url: await pullUrl(world, pullRequest) }
  ]);
  return { version, pullRequest };
}
async function pullUrl(world, pull) {
  return (await world.as("octocat").rest.pulls.get({ ...world.repo, pull_number: pull })).data.url;
}
async function promotionCheck(world, pull) {
  const { data: pr } = await world.as("octocat").rest.pulls.get({ ...world.repo, pull_number: pull });
  const { data } = await world.as("octocat").rest.checks.listForRef({ ...world.repo, ref: pr.head.sha, check_name: PROMOTION_CHECK });
  const [check] = data.check_runs;
  if (!check) throw new DemoFailure(`the app ran no ${PROMOTION_CHECK} check on pull request #${pull}`);
  return { conclusion: check.conclusion, title: check.output.title ?? "", url: check.url };
}
async function approveAndMerge(world, narrator, pull, stage, version) {
  let check = await promotionCheck(world, pull);
  const verdicts = [`before reviews ${check.conclusion} (${check.title})`];
  for (const [i, login] of APPROVERS.entries()) {
    await world.as(login).rest.pulls.createReview({ ...world.repo, pull_number: pull, event: "APPROVE" });
    await world.settle();
    check = await promotionCheck(world, pull);
    const quorum = i === APPROVERS.length - 1;
    if (check.conclusion === "success" !== quorum) throw new DemoFailure(`${PROMOTION_CHECK} on #${pull} was ${check.conclusion} after ${i + 1} of ${APPROVERS.length} required approvals: ${check.title}`);
    verdicts.push(`${login} approves \u2192 ${check.conclusion}${quorum ? "" : ` (${check.title})`}`);
  }
  narrator.step(`policy check on #${pull}`, `${PROMOTION_CHECK} for v${version} to ${stage}: ${verdicts.join("; ")}`, [{ label: `check run`, url: check.url }]);
  const deploymentsBefore = world.sandbox.deliveries.filter((delivery) => delivery.event === "deployment").length;
  await world.as("octocat").rest.pulls.merge({ ...world.repo, pull_number: pull });
  await world.settle();
  const deployment = world.sandbox.deliveries.filter((delivery) => delivery.event === "deployment").slice(deploymentsBefore).at(-1);
  if (!deployment) throw new DemoFailure(`merging #${pull} created no deployment`);
  const payload = deployment.payload.deployment;
  narrator.step(`merge #${pull}`, `${MODEL}@${stage} is v${version} on the registry branch; the app created deployment ${payload.id} to ${payload.environment} (${payload.payload.strategy})`, [{ label: `deployment ${payload.id}`, url: payload.url }]);
}
async function deploy(world, narrator, environment, version, started) {
  const delivery = world.sandbox.deliveries.filter((entry) => entry.event === "deployment" && entry.payload.deployment.environment === environment).at(-1);
  if (!delivery) throw new DemoFailure(`no deployment to ${environment} was created`);
  const { inputs, env } = world.deployInputs(environment);
  const step = await world.action("deploy", inputs, { event: { name: "deployment", payload: delivery.payload }, env });
  const report = await world.readJson(step.outputs["report-path"]);
  if (step.outputs.result !== "succeeded" || step.outputs.version !== String(version)) throw new DemoFailure(`deploying v${version} to ${environment} ended ${step.outputs.result} with v${step.outputs.version}`);
  const deployment = delivery.payload.deployment;
  const { data: statuses } = await world.as("octocat").rest.repos.listDeploymentStatuses({ ...world.repo, deployment_id: deployment.id });
  const links = [{ label: `deployment ${deployment.id} statuses`, url: `${deployment.url}/statuses` }];
  const rollout = report.steps.length > 0 ? report.steps.map((entry) => `${entry.name} ${entry.passed ? "\u2713" : "\u2717"}`).join(", ") : `v${version} already serves`;
  narrator.step(`deploy v${version} to ${environment}`, `${started ? `${started}; ` : ""}${deployment.payload.strategy}: ${rollout}; statuses ${statuses.map((status) => status.state).reverse().join(" \u2192 ")}`, links);
}
async function promote(world, narrator, version, stage) {
  const opened = await world.cli("octocat", ["promote", MODEL, String(version), "--to", stage]);
  const pull = Number(/#(\d+)/.exec(opened)?.[1]);
  if (!Number.isInteger(pull)) throw new DemoFailure(`ghml promote opened no pull request: ${opened}`);
  await world.settle();
  narrator.step(`promote v${version} to ${stage}`, `octocat ran \`ghml promote ${MODEL} ${version} --to ${stage}\`: ${opened.split(":")[0]}`, [{ label: `pull request #${pull}`, url: await pullUrl(world, pull) }]);
  await approveAndMerge(world, narrator, pull, stage, version);
}
async function days(world, file) {
  const [header, ...lines] = (await readFile4(world.path(file), "utf8")).trim().split("\n");
  const columns = header.split(",");
  const features = ["precipitation", "temp_max", "temp_min", "wind"];
  return lines.map((line) => {
    const fields = line.split(",");
    return Object.fromEntries(features.map((name) => [name, Number(fields[columns.indexOf(name)])]));
  });
}
async function driftCheck(world, narrator, answered, period) {
  const current = await world.predictionLog("production", answered);
  const step = await world.action("drift-check", {
    reference: windows.trainV2.file,
    current: current.join("\n"),
    contract: `${EXAMPLE}/contract.yml`,
    config: `${EXAMPLE}/drift.yml`,
    model: MODEL,
    environment: "production"
  });
  await world.settle();
  const report = DriftReport.parse(await world.readJson(step.outputs["report-path"]));
  const drifted = report.columns.filter((column) => column.drifted).map((column) => `${column.name} (${column.method}, p=${column.pValue?.toPrecision(2) ?? "\u2013"})`);
  const head = (await world.sandbox.repo.git(["rev-parse", "ghml/registry"])).trim();
  narrator.step(`drift-check, ${period}`, `the prediction log of production against v2's training data: ${report.drifted ? "drift" : "no drift"}${drifted.length > 0 ? ` in ${drifted.join(", ")}` : ""}; report filed on the registry branch`, [
    { label: step.outputs["registry-path"], url: `${world.sandbox.apiUrl}/repos/${world.sandbox.repo.fullName}/contents/${step.outputs["registry-path"]}?ref=${head}` }
  ]);
  return { report };
}

// src/demo/index.ts
async function runDemo(options) {
  const packageRoot = ghmlPackageRoot();
  const seed = path6.join(options.directory, "seed");
  await writeSeedRepository(packageRoot, seed);
  const narrator = new Narrator(options.say);
  const world = await DemoWorld.start(packageRoot, options.directory, seed);
  try {
    await tellStory(world, narrator);
    const report = {
      title: "ghml demo: the Seattle weather model from first commit to retraining",
      sandboxUrl: world.sandbox.url,
      repository: world.sandbox.repo.fullName,
      seconds: narrator.elapsedSeconds(),
      steps: narrator.steps,
      charts: narrator.charts
    };
    const reports = path6.join(options.directory, "report");
    await mkdir3(reports, { recursive: true });
    const markdownReport = path6.join(reports, "demo.md");
    const htmlReport = path6.join(reports, "demo.html");
    await writeFile3(markdownReport, renderDemoMarkdown(report));
    await writeFile3(htmlReport, renderDemoHtml(report));
    if (options.keep) {
      await options.keep({
        sandboxUrl: world.sandbox.url,
        apiUrl: world.sandbox.apiUrl,
        repository: world.sandbox.repo.fullName,
        tokens: world.sandbox.tokens,
        servers: [...world.servers.values()].map((server) => ({ environment: server.environment, url: server.url }))
      });
    }
    return { steps: narrator.steps, seconds: report.seconds, markdownReport, htmlReport };
  } finally {
    await world.close();
  }
}
export {
  DemoFailure,
  runDemo
};
