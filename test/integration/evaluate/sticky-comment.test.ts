import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../../src/sandbox/step-runner.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../../helpers/temp.js';
import { expectNoContractViolations, octokitFor } from '../../sandbox/helpers.js';

const scratch = await scratchDirectory();
const model = await trainExampleModel(scratch.dir);
const sandbox = await startSandbox();
afterAll(() => sandbox.close());
afterEach(() => expectNoContractViolations(sandbox));
const repo = { owner: sandbox.repo.owner, repo: sandbox.repo.name };

describe('the evaluate Action on a pull request', () => {
  it('keeps one sticky comment per model, updated by each run rather than added to', async () => {
    const alice = octokitFor(sandbox, 'alice');
    const main = (await alice.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    await alice.rest.git.createRef({ ...repo, ref: 'refs/heads/retrain', sha: main });
    await alice.rest.repos.createOrUpdateFileContents({ ...repo, branch: 'retrain', path: 'params.yml', message: 'Retrain', content: Buffer.from('epochs: 300\n').toString('base64') });
    const { data: pull } = await alice.rest.pulls.create({ ...repo, head: 'retrain', base: 'main', title: 'Retrain the weather model' });
    await alice.rest.issues.createComment({ ...repo, issue_number: pull.number, body: 'Looks good to me.' });
    const { data: repository } = await alice.rest.repos.get(repo);
    const event = { action: 'synchronize', number: pull.number, pull_request: pull, repository, sender: pull.user };
    const env = { ...(await sandboxEnvironment(sandbox)), GITHUB_REF: `refs/pull/${pull.number}/merge` };
    const run = (thresholds: string) =>
      runStep({
        entry: path.join(repoRoot, 'dist/evaluate.js'),
        workspace: scratch.dir,
        inputs: { model, data: seattleWeather, label: 'weather', bootstrap: '0', thresholds, 'model-name': 'weather' },
        env,
        event,
        eventName: 'pull_request',
      });

    const first = await run(await scratch.file('pass.yml', 'metrics:\n  accuracy: { min: 0.7 }\n'));
    expect(first.exitCode).toBe(0);
    const marked = async () => (await alice.paginate(alice.rest.issues.listComments, { ...repo, issue_number: pull.number })).filter((c) => c.body?.includes('<!-- ghml:evaluate:weather -->'));
    const [comment] = await marked();
    expect(comment.user?.login).toBe('github-actions[bot]');
    expect(comment.body).toContain('### ✅ weather passed the gate without a baseline');

    const second = await run(await scratch.file('fail.yml', 'metrics:\n  accuracy: { min: 0.9 }\n'));
    expect(second.exitCode).toBe(1);
    const comments = await marked();
    expect(comments).toHaveLength(1);
    expect(comments[0].id).toBe(comment.id);
    expect(comments[0].body).toContain('### ❌ weather failed the gate without a baseline: accuracy');
    const all = await alice.paginate(alice.rest.issues.listComments, { ...repo, issue_number: pull.number });
    expect(all.map((c) => c.user?.login)).toEqual(['alice', 'github-actions[bot]']);
  });
});
