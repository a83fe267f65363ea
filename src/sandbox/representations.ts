/**
 * GitHub's JSON for each kind of record. One builder per kind serves both the REST answer and the
 * webhook payload where GitHub uses one shape for both; the webhook schemas forbid unknown keys,
 * so builders emit only properties both descriptions know.
 */
import type { SandboxCore } from './context.js';
import type { SandboxApp, SandboxUser } from './fixtures.js';
import type { ParsedCommit } from './git.js';
import type {
  AssetRecord, CheckRunRecord, CommentRecord, DeploymentRecord, DeploymentStatusRecord, IssueRecord, LabelRecord, ReleaseRecord, ReviewRecord,
} from './state.js';

type Json = Record<string, unknown>;

/** GraphQL-style global ids: opaque, stable and distinct per kind. */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

export function userJson(core: SandboxCore, user: SandboxUser): Json {
  const api = `${core.urls.api}/users/${encodeURIComponent(user.login)}`;
  const html = user.type === 'Bot' ? `${core.urls.origin}/apps/${encodeURIComponent(user.login.replace(/\[bot\]$/, ''))}` : `${core.urls.origin}/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `${core.urls.origin}/avatars/u/${user.id}`,
    gravatar_id: '',
    url: api,
    html_url: html,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

export function organizationJson(core: SandboxCore): Json {
  const org = core.fixture.org;
  const api = `${core.urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${core.urls.origin}/avatars/u/${org.id}`,
    description: null,
  };
}

export function repositoryJson(core: SandboxCore): Json {
  const api = core.urls.repoApi;
  const html = core.urls.repoHtml;
  const openIssues = [...core.state.issues.values()].filter((issue) => issue.state === 'open').length;
  const repo = core.repo;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: userJson(core, core.fixture.org),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `${core.urls.origin.replace(/^http/, 'git')}/${repo.fullName}.git`,
    ssh_url: `git@${new URL(core.urls.origin).host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
    custom_properties: {},
  };
}

/** The merge settings of the sandbox repository; rebase merging is off, as many teams set it. */
const mergeSettings = {
  allow_merge_commit: true,
  allow_squash_merge: true,
  allow_rebase_merge: false,
  allow_auto_merge: false,
  delete_branch_on_merge: false,
  allow_update_branch: false,
  use_squash_pr_title_as_default: false,
  squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
  squash_merge_commit_message: 'COMMIT_MESSAGES',
  merge_commit_title: 'MERGE_MESSAGE',
  merge_commit_message: 'PR_TITLE',
} as const;

export function fullRepositoryJson(core: SandboxCore, permissions: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean } | undefined): Json {
  const { custom_properties: _custom, ...repository } = repositoryJson(core);
  return {
    ...repository,
    ...mergeSettings,
    ...(permissions ? { permissions } : {}),
    organization: userJson(core, core.fixture.org),
    network_count: 0,
    subscribers_count: 0,
  };
}

/** The repository as push payloads carry it: timestamps in seconds, plus the legacy fields (owner name and email, stargazers, master_branch). */
export function pushRepositoryJson(core: SandboxCore): Json {
  const repository = repositoryJson(core);
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return {
    ...repository,
    owner: { ...userJson(core, core.fixture.org), name: core.fixture.org.login, email: null },
    created_at: seconds(core.repo.createdAt),
    pushed_at: seconds(core.repo.pushedAt),
    stargazers: 0,
    master_branch: core.repo.defaultBranch,
    organization: core.fixture.org.login,
  };
}

export function appJson(core: SandboxCore, app: SandboxApp): Json {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    owner: userJson(core, core.fixture.org),
    name: app.name,
    description: `The ${app.name} app of the sandbox`,
    external_url: `${core.urls.origin}/apps/${app.slug}`,
    html_url: `${core.urls.origin}/apps/${app.slug}`,
    created_at: core.repo.createdAt,
    updated_at: core.repo.createdAt,
    permissions: app.permissions,
    events: app.events,
  };
}

export function installationLiteJson(app: SandboxApp): Json {
  return { id: app.installationId, node_id: nodeId('Installation', app.installationId) };
}

