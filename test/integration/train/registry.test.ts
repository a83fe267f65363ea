import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/contracts/run-record.js';
import { GitHubRegistryStore } from '../../../src/github/registry-store.js';
import { Registry } from '../../../src/registry/registry.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../../src/sandbox/step-runner.js';
import { scratchDirectory } from '../../helpers/temp.js';
import { expectNoContractViolations, octokitFor } from '../../sandbox/helpers.js';
import { pathWithoutGpu, readRecord, trainEntry } from './support.js';

const scratch = await scratchDirectory();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => expectNoContractViolations(sandbox));

describe('the train Action with the registry', () => {
  it('commits the run record to the registry branch as runs/<model>/<run-id>.json', async () => {
    const workspace = path.join(scratch.dir, 'project');
    await mkdir(workspace);
    const env = await sandboxEnvironment(sandbox);
    const result = await runStep({
      entry: trainEntry,
      workspace,
      inputs: { command: `node -e "require('fs').writeFileSync('model.bin', 'weights')"`, model: 'tiny', 'model-path': 'model.bin', 'record-to-registry': 'true', 'github-token': env.GITHUB_TOKEN, 'gpu-sample-seconds': '0.2' },
      env: { ...env, PATH: pathWithoutGpu() },
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const record = await readRecord(result.outputs['record-path']);
    expect(record.previousProductionVersion).toBeNull();
    const registry = new Registry(new GitHubRegistryStore(octokitFor(sandbox, 'octocat'), { owner: sandbox.repo.owner, repo: sandbox.repo.name }), 'ghml/registry');
    const committed = await (await registry.snapshot()).read(`runs/tiny/${record.id}.json`);
    // The registry's copy is the record at record-path, the workflow artifact holding the model included.
    expect(record.artifact).toEqual({ name: `ghml-run-tiny-${record.id}`, id: expect.any(Number) });
    expect(RunRecord.parse(JSON.parse(committed!))).toEqual(record);
    expect(result.stdout).toContain(`run record committed to the registry at octo-org/ml-repo ghml/registry:runs/tiny/${record.id}.json`);
  });
});
