import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { timestamp } from './http.js';

/** One attempt to deliver a webhook, as GitHub's delivery log records it. */
export interface Delivery {
  id: number;
  /** X-GitHub-Delivery; a redelivery keeps the GUID of the original. */
  guid: string;
  event: string;
  action: string | null;
  redelivery: boolean;
  deliveredAt: string;
  /** The app's HTTP status, or null when the request failed (refused, timed out). */
  statusCode: number | null;
  durationMs: number;
  error: string | undefined;
  payload: Record<string, unknown>;
  requestHeaders: Record<string, string>;
  responseBody: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** GitHub gives an app ten seconds to answer a delivery. */
const deliveryTimeoutMs = 10_000;

function signature256(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers webhooks one at a time, in the order the operations caused them, to the app's URL,
 * signed as GitHub signs them. A handler that calls back into the sandbox while it handles a
 * delivery only queues further deliveries, so there is no deadlock.
 */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private target: WebhookTarget | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private lastId = 0;

  constructor(private readonly hook: { id: number; appId: number }) {}

  setTarget(target: WebhookTarget | undefined): void {
    this.target = target;
  }

  enqueue(event: string, payload: Record<string, unknown>): void {
    const target = this.target;
    if (!target) return;
    this.schedule(() => this.deliver(target, event, payload, randomUUID(), false));
  }

  /** Sends a recorded delivery again with its original GUID, as "Redeliver" does on GitHub. */
  redeliver(id: number): Promise<Delivery> {
    const original = this.deliveries.find((delivery) => delivery.id === id);
    if (!original) return Promise.reject(new Error(`no delivery with id ${id}`));
    const target = this.target;
    if (!target) return Promise.reject(new Error('no webhook is configured'));
    return this.schedule(() => this.deliver(target, original.event, original.payload, original.guid, true));
  }

  /** Resolves once every queued delivery (and those they cause) has been attempted. */
  async settle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  private schedule<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.queue.then(work).finally(() => this.pending--);
    this.queue = result.then(() => undefined, () => undefined);
    return result;
  }

  private async deliver(target: WebhookTarget, event: string, payload: Record<string, unknown>, guid: string, redelivery: boolean): Promise<Delivery> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': `GitHub-Hookshot/sandbox`,
      'x-github-event': event,
      'x-github-delivery': guid,
      'x-github-hook-id': String(this.hook.id),
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': String(this.hook.appId),
      'x-hub-signature': `sha1=${createHmac('sha1', target.secret).update(body).digest('hex')}`,
      'x-hub-signature-256': signature256(target.secret, body),
    };
    const started = performance.now();
    const delivery: Delivery = {
      id: ++this.lastId,
      guid,
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      redelivery,
      deliveredAt: timestamp(),
      statusCode: null,
      durationMs: 0,
      error: undefined,
      payload,
      requestHeaders: headers,
      responseBody: '',
    };
    try {
      const response = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(deliveryTimeoutMs) });
      delivery.statusCode = response.status;
      delivery.responseBody = await response.text();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    delivery.durationMs = Math.round(performance.now() - started);
    this.deliveries.push(delivery);
    return delivery;
  }
}
