import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataError } from '../errors.js';
import { downloadPackage } from '../registry/download.js';
import type { ReleaseAssetReader } from '../registry/ports.js';
import { parseModelReference } from '../registry/reference.js';
import type { Registry } from '../registry/registry.js';
import type { BaselineFile, BaselineRegistry } from './baseline.js';

/**
 * `model@alias` baselines from the model registry: the version the alias names, its package
 * downloaded from the release and verified digest by digest, and its model file evaluated as the
 * champion on the same rows.
 */
export class RegistryBaseline implements BaselineRegistry {
  constructor(
    private readonly registry: Registry,
    private readonly releases: ReleaseAssetReader,
    private readonly directory?: string,
  ) {}

  async resolve(reference: { model: string; alias: string }): Promise<BaselineFile> {
    const { record } = await this.registry.resolve(parseModelReference(`${reference.model}@${reference.alias}`, 'baseline'));
    const directory = this.directory ?? (await mkdtemp(path.join(tmpdir(), 'ghml-baseline-')));
    const { files } = await downloadPackage(record, this.releases, path.join(directory, `${record.model}-v${record.version}`));
    const model = files.find((file) => file.role === 'model' && file.name.endsWith('.onnx'));
    if (!model) throw new DataError(`${record.model} v${record.version} (${reference.model}@${reference.alias}) has no ONNX model in its package: evaluate against a file instead`);
    return { kind: 'model', path: model.path };
  }
}
