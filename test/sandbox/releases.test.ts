import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { expectCoverage, expectNoContractViolations, octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
const repo = { owner: 'octo-org', repo: 'ml-repo' };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  expectCoverage(sandbox, 'releases.test.ts');
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

describe('releases', () => {
  it('creates a release and its tag at the target commit', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const main = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
    const { data: release, status } = await octokit.rest.repos.createRelease({ ...repo, tag_name: 'model/churn/v1', target_commitish: main, name: 'churn v1', body: 'AUC 0.91' });
    expect(status).toBe(201);
    expect(release.author.login).toBe('alice');
    expect(release.upload_url).toBe(`${sandbox.url}/api/uploads/repos/octo-org/ml-repo/releases/${release.id}/assets{?name,label}`);
    expect(await sandbox.repo.git(['rev-parse', 'refs/tags/model/churn/v1'])).toBe(`${main}\n`);
    const duplicate = await statusOf(octokit.rest.repos.createRelease({ ...repo, tag_name: 'model/churn/v1' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.data.errors).toEqual([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  });

  it('gets a release by id and by tag, and lists releases page by page', async () => {
    const octokit = octokitFor(sandbox, 'carol');
    const { data: byTag } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/churn/v1' });
    const { data: byId } = await octokit.rest.repos.getRelease({ ...repo, release_id: byTag.id });
    expect(byId.name).toBe('churn v1');
    const writer = octokitFor(sandbox, 'alice');
    for (const version of [2, 3, 4]) await writer.rest.repos.createRelease({ ...repo, tag_name: `model/churn/v${version}` });
    const firstPage = await octokit.rest.repos.listReleases({ ...repo, per_page: 2 });
    expect(firstPage.data.map((release) => release.tag_name)).toEqual(['model/churn/v4', 'model/churn/v3']);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.repos.listReleases, { ...repo, per_page: 2 });
    expect(all.map((release) => release.tag_name)).toEqual(['model/churn/v4', 'model/churn/v3', 'model/churn/v2', 'model/churn/v1']);
    expect((await statusOf(octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/none/v1' }))).status).toBe(404);
  });

  it('publishes a draft, creating its tag only then', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: draft } = await octokit.rest.repos.createRelease({ ...repo, tag_name: 'model/fraud/v1', draft: true });
    expect(draft.published_at).toBeNull();
    expect(await sandbox.repo.git(['tag', '--list', 'model/fraud/*'])).toBe('');
    expect((await statusOf(octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/fraud/v1' }))).status).toBe(404);
    const { data: published } = await octokit.rest.repos.updateRelease({ ...repo, release_id: draft.id, draft: false, body: 'ready' });
    expect(published.published_at).not.toBeNull();
    expect(await sandbox.repo.git(['tag', '--list', 'model/fraud/*'])).toBe('model/fraud/v1\n');
  });

  it('uploads assets through upload_url, downloads them as octet-stream, lists and deletes them', async () => {
    const octokit = octokitFor(sandbox, 'alice');
    const { data: release } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/churn/v1' });
    const model = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    const { data: asset, status } = await octokit.request({
      method: 'POST',
      url: release.upload_url,
      name: 'model.onnx',
      label: 'ONNX model',
      headers: { 'content-type': 'application/octet-stream' },
      data: model,
    });
    expect(status).toBe(201);
    expect(asset.size).toBe(model.length);
    expect(asset.digest).toBe(`sha256:${createHash('sha256').update(model).digest('hex')}`);
    await octokit.rest.repos.uploadReleaseAsset({
      ...repo, release_id: release.id, name: 'model card.md', data: '# churn' as unknown as string, baseUrl: `${sandbox.url}/api/uploads`,
      headers: { 'content-type': 'text/markdown' },
    });
    const { data: assets } = await octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.id });
    expect(assets.map((entry) => entry.name)).toEqual(['model.onnx', 'model.card.md']);
    const duplicate = await statusOf(octokit.request({ method: 'POST', url: release.upload_url, name: 'model.onnx', data: model, headers: { 'content-type': 'application/octet-stream' } }));
    expect(duplicate.status).toBe(422);

    const download = await octokit.rest.repos.getReleaseAsset({ ...repo, asset_id: asset.id, headers: { accept: 'application/octet-stream' } });
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(model);
    const { data: metadata } = await octokit.rest.repos.getReleaseAsset({ ...repo, asset_id: asset.id });
    expect(metadata.download_count).toBe(1);

    await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset.id });
    expect((await statusOf(octokit.rest.repos.getReleaseAsset({ ...repo, asset_id: asset.id }))).status).toBe(404);
  });

  it('deletes a release but keeps its tag, as GitHub does', async () => {
    const octokit = octokitFor(sandbox, 'octocat');
    const { data: release } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/churn/v4' });
    await octokit.rest.repos.deleteRelease({ ...repo, release_id: release.id });
    expect((await statusOf(octokit.rest.repos.getRelease({ ...repo, release_id: release.id }))).status).toBe(404);
    expect(await sandbox.repo.git(['tag', '--list', 'model/churn/v4'])).toBe('model/churn/v4\n');
  });

  it('refuses writes from people with read access', async () => {
    const refused = await statusOf(octokitFor(sandbox, 'carol').rest.repos.createRelease({ ...repo, tag_name: 'model/churn/v9' }));
    expect(refused.status).toBe(403);
  });
});
