import type { Octokit } from 'octokit';
import { parseDocumentText } from '../contracts/load.js';
import { Policy, POLICY_PATH } from '../contracts/policy.js';
import { ConfigurationError } from '../errors.js';
import type { ProposedPolicy } from '../policy/policy-report.js';
import { loadPolicy } from '../registry/policy.js';
import type { RepositoryRef } from './app-access.js';
import { readRepositoryFile } from './client.js';
import { GitHubPolicySource } from './pull-requests.js';

/**
 * The policy that governs: `.github/ghml.yml` on the default branch, read without a ref so that no
 * branch a pull request controls can supply it. An invalid file is reported, never half-applied.
 */
export async function loadGoverningPolicy(octokit: Octokit, repository: RepositoryRef): Promise<ProposedPolicy> {
  const source = new GitHubPolicySource(octokit, repository);
  return checked(source.location, () => loadPolicy(source));
}

/** A proposed policy file at a commit, checked against the same schema; undefined when the commit has none. */
export async function checkPolicyAt(octokit: Octokit, repository: RepositoryRef, commit: string): Promise<ProposedPolicy | undefined> {
  const text = await readRepositoryFile(octokit, repository, POLICY_PATH, commit);
  if (text === undefined) return undefined;
  return checked(`${POLICY_PATH} at ${commit.slice(0, 7)}`, () => parseDocumentText(text, POLICY_PATH, Policy, 'promotion policy', 'policy'));
}

/** An invalid policy is a finding to report, not a failure: only a ConfigurationError becomes one. */
async function checked(source: string, load: () => Policy | Promise<Policy>): Promise<ProposedPolicy> {
  try {
    return { valid: true, policy: await load(), source };
  } catch (error) {
    if (error instanceof ConfigurationError) return { valid: false, problem: error.message, source };
    throw error;
  }
}
