import type { Octokit } from 'octokit';
import { Aliases, EvaluationSummary, ModelRecord, VersionRecord } from '../contracts/registry.js';
import type { Policy } from '../contracts/policy.js';
import type { VersionEvidence } from '../policy/promotion.js';
import { registryPaths } from '../registry/paths.js';
import { Registry, type AliasChange } from '../registry/registry.js';
import { snapshotAt, type Snapshot } from '../registry/store.js';
import type { RepositoryRef } from './app-access.js';
import { GitHubRegistryStore } from './registry-store.js';

/**
 * What the app reads from the registry branch, through the registry's own reader: every document
 * is validated against its schema on the way in, exactly as the Actions and the CLI read it.
 */
export class RegistryFacts {
  readonly registry: Registry;
  /** Each model's alias history, read once for the life of these facts (one event): one listing and a read per commit. */
  private readonly histories = new Map<string, Promise<AliasChange[]>>();

  constructor(octokit: Octokit, repository: RepositoryRef, policy: Policy) {
    this.registry = new Registry(new GitHubRegistryStore(octokit, repository), policy['registry-branch']);
  }

  get branch(): string {
    return this.registry.branch;
  }

  head(): Promise<Snapshot> {
    return this.registry.snapshot();
  }

  at(commit: string): Snapshot {
    return snapshotAt(this.registry.store, commit);
  }

  async aliases(snapshot: Snapshot, model: string): Promise<Aliases> {
    return (await this.registry.readDocument(snapshot, registryPaths.aliases(model), Aliases)) ?? {};
  }

  model(snapshot: Snapshot, model: string): Promise<ModelRecord | undefined> {
    return this.registry.readDocument(snapshot, registryPaths.model(model), ModelRecord);
  }

  version(snapshot: Snapshot, model: string, version: number): Promise<VersionRecord | undefined> {
    return this.registry.readDocument(snapshot, registryPaths.version(model, version), VersionRecord);
  }

  /**
   * The gates' evidence about a version. The evaluation registered with it is read first; only
   * when that one did not pass are later evaluations of the version (evaluations/<model>/<N>/) read.
   */
  async evidence(snapshot: Snapshot, model: string, version: number): Promise<VersionEvidence & { record: VersionRecord | undefined }> {
    const record = await this.version(snapshot, model, version);
    if (!record) return { registered: false, evaluation: { state: 'missing' }, dataValidation: { state: 'missing' }, record };
    const validation = record.dataValidation;
    const dataValidation: VersionEvidence['dataValidation'] = validation === null
      ? { state: 'missing' }
      : { state: validation.passed ? 'passed' : 'failed', detail: `${validation.failed} failed, ${validation.warnings} warnings` };
    if (record.evaluation?.passed) return { registered: true, evaluation: { state: 'passed', detail: `evaluation ${record.evaluation.id}` }, dataValidation, record };

    const directory = `evaluations/${model}/${version}`;
    const names = snapshot.commit === undefined ? undefined : await this.registry.store.listDirectory(snapshot.commit, directory);
    const failed: string[] = record.evaluation ? [record.evaluation.id] : [];
    for (const name of (names ?? []).filter((entry) => entry.endsWith('.json')).sort()) {
      const id = name.slice(0, -'.json'.length);
      if (id === record.evaluation?.id) continue;
      const summary = await this.registry.readDocument(snapshot, `${directory}/${name}`, EvaluationSummary);
      if (summary?.gate.passed) return { registered: true, evaluation: { state: 'passed', detail: `evaluation ${id}` }, dataValidation, record };
      failed.push(id);
    }
    const evaluation: VersionEvidence['evaluation'] = failed.length === 0 ? { state: 'missing' } : { state: 'failed', detail: `evaluation ${failed.join(', ')}` };
    return { registered: true, evaluation, dataValidation, record };
  }

  /**
   * Whether a version has held a stage: it holds it now, or it did in the history of aliases.json
   * (the registry's audit trail), read only when the current state does not answer.
   */
  async hasHeld(current: Aliases, model: string, stage: string, version: number): Promise<boolean> {
    if (current[stage] === version) return true;
    let history = this.histories.get(model);
    if (!history) this.histories.set(model, (history = this.registry.aliasHistory(model)));
    return (await history).some((entry) => entry.aliases[stage] === version);
  }
}
