import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '../../../src/registry/registry.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runRegister } from '../../../src/steps/register.js';
import { expectNoContractViolations } from '../../sandbox/helpers.js';
import { seedRegistry } from './seed.js';
import { callsDuring, githubPorts, registerOptions, registrationInputs } from './support.js';

/**
 * Cost does not grow with history: the registry computes paths instead of searching, so the
 * calls an operation makes are the same for a model with one version as for one with 10,000,
 * among 200 other models.
 */

let sandbox: Sandbox;
let work: string;
let ports: ReturnType<typeof githubPorts>;
let commit: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ghml-scale-'));
  sandbox = await startSandbox();
  commit = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
  const others = Array.from({ length: 200 }, (_, index) => ({ name: `model-${String(index).padStart(3, '0')}`, versions: 1, aliases: { production: 1 } }));
  await seedRegistry(sandbox.repo.gitDir, 'ghml/registry', commit, [{ name: 'big', versions: 10_000, aliases: { staging: 10_000, production: 9_999 } }, ...others]);
  ports = githubPorts(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

describe('a registry of 10,000 versions', () => {
  it('resolves model@production and shows a version in a fixed number of calls', async () => {
    const registry = new Registry(ports.store, 'ghml/registry');
    const big = await callsDuring(sandbox, () => registry.resolve({ model: 'big', kind: 'alias', alias: 'production' }));
    const small = await callsDuring(sandbox, () => registry.resolve({ model: 'model-007', kind: 'alias', alias: 'production' }));
    expect(big.result.record.version).toBe(9_999);
    expect(big.calls).toEqual({ 'git/get-ref': 1, 'repos/get-content': 2 });
    expect(small.calls).toEqual(big.calls);
    const shown = await callsDuring(sandbox, () => registry.resolve({ model: 'big', kind: 'version', version: 4_321 }));
    expect(shown.result.record.metrics.accuracy).toBeCloseTo(0.521);
    expect(shown.calls).toEqual({ 'git/get-ref': 1, 'repos/get-content': 1 });
    const latest = await callsDuring(sandbox, () => registry.resolve({ model: 'big', kind: 'latest' }));
    expect(latest.result.record.version).toBe(10_000);
    expect(latest.calls).toEqual({ 'git/get-ref': 1, 'repos/get-content': 2 });
  });

  it('registers a new version in the same number of calls as for a model with one version', async () => {
    const counts: Record<string, number>[] = [];
    for (const model of ['big', 'model-042']) {
      const inputs = await registrationInputs(path.join(work, model), commit, { model });
      const { result, calls, total } = await callsDuring(sandbox, () => runRegister({ ...registerOptions(inputs, path.join(work, 'scratch'), model) }, ports));
      expect(result.version).toBe(model === 'big' ? 10_001 : 2);
      expect(total).toBe(26);
      counts.push(calls);
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]).toEqual({
      'repos/get-content': 4, // the policy, model.json, the version record and run record to be written (both absent)
      'git/get-ref': 3, // the registry head twice (take a number, record the version) and the tag about to be made
      'git/get-commit': 2,
      'git/create-tree': 2,
      'git/create-commit': 2,
      'git/update-ref': 2,
      'repos/create-release': 1,
      'repos/upload-release-asset': 9,
      'repos/update-release': 1,
    });
  });
});
