import { DataContract } from '../contracts/data-contract.js';
import type { DataProfile } from '../contracts/data-profile.js';
import { loadDocument } from '../contracts/load.js';
import type { ValidationReport } from '../contracts/validation-report.js';
import { checkDataFiles } from '../data/reader.js';
import { validateData } from '../data/validate.js';
import { writeJson } from '../io/files.js';

export interface ValidateDataOptions {
  /** Data files (CSV, JSON Lines, Parquet), read in order as one dataset. */
  data: string[];
  /** Path of the data contract (YAML or JSON). */
  contract: string;
  profileOut?: string;
  reportOut?: string;
  maxExamples?: number;
  now?: Date;
}

export interface ValidateDataResult {
  valid: boolean;
  report: ValidationReport;
  profile: DataProfile;
  fingerprint: string;
}

/** validate-data: checks data against its contract and profiles it, writing both documents. */
export async function runValidateData(options: ValidateDataOptions): Promise<ValidateDataResult> {
  const contract = await loadDocument(options.contract, DataContract, 'data contract', 'contract');
  await checkDataFiles(options.data);
  const { report, profile } = await validateData({ files: options.data, contract, maxExamples: options.maxExamples, now: options.now });
  if (options.reportOut) await writeJson(options.reportOut, report);
  if (options.profileOut) await writeJson(options.profileOut, profile);
  return { valid: report.valid, report, profile, fingerprint: report.fingerprint };
}
