import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { artifactRoutes, type ArtifactService } from './artifacts.js';
import { allows, type Actor } from './auth.js';
import type { RequestContext, SandboxCore } from './context.js';
import { checkRequest, checkResponse, checkWebhook, type ContractViolation } from './contract.js';
import type { FaultInjector } from './faults.js';
import { accountRoutes, hasRole } from './handlers/accounts.js';
import { actionRoutes } from './handlers/actions.js';
import { checkRoutes } from './handlers/checks.js';
import { contentsRoutes } from './handlers/contents.js';
import { deploymentRoutes } from './handlers/deployments.js';
import { gitRoutes } from './handlers/git.js';
import { issueRoutes } from './handlers/issues.js';
import { pullRoutes } from './handlers/pulls.js';
import { findAssetForDownload, releaseRoutes } from './handlers/releases.js';
import { ApiError, type ApiResponse } from './http.js';
import { operations, type OperationDescription } from './openapi.js';
import type { RouteDefinition } from './routes.js';
import type { WebhookDispatcher } from './webhooks.js';

export const allRoutes: RouteDefinition[] = [
  ...gitRoutes, ...contentsRoutes, ...releaseRoutes, ...pullRoutes, ...issueRoutes,
  ...checkRoutes, ...deploymentRoutes, ...actionRoutes, ...accountRoutes, ...artifactRoutes,
];

interface CompiledRoute {
  route: RouteDefinition;
  operation: OperationDescription;
  pattern: RegExp;
  names: string[];
  /** Literal characters in the path template; the most specific match wins. */
  specificity: number;
}

const prefixes = { api: '/api/v3', uploads: '/api/uploads' } as const;

function compile(route: RouteDefinition): CompiledRoute {
  const operation = operations.get(route.operationId);
  if (!operation) throw new Error(`the sandbox serves ${route.operationId}, which is not in src/sandbox/openapi/github-subset.json; add it to operations.json and run scripts/extract-openapi.mjs`);
  const names: string[] = [];
  let specificity = 0;
  const source = operation.path.split(/(\{[^}]+\})/).map((part) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (!name) {
      specificity += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    names.push(name);
    const multi = operation.parameters.some((parameter) => parameter.name === name && parameter['x-multi-segment']);
    return multi ? '(.+)' : '([^/]+)';
  }).join('');
  return { route, operation, pattern: new RegExp(`^${prefixes[operation.server]}${source}$`), names, specificity };
}

/** How many requests each caller has left this hour, for the x-ratelimit-* headers. */
class RateLimits {
  private readonly windows = new Map<string, { used: number; reset: number }>();
  /** GitHub allows 5000 an hour to people and installations, 60 to anonymous callers (by address). */
  take(key: string): Record<string, string> {
    const limit = key.startsWith('ip:') ? 60 : 5000;
    const now = Math.floor(Date.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.reset <= now) {
      window = { used: 0, reset: now + 3600 };
      this.windows.set(key, window);
    }
    window.used++;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(limit - window.used, 0)),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-reset': String(window.reset),
      'x-ratelimit-resource': 'core',
    };
  }
}

export interface ServerDeps {
  core: SandboxCore;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  /** GitHub Actions' artifact service: Twirp at /twirp/…, blob storage at /_storage/actions-results/…. */
  artifacts: ArtifactService;
  validate: boolean;
  callLog: Map<string, number>;
  contractViolations: ContractViolation[];
}

