import type { Octokit } from 'octokit';
import { parseDocumentText } from '../contracts/load.js';
import { Policy, POLICY_PATH } from '../contracts/policy.js';
import { ConfigurationError } from '../errors.js';
import { loadPolicy } from '../registry/policy.js';
import type { RepositoryRef } from './app-access.js';
import { statusOf } from './client.js';
import { GitHubPolicySource } from './pull-requests.js';

export type PolicyLoad =
  | { valid: true; policy: Policy; source: string }
  | { valid: false; problem: string; source: string };

/**
 * The policy that governs: `.github/ghml.yml` on the default branch, read without a ref so that no
 * branch a pull request controls can supply it. An invalid file is reported, never half-applied.
 */
export async function loadGoverningPolicy(octokit: Octokit, repository: RepositoryRef): Promise<PolicyLoad> {
  const source = new GitHubPolicySource(octokit, repository);
  try {
    return { valid: true, policy: await loadPolicy(source), source: source.location };
  } catch (error) {
    if (error instanceof ConfigurationError) return { valid: false, problem: error.message, source: source.location };
    throw error;
  }
}

/** A proposed policy file at a commit, checked against the same schema; undefined when the commit has none. */
export async function checkPolicyAt(octokit: Octokit, repository: RepositoryRef, commit: string): Promise<PolicyLoad | undefined> {
  let text: string;
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repository, path: POLICY_PATH, ref: commit, mediaType: { format: 'raw' } });
    text = typeof data === 'string' ? data : Buffer.from(data as unknown as ArrayBuffer).toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  const source = `${POLICY_PATH} at ${commit.slice(0, 7)}`;
  try {
    return { valid: true, policy: parseDocumentText(text, POLICY_PATH, Policy, 'promotion policy', 'policy'), source };
  } catch (error) {
    if (error instanceof ConfigurationError) return { valid: false, problem: error.message, source };
    throw error;
  }
}
