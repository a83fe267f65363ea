import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ghmlPackageRoot
} from "./chunk-UG77MLVE.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";

// src/model/model-thread-protocol.ts
var SCANNED_VALUES = 16;
function tensorData(tensor) {
  if (tensor.type !== "string") return { type: tensor.type, dims: tensor.dims, data: tensor.data };
  const text = tensor.data;
  const dictionary = [];
  const index = /* @__PURE__ */ new Map();
  const codes = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const value = text[i];
    let code = -1;
    if (dictionary.length <= SCANNED_VALUES) {
      for (let d = 0; d < dictionary.length; d++) {
        if (dictionary[d] === value) {
          code = d;
          break;
        }
      }
    } else {
      code = index.get(value) ?? -1;
    }
    if (code < 0) {
      code = dictionary.push(value) - 1;
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { type: "string", dims: tensor.dims, data: { dictionary, codes } };
}
function tensorsData(tensors) {
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, tensorData(tensor)]));
}
function tensorsOf(ort, data) {
  const tensors = {};
  for (const [name, { type, dims, data: values }] of Object.entries(data)) {
    if ("dictionary" in values) {
      const text = new Array(values.codes.length);
      for (let i = 0; i < text.length; i++) text[i] = values.dictionary[values.codes[i]];
      tensors[name] = new ort.Tensor("string", text, dims);
    } else {
      tensors[name] = new ort.Tensor(type, values, dims);
    }
  }
  return tensors;
}

