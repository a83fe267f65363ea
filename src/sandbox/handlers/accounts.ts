import { allows } from '../auth.js';
import type { RequestContext } from '../context.js';
import type { RepoRole, SandboxApp } from '../fixtures.js';
import { ApiError, notFound, timestamp } from '../http.js';
import { appJson, fullRepositoryJson, installationJson, repositoryJson, userJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';

const roleRank: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function hasRole(role: RepoRole | undefined, needed: RepoRole): boolean {
  return role !== undefined && roleRank[role] >= roleRank[needed];
}

function rolePermissions(role: RepoRole | undefined) {
  return {
    admin: hasRole(role, 'admin'),
    maintain: hasRole(role, 'maintain'),
    push: hasRole(role, 'write'),
    triage: hasRole(role, 'triage'),
    pull: hasRole(role, 'read'),
  };
}

function installationPermissions(granted: SandboxApp['permissions']) {
  return { admin: false, maintain: false, push: allows(granted, 'contents', 'write'), triage: allows(granted, 'issues', 'write'), pull: true };
}

/** The legacy permission name GitHub reports next to the role: maintain counts as write, triage as read. */
function legacyPermission(role: RepoRole | undefined): string {
  if (role === 'admin') return 'admin';
  if (role === 'write' || role === 'maintain') return 'write';
  if (role === 'read' || role === 'triage') return 'read';
  return 'none';
}

function findApp(ctx: RequestContext): SandboxApp {
  if (ctx.actor.kind !== 'app') throw new ApiError(401, 'A JSON web token could not be decoded');
  return ctx.actor.app;
}

export const accountRoutes: RouteDefinition[] = [
  {
    operationId: 'repos/get',
    access: { kind: 'repo', scope: 'metadata', level: 'read' },
    async handle(ctx) {
      const permissions = ctx.actor.kind === 'user' ? rolePermissions(ctx.actor.user.role)
        : ctx.actor.kind === 'installation' ? installationPermissions(ctx.actor.permissions) : undefined;
      return { status: 200, body: fullRepositoryJson(ctx.core, permissions) };
    },
  },
  {
    operationId: 'users/get-authenticated',
    access: { kind: 'user' },
    async handle(ctx) {
      if (ctx.actor.kind !== 'user') throw new ApiError(403, 'Resource not accessible by integration');
      const user = ctx.actor.user;
      return {
        status: 200,
        body: {
          ...userJson(ctx.core, user),
          name: user.name,
          company: null,
          blog: '',
          location: null,
          email: user.email,
          hireable: null,
          bio: null,
          twitter_username: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: ctx.core.repo.createdAt,
          updated_at: ctx.core.repo.createdAt,
          private_gists: 0,
          total_private_repos: 0,
          owned_private_repos: 0,
          disk_usage: 0,
          collaborators: 0,
          two_factor_authentication: true,
        },
      };
    },
  },
  {
    operationId: 'repos/get-collaborator-permission-level',
    access: { kind: 'repo', scope: 'metadata', level: 'read' },
    async handle(ctx) {
      const user = ctx.core.account(ctx.params.username);
      if (!user || user.type === 'Organization') throw notFound();
      const permissions = rolePermissions(user.role);
      return {
        status: 200,
        body: {
          permission: legacyPermission(user.role),
          role_name: user.role ?? 'none',
          user: { ...userJson(ctx.core, user), permissions, role_name: user.role ?? 'none' },
        },
      };
    },
  },
  {
    operationId: 'teams/get-membership-for-user-in-org',
    access: { kind: 'org' },
    async handle(ctx) {
      const { org, team_slug: slug, username } = ctx.params;
      if (org.toLowerCase() !== ctx.core.fixture.org.login.toLowerCase()) throw notFound();
      const team = ctx.core.team(slug);
      if (!team || !team.members.includes(username)) throw notFound();
      return {
        status: 200,
        body: { url: `${ctx.core.urls.api}/organizations/${ctx.core.fixture.org.id}/team/${team.id}/memberships/${username}`, role: 'member', state: 'active' },
      };
    },
  },
  {
    operationId: 'apps/get-authenticated',
    access: { kind: 'app-jwt' },
    async handle(ctx) {
      const app = findApp(ctx);
      return { status: 200, body: { ...appJson(ctx.core, app), client_id: app.clientId, installations_count: 1 } };
    },
  },
  {
    operationId: 'apps/get-repo-installation',
    access: { kind: 'app-jwt' },
    async handle(ctx) {
      const app = findApp(ctx);
      return { status: 200, body: { ...installationJson(ctx.core, app), client_id: app.clientId } };
    },
  },
  {
    operationId: 'apps/create-installation-access-token',
    access: { kind: 'app-jwt' },
    async handle(ctx) {
      const app = findApp(ctx);
      if (Number(ctx.params.installation_id) !== app.installationId) throw notFound();
      const body = (ctx.body ?? {}) as { repositories?: string[]; repository_ids?: number[]; permissions?: SandboxApp['permissions'] };
      const names = body.repositories ?? [];
      const ids = body.repository_ids ?? [];
      if (names.some((name) => name !== ctx.core.repo.name) || ids.some((id) => id !== ctx.core.repo.id)) {
        throw new ApiError(422, 'There is at least one repository that does not exist or is not accessible to the parent installation.');
      }
      const { token, expiresAt, permissions } = ctx.core.auth.mintInstallationToken(app, body.permissions);
      return {
        status: 201,
        body: {
          token,
          expires_at: timestamp(expiresAt),
          permissions,
          repository_selection: 'selected',
          ...(names.length > 0 || ids.length > 0 ? { repositories: [repositoryJson(ctx.core)] } : {}),
        },
      };
    },
  },
];
