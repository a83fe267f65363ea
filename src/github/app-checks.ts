import type { Octokit } from 'octokit';
import type { RepositoryRef } from './app-access.js';

export interface CheckVerdict {
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
}

/**
 * One check run per name and commit: the app's existing run is updated, so re-evaluating after a
 * review or a redelivered webhook shows one current verdict, not a pile of them.
 */
export async function publishCheckRun(octokit: Octokit, repository: RepositoryRef, appId: number, verdict: CheckVerdict): Promise<void> {
  const output = { title: verdict.title, summary: verdict.summary };
  const existing = await publishedCheck(octokit, repository, appId, verdict.name, verdict.headSha);
  if (existing) await octokit.rest.checks.update({ ...repository, check_run_id: existing.id, status: 'completed', conclusion: verdict.conclusion, completed_at: new Date().toISOString(), output });
  else await octokit.rest.checks.create({ ...repository, name: verdict.name, head_sha: verdict.headSha, status: 'completed', conclusion: verdict.conclusion, output });
}

/** The app's latest check run of that name on a commit, if any. */
export async function publishedCheck(octokit: Octokit, repository: RepositoryRef, appId: number, name: string, headSha: string): Promise<{ id: number; conclusion: string | null } | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...repository, ref: headSha, check_name: name, app_id: appId, filter: 'latest', per_page: 1 });
  const run = data.check_runs[0];
  return run ? { id: run.id, conclusion: run.conclusion } : undefined;
}
