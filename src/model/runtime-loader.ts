import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../errors.js';
import { ghmlPackageRoot } from '../io/package-root.js';

/**
 * Where ONNX Runtime for Node comes from. It is a native module, so the Actions' bundles never
 * contain it (DESIGN §4), and an Action checked out on a runner has no node_modules:
 *
 * 1. The project's own node_modules, resolved from this file (the CLI, the tests, an Action run
 *    from a checkout where `npm ci` ran).
 * 2. On a runner, `$RUNNER_TOOL_CACHE/ghml-onnxruntime-node/<version>/` (`<version>-cuda12/` for
 *    the CUDA build), installed there on first use with npm and kept for later jobs on the same
 *    runner. The version is the one ghml's package-lock.json pins, and the install is accepted only
 *    when npm's record of what it installed (node_modules/.package-lock.json) carries the lock
 *    file's sha512 integrity for onnxruntime-node and onnxruntime-common. npm checks every tarball
 *    it downloads against that digest as it unpacks it, so equal digests mean the bytes installed
 *    are the bytes ghml was locked against, whatever registry or mirror served them.
 *
 * A directory that fails the check is never used nor deleted (an administrator may have seeded it):
 * the error names it and the fix.
 */

export type OnnxRuntime = typeof import('onnxruntime-node');

const RUNTIME_PACKAGE = 'onnxruntime-node';
/** The packages whose code is loaded, each checked against the lock file. */
const VERIFIED_PACKAGES = [RUNTIME_PACKAGE, 'onnxruntime-common'] as const;
const TOOL_CACHE_NAME = 'ghml-onnxruntime-node';

export interface PinnedPackage {
  version: string;
  integrity: string;
}

/** The pinned versions and integrities of the packages ONNX Runtime is loaded from. */
export type RuntimePin = Record<(typeof VERIFIED_PACKAGES)[number], PinnedPackage>;

export interface LoadedRuntime {
  ort: OnnxRuntime;
  version: string;
  /** The onnxruntime-node package directory it was loaded from. */
  directory: string;
  source: 'project' | 'tool-cache';
}

export interface RuntimeLoadOptions {
  /** The runner's tool cache; `$RUNNER_TOOL_CACHE` by default. */
  toolCache?: string;
  /** Install the build with the CUDA execution provider's libraries (a separate directory). */
  cuda?: boolean;
  log?: (message: string) => void;
}

interface LockEntries {
  packages?: Record<string, { version?: string; integrity?: string }>;
}

function pinFrom(lock: LockEntries, where: string): RuntimePin {
  const entries = VERIFIED_PACKAGES.map((name) => {
    const entry = lock.packages?.[`node_modules/${name}`];
    if (!entry?.version || !entry.integrity) throw new Error(`${where} has no version and integrity for ${name}`);
    return [name, { version: entry.version, integrity: entry.integrity }] as const;
  });
  return Object.fromEntries(entries) as RuntimePin;
}

/** The ONNX Runtime packages ghml's package-lock.json pins. */
export async function pinnedRuntime(): Promise<RuntimePin> {
  const lockFile = path.join(ghmlPackageRoot(), 'package-lock.json');
  if (!existsSync(lockFile)) throw new Error(`ghml's package-lock.json is not at ${lockFile}, so the ONNX Runtime version to install is unknown`);
  return pinFrom(JSON.parse(await readFile(lockFile, 'utf8')) as LockEntries, lockFile);
}

export function toolCacheDirectory(toolCache: string, pin: RuntimePin, cuda: boolean): string {
  const version = pin[RUNTIME_PACKAGE].version;
  return path.join(toolCache, TOOL_CACHE_NAME, cuda ? `${version}-cuda12` : version);
}

