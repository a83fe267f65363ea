import { stringify } from 'yaml';
import { DataProfile } from '../contracts/data-profile.js';
import { loadDocument } from '../contracts/load.js';
import type { DataContract } from '../contracts/data-contract.js';
import { inferContract } from '../data/infer.js';
import { mergeProfiles } from '../data/merge.js';
import { checkDataFiles } from '../data/reader.js';
import { writeFileAtomic, writeJson } from '../io/files.js';

export interface InferContractOptions {
  data: string[];
  out: string;
  name?: string;
  profileOut?: string;
}

/** `ghml profile infer`: a starting contract from reference data, for a person to review and edit. */
export async function runInferContract(options: InferContractOptions): Promise<DataContract> {
  await checkDataFiles(options.data);
  const { contract, profile } = await inferContract({ files: options.data, name: options.name });
  const header = [
    `# Data contract inferred by \`ghml profile infer\` from ${options.data.join(', ')}.`,
    '# Review it: tighten ranges, add allowed values, uniqueness and distribution expectations.',
    '# Format: schemas/data-contract.json',
  ].join('\n');
  const body = options.out.endsWith('.json') ? `${JSON.stringify(contract, null, 2)}\n` : `${header}\n${stringify(contract, { lineWidth: 0 })}`;
  await writeFileAtomic(options.out, body);
  if (options.profileOut) await writeJson(options.profileOut, profile);
  return contract;
}

export interface MergeProfilesOptions {
  profiles: string[];
  out: string;
}

/** `ghml profile merge`: the profile of a whole dataset from the profiles of its shards. */
export async function runMergeProfiles(options: MergeProfilesOptions): Promise<DataProfile> {
  const profiles = [];
  for (const file of options.profiles) profiles.push(await loadDocument(file, DataProfile, 'data profile', 'profile'));
  const merged = mergeProfiles(profiles, options.profiles);
  await writeJson(options.out, merged);
  return merged;
}
