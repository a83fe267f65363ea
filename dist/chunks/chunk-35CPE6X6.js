import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  readerFor,
  writeJson
} from "./chunk-3C6XEXBA.js";
import {
  RunRecord
} from "./chunk-GDY5R3NU.js";
import {
  external_exports,
  parseDocumentText,
  table
} from "./chunk-FKGEWHBH.js";
import {
  require_dist
} from "./chunk-VBZT3NS6.js";
import {
  sha256OfFile
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";
import {
  __toESM
} from "./chunk-XKNLEOOD.js";

// src/train/checkpoint.ts
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
var slug = (text2) => text2.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 64);
function checkpointKey(scope, now) {
  const { env } = scope;
  const identity = JSON.stringify([scope.model, scope.command, scope.params, scope.seed, env.GITHUB_REPOSITORY ?? null, env.GITHUB_WORKFLOW ?? null, env.GITHUB_JOB ?? null, env.GITHUB_RUN_ID ?? null]);
  const digest = createHash("sha256").update(identity).digest("hex").slice(0, 16);
  const prefix = `ghml-checkpoint-${slug(scope.model)}-${digest}-`;
  const attempt = env.GITHUB_RUN_ATTEMPT ?? "1";
  return { save: `${prefix}${attempt}-${now.getTime()}`, restorePrefixes: [prefix] };
}
async function directoryContents(directory) {
  const entries2 = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  let files = 0;
  let bytes = 0;
  for (const entry of entries2) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
var DirectoryCheckpointStore = class {
  constructor(root) {
    this.root = root;
    this.description = `directory ${root}`;
  }
  root;
  description;
  async restore(directory, restorePrefixes) {
    const entries2 = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const prefix of restorePrefixes) {
      const candidates = entries2.filter((e) => e.isDirectory() && e.name.startsWith(prefix));
      if (candidates.length === 0) continue;
      const dated = await Promise.all(candidates.map(async (e) => ({ name: e.name, saved: (await stat(path.join(this.root, e.name))).mtimeMs })));
      const newest = dated.sort((a, b) => b.saved - a.saved || b.name.localeCompare(a.name))[0];
      await mkdir(directory, { recursive: true });
      await cp(path.join(this.root, newest.name), directory, { recursive: true, force: true });
      return newest.name;
    }
    return null;
  }
  async save(directory, key) {
    const staging = path.join(this.root, `.saving-${key}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(this.root, { recursive: true });
    await cp(directory, staging, { recursive: true });
    await rename(staging, path.join(this.root, key));
  }
};

// src/train/params.ts
import { readFile, stat as stat2 } from "node:fs/promises";
import path2 from "node:path";
var ParamsDocument = external_exports.record(external_exports.string(), external_exports.json(), { error: 'params must be a mapping of names to values, e.g. {"learning_rate": 0.1}' });
async function readParams(input, workingDirectory) {
  if (input === void 0 || input.trim() === "") return {};
  const text2 = input.trim();
  if (!text2.includes("\n")) {
    const file = path2.resolve(workingDirectory, text2);
    if ((await stat2(file).catch(() => void 0))?.isFile()) return parseDocumentText(await readFile(file, "utf8"), text2, ParamsDocument, "params file", "params");
    if (/\.(ya?ml|json)$/i.test(text2)) throw new ConfigurationError(`params file "${text2}" does not exist in ${workingDirectory}: params paths are relative to working-directory`, { input: "params" });
  }
  return parseDocumentText(text2, "params", ParamsDocument, "params", "params");
}
function paramVariable(name) {
  return `GHML_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
function paramVariables(params) {
  const variables = {};
  const owners = /* @__PURE__ */ new Map();
  for (const [name, value] of Object.entries(params)) {
    const variable = paramVariable(name);
    const other = owners.get(variable);
    if (other !== void 0) throw new ConfigurationError(`params "${other}" and "${name}" would both be ${variable}: rename one`, { input: "params" });
    owners.set(variable, name);
    variables[variable] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return variables;
}

// src/train/process.ts
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path3 from "node:path";
import { StringDecoder } from "node:string_decoder";
function processSignals(signals = ["SIGINT", "SIGTERM"]) {
  return {
    subscribe(listener) {
      for (const signal of signals) process.on(signal, listener);
      return () => {
        for (const signal of signals) process.off(signal, listener);
      };
    }
  };
}
async function isExecutable(file) {
  return access(file, constants.X_OK).then(
    () => true,
    () => false
  );
}
async function shellFor(command, env) {
  for (const dir of (env.PATH ?? "").split(path3.delimiter).filter(Boolean)) {
    if (await isExecutable(path3.join(dir, "bash"))) return { file: path3.join(dir, "bash"), args: ["--noprofile", "--norc", "-eo", "pipefail", "-c", command] };
  }
  return { file: "/bin/sh", args: ["-e", "-c", command] };
}
var DRAIN_MS = 2e3;
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
async function groupGone(pid, withinMs) {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
async function runCommand(options) {
  const shell = await shellFor(options.command, options.env);
  const child = spawn(shell.file, shell.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    // A new session, so the command leads its own process group and -pid reaches all of it.
    detached: true
  });
  const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  child.stdout.on("data", (chunk) => options.output(decoders.stdout.write(chunk), "stdout"));
  child.stderr.on("data", (chunk) => options.output(decoders.stderr.write(chunk), "stderr"));
  let ending = "exited";
  let stopSignal = null;
  let killTimer;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
    }
  };
  const stop = (signal, why) => {
    if (ending === "exited") ending = why;
    if (why === "cancelled") stopSignal ??= signal;
    signalGroup(signal);
    killTimer ??= setTimeout(() => signalGroup("SIGKILL"), options.killAfterMs);
  };
  const timeout = options.timeoutMs === void 0 ? void 0 : setTimeout(() => stop("SIGTERM", "timed-out"), options.timeoutMs);
  const unsubscribe = options.cancellation?.subscribe((signal) => stop(signal, "cancelled"));
  try {
    const [exitCode, signal] = await new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, sig) => resolve([code, sig]));
    });
    if (ending !== "exited") await groupGone(child.pid, options.killAfterMs + DRAIN_MS);
    await new Promise((resolve) => {
      if (child.stdout.readableEnded && child.stderr.readableEnded) return resolve();
      const drained = setTimeout(resolve, DRAIN_MS);
      child.once("close", () => {
        clearTimeout(drained);
        resolve();
      });
    });
    for (const stream of ["stdout", "stderr"]) {
      const rest = decoders[stream].end();
      if (rest) options.output(rest, stream);
    }
    return { ending, exitCode, signal, stopSignal };
  } finally {
    clearTimeout(timeout);
    clearTimeout(killTimer);
    unsubscribe?.();
    child.stdout.destroy();
    child.stderr.destroy();
  }
}