// src/model/runtime-loader.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
var RUNTIME_PACKAGE = "onnxruntime-node";
var VERIFIED_PACKAGES = [RUNTIME_PACKAGE, "onnxruntime-common"];
var TOOL_CACHE_NAME = "ghml-onnxruntime-node";
function pinFrom(lock, where) {
  const entries = VERIFIED_PACKAGES.map((name) => {
    const entry = lock.packages?.[`node_modules/${name}`];
    if (!entry?.version || !entry.integrity) throw new Error(`${where} has no version and integrity for ${name}`);
    return [name, { version: entry.version, integrity: entry.integrity }];
  });
  return Object.fromEntries(entries);
}
async function pinnedRuntime() {
  const lockFile = path.join(ghmlPackageRoot(), "package-lock.json");
  if (!existsSync(lockFile)) throw new Error(`ghml's package-lock.json is not at ${lockFile}, so the ONNX Runtime version to install is unknown`);
  return pinFrom(JSON.parse(await readFile(lockFile, "utf8")), lockFile);
}
function toolCacheDirectory(toolCache, pin, cuda) {
  const version = pin[RUNTIME_PACKAGE].version;
  return path.join(toolCache, TOOL_CACHE_NAME, cuda ? `${version}-cuda12` : version);
}
function requireFrom(directory) {
  const require2 = createRequire(path.join(directory, "ghml-loader.cjs"));
  const ort = require2(RUNTIME_PACKAGE);
  return { ort, packageDirectory: path.dirname(path.dirname(require2.resolve(RUNTIME_PACKAGE))) };
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
async function verificationProblem(directory, pin) {
  const record = path.join(directory, "node_modules", ".package-lock.json");
  let installed;
  try {
    installed = pinFrom(JSON.parse(await readFile(record, "utf8")), record);
  } catch (error) {
    return `npm's record of the install cannot be read (${firstLine(error)})`;
  }
  for (const name of VERIFIED_PACKAGES) {
    const want = pin[name];
    const have = installed[name];
    if (have.version !== want.version || have.integrity !== want.integrity) {
      return `${name} ${have.version} (${have.integrity}) is installed, but ghml's package-lock.json pins ${want.version} (${want.integrity})`;
    }
    const manifest = path.join(directory, "node_modules", name, "package.json");
    const version = existsSync(manifest) ? JSON.parse(await readFile(manifest, "utf8")).version : void 0;
    if (version !== want.version) return `node_modules/${name} holds version ${version ?? "none"}, not ${want.version}`;
  }
  return null;
}
function npmCommand() {
  const bundled = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
  return existsSync(bundled) ? { command: process.execPath, prefix: [bundled] } : { command: "npm", prefix: [] };
}
async function runNpm(args, env) {
  const { command, prefix } = npmCommand();
  const child = spawn(command, [...prefix, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => output += chunk);
  child.stderr.setEncoding("utf8").on("data", (chunk) => output += chunk);
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return { code, output };
}
var SEEDING_HINT = 'see "ONNX Runtime on the runner" in actions/evaluate/README.md';
async function install(directory, pin, cuda, log) {
  const version = pin[RUNTIME_PACKAGE].version;
  const staging = `${directory}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, "package.json"), '{ "private": true }\n');
  log(`Installing ${RUNTIME_PACKAGE}@${version}${cuda ? " with the CUDA 12 execution provider" : ""} into ${directory} (once per runner)\u2026`);
  const { code, output } = await runNpm(
    ["install", "--no-save", "--prefix", staging, "--no-audit", "--no-fund", "--loglevel", "error", `${RUNTIME_PACKAGE}@${version}`],
    // The package's install script fetches the CUDA provider libraries from NuGet; skip it unless they are wanted.
    { ...process.env, ONNXRUNTIME_NODE_INSTALL: cuda ? "cuda12" : "skip" }
  );
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    const tail = output.trim().split("\n").slice(-3).join(" ");
    throw new ConfigurationError(
      `cannot install ${RUNTIME_PACKAGE}@${version} into ${directory}: npm exited with ${code} (${tail}). The runner needs access to the npm registry, or a pre-seeded tool cache: ${SEEDING_HINT}`
    );
  }
  const problem = await verificationProblem(staging, pin);
  if (problem !== null) {
    await rm(staging, { recursive: true, force: true });
    throw new ConfigurationError(`the ${RUNTIME_PACKAGE} npm installed does not match ghml's lock file: ${problem}. Check the registry or mirror npm uses.`);
  }
  try {
    await rename(staging, directory);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(directory)) throw error;
  }
}
async function loadFromToolCache(toolCache, pin, options = {}) {
  const cuda = options.cuda ?? false;
  const directory = toolCacheDirectory(toolCache, pin, cuda);
  if (!await stat(directory).catch(() => void 0)) {
    if (!options.installMissing) {
      throw new ConfigurationError(`ONNX Runtime is not in the tool cache (${directory}) and installing it was not allowed: ${SEEDING_HINT}`);
    }
    await install(directory, pin, cuda, options.log ?? (() => void 0));
  }
  const problem = await verificationProblem(directory, pin);
  if (problem !== null) {
    throw new ConfigurationError(
      `the ONNX Runtime in ${directory} is not the one ghml pins: ${problem}. Remove the directory and ghml installs the pinned version on the next run, or seed it again: ${SEEDING_HINT}`
    );
  }
  return { ort: requireFrom(directory).ort, version: pin[RUNTIME_PACKAGE].version, directory: path.join(directory, "node_modules", RUNTIME_PACKAGE), source: "tool-cache" };
}
function fromProject() {
  let found;
  try {
    found = requireFrom(path.dirname(fileURLToPath(import.meta.url)));
  } catch (error) {
    if (error.code === "MODULE_NOT_FOUND") return void 0;
    throw new ConfigurationError(`${RUNTIME_PACKAGE} is installed but cannot be loaded here: ${firstLine(error)}`);
  }
  return { ort: found.ort, version: found.ort.env.versions.node ?? found.ort.env.versions.common, directory: found.packageDirectory, source: "project" };
}
var loaded;
function loadOnnxRuntime(options = {}) {
  loaded ??= (async () => {
    const project = fromProject();
    if (project) return project;
    const toolCache = options.toolCache ?? process.env.RUNNER_TOOL_CACHE;
    if (toolCache) return loadFromToolCache(toolCache, await pinnedRuntime(), { cuda: options.cuda, installMissing: true, log: options.log });
    const pin = await pinnedRuntime();
    throw new ConfigurationError(
      `${RUNTIME_PACKAGE} is not installed: run \`npm install ${RUNTIME_PACKAGE}@${pin[RUNTIME_PACKAGE].version}\` where ghml runs (it is a native module, never bundled)`
    );
  })();
  loaded.catch(() => {
    loaded = void 0;
  });
  return loaded;
}

export {
  tensorsData,
  tensorsOf,
  loadOnnxRuntime
};
