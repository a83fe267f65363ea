import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DefaultArtifactClient } from '@actions/artifact';
import { BlockBlobClient } from '@azure/storage-blob';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type WorkflowRun } from '../../src/sandbox/index.js';
import { sandboxEnvironment } from '../../src/sandbox/step-runner.js';
import { expectCoverage, expectNoContractViolations, octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
let run: WorkflowRun;
let client: DefaultArtifactClient;
let scratch: string;
const repo = { owner: 'octo-org', repo: 'ml-repo' };
const savedEnv = { ...process.env };

beforeAll(async () => {
  sandbox = await startSandbox();
  run = await sandbox.startWorkflowRun();
  scratch = await mkdtemp(path.join(tmpdir(), 'ghml-artifacts-'));
  // The library reads the job's variables from the environment, as in a step.
  Object.assign(process.env, await sandboxEnvironment(sandbox, undefined, run), { GITHUB_WORKSPACE: scratch });
  // @actions/github fixes its API base URL when first imported, so the client comes after the variables.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  client = new DefaultArtifactClient();
});
afterAll(async () => {
  process.env = savedEnv;
  expectCoverage(sandbox, 'artifacts.test.ts');
  await sandbox.close();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

/** A directory of files to upload: relative path → content. */
async function directoryOf(name: string, files: Record<string, Buffer | string>): Promise<{ root: string; paths: string[] }> {
  const root = path.join(scratch, name);
  const paths = [];
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    paths.push(file);
  }
  return { root, paths };
}

async function expectSameFiles(files: Record<string, Buffer | string>, directory: string): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    expect((await readFile(path.join(directory, relative))).equals(Buffer.from(content)), relative).toBe(true);
  }
}

/** One Twirp call the way the library makes it: JSON over POST with the runtime token. */
async function twirp(method: string, body: object, token = run.runtimeToken): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(`/twirp/github.actions.results.api.v1.ArtifactService/${method}`, sandbox.resultsUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const ids = () => ({ workflow_run_backend_id: run.backendId, workflow_job_run_backend_id: run.jobBackendId });
const blockId = (label: string) => Buffer.from(label.padEnd(8, '-')).toString('base64');

describe('the artifact service, through @actions/artifact', () => {
  it('uploads a directory in blocks, lists, downloads and deletes it', async () => {
    const files = { 'metrics.json': '{"f1":0.91}\n', 'model/weights.bin': randomBytes(9 * 1024 * 1024), 'model/card.md': '# churn\n' };
    const { root, paths } = await directoryOf('upload', files);
    const uploaded = await client.uploadArtifact('model-files', paths, root);
    // 8 MiB blocks: the model needs two, and one Put Block List commits them.
    expect(sandbox.callLog.get('BlobService/PutBlock')).toBe(2);
    expect(sandbox.callLog.get('BlobService/PutBlockList')).toBe(1);

    const { artifacts } = await client.listArtifacts();
    expect(artifacts).toEqual([{ name: 'model-files', id: uploaded.id, size: uploaded.size, createdAt: expect.any(Date), digest: `sha256:${uploaded.digest}` }]);

    const destination = path.join(scratch, 'download');
    const downloaded = await client.downloadArtifact(uploaded.id!, { path: destination, expectedHash: `sha256:${uploaded.digest}` });
    expect(downloaded.digestMismatch).toBe(false);
    await expectSameFiles(files, destination);

    expect(await client.deleteArtifact('model-files')).toEqual({ id: uploaded.id });
    expect((await client.listArtifacts()).artifacts).toEqual([]);
    await expect(client.getArtifact('model-files')).rejects.toThrow(/not found/i);
  });

  it('lists the artifacts of a workflow run and redirects their download to signed storage, through the REST API', async () => {
    const files = { 'run.json': '{"id":"r1"}\n', 'model.onnx': randomBytes(4096) };
    const { root, paths } = await directoryOf('rest', files);
    const uploaded = await client.uploadArtifact('ghml-run-churn-r1', paths, root);
    const findBy = { token: sandbox.tokens['github-actions[bot]'], workflowRunId: run.id, repositoryOwner: repo.owner, repositoryName: repo.repo };

    const { artifacts } = await client.listArtifacts({ findBy });
    expect(artifacts).toEqual([expect.objectContaining({ name: 'ghml-run-churn-r1', id: uploaded.id, size: uploaded.size, digest: `sha256:${uploaded.digest}` })]);
    const destination = path.join(scratch, 'rest-download');
    expect(await client.downloadArtifact(uploaded.id!, { path: destination, findBy, expectedHash: `sha256:${uploaded.digest}` })).toEqual({ downloadPath: destination, digestMismatch: false });
    await expectSameFiles(files, destination);

    const reader = octokitFor(sandbox, 'carol');
    const { data: listed } = await reader.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: run.id, name: 'ghml-run-churn-r1' });
    expect(listed.total_count).toBe(1);
    expect(listed.artifacts[0]).toMatchObject({ expired: false, workflow_run: { id: run.id, head_branch: 'main', head_sha: run.headSha } });
    const redirect = await reader.rest.actions.downloadArtifact({ ...repo, artifact_id: uploaded.id!, archive_format: 'zip', request: { redirect: 'manual' } });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.location!);
    // GitHub's download URL "expires after 1 minute".
    expect(Date.parse(location.searchParams.get('se')!) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(location.searchParams.get('sp')).toBe('r');
    expect((await statusOf(reader.rest.actions.downloadArtifact({ ...repo, artifact_id: uploaded.id!, archive_format: 'tar.gz' }))).status).toBe(404);
    expect((await statusOf(octokitFor(sandbox, 'mallory').rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: run.id }))).status).toBe(404);
  });

  it('refuses a runtime token the sandbox did not sign', async () => {
    const other = await sandbox.startWorkflowRun();
    const created = sandbox.callLog.get('ArtifactService/CreateArtifact');
    const [header, , signature] = run.runtimeToken.split('.');
    // Another job's claims under this job's signature: the library reads the claims, the service checks the signature.
    process.env.ACTIONS_RUNTIME_TOKEN = [header, other.runtimeToken.split('.')[1], signature].join('.');
    try {
      const { root, paths } = await directoryOf('forged', { 'a.txt': 'a' });
      await expect(client.uploadArtifact('forged', paths, root)).rejects.toThrow(/\(401\) Unauthorized: the runtime token is not valid/);
    } finally {
      process.env.ACTIONS_RUNTIME_TOKEN = run.runtimeToken;
    }
    expect(sandbox.callLog.get('ArtifactService/CreateArtifact')).toBe(created! + 1);
    expect((await client.listArtifacts()).artifacts.map((artifact) => artifact.name)).not.toContain('forged');
  });

  it('retries a block the storage answered 503, and fails the upload cleanly on a 502', async () => {
    const { root, paths } = await directoryOf('flaky', { 'a.txt': 'retried' });
    sandbox.faults.inject({ route: 'BlobService/PutBlock', status: 503 });
    const retried = await client.uploadArtifact('retried', paths, root);
    expect(sandbox.faults.remaining).toBe(0);
    expect(retried.id).toEqual(expect.any(Number));

    // Azure's client retries 500 and 503 only.
    sandbox.faults.inject({ route: 'BlobService/PutBlock', status: 502 });
    await expect(client.uploadArtifact('refused', paths, root)).rejects.toThrow(/server is currently unable to receive requests/);
    expect((await client.listArtifacts()).artifacts.map((artifact) => artifact.name)).not.toContain('refused');
    // The unfinished upload does not hold the name.
    expect((await client.uploadArtifact('refused', paths, root)).id).toEqual(expect.any(Number));
  });
});

