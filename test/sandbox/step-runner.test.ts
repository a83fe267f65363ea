import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../src/sandbox/step-runner.js';
import { expectNoContractViolations, octokitFor } from './helpers.js';

let sandbox: Sandbox;
/** Workspaces and the runner's own directories, removed after the tests. */
const leftovers: string[] = [];
const action = fileURLToPath(new URL('./fixtures/open-issue-action.mjs', import.meta.url));

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await Promise.all(leftovers.map((directory) => rm(directory, { recursive: true, force: true })));
});
afterEach(() => expectNoContractViolations(sandbox));

async function run(inputs: Record<string, string>, token: string) {
  const workspace = await mkdtemp(path.join(tmpdir(), 'ghml-workspace-'));
  const result = await runStep({ entry: action, workspace, inputs, env: await sandboxEnvironment(sandbox, token) });
  leftovers.push(workspace, path.dirname(result.runnerTemp));
  return result;
}

describe('a step against the sandbox', () => {
  it('runs an Action with @actions/github pointed at the sandbox by GITHUB_API_URL', async () => {
    const token = sandbox.tokens['github-actions[bot]'];
    const result = await run({ 'github-token': token, title: 'Opened from a step' }, token);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.annotations).toEqual([{ level: 'notice', message: 'Opened issue #1 as github-actions[bot]', properties: {} }]);
    expect(result.summary).toContain('#1 on octo-org/ml-repo');
    const { data: issue } = await octokitFor(sandbox, 'carol').rest.issues.get({ owner: 'octo-org', repo: 'ml-repo', issue_number: Number(result.outputs['issue-number']) });
    expect([issue.title, issue.user?.login]).toEqual(['Opened from a step', 'github-actions[bot]']);
  });

  it('fails the step when the sandbox refuses the token', async () => {
    const result = await run({ 'github-token': sandbox.tokens.mallory, title: 'Not allowed' }, sandbox.tokens.mallory);
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toEqual([expect.objectContaining({ level: 'error' })]);
  });
});
