import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DEFAULT_REGISTRY_BRANCH,
  GitHubRegistryStore,
  Registry,
  createOctokit,
  explainGitHubError,
  targetFromEnvironment
} from "./chunk-ETVZPRLU.js";
import {
  external_exports
} from "./chunk-XHHF432C.js";

// src/actions/registry.ts
function registryInputs(descriptions) {
  return {
    "registry-branch": external_exports.string().default(DEFAULT_REGISTRY_BRANCH).describe(descriptions.branch),
    "github-token": external_exports.string().optional().meta({ description: descriptions.token, actionDefault: "${{ github.token }}" })
  };
}
function actionRegistry(inputs) {
  const target = targetFromEnvironment(process.env, { token: inputs["github-token"] });
  const octokit = createOctokit(target);
  return { registry: new Registry(new GitHubRegistryStore(octokit, target), inputs["registry-branch"]), target, octokit };
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
