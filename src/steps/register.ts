import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { DataContract } from '../contracts/data-contract.js';
import { DataProfile } from '../contracts/data-profile.js';
import { loadDocument } from '../contracts/load.js';
import { EvaluationSummary, PackageMetrics, VersionRecord, type PackageFileRole, type WorkflowRun } from '../contracts/registry.js';
import { RunRecord } from '../contracts/run-record.js';
import { ValidationReport } from '../contracts/validation-report.js';
import { ConfigurationError } from '../errors.js';
import { fitToLimit } from '../report/markdown.js';
import { buildAttestation, checkCanAttest, type AttestationStatement } from '../registry/attestation.js';
import { serializeDocument } from '../registry/documents.js';
import { renderModelCard, type CardFacts } from '../registry/model-card.js';
import { sha256Hex } from '../io/digest.js';
import { buildManifest, DEFAULT_PART_SIZE, describeFile, MANIFEST_NAME, MODEL_CARD_NAME, plannedAssets, safeAssetName, type DescribedFile, type PackageSource, type PlannedAsset } from '../registry/package.js';
import { checkModelName, registryPaths, releaseTag } from '../registry/paths.js';
import { loadPolicy } from '../registry/policy.js';
import type { DraftRelease, PolicySource, PromotionRequests, ReleasePublisher, UploadedAsset } from '../registry/ports.js';
import { checkStage } from '../registry/promotion.js';
import { Registry } from '../registry/registry.js';
import type { RegistryStore, UpdateOptions } from '../registry/store.js';
import { runPromote, type PromotionOutcome } from './promote.js';

/** GitHub cuts release descriptions at 125,000 characters. */
const RELEASE_BODY_LIMIT = 125_000;

