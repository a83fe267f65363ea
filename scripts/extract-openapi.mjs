// Extracts from GitHub's published OpenAPI description (@octokit/openapi, ~385 MB unpacked) the
// operations the sandbox serves, with every component they reach, into a small committed file.
// The package is installed into a temporary directory so it never enters package.json or
// node_modules. Usage:
//   node scripts/extract-openapi.mjs            re-extract from the version recorded in the subset
//   node scripts/extract-openapi.mjs latest     upgrade to the newest published description
//   node scripts/extract-openapi.mjs 23.0.2     a given version
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const openapiDir = path.join(root, 'src/sandbox/openapi');
const subsetFile = path.join(openapiDir, 'github-subset.json');
const operationsFile = path.join(openapiDir, 'operations.json');
const packageName = '@octokit/openapi';
const sourceFile = 'generated/api.github.com.json';

const requestedVersion = process.argv[2] ?? (await recordedVersion()) ?? 'latest';
const operationIds = new Set(JSON.parse(await readFile(operationsFile, 'utf8')));

const workDir = await mkdtemp(path.join(tmpdir(), 'ghml-openapi-'));
try {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', workDir, `${packageName}@${requestedVersion}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const packageDir = path.join(workDir, 'node_modules', packageName);
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));
  const spec = JSON.parse(await readFile(path.join(packageDir, sourceFile), 'utf8'));
  const subset = extract(spec, operationIds);
  subset['x-ghml-source'] = {
    package: packageName,
    version,
    file: sourceFile,
    extractedAt: new Date().toISOString().slice(0, 10),
  };
  await writeFile(subsetFile, `${JSON.stringify(subset, null, 1)}\n`);
  console.log(`wrote ${path.relative(root, subsetFile)}: ${operationIds.size} operations from ${packageName}@${version}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}

async function recordedVersion() {
  if (!existsSync(subsetFile)) return undefined;
  return JSON.parse(await readFile(subsetFile, 'utf8'))['x-ghml-source']?.version;
}

function extract(spec, wanted) {
  const paths = {};
  const found = new Set();
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!wanted.has(operation?.operationId)) continue;
      found.add(operation.operationId);
      paths[route] ??= {};
      paths[route][method] = withoutExamples(operation);
      if (item.parameters) paths[route].parameters = item.parameters;
    }
  }
  const missing = [...wanted].filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`operations not in ${packageName}: ${missing.join(', ')}`);

  // Follow $refs transitively so the subset is self-contained; components keep their names so
  // the subset reads like the original.
  const components = {};
  const queue = [paths];
  while (queue.length > 0) {
    for (const ref of refsIn(queue.pop())) {
      const [, , kind, name] = ref.split('/');
      components[kind] ??= {};
      if (components[kind][name]) continue;
      const target = spec.components[kind]?.[name];
      if (!target) throw new Error(`unresolved ${ref}`);
      components[kind][name] = withoutExamples(target);
      queue.push(components[kind][name]);
    }
  }
  for (const kind of Object.keys(components)) components[kind] = sortKeys(components[kind]);
  return { openapi: spec.openapi, info: { title: spec.info.title, version: spec.info.version }, paths: sortKeys(paths), components };
}

function refsIn(value, refs = []) {
  if (Array.isArray(value)) for (const item of value) refsIn(item, refs);
  else if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') refs.push(value.$ref);
    for (const child of Object.values(value)) refsIn(child, refs);
  }
  return refs;
}

// Examples in media types and parameters are most of the description's bulk and play no part in
// validation. Schema-level `example` values are kept: they sit next to the schema they illustrate.
function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (!value || typeof value !== 'object') return value;
  const result = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'examples' && isExampleMap(child)) continue;
    result[key] = withoutExamples(child);
  }
  return result;
}

function isExampleMap(value) {
  return value && typeof value === 'object' && !Array.isArray(value)
    && Object.values(value).every((entry) => entry && typeof entry === 'object' && ('$ref' in entry || 'value' in entry));
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}
