import { ExitCode } from '../../errors.js';
import { runInferContract, runMergeProfiles } from '../../steps/profile.js';
import { listFlag, requiredStringFlag, stringFlag, type Command } from '../command.js';

export const profileInferCommand: Command = {
  name: 'profile infer',
  summary: 'write a starting data contract inferred from reference data',
  usage: `Usage: ghml profile infer --data <file>... --out <contract.yml> [--name <dataset>] [--profile-out <file>]

Reads reference data and writes a data contract stating what it shows: each column's type,
presence, range and categories. Review and edit it; the same data always validates against it.`,
  options: {
    data: { type: 'string', multiple: true },
    out: { type: 'string' },
    name: { type: 'string' },
    'profile-out': { type: 'string' },
  },
  async run(args, io) {
    const out = requiredStringFlag(args, 'out', 'name the contract file to write, e.g. --out contract.yml');
    const contract = await runInferContract({ data: listFlag(args, 'data'), out, name: stringFlag(args, 'name'), profileOut: stringFlag(args, 'profile-out') });
    io.stdout(`Wrote ${out}: ${contract.columns.length} columns (${contract.columns.map((c) => `${c.name}: ${c.type}`).join(', ')}).\n`);
    return ExitCode.ok;
  },
};

export const profileMergeCommand: Command = {
  name: 'profile merge',
  summary: 'merge the data profiles of shards into the profile of the whole',
  usage: `Usage: ghml profile merge --profile <file>... --out <file>

Merges profiles written by validate-data on shards of a dataset (for example by a matrix of
jobs). Counts and moments merge exactly; quantiles, distinct counts and frequent values within
their sketches' error bounds.`,
  options: {
    profile: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
  async run(args, io) {
    const out = requiredStringFlag(args, 'out', 'name the merged profile file to write');
    const merged = await runMergeProfiles({ profiles: listFlag(args, 'profile'), out });
    io.stdout(`Wrote ${out}: ${merged.rows} rows from ${merged.files.length} files, ${merged.columns.length} columns.\n`);
    return ExitCode.ok;
  },
};
