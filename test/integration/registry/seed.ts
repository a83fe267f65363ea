import { spawn } from 'node:child_process';
import { Aliases, ModelRecord, RegistryFormat, VersionRecord } from '../../../src/contracts/registry.js';
import { serializeDocument } from '../../../src/registry/documents.js';
import { registryPaths } from '../../../src/registry/paths.js';

export interface SeededModel {
  name: string;
  versions: number;
  aliases: Aliases;
}

function versionRecord(model: string, version: number, commit: string): VersionRecord {
  const digest = (seed: number) => (seed.toString(16).padStart(8, '0')).repeat(8);
  return {
    format: 'ghml.version/v1',
    model,
    version,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'seed',
    release: { tag: `model/${model}/v${version}`, id: 1_000_000 + version, url: `http://127.0.0.1/releases/${version}` },
    package: { digest: digest(version), bytes: 1234 },
    assets: [{ name: 'model.onnx', id: 2_000_000 + version, size: 1234, sha256: digest(version + 1) }],
    commit,
    run: null,
    evaluation: { id: digest(version).slice(0, 16), passed: true },
    dataValidation: null,
    metrics: { accuracy: 0.5 + (version % 100) / 1000 },
    lineage: { repositoryUrl: null, workflowRun: null, dataFingerprint: null, dataFiles: [], evaluationDataFingerprint: null },
    card: { description: null, intendedUse: null, limitations: null, owners: [], task: 'binary' },
    tags: [],
    attestation: null,
  };
}

/**
 * Writes a registry branch of many models and versions in one commit with `git fast-import`, far
 * faster than registering them: the documents are the ones registration writes, valid against
 * their schemas, but their releases do not exist.
 */
export async function seedRegistry(gitDir: string, branch: string, commit: string, models: SeededModel[]): Promise<void> {
  const chunks: string[] = [];
  const file = (path: string, content: string) => chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  file('ghml.json', serializeDocument(RegistryFormat, { format: 'ghml.registry/v1', createdAt: '2026-01-01T00:00:00.000Z' }));
  for (const model of models) {
    file(registryPaths.model(model.name), serializeDocument(ModelRecord, {
      format: 'ghml.model/v1', name: model.name, description: null, task: 'binary', riskTier: null, owners: [], latestVersion: model.versions, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    file(registryPaths.aliases(model.name), serializeDocument(Aliases, model.aliases));
    for (let version = 1; version <= model.versions; version++) file(registryPaths.version(model.name, version), serializeDocument(VersionRecord, versionRecord(model.name, version, commit)));
  }
  const message = 'seed the registry\n';
  const stream = `commit refs/heads/${branch}\ncommitter Seed <seed@example.com> 1767225600 +0000\ndata ${Buffer.byteLength(message)}\n${message}${chunks.join('')}\n`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    child.stdin.end(stream);
  });
}