// src/steps/train.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir2, stat as stat6, writeFile } from "node:fs/promises";
import path7 from "node:path";

// src/train/data-lineage.ts
var import_yaml = __toESM(require_dist(), 1);
import { createHash as createHash2 } from "node:crypto";
import { readdir as readdir2, readFile as readFile2, stat as stat3 } from "node:fs/promises";
import path4 from "node:path";
var TABULAR = /\.(csv|tsv|txt|jsonl|ndjson|parquet|pq)$/i;
async function checkDataPaths(paths, workingDirectory) {
  for (const given of paths) {
    if (!await stat3(path4.resolve(workingDirectory, given)).catch(() => void 0)) {
      throw new ConfigurationError(`data path "${given}" does not exist in ${workingDirectory}: data paths are relative to working-directory`, { input: "data" });
    }
  }
}
async function expand(given, workingDirectory) {
  const absolute = path4.resolve(workingDirectory, given);
  if (!(await stat3(absolute)).isDirectory()) return [given];
  const entries2 = await readdir2(absolute, { recursive: true, withFileTypes: true });
  return entries2.filter((e) => e.isFile()).map((e) => path4.join(given, path4.relative(absolute, path4.join(e.parentPath, e.name)))).sort();
}
async function fingerprintTabular(file, absolute) {
  const { reader, fingerprint } = readerFor(absolute);
  try {
    await reader.open();
    for await (const _batch of reader.batches([], () => {
    })) ;
    return { ...await fingerprint(), path: file };
  } catch (error) {
    if (error instanceof DataError) return void 0;
    throw error;
  } finally {
    await reader.close();
  }
}
async function fingerprintData(paths, workingDirectory) {
  const files = [];
  const otherFiles = [];
  for (const given of paths) {
    for (const file of await expand(given, workingDirectory)) {
      const absolute = path4.resolve(workingDirectory, file);
      const tabular = TABULAR.test(file) ? await fingerprintTabular(file, absolute) : void 0;
      if (tabular) files.push(tabular);
      else otherFiles.push({ path: file, bytes: (await stat3(absolute)).size, sha256: await sha256OfFile(absolute) });
    }
  }
  if (files.length + otherFiles.length === 0) return { files, otherFiles, fingerprint: null };
  const hash = createHash2("sha256");
  for (const file of [...files, ...otherFiles]) hash.update(`${file.sha256}
`);
  return { files, otherFiles, fingerprint: hash.digest("hex") };
}
var SKIPPED = /* @__PURE__ */ new Set([".git", ".dvc", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"]);
var MAX_ENTRIES = 2e4;
async function findDvcFiles(workingDirectory) {
  const found = [];
  const queue = [""];
  let seen = 0;
  while (queue.length > 0) {
    const relative = queue.shift();
    const entries2 = await readdir2(path4.join(workingDirectory, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries2.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++seen > MAX_ENTRIES) return { files: found, truncated: true };
      const child = path4.join(relative, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) queue.push(child);
      else if (entry.isFile() && (entry.name.endsWith(".dvc") || entry.name === "dvc.lock")) found.push(child);
    }
  }
  return { files: found, truncated: false };
}
function pointer(source, stage, role, entry) {
  if (typeof entry !== "object" || entry === null || typeof entry.path !== "string") return void 0;
  const text2 = (key) => typeof entry[key] === "string" ? entry[key] : null;
  const count = (key) => typeof entry[key] === "number" && Number.isInteger(entry[key]) && entry[key] >= 0 ? entry[key] : null;
  const hash = text2("md5") ?? text2("etag") ?? text2("checksum");
  const algorithm = text2("hash") ?? (text2("md5") ? "md5" : text2("etag") ? "etag" : text2("checksum") ? "checksum" : null);
  return { source, stage, role, path: entry.path, hash, hashAlgorithm: algorithm, size: count("size"), files: count("nfiles") };
}
function entries(list) {
  return Array.isArray(list) ? list : [];
}
function parseDvcFile(source, text2) {
  let document;
  try {
    document = (0, import_yaml.parse)(text2);
  } catch {
    return [];
  }
  if (typeof document !== "object" || document === null) return [];
  const doc = document;
  const pointers = [];
  if (path4.basename(source) === "dvc.lock") {
    const stages = typeof doc.stages === "object" && doc.stages !== null ? doc.stages : doc;
    for (const [stage, body] of Object.entries(stages)) {
      if (typeof body !== "object" || body === null) continue;
      for (const dep of entries(body.deps)) pointers.push(pointer(source, stage, "dep", dep));
      for (const out of entries(body.outs)) pointers.push(pointer(source, stage, "out", out));
    }
  } else {
    for (const dep of entries(doc.deps)) pointers.push(pointer(source, null, "dep", dep));
    for (const out of entries(doc.outs)) pointers.push(pointer(source, null, "out", out));
  }
  return pointers.filter((p) => p !== void 0);
}
async function readDvcPointers(workingDirectory) {
  const { files, truncated } = await findDvcFiles(workingDirectory);
  const pointers = [];
  for (const file of files) {
    const text2 = await readFile2(path4.join(workingDirectory, file), "utf8");
    pointers.push(...parseDvcFile(file.split(path4.sep).join("/"), text2));
  }
  return { pointers, truncated };
}

// src/train/environment.ts
import { execFile } from "node:child_process";
import { access as access2, readdir as readdir3, readFile as readFile3, stat as stat4 } from "node:fs/promises";
import os from "node:os";
import path5 from "node:path";
function execute(file, args, options) {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 3e4, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr })
    );
  });
}
var nonEmpty = (value) => value === void 0 || value === "" ? null : value;
function workflowRunUrl(env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return server && repository && runId ? `${server.replace(/\/$/, "")}/${repository}/actions/runs/${runId}` : null;
}
function captureTrigger(env) {
  const inActions = env.GITHUB_ACTIONS === "true";
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return {
    event: inActions ? nonEmpty(env.GITHUB_EVENT_NAME) : "cli",
    actor: nonEmpty(inActions ? env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR : env.USER ?? env.USERNAME),
    repository: nonEmpty(env.GITHUB_REPOSITORY),
    ref: nonEmpty(env.GITHUB_REF),
    sha: nonEmpty(env.GITHUB_SHA),
    workflow: nonEmpty(env.GITHUB_WORKFLOW),
    job: nonEmpty(env.GITHUB_JOB),
    runId: nonEmpty(env.GITHUB_RUN_ID),
    runAttempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
    runUrl: workflowRunUrl(env)
  };
}
async function captureGit(cwd, env) {
  const git = (...args) => execute("git", args, { cwd, env });
  const head = await git("rev-parse", "HEAD");
  if (!head.ok) return null;
  const branch = await git("symbolic-ref", "--short", "-q", "HEAD");
  const status = await git("status", "--porcelain", "--untracked-files=no");
  return {
    commit: head.stdout.trim(),
    // Actions check out a detached HEAD; the branch is then only known from the event.
    branch: branch.ok ? branch.stdout.trim() : nonEmpty(env.GITHUB_HEAD_REF) ?? nonEmpty(env.GITHUB_REF_NAME),
    dirty: status.stdout.trim() !== ""
  };
}
var LOCK_FILE_PATTERNS = [
  /^requirements.*\.txt$/,
  /^constraints.*\.txt$/,
  /^poetry\.lock$/,
  /^uv\.lock$/,
  /^Pipfile\.lock$/,
  /^pdm\.lock$/,
  /^pixi\.lock$/,
  /^conda-lock\.ya?ml$/,
  /^environment\.ya?ml$/,
  /^package-lock\.json$/,
  /^yarn\.lock$/,
  /^pnpm-lock\.yaml$/,
  /^Cargo\.lock$/,
  /^go\.sum$/,
  /^renv\.lock$/,
  /^Manifest\.toml$/
];
async function findLockFiles(cwd) {
  const entries2 = await readdir3(cwd, { withFileTypes: true });
  const lockFiles = [];
  for (const entry of entries2.filter((e) => e.isFile() && LOCK_FILE_PATTERNS.some((p) => p.test(e.name))).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path5.join(cwd, entry.name);
    lockFiles.push({ path: entry.name, bytes: (await stat4(file)).size, sha256: await sha256OfFile(file) });
  }
  return lockFiles;
}
async function exists(file) {
  return access2(file).then(
    () => true,
    () => false
  );
}
async function detectContainer(env) {
  const image = nonEmpty(env.GHML_CONTAINER_IMAGE);
  if (env.KUBERNETES_SERVICE_HOST) return { runtime: "kubernetes", image };
  if (await exists("/.dockerenv")) return { runtime: "docker", image };
  if (await exists("/run/.containerenv")) return { runtime: "podman", image };
  return image ? { runtime: "unknown", image } : null;
}
async function osName() {
  const release = await readFile3("/etc/os-release", "utf8").catch(() => "");
  const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
  return match ? match[1] : null;
}
async function capturePython(cwd, env) {
  for (const executable of ["python3", "python"]) {
    const version = await execute(executable, ["--version"], { cwd, env, timeoutMs: 15e3 });
    if (!version.ok) continue;
    const freeze = await execute(executable, ["-m", "pip", "freeze", "--disable-pip-version-check"], { cwd, env, timeoutMs: 6e4 });
    const said = (version.stdout || version.stderr).trim();
    return {
      executable,
      version: said.replace(/^Python\s+/, "") || null,
      packages: freeze.ok ? freeze.stdout.split(/\r?\n/).filter(Boolean) : null,
      reason: freeze.ok ? null : `pip freeze failed: ${freeze.stderr.trim().split("\n").pop() ?? "no output"}`
    };
  }
  return null;
}
async function captureEnvironment(cwd, env) {
  const cpus = os.cpus();
  const [name, container, lockFiles, python] = await Promise.all([osName(), detectContainer(env), findLockFiles(cwd), capturePython(cwd, env)]);
  return {
    os: { platform: os.platform(), release: os.release(), name },
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() || "unknown", count: Math.max(1, cpus.length) },
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    runner: env.GITHUB_ACTIONS === "true" ? {
      name: nonEmpty(env.RUNNER_NAME),
      os: nonEmpty(env.RUNNER_OS),
      arch: nonEmpty(env.RUNNER_ARCH),
      environment: nonEmpty(env.RUNNER_ENVIRONMENT),
      labels: env.RUNNER_LABELS ? env.RUNNER_LABELS.split(",").map((l) => l.trim()).filter(Boolean) : null
    } : null,
    container,
    workflowRunUrl: workflowRunUrl(env),
    lockFiles,
    python
  };
}