export interface RegisterOptions {
  model: string;
  /** The model file(s): an .onnx file, or the files of a model that needs several. */
  modelFiles: string[];
  runRecord?: string;
  evaluationReport?: string;
  dataProfile?: string;
  dataContract?: string;
  validationReport?: string;
  description?: string;
  intendedUse?: string;
  limitations?: string;
  owners?: string[];
  task?: string;
  tags?: string[];
  /** The training commit the release tag points at; the run record's commit by default. */
  commit?: string;
  /** Overrides the policy's registry-branch. */
  registryBranch?: string;
  /** Opens a promotion pull request to this stage once the version is registered. */
  promoteTo?: string;
  attest?: boolean;
  /** Largest release asset; larger files are split. Only tests need another value. */
  partSize?: number;
  /** For files ghml writes into the package. */
  scratchDirectory: string;
  /** Who registers and from where: the workflow actor, the repository's page, the current workflow run. */
  context?: { actor?: string | null; repositoryUrl?: string | null; workflowRun?: WorkflowRun | null };
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface RegisterPorts {
  store: RegistryStore;
  releases: ReleasePublisher;
  policy: PolicySource;
  /** Needed for promote-to; absent for a registry on disk. */
  promotions?: PromotionRequests;
  updateOptions?: UpdateOptions;
}

export interface RegisterResult {
  version: number;
  tag: string;
  releaseUrl: string;
  packageDigest: string;
  record: VersionRecord;
  attestation: AttestationStatement | null;
  promotion: PromotionOutcome | null;
}

interface LoadedInputs {
  run?: RunRecord;
  evaluation?: { summary: EvaluationSummary; content: string; id: string };
  profile?: DataProfile;
  contract?: DataContract;
  validation?: ValidationReport;
}

async function load<T extends z.ZodType>(file: string | undefined, schema: T, what: string, input: string): Promise<z.infer<T> | undefined> {
  return file === undefined ? undefined : loadDocument(file, schema, what, input);
}

async function loadInputs(options: RegisterOptions, model: string): Promise<LoadedInputs> {
  const run = await load(options.runRecord, RunRecord, 'run record', 'run-record');
  if (run && run.model !== model) throw new ConfigurationError(`the run record is of model "${run.model}", not "${model}"`, { input: 'run-record' });
  if (run && run.status !== 'succeeded') throw new ConfigurationError(`run ${run.id} ${run.status}${run.message ? ` (${run.message})` : ''}: only a succeeded run's model can be registered`, { input: 'run-record' });
  const evaluation = await load(options.evaluationReport, EvaluationSummary, 'evaluation report', 'evaluation-report');
  const content = evaluation && serializeDocument(EvaluationSummary, evaluation);
  return {
    run,
    evaluation: evaluation && content ? { summary: evaluation, content, id: sha256Hex(content).slice(0, 16) } : undefined,
    profile: await load(options.dataProfile, DataProfile, 'data profile', 'data-profile'),
    contract: await load(options.dataContract, DataContract, 'data contract', 'data-contract'),
    validation: await load(options.validationReport, ValidationReport, 'validation report', 'validation-report'),
  };
}

function trainingCommit(options: RegisterOptions, run: RunRecord | undefined): string {
  const commit = options.commit ?? run?.git?.commit ?? run?.trigger.sha ?? undefined;
  if (!commit) throw new ConfigurationError('no training commit: give commit (the commit the model was trained from), or a run record that has one', { input: 'commit' });
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new ConfigurationError(`commit "${commit}" is not a full 40-character commit id`, { input: 'commit' });
  return commit;
}

function workflowRunOf(run: RunRecord | undefined, fallback: WorkflowRun | null | undefined): WorkflowRun | null {
  if (run?.trigger.runId && run.trigger.runUrl) return { id: run.trigger.runId, attempt: run.trigger.runAttempt, url: run.trigger.runUrl };
  return fallback ?? null;
}

/** Writes a document ghml puts in the package and returns it as a package source. */
async function packageDocument(directory: string, name: string, role: PackageFileRole, content: string): Promise<PackageSource> {
  const file = path.join(directory, name);
  await writeFile(file, content);
  return { name, role, file };
}

async function verifyUpload(asset: PlannedAsset, uploaded: UploadedAsset, releases: ReleasePublisher, scratch: string): Promise<void> {
  let stored = { size: uploaded.size, sha256: uploaded.sha256 };
  // GitHub reports the sha256 of what it stored; where it reports none, read the asset back.
  if (stored.sha256 === null) stored = await releases.downloadAsset(uploaded.id, path.join(scratch, `verify-${uploaded.id}`));
  if (uploaded.name !== asset.name || stored.size !== asset.size || stored.sha256 !== asset.sha256) {
    throw new Error(`release asset ${asset.name} did not arrive intact: GitHub stored ${uploaded.name}, ${stored.size} bytes with sha256 ${stored.sha256}; ghml sent ${asset.size} bytes with sha256 ${asset.sha256}`);
  }
}

/**
 * register: publishes a model package as a release and records the version on the registry branch.
 *
 * The order makes every failure harmless: (1) take a number, (2) create a draft release at the
 * training commit, (3) upload every asset and verify what GitHub stored, (4) publish the release,
 * and only then (5) commit versions/<N>.json, the one document readers trust. A failure before (5)
 * leaves a gap in the numbers and, at worst, a draft nobody references (it is deleted on the way
 * out); registering again takes the next number.
 */
export async function runRegister(options: RegisterOptions, ports: RegisterPorts): Promise<RegisterResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const model = checkModelName(options.model);
  if (options.modelFiles.length === 0) throw new ConfigurationError('no model file: give the model file(s) to register', { input: 'model-files' });
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  if (!Number.isInteger(partSize) || partSize < 1 || partSize > DEFAULT_PART_SIZE) throw new ConfigurationError(`part-size must be a whole number of bytes from 1 to ${DEFAULT_PART_SIZE}`, { input: 'part-size' });
  if (options.attest) checkCanAttest(options.env ?? process.env);
  const inputs = await loadInputs(options, model);
  const commit = trainingCommit(options, inputs.run);
  const policy = await loadPolicy(ports.policy);
  if (options.promoteTo !== undefined) {
    checkStage(policy, options.promoteTo);
    if (!ports.promotions) throw new ConfigurationError('promote-to needs GitHub: a registry on disk has no pull requests', { input: 'promote-to' });
  }
  const registry = new Registry(ports.store, options.registryBranch ?? policy['registry-branch'], ports.updateOptions);

