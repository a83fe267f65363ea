import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VersionRecord } from '../contracts/registry.js';
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
    const parsed = parseModelReference(`${reference.model}@${reference.alias}`, 'baseline');
    let record: VersionRecord;
    if (parsed.kind === 'alias') {
      // A stage nobody holds yet is the first model's case, not a mistake: the pipeline that
      // evaluates against production is the same before the first promotion as after it.
      const snapshot = await this.registry.snapshot();
      const aliases = await this.registry.findAliases(snapshot, parsed.model);
      const version = aliases?.[parsed.alias];
      if (version === undefined) {
        const why = aliases ? `no version of ${parsed.model} holds ${parsed.alias} yet` : `${parsed.model} is not in the registry yet`;
        return { kind: 'none', note: `No champion: ${why} (baseline ${parsed.model}@${parsed.alias}), so this is evaluated as a first model.` };
      }
      record = await this.registry.requireVersion(snapshot, parsed.model, version);
    } else {
      record = (await this.registry.resolve(parsed)).record;
    }
    const directory = this.directory ?? (await mkdtemp(path.join(tmpdir(), 'ghml-baseline-')));
    const { files } = await downloadPackage(record, this.releases, path.join(directory, `${record.model}-v${record.version}`));
    const model = files.find((file) => file.role === 'model' && file.name.endsWith('.onnx'));
    if (!model) throw new DataError(`${record.model} v${record.version} (${reference.model}@${reference.alias}) has no ONNX model in its package: evaluate against a file instead`);
    return { kind: 'model', path: model.path };
  }
}
