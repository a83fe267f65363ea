import { z } from 'zod';

/**
 * The documents of the registry branch (DESIGN §2) and of a model package. ghml writes them all,
 * validates each one before it writes it and again whenever it reads it back.
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256');
const timestamp = z.iso.datetime({ offset: true });
const gitCommit = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a full git commit id');

/**
 * A model name becomes a path segment on the registry branch and a component of the tag
 * `model/<name>/v<N>`, so it may hold nothing that git refuses in a ref or that climbs a path.
 */
export const ModelName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit')
  .refine((name) => !name.includes('..'), 'must not contain ".."')
  .refine((name) => !name.endsWith('.lock') && !name.endsWith('.'), 'must not end with "." or ".lock" (git refuses such tags)');

/** A stage is a key of aliases.json, a branch name segment and usually a GitHub environment. */
export const StageName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be 1–32 characters of a-z, 0-9, "_" and "-", starting with a letter');

export const VersionNumber = z.number().int().positive();

export const RegistryFormat = z
  .strictObject({
    format: z.literal('ghml.registry/v1'),
    createdAt: timestamp,
  })
  .describe('ghml.json at the root of the registry branch: the format of everything on the branch.');
export type RegistryFormat = z.infer<typeof RegistryFormat>;

export const ModelRecord = z
  .strictObject({
    format: z.literal('ghml.model/v1'),
    name: ModelName,
    description: z.string().nullable(),
    task: z.string().nullable().describe('binary, multiclass, regression, or what the owners call it.'),
    riskTier: z.string().nullable().describe('The risk tier the promotion policy gives the model, when it names the model.'),
    owners: z.array(z.string()).describe('GitHub users or teams (@org/team) who own the model.'),
    latestVersion: z
      .number()
      .int()
      .nonnegative()
      .describe('The highest version number taken. A number is taken before its package is published, so versions/<latestVersion>.json may not exist yet, or ever (a failed registration leaves a gap).'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .describe('models/<name>/model.json: what the model is and who owns it, and the version counter.');
export type ModelRecord = z.infer<typeof ModelRecord>;

export const Aliases = z
  .record(StageName, VersionNumber)
  .describe('models/<name>/aliases.json: the version each stage serves, e.g. {"staging": 4, "production": 3}. The only file a promotion pull request changes.');
export type Aliases = z.infer<typeof Aliases>;

export const packageFileRoles = ['model', 'model-card', 'metrics', 'data-profile', 'data-contract', 'run-record', 'evaluation-report', 'validation-report'] as const;
export const PackageFileRole = z.enum(packageFileRoles);
export type PackageFileRole = z.infer<typeof PackageFileRole>;

/** GitHub renames release assets outside this alphabet, so package file names stay within it. */
export const AssetName = z.string().regex(/^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/, 'must use only A-Z, a-z, 0-9, ".", "_", "+" and "-", not starting with "."').max(255);

export const PackagePart = z.strictObject({
  asset: AssetName,
  size: z.number().int().positive(),
  sha256,
});
export type PackagePart = z.infer<typeof PackagePart>;

export const PackageFile = z.strictObject({
  name: AssetName.describe('The file name in the package; also its release asset name unless it is split.'),
  role: PackageFileRole,
  size: z.number().int().nonnegative(),
  sha256,
  parts: z
    .array(PackagePart)
    .nullable()
    .describe('Release assets holding the file in order, when it is larger than a release asset may be; null when the file is one asset.'),
});
export type PackageFile = z.infer<typeof PackageFile>;

export const PackageManifest = z
  .strictObject({
    format: z.literal('ghml.package/v1'),
    model: ModelName,
    version: VersionNumber,
    createdAt: timestamp,
    files: z.array(PackageFile).min(1),
  })
  .describe('ghml-package.json: every file of a model package with its size and sha256. The package digest is the sha256 of this file.');
export type PackageManifest = z.infer<typeof PackageManifest>;

export const ReleaseAssetRecord = z.strictObject({
  name: AssetName,
  id: z.number().int().positive(),
  size: z.number().int().nonnegative(),
  sha256,
});
export type ReleaseAssetRecord = z.infer<typeof ReleaseAssetRecord>;

export const WorkflowRun = z.strictObject({
  id: z.string(),
  attempt: z.number().int().positive().nullable(),
  url: z.url(),
});
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const DataFileLineage = z.strictObject({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256,
});

export const VersionRecord = z
  .strictObject({
    format: z.literal('ghml.version/v1'),
    model: ModelName,
    version: VersionNumber,
    createdAt: timestamp,
    createdBy: z.string().nullable().describe('Who registered it: the workflow actor or the token\'s user.'),
    release: z.strictObject({
      tag: z.string(),
      id: z.number().int().positive(),
      url: z.url().describe('The release page.'),
    }),
    package: z.strictObject({
      digest: sha256.describe('sha256 of ghml-package.json.'),
      bytes: z.number().int().nonnegative().describe('Total size of the package files.'),
    }),
    assets: z.array(ReleaseAssetRecord).min(1).describe('Every release asset, verified after upload.'),
    commit: gitCommit.describe('The training commit; the release tag points at it.'),
    run: z.string().nullable().describe('The training run id: runs/<model>/<run>.json.'),
    evaluation: z
      .strictObject({ id: z.string(), passed: z.boolean() })
      .nullable()
      .describe('The evaluation registered with the version: evaluations/<model>/<version>/<id>.json.'),
    dataValidation: z
      .strictObject({ passed: z.boolean(), failed: z.number().int().nonnegative(), warnings: z.number().int().nonnegative() })
      .nullable()
      .describe('The validation report registered with the version, in brief.'),
    metrics: z.record(z.string(), z.number().nullable()).describe('The evaluation\'s metrics, else the run\'s final metrics.'),
    lineage: z.strictObject({
      repositoryUrl: z.url().nullable().describe('The repository\'s web page, for links to the commit.'),
      workflowRun: WorkflowRun.nullable(),
      dataFingerprint: sha256.nullable().describe('The training data: the run record\'s fingerprint, else the data profile\'s.'),
      dataFiles: z.array(DataFileLineage),
      evaluationDataFingerprint: z.string().nullable(),
    }),
    card: z.strictObject({
      description: z.string().nullable(),
      intendedUse: z.string().nullable(),
      limitations: z.string().nullable(),
      owners: z.array(z.string()),
      task: z.string().nullable(),
    }),
    tags: z.array(z.string()),
    attestation: z
      .strictObject({ predicateType: z.url(), subjects: z.array(z.strictObject({ name: z.string(), sha256 })) })
      .nullable()
      .describe('What an artifact attestation of this package covers, when one was requested.'),
  })
  .describe('models/<name>/versions/<N>.json: one registered version, written once after its release is published and verified, never rewritten.');
export type VersionRecord = z.infer<typeof VersionRecord>;

/**
 * The part of an evaluation report the registry reads. The registry stores the whole report, but
 * checks only what it relies on, so it keeps working while the evaluation report grows.
 */
export const EvaluationSummary = z.looseObject({
  format: z.literal('ghml.evaluation-report/v1'),
  task: z.string().optional(),
  metrics: z.record(z.string(), z.number().nullable()),
  data: z.looseObject({ fingerprint: z.string() }).optional(),
  gate: z.looseObject({ passed: z.boolean() }),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const PackageMetrics = z
  .strictObject({
    format: z.literal('ghml.metrics/v1'),
    source: z.enum(['evaluation', 'run', 'none']).describe('evaluation: the registered evaluation report; run: the training run\'s final metrics.'),
    metrics: z.record(z.string(), z.number().nullable()),
  })
  .describe('metrics.json in a model package.');
export type PackageMetrics = z.infer<typeof PackageMetrics>;