export function installationJson(core: SandboxCore, app: SandboxApp): Json {
  return {
    id: app.installationId,
    account: userJson(core, core.fixture.org),
    repository_selection: 'selected',
    access_tokens_url: `${core.urls.api}/app/installations/${app.installationId}/access_tokens`,
    repositories_url: `${core.urls.api}/installation/repositories`,
    html_url: `${core.urls.origin}/organizations/${core.fixture.org.login}/settings/installations/${app.installationId}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: core.fixture.org.id,
    target_type: 'Organization',
    permissions: app.permissions,
    events: app.events,
    created_at: core.repo.createdAt,
    updated_at: core.repo.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

export function labelJson(core: SandboxCore, label: LabelRecord): Json {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${core.urls.repoApi}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

function reactionsJson(url: string): Json {
  return { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/** How the author relates to the repository, as GitHub reports it. */
function authorAssociation(core: SandboxCore, user: SandboxUser): string {
  if (user.type === 'Bot') return 'NONE';
  if (core.fixture.teams.some((team) => team.members.includes(user.login)) || user.role !== undefined) return 'MEMBER';
  return 'NONE';
}

export function issueJson(core: SandboxCore, issue: IssueRecord): Json {
  const api = `${core.urls.repoApi}/issues/${issue.number}`;
  const html = `${core.urls.repoHtml}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  const comments = core.state.comments.filter((comment) => comment.issueNumber === issue.number).length;
  return {
    url: api,
    repository_url: core.urls.repoApi,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PullRequestIssue' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(core, issue.user),
    labels: issue.labels.map((name) => labelJson(core, core.state.label(name)!)),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? userJson(core, issue.assignees[0]) : null,
    assignees: issue.assignees.map((user) => userJson(core, user)),
    milestone: null,
    comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(core, issue.user),
    active_lock_reason: null,
    draft: issue.pull?.draft ?? false,
    ...(issue.pull ? {
      pull_request: {
        url: `${core.urls.repoApi}/pulls/${issue.number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: issue.pull.mergedAt,
      },
    } : {}),
    body: issue.body,
    reactions: reactionsJson(api),
    timeline_url: `${api}/timeline`,
    state_reason: issue.stateReason,
  };
}

export function commentJson(core: SandboxCore, comment: CommentRecord): Json {
  const url = `${core.urls.repoApi}/issues/comments/${comment.id}`;
  const issue = core.state.issues.get(comment.issueNumber)!;
  return {
    url,
    html_url: `${core.urls.repoHtml}/${issue.pull ? 'pull' : 'issues'}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${core.urls.repoApi}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: userJson(core, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(core, comment.user),
    body: comment.body,
    reactions: reactionsJson(url),
    performed_via_github_app: comment.app ? appJson(core, comment.app) : null,
  };
}

export interface PullFigures {
  headSha: string;
  baseSha: string;
  mergeable: boolean | null;
  mergeableState: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** Branch tips and diff figures of a pull request, read from git. */
export async function pullFigures(core: SandboxCore, issue: IssueRecord): Promise<PullFigures> {
  const pull = issue.pull!;
  const isOpen = issue.state === 'open';
  const headSha = isOpen ? (await core.git.readRef(`refs/heads/${pull.headRef}`)) ?? pull.headSha : pull.headSha;
  const baseSha = isOpen ? (await core.git.readRef(`refs/heads/${pull.baseRef}`)) ?? pull.baseSha : pull.baseSha;
  const mergeBase = await core.git.mergeBase(baseSha, headSha);
  const [commits, changes] = await Promise.all([
    core.git.commitsBetween(baseSha, headSha),
    core.git.diff(mergeBase, headSha),
  ]);
  let mergeable: boolean | null = null;
  let mergeableState = 'unknown';
  if (isOpen) {
    mergeable = (await core.git.mergeTrees(baseSha, headSha)) !== undefined;
    mergeableState = !mergeable ? 'dirty' : pull.draft ? 'draft' : 'clean';
  }
  return {
    headSha,
    baseSha,
    mergeable,
    mergeableState,
    commits: commits.length,
    additions: changes.reduce((sum, change) => sum + change.additions, 0),
    deletions: changes.reduce((sum, change) => sum + change.deletions, 0),
    changedFiles: changes.length,
  };
}

function branchJson(core: SandboxCore, ref: string, sha: string): Json {
  return {
    label: `${core.repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson(core, core.fixture.org),
    repo: repositoryJson(core),
  };
}

export function pullJson(core: SandboxCore, issue: IssueRecord, figures: PullFigures): Json {
  const pull = issue.pull!;
  const api = `${core.urls.repoApi}/pulls/${issue.number}`;
  const html = `${core.urls.repoHtml}/pull/${issue.number}`;
  const issueApi = `${core.urls.repoApi}/issues/${issue.number}`;
  const statuses = `${core.urls.repoApi}/statuses/${figures.headSha}`;
  const { commits, additions, deletions, changedFiles } = figures;
  return {
    url: api,
    id: issue.pullId,
    node_id: nodeId('PullRequest', issue.pullId),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(core, issue.user),
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? userJson(core, issue.assignees[0]) : null,
    assignees: issue.assignees.map((user) => userJson(core, user)),
    requested_reviewers: [],
    requested_teams: [],
    labels: issue.labels.map((name) => labelJson(core, core.state.label(name)!)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${core.urls.repoApi}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: statuses,
    head: branchJson(core, pull.headRef, figures.headSha),
    base: branchJson(core, pull.baseRef, figures.baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${core.urls.repoApi}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: statuses },
    },
    author_association: authorAssociation(core, issue.user),
    auto_merge: null,
    active_lock_reason: null,
    merged: pull.merged,
    mergeable: figures.mergeable,
    rebaseable: false,
    mergeable_state: figures.mergeableState,
    merged_by: pull.mergedBy ? userJson(core, pull.mergedBy) : null,
    comments: core.state.comments.filter((comment) => comment.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits,
    additions,
    deletions,
    changed_files: changedFiles,
  };
}

/** The pull request as review webhooks carry it: without the merge and diff figures. */
export function simplePullJson(core: SandboxCore, issue: IssueRecord, figures: PullFigures): Json {
  const {
    merged: _merged, mergeable: _mergeable, rebaseable: _rebaseable, mergeable_state: _state, merged_by: _mergedBy, comments: _comments,
    review_comments: _reviewComments, maintainer_can_modify: _modify, commits: _commits, additions: _additions, deletions: _deletions,
    changed_files: _changed, ...simple
  } = pullJson(core, issue, figures);
  return simple;
}

/** The short form check runs list their pull requests in. */
export function pullMinimalJson(core: SandboxCore, issue: IssueRecord, figures: PullFigures): Json {
  const repo = { id: core.repo.id, url: core.urls.repoApi, name: core.repo.name };
  return {
    url: `${core.urls.repoApi}/pulls/${issue.number}`,
    id: issue.pullId,
    number: issue.number,
    head: { ref: issue.pull!.headRef, sha: figures.headSha, repo },
    base: { ref: issue.pull!.baseRef, sha: figures.baseSha, repo },
  };
}

export function reviewJson(core: SandboxCore, review: ReviewRecord, form: 'rest' | 'webhook'): Json {
  const pullUrl = `${core.urls.repoApi}/pulls/${review.pullNumber}`;
  const html = `${core.urls.repoHtml}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: userJson(core, review.user),
    body: review.body,
    // Webhooks spell review states in lower case, the REST API in upper case.
    state: form === 'webhook' ? review.state.toLowerCase() : review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(core, review.user),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(form === 'webhook' || review.submittedAt ? { submitted_at: review.submittedAt ?? null } : {}),
    commit_id: review.commitId,
  };
}

export function gitCommitJson(core: SandboxCore, commit: ParsedCommit): Json {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${core.urls.repoApi}/git/commits/${commit.sha}`,
    html_url: `${core.urls.repoHtml}/commit/${commit.sha}`,
    author: { name: commit.author.name, email: commit.author.email, date: commit.author.date },
    committer: { name: commit.committer.name, email: commit.committer.email, date: commit.committer.date },
    message: commit.message,
    tree: { sha: commit.tree, url: `${core.urls.repoApi}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${core.urls.repoApi}/git/commits/${sha}`, html_url: `${core.urls.repoHtml}/commit/${sha}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** A commit as the repository commit APIs show it, linked to the accounts of its author and committer. */
export function commitJson(core: SandboxCore, commit: ParsedCommit): Json {
  const api = `${core.urls.repoApi}/commits/${commit.sha}`;
  const account = (email: string) => {
    const user = core.accountByEmail(email);
    return user ? userJson(core, user) : {};
  };
  return {
    url: api,
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    html_url: `${core.urls.repoHtml}/commit/${commit.sha}`,
    comments_url: `${api}/comments`,
    commit: {
      url: `${core.urls.repoApi}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${core.urls.repoApi}/git/trees/${commit.tree}` },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: account(commit.author.email),
    committer: account(commit.committer.email),
    parents: commit.parents.map((sha) => ({ sha, url: `${core.urls.repoApi}/commits/${sha}`, html_url: `${core.urls.repoHtml}/commit/${sha}` })),
  };
}

export function refJson(core: SandboxCore, ref: string, sha: string, type: string): Json {
  return {
    ref,
    node_id: nodeId('Ref', ref),
    url: `${core.urls.repoApi}/git/${ref}`,
    object: { type, sha, url: `${core.urls.repoApi}/git/${type === 'tag' ? 'tags' : `${type}s`}/${sha}` },
  };
}

export function assetJson(core: SandboxCore, release: ReleaseRecord, asset: AssetRecord): Json {
  return {
    url: `${core.urls.repoApi}/releases/assets/${asset.id}`,
    browser_download_url: `${core.urls.repoHtml}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId('ReleaseAsset', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.size,
    digest: asset.digest,
    download_count: asset.downloadCount,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    uploader: userJson(core, asset.uploader),
  };
}

export function releaseJson(core: SandboxCore, release: ReleaseRecord): Json {
  const api = `${core.urls.repoApi}/releases/${release.id}`;
  const tag = encodeURIComponent(release.tagName);
  return {
    url: api,
    html_url: release.draft ? `${core.urls.repoHtml}/releases/tag/untagged-${release.id}` : `${core.urls.repoHtml}/releases/tag/${tag}`,
    assets_url: `${api}/assets`,
    upload_url: `${core.urls.uploads}/repos/${core.repo.fullName}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${core.urls.repoApi}/tarball/${tag}`,
    zipball_url: release.draft ? null : `${core.urls.repoApi}/zipball/${tag}`,
    id: release.id,
    node_id: nodeId('Release', release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    updated_at: release.updatedAt,
    author: userJson(core, release.author),
    assets: release.assets.map((asset) => assetJson(core, release, asset)),
  };
}

export function checkRunJson(core: SandboxCore, run: CheckRunRecord, pullRequests: Json[]): Json {
  const api = `${core.urls.repoApi}/check-runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url: api,
    html_url: `${core.urls.repoHtml}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${core.urls.repoHtml}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: appJson(core, run.app),
    pull_requests: pullRequests,
  };
}

/** The check run as check_run webhooks carry it: the suite in full. */
export function checkRunWebhookJson(core: SandboxCore, run: CheckRunRecord, pullRequests: Json[], headBranch: string | null): Json {
  const suiteRuns = core.state.checkRuns.filter((other) => other.checkSuiteId === run.checkSuiteId);
  const completed = suiteRuns.every((other) => other.status === 'completed');
  const rest = checkRunJson(core, run, pullRequests);
  return {
    ...rest,
    check_suite: {
      id: run.checkSuiteId,
      node_id: nodeId('CheckSuite', run.checkSuiteId),
      head_branch: headBranch,
      head_sha: run.headSha,
      status: completed ? 'completed' : suiteRuns.some((other) => other.status === 'in_progress') ? 'in_progress' : 'queued',
      conclusion: completed ? suiteConclusion(suiteRuns) : null,
      url: `${core.urls.repoApi}/check-suites/${run.checkSuiteId}`,
      before: null,
      after: run.headSha,
      pull_requests: pullRequests,
      app: appJson(core, run.app),
      created_at: run.createdAt,
      updated_at: run.updatedAt,
    },
  };
}

function suiteConclusion(runs: CheckRunRecord[]): string {
  const order = ['action_required', 'cancelled', 'timed_out', 'failure', 'neutral', 'success', 'skipped', 'stale'];
  return order.find((conclusion) => runs.some((run) => run.conclusion === conclusion)) ?? 'success';
}

export function deploymentJson(core: SandboxCore, deployment: DeploymentRecord): Json {
  const api = `${core.urls.repoApi}/deployments/${deployment.id}`;
  return {
    url: api,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userJson(core, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${api}/statuses`,
    repository_url: core.urls.repoApi,
    transient_environment: deployment.transient,
    production_environment: deployment.production,
    performed_via_github_app: deployment.app ? appJson(core, deployment.app) : null,
  };
}

export function deploymentStatusJson(core: SandboxCore, deployment: DeploymentRecord, status: DeploymentStatusRecord): Json {
  const deploymentUrl = `${core.urls.repoApi}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: userJson(core, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: core.urls.repoApi,
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
    performed_via_github_app: status.app ? appJson(core, status.app) : null,
  };
}
