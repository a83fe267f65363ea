import { Octokit } from 'octokit';
import type { ApplicationFunction } from 'probot';
import { expect } from 'vitest';
import { operationCoverage, webhookCoverage } from '../../src/sandbox/coverage.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandboxApp } from '../../src/sandbox/probot.js';

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
 * The sandbox's app on a real Probot (src/sandbox/probot.ts); `received` collects every event
 * Probot accepted (it verifies the signature before anything else).
 */
export async function startProbotApp(sandbox: Sandbox, appFn: ApplicationFunction = () => undefined, secret = 'sandbox-webhook-secret') {
  const received: ReceivedEvent[] = [];
  const app = await startSandboxApp(sandbox, async (probot, options) => {
    probot.onAny(async (context) => {
      received.push({ name: context.name, id: context.id, payload: context.payload });
    });
    await appFn(probot, options);
  }, secret);
  return {
    ...app,
    received,
    /** Events of one kind (`pull_request` or `pull_request.opened`) received so far. */
    events(name: string): ReceivedEvent[] {
      const [event, action] = name.split('.');
      return received.filter((entry) => entry.name === event && (!action || entry.payload.action === action));
    },
  };
}
