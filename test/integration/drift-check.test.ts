import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftReport } from '../../src/contracts/drift.js';
import { GitHubRegistryStore } from '../../src/github/registry-store.js';
import { Registry } from '../../src/registry/registry.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../src/sandbox/step-runner.js';
import { expectNoContractViolations, octokitFor } from '../sandbox/helpers.js';
import { ghml as runGhml } from '../helpers/cli.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../helpers/temp.js';

const scratch = await scratchDirectory();
const [header, ...days] = (await readFile(seattleWeather, 'utf8')).trimEnd().split('\n');
const y2012 = await scratch.file('2012.csv', `${header}\n${days.filter((d) => d.startsWith('2012')).join('\n')}\n`);
const y2015 = await scratch.file('2015.csv', `${header}\n${days.filter((d) => d.startsWith('2015')).join('\n')}\n`);

const ghml = (...args: string[]) => runGhml(scratch.dir, ...args);

describe('ghml drift-check', () => {
  it('exits 0 when the check ran, 1 with --fail-on-drift and drift, 2 on usage errors', async () => {
    const ran = await ghml('drift-check', '--reference', y2012, '--current', y2015, '--report-out', 'report.json');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Drift detected: \d of 5 columns drifted/);
    DriftReport.parse(JSON.parse(await readFile(path.join(scratch.dir, 'report.json'), 'utf8')));
    expect((await ghml('drift-check', '--reference', y2012, '--current', y2015, '--fail-on-drift')).code).toBe(1);
    expect((await ghml('drift-check', '--reference', y2012, '--current', y2012, '--fail-on-drift')).code).toBe(0);
    const usage = await ghml('drift-check', '--reference', y2012, '--current', y2015, '--method', 'kolmogorov');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--method "kolmogorov" is not one of auto, ks, chi2/);
    const noReference = await ghml('drift-check', '--current', y2015);
    expect(noReference).toMatchObject({ code: 2, stderr: expect.stringMatching(/--reference is required/) });
  });

  it('the Action sets outputs and writes a summary with charts for the drifted columns only', async () => {
    const result = await runStep({ entry: path.join(repoRoot, 'dist/drift-check.js'), workspace: scratch.dir, inputs: { reference: y2012, current: y2015 } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ drifted: 'true', 'enough-data': 'true' });
    expect(Number(result.outputs['drift-share'])).toBeGreaterThanOrEqual(0.5);
    const report = DriftReport.parse(JSON.parse(await readFile(result.outputs['report-path'], 'utf8')));
    const drifted = report.columns.filter((c) => c.drifted).map((c) => c.name);
    expect(result.summary).toContain('### ⚠️ Drift detected');
    for (const column of report.columns) {
      expect(result.summary.includes(`#### ${column.name}: reference (bars) vs current (line)`)).toBe(drifted.includes(column.name));
    }
    const failing = await runStep({ entry: path.join(repoRoot, 'dist/drift-check.js'), workspace: scratch.dir, inputs: { reference: y2012, current: y2015, 'fail-on-drift': 'true' } });
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toMatch(/::error::Drift detected/);
  });

  it('records the report on the registry branch under drift/<model>/<environment>/ when asked', async () => {
    const sandbox = await startSandbox();
    try {
      const env = await sandboxEnvironment(sandbox);
      const result = await runStep({
        entry: path.join(repoRoot, 'dist/drift-check.js'),
        workspace: scratch.dir,
        env,
        inputs: { reference: y2012, current: y2015, model: 'weather', environment: 'production', 'github-token': env.GITHUB_TOKEN },
      });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.outputs['registry-path']).toMatch(/^drift\/weather\/production\/\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{8}\.json$/);
      const octokit = octokitFor(sandbox, 'octocat');
      const registry = new Registry(new GitHubRegistryStore(octokit, { owner: sandbox.repo.owner, repo: sandbox.repo.name }), 'ghml/registry');
      const latest = await (await registry.snapshot()).read('drift/weather/production/latest.json');
      const recorded = DriftReport.parse(JSON.parse(latest!));
      expect(recorded).toEqual(DriftReport.parse(JSON.parse(await readFile(result.outputs['report-path'], 'utf8'))));
      const half = await runStep({ entry: path.join(repoRoot, 'dist/drift-check.js'), workspace: scratch.dir, env, inputs: { reference: y2012, current: y2015, model: 'weather' } });
      expect(half.stdout).toContain('::error::Configuration error in input "environment": inputs "model" and "environment" go together');
      // Refused before the data is read and compared: no report was made.
      expect(half.outputs['report-path']).toBeUndefined();
      const badName = await runStep({ entry: path.join(repoRoot, 'dist/drift-check.js'), workspace: scratch.dir, env, inputs: { reference: y2012, current: y2015, model: 'Weather Model', environment: 'production' } });
      expect(badName.stdout).toContain('::error::Configuration error in input "model": model name "Weather Model"');
      expect(badName.outputs['report-path']).toBeUndefined();
      expectNoContractViolations(sandbox);
    } finally {
      await sandbox.close();
    }
  });
});
