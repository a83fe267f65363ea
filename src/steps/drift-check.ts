import type { ColumnType } from '../contracts/data-contract.js';
import { DataContract } from '../contracts/data-contract.js';
import { DataProfile } from '../contracts/data-profile.js';
import { DriftConfig, type DriftMethod, type DriftReport } from '../contracts/drift.js';
import { loadDocument } from '../contracts/load.js';
import { sniffColumnTypes } from '../data/infer.js';
import { checkDataFiles } from '../data/reader.js';
import { sampleData, sampleProfile, type SampledDataset } from '../drift/collect.js';
import { checkDrift } from '../drift/check.js';
import { ConfigurationError } from '../errors.js';
import { writeJson } from '../io/files.js';

export interface DriftCheckOptions {
  /** Reference data files, or one saved data profile (.json). */
  reference: string[];
  current: string[];
  /** drift-check configuration file (YAML or JSON). */
  config?: string;
  /** A data contract giving column types; otherwise the reference profile's, or types read off the reference. */
  contract?: string;
  method?: DriftMethod;
  columns?: string[];
  predictionColumn?: string;
  labelColumn?: string;
  minRows?: number;
  reportOut?: string;
  now?: Date;
}

/** Rows read to tell column types when neither a profile nor a contract gives them. */
const SNIFF_ROWS = 10_000;

async function loadReference(options: DriftCheckOptions): Promise<{ reference: SampledDataset; kind: 'data' | 'profile'; types: Map<string, ColumnType> }> {
  const [first] = options.reference;
  if (options.reference.length === 1 && first.endsWith('.json')) {
    const profile = await loadDocument(first, DataProfile, 'reference profile', 'reference');
    return { reference: sampleProfile(profile, first), kind: 'profile', types: new Map(profile.columns.map((c) => [c.name, c.type])) };
  }
  await checkDataFiles(options.reference, 'reference');
  let types: Map<string, ColumnType>;
  if (options.contract) {
    const contract = await loadDocument(options.contract, DataContract, 'data contract', 'contract');
    types = new Map(contract.columns.map((c) => [c.name, c.type]));
  } else {
    types = new Map((await sniffColumnTypes(options.reference, SNIFF_ROWS)).columns.map((c) => [c.name, c.type]));
  }
  const roles = { prediction: options.predictionColumn, label: options.labelColumn };
  return { reference: await sampleData(options.reference, types, true, roles), kind: 'data', types };
}

/** drift-check: compares current data with a reference (data or profile) and writes the drift report. */
export async function runDriftCheck(options: DriftCheckOptions): Promise<DriftReport> {
  const config = options.config ? await loadDocument(options.config, DriftConfig, 'drift-check configuration', 'config') : DriftConfig.parse({});
  if (options.minRows !== undefined) config['min-rows'] = options.minRows;
  await checkDataFiles(options.current, 'current');
  const { reference, kind, types } = await loadReference(options);
  for (const name of [...(options.columns ?? []), options.predictionColumn, options.labelColumn]) {
    if (name !== undefined && !types.has(name)) {
      throw new ConfigurationError(`column "${name}" is not in the reference (its columns: ${[...types.keys()].join(', ')})`, { input: 'columns' });
    }
  }
  // The current side is summarized like the reference: exact values against data, sketches against a profile.
  const current = await sampleData(options.current, types, kind === 'data', { prediction: options.predictionColumn, label: options.labelColumn });
  const report = checkDrift({
    reference,
    referenceKind: kind,
    current,
    config,
    columns: options.columns,
    method: options.method,
    predictionColumn: options.predictionColumn,
    labelColumn: options.labelColumn,
    now: options.now,
  });
  if (options.reportOut) await writeJson(options.reportOut, report);
  return report;
}
