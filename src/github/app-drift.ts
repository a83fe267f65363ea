import type { Octokit } from 'octokit';
import { DriftReport } from '../contracts/drift.js';
import { currentRun, type DriftObservation } from '../policy/drift.js';
import type { BlockingDriftIssue } from '../policy/promotion.js';
import { driftIssueMarker, driftIssueTitle, driftLabels, parseDriftIssueMarker } from '../policy/drift-issue.js';
import type { Snapshot } from '../registry/store.js';
import type { RepositoryRef } from './app-access.js';
import type { RegistryFacts } from './app-registry.js';

/** Reports are named by their time, so names sort oldest to newest; latest.json repeats the newest. */
const isReport = (name: string) => name.endsWith('.json') && name !== 'latest.json';
/** Reports read at most per decision: a run longer than this has long since opened or closed its issue. */
const MAX_REPORTS = 100;

/**
 * The newest drift reports of a model in an environment, newest first, read a few at a time until
 * the decision is settled: enough reports with a verdict, or the current run has ended.
 */
export async function recentDriftReports(registry: RegistryFacts, snapshot: Snapshot, model: string, environment: string, needed: number): Promise<DriftObservation[]> {
  const directory = `drift/${model}/${environment}`;
  const names = snapshot.commit === undefined ? undefined : await registry.registry.store.listDirectory(snapshot.commit, directory);
  const newestFirst = (names ?? []).filter(isReport).sort().reverse().slice(0, MAX_REPORTS);
  const observations: DriftObservation[] = [];
  for (let start = 0; start < newestFirst.length; start += needed) {
    const batch = newestFirst.slice(start, start + needed);
    const reports = await Promise.all(batch.map((name) => registry.registry.readDocument(snapshot, `${directory}/${name}`, DriftReport)));
    reports.forEach((report, index) => report && observations.push({ path: `${directory}/${batch[index]}`, report }));
    const decided = observations.filter((observation) => observation.report.enoughData).length;
    if (decided >= needed || currentRun(observations).length < decided) break;
  }
  return observations;
}

export interface DriftIssueRef {
  number: number;
  body: string;
  labels: string[];
}

/**
 * The open issues (pull requests aside) labelled with every one of `labels` that carry a drift
 * issue's hidden marker, each with its marker: the label finds them, the marker says what they are about.
 */
async function markedDriftIssues(octokit: Octokit, repository: RepositoryRef, labels: readonly string[]) {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repository, state: 'open', labels: labels.join(','), per_page: 100 });
  return issues.flatMap((issue) => {
    const marker = issue.pull_request ? null : parseDriftIssueMarker(issue.body);
    return marker ? [{ issue, marker }] : [];
  });
}

/** The open drift issues of a model and environment, oldest first. */
export async function openDriftIssues(octokit: Octokit, repository: RepositoryRef, model: string, environment: string): Promise<DriftIssueRef[]> {
  const marked = await markedDriftIssues(octokit, repository, [driftLabels.all]);
  return marked
    .filter(({ marker }) => marker.model === model && marker.environment === environment)
    .map(({ issue }) => ({ number: issue.number, body: issue.body ?? '', labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name ?? '')) }))
    .sort((a, b) => a.number - b.number);
}

/** The open drift issues of a model labelled critical, in any environment: they block a promotion whose policy says so. */
export async function openCriticalDriftIssues(octokit: Octokit, repository: RepositoryRef, model: string): Promise<BlockingDriftIssue[]> {
  const marked = await markedDriftIssues(octokit, repository, [driftLabels.all, driftLabels.critical]);
  return marked.filter(({ marker }) => marker.model === model).map(({ issue, marker }) => ({ number: issue.number, environment: marker.environment, url: issue.html_url }));
}

/**
 * Opens the issue and then looks again: if another delivery (in another process) opened one for
 * the same model and environment at the same time, the oldest stays and the newer is closed as
 * its duplicate. Every racer converges on the same survivor, because issue numbers grow in the
 * order issues are created and a racer looks again only after creating its own.
 */
export async function openDriftIssue(octokit: Octokit, repository: RepositoryRef, model: string, environment: string, body: string, labels: string[]): Promise<{ number: number; survived: boolean }> {
  if (!body.includes(driftIssueMarker(model, environment))) throw new Error('a drift issue body must carry its marker');
  const { data: created } = await octokit.rest.issues.create({ ...repository, title: driftIssueTitle(model, environment), body, labels });
  const open = await openDriftIssues(octokit, repository, model, environment);
  const survivor = open[0]?.number ?? created.number;
  if (survivor === created.number) return { number: created.number, survived: true };
  await octokit.rest.issues.createComment({ ...repository, issue_number: created.number, body: `Duplicate of #${survivor}: drift of ${model} in ${environment} is tracked there.` });
  await octokit.rest.issues.update({ ...repository, issue_number: created.number, state: 'closed', state_reason: 'not_planned' });
  return { number: survivor, survived: false };
}
