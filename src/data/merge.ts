import type { DataProfile } from '../contracts/data-profile.js';
import { ConfigurationError } from '../errors.js';
import { buildProfile, ColumnProfiler } from './profile.js';

/**
 * Merges shard profiles into the profile of the whole: counts and moments exactly, sketches within
 * their error bounds. Columns are matched by name; a column missing from a shard counts as missing
 * values for that shard's rows.
 */
export function mergeProfiles(profiles: DataProfile[], names: string[] = profiles.map((_, i) => `profile ${i + 1}`)): DataProfile {
  if (profiles.length === 0) throw new ConfigurationError('no profiles to merge: pass at least one', { input: 'profile' });
  const merged = new Map<string, ColumnProfiler>();
  profiles.forEach((profile, index) => {
    for (const column of profile.columns) {
      let shard: ColumnProfiler;
      try {
        shard = ColumnProfiler.fromProfile(column);
      } catch (error) {
        throw new ConfigurationError(
          `${names[index]}: column "${column.name}": ${(error as Error).message}: the profile is damaged; write it again with validate-data`,
          { input: 'profile' },
        );
      }
      const existing = merged.get(column.name);
      if (!existing) {
        // Rows of earlier shards that lacked this column are missing values of it.
        shard.missing += profiles.slice(0, index).reduce((sum, p) => sum + p.rows, 0);
        merged.set(column.name, shard);
        continue;
      }
      if (existing.type !== column.type) {
        throw new ConfigurationError(
          `column "${column.name}" is ${existing.type} in an earlier profile but ${column.type} in ${names[index]}: profile every shard with the same contract`,
          { input: 'profile' },
        );
      }
      existing.merge(shard);
    }
    for (const [name, profiler] of merged) {
      if (!profile.columns.some((column) => column.name === name)) profiler.missing += profile.rows;
    }
  });
  return buildProfile([...merged.values()], profiles.flatMap((profile) => profile.files));
}
