/**
 * Which test exercises each REST operation and webhook the sandbox serves. The list is kept honest
 * by tests: test/sandbox/contract.test.ts checks it names every operation and webhook and that the
 * named tests exist, and each test file checks in afterAll that its sandbox really saw the
 * operations and webhooks attributed to it. `npx tsx src/sandbox/coverage.ts` writes the table
 * into src/sandbox/README.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { operations } from './openapi.js';

export interface OperationCoverage {
  operation: string;
  file: string;
  test: string;
}

export interface WebhookCoverage {
  webhook: string;
  /** The operations (or sandbox calls) that emit it, as on GitHub. */
  emittedBy: string;
  file: string;
  test: string;
}

const git = 'git.test.ts';
const releases = 'releases.test.ts';
const pulls = 'pulls.test.ts';
const issues = 'issues.test.ts';
const checks = 'checks-deployments.test.ts';
const access = 'access.test.ts';
const webhooks = 'webhooks.test.ts';
const artifacts = 'artifacts.test.ts';
const commits = 'commits.test.ts';

const seeded = 'serves the seeded repository from a real git repository on disk';
const gitWrites = 'creates blobs in both encodings, trees on a base tree, and commits with the caller as author';
const fastForward = 'moves a branch forward, answers 422 to a non-fast-forward update, and lets force win';
const matching = 'lists matching refs, refuses duplicates and deletes refs';
const reading = 'reads files and directories at a ref, through @actions/github';
const writing = 'creates and updates a file with a sha check: 409 on a stale sha, 422 without one';
const releaseCreate = 'creates a release and its tag at the target commit';
const releaseRead = 'gets a release by id and by tag, and lists releases page by page';
const releasePublish = 'publishes a draft, creating its tag only then';
const assets = 'uploads assets through upload_url, downloads them as octet-stream, lists and deletes them';
const releaseDelete = 'deletes a release but keeps its tag, as GitHub does';
const pullOpen = 'opens a pull request and tells the app';
const pullFigures = 'reports mergeability, files and commits from git';
const pullList = 'lists pull requests by state, head and base, and edits them';
const reviews = 'records reviews with GitHub rules: no self-approval, pending until submitted, dismissal';
const merge = 'merges with a merge commit on the base branch, checking the head sha';
const labels = 'creates and lists labels, refusing duplicates';
const issueOpen = 'opens an issue with labels as the app, and the app hears of it';
const issueRead = 'gets and lists issues filtered by labels and state';
const comments = 'comments, edits comments, and lists them';
const labelling = 'adds and removes labels';
const issueClose = 'edits and closes an issue';
const checkRuns = 'are created by apps only, updated to completion, listed by ref and fetched';
const deployments = 'refuses a deployment while required checks fail, then creates it with statuses';
const gate = 'asks the app at a protected environment and records its answer through the callback';
const workflowDispatch = 'records a workflow dispatch after checking the workflow and its inputs';
const repositoryDispatch = 'records a repository dispatch';
const whoAmI = 'answers who the caller is and what they may do on the repository';
const permissions = 'reports collaborator permission levels and team memberships';
const appAuth = 'authenticates Probot with its JWT, finds its installation and mints installation tokens';
const installation = 'tells the app about its installation';
const artifactsRest = 'lists the artifacts of a workflow run and redirects their download to signed storage, through the REST API';
const pathHistory = 'lists the commits of a branch that touched a path, newest first, page by page';