/** Loads onnxruntime-node as Node resolves it from `directory`, and says from which package directory. */
function requireFrom(directory: string): { ort: OnnxRuntime; packageDirectory: string } {
  const require = createRequire(path.join(directory, 'ghml-loader.cjs'));
  const ort = require(RUNTIME_PACKAGE) as OnnxRuntime;
  // The package's main file is dist/index.js.
  return { ort, packageDirectory: path.dirname(path.dirname(require.resolve(RUNTIME_PACKAGE))) };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** Checks npm's record of an install in `directory` against the pin; the problem, or null when it matches. */
async function verificationProblem(directory: string, pin: RuntimePin): Promise<string | null> {
  const record = path.join(directory, 'node_modules', '.package-lock.json');
  let installed: RuntimePin;
  try {
    installed = pinFrom(JSON.parse(await readFile(record, 'utf8')) as LockEntries, record);
  } catch (error) {
    return `npm's record of the install cannot be read (${firstLine(error)})`;
  }
  for (const name of VERIFIED_PACKAGES) {
    const want = pin[name];
    const have = installed[name];
    if (have.version !== want.version || have.integrity !== want.integrity) {
      return `${name} ${have.version} (${have.integrity}) is installed, but ghml's package-lock.json pins ${want.version} (${want.integrity})`;
    }
    const manifest = path.join(directory, 'node_modules', name, 'package.json');
    const version = existsSync(manifest) ? (JSON.parse(await readFile(manifest, 'utf8')) as { version?: string }).version : undefined;
    if (version !== want.version) return `node_modules/${name} holds version ${version ?? 'none'}, not ${want.version}`;
  }
  return null;
}

/** The npm that ships with the running Node, else the one on PATH. */
function npmCommand(): { command: string; prefix: string[] } {
  const bundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return existsSync(bundled) ? { command: process.execPath, prefix: [bundled] } : { command: 'npm', prefix: [] };
}

async function runNpm(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { command, prefix } = npmCommand();
  const child = spawn(command, [...prefix, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { code, output };
}

const SEEDING_HINT = 'see "ONNX Runtime on the runner" in actions/evaluate/README.md';

/**
 * Installs the pinned ONNX Runtime into `directory`: into a directory of its own first, verified,
 * then renamed into place, so a job that dies halfway leaves nothing that looks installed and two
 * jobs installing at once both end with a complete copy.
 */
async function install(directory: string, pin: RuntimePin, cuda: boolean, log: (message: string) => void): Promise<void> {
  const version = pin[RUNTIME_PACKAGE].version;
  const staging = `${directory}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, 'package.json'), '{ "private": true }\n');
  log(`Installing ${RUNTIME_PACKAGE}@${version}${cuda ? ' with the CUDA 12 execution provider' : ''} into ${directory} (once per runner)…`);
  const { code, output } = await runNpm(
    ['install', '--no-save', '--prefix', staging, '--no-audit', '--no-fund', '--loglevel', 'error', `${RUNTIME_PACKAGE}@${version}`],
    // The package's install script fetches the CUDA provider libraries from NuGet; skip it unless they are wanted.
    { ...process.env, ONNXRUNTIME_NODE_INSTALL: cuda ? 'cuda12' : 'skip' },
  );
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    const tail = output.trim().split('\n').slice(-3).join(' ');
    throw new ConfigurationError(
      `cannot install ${RUNTIME_PACKAGE}@${version} into ${directory}: npm exited with ${code} (${tail}). The runner needs access to the npm registry, or a pre-seeded tool cache: ${SEEDING_HINT}`,
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
    // Another job on this runner finished the same install first: use its copy.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(directory)) throw error;
  }
}

/**
 * Loads ONNX Runtime from the tool cache, installing the pinned version there when it is missing
 * and `installMissing` is set. The directory is used only when it passes the integrity check.
 */
export async function loadFromToolCache(
  toolCache: string,
  pin: RuntimePin,
  options: { cuda?: boolean; installMissing?: boolean; log?: (message: string) => void } = {},
): Promise<LoadedRuntime> {
  const cuda = options.cuda ?? false;
  const directory = toolCacheDirectory(toolCache, pin, cuda);
  if (!(await stat(directory).catch(() => undefined))) {
    if (!options.installMissing) {
      throw new ConfigurationError(`ONNX Runtime is not in the tool cache (${directory}) and installing it was not allowed: ${SEEDING_HINT}`);
    }
    await install(directory, pin, cuda, options.log ?? (() => undefined));
  }
  const problem = await verificationProblem(directory, pin);
  if (problem !== null) {
    throw new ConfigurationError(
      `the ONNX Runtime in ${directory} is not the one ghml pins: ${problem}. Remove the directory and ghml installs the pinned version on the next run, or seed it again: ${SEEDING_HINT}`,
    );
  }
  // The directory looked in, not where links lead: that is where an administrator seeded it.
  return { ort: requireFrom(directory).ort, version: pin[RUNTIME_PACKAGE].version, directory: path.join(directory, 'node_modules', RUNTIME_PACKAGE), source: 'tool-cache' };
}

function fromProject(): LoadedRuntime | undefined {
  let found: { ort: OnnxRuntime; packageDirectory: string };
  try {
    found = requireFrom(path.dirname(fileURLToPath(import.meta.url)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw new ConfigurationError(`${RUNTIME_PACKAGE} is installed but cannot be loaded here: ${firstLine(error)}`);
  }
  return { ort: found.ort, version: found.ort.env.versions.node ?? found.ort.env.versions.common, directory: found.packageDirectory, source: 'project' };
}

let loaded: Promise<LoadedRuntime> | undefined;

/** ONNX Runtime for this process, from the project or the runner's tool cache (see the module comment); loaded once. */
export function loadOnnxRuntime(options: RuntimeLoadOptions = {}): Promise<LoadedRuntime> {
  loaded ??= (async () => {
    const project = fromProject();
    if (project) return project;
    const toolCache = options.toolCache ?? process.env.RUNNER_TOOL_CACHE;
    if (toolCache) return loadFromToolCache(toolCache, await pinnedRuntime(), { cuda: options.cuda, installMissing: true, log: options.log });
    const pin = await pinnedRuntime();
    throw new ConfigurationError(
      `${RUNTIME_PACKAGE} is not installed: run \`npm install ${RUNTIME_PACKAGE}@${pin[RUNTIME_PACKAGE].version}\` where ghml runs (it is a native module, never bundled)`,
    );
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
