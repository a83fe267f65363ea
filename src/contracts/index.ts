import type { z } from 'zod';
import { DataContract } from './data-contract.js';
import { DataProfile } from './data-profile.js';
import { DeployReport } from './deploy.js';
import { DriftConfig, DriftReport } from './drift.js';
import { EvaluationReport } from './evaluation-report.js';
import { EvaluationThresholds } from './evaluation-thresholds.js';
import { Policy } from './policy.js';
import { Aliases, ModelRecord, PackageManifest, PackageMetrics, RegistryFormat, VersionRecord } from './registry.js';
import { RunRecord } from './run-record.js';
import { LoadVersionRequest, Routing, ServerStatus } from './serve.js';
import { Sweep } from './sweep.js';
import { ValidationReport } from './validation-report.js';

/**
 * Every document ghml reads or writes, by the name of its JSON Schema in schemas/. `io: 'input'`
 * for documents people write (defaults may be left out), `output` for documents ghml writes.
 */
export const documentSchemas: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  'data-contract': { schema: DataContract, io: 'input' },
  'data-profile': { schema: DataProfile, io: 'output' },
  'validation-report': { schema: ValidationReport, io: 'output' },
  'drift-config': { schema: DriftConfig, io: 'input' },
  'drift-report': { schema: DriftReport, io: 'output' },
  'evaluation-thresholds': { schema: EvaluationThresholds, io: 'input' },
  'evaluation-report': { schema: EvaluationReport, io: 'output' },
  'run-record': { schema: RunRecord, io: 'output' },
  sweep: { schema: Sweep, io: 'input' },
  policy: { schema: Policy, io: 'input' },
  registry: { schema: RegistryFormat, io: 'output' },
  'registry-model': { schema: ModelRecord, io: 'output' },
  'registry-aliases': { schema: Aliases, io: 'output' },
  'registry-version': { schema: VersionRecord, io: 'output' },
  'model-package': { schema: PackageManifest, io: 'output' },
  'package-metrics': { schema: PackageMetrics, io: 'output' },
  'serve-status': { schema: ServerStatus, io: 'output' },
  'serve-routing': { schema: Routing, io: 'input' },
  'serve-load-version': { schema: LoadVersionRequest, io: 'input' },
  'deploy-report': { schema: DeployReport, io: 'output' },
};
