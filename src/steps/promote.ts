import { Aliases } from '../contracts/registry.js';
import { ConfigurationError } from '../errors.js';
import { serializeDocument } from '../registry/documents.js';
import { checkModelName, checkStageName, promotionBranchPrefix, registryPaths } from '../registry/paths.js';
import { loadPolicy } from '../registry/policy.js';
import type { PolicySource, PromotionRequest, PromotionRequests } from '../registry/ports.js';
import { checkStage, planPromotion, type PromotionPlan } from '../registry/promotion.js';
import { Registry } from '../registry/registry.js';
import type { RegistryStore, UpdateOptions } from '../registry/store.js';

export interface PromoteOptions {
  model: string;
  version: number;
  stage: string;
  /** Overrides the policy's registry-branch. */
  registryBranch?: string;
  rollback?: boolean;
}

export interface PromotePorts {
  store: RegistryStore;
  policy: PolicySource;
  /** Absent for a registry on disk: the promotion branch is made, the pull request is the user's. */
  promotions?: PromotionRequests;
  updateOptions?: UpdateOptions;
}

export type PromotionOutcome =
  | { kind: 'unchanged'; plan: null; model: string; stage: string; version: number }
  | { kind: 'opened' | 'updated'; plan: PromotionPlan; pullRequest: PromotionRequest; superseded: number[] }
  | { kind: 'branch'; plan: PromotionPlan; registryBranch: string };

/** Attempts at writing the promotion branch when someone else rewrites it at the same moment. */
const BRANCH_ATTEMPTS = 3;

/**
 * promote: proposes moving a stage to a version as a pull request against the registry branch
 * from ghml/promote/<model>/<stage>/v<N>, changing only aliases.json. A model and stage have at
 * most one open promotion: the same proposal again updates its pull request; a proposal of
 * another version closes the older one as superseded.
 */
export async function runPromote(options: PromoteOptions, ports: PromotePorts): Promise<PromotionOutcome> {
  const model = checkModelName(options.model);
  const stage = checkStageName(options.stage);
  const policy = await loadPolicy(ports.policy);
  checkStage(policy, stage);
  const registry = new Registry(ports.store, options.registryBranch ?? policy['registry-branch'], ports.updateOptions);
  const snapshot = await registry.snapshot();
  if (snapshot.commit === undefined) throw new ConfigurationError(`there is no registry at ${registry.description}: register a model first`, { input: 'model' });
  const challenger = await registry.requireVersion(snapshot, model, options.version);
  const aliases = await registry.aliases(snapshot, model);
  if (aliases[stage] === options.version) return { kind: 'unchanged', plan: null, model, stage, version: options.version };
  const champion = aliases[stage] === undefined ? null : await registry.requireVersion(snapshot, model, aliases[stage]);
  const plan = planPromotion({ policy, stage, aliases, challenger, champion, rollback: options.rollback });

  const open = ports.promotions ? await ports.promotions.findOpen(registry.branch, promotionBranchPrefix(model, stage)) : [];
  const same = open.find((request) => request.head === plan.branch);
  await writePromotionBranch(ports, plan, snapshot.commit, { underReview: same !== undefined });
  if (!ports.promotions) return { kind: 'branch', plan, registryBranch: registry.branch };

  const pullRequest = same
    ? await ports.promotions.update(same.number, { title: plan.title, body: plan.body })
    : await ports.promotions.open({ head: plan.branch, base: registry.branch, title: plan.title, body: plan.body });
  const superseded: number[] = [];
  for (const older of open.filter((request) => request.head !== plan.branch)) {
    await ports.promotions.close(older.number, `Superseded by #${pullRequest.number}, which proposes v${plan.version} for ${stage}.`);
    superseded.push(older.number);
  }
  return { kind: same ? 'updated' : 'opened', plan, pullRequest, superseded };
}

/**
 * Points the promotion branch at a commit on the registry head that changes aliases.json. A branch
 * under review that already proposes exactly this is left alone: pushing a new head would void the
 * reviews already given. Any other state of the branch (an older proposal, or one merged long ago)
 * is replaced.
 */
async function writePromotionBranch(ports: PromotePorts, plan: PromotionPlan, registryHead: string, options: { underReview: boolean }): Promise<void> {
  const aliasesPath = registryPaths.aliases(plan.model);
  const content = serializeDocument(Aliases, plan.aliases);
  for (let attempt = 1; ; attempt++) {
    const existing = await ports.store.head(plan.branch);
    if (existing !== undefined && options.underReview && (await ports.store.readFile(existing, aliasesPath)) === content) return;
    const commit = await ports.store.commitFiles({ branch: plan.branch, parent: registryHead, expected: existing, force: true, files: [{ path: aliasesPath, content }], message: plan.title });
    if (commit !== undefined) return;
    if (attempt >= BRANCH_ATTEMPTS) throw new Error(`the promotion branch ${plan.branch} kept changing while ghml wrote it; try again`);
  }
}

/** rollback: proposes the version that held the stage before the one holding it now. */
export async function runRollback(options: { model: string; stage: string; registryBranch?: string }, ports: PromotePorts): Promise<PromotionOutcome> {
  const model = checkModelName(options.model);
  const stage = checkStageName(options.stage);
  const policy = await loadPolicy(ports.policy);
  checkStage(policy, stage);
  const registry = new Registry(ports.store, options.registryBranch ?? policy['registry-branch'], ports.updateOptions);
  const previous = await registry.previousHolder(model, stage);
  return runPromote({ model, version: previous.version, stage, registryBranch: registry.branch, rollback: true }, ports);
}