export const operationCoverage: OperationCoverage[] = [
  { operation: 'git/get-ref', file: git, test: seeded },
  { operation: 'git/get-tree', file: git, test: seeded },
  { operation: 'git/get-blob', file: git, test: seeded },
  { operation: 'git/create-blob', file: git, test: gitWrites },
  { operation: 'git/create-tree', file: git, test: gitWrites },
  { operation: 'git/create-commit', file: git, test: gitWrites },
  { operation: 'git/get-commit', file: git, test: gitWrites },
  { operation: 'git/create-ref', file: git, test: fastForward },
  { operation: 'git/update-ref', file: git, test: fastForward },
  { operation: 'git/list-matching-refs', file: git, test: matching },
  { operation: 'git/delete-ref', file: git, test: matching },
  { operation: 'repos/get-content', file: git, test: reading },
  { operation: 'repos/create-or-update-file-contents', file: git, test: writing },
  { operation: 'repos/list-commits', file: commits, test: pathHistory },
  { operation: 'repos/create-release', file: releases, test: releaseCreate },
  { operation: 'repos/get-release', file: releases, test: releaseRead },
  { operation: 'repos/get-release-by-tag', file: releases, test: releaseRead },
  { operation: 'repos/list-releases', file: releases, test: releaseRead },
  { operation: 'repos/update-release', file: releases, test: releasePublish },
  { operation: 'repos/upload-release-asset', file: releases, test: assets },
  { operation: 'repos/get-release-asset', file: releases, test: assets },
  { operation: 'repos/list-release-assets', file: releases, test: assets },
  { operation: 'repos/delete-release-asset', file: releases, test: assets },
  { operation: 'repos/delete-release', file: releases, test: releaseDelete },
  { operation: 'pulls/create', file: pulls, test: pullOpen },
  { operation: 'pulls/get', file: pulls, test: pullFigures },
  { operation: 'pulls/list-files', file: pulls, test: pullFigures },
  { operation: 'pulls/list-commits', file: pulls, test: pullFigures },
  { operation: 'pulls/list', file: pulls, test: pullList },
  { operation: 'pulls/update', file: pulls, test: pullList },
  { operation: 'pulls/create-review', file: pulls, test: reviews },
  { operation: 'pulls/submit-review', file: pulls, test: reviews },
  { operation: 'pulls/list-reviews', file: pulls, test: reviews },
  { operation: 'pulls/dismiss-review', file: pulls, test: reviews },
  { operation: 'pulls/merge', file: pulls, test: merge },
  { operation: 'issues/create-label', file: issues, test: labels },
  { operation: 'issues/list-labels-for-repo', file: issues, test: labels },
  { operation: 'issues/create', file: issues, test: issueOpen },
  { operation: 'issues/get', file: issues, test: issueRead },
  { operation: 'issues/list-for-repo', file: issues, test: issueRead },
  { operation: 'issues/create-comment', file: issues, test: comments },
  { operation: 'issues/update-comment', file: issues, test: comments },
  { operation: 'issues/list-comments', file: issues, test: comments },
  { operation: 'issues/add-labels', file: issues, test: labelling },
  { operation: 'issues/remove-label', file: issues, test: labelling },
  { operation: 'issues/update', file: issues, test: issueClose },
  { operation: 'checks/create', file: checks, test: checkRuns },
  { operation: 'checks/update', file: checks, test: checkRuns },
  { operation: 'checks/list-for-ref', file: checks, test: checkRuns },
  { operation: 'checks/get', file: checks, test: checkRuns },
  { operation: 'repos/create-deployment', file: checks, test: deployments },
  { operation: 'repos/create-deployment-status', file: checks, test: deployments },
  { operation: 'repos/list-deployment-statuses', file: checks, test: deployments },
  { operation: 'repos/get-deployment', file: checks, test: deployments },
  { operation: 'repos/list-deployments', file: checks, test: deployments },
  { operation: 'actions/review-custom-gates-for-run', file: checks, test: gate },
  { operation: 'actions/create-workflow-dispatch', file: checks, test: workflowDispatch },
  { operation: 'repos/create-dispatch-event', file: checks, test: repositoryDispatch },
  { operation: 'users/get-authenticated', file: access, test: whoAmI },
  { operation: 'repos/get', file: access, test: whoAmI },
  { operation: 'repos/get-collaborator-permission-level', file: access, test: permissions },
  { operation: 'teams/get-membership-for-user-in-org', file: access, test: permissions },
  { operation: 'apps/get-authenticated', file: access, test: appAuth },
  { operation: 'apps/get-repo-installation', file: access, test: appAuth },
  { operation: 'apps/create-installation-access-token', file: access, test: appAuth },
  { operation: 'actions/list-workflow-run-artifacts', file: artifacts, test: artifactsRest },
  { operation: 'actions/download-artifact', file: artifacts, test: artifactsRest },
];

export const webhookCoverage: WebhookCoverage[] = [
  { webhook: 'push', emittedBy: 'ref create/update/delete, contents PUT, pull request merge, release tag creation, auto-merge of a deployment', file: pulls, test: merge },
  { webhook: 'pull_request', emittedBy: 'pulls create (opened), update (edited, closed, reopened), merge (closed, merged), head branch push (synchronize), labels on a pull request', file: pulls, test: pullOpen },
  { webhook: 'pull_request_review', emittedBy: 'create-review with an event, submit-review (submitted); dismiss-review (dismissed)', file: pulls, test: reviews },
  { webhook: 'issues', emittedBy: 'issues create (opened), update (edited, closed, reopened), labels (labeled, unlabeled)', file: issues, test: issueOpen },
  { webhook: 'issue_comment', emittedBy: 'create-comment (created), update-comment (edited)', file: issues, test: comments },
  { webhook: 'check_run', emittedBy: 'checks create (created), update to completed (completed)', file: checks, test: checkRuns },
  { webhook: 'deployment', emittedBy: 'create-deployment (created)', file: checks, test: deployments },
  { webhook: 'deployment_status', emittedBy: 'create-deployment-status (created)', file: checks, test: deployments },
  { webhook: 'deployment_protection_rule', emittedBy: '`sandbox.requestDeploymentGate` (a workflow run reaching a protected environment)', file: checks, test: gate },
  { webhook: 'workflow_dispatch', emittedBy: 'create-workflow-dispatch', file: checks, test: workflowDispatch },
  { webhook: 'repository_dispatch', emittedBy: 'create-dispatch-event', file: checks, test: repositoryDispatch },
  { webhook: 'installation', emittedBy: '`sandbox.sendInstallationEvent` (the organization installs the app)', file: webhooks, test: installation },
];

export function coverageTable(): string {
  const lines = [
    '| Operation | Request | Test |',
    '|---|---|---|',
    ...[...operationCoverage].sort((a, b) => a.operation.localeCompare(b.operation)).map((entry) => {
      const operation = operations.get(entry.operation)!;
      return `| \`${entry.operation}\` | \`${operation.method} ${operation.path}\` | ${entry.file} › ${entry.test} |`;
    }),
    '',
    '| Webhook | Emitted by | Test |',
    '|---|---|---|',
    ...webhookCoverage.map((entry) => `| \`${entry.webhook}\` | ${entry.emittedBy} | ${entry.file} › ${entry.test} |`),
  ];
  return `${lines.join('\n')}\n`;
}

export const tableStart = '<!-- coverage:start (generated by `npx tsx src/sandbox/coverage.ts`) -->';
export const tableEnd = '<!-- coverage:end -->';

/** The README with its coverage table replaced by the current one. */
export function withCoverageTable(readme: string): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error('src/sandbox/README.md lacks the coverage markers');
  return `${readme.slice(0, start + tableStart.length)}\n${coverageTable()}${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = fileURLToPath(new URL('./README.md', import.meta.url));
  await writeFile(readmePath, withCoverageTable(await readFile(readmePath, 'utf8')));
}
