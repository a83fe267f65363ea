import type { PackageManifest, VersionRecord } from '../contracts/registry.js';
import { ConfigurationError } from '../errors.js';
import { MANIFEST_NAME } from './package.js';

/**
 * Provenance for a model package as an in-toto statement, ready for GitHub's artifact attestations.
 * Signing needs GitHub's OIDC token and its Sigstore instance, which only a workflow run with
 * `id-token: write` reaches: ghml builds the statement, and `actions/attest` signs it in the next
 * step. Nothing here can sign offline.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://ghml.dev/attestations/model-package/v1';

export interface AttestationSubject {
  name: string;
  digest: { sha256: string };
}

export interface AttestationStatement {
  _type: typeof STATEMENT_TYPE;
  subject: AttestationSubject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: Record<string, unknown>;
}

/**
 * Refuses `attest` where no id-token can be had, before anything is registered. Only the OIDC token
 * can be checked here: whether the job has `attestations: write`, which `actions/attest` needs to
 * store the attestation, shows only when that step runs (and fails, after the version is registered).
 */
export function checkCanAttest(env: NodeJS.ProcessEnv): void {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return;
  throw new ConfigurationError(
    'attest is true but this job cannot get an OIDC token: give the job `permissions: id-token: write` (and attestations: write, which actions/attest needs), or set attest to false. Attestations are signed by GitHub\'s signing services, so they cannot be made outside a GitHub Actions run.',
    { input: 'attest' },
  );
}

/**
 * Subjects: the manifest (whose digest is the package digest, and which lists every file's
 * digest, so it stands for the whole package) and each model file, with the sha256 of the whole
 * file (a file split into parts is the file put together again, as a download leaves it). The
 * signed attestation covers the subjects `actions/attest` is given: all of them through
 * `subjectChecksums` (its `subject-checksums` input), and then `gh attestation verify <model file>`
 * verifies the file people deploy; only the manifest through `subject-name` and `subject-digest`.
 */
export function buildAttestation(manifest: PackageManifest, packageDigest: string, facts: Pick<VersionRecord, 'commit' | 'run' | 'metrics' | 'evaluation' | 'dataValidation' | 'lineage'> & { tag: string }): AttestationStatement {
  const prefix = `${facts.tag}/`;
  const subject: AttestationSubject[] = [
    { name: `${prefix}${MANIFEST_NAME}`, digest: { sha256: packageDigest } },
    ...manifest.files.filter((file) => file.role === 'model').map((file) => ({ name: `${prefix}${file.name}`, digest: { sha256: file.sha256 } })),
  ];
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      model: { name: manifest.model, version: manifest.version, tag: facts.tag },
      package: { format: manifest.format, digest: { sha256: packageDigest }, files: manifest.files.map((file) => ({ name: file.name, role: file.role, size: file.size, digest: { sha256: file.sha256 } })) },
      source: { repository: facts.lineage.repositoryUrl, commit: facts.commit },
      training: { run: facts.run, workflowRun: facts.lineage.workflowRun },
      data: { fingerprint: facts.lineage.dataFingerprint, files: facts.lineage.dataFiles.map((file) => ({ path: file.path, digest: { sha256: file.sha256 } })) },
      evaluation: facts.evaluation && { id: facts.evaluation.id, passed: facts.evaluation.passed, dataFingerprint: facts.lineage.evaluationDataFingerprint, metrics: facts.metrics },
      dataValidation: facts.dataValidation,
    },
  };
}

/**
 * The subjects as a checksums file (`sha256sum`'s format, "<hex>  <name>" a line), which
 * `actions/attest` takes as `subject-checksums` to sign every subject in one attestation.
 */
export function subjectChecksums(statement: AttestationStatement, eol = '\n'): string {
  return statement.subject.map((subject) => `${subject.digest.sha256}  ${subject.name}${eol}`).join('');
}
