import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectNoContractViolations, octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => {
  expect(sandbox.faults.remaining).toBe(0);
  expectNoContractViolations(sandbox);
});

/** Octokit with its retry and throttling plugins on, waiting milliseconds where GitHub says seconds. */
function resilientOctokit(limits: { rateLimits: number[]; secondaryLimits: number[] }) {
  return octokitFor(sandbox, 'alice', {
    retry: { retryAfterBaseValue: 1 },
    throttle: {
      retryAfterBaseValue: 1,
      onRateLimit: (retryAfter: number) => {
        limits.rateLimits.push(retryAfter);
        return true;
      },
      onSecondaryRateLimit: (retryAfter: number) => {
        limits.secondaryLimits.push(retryAfter);
        return true;
      },
    },
  });
}

describe('fault injection', () => {
  it('serves 5xx that octokit retries until the route recovers', async () => {
    const octokit = resilientOctokit({ rateLimits: [], secondaryLimits: [] });
    const calls = () => sandbox.callLog.get('git/get-ref') ?? 0;
    const before = calls();
    sandbox.faults.inject({ method: 'GET', route: '/repos/{owner}/{repo}/git/ref/{ref}', status: 500, times: 2 });
    sandbox.faults.inject({ route: 'git/get-ref', status: 502 });
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(data.ref).toBe('refs/heads/main');
    expect(calls() - before).toBe(4);
  });

  it('serves the primary rate limit as 403 with x-ratelimit-remaining 0, which octokit waits out', async () => {
    const limits = { rateLimits: [] as number[], secondaryLimits: [] as number[] };
    const octokit = resilientOctokit(limits);
    sandbox.faults.inject({ route: 'repos/get', status: '403-rate-limit', retryAfter: 30 });
    const { data } = await octokit.rest.repos.get({ ...repo });
    expect(data.full_name).toBe('octo-org/ml-repo');
    expect(limits.rateLimits).toHaveLength(1);
    expect(limits.rateLimits[0]).toBeGreaterThanOrEqual(30);
  });

  it('serves the primary rate limit as 429, which octokit’s retry plugin retries before throttling sees it', async () => {
    const limits = { rateLimits: [] as number[], secondaryLimits: [] as number[] };
    const octokit = resilientOctokit(limits);
    const before = sandbox.callLog.get('repos/get') ?? 0;
    sandbox.faults.inject({ route: 'repos/get', status: 429, retryAfter: 30 });
    await octokit.rest.repos.get({ ...repo });
    expect((sandbox.callLog.get('repos/get') ?? 0) - before).toBe(2);
    expect(limits.rateLimits).toEqual([]);
  });

  it('serves the secondary rate limit (403 with retry-after) that octokit backs off from', async () => {
    const limits = { rateLimits: [] as number[], secondaryLimits: [] as number[] };
    const octokit = resilientOctokit(limits);
    sandbox.faults.inject({ route: 'issues/list-for-repo', status: '403-secondary-rate-limit', retryAfter: 60 });
    await octokit.rest.issues.listForRepo({ ...repo });
    expect(limits.secondaryLimits).toEqual([60]);
  });

  it('shows clients the headers and bodies GitHub sends with these faults', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    sandbox.faults.inject({ route: 'repos/get', status: 429, retryAfter: 5 });
    const limited = await statusOf(octokit.rest.repos.get({ ...repo }));
    expect(limited.status).toBe(429);
    expect(limited.data.message).toMatch(/^API rate limit exceeded/);
    sandbox.faults.inject({ route: 'repos/get', status: '403-secondary-rate-limit', retryAfter: 5 });
    const secondary = await statusOf(octokit.rest.repos.get({ ...repo }));
    expect([secondary.status, secondary.message]).toEqual([403, expect.stringMatching(/secondary rate limit/)]);
  });
});

describe('the contract check', () => {
  it('catches a response whose shape departs from GitHub’s description', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: faithful } = await octokit.rest.repos.get({ ...repo });
    sandbox.faults.inject({ route: 'repos/get', status: 'response', response: { status: 200, body: { ...faithful, id: String(faithful.id) } } });
    await octokit.rest.repos.get({ ...repo });
    expect(sandbox.contractViolations).toEqual([
      expect.objectContaining({ kind: 'response', subject: 'repos/get', status: 200, message: expect.stringContaining('/id must be integer') }),
    ]);
    expect(() => expectNoContractViolations(sandbox)).toThrow();
  });

  it('catches a status the description does not list for the operation', async () => {
    sandbox.faults.inject({ route: 'git/create-blob', status: 'response', response: { status: 418, body: { message: 'teapot' } } });
    await statusOf(octokitFor(sandbox, 'alice').rest.git.createBlob({ ...repo, content: 'x' }));
    expect(sandbox.contractViolations.splice(0)).toEqual([
      { kind: 'response', subject: 'git/create-blob', status: 418, message: 'status 418 is not documented for git/create-blob' },
    ]);
  });

  it('catches a request that breaks the operation’s request schema', async () => {
    // A ref without the sha GitHub's description requires, as a buggy caller might send it.
    const refused = await statusOf(octokitFor(sandbox, 'alice').request({ method: 'POST', url: '/repos/{owner}/{repo}/git/refs', ...repo, ref: 'refs/heads/x' }));
    expect(refused.status).toBe(422);
    expect(sandbox.contractViolations.splice(0)).toEqual([
      { kind: 'request', subject: 'git/create-ref', message: "request body: (root) must have required property 'sha'" },
    ]);
  });

  it('names an operation ghml calls that the sandbox does not serve', async () => {
    expect((await statusOf(octokitFor(sandbox, 'alice').rest.repos.listBranches({ ...repo }))).status).toBe(404);
    expect(sandbox.contractViolations.splice(0)).toEqual([
      expect.objectContaining({ kind: 'unknown-operation', subject: 'GET /api/v3/repos/octo-org/ml-repo/branches' }),
    ]);
  });
});
