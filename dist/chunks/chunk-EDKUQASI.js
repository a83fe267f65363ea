import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DEFAULT_REGISTRY_BRANCH,
  GitHubPolicySource,
  GitHubRegistryStore,
  Registry,
  createOctokit,
  explainGitHubError,
  loadPolicy,
  targetFromEnvironment
} from "./chunk-ZCPO2S4K.js";
import {
  external_exports
} from "./chunk-XHHF432C.js";

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
  const branch = inputs["registry-branch"] ?? (await withRegistry(target, () => loadPolicy(new GitHubPolicySource(octokit, target))))["registry-branch"];
  return { registry: new Registry(new GitHubRegistryStore(octokit, target), branch), target, octokit };
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
  withRegistry
};
