import { randomBytes, verify } from 'node:crypto';
import type { Fixture, PermissionLevel, PermissionScope, SandboxApp, SandboxUser } from './fixtures.js';
import { ApiError } from './http.js';

/** Who is calling: a person with a personal token, an app installation, or an app with its JWT. */
export type Actor =
  | { kind: 'user'; user: SandboxUser; token: string }
  | { kind: 'installation'; app: SandboxApp; user: SandboxUser; token: string; permissions: SandboxApp['permissions'] }
  | { kind: 'app'; app: SandboxApp };

interface InstallationToken {
  app: SandboxApp;
  expiresAt: Date;
  permissions: SandboxApp['permissions'];
}

const installationTokenLifetimeMs = 60 * 60 * 1000;
const docsAuth = 'https://docs.github.com/rest';

/** Tokens as GitHub shapes them: a type prefix and 36 random characters. */
function newToken(prefix: 'ghp' | 'ghs'): string {
  return `${prefix}_${randomBytes(27).toString('base64url').slice(0, 36)}`;
}

export class Authenticator {
  /** Personal tokens by login. */
  readonly userTokens: Record<string, string> = {};
  private readonly tokenOwners = new Map<string, SandboxUser>();
  private readonly installationTokens = new Map<string, InstallationToken>();

  constructor(private readonly fixture: Fixture) {
    for (const user of fixture.users) {
      const token = newToken('ghp');
      this.userTokens[user.login] = token;
      this.tokenOwners.set(token, user);
    }
  }

  mintInstallationToken(app: SandboxApp, requested?: SandboxApp['permissions']): { token: string; expiresAt: Date; permissions: SandboxApp['permissions'] } {
    const permissions = requested ?? app.permissions;
    for (const [scope, level] of Object.entries(permissions) as [PermissionScope, PermissionLevel][]) {
      if (!allows(app.permissions, scope, level)) {
        throw new ApiError(422, `The permissions requested are not granted to this installation.`);
      }
    }
    const token = newToken('ghs');
    const expiresAt = new Date(Date.now() + installationTokenLifetimeMs);
    this.installationTokens.set(token, { app, expiresAt, permissions });
    return { token, expiresAt, permissions };
  }

  /** Reads the Authorization header; no header, an unknown token or a bad JWT is a 401. */
  identify(header: string | undefined): Actor {
    if (!header) throw new ApiError(401, 'Requires authentication', { documentationUrl: docsAuth });
    const match = /^(token|bearer)\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new ApiError(401, 'Bad credentials', { documentationUrl: docsAuth });
    const credential = match[2];
    const user = this.tokenOwners.get(credential);
    if (user) return { kind: 'user', user, token: credential };
    const installation = this.installationTokens.get(credential);
    if (installation) {
      if (installation.expiresAt.getTime() <= Date.now()) throw new ApiError(401, 'Bad credentials', { documentationUrl: docsAuth });
      return { kind: 'installation', app: installation.app, user: installation.app.bot, token: credential, permissions: installation.permissions };
    }
    if (credential.split('.').length === 3) return { kind: 'app', app: this.verifyAppJwt(credential) };
    throw new ApiError(401, 'Bad credentials', { documentationUrl: docsAuth });
  }

  /**
   * Checks an app JWT the way GitHub does: RS256 signed by the app's private key, `iss` the app id
   * (or client id), issued no later than now and expiring at most ten minutes after issue.
   */
  private verifyAppJwt(jwt: string): SandboxApp {
    const [encodedHeader, encodedPayload, signature] = jwt.split('.');
    let header: { alg?: string };
    let claims: { iat?: number; exp?: number; iss?: string | number };
    try {
      header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8'));
    } catch {
      throw new ApiError(401, 'A JSON web token could not be decoded', { documentationUrl: docsAuth });
    }
    const app = [this.fixture.app, this.fixture.actionsApp].find((candidate) => String(candidate.id) === String(claims.iss) || candidate.clientId === claims.iss);
    if (!app?.publicKey) throw new ApiError(401, `Integration not found`, { documentationUrl: docsAuth });
    if (header.alg !== 'RS256') throw new ApiError(401, `'alg' must be RS256`, { documentationUrl: docsAuth });
    const signed = verify('RSA-SHA256', Buffer.from(`${encodedHeader}.${encodedPayload}`), app.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) throw new ApiError(401, 'A JSON web token could not be decoded', { documentationUrl: docsAuth });
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.iat !== 'number' || claims.iat > now + 60) throw new ApiError(401, `'Issued at' claim ('iat') must be an Integer representing a time in the past.`, { documentationUrl: docsAuth });
    if (typeof claims.exp !== 'number' || claims.exp <= now) throw new ApiError(401, `'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.`, { documentationUrl: docsAuth });
    if (claims.exp - claims.iat > 600 + 60) throw new ApiError(401, `'Expiration time' claim ('exp') is too far in the future.`, { documentationUrl: docsAuth });
    return app;
  }
}

export function allows(granted: SandboxApp['permissions'], scope: PermissionScope, level: PermissionLevel): boolean {
  const have = granted[scope];
  return have === 'write' || (have === 'read' && level === 'read');
}
