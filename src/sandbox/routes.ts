import type { RequestContext } from './context.js';
import type { PermissionLevel, PermissionScope, RepoRole } from './fixtures.js';
import type { ApiResponse } from './http.js';

/**
 * Who may call an operation.
 * - repo: a user with at least `role` on the repository (read for reads, write for writes by
 *   default) or an installation granted `scope` at `level`; `appsOnly` refuses personal tokens,
 *   as GitHub does for check runs.
 * - user: any personal token (GET /user).
 * - org: a member of the organization or an installation with `members` access.
 * - app-jwt: the app itself, authenticated with its JWT.
 */
export type Access =
  | { kind: 'repo'; scope: PermissionScope; level: PermissionLevel; role?: RepoRole; appsOnly?: boolean }
  | { kind: 'user' }
  | { kind: 'org' }
  | { kind: 'app-jwt' };

/** A REST operation the sandbox serves; method and path come from GitHub's description of `operationId`. */
export interface RouteDefinition {
  operationId: string;
  access: Access;
  handle(ctx: RequestContext): Promise<ApiResponse>;
}
