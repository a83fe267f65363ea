import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryFormat } from '../contracts/registry.js';
import { serializeDocument } from './documents.js';
import { REGISTRY_FORMAT_PATH } from './paths.js';

/**
 * The registry-store port: a git branch of small files, read at a commit and written with a
 * compare-and-swap on the branch ref. Two adapters implement it: the GitHub Git Data API
 * (src/github/registry-store.ts) and a repository on disk (local-git-store.ts).
 */

export interface FileWrite {
  path: string;
  content: string;
}

export interface CommitRequest {
  branch: string;
  /** The commit the new one builds on (its tree is the base); undefined for a root (orphan) commit. */
  parent: string | undefined;
  /**
   * Where the branch must point for the write to land: undefined when the branch must not exist
   * yet. Without `force` the new commit must also descend from it (a fast-forward).
   */
  expected: string | undefined;
  /** Replace whatever the branch holds: for promotion branches, which ghml alone rewrites. */
  force?: boolean;
  files: FileWrite[];
  message: string;
}

export interface Identity {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
  /** The GitHub account behind the identity, when the adapter knows it. */
  login?: string;
}

export interface PathCommit {
  commit: string;
  author: Identity;
  committer: Identity;
  message: string;
}

export interface RegistryStore {
  /** Where the registry lives, for messages: `owner/repo` or a path on disk. */
  readonly location: string;
  /** The commit a branch points at, or undefined when there is no such branch. */
  head(branch: string): Promise<string | undefined>;
  /** A file's text at a commit, or undefined when the commit has no such file. */
  readFile(commit: string, path: string): Promise<string | undefined>;
  /** Names of the entries of a directory at a commit, or undefined when there is no such directory. */
  listDirectory(commit: string, path: string): Promise<string[] | undefined>;
  /** Writes the files in one commit and moves the branch to it; undefined when the branch moved meanwhile. */
  commitFiles(request: CommitRequest): Promise<string | undefined>;
  /** Commits of the branch that changed the path, newest first. */
  history(branch: string, path: string, limit: number): Promise<PathCommit[]>;
}

/** The branch at one commit: every read sees the same state. `commit` is undefined before the branch exists. */
export interface Snapshot {
  commit: string | undefined;
  read(path: string): Promise<string | undefined>;
}

export function snapshotAt(store: RegistryStore, commit: string | undefined): Snapshot {
  return { commit, read: async (path) => (commit === undefined ? undefined : store.readFile(commit, path)) };
}

async function headSnapshot(store: RegistryStore, branch: string): Promise<Snapshot> {
  return snapshotAt(store, await store.head(branch));
}

/** A change to the branch, computed from a snapshot; no files when there is nothing to write. */
export interface Change<T> {
  files: FileWrite[];
  message: string;
  result: T;
}

export type ChangeFunction<T> = (snapshot: Snapshot) => Promise<Change<T>>;

export interface UpdateOptions {
  /** Attempts before giving up on a branch that keeps moving (default 10). */
  attempts?: number;
  /** Base of the randomized backoff between attempts, in milliseconds (default 50). */
  backoffMs?: number;
  now?: () => Date;
}

export class RegistryConflictError extends Error {
  override name = 'RegistryConflictError';
}

/**
 * Applies a change to the branch with optimistic concurrency: read the head, compute the change
 * from it, write a commit on top of it, and move the branch only if it still points there. When
 * another writer got in first, the change function runs again on the new head, after a random
 * pause that keeps racing writers from colliding in step. The first write to a missing branch
 * creates it as an orphan holding ghml.json, the format of the branch.
 */
export async function updateBranch<T>(store: RegistryStore, branch: string, change: ChangeFunction<T>, options: UpdateOptions = {}): Promise<{ result: T; commit: string | undefined }> {
  const attempts = options.attempts ?? 10;
  const backoffMs = options.backoffMs ?? 50;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const snapshot = await headSnapshot(store, branch);
    const planned = await change(snapshot);
    if (planned.files.length === 0) return { result: planned.result, commit: snapshot.commit };
    const files = snapshot.commit === undefined
      ? [{ path: REGISTRY_FORMAT_PATH, content: serializeDocument(RegistryFormat, { format: 'ghml.registry/v1', createdAt: (options.now?.() ?? new Date()).toISOString() }) }, ...planned.files]
      : planned.files;
    // Two writers making the same change from the same head within a second would make the very
    // same commit, and moving a ref to where it already points succeeds: both would "win". A
    // trailer unique to this write keeps every attempt's commit its own.
    const message = `${planned.message}\n\nGhml-Write: ${randomUUID()}\n`;
    const commit = await store.commitFiles({ branch, parent: snapshot.commit, expected: snapshot.commit, files, message });
    if (commit !== undefined) return { result: planned.result, commit };
    if (attempt < attempts) await sleep(Math.random() * backoffMs * 2 ** Math.min(attempt, 6));
  }
  throw new RegistryConflictError(`the registry branch ${branch} of ${store.location} kept moving: ${attempts} attempts to write lost to other writers; try again`);
}
