import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../../src/sandbox/step-runner.js';
import { sha256OfFile } from '../../../src/io/digest.js';
import { scratchDirectory } from '../../helpers/temp.js';
import { expectNoContractViolations } from '../../sandbox/helpers.js';
import { pathWithoutGpu, readRecord, trainEntry } from './support.js';

const scratch = await scratchDirectory();
const savedEnv = { ...process.env };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  process.env = savedEnv;
  await sandbox.close();
});
afterEach(() => expectNoContractViolations(sandbox));

const writeModel = `node -e "fs.mkdirSync('model', { recursive: true }); fs.writeFileSync('model/tiny.bin', crypto.randomBytes(300000))"`;

describe('the train Action with the artifact service', () => {
  it('uploads the model and the run record as ghml-run-<model>-<run-id>, which the REST API lists and downloads', async () => {
    const workspace = path.join(scratch.dir, 'project');
    await mkdir(workspace);
    const run = await sandbox.startWorkflowRun();
    const env = await sandboxEnvironment(sandbox, undefined, run);
    const result = await runStep({
      entry: trainEntry,
      workspace,
      inputs: { command: writeModel, model: 'tiny', 'model-path': 'model/tiny.bin', 'gpu-sample-seconds': '0.2' },
      env: { ...env, PATH: pathWithoutGpu() },
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const record = await readRecord(result.outputs['record-path']);
    const name = `ghml-run-tiny-${record.id}`;
    expect(record.artifact).toEqual({ name, id: expect.any(Number) });
    expect(result.stdout).toContain(`uploaded artifact ${name} (id ${record.artifact!.id}, `);

    // A later job, or a person, fetches it the REST way: list the run's artifacts, follow the download redirect.
    Object.assign(process.env, { GITHUB_API_URL: env.GITHUB_API_URL, GITHUB_SERVER_URL: env.GITHUB_SERVER_URL });
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const findBy = { token: sandbox.tokens.carol, workflowRunId: run.id, repositoryOwner: sandbox.repo.owner, repositoryName: sandbox.repo.name };
    const { artifacts } = await client.listArtifacts({ findBy });
    expect(artifacts).toEqual([expect.objectContaining({ name, id: record.artifact!.id })]);
    const destination = path.join(scratch.dir, 'downloaded');
    const { digestMismatch } = await client.downloadArtifact(record.artifact!.id, { path: destination, findBy, expectedHash: artifacts[0].digest });
    expect(digestMismatch).toBe(false);

    expect((await readdir(destination)).sort()).toEqual([`${record.id}.json`, 'tiny.bin']);
    expect(await sha256OfFile(path.join(destination, 'tiny.bin'))).toBe(record.modelArtifact!.sha256);
    const uploadedRecord = await readRecord(path.join(destination, `${record.id}.json`));
    expect({ ...uploadedRecord, artifact: record.artifact }).toEqual(record);
  });
});
