import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DEFAULT_REGISTRY_BRANCH,
  GitHubPolicySource,
  GitHubRegistryStore,
  Registry,
  createOctokit,
  explainGitHubError,
  registryBranchOf,
  targetFromEnvironment
} from "./chunk-GDY5R3NU.js";
import {
  external_exports
} from "./chunk-FKGEWHBH.js";

// src/actions/registry.ts
function registryInputs(descriptions) {
  return {
    "registry-branch": external_exports.string().optional().describe(`${descriptions.branch} Default: registry-branch in .github/ghml.yml on the default branch, else ${DEFAULT_REGISTRY_BRANCH}.`),
    "github-token": external_exports.string().optional().meta({ description: descriptions.token, actionDefault: "${{ github.token }}" })
  };
}
async function actionRegistry(inputs) {
  const target = targetFromEnvironment(process.env, { token: inputs["github-token"] });
  const octokit = createOctokit(target);
  return { registry: await withRegistry(target, () => registryOn(octokit, target, inputs["registry-branch"])), target, octokit };
}
async function registryOn(octokit, target, branch) {
  return new Registry(new GitHubRegistryStore(octokit, target), await registryBranchOf(new GitHubPolicySource(octokit, target), branch));
}
async function withRegistry(target, write) {
  try {
    return await write();
  } catch (error) {
    throw explainGitHubError(error, target);
  }
}

export {
  registryInputs,
  actionRegistry,
  registryOn,
  withRegistry
};
