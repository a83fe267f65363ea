import { ConfigurationError } from '../errors.js';
import { sha256Hex } from '../io/digest.js';

/**
 * Who may call the server, and how often.
 *
 * Tokens are kept only as sha256 digests, and a presented token is hashed before it is looked up,
 * so the time a lookup takes says nothing about the tokens; no token is ever logged. Each client
 * (a token, or the address when the server is open) has a token bucket: `rate` requests a second,
 * bursts of up to `burst`.
 */

/** Tokens from a comma-separated list (GHML_SERVE_TOKENS). */
export function parseTokens(text: string | undefined, variable: string): string[] {
  const tokens = (text ?? '').split(',').map((token) => token.trim()).filter(Boolean);
  const short = tokens.filter((token) => token.length < 16);
  if (short.length > 0) throw new ConfigurationError(`${variable} holds ${short.length} token(s) shorter than 16 characters: use long random tokens (openssl rand -hex 32)`, { input: variable });
  return tokens;
}

export type Caller = { kind: 'client'; id: string } | { kind: 'admin'; id: string } | { kind: 'anonymous'; id: string };

export class Access {
  private readonly clients = new Map<string, string>();
  private readonly admin: string | null;

  constructor(clientTokens: string[], adminToken: string | null) {
    clientTokens.forEach((token, index) => this.clients.set(sha256Hex(token), `token-${index + 1}`));
    this.admin = adminToken === null ? null : sha256Hex(adminToken);
  }

  /** No client tokens: anyone who reaches the server may call the models. */
  get open(): boolean {
    return this.clients.size === 0;
  }

  get adminEnabled(): boolean {
    return this.admin !== null;
  }

  /**
   * The caller a request's Authorization header names; null for a token that is not known. On an
   * open server every request is let in, known by its address unless it carries the admin token.
   */
  identify(authorization: string | undefined, address: string): Caller | null {
    const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const presented = match ? sha256Hex(match[1]) : null;
    if (presented !== null && presented === this.admin) return { kind: 'admin', id: 'admin' };
    if (this.open) return { kind: 'anonymous', id: address };
    const client = presented === null ? undefined : this.clients.get(presented);
    return client ? { kind: 'client', id: client } : null;
  }
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go ahead; else the seconds until it could (for Retry-After). */
  take(client: string): number {
    if (this.rate <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      this.sweep(now);
      this.buckets.set(client, (bucket = { tokens: this.burst, updated: now }));
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updated) / 1000) * this.rate);
      bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.rate;
  }

  /** Forgets clients whose buckets have filled up again: they are as new, and the map stays small. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    const full = (this.burst / this.rate) * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.updated > full) this.buckets.delete(client);
  }
}
