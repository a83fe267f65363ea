import type { Octokit } from 'octokit';
import { z } from 'zod';
import { createOctokit, explainGitHubError, targetFromEnvironment, type GitHubTarget } from '../github/client.js';
import { GitHubPolicySource } from '../github/pull-requests.js';
import { GitHubRegistryStore } from '../github/registry-store.js';
import { DEFAULT_REGISTRY_BRANCH } from '../registry/paths.js';
import { registryBranchOf } from '../registry/policy.js';
import { Registry } from '../registry/registry.js';

/**
 * Inputs every Action that reaches the registry branch shares, with one name each; each Action
 * says what it uses them for. The token defaults to the job's own in action.yml.
 */
export function registryInputs(descriptions: { branch: string; token: string }) {
  return {
    'registry-branch': z
      .string()
      .optional()
      .describe(`${descriptions.branch} Default: registry-branch in .github/ghml.yml on the default branch, else ${DEFAULT_REGISTRY_BRANCH}.`),
    'github-token': z.string().optional().meta({ description: descriptions.token, actionDefault: '${{ github.token }}' }),
  };
}

/**
 * The registry of the workflow's repository, through the REST API the job's token reaches, on
 * `registry-branch` or else the branch the policy on the default branch names, as register, deploy
 * and the app use: every part of ghml finds the same registry without the branch given twice.
 */
export async function actionRegistry(inputs: { 'registry-branch'?: string; 'github-token'?: string }): Promise<{ registry: Registry; target: GitHubTarget; octokit: Octokit }> {
  const target = targetFromEnvironment(process.env, { token: inputs['github-token'] });
  const octokit = createOctokit(target);
  return { registry: await withRegistry(target, () => registryOn(octokit, target, inputs['registry-branch'])), target, octokit };
}

/** The registry of `target` on `branch`, or else on the branch the policy on the default branch names. */
export async function registryOn(octokit: Octokit, target: GitHubTarget, branch?: string): Promise<Registry> {
  return new Registry(new GitHubRegistryStore(octokit, target), await registryBranchOf(new GitHubPolicySource(octokit, target), branch));
}

/** Runs a registry write, turning GitHub's answers (401, 403, 404) into messages that name the fix. */
export async function withRegistry<T>(target: GitHubTarget, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw explainGitHubError(error, target);
  }
}
