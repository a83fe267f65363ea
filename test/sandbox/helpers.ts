import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from 'octokit';
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from 'probot';
import { expect } from 'vitest';
import { operationCoverage, webhookCoverage } from '../../src/sandbox/coverage.js';
import type { Sandbox } from '../../src/sandbox/index.js';

/**
 * The real octokit client as ghml uses it, pointed at the sandbox. Throttling is off because its
 * write queue spaces requests a second apart; retries are off so every failure is seen once.
 * The fault tests turn both back on.
 */
export function octokitFor(sandbox: Sandbox, login: string, options: ConstructorParameters<typeof Octokit>[0] = {}): Octokit {
  return octokitWithToken(sandbox, sandbox.tokens[login], options);
}

export function octokitWithToken(sandbox: Sandbox, token: string, options: ConstructorParameters<typeof Octokit>[0] = {}): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: sandbox.apiUrl,
    throttle: { enabled: false },
    retry: { enabled: false },
    ...options,
  });
}

/** For afterEach: no request, response or webhook departed from GitHub's descriptions. */
export function expectNoContractViolations(sandbox: Sandbox): void {
  const violations = sandbox.contractViolations.splice(0);
  expect(violations).toEqual([]);
}

/**
 * For afterAll: this file's sandbox saw every operation and webhook that the coverage table in
 * src/sandbox/README.md attributes to the file.
 */
export function expectCoverage(sandbox: Sandbox, file: string): void {
  const uncalled = operationCoverage.filter((entry) => entry.file === file && !sandbox.callLog.get(entry.operation)).map((entry) => entry.operation);
  const undelivered = webhookCoverage.filter((entry) => entry.file === file && !sandbox.deliveries.some((delivery) => delivery.event === entry.webhook)).map((entry) => entry.webhook);
  expect({ uncalled, undelivered }).toEqual({ uncalled: [], undelivered: [] });
}

/** The status of a failed octokit request. */
export async function statusOf(request: Promise<unknown>): Promise<{ status: number; message: string; data: any }> {
  try {
    await request;
  } catch (error) {
    const failure = error as { status: number; message: string; response?: { data: any } };
    return { status: failure.status, message: failure.message, data: failure.response?.data };
  }
  throw new Error('the request succeeded');
}

export interface ReceivedEvent {
  name: string;
  id: string;
  payload: any;
}

/**
 * A real Probot app listening on loopback and registered as the sandbox's webhook; `received`
 * collects every event Probot accepted (it verifies the signature before anything else).
 */
export async function startProbotApp(sandbox: Sandbox, appFn: ApplicationFunction = () => undefined, secret = 'sandbox-webhook-secret') {
  const probot = new Probot({
    appId: sandbox.app.id,
    privateKey: sandbox.app.privateKey,
    secret,
    baseUrl: sandbox.apiUrl,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, throttle: { enabled: false }, retry: { enabled: false } })),
  });
  const received: ReceivedEvent[] = [];
  const middleware = await createNodeMiddleware(async (app, options) => {
    app.onAny(async (context) => {
      received.push({ name: context.name, id: context.id, payload: context.payload });
    });
    await appFn(app, options);
  }, { probot });
  const server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sandbox.setWebhook(url, secret);
  return {
    probot,
    url,
    received,
    /** Events of one kind (`pull_request` or `pull_request.opened`) received so far. */
    events(name: string): ReceivedEvent[] {
      const [event, action] = name.split('.');
      return received.filter((entry) => entry.name === event && (!action || entry.payload.action === action));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