// src/train/gpu.ts
import { execFile as execFile2 } from "node:child_process";
var GPU_QUERY_FIELDS = ["index", "uuid", "name", "driver_version", "utilization.gpu", "memory.used", "memory.total", "power.draw", "temperature.gpu"];
var GPU_QUERY_ARGS = [`--query-gpu=${GPU_QUERY_FIELDS.join(",")}`, "--format=csv,noheader,nounits"];
function reading(field) {
  const value = field.trim();
  if (value === "" || value.startsWith("[") || value === "N/A") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
function parseGpuQuery(text2) {
  const readings = [];
  for (const line of text2.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const fields2 = line.split(",").map((field) => field.trim());
    if (fields2.length !== GPU_QUERY_FIELDS.length) throw new Error(`unexpected nvidia-smi line (${fields2.length} fields, ${GPU_QUERY_FIELDS.length} expected): ${line}`);
    const [index, uuid, name, driverVersion, utilization, memoryUsed, memoryTotal, power, temperature] = fields2;
    readings.push({
      index: Number(index),
      uuid,
      name,
      driverVersion,
      utilizationPercent: reading(utilization),
      memoryUsedMiB: reading(memoryUsed),
      memoryTotalMiB: reading(memoryTotal),
      powerWatts: reading(power),
      temperatureC: reading(temperature)
    });
  }
  return readings;
}
function parseCudaVersion(text2) {
  return /CUDA Version:\s*([0-9][0-9.]*)/.exec(text2)?.[1] ?? null;
}
function parseGpuList(text2) {
  const devices = [];
  let parent;
  for (const line of text2.split(/\r?\n/)) {
    const gpu = /^GPU \d+: .*\(UUID: (GPU-[^)\s]+)\)/.exec(line);
    if (gpu) {
      parent = gpu[1];
      continue;
    }
    const mig = /^\s+MIG (\S+)\s+Device\s+(\d+): \(UUID: (MIG-[^)\s]+)\)/.exec(line);
    if (mig && parent) devices.push({ uuid: mig[3], profile: mig[1], device: Number(mig[2]), parentUuid: parent });
  }
  return devices;
}
function migReading(parent, uuid, what) {
  return { ...parent, uuid, parentUuid: parent.uuid, name: `${parent.name} ${what}` };
}
function matchMig(entry, readings, migDevices) {
  const listed = migDevices.find((device) => device.uuid.startsWith(entry));
  const listedParent = listed && readings.find((r) => r.uuid === listed.parentUuid);
  if (listed && listedParent) return migReading(listedParent, listed.uuid, `MIG ${listed.profile}`);
  const old = /^MIG-(GPU-[^/]+)\/(\d+)\/(\d+)$/.exec(entry);
  const parent = old && readings.find((r) => r.uuid === old[1]);
  return parent ? migReading(parent, entry, `MIG (GPU instance ${old[2]}, compute instance ${old[3]})`) : void 0;
}
function visibleGpus(readings, cudaVisibleDevices, migDevices = []) {
  if (cudaVisibleDevices === void 0) return readings;
  const visible = [];
  for (const entry of cudaVisibleDevices.split(",").map((e) => e.trim())) {
    const match = /^\d+$/.test(entry) ? readings.find((r) => r.index === Number(entry)) : entry.startsWith("GPU-") ? readings.find((r) => r.uuid.startsWith(entry)) : entry.startsWith("MIG-") ? matchMig(entry, readings, migDevices) : void 0;
    if (!match || visible.some((gpu) => gpu.uuid === match.uuid)) break;
    visible.push(match);
  }
  return visible;
}
var namesMigDevice = (cudaVisibleDevices) => (cudaVisibleDevices ?? "").split(",").some((entry) => entry.trim().startsWith("MIG-"));
function nvidiaSmi(args, env) {
  return new Promise((resolve) => {
    execFile2("nvidia-smi", args, { env, timeout: 15e3, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      const code = error.code;
      if (code === "ENOENT") return resolve({ ok: false, reason: "nvidia-smi is not on PATH: no NVIDIA driver on this machine" });
      const said = `${stdout}
${stderr}`.split("\n").map((l) => l.trim()).find(Boolean);
      resolve({ ok: false, reason: `nvidia-smi failed${said ? `: ${said}` : ` (${error.message})`}` });
    });
  });
}
async function probeGpus(env) {
  const query = await nvidiaSmi(GPU_QUERY_ARGS, env);
  if (!query.ok) return { gpus: [], reason: query.reason, cudaVersion: null };
  const all = parseGpuQuery(query.stdout);
  const list = namesMigDevice(env.CUDA_VISIBLE_DEVICES) ? await nvidiaSmi(["-L"], env) : void 0;
  const gpus = visibleGpus(all, env.CUDA_VISIBLE_DEVICES, list?.ok ? parseGpuList(list.stdout) : []);
  const header = await nvidiaSmi([], env);
  const cudaVersion = header.ok ? parseCudaVersion(header.stdout) : null;
  if (all.length === 0) return { gpus, reason: "nvidia-smi lists no GPUs", cudaVersion };
  if (gpus.length === 0) {
    const unlisted = list && !list.ok ? ` (its MIG devices could not be listed: ${list.reason})` : list ? " (no MIG device it names is in nvidia-smi -L)" : "";
    return { gpus, reason: `CUDA_VISIBLE_DEVICES="${env.CUDA_VISIBLE_DEVICES}" hides all ${all.length} GPUs${unlisted}`, cudaVersion };
  }
  return { gpus, reason: null, cudaVersion };
}
var DeviceStatistics = class {
  constructor(identity) {
    this.identity = identity;
  }
  identity;
  samples = 0;
  utilization = { sum: 0, max: -Infinity, count: 0 };
  power = { sum: 0, max: -Infinity, count: 0 };
  memoryUsedMax = null;
  temperatureMax = null;
  add(reading2) {
    this.samples++;
    for (const [stat7, value] of [
      [this.utilization, reading2.utilizationPercent],
      [this.power, reading2.powerWatts]
    ]) {
      if (value === null) continue;
      stat7.sum += value;
      stat7.count++;
      stat7.max = Math.max(stat7.max, value);
    }
    if (reading2.memoryUsedMiB !== null) this.memoryUsedMax = Math.max(this.memoryUsedMax ?? 0, reading2.memoryUsedMiB);
    if (reading2.temperatureC !== null) this.temperatureMax = Math.max(this.temperatureMax ?? -Infinity, reading2.temperatureC);
  }
  summary() {
    const meanMax = (stat7) => stat7.count === 0 ? null : { mean: stat7.sum / stat7.count, max: stat7.max };
    return {
      index: this.identity.index,
      uuid: this.identity.uuid,
      name: this.identity.name,
      driverVersion: this.identity.driverVersion,
      memoryTotalMiB: this.identity.memoryTotalMiB,
      samples: this.samples,
      utilizationPercent: meanMax(this.utilization),
      memoryUsedMaxMiB: this.memoryUsedMax,
      powerWatts: meanMax(this.power),
      temperatureMaxC: this.temperatureMax
    };
  }
};
function summarizeGpuSamples(probe, samples, intervalSeconds) {
  const statistics = probe.gpus.map((gpu) => ({ sampledAs: gpu.parentUuid ?? gpu.uuid, device: new DeviceStatistics(gpu) }));
  for (const sample of samples) {
    for (const reading2 of sample) for (const { sampledAs, device } of statistics) if (sampledAs === reading2.uuid) device.add(reading2);
  }
  return {
    available: probe.gpus.length > 0,
    reason: probe.reason,
    cudaVersion: probe.cudaVersion,
    sampleIntervalSeconds: intervalSeconds,
    devices: statistics.map(({ device }) => device.summary())
  };
}
var GpuSampler = class {
  constructor(probe, intervalSeconds, env) {
    this.probe = probe;
    this.intervalSeconds = intervalSeconds;
    this.env = env;
  }
  probe;
  intervalSeconds;
  env;
  samples = [];
  timer;
  pending;
  stopped = false;
  start() {
    if (this.probe.gpus.length === 0) return;
    this.pending = this.sample();
  }
  async sample() {
    const result = await nvidiaSmi(GPU_QUERY_ARGS, this.env);
    if (result.ok) {
      try {
        this.samples.push(parseGpuQuery(result.stdout));
      } catch {
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => this.pending = this.sample(), this.intervalSeconds * 1e3);
  }
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pending;
    return summarizeGpuSamples(this.probe, this.samples, this.intervalSeconds);
  }
};

