import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { EvaluationReport } from '../../../src/contracts/evaluation-report.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { runStep, sandboxEnvironment } from '../../../src/sandbox/step-runner.js';
import { runRegister } from '../../../src/steps/register.js';
import { trainExampleModel } from '../../helpers/example-model.js';
import { repoRoot, seattleWeather } from '../../helpers/temp.js';
import { githubPorts, registerOptions, registrationInputs } from '../registry/support.js';
import { expectNoContractViolations } from '../../sandbox/helpers.js';

let sandbox: Sandbox;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ghml-evaluate-registry-'));
  const seed = path.join(work, 'seed');
  await mkdir(path.join(seed, '.github'), { recursive: true });
  // A registry branch of the team's own naming: every part of ghml finds it through the policy.
  await writeFile(path.join(seed, '.github/ghml.yml'), 'stages: [staging, production]\nregistry-branch: ml/models\n');
  sandbox = await startSandbox({ seed, directory: path.join(work, 'sandbox') });
  const commit = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
  const inputs = await registrationInputs(path.join(work, 'inputs'), commit);
  await runRegister(registerOptions(inputs, path.join(work, 'scratch')), githubPorts(sandbox));
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});
afterEach(() => expectNoContractViolations(sandbox));

async function evaluate(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['evaluate', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work, env: { GITHUB_TOKEN: sandbox.tokens.alice } }, commands);
  return { code, stdout, stderr };
}

describe('a model@version baseline from the registry', () => {
  it('downloads and verifies the champion\'s package, then compares on the same rows', async () => {
    const model = await trainExampleModel(path.join(work, 'challenger'));
    const reportOut = path.join(work, 'report.json');
    const result = await evaluate('--model', model, '--data', seattleWeather, '--label', 'weather', '--baseline', 'weather@v1', '--bootstrap', '50', '--report-out', reportOut, '--repo', 'octo-org/ml-repo', '--api-url', sandbox.apiUrl);
    expect(result.code, result.stderr).toBe(0);
    const report = EvaluationReport.parse(JSON.parse(await readFile(reportOut, 'utf8')));
    expect(report.baseline).not.toBeNull();
    // The champion is the same model, so every paired difference is exactly zero.
    expect(report.comparison.length).toBeGreaterThan(0);
    for (const row of report.comparison) if (row.difference !== null) expect(row.difference).toBe(0);
  });

  it('evaluates as a first model, saying so, while the stage holds no version or the model is not registered yet', async () => {
    const model = await trainExampleModel(path.join(work, 'challenger'));
    for (const [baseline, why] of [['weather@production', 'no version of weather holds production yet'], ['rainfall@production', 'rainfall is not in the registry yet']]) {
      const reportOut = path.join(work, `first-${baseline}.json`);
      const result = await evaluate('--model', model, '--data', seattleWeather, '--label', 'weather', '--baseline', baseline, '--bootstrap', '0', '--report-out', reportOut, '--repo', 'octo-org/ml-repo', '--api-url', sandbox.apiUrl);
      expect(result.code, result.stderr).toBe(0);
      const report = EvaluationReport.parse(JSON.parse(await readFile(reportOut, 'utf8')));
      expect(report.baseline).toBeNull();
      expect(report.notes).toContain(`No champion: ${why} (baseline ${baseline}), so this is evaluated as a first model.`);
    }
  });

  it('says what is wrong with an unknown version or a missing repository', async () => {
    const model = await trainExampleModel(path.join(work, 'challenger'));
    const unknown = await evaluate('--model', model, '--data', seattleWeather, '--label', 'weather', '--baseline', 'weather@v9', '--repo', 'octo-org/ml-repo', '--api-url', sandbox.apiUrl);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/weather has no version 9: its versions go up to v1/);
    const noRepo = await evaluate('--model', model, '--data', seattleWeather, '--label', 'weather', '--baseline', 'weather@production', '--local', sandbox.repo.gitDir);
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toMatch(/give --repo/);
  });
});

describe('the evaluate Action (bundled) with a registry baseline', () => {
  it('finds the registry on the branch the policy names when no registry-branch is given', async () => {
    const model = await trainExampleModel(path.join(work, 'challenger'));
    const env = await sandboxEnvironment(sandbox);
    const result = await runStep({
      entry: path.join(repoRoot, 'dist/evaluate.js'),
      workspace: work,
      inputs: { model, data: seattleWeather, label: 'weather', baseline: 'weather@v1', bootstrap: '0', 'github-token': env.GITHUB_TOKEN },
      env,
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const report = EvaluationReport.parse(JSON.parse(await readFile(result.outputs['report-path'], 'utf8')));
    expect(report.baseline).toMatchObject({ kind: 'model', source: 'weather@v1' });
    expect(await sandbox.repo.git(['branch', '--list', 'ml/models'])).toContain('ml/models');
  });
});
