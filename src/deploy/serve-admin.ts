import { readFile } from 'node:fs/promises';
import type { DataContract } from '../contracts/data-contract.js';
import { ServerStatus, type RoutingInput, type VersionTraffic } from '../contracts/serve.js';
import { ConfigurationError } from '../errors.js';
import { sha256Hex } from '../io/digest.js';

/** The admin API of a running `ghml serve` (docs/serve.md), as the deploy step drives it. */

export class ServeAdminError extends Error {
  override name = 'ServeAdminError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SmokeAnswer {
  status: number;
  version: string | null;
  predictions: Record<string, unknown>[] | null;
  error: string | null;
}

export class ServeAdmin {
  private readonly base: string;

  constructor(
    url: string,
    private readonly token: string,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  private async send(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${route}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ConfigurationError(`ghml serve at ${this.base} cannot be reached (${(error as Error).cause ?? (error as Error).message}): check server-url`, { input: 'server-url' });
    }
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text.slice(0, 200) };
    }
    if (response.status === 401) throw new ConfigurationError(`ghml serve at ${this.base} refused the admin token: give the server's GHML_ADMIN_TOKEN as admin-token`, { input: 'admin-token' });
    return { status: response.status, json };
  }

  private async expect(method: string, route: string, body: unknown, ok: number[]): Promise<any> {
    const { status, json } = await this.send(method, route, body);
    if (!ok.includes(status)) throw new ServeAdminError(status, `${method} ${route} answered ${status}: ${json?.error ?? 'no reason given'}`);
    return json;
  }

  async status(): Promise<ServerStatus> {
    return ServerStatus.parse(await this.expect('GET', '/admin/v1/status', undefined, [200]));
  }

  async load(model: string, version: string, modelFile: string, contract: DataContract | null): Promise<void> {
    const bytes = await readFile(modelFile);
    const sha256 = sha256Hex(bytes);
    await this.expect('PUT', `/admin/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`, { sha256, model: bytes.toString('base64'), contract }, [200, 201]);
  }

  async unload(model: string, version: string): Promise<void> {
    await this.expect('DELETE', `/admin/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`, undefined, [200, 404]);
  }

  async route(model: string, routing: RoutingInput): Promise<void> {
    await this.expect('PUT', `/admin/v1/models/${encodeURIComponent(model)}/routing`, routing, [200]);
  }

  /** Rows through the rows endpoint: of one version when `version` is given, else as routed. */
  async predict(model: string, version: string | null, rows: Record<string, unknown>[]): Promise<SmokeAnswer> {
    const route = version === null ? `/v1/models/${encodeURIComponent(model)}/predict` : `/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/predict`;
    const { status, json } = await this.send('POST', route, { rows });
    return {
      status,
      version: typeof json?.model_version === 'string' ? json.model_version : null,
      predictions: Array.isArray(json?.predictions) ? json.predictions : null,
      error: typeof json?.error === 'string' ? json.error : null,
    };
  }
}

/** A version's traffic between two readings of its counters. */
export function trafficBetween(before: VersionTraffic, after: VersionTraffic): VersionTraffic {
  return {
    requests: after.requests - before.requests,
    rows: after.rows - before.rows,
    clientErrors: after.clientErrors - before.clientErrors,
    serverErrors: after.serverErrors - before.serverErrors,
    latency: { bounds: after.latency.bounds, counts: after.latency.counts.map((count, bucket) => count - (before.latency.counts[bucket] ?? 0)), sum: after.latency.sum - before.latency.sum },
  };
}