// src/train/metrics.ts
import { createReadStream } from "node:fs";
import { readFile as readFile4 } from "node:fs/promises";
import { createInterface } from "node:readline";
var MAX_POINTS = 200;
function downsample(points, limit = MAX_POINTS) {
  if (points.length <= limit) return points;
  return Array.from({ length: limit }, (_, i) => points[Math.round(i * (points.length - 1) / (limit - 1))]);
}
function summarize(name, steps, values) {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    name,
    count: values.length,
    first: values[0],
    last: values[values.length - 1],
    min,
    max,
    points: downsample(steps.map((step, i) => ({ step, value: values[i] })))
  };
}
var isNumber = (value) => typeof value === "number" && Number.isFinite(value);
var excerpt = (line) => line.length > 60 ? `${line.slice(0, 60)}\u2026` : line;
async function readMetrics(metricsFile, finalMetricsFile) {
  const warnings = [];
  const series = /* @__PURE__ */ new Map();
  const lines = createInterface({ input: createReadStream(metricsFile, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === "") continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        warnings.push(`metrics line ${lineNumber} is not JSON, skipped: ${excerpt(line)}`);
        continue;
      }
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        warnings.push(`metrics line ${lineNumber} is not a JSON object, skipped: ${excerpt(line)}`);
        continue;
      }
      const record = entry;
      for (const [name, value] of Object.entries(record)) {
        if (name === "step" || !isNumber(value)) continue;
        let points = series.get(name);
        if (!points) series.set(name, points = { steps: [], values: [] });
        points.steps.push(isNumber(record.step) ? record.step : points.values.length + 1);
        points.values.push(value);
      }
    }
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    warnings.push("the metrics file was removed by the command: no series recorded");
  }
  const final = {};
  for (const [name, points] of series) final[name] = points.values[points.values.length - 1];
  const finalText = await readFile4(finalMetricsFile, "utf8").catch(() => void 0);
  if (finalText !== void 0) {
    let parsed;
    try {
      parsed = JSON.parse(finalText);
    } catch {
      parsed = void 0;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      warnings.push(`the final metrics file is not a JSON object, ignored: ${excerpt(finalText.trim())}`);
    } else {
      for (const [name, value] of Object.entries(parsed)) {
        if (isNumber(value)) final[name] = value;
        else warnings.push(`final metric "${name}" is not a number, ignored`);
      }
    }
  }
  return {
    final,
    series: [...series].map(([name, points]) => summarize(name, points.steps, points.values)),
    warnings
  };
}

