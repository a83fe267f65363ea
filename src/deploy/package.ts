import path from 'node:path';
import type { VersionRecord } from '../contracts/registry.js';
import { ConfigurationError, DataError } from '../errors.js';
import { downloadPackage, type DownloadedFile } from '../registry/download.js';
import { MANIFEST_NAME } from '../registry/package.js';
import type { ReleaseAssetReader } from '../registry/ports.js';
import { formatReference, type ModelReference } from '../registry/reference.js';
import type { Registry } from '../registry/registry.js';

/**
 * A version's package, fetched from its release and verified (registry/download.ts checks the
 * manifest against the package digest on the registry branch and every file against the
 * manifest), with the files serving and deploying need picked out.
 */

export interface FetchedPackage {
  record: VersionRecord;
  directory: string;
  modelFile: string;
  contractFile: string | null;
  profileFile: string | null;
}

export interface PackageSource {
  registry: Registry;
  releases: ReleaseAssetReader;
}

/**
 * Resolves the reference, refuses a version whose registered digest is not `expectedDigest` (the
 * digest a deployment names), downloads and verifies the package into `<directory>/<model>-v<N>`.
 */
export async function fetchModelPackage(source: PackageSource, reference: ModelReference, directory: string, expectedDigest?: string): Promise<FetchedPackage> {
  const { record } = await source.registry.resolve(reference);
  const label = `${record.model} v${record.version}`;
  if (expectedDigest !== undefined && expectedDigest.replace(/^sha256:/, '') !== record.package.digest) {
    throw new DataError(`refused ${label}: the deployment names package digest ${expectedDigest}, but the registry recorded ${record.package.digest} for ${formatReference(reference)}`);
  }
  const target = path.join(directory, `${record.model}-v${record.version}`);
  const { files } = await downloadPackage(record, source.releases, target);
  checkAttestation(record, files, label);
  const onnx = files.filter((file) => file.role === 'model' && file.name.endsWith('.onnx'));
  if (onnx.length !== 1) {
    throw new ConfigurationError(`${label} has ${onnx.length === 0 ? 'no' : onnx.length} .onnx model files (${files.filter((file) => file.role === 'model').map((file) => file.name).join(', ')}): ghml serves and deploys one ONNX model per version`, { input: 'model' });
  }
  const byRole = (role: DownloadedFile['role']) => files.find((file) => file.role === role)?.path ?? null;
  return { record, directory: target, modelFile: onnx[0].path, contractFile: byRole('data-contract'), profileFile: byRole('data-profile') };
}

/**
 * When the version was registered with an attestation, what it covers must be what arrived: the
 * manifest (its digest is the package digest) and the model files. The signature itself is
 * GitHub's to check (`gh attestation verify`); this refuses a package the statement does not describe.
 */
function checkAttestation(record: VersionRecord, files: DownloadedFile[], label: string): void {
  if (!record.attestation) return;
  const digests = new Map<string, string>([[MANIFEST_NAME, record.package.digest], ...files.map((file) => [file.name, file.sha256] as const)]);
  for (const subject of record.attestation.subjects) {
    const name = path.basename(subject.name);
    if (digests.has(name) && digests.get(name) !== subject.sha256) {
      throw new DataError(`refused ${label}: its attestation covers ${name} with sha256 ${subject.sha256}, but the verified package holds ${digests.get(name)}`);
    }
  }
  const covered = new Set(record.attestation.subjects.map((subject) => subject.sha256));
  if (!covered.has(record.package.digest)) throw new DataError(`refused ${label}: its attestation does not cover the package manifest (sha256 ${record.package.digest})`);
}
