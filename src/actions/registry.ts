import type { Octokit } from 'octokit';
import { z } from 'zod';
import { createOctokit, explainGitHubError, targetFromEnvironment, type GitHubTarget } from '../github/client.js';
import { GitHubRegistryStore } from '../github/registry-store.js';
import { DEFAULT_REGISTRY_BRANCH } from '../registry/paths.js';
import { Registry } from '../registry/registry.js';

/** Inputs every Action that writes to the registry branch shares, with one name each. */
export const registryInputs = {
  'registry-branch': z.string().default(DEFAULT_REGISTRY_BRANCH),
  'github-token': z.string().optional(),
};

/** The registry of the workflow's repository, through the REST API the job's token reaches. */
export function actionRegistry(inputs: { 'registry-branch': string; 'github-token'?: string }): { registry: Registry; target: GitHubTarget; octokit: Octokit } {
  const target = targetFromEnvironment(process.env, { token: inputs['github-token'] });
  const octokit = createOctokit(target);
  return { registry: new Registry(new GitHubRegistryStore(octokit, target), inputs['registry-branch']), target, octokit };
}

/** Runs a registry write, turning GitHub's answers (401, 403, 404) into messages that name the fix. */
export async function withRegistry<T>(target: GitHubTarget, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw explainGitHubError(error, target);
  }
}