// src/train/model-artifact.ts
import { createHash as createHash3 } from "node:crypto";
import { readdir as readdir4, stat as stat5 } from "node:fs/promises";
import path6 from "node:path";

// src/train/onnx-signature.ts
import { open } from "node:fs/promises";
var ELEMENT_TYPES = {
  0: "undefined",
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  14: "complex64",
  15: "complex128",
  16: "bfloat16",
  17: "float8e4m3fn",
  18: "float8e4m3fnuz",
  19: "float8e5m2",
  20: "float8e5m2fnuz",
  21: "uint4",
  22: "int4",
  23: "float4e2m1"
};
var WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 };
var MalformedModel = class extends Error {
};
var FileBytes = class {
  constructor(handle, size) {
    this.handle = handle;
    this.size = size;
  }
  handle;
  size;
  window = new Uint8Array(0);
  windowStart = 0;
  async read(position, length) {
    const end = Math.min(position + length, this.size);
    if (position < this.windowStart || end > this.windowStart + this.window.length) {
      const buffer = Buffer.alloc(Math.max(end - position, 64 * 1024));
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position);
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = position;
    }
    return this.window.subarray(position - this.windowStart, end - this.windowStart);
  }
};
async function readVarint(bytes, position, end) {
  const chunk = await bytes.read(position, Math.min(10, end - position));
  let value = 0n;
  for (let i = 0; i < chunk.length; i++) {
    value |= BigInt(chunk[i] & 127) << BigInt(7 * i);
    if ((chunk[i] & 128) === 0) return { value: BigInt.asUintN(64, value), next: position + i + 1 };
  }
  throw new MalformedModel(`a number at byte ${position} runs past its message`);
}
async function* fields(bytes, start, end) {
  let position = start;
  while (position < end) {
    const tag = await readVarint(bytes, position, end);
    const number = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (number === 0) throw new MalformedModel(`field number 0 at byte ${position}`);
    position = tag.next;
    let field;
    if (wireType === WIRE.varint) {
      const value = await readVarint(bytes, position, end);
      field = { number, wireType, varint: value.value, start: position, end: value.next };
    } else if (wireType === WIRE.bytes) {
      const length = await readVarint(bytes, position, end);
      const fieldEnd = length.next + Number(length.value);
      if (length.value > BigInt(end - length.next)) throw new MalformedModel(`field ${number} at byte ${position} runs past its message`);
      field = { number, wireType, varint: 0n, start: length.next, end: fieldEnd };
    } else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
      const fieldEnd = position + (wireType === WIRE.fixed64 ? 8 : 4);
      if (fieldEnd > end) throw new MalformedModel(`field ${number} at byte ${position} runs past its message`);
      field = { number, wireType, varint: 0n, start: position, end: fieldEnd };
    } else {
      throw new MalformedModel(`wire type ${wireType} at byte ${position - 1}`);
    }
    position = field.end;
    yield field;
  }
}
async function* messageFields(bytes, field, wanted) {
  if (field.wireType !== WIRE.bytes) throw new MalformedModel(`field ${field.number} is not a message`);
  for await (const inner of fields(bytes, field.start, field.end)) if (inner.number === wanted) yield inner;
}
async function text(bytes, field) {
  if (field.wireType !== WIRE.bytes) throw new MalformedModel(`field ${field.number} is not a string`);
  return Buffer.from(await bytes.read(field.start, field.end - field.start)).toString("utf8");
}
async function initializerName(bytes, field, sparse) {
  let name;
  if (sparse) {
    for await (const values of messageFields(bytes, field, 1)) name = await initializerName(bytes, values, false);
    return name;
  }
  for await (const inner of messageFields(bytes, field, 8)) name = await text(bytes, inner);
  return name;
}
async function dimension(bytes, field) {
  let value = "";
  for await (const inner of fields(bytes, field.start, field.end)) {
    if (inner.number === 1 && inner.wireType === WIRE.varint) value = Number(BigInt.asIntN(64, inner.varint));
    else if (inner.number === 2) value = await text(bytes, inner);
  }
  return value;
}
async function valueSignature(bytes, field) {
  let name = "";
  let tensor;
  let isTensor = false;
  for await (const inner of fields(bytes, field.start, field.end)) {
    if (inner.number === 1) name = await text(bytes, inner);
    else if (inner.number === 2 && inner.wireType === WIRE.bytes) {
      for await (const kind of fields(bytes, inner.start, inner.end)) {
        if (kind.number === 1) [tensor, isTensor] = [kind, true];
        else if (kind.number !== 6) [tensor, isTensor] = [void 0, false];
      }
    }
  }
  if (!isTensor || !tensor) return { name, elementType: "non-tensor", shape: [] };
  let elementType = 0;
  const shape = [];
  for await (const inner of fields(bytes, tensor.start, tensor.end)) {
    if (inner.number === 1 && inner.wireType === WIRE.varint) elementType = Number(inner.varint);
    else if (inner.number === 2) {
      shape.length = 0;
      for await (const dim of messageFields(bytes, inner, 1)) shape.push(await dimension(bytes, dim));
    }
  }
  return { name, elementType: ELEMENT_TYPES[elementType] ?? `onnx-type-${elementType}`, shape };
}
async function signatureOf(bytes) {
  const inputs = [];
  const outputs = [];
  const initializers = /* @__PURE__ */ new Set();
  let graphs = 0;
  for await (const graph of fields(bytes, 0, bytes.size)) {
    if (graph.number !== 7) continue;
    if (graph.wireType !== WIRE.bytes) throw new MalformedModel("the graph is not a message");
    graphs++;
    for await (const field of fields(bytes, graph.start, graph.end)) {
      if (field.number === 11) inputs.push(await valueSignature(bytes, field));
      else if (field.number === 12) outputs.push(await valueSignature(bytes, field));
      else if (field.number === 5 || field.number === 15) {
        const name = await initializerName(bytes, field, field.number === 15);
        if (name !== void 0) initializers.add(name);
      }
    }
  }
  if (graphs === 0) return void 0;
  return { inputs: inputs.filter((input) => !initializers.has(input.name)), outputs };
}
async function readOnnxSignature(file) {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    return { signature: null, unavailable: `the model file cannot be read (${firstLine(error)}): the signature was not read` };
  }
  try {
    const signature = await signatureOf(new FileBytes(handle, (await handle.stat()).size));
    if (!signature) return { signature: null, unavailable: "the file holds no ONNX graph (ModelProto.graph): the signature was not read" };
    return { signature, unavailable: null };
  } catch (error) {
    if (error instanceof MalformedModel) return { signature: null, unavailable: `the file is not an ONNX model (${error.message}): the signature was not read` };
    return { signature: null, unavailable: `the model file cannot be read (${firstLine(error)}): the signature was not read` };
  } finally {
    await handle.close();
  }
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