describe('the artifact service, spoken to directly', () => {
  it('answers Azure\'s storage client as Azure does, and checks size and hash on finalize', async () => {
    const created = await twirp('CreateArtifact', { ...ids(), name: 'by-hand', version: 7, mime_type: 'application/zip' });
    expect(created).toEqual({ status: 200, body: { ok: true, signed_upload_url: expect.stringContaining(`${sandbox.url}/_storage/actions-results/`) } });
    const blob = new BlockBlobClient(created.body.signed_upload_url);

    const putBlob = await blob.upload('replaced later', 14, { blobHTTPHeaders: { blobContentType: 'text/plain' } });
    expect(putBlob._response.status).toBe(201);
    expect(putBlob.etag).toMatch(/^"0x[0-9A-F]+"$/);
    expect(putBlob.requestId).toEqual(expect.any(String));

    const first = Buffer.from('first block, ');
    const second = Buffer.from('second block, ');
    const third = Buffer.from('third block');
    await blob.stageBlock(blockId('a'), first, first.length);
    await blob.stageBlock(blockId('b'), second, second.length);
    expect((await blob.commitBlockList([blockId('a'), blockId('b')]))._response.status).toBe(201);
    await blob.stageBlock(blockId('c'), third, third.length);
    // "Latest" takes a block that is no longer staged from the committed list.
    await blob.commitBlockList([blockId('b'), blockId('c')], { blobHTTPHeaders: { blobContentType: 'application/zip' } });
    const content = Buffer.concat([second, third]);

    const forged = new URL(created.body.signed_upload_url);
    forged.searchParams.set('se', new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    await expect(new BlockBlobClient(forged.href).stageBlock(blockId('d'), third, third.length)).rejects.toMatchObject({ statusCode: 403, code: 'AuthenticationFailed' });
    await expect(blob.stageBlock('not base64!', third, third.length)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidQueryParameterValue' });
    expect(sandbox.contractViolations.splice(0)).toEqual([expect.objectContaining({ kind: 'request', subject: 'BlobService/PutBlock' })]);

    const sha256 = createHash('sha256').update(content).digest('hex');
    const finalize = (size: number, hash: string) => twirp('FinalizeArtifact', { ...ids(), name: 'by-hand', size: String(size), hash });
    expect(await finalize(content.length + 1, `sha256:${sha256}`)).toMatchObject({ status: 400, body: { code: 'invalid_argument' } });
    expect(await finalize(content.length, `sha256:${'0'.repeat(64)}`)).toMatchObject({ status: 400, body: { code: 'invalid_argument', msg: expect.stringContaining(sha256) } });
    const finalized = await finalize(content.length, `sha256:${sha256}`);
    expect(finalized).toEqual({ status: 200, body: { ok: true, artifact_id: expect.stringMatching(/^\d+$/) } });

    const signed = await twirp('GetSignedArtifactURL', { ...ids(), name: 'by-hand' });
    const download = await fetch(signed.body.signed_url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="by-hand.zip"');
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    // A read URL does not write.
    await expect(new BlockBlobClient(signed.body.signed_url).upload('x', 1)).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationPermissionMismatch' });

    const otherJob = await sandbox.startWorkflowRun();
    expect(await twirp('ListArtifacts', ids(), otherJob.runtimeToken)).toMatchObject({ status: 403, body: { code: 'permission_denied' } });
    expect(await twirp('CreateArtifact', { ...ids(), name: 'by-hand', version: 7 })).toMatchObject({ status: 409, body: { code: 'already_exists' } });
  });
});
