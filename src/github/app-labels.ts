import type { Octokit } from 'octokit';
import { driftLabels } from '../policy/drift-issue.js';
import type { RepositoryRef } from './app-access.js';
import { statusOf } from './client.js';

/** The labels the app puts on its issues, created on installation so they carry a colour and a description. */
export const appLabels = [
  { name: driftLabels.all, color: '5319e7', description: 'ghml: a model drifts (opened and closed by the ghml app)' },
  { name: driftLabels.critical, color: 'b60205', description: 'ghml: critical drift (predictions moved, performance fell, or most inputs drifted)' },
  { name: driftLabels.warning, color: 'fbca04', description: 'ghml: drift in some inputs' },
];

/** Creates the labels the repository lacks; existing ones (perhaps recoloured by people) are left alone. */
export async function ensureLabels(octokit: Octokit, repository: RepositoryRef): Promise<string[]> {
  const existing = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repository, per_page: 100 });
  const have = new Set(existing.map((label) => label.name.toLowerCase()));
  const created: string[] = [];
  for (const label of appLabels.filter((candidate) => !have.has(candidate.name.toLowerCase()))) {
    try {
      await octokit.rest.issues.createLabel({ ...repository, ...label });
      created.push(label.name);
    } catch (error) {
      // Another delivery of the same installation created it a moment ago.
      if (statusOf(error) !== 422) throw error;
    }
  }
  return created;
}
