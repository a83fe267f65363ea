import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** A user's role on the sandbox repository, as GitHub's collaborator permission API names them. */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

/** Permission scopes of GitHub App installations that the sandbox checks. */
export type PermissionScope = 'contents' | 'pull_requests' | 'issues' | 'checks' | 'deployments' | 'actions' | 'metadata' | 'members';
export type PermissionLevel = 'read' | 'write';

export interface SandboxUserSpec {
  login: string;
  /** Role on the repository; none means the user cannot see the (private) repository. */
  role?: RepoRole;
  name?: string;
}

export interface SandboxUser {
  login: string;
  id: number;
  name: string;
  email: string;
  type: 'User' | 'Bot' | 'Organization';
  role: RepoRole | undefined;
}

export interface SandboxTeam {
  id: number;
  slug: string;
  name: string;
  members: string[];
}

export interface SandboxApp {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  installationId: number;
  /** The bot account the app's installation tokens act as (`<slug>[bot]`). */
  bot: SandboxUser;
  permissions: Partial<Record<PermissionScope, PermissionLevel>>;
  events: string[];
  /** PEM (PKCS#1, as GitHub issues them) for signing the app's JWTs; only the ghml app has one. */
  privateKey: string | undefined;
  publicKey: KeyObject | undefined;
}

/**
 * The people of the default fixture: an admin, three writers (two of them ml-leads, one in risk),
 * a reader and an outsider — enough to make "who approved" and "who merged" questions real.
 */
export const defaultUsers: SandboxUserSpec[] = [
  { login: 'octocat', role: 'admin', name: 'The Octocat' },
  { login: 'alice', role: 'write', name: 'Alice Liddell' },
  { login: 'bob', role: 'write', name: 'Bob Tables' },
  { login: 'erin', role: 'write', name: 'Erin Hopper' },
  { login: 'carol', role: 'read', name: 'Carol Reader' },
  { login: 'mallory', name: 'Mallory Outsider' },
];

export const defaultTeams: Record<string, string[]> = {
  'ml-leads': ['alice', 'erin'],
  risk: ['bob'],
};

/** The events a ghml app subscribes to (its app.yml manifest lists the same). */
export const appEvents = [
  'check_run', 'deployment', 'deployment_protection_rule', 'deployment_status', 'issue_comment', 'issues',
  'pull_request', 'pull_request_review', 'push', 'repository_dispatch', 'workflow_dispatch',
];

const appPermissions: SandboxApp['permissions'] = {
  actions: 'write', checks: 'write', contents: 'write', deployments: 'write', issues: 'write',
  members: 'read', metadata: 'read', pull_requests: 'write',
};

function noreplyEmail(id: number, login: string): string {
  return `${id}+${login}@users.noreply.github.com`;
}

export interface Fixture {
  org: SandboxUser;
  users: SandboxUser[];
  teams: SandboxTeam[];
  app: SandboxApp;
  actionsApp: SandboxApp;
}

export function buildFixture(owner: string, userSpecs: SandboxUserSpec[], teamSpecs: Record<string, string[]>): Fixture {
  const users = userSpecs.map((spec, index): SandboxUser => {
    const id = 583231 + index;
    return { login: spec.login, id, name: spec.name ?? spec.login, email: noreplyEmail(id, spec.login), type: 'User', role: spec.role };
  });
  const known = new Set(users.map((user) => user.login));
  const teams = Object.entries(teamSpecs).map(([slug, members], index): SandboxTeam => {
    for (const member of members) if (!known.has(member)) throw new Error(`team ${slug}: unknown user ${member}`);
    return { id: 4100 + index, slug, name: slug, members };
  });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app: SandboxApp = {
    id: 1001,
    slug: 'ghml',
    name: 'ghml',
    clientId: `Iv23li${randomBytes(7).toString('hex')}`,
    installationId: 2001,
    bot: { login: 'ghml[bot]', id: 9000001, name: 'ghml[bot]', email: noreplyEmail(9000001, 'ghml[bot]'), type: 'Bot', role: undefined },
    permissions: appPermissions,
    events: appEvents,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey,
  };
  // The app behind the GITHUB_TOKEN of workflow runs, so steps act as github-actions[bot].
  const actionsApp: SandboxApp = {
    id: 15368,
    slug: 'github-actions',
    name: 'GitHub Actions',
    clientId: 'Iv1.05c79e9ad1f6bdfa',
    installationId: 2002,
    bot: { login: 'github-actions[bot]', id: 41898282, name: 'github-actions[bot]', email: noreplyEmail(41898282, 'github-actions[bot]'), type: 'Bot', role: undefined },
    permissions: Object.fromEntries(Object.entries(appPermissions).filter(([scope]) => scope !== 'members')),
    events: [],
    privateKey: undefined,
    publicKey: undefined,
  };
  const org: SandboxUser = { login: owner, id: 9919, name: owner, email: '', type: 'Organization', role: undefined };
  return { org, users, teams, app, actionsApp };
}
