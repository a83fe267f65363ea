import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  checkStage,
  renderModelCard,
  runPromote
} from "./chunk-AYBNY4EZ.js";
import {
  DEFAULT_PART_SIZE,
  MANIFEST_NAME,
  MODEL_CARD_NAME,
  buildManifest,
  describeFile,
  plannedAssets,
  safeAssetName
} from "./chunk-WFSC643H.js";
import {
  DataProfile,
  EvaluationSummary,
  FileFingerprint,
  PackageMetrics,
  Registry,
  RunRecord,
  VersionRecord,
  checkModelName,
  loadPolicy,
  registryPaths,
  releaseTag,
  serializeDocument
} from "./chunk-GDY5R3NU.js";
import {
  DataContract,
  external_exports,
  fitToLimit,
  loadDocument
} from "./chunk-FKGEWHBH.js";
import {
  sha256Hex
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";

// src/registry/attestation.ts
var STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
var PREDICATE_TYPE = "https://ghml.dev/attestations/model-package/v1";
function checkCanAttest(env) {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return;
  throw new ConfigurationError(
    "attest is true but this job cannot get an OIDC token: give the job `permissions: id-token: write` (and attestations: write, which actions/attest needs), or set attest to false. Attestations are signed by GitHub's signing services, so they cannot be made outside a GitHub Actions run.",
    { input: "attest" }
  );
}
function buildAttestation(manifest, packageDigest, facts) {
  const prefix = `${facts.tag}/`;
  const subject = [
    { name: `${prefix}${MANIFEST_NAME}`, digest: { sha256: packageDigest } },
    ...manifest.files.filter((file) => file.role === "model").map((file) => ({ name: `${prefix}${file.name}`, digest: { sha256: file.sha256 } }))
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
      dataValidation: facts.dataValidation
    }
  };
}
function subjectChecksums(statement, eol = "\n") {
  return statement.subject.map((subject) => `${subject.digest.sha256}  ${subject.name}${eol}`).join("");
}

// src/steps/register.ts
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// src/contracts/validation-report.ts
var expectationKinds = [
  "readable",
  "required-column",
  "unexpected-column",
  "type",
  "nullable",
  "max-missing",
  "min",
  "max",
  "allowed-values",
  "pattern",
  "unique",
  "mean",
  "stddev",
  "quantile",
  "row-count",
  "primary-key",
  "freshness"
];
var ExpectationKind = external_exports.enum(expectationKinds);
var ExampleRow = external_exports.strictObject({
  file: external_exports.string(),
  row: external_exports.number().int().positive().describe("1-based data row (the header is row 0 in CSV)."),
  value: external_exports.string().nullable()
});
var Finding = external_exports.strictObject({
  expectation: ExpectationKind,
  severity: external_exports.enum(["error", "warning"]),
  column: external_exports.string().nullable(),
  expected: external_exports.string().describe("What the contract asks for, in words."),
  observed: external_exports.string().describe("What the data has, in words."),
  failures: external_exports.number().int().nonnegative().describe("Rows that broke it (0 for dataset-level expectations)."),
  examples: external_exports.array(ExampleRow),
  message: external_exports.string()
});
var ValidationReport = external_exports.strictObject({
  format: external_exports.literal("ghml.validation-report/v1"),
  valid: external_exports.boolean(),
  contract: external_exports.string().nullable().describe("Name of the contract, when it has one."),
  rows: external_exports.number().int().nonnegative(),
  files: external_exports.array(FileFingerprint),
  fingerprint: external_exports.string().regex(/^[0-9a-f]{64}$/),
  expectations: external_exports.strictObject({ evaluated: external_exports.number().int(), failed: external_exports.number().int(), warnings: external_exports.number().int() }),
  findings: external_exports.array(Finding)
}).describe("A ghml validation report: each expectation of the contract that the data broke.");

