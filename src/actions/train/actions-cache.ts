import * as cache from '@actions/cache';
import type { CheckpointStore } from '../../train/checkpoint.js';

/**
 * Checkpoints in the GitHub Actions cache. A cache entry cannot be overwritten, so every save has
 * a key of its own, and restore takes the newest entry under the run's prefix.
 */
export class ActionsCacheCheckpointStore implements CheckpointStore {
  readonly description = 'GitHub Actions cache';

  static available(): boolean {
    return cache.isFeatureAvailable();
  }

  async restore(directory: string, restorePrefixes: string[]): Promise<string | null> {
    // The cache matches a primary key by prefix too, and then the restore keys in order.
    const [primary, ...rest] = restorePrefixes;
    return (await cache.restoreCache([directory], primary, rest)) ?? null;
  }

  async save(directory: string, key: string): Promise<void> {
    // The toolkit reports most failures as a warning and an id of -1 rather than by throwing.
    if ((await cache.saveCache([directory], key)) === -1) throw new Error('the Actions cache did not take it (see the warning above)');
  }
}