// src/train/model-artifact.ts
var formatsByExtension = {
  ".onnx": "onnx",
  ".pt": "pytorch",
  ".pth": "pytorch",
  ".safetensors": "safetensors",
  ".pkl": "pickle",
  ".pickle": "pickle",
  ".joblib": "joblib",
  ".h5": "keras",
  ".keras": "keras",
  ".pb": "tensorflow",
  ".tflite": "tensorflow",
  ".gguf": "gguf",
  ".ubj": "xgboost"
};
function modelFormat(file) {
  return formatsByExtension[path6.extname(file).toLowerCase()] ?? "other";
}
async function directoryDigest(directory) {
  const entries2 = await readdir4(directory, { recursive: true, withFileTypes: true });
  const files = entries2.filter((e) => e.isFile()).map((e) => path6.join(e.parentPath, e.name)).sort();
  const hash = createHash3("sha256");
  let bytes = 0;
  let newest = 0;
  for (const file of files) {
    const info = await stat5(file);
    bytes += info.size;
    newest = Math.max(newest, info.mtimeMs);
    hash.update(`${path6.relative(directory, file).split(path6.sep).join("/")}\0${await sha256OfFile(file)}
`);
  }
  return { bytes, sha256: hash.digest("hex"), newest };
}
async function describeModel(workingDirectory, modelPath, startedAt) {
  const absolute = path6.resolve(workingDirectory, modelPath);
  const info = await stat5(absolute).catch(() => void 0);
  if (!info) return { artifact: null, problem: `the command succeeded but wrote no model at ${modelPath}: write it there, or correct model-path` };
  const startedMs = startedAt.getTime() - 1e3;
  if (info.isDirectory()) {
    const digest = await directoryDigest(absolute);
    if (digest.newest < startedMs) return { artifact: null, problem: `the model directory ${modelPath} holds nothing written by this run: it is left from an earlier run` };
    const format2 = await stat5(path6.join(absolute, "saved_model.pb")).catch(() => void 0) ? "tensorflow" : "directory";
    return { artifact: { path: modelPath, format: format2, bytes: digest.bytes, sha256: digest.sha256, signature: null, signatureUnavailable: null }, problem: null };
  }
  if (info.mtimeMs < startedMs) return { artifact: null, problem: `the model file ${modelPath} was not written by this run (last modified ${info.mtime.toISOString()}, before it started)` };
  const format = modelFormat(absolute);
  const { signature, unavailable } = format === "onnx" ? await readOnnxSignature(absolute) : { signature: null, unavailable: null };
  return {
    artifact: { path: modelPath, format, bytes: info.size, sha256: await sha256OfFile(absolute), signature, signatureUnavailable: unavailable },
    problem: null
  };
}

