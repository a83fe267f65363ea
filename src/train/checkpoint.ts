import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Checkpoints outlive the job that wrote them: the train step restores `checkpoint-dir` before the
 * command starts and saves it after the command ends, however it ended, so that a re-run attempt,
 * or a job whose runner was preempted, resumes instead of starting over.
 */

export interface CheckpointKey {
  /** The key this run saves under: unique per attempt, because a saved cache entry is immutable. */
  save: string;
  /** Prefixes that match what earlier attempts of the same run saved; the newest match is restored. */
  restorePrefixes: string[];
}

/** Where checkpoints are kept between attempts (the port the Action and the CLI implement). */
export interface CheckpointStore {
  /** Says where, for logs and the run record. */
  readonly description: string;
  /** Restores the newest entry whose key starts with a prefix (tried in order); returns its key, or null when there is none. */
  restore(directory: string, restorePrefixes: string[]): Promise<string | null>;
  save(directory: string, key: string): Promise<void>;
}

export interface CheckpointScope {
  model: string;
  command: string;
  params: Record<string, unknown>;
  seed: number;
  env: NodeJS.ProcessEnv;
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 64);

/**
 * Keys on what stays the same between attempts of one job (model, command, parameters, seed,
 * repository, workflow, job, run id) and leaves the attempt number and time to the save key only.
 * Parameters are part of it so that the trials of a sweep, which share the run id, never resume
 * from each other.
 */
export function checkpointKey(scope: CheckpointScope, now: Date): CheckpointKey {
  const { env } = scope;
  const identity = JSON.stringify([scope.model, scope.command, scope.params, scope.seed, env.GITHUB_REPOSITORY ?? null, env.GITHUB_WORKFLOW ?? null, env.GITHUB_JOB ?? null, env.GITHUB_RUN_ID ?? null]);
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  const prefix = `ghml-checkpoint-${slug(scope.model)}-${digest}-`;
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
  return { save: `${prefix}${attempt}-${now.getTime()}`, restorePrefixes: [prefix] };
}

export async function directoryContents(directory: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/**
 * Checkpoints kept in a directory: for the CLI, and for self-hosted runners that share a volume
 * (NFS, a persistent disk). Each save is a complete copy, renamed into place when done, so a save
 * cut short by a kill is never restored.
 */
export class DirectoryCheckpointStore implements CheckpointStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `directory ${root}`;
  }

  async restore(directory: string, restorePrefixes: string[]): Promise<string | null> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const prefix of restorePrefixes) {
      const candidates = entries.filter((e) => e.isDirectory() && e.name.startsWith(prefix));
      if (candidates.length === 0) continue;
      const dated = await Promise.all(candidates.map(async (e) => ({ name: e.name, saved: (await stat(path.join(this.root, e.name))).mtimeMs })));
      const newest = dated.sort((a, b) => b.saved - a.saved || b.name.localeCompare(a.name))[0];
      await mkdir(directory, { recursive: true });
      await cp(path.join(this.root, newest.name), directory, { recursive: true, force: true });
      return newest.name;
    }
    return null;
  }

  async save(directory: string, key: string): Promise<void> {
    const staging = path.join(this.root, `.saving-${key}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(this.root, { recursive: true });
    await cp(directory, staging, { recursive: true });
    await rename(staging, path.join(this.root, key));
  }
}
