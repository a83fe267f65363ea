import type { z } from 'zod';
import { DriftReport } from '../contracts/drift.js';
import { Aliases, ModelRecord, VersionRecord } from '../contracts/registry.js';
import { RunRecord } from '../contracts/run-record.js';
import { ConfigurationError } from '../errors.js';
import { parseDocument, serializeDocument } from './documents.js';
import { checkModelName, checkRunId, checkStageName, MODELS_DIRECTORY, registryPaths } from './paths.js';
import { formatReference, type ModelReference } from './reference.js';
import { snapshotAt, updateBranch, type FileWrite, type PathCommit, type RegistryStore, type Snapshot, type UpdateOptions } from './store.js';
import { sha256Hex } from '../io/digest.js';

export interface ModelDetails {
  description?: string | null;
  task?: string | null;
  riskTier?: string | null;
  owners?: string[];
}

export interface ResolvedVersion {
  snapshot: Snapshot;
  record: VersionRecord;
  /** The stage the reference named, when it named one. */
  alias: string | null;
}

export interface ModelListing {
  model: ModelRecord;
  aliases: Aliases;
}

export interface AliasChange {
  commit: string;
  author: PathCommit['author'];
  committer: PathCommit['committer'];
  message: string;
  aliases: Aliases;
  /** What this commit changed, against the commit before it in the file's history. */
  changes: { stage: string; from: number | null; to: number | null }[];
}

/** Gaps left by failed registrations are rare; a model with more in a row than this is broken. */
const LATEST_SEARCH_LIMIT = 20;
/** Reads in flight at once when a command reads one file per model or per commit. */
const READ_CONCURRENCY = 8;

/**
 * The registry on one branch: versions, aliases, runs, evaluations and drift reports, read and
 * written through a store. Every operation that names a model reads a fixed number of files,
 * whatever the number of models and versions, because paths are computed, never searched.
 */