// src/steps/train.ts
var MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function newRunId(now) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(4).toString("hex")}`;
}
async function checkOptions(options) {
  if (options.command.trim() === "") throw new ConfigurationError("command is empty: give the command that trains the model", { input: "command" });
  if (!MODEL_NAME.test(options.model)) {
    throw new ConfigurationError(`model "${options.model}" is not a valid name: use letters, digits, ".", "_" and "-", starting with a letter or digit`, { input: "model" });
  }
  if (!(await stat6(options.workingDirectory).catch(() => void 0))?.isDirectory()) {
    throw new ConfigurationError(`working-directory "${options.workingDirectory}" is not a directory`, { input: "working-directory" });
  }
  await checkDataPaths(options.data, options.workingDirectory);
}
function inBackground(promise) {
  promise.catch(() => {
  });
  return promise;
}
function statusOf(outcome, stopSignal, modelProblem, timeoutMinutes) {
  if (!outcome) return { status: "cancelled", message: `cancelled by ${stopSignal} before the command started` };
  if (outcome.ending === "cancelled") return { status: "cancelled", message: `cancelled by ${outcome.stopSignal}: the command was asked to stop` };
  if (outcome.ending === "timed-out") return { status: "timed-out", message: `the command ran longer than timeout-minutes (${timeoutMinutes}) and was stopped` };
  if (outcome.exitCode !== 0) {
    return { status: "failed", message: outcome.exitCode === null ? `the command was killed by ${outcome.signal}` : `the command exited with code ${outcome.exitCode}` };
  }
  if (modelProblem) return { status: "failed", message: modelProblem };
  return { status: "succeeded", message: null };
}
async function runTrain(options) {
  await checkOptions(options);
  const gpus = await probeGpus(options.env);
  if (gpus.gpus.length < options.requireGpu) {
    throw new ConfigurationError(
      `require-gpu is ${options.requireGpu} but ${gpus.gpus.length} GPU${gpus.gpus.length === 1 ? " is" : "s are"} visible on runner ${options.env.RUNNER_NAME ?? "this machine"}${gpus.reason ? ` (${gpus.reason})` : ""}: run the job on a GPU runner (e.g. runs-on: [self-hosted, gpu]) or lower require-gpu`,
      { input: "require-gpu" }
    );
  }
  const stop = { signal: null };
  const release = options.cancellation?.subscribe((signal) => stop.signal ??= signal);
  try {
    return await trackedRun(options, gpus, stop);
  } finally {
    release?.();
  }
}
async function trackedRun(options, gpus, stop) {
  const { log, workingDirectory } = options;
  const startedAt = /* @__PURE__ */ new Date();
  const id = newRunId(startedAt);
  const runDirectory = path7.resolve(options.scratchDirectory, "runs", id);
  await mkdir2(runDirectory, { recursive: true });
  const files = {
    params: path7.join(runDirectory, "params.json"),
    metrics: path7.join(runDirectory, "metrics.jsonl"),
    finalMetrics: path7.join(runDirectory, "final-metrics.json")
  };
  await writeFile(files.params, `${JSON.stringify(options.params, null, 2)}
`);
  await writeFile(files.metrics, "");
  const modelFile = options.modelPath ? path7.resolve(workingDirectory, options.modelPath) : null;
  const checkpointDirectory = options.checkpointDir ? path7.resolve(workingDirectory, options.checkpointDir) : null;
  const git = await captureGit(workingDirectory, options.env);
  const environment = inBackground(captureEnvironment(workingDirectory, options.env));
  const data = inBackground(fingerprintData(options.data, workingDirectory));
  const dvc = inBackground(readDvcPointers(workingDirectory));
  const productionVersion = options.registry ? options.registry.productionVersion(options.model).catch((error) => {
    log.warning(`could not read the production version of ${options.model} from the registry: ${error.message}`);
    return null;
  }) : Promise.resolve(null);
  const checkpoint = checkpointDirectory ? await restoreCheckpoint(options, checkpointDirectory, checkpointKey({ model: options.model, command: options.command, params: options.params, seed: options.seed, env: options.env }, startedAt)) : null;
  const env = {
    ...options.env,
    ...paramVariables(options.params),
    GHML_RUN_ID: id,
    GHML_MODEL: options.model,
    GHML_PARAMS: files.params,
    GHML_SEED: String(options.seed),
    GHML_METRICS: files.metrics,
    GHML_FINAL_METRICS: files.finalMetrics,
    ...modelFile ? { GHML_MODEL_PATH: modelFile } : {},
    ...checkpointDirectory ? { GHML_CHECKPOINT_DIR: checkpointDirectory } : {}
  };
  const sampler = new GpuSampler(gpus, options.gpuSampleSeconds, options.env);
  log.startGroup(`ghml train: ${options.command}`);
  sampler.start();
  let outcome;
  try {
    outcome = stop.signal ? null : await runCommand({
      command: options.command,
      cwd: workingDirectory,
      env,
      timeoutMs: options.timeoutMinutes === void 0 ? void 0 : options.timeoutMinutes * 6e4,
      killAfterMs: (options.killAfterSeconds ?? 5) * 1e3,
      cancellation: options.cancellation,
      output: log.output
    });
  } finally {
    log.endGroup();
  }
  const gpu = await sampler.stop();
  const endedAt = /* @__PURE__ */ new Date();
  const metrics = await readMetrics(files.metrics, files.finalMetrics);
  for (const warning of metrics.warnings) log.warning(warning);
  const model = outcome?.ending === "exited" && outcome.exitCode === 0 && options.modelPath ? await describeModel(workingDirectory, options.modelPath, startedAt) : null;
  if (model?.artifact?.signatureUnavailable) log.warning(`the model's inputs and outputs were not recorded: ${model.artifact.signatureUnavailable}`);
  const { status, message } = statusOf(outcome, stop.signal, model?.problem ?? null, options.timeoutMinutes);
  const dvcPointers = await dvc;
  if (dvcPointers.truncated) log.warning("stopped looking for DVC files after 20,000 entries: keep .dvc files near the working directory");
  const record = RunRecord.parse({
    format: "ghml.run-record/v1",
    id,
    model: options.model,
    status,
    message,
    exitCode: outcome?.exitCode ?? null,
    signal: outcome?.signal ?? null,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1e3,
    trigger: captureTrigger(options.env),
    git,
    command: options.command,
    workingDirectory,
    params: options.params,
    seed: options.seed,
    data: await data,
    dvc: dvcPointers.pointers,
    environment: await environment,
    gpu,
    metrics,
    modelArtifact: model?.artifact ?? null,
    checkpoint,
    previousProductionVersion: await productionVersion
  });
  const recordPath = path7.resolve(options.recordOut ?? path7.join(options.scratchDirectory, "runs", options.model, `${id}.json`));
  await writeJson(recordPath, record);
  if (checkpoint && checkpointDirectory) {
    Object.assign(record.checkpoint, await saveCheckpoint(options, checkpointDirectory, checkpoint));
    await writeJson(recordPath, RunRecord.parse(record));
  }
  log.info(`run record written to ${recordPath}`);
  const producedModel = record.modelArtifact ? modelFile : null;
  await publish(options, record, recordPath, producedModel);
  return { record, recordPath, modelFile: producedModel };
}
async function restoreCheckpoint(options, directory, key) {
  const info = {
    directory: options.checkpointDir,
    store: options.checkpointStore?.description ?? null,
    key: null,
    restoredFrom: null,
    saved: false,
    files: 0,
    bytes: 0,
    problem: options.checkpointStore ? "the step stopped before the checkpoint was saved" : "no checkpoint store: the directory stays where it is"
  };
  await mkdir2(directory, { recursive: true });
  if (!options.checkpointStore) return info;
  info.key = key.save;
  try {
    info.restoredFrom = await options.checkpointStore.restore(directory, key.restorePrefixes);
    options.log.info(info.restoredFrom ? `checkpoint restored from ${info.restoredFrom} (${options.checkpointStore.description})` : "no checkpoint to restore: starting afresh");
  } catch (error) {
    options.log.warning(`could not restore the checkpoint: ${error.message}; starting afresh`);
  }
  return info;
}
async function saveCheckpoint(options, directory, info) {
  const contents = await directoryContents(directory);
  if (!options.checkpointStore) return { ...contents };
  if (contents.files === 0) return { ...contents, problem: "the checkpoint directory is empty: nothing to save" };
  try {
    await options.checkpointStore.save(directory, info.key);
    options.log.info(`checkpoint saved as ${info.key} (${contents.files} files, ${options.checkpointStore.description})`);
    return { ...contents, saved: true, problem: null };
  } catch (error) {
    options.log.warning(`could not save the checkpoint: ${error.message}`);
    return { ...contents, problem: `saving failed: ${error.message}` };
  }
}
async function publish(options, record, recordPath, modelFile) {
  if (options.artifacts) {
    const files = modelFile && !(await stat6(modelFile)).isDirectory() ? [recordPath, modelFile] : [recordPath];
    const { name, id, description } = await options.artifacts.upload(`ghml-run-${record.model}-${record.id}`, files);
    options.log.info(`uploaded ${description}`);
    record.artifact = { name, id };
    await writeJson(recordPath, RunRecord.parse(record));
  } else {
    options.log.info("artifact upload is not configured: the run record and model stay on this runner");
  }
  if (options.registry) options.log.info(`run record committed to the registry at ${await options.registry.commitRun(record)}`);
  else options.log.info(`no registry configured: runs/${record.model}/${record.id}.json is not committed`);
}

