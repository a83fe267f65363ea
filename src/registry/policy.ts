import { parseDocumentText } from '../contracts/load.js';
import { Policy } from '../contracts/policy.js';
import type { PolicySource } from './ports.js';

/** The promotion policy from its source; the defaults when the repository has none. */
export async function loadPolicy(source: PolicySource): Promise<Policy> {
  const text = await source.read();
  if (text === undefined) return Policy.parse({});
  return parseDocumentText(text, source.location, Policy, 'promotion policy', 'policy');
}

/** The registry branch: the one given, else the one the policy names (read only then). */
export async function registryBranchOf(source: PolicySource, given: string | undefined): Promise<string> {
  return given ?? (await loadPolicy(source))['registry-branch'];
}