export class Registry {
  constructor(
    readonly store: RegistryStore,
    readonly branch: string,
    private readonly options: UpdateOptions = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The branch, for messages: `owner/repo ghml/registry`. */
  get description(): string {
    return `${this.store.location} ${this.branch}`;
  }

  /** Where a document lives, for messages: `owner/repo ghml/registry:models/churn/model.json`. */
  where(path: string): string {
    return `${this.description}:${path}`;
  }

  async snapshot(): Promise<Snapshot> {
    return snapshotAt(this.store, await this.store.head(this.branch));
  }

  async readDocument<T extends z.ZodType>(snapshot: Snapshot, path: string, schema: T): Promise<z.infer<T> | undefined> {
    const content = await snapshot.read(path);
    return content === undefined ? undefined : parseDocument(schema, content, this.where(path));
  }

  private document<T extends z.ZodType>(schema: T, path: string, value: z.input<T>): FileWrite {
    return { path, content: serializeDocument(schema, value) };
  }

  /**
   * Takes the next version number: model.json's counter goes up by one in a compare-and-swap
   * commit, so two registrations racing each other get different numbers and neither is lost.
   * Creates the model (and its empty aliases.json) on its first registration.
   */
  async reserveVersion(name: string, details: ModelDetails): Promise<{ version: number; model: ModelRecord }> {
    const model = checkModelName(name);
    const { result } = await updateBranch(this.store, this.branch, async (snapshot) => {
      const existing = await this.readDocument(snapshot, registryPaths.model(model), ModelRecord);
      const now = this.now().toISOString();
      const record: ModelRecord = {
        format: 'ghml.model/v1',
        name: model,
        description: details.description ?? existing?.description ?? null,
        task: details.task ?? existing?.task ?? null,
        riskTier: details.riskTier ?? existing?.riskTier ?? null,
        owners: details.owners && details.owners.length > 0 ? details.owners : (existing?.owners ?? []),
        latestVersion: (existing?.latestVersion ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const files = [this.document(ModelRecord, registryPaths.model(model), record)];
      if (!existing) files.push(this.document(Aliases, registryPaths.aliases(model), {}));
      return { files, message: `${model}: take version ${record.latestVersion}`, result: { version: record.latestVersion, model: record } };
    }, this.options);
    return result;
  }

  /**
   * Commits a version record, with the documents registered alongside it (its run record and its
   * evaluation), once its release is published and verified. A version record is written once.
   */
  async recordVersion(record: VersionRecord, attachments: { run?: RunRecord; evaluation?: { id: string; content: string } }): Promise<string> {
    const path = registryPaths.version(record.model, record.version);
    const { commit } = await updateBranch(this.store, this.branch, async (snapshot) => {
      if ((await snapshot.read(path)) !== undefined) throw new Error(`${this.where(path)} exists already: version records are never rewritten`);
      const files = [this.document(VersionRecord, path, record)];
      if (attachments.run) {
        const runPath = registryPaths.run(record.model, checkRunId(attachments.run.id));
        // The train step may have committed the run already; a run record is a fact and stays as first written.
        if ((await snapshot.read(runPath)) === undefined) files.push(this.document(RunRecord, runPath, attachments.run));
      }
      if (attachments.evaluation) files.push({ path: registryPaths.evaluation(record.model, record.version, attachments.evaluation.id), content: attachments.evaluation.content });
      return { files, message: `${record.model}: register v${record.version}`, result: undefined };
    }, this.options);
    return commit!;
  }

  async requireModel(snapshot: Snapshot, model: string): Promise<ModelRecord> {
    const record = await this.readDocument(snapshot, registryPaths.model(model), ModelRecord);
    if (!record) throw new ConfigurationError(`there is no model "${model}" in the registry (${this.where(registryPaths.model(model))} does not exist)`, { input: 'model' });
    return record;
  }

  async aliases(snapshot: Snapshot, model: string): Promise<Aliases> {
    const aliases = await this.findAliases(snapshot, model);
    if (!aliases) await this.requireModel(snapshot, model);
    return aliases ?? {};
  }

  /** The model's aliases, or undefined when the model was never registered. */
  async findAliases(snapshot: Snapshot, model: string): Promise<Aliases | undefined> {
    const aliases = await this.readDocument(snapshot, registryPaths.aliases(model), Aliases);
    if (aliases) return aliases;
    return (await this.readDocument(snapshot, registryPaths.model(model), ModelRecord)) ? {} : undefined;
  }

  async requireVersion(snapshot: Snapshot, model: string, version: number): Promise<VersionRecord> {
    const record = await this.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
    if (record) {
      if (record.model !== model || record.version !== version) throw new ConfigurationError(`${this.where(registryPaths.version(model, version))} describes ${record.model} v${record.version}`);
      return record;
    }
    const owner = await this.requireModel(snapshot, model);
    if (version > owner.latestVersion) {
      throw new ConfigurationError(`${model} has no version ${version}: its versions go up to v${owner.latestVersion}`, { input: 'version' });
    }
    throw new ConfigurationError(`${model} v${version} was never completed (its registration failed or is still running), so it cannot be used`, { input: 'version' });
  }

  /** `model@production`: aliases.json and one version record, read at one commit. */
  async resolve(reference: ModelReference): Promise<ResolvedVersion> {
    const snapshot = await this.snapshot();
    const { model } = reference;
    if (reference.kind === 'version') return { snapshot, record: await this.requireVersion(snapshot, model, reference.version), alias: null };
    if (reference.kind === 'alias') {
      const aliases = await this.aliases(snapshot, model);
      const version = aliases[reference.alias];
      if (version === undefined) {
        const held = Object.entries(aliases).map(([stage, number]) => `${stage} → v${number}`).join(', ');
        throw new ConfigurationError(`no version of ${model} is in ${reference.alias}${held ? ` (${held})` : ' (no stage holds a version yet)'}`, { input: 'model' });
      }
      return { snapshot, record: await this.requireVersion(snapshot, model, version), alias: reference.alias };
    }
    return { snapshot, record: await this.latestVersion(snapshot, model), alias: null };
  }

  /** The newest completed version: the counter, or a little below it when registrations failed or run. */
  private async latestVersion(snapshot: Snapshot, model: string): Promise<VersionRecord> {
    const owner = await this.requireModel(snapshot, model);
    const lowest = Math.max(1, owner.latestVersion - LATEST_SEARCH_LIMIT + 1);
    for (let version = owner.latestVersion; version >= lowest; version--) {
      const record = await this.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
      if (record) return record;
    }
    throw new ConfigurationError(`${model} has no completed version${owner.latestVersion > LATEST_SEARCH_LIMIT ? ` among its last ${LATEST_SEARCH_LIMIT}` : ''}; name one with ${formatReference({ model, kind: 'version', version: owner.latestVersion })}`, { input: 'model' });
  }

  /** Every model with its aliases: one directory listing, then two files per model. */
  async listModels(): Promise<ModelListing[]> {
    const snapshot = await this.snapshot();
    if (snapshot.commit === undefined) return [];
    const names = (await this.store.listDirectory(snapshot.commit, MODELS_DIRECTORY)) ?? [];
    return mapLimited(names.sort(), READ_CONCURRENCY, async (name) => ({ model: await this.requireModel(snapshot, name), aliases: await this.aliases(snapshot, name) }));
  }

  /** Who changed which stage of a model to what, and when: the git history of its aliases.json. */
  async aliasHistory(model: string, options: { stage?: string; limit?: number } = {}): Promise<AliasChange[]> {
    checkModelName(model);
    const path = registryPaths.aliases(model);
    const limit = options.limit ?? 50;
    const commits = await this.store.history(this.branch, path, limit + 1);
    const states = await mapLimited(commits, READ_CONCURRENCY, async (entry) => {
      const content = await this.store.readFile(entry.commit, path);
      return content === undefined ? {} : parseDocument(Aliases, content, `${this.store.location} ${entry.commit.slice(0, 12)}:${path}`);
    });
    const changes: AliasChange[] = [];
    for (let index = 0; index < Math.min(commits.length, limit); index++) {
      const after = states[index];
      const before = states[index + 1] ?? {};
      const stages = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
      const changed = stages
        .filter((stage) => before[stage] !== after[stage])
        .map((stage) => ({ stage, from: before[stage] ?? null, to: after[stage] ?? null }));
      const relevant = options.stage ? changed.filter((change) => change.stage === options.stage) : changed;
      if (relevant.length === 0) continue;
      changes.push({ commit: commits[index].commit, author: commits[index].author, committer: commits[index].committer, message: commits[index].message, aliases: after, changes: relevant });
    }
    return changes;
  }

  /**
   * The version that held a stage before the one holding it now, from the history of aliases.json:
   * what a rollback promotes.
   */
  async previousHolder(model: string, stage: string): Promise<{ version: number; current: number; commit: string }> {
    checkStageName(stage);
    const snapshot = await this.snapshot();
    const current = (await this.aliases(snapshot, model))[stage];
    if (current === undefined) throw new ConfigurationError(`no version of ${model} is in ${stage}: there is nothing to roll back`, { input: 'stage' });
    const path = registryPaths.aliases(model);
    for (const entry of await this.store.history(this.branch, path, 100)) {
      const content = await this.store.readFile(entry.commit, path);
      const holder = content === undefined ? undefined : parseDocument(Aliases, content, `${this.store.location} ${entry.commit.slice(0, 12)}:${path}`)[stage];
      if (holder !== undefined && holder !== current) return { version: holder, current, commit: entry.commit };
    }
    throw new ConfigurationError(`${model} v${current} is the only version ${stage} has held in the last 100 changes of its aliases: there is nothing to roll back to`, { input: 'stage' });
  }

  /** For the train step: the version serving production now, or null. */
  async productionVersion(model: string): Promise<number | null> {
    const snapshot = await this.snapshot();
    const aliases = await this.readDocument(snapshot, registryPaths.aliases(checkModelName(model)), Aliases);
    return aliases?.production ?? null;
  }

  /** For the train step: commits runs/<model>/<id>.json unless it is there already. */
  async commitRun(record: RunRecord): Promise<string> {
    const path = registryPaths.run(checkModelName(record.model), checkRunId(record.id));
    await updateBranch(this.store, this.branch, async (snapshot) => ({
      files: (await snapshot.read(path)) === undefined ? [this.document(RunRecord, path, record)] : [],
      message: `${record.model}: run ${record.id}`,
      result: undefined,
    }), this.options);
    return this.where(path);
  }

  /**
   * For drift-check: files a drift report under drift/<model>/<environment>/ by its time, and as
   * latest.json, in one commit, so the app sees history and the newest state together.
   */
  async recordDriftReport(model: string, environment: string, report: DriftReport): Promise<{ path: string; commit: string }> {
    checkModelName(model);
    checkStageName(environment, 'environment');
    const content = serializeDocument(DriftReport, report);
    const stamp = new Date(report.createdAt).toISOString().replace(/[-:]/g, '');
    const path = registryPaths.drift(model, environment, `${stamp}-${sha256Hex(content).slice(0, 8)}`);
    const { commit } = await updateBranch(this.store, this.branch, async () => ({
      files: [{ path, content }, { path: registryPaths.latestDrift(model, environment), content }],
      message: `${model}: drift report for ${environment}`,
      result: undefined,
    }), this.options);
    return { path, commit: commit! };
  }
}

export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