// src/steps/register.ts
var RELEASE_BODY_LIMIT = 125e3;
async function load(file, schema, what, input) {
  return file === void 0 ? void 0 : loadDocument(file, schema, what, input);
}
async function loadInputs(options, model) {
  const run = await load(options.runRecord, RunRecord, "run record", "run-record");
  if (run && run.model !== model) throw new ConfigurationError(`the run record is of model "${run.model}", not "${model}"`, { input: "run-record" });
  if (run && run.status !== "succeeded") throw new ConfigurationError(`run ${run.id} ${run.status}${run.message ? ` (${run.message})` : ""}: only a succeeded run's model can be registered`, { input: "run-record" });
  const evaluation = await load(options.evaluationReport, EvaluationSummary, "evaluation report", "evaluation-report");
  const content = evaluation && serializeDocument(EvaluationSummary, evaluation);
  return {
    run,
    evaluation: evaluation && content ? { summary: evaluation, content, id: sha256Hex(content).slice(0, 16) } : void 0,
    profile: await load(options.dataProfile, DataProfile, "data profile", "data-profile"),
    contract: await load(options.dataContract, DataContract, "data contract", "data-contract"),
    validation: await load(options.validationReport, ValidationReport, "validation report", "validation-report")
  };
}
function trainingCommit(options, run) {
  const commit = options.commit ?? run?.git?.commit ?? run?.trigger.sha ?? void 0;
  if (!commit) throw new ConfigurationError("no training commit: give commit (the commit the model was trained from), or a run record that has one", { input: "commit" });
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new ConfigurationError(`commit "${commit}" is not a full 40-character commit id`, { input: "commit" });
  return commit;
}
function workflowRunOf(run, fallback) {
  if (run?.trigger.runId && run.trigger.runUrl) return { id: run.trigger.runId, attempt: run.trigger.runAttempt, url: run.trigger.runUrl };
  return fallback ?? null;
}
async function packageDocument(directory, name, role, content) {
  const file = path.join(directory, name);
  await writeFile(file, content);
  return { name, role, file };
}
async function verifyUpload(asset, uploaded, releases, scratch) {
  let stored = { size: uploaded.size, sha256: uploaded.sha256 };
  if (stored.sha256 === null) stored = await releases.downloadAsset(uploaded.id, path.join(scratch, `verify-${uploaded.id}`));
  if (uploaded.name !== asset.name || stored.size !== asset.size || stored.sha256 !== asset.sha256) {
    throw new Error(`release asset ${asset.name} did not arrive intact: GitHub stored ${uploaded.name}, ${stored.size} bytes with sha256 ${stored.sha256}; ghml sent ${asset.size} bytes with sha256 ${asset.sha256}`);
  }
}
async function runRegister(options, ports) {
  const log = options.log ?? (() => void 0);
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const model = checkModelName(options.model);
  if (options.modelFiles.length === 0) throw new ConfigurationError("no model file: give the model file(s) to register", { input: "model-files" });
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  if (!Number.isInteger(partSize) || partSize < 1 || partSize > DEFAULT_PART_SIZE) throw new ConfigurationError(`part-size must be a whole number of bytes from 1 to ${DEFAULT_PART_SIZE}`, { input: "part-size" });
  if (options.attest) checkCanAttest(options.env ?? process.env);
  const inputs = await loadInputs(options, model);
  const commit = trainingCommit(options, inputs.run);
  const policy = await loadPolicy(ports.policy);
  if (options.promoteTo !== void 0) {
    checkStage(policy, options.promoteTo);
    if (!ports.promotions) throw new ConfigurationError("promote-to needs GitHub: a registry on disk has no pull requests", { input: "promote-to" });
  }
  const registry = new Registry(ports.store, options.registryBranch ?? policy["registry-branch"], ports.updateOptions);
  await mkdir(options.scratchDirectory, { recursive: true });
  const scratch = await mkdtemp(path.join(options.scratchDirectory, "package-"));
  try {
    const sources = options.modelFiles.map((file) => ({ name: safeAssetName(file), role: "model", file }));
    const metrics = inputs.evaluation?.summary.metrics ?? inputs.run?.metrics.final ?? {};
    sources.push(await packageDocument(scratch, "metrics.json", "metrics", serializeDocument(PackageMetrics, { format: "ghml.metrics/v1", source: inputs.evaluation ? "evaluation" : inputs.run ? "run" : "none", metrics })));
    if (inputs.profile) sources.push(await packageDocument(scratch, "data-profile.json", "data-profile", serializeDocument(DataProfile, inputs.profile)));
    if (inputs.contract) sources.push(await packageDocument(scratch, "data-contract.json", "data-contract", serializeDocument(DataContract, inputs.contract)));
    if (inputs.run) sources.push(await packageDocument(scratch, "run-record.json", "run-record", serializeDocument(RunRecord, inputs.run)));
    if (inputs.evaluation) sources.push(await packageDocument(scratch, "evaluation-report.json", "evaluation-report", inputs.evaluation.content));
    if (inputs.validation) sources.push(await packageDocument(scratch, "validation-report.json", "validation-report", serializeDocument(ValidationReport, inputs.validation)));
    const described = [];
    for (const source of sources) described.push(await describeFile(source, partSize));
    const modelPolicy = policy.models[model];
    const owners = options.owners && options.owners.length > 0 ? options.owners : modelPolicy?.owners ?? [];
    const task = options.task ?? inputs.evaluation?.summary.task ?? null;
    const { version } = await registry.reserveVersion(model, { description: options.description ?? null, task, riskTier: modelPolicy?.risk ?? null, owners });
    const tag = releaseTag(model, version);
    log(`took ${model} v${version} on ${registry.description}`);
    const createdAt = now().toISOString();
    const facts = {
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
        dataFiles: (inputs.run ? [...inputs.run.data.files, ...inputs.run.data.otherFiles] : inputs.profile?.files ?? []).map((file) => ({ path: file.path, bytes: file.bytes, sha256: file.sha256 })),
        evaluationDataFingerprint: inputs.evaluation?.summary.data?.fingerprint ?? null
      },
      card: {
        description: options.description ?? null,
        intendedUse: options.intendedUse ?? null,
        limitations: options.limitations ?? null,
        owners,
        task
      },
      tags: options.tags ?? []
    };
    const card = renderModelCard(facts);
    described.push(await describeFile(await packageDocument(scratch, MODEL_CARD_NAME, "model-card", card), partSize));
    const manifest = buildManifest(model, version, createdAt, described);
    const manifestFile = path.join(scratch, MANIFEST_NAME);
    await writeFile(manifestFile, manifest.content);
    const attestation = options.attest ? buildAttestation(manifest.manifest, manifest.digest, { ...facts, tag }) : null;
    const assets = plannedAssets(described, manifestFile, manifest);
    let release;
    let published = false;
    let step = "creating the draft release";
    let record;
    try {
      release = await ports.releases.createDraft({ tag, commit, name: `${model} v${version}`, body: fitToLimit(card, RELEASE_BODY_LIMIT) });
      const uploaded = [];
      for (const asset of assets) {
        step = `uploading ${asset.name}`;
        const stored = await ports.releases.uploadAsset(release, asset);
        await verifyUpload(asset, stored, ports.releases, scratch);
        uploaded.push({ name: asset.name, id: stored.id, size: asset.size, sha256: asset.sha256 });
      }
      step = "publishing the release";
      const releaseUrl = await ports.releases.publish(release);
      published = true;
      record = {
        format: "ghml.version/v1",
        ...facts,
        release: { tag, id: release.id, url: releaseUrl },
        package: { digest: manifest.digest, bytes: described.reduce((sum, file) => sum + file.entry.size, 0) },
        assets: uploaded,
        attestation: attestation && { predicateType: attestation.predicateType, subjects: attestation.subject.map((subject) => ({ name: subject.name, sha256: subject.digest.sha256 })) }
      };
      step = `committing ${registryPaths.version(model, version)}`;
      await registry.recordVersion(record, { run: inputs.run, evaluation: inputs.evaluation && { id: inputs.evaluation.id, content: inputs.evaluation.content } });
    } catch (error) {
      if (!record || !await versionLanded(registry, record)) {
        if (release) await ports.releases.discard(release, { tag, published });
        log(`registration of ${model} v${version} failed while ${step}; nothing was registered: ${release ? "the release was removed, " : ""}v${version} stays unused, and registering again takes the next number`);
        throw error;
      }
    }
    log(`registered ${model} v${version}: ${record.release.url}`);
    const promotion = options.promoteTo === void 0 ? null : await runPromote({ model, version, stage: options.promoteTo, registryBranch: registry.branch }, { store: ports.store, policy: ports.policy, promotions: ports.promotions, updateOptions: ports.updateOptions });
    return { version, tag, releaseUrl: record.release.url, packageDigest: manifest.digest, record, attestation, promotion };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function versionLanded(registry, record) {
  try {
    const snapshot = await registry.snapshot();
    const stored = await registry.readDocument(snapshot, registryPaths.version(record.model, record.version), VersionRecord);
    return stored?.release.id === record.release.id;
  } catch {
    return false;
  }
}

export {
  subjectChecksums,
  runRegister
};
