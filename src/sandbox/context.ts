import type { IncomingHttpHeaders } from 'node:http';
import type { Actor, Authenticator } from './auth.js';
import type { Fixture, SandboxApp, SandboxTeam, SandboxUser } from './fixtures.js';
import type { GitRepository } from './git.js';
import { ApiError } from './http.js';
import type { Mutex, RepoInfo, SandboxState, Urls } from './state.js';

/** What every route handler can reach: the repository, the records, the people. */
export interface SandboxCore {
  urls: Urls;
  repo: RepoInfo;
  fixture: Fixture;
  git: GitRepository;
  state: SandboxState;
  auth: Authenticator;
  assetsDir: string;
  /** Held by every request that changes state, so check-then-write sequences cannot interleave. */
  writeLock: Mutex;
  /** Any account by login: users, the organization and app bots. */
  account(login: string): SandboxUser | undefined;
  /** The account whose email a commit carries, so commits link to users as on GitHub. */
  accountByEmail(email: string): SandboxUser | undefined;
  team(slug: string): SandboxTeam | undefined;
}

export interface RequestContext {
  core: SandboxCore;
  actor: Actor;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON for JSON requests; the raw bytes for uploads. */
  body: any;
  headers: IncomingHttpHeaders;
  url: URL;
  /** Queues a webhook; it is delivered only if the request succeeds, after the response. */
  emit(event: string, payload: Record<string, unknown>): void;
}

/** The account a request acts as: the user, or the bot of an installation. */
export function actingUser(ctx: RequestContext): SandboxUser {
  if (ctx.actor.kind === 'app') {
    throw new ApiError(403, 'A JSON web token cannot be used to access this resource; use an installation access token.');
  }
  return ctx.actor.user;
}

/** The app behind an installation token, for `performed_via_github_app` and check runs. */
export function actingApp(ctx: RequestContext): SandboxApp | undefined {
  return ctx.actor.kind === 'installation' || ctx.actor.kind === 'app' ? ctx.actor.app : undefined;
}