// src/train/report.ts
function formatNumber(value) {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}
function formatValue(value) {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
function formatBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
var quote = (text2) => `"${text2.replace(/"/g, "'")}"`;
var CHART_POINTS = 50;
function lineChart(title, xLabel, yLabel, points) {
  const shown = downsample(points, CHART_POINTS);
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${quote(title)}`,
    `  x-axis ${quote(xLabel)} [${shown.map((p) => quote(p.x)).join(", ")}]`,
    `  y-axis ${quote(yLabel)}`,
    `  line [${shown.map((p) => formatNumber(p.y)).join(", ")}]`,
    "```"
  ].join("\n");
}
var STATUS_ICON = { succeeded: "\u2705", failed: "\u274C", cancelled: "\u23F9\uFE0F", "timed-out": "\u23F1\uFE0F" };
function verdictLine(record) {
  const took = `${formatNumber(record.durationSeconds)} s`;
  if (record.status === "succeeded") return `Training run ${record.id} of ${record.model} succeeded in ${took}`;
  return `Training run ${record.id} of ${record.model} ${record.status} after ${took}: ${record.message}`;
}
var MAX_CHARTS = 8;
function renderRunSummary(record) {
  const parts = [`### ${STATUS_ICON[record.status]} ${verdictLine(record)}`];
  const facts = [
    ["model", record.model],
    ["command", `\`${record.command}\``],
    ["commit", record.git ? `${record.git.commit.slice(0, 12)}${record.git.branch ? ` on ${record.git.branch}` : ""}${record.git.dirty ? " (with uncommitted changes)" : ""}` : "not a git repository"],
    ["seed", String(record.seed)]
  ];
  if (record.modelArtifact) {
    const artifact = record.modelArtifact;
    facts.push(["model file", `${artifact.path} (${artifact.format}, ${formatBytes(artifact.bytes)}, sha256 ${artifact.sha256.slice(0, 12)}\u2026)`]);
    if (artifact.signature) {
      const describe = (values) => values.map((v) => `${v.name}: ${v.elementType}[${v.shape.join(", ")}]`).join("; ");
      facts.push(["model inputs", describe(artifact.signature.inputs)], ["model outputs", describe(artifact.signature.outputs)]);
    } else if (artifact.signatureUnavailable) facts.push(["model signature", artifact.signatureUnavailable]);
  }
  if (record.data.fingerprint) facts.push(["data", `${record.data.files.length + record.data.otherFiles.length} files, fingerprint ${record.data.fingerprint.slice(0, 12)}\u2026`]);
  if (record.checkpoint) {
    const c = record.checkpoint;
    facts.push(["checkpoint", [c.restoredFrom ? `restored from ${c.restoredFrom}` : "started afresh", c.saved ? `saved as ${c.key}` : c.problem].filter(Boolean).join("; ")]);
  }
  if (record.trigger.runUrl) facts.push(["workflow run", record.trigger.runUrl]);
  parts.push(table(["", ""], facts));
  const params = Object.entries(record.params);
  if (params.length > 0) parts.push("#### Parameters", table(["parameter", "value"], params.map(([name, value]) => [name, formatValue(value)])));
  const final = Object.entries(record.metrics.final);
  if (final.length > 0) parts.push("#### Final metrics", table(["metric", "value"], final.map(([name, value]) => [name, formatNumber(value)])));
  if (record.metrics.warnings.length > 0) parts.push("#### Metrics warnings", record.metrics.warnings.map((w) => `- ${w}`).join("\n"));
  parts.push("#### GPU");
  if (!record.gpu.available) parts.push(`No GPU: ${record.gpu.reason}`);
  else {
    const mean = (v, unit) => v ? `${formatNumber(v.mean)} ${unit} / ${formatNumber(v.max)} ${unit}` : "n/a";
    parts.push(
      table(
        ["GPU", "name", "utilisation mean / max", "memory max / total", "power mean / max", "temperature max", "samples"],
        record.gpu.devices.map((d) => [
          String(d.index),
          d.name,
          mean(d.utilizationPercent, "%"),
          `${d.memoryUsedMaxMiB ?? "n/a"} / ${d.memoryTotalMiB ?? "n/a"} MiB`,
          mean(d.powerWatts, "W"),
          d.temperatureMaxC === null ? "n/a" : `${d.temperatureMaxC} \xB0C`,
          String(d.samples)
        ])
      ),
      `Driver ${record.gpu.devices[0]?.driverVersion ?? "unknown"}, CUDA ${record.gpu.cudaVersion ?? "unknown"}.`
    );
  }
  const curves = record.metrics.series.filter((s) => s.count > 1).slice(0, MAX_CHARTS);
  if (curves.length > 0) {
    parts.push("#### Metric curves");
    for (const series of curves) parts.push(lineChart(series.name, "step", series.name, series.points.map((p) => ({ x: formatNumber(p.step), y: p.value }))));
  }
  return `${parts.join("\n\n")}
`;
}

export {
  DirectoryCheckpointStore,
  readParams,
  processSignals,
  runTrain,
  formatNumber,
  formatValue,
  lineChart,
  verdictLine,
  renderRunSummary
};
