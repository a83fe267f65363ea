import { generateKeyPairSync } from 'node:crypto';
import { Octokit } from 'octokit';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, octokitWithToken, statusOf } from './helpers.js';

let sandbox: Sandbox;
const repo = { owner: 'octo-org', repo: 'ml-repo' };
const quietOctokit = ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, throttle: { enabled: false }, retry: { enabled: false } }));

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  expectCoverage(sandbox, 'access.test.ts');
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

describe('people and permissions', () => {
  it('answers who the caller is and what they may do on the repository', async () => {
    const { data: me } = await octokitFor(sandbox, 'alice').rest.users.getAuthenticated();
    expect([me.login, me.name]).toEqual(['alice', 'Alice Liddell']);
    const { data: asAlice } = await octokitFor(sandbox, 'alice').rest.repos.get({ ...repo });
    expect(asAlice.permissions).toEqual({ admin: false, maintain: false, push: true, triage: true, pull: true });
    expect([asAlice.default_branch, asAlice.private, asAlice.allow_rebase_merge]).toEqual(['main', true, false]);
    const { data: asCarol } = await octokitFor(sandbox, 'carol').rest.repos.get({ ...repo });
    expect(asCarol.permissions?.push).toBe(false);
  });

  it('reports collaborator permission levels and team memberships', async () => {
    const octokit = octokitFor(sandbox, 'github-actions[bot]');
    const level = async (username: string) => (await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username })).data;
    expect((await level('octocat')).permission).toBe('admin');
    expect([(await level('alice')).permission, (await level('alice')).role_name]).toEqual(['write', 'write']);
    expect((await level('carol')).permission).toBe('read');
    expect((await level('mallory')).permission).toBe('none');
    expect((await statusOf(octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'nobody' }))).status).toBe(404);

    const people = octokitFor(sandbox, 'octocat');
    const { data: membership } = await people.rest.teams.getMembershipForUserInOrg({ org: 'octo-org', team_slug: 'ml-leads', username: 'erin' });
    expect([membership.state, membership.role]).toEqual(['active', 'member']);
    expect((await statusOf(people.rest.teams.getMembershipForUserInOrg({ org: 'octo-org', team_slug: 'ml-leads', username: 'bob' }))).status).toBe(404);
    expect((await people.rest.teams.getMembershipForUserInOrg({ org: 'octo-org', team_slug: 'risk', username: 'bob' })).status).toBe(200);
  });

  it('answers 401 without a valid token, 404 to outsiders and 403 to readers who write', async () => {
    const anonymous = new Octokit({ baseUrl: sandbox.apiUrl, throttle: { enabled: false }, retry: { enabled: false } });
    const missing = await statusOf(anonymous.rest.repos.get({ ...repo }));
    expect([missing.status, missing.data.message]).toEqual([401, 'Requires authentication']);
    const wrong = await statusOf(octokitWithToken(sandbox, 'ghp_notarealtoken').rest.repos.get({ ...repo }));
    expect([wrong.status, wrong.data.message]).toEqual([401, 'Bad credentials']);
    expect((await statusOf(octokitFor(sandbox, 'mallory').rest.repos.get({ ...repo }))).status).toBe(404);
    const refused = await statusOf(octokitFor(sandbox, 'carol').rest.git.createRef({ ...repo, ref: 'refs/heads/carol', sha: (await sandbox.repo.git(['rev-parse', 'main'])).trim() }));
    expect(refused.status).toBe(403);
    expect(refused.data.documentation_url).toContain('docs.github.com');
  });

  it('sends rate-limit headers on every response, counting per caller', async () => {
    const octokit = octokitFor(sandbox, 'erin');
    const first = await octokit.rest.repos.get({ ...repo });
    const second = await octokit.rest.repos.get({ ...repo });
    expect(first.headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(first.headers['x-ratelimit-remaining']) - Number(second.headers['x-ratelimit-remaining'])).toBe(1);
    expect(Number(second.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    const failed = await statusOf(octokitWithToken(sandbox, 'bad').rest.repos.get({ ...repo }));
    expect(failed.status).toBe(401);
  });
});

describe('the GitHub App', () => {
  it('authenticates Probot with its JWT, finds its installation and mints installation tokens', async () => {
    const probot = new Probot({ appId: sandbox.app.id, privateKey: sandbox.app.privateKey, baseUrl: sandbox.apiUrl, logLevel: 'fatal', Octokit: quietOctokit });
    const asApp = await probot.auth();
    const { data: self } = await asApp.rest.apps.getAuthenticated();
    expect(self?.slug).toBe('ghml');
    const { data: installation } = await asApp.rest.apps.getRepoInstallation({ ...repo });
    expect(installation.id).toBe(sandbox.app.installationId);
    const asInstallation = await probot.auth(installation.id);
    const { data: repository } = await asInstallation.rest.repos.get({ ...repo });
    expect(repository.permissions?.push).toBe(true);
    expect((await statusOf(asInstallation.rest.users.getAuthenticated())).status).toBe(403);
    expect((await statusOf(asApp.rest.apps.createInstallationAccessToken({ installation_id: 42 }))).status).toBe(404);
    const { data: narrow } = await asApp.rest.apps.createInstallationAccessToken({ installation_id: installation.id, permissions: { issues: 'write' } });
    expect((await statusOf(octokitWithToken(sandbox, narrow.token).rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'a'.repeat(40) }))).status).toBe(403);
  });

  it('refuses a JWT signed with another key', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const probot = new Probot({ appId: sandbox.app.id, privateKey: stranger, baseUrl: sandbox.apiUrl, logLevel: 'fatal', Octokit: quietOctokit });
    const refused = await statusOf((await probot.auth()).rest.apps.getAuthenticated());
    expect(refused.status).toBe(401);
  });

  it('works with a Probot built from a plain token', async () => {
    const probot = new Probot({ githubToken: sandbox.tokens.octocat, baseUrl: sandbox.apiUrl, logLevel: 'fatal', Octokit: quietOctokit });
    const octokit = await probot.auth();
    const { data } = await octokit.rest.users.getAuthenticated();
    expect(data.login).toBe('octocat');
  });
});
