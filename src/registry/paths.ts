import { ModelName, StageName } from '../contracts/registry.js';
import { ConfigurationError } from '../errors.js';

/** Where each document lives on the registry branch (DESIGN §2). */

export const DEFAULT_REGISTRY_BRANCH = 'ghml/registry';
export const REGISTRY_FORMAT_PATH = 'ghml.json';
export const MODELS_DIRECTORY = 'models';

export const registryPaths = {
  model: (model: string) => `models/${model}/model.json`,
  aliases: (model: string) => `models/${model}/aliases.json`,
  version: (model: string, version: number) => `models/${model}/versions/${version}.json`,
  run: (model: string, runId: string) => `runs/${model}/${runId}.json`,
  evaluation: (model: string, version: number, evaluationId: string) => `evaluations/${model}/${version}/${evaluationId}.json`,
  drift: (model: string, environment: string, stamp: string) => `drift/${model}/${environment}/${stamp}.json`,
  latestDrift: (model: string, environment: string) => `drift/${model}/${environment}/latest.json`,
};

/** The release tag of a version; the `model/` prefix keeps model tags apart from the code's. */
export function releaseTag(model: string, version: number): string {
  return `model/${model}/v${version}`;
}

/** The branch a promotion pull request comes from. */
export function promotionBranch(model: string, stage: string, version: number): string {
  return `ghml/promote/${model}/${stage}/v${version}`;
}

export function promotionBranchPrefix(model: string, stage: string): string {
  return `ghml/promote/${model}/${stage}/`;
}

/** Checks a model name given by a person; the name becomes a path and a tag, so the check is strict. */
export function checkModelName(name: string, input = 'model'): string {
  const parsed = ModelName.safeParse(name);
  if (!parsed.success) throw new ConfigurationError(`model name "${name}" ${parsed.error.issues[0].message}`, { input });
  return parsed.data;
}

export function checkStageName(name: string, input = 'stage'): string {
  const parsed = StageName.safeParse(name);
  if (!parsed.success) throw new ConfigurationError(`stage "${name}" ${parsed.error.issues[0].message}`, { input });
  return parsed.data;
}

/** Run ids come from run records, which other tools may write: they must stay one path segment. */
export function checkRunId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) || id.includes('..')) {
    throw new ConfigurationError(`run id "${id}" cannot be a file name on the registry branch`, { input: 'run-record' });
  }
  return id;
}