function actorKey(actor: Actor | undefined, request: IncomingMessage): string {
  if (!actor) return `ip:${request.socket.remoteAddress}`;
  if (actor.kind === 'app') return `app:${actor.app.id}`;
  if (actor.kind === 'installation') return `installation:${actor.app.installationId}`;
  return `user:${actor.user.login}`;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class SandboxServer {
  private readonly server: Server;
  private readonly routes: CompiledRoute[];
  private readonly rateLimits = new RateLimits();

  constructor(private readonly deps: ServerDeps) {
    this.routes = allRoutes.map(compile);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error) => {
        this.deps.contractViolations.push({ kind: 'response', subject: `${request.method} ${request.url}`, message: `sandbox failure: ${error instanceof Error ? error.stack : String(error)}` });
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Server Error' }));
      });
    });
  }

  /** Binds to the loopback interface only: the sandbox is never reachable from another machine. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Runs work on behalf of an account outside any HTTP request (a workflow run reaching an
   * environment gate, an installation), delivering the webhooks it emits.
   */
  async actAs(actor: Actor, work: (ctx: RequestContext) => Promise<void>): Promise<void> {
    const emitted: [string, Record<string, unknown>][] = [];
    const ctx: RequestContext = {
      core: this.deps.core,
      actor,
      params: {},
      query: new URLSearchParams(),
      body: undefined,
      headers: {},
      url: new URL(this.deps.core.urls.api),
      emit: (event, payload) => emitted.push([event, payload]),
    };
    await this.deps.core.writeLock.run(() => work(ctx));
    this.flush(emitted);
  }

  private flush(emitted: [string, Record<string, unknown>][]): void {
    for (const [event, payload] of emitted) {
      if (this.deps.validate) {
        for (const message of checkWebhook(event, payload)) {
          this.deps.contractViolations.push({ kind: 'webhook', subject: typeof payload.action === 'string' ? `${event}.${payload.action}` : event, message });
        }
      }
      this.deps.webhooks.enqueue(event, payload);
    }
  }

  private match(method: string, pathname: string): { compiled: CompiledRoute; params: Record<string, string> } | undefined {
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    for (const compiled of this.routes) {
      if (compiled.operation.method !== method) continue;
      const found = compiled.pattern.exec(pathname);
      if (!found || (best && best.compiled.specificity >= compiled.specificity)) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1])));
      best = { compiled, params };
    }
    return best;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { core } = this.deps;
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', core.urls.origin);
    const requestId = randomUUID().toUpperCase().slice(0, 23);

    const storage = /^\/_storage\/release-assets\/(\d+)\/([0-9a-f]+)\//.exec(url.pathname);
    if (storage && method === 'GET') {
      const asset = findAssetForDownload(core, Number(storage[1]), storage[2]);
      if (!asset) {
        response.writeHead(404).end();
        return;
      }
      asset.downloadCount++;
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(asset.size) });
      createReadStream(asset.file).pipe(response);
      return;
    }

    if (this.deps.artifacts.serves(url.pathname)) {
      await this.deps.artifacts.handle(request, response, url);
      return;
    }

    const found = this.match(method, url.pathname);
    const raw = await readBody(request);
    if (!found) {
      this.deps.contractViolations.push({ kind: 'unknown-operation', subject: `${method} ${url.pathname}`, message: 'the sandbox serves no such operation; ghml calls an operation missing from the sandbox and its OpenAPI subset' });
      const headers = { ...this.rateLimits.take(actorKey(undefined, request)), 'x-github-request-id': requestId };
      this.send(response, { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } }, headers);
      return;
    }
    const { compiled, params } = found;
    const { operation, route } = compiled;
    this.deps.callLog.set(operation.operationId, (this.deps.callLog.get(operation.operationId) ?? 0) + 1);

    let actor: Actor | undefined;
    const emitted: [string, Record<string, unknown>][] = [];
    let result: ApiResponse;
    let validateAnswer = true;
    let rejectedRequest = false;
    const fault = this.deps.faults.take(method, operation.path, operation.operationId, requestId);
    if (fault) {
      result = fault.response;
      validateAnswer = !fault.crossCutting;
    } else {
      try {
        actor = core.auth.identify(request.headers.authorization);
        this.authorize(route, actor, params);
        const body = this.parseBody(operation, raw);
        if (this.deps.validate) {
          const problems = checkRequest(operation, { pathParams: params, query: url.searchParams, body, hasBody: raw.length > 0 });
          if (problems.length > 0) {
            for (const message of problems) this.deps.contractViolations.push({ kind: 'request', subject: operation.operationId, message });
            rejectedRequest = true;
            throw new ApiError(422, `Invalid request.\n\n${problems.join('\n')}`);
          }
        }
        const ctx: RequestContext = { core, actor, params, query: url.searchParams, body, headers: request.headers, url, emit: (event, payload) => emitted.push([event, payload]) };
        const run = () => route.handle(ctx);
        result = method === 'GET' || method === 'HEAD' ? await run() : await core.writeLock.run(run);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        emitted.length = 0;
        result = error.toResponse(operation.docsUrl);
      }
    }

    const isJson = result.body !== undefined && !Buffer.isBuffer(result.body);
    if (this.deps.validate && validateAnswer) {
      for (const message of checkResponse(operation, result.status, result.body, isJson, rejectedRequest)) {
        this.deps.contractViolations.push({ kind: 'response', subject: operation.operationId, status: result.status, message });
      }
    }
    this.send(response, result, { ...this.rateLimits.take(actorKey(actor, request)), 'x-github-request-id': requestId });
    this.flush(emitted);
  }

  private parseBody(operation: OperationDescription, raw: Buffer): unknown {
    if (operation.requestBody && operation.requestBody.contentType !== 'application/json') return raw;
    if (raw.length === 0) return undefined;
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ApiError(400, 'Problems parsing JSON', { documentationUrl: 'https://docs.github.com/rest' });
    }
  }

  private authorize(route: RouteDefinition, actor: Actor, params: Record<string, string>): void {
    const { core } = this.deps;
    const access = route.access;
    if (params.owner !== undefined && (params.owner.toLowerCase() !== core.repo.owner.toLowerCase() || params.repo.toLowerCase() !== core.repo.name.toLowerCase())) {
      throw new ApiError(404, 'Not Found');
    }
    if (access.kind === 'app-jwt') {
      if (actor.kind !== 'app') throw new ApiError(401, 'A JSON web token could not be decoded');
      return;
    }
    if (actor.kind === 'app') throw new ApiError(401, 'A JSON web token cannot be used to access this resource; use an installation access token.');
    if (access.kind === 'user') return;
    if (access.kind === 'org') {
      if (actor.kind === 'installation' && !allows(actor.permissions, 'members', 'read')) throw new ApiError(403, 'Resource not accessible by integration');
      return;
    }
    if (actor.kind === 'installation') {
      if (!allows(actor.permissions, access.scope, access.level)) throw new ApiError(403, 'Resource not accessible by integration');
      return;
    }
    if (access.appsOnly) throw new ApiError(403, 'You must authenticate via a GitHub App.');
    // The repository is private: people without a role on it cannot tell it exists.
    if (actor.user.role === undefined) throw new ApiError(404, 'Not Found');
    if (!hasRole(actor.user.role, access.role ?? (access.level === 'read' ? 'read' : 'write'))) {
      throw new ApiError(403, 'Resource not accessible by personal access token');
    }
  }

  private send(response: ServerResponse, result: ApiResponse, headers: Record<string, string>): void {
    const base: Record<string, string> = {
      ...headers,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
    };
    if (result.body === undefined) {
      response.writeHead(result.status, { ...base, ...result.headers });
      response.end();
      return;
    }
    const bytes = Buffer.isBuffer(result.body) ? result.body : Buffer.from(JSON.stringify(result.body));
    const contentType = Buffer.isBuffer(result.body) ? 'application/octet-stream' : 'application/json; charset=utf-8';
    response.writeHead(result.status, { ...base, 'content-type': contentType, 'content-length': String(bytes.length), ...result.headers });
    response.end(bytes);
  }
}