  await mkdir(options.scratchDirectory, { recursive: true });
  const scratch = await mkdtemp(path.join(options.scratchDirectory, 'package-'));
  try {
    // Hash the given files before taking a number, so a bad input costs no version.
    const sources: PackageSource[] = options.modelFiles.map((file) => ({ name: safeAssetName(file), role: 'model', file }));
    const metrics = inputs.evaluation?.summary.metrics ?? inputs.run?.metrics.final ?? {};
    sources.push(await packageDocument(scratch, 'metrics.json', 'metrics', serializeDocument(PackageMetrics, { format: 'ghml.metrics/v1', source: inputs.evaluation ? 'evaluation' : inputs.run ? 'run' : 'none', metrics })));
    if (inputs.profile) sources.push(await packageDocument(scratch, 'data-profile.json', 'data-profile', serializeDocument(DataProfile, inputs.profile)));
    if (inputs.contract) sources.push(await packageDocument(scratch, 'data-contract.json', 'data-contract', serializeDocument(DataContract, inputs.contract)));
    if (inputs.run) sources.push(await packageDocument(scratch, 'run-record.json', 'run-record', serializeDocument(RunRecord, inputs.run)));
    if (inputs.evaluation) sources.push(await packageDocument(scratch, 'evaluation-report.json', 'evaluation-report', inputs.evaluation.content));
    if (inputs.validation) sources.push(await packageDocument(scratch, 'validation-report.json', 'validation-report', serializeDocument(ValidationReport, inputs.validation)));
    const described: DescribedFile[] = [];
    for (const source of sources) described.push(await describeFile(source, partSize));

    const modelPolicy = policy.models[model];
    const owners = options.owners && options.owners.length > 0 ? options.owners : (modelPolicy?.owners ?? []);
    const task = options.task ?? inputs.evaluation?.summary.task ?? null;
    const { version } = await registry.reserveVersion(model, { description: options.description ?? null, task, riskTier: modelPolicy?.risk ?? null, owners });
    const tag = releaseTag(model, version);
    log(`took ${model} v${version} on ${registry.description}`);

    const createdAt = now().toISOString();
    const facts: CardFacts = {
      model,
      version,
      createdAt,
      createdBy: options.context?.actor ?? null,
      commit,
      run: inputs.run?.id ?? null,
      evaluation: inputs.evaluation ? { id: inputs.evaluation.id, passed: inputs.evaluation.summary.gate.passed } : null,
      dataValidation: inputs.validation ? { passed: inputs.validation.valid, failed: inputs.validation.expectations.failed, warnings: inputs.validation.expectations.warnings } : null,
      metrics,
      lineage: {
        repositoryUrl: options.context?.repositoryUrl ?? null,
        workflowRun: workflowRunOf(inputs.run, options.context?.workflowRun),
        dataFingerprint: inputs.run?.data.fingerprint ?? inputs.profile?.fingerprint ?? null,
        dataFiles: (inputs.run ? [...inputs.run.data.files, ...inputs.run.data.otherFiles] : (inputs.profile?.files ?? [])).map((file) => ({ path: file.path, bytes: file.bytes, sha256: file.sha256 })),
        evaluationDataFingerprint: inputs.evaluation?.summary.data?.fingerprint ?? null,
      },
      card: {
        description: options.description ?? null,
        intendedUse: options.intendedUse ?? null,
        limitations: options.limitations ?? null,
        owners,
        task,
      },
      tags: options.tags ?? [],
    };
    const card = renderModelCard(facts);
    described.push(await describeFile(await packageDocument(scratch, MODEL_CARD_NAME, 'model-card', card), partSize));
    const manifest = buildManifest(model, version, createdAt, described);
    const manifestFile = path.join(scratch, MANIFEST_NAME);
    await writeFile(manifestFile, manifest.content);
    const attestation = options.attest ? buildAttestation(manifest.manifest, manifest.digest, { ...facts, tag }) : null;
    const assets = plannedAssets(described, manifestFile, manifest);

    let release: DraftRelease | undefined;
    let published = false;
    let step = 'creating the draft release';
    let record: VersionRecord | undefined;
    try {
      release = await ports.releases.createDraft({ tag, commit, name: `${model} v${version}`, body: fitToLimit(card, RELEASE_BODY_LIMIT) });
      const uploaded: VersionRecord['assets'] = [];
      for (const asset of assets) {
        step = `uploading ${asset.name}`;
        const stored = await ports.releases.uploadAsset(release, asset);
        await verifyUpload(asset, stored, ports.releases, scratch);
        uploaded.push({ name: asset.name, id: stored.id, size: asset.size, sha256: asset.sha256 });
      }
      step = 'publishing the release';
      const releaseUrl = await ports.releases.publish(release);
      published = true;
      record = {
        format: 'ghml.version/v1',
        ...facts,
        release: { tag, id: release.id, url: releaseUrl },
        package: { digest: manifest.digest, bytes: described.reduce((sum, file) => sum + file.entry.size, 0) },
        assets: uploaded,
        attestation: attestation && { predicateType: attestation.predicateType, subjects: attestation.subject.map((subject) => ({ name: subject.name, sha256: subject.digest.sha256 })) },
      };
      step = `committing ${registryPaths.version(model, version)}`;
      await registry.recordVersion(record, { run: inputs.run, evaluation: inputs.evaluation && { id: inputs.evaluation.id, content: inputs.evaluation.content } });
    } catch (error) {
      // An answer lost on the way back does not mean the version record did not land.
      if (!record || !(await versionLanded(registry, record))) {
        if (release) await ports.releases.discard(release, { tag, published });
        log(`registration of ${model} v${version} failed while ${step}; nothing was registered: ${release ? 'the release was removed, ' : ''}v${version} stays unused, and registering again takes the next number`);
        throw error;
      }
    }
    log(`registered ${model} v${version}: ${record.release.url}`);
    const promotion = options.promoteTo === undefined
      ? null
      : await runPromote({ model, version, stage: options.promoteTo, registryBranch: registry.branch }, { store: ports.store, policy: ports.policy, promotions: ports.promotions, updateOptions: ports.updateOptions });
    return { version, tag, releaseUrl: record.release.url, packageDigest: manifest.digest, record, attestation, promotion };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A commit whose answer was lost may still have landed. The release must then stay: the version
 * record points at it.
 */
async function versionLanded(registry: Registry, record: VersionRecord): Promise<boolean> {
  try {
    const snapshot = await registry.snapshot();
    const stored = await registry.readDocument(snapshot, registryPaths.version(record.model, record.version), VersionRecord);
    return stored?.release.id === record.release.id;
  } catch {
    return false;
  }
}
