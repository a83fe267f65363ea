import type { Octokit } from 'octokit';
import { z } from 'zod';
import { createOctokit, explainGitHubError, targetFromEnvironment, type GitHubTarget } from '../github/client.js';
import { GitHubRegistryStore } from '../github/registry-store.js';
import { DEFAULT_REGISTRY_BRANCH } from '../registry/paths.js';
import { Registry } from '../registry/registry.js';

/**
 * Inputs every Action that reaches the registry branch shares, with one name each; each Action
 * says what it uses them for. The token defaults to the job's own in action.yml.
 */
export function registryInputs(descriptions: { branch: string; token: string }) {
  return {
    'registry-branch': z.string().default(DEFAULT_REGISTRY_BRANCH).describe(descriptions.branch),
    'github-token': z.string().optional().meta({ description: descriptions.token, actionDefault: '${{ github.token }}' }),
  };
}

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
