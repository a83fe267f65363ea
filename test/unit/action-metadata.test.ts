import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateAction } from '@action-validator/core';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  actionDeclarations,
  actionMetadata,
  inputsTable,
  manifestDifferences,
  renderActionYaml,
  renderReadme,
  type ActionDeclaration,
} from '../../scripts/generate-action-metadata.js';
import { defineOutputs, readInputs, StepAnnotations, wholeNumberInput } from '../../src/actions/runtime.js';
import { fitStepSummary } from '../../src/report/markdown.js';
import { inputsSchema as validateDataInputs } from '../../src/actions/validate-data/runner.js';
import { repoRoot, scratchDirectory } from '../helpers/temp.js';

const regenerate = 'stale: run `npx tsx scripts/generate-action-metadata.ts` and commit';
const steps = Object.keys(actionDeclarations);
const read = (step: string, file: string) => readFile(path.join(repoRoot, 'actions', step, file), 'utf8');

/**
 * The errors GitHub's Action metadata schema (SchemaStore's, as @action-validator/core embeds it)
 * finds in an action.yml. That copy of the schema predates node24, so node24 is checked as node20
 * here; the `runs` test holds every Action to node24 exactly.
 */
function schemaErrors(text: string) {
  const document = parseDocument(text);
  if (document.getIn(['runs', 'using']) === 'node24') document.setIn(['runs', 'using'], 'node20');
  return validateAction(document.toString()).errors;
}

it('every folder under actions/ is an Action the code declares', async () => {
  const folders = (await readdir(path.join(repoRoot, 'actions'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  expect(folders.sort()).toEqual([...steps].sort());
});

describe.each(steps)('actions/%s', (step) => {
  const metadata = actionMetadata(actionDeclarations[step]);

  it('action.yml declares the inputs and outputs the code declares', async () => {
    const manifest = await read(step, 'action.yml');
    expect(manifestDifferences(manifest, metadata), `action.yml is ${regenerate}`).toEqual([]);
    expect(manifest, `action.yml is ${regenerate}`).toBe(renderActionYaml(manifest, metadata));
  });

  it("the README's input and output tables are the code's", async () => {
    const readme = await read(step, 'README.md');
    expect(readme, `README.md is ${regenerate}`).toBe(renderReadme(readme, metadata));
  });

  it('action.yml is valid GitHub Action metadata', async () => {
    expect(schemaErrors(await read(step, 'action.yml'))).toEqual([]);
  });

  it('runs the bundled step on node24', async () => {
    expect(parseYaml(await read(step, 'action.yml')).runs).toEqual({ using: 'node24', main: `../../dist/${step}.js` });
  });
});

describe('a manifest that no longer matches the code', () => {
  const metadata = actionMetadata(actionDeclarations['validate-data']);

  it('is missing an input', async () => {
    const manifest = await read('validate-data', 'action.yml');
    const broken = manifest.replace(/^ {2}contract:\n( {4}.*\n)+/m, '');
    expect(broken).not.toBe(manifest);
    expect(manifestDifferences(broken, metadata)).toEqual(['input "contract" is declared in the code but missing from action.yml']);
    expect(renderActionYaml(broken, metadata)).toBe(manifest);
  });

  it('has another default, another required flag and an output the code does not set', async () => {
    const manifest = await read('validate-data', 'action.yml');
    const broken = manifest
      .replace("default: '5'", "default: '10'")
      .replace(/( {2}contract:\n {4}description: .*\n {4}required:) true/, '$1 false')
      .replace('outputs:\n', 'outputs:\n  rows:\n    description: Rows read.\n');
    expect(manifestDifferences(broken, metadata)).toEqual([
      'input "contract": required is false in action.yml, true in the code',
      'input "max-examples": default is "10" in action.yml, "5" in the code',
      'output "rows" is in action.yml but not declared in the code',
    ]);
  });

  it('breaks the Action metadata schema', async () => {
    const manifest = await read('validate-data', 'action.yml');
    expect(schemaErrors(manifest.replace('using: node24', 'using: node99')).map((error) => 'path' in error && error.path)).toContain('/runs');
    expect(schemaErrors(manifest.replace('required: true', 'required: always')).map((error) => 'path' in error && error.path)).toContain('/inputs/data/required');
  });

  it('has a README table edited by hand, or none', async () => {
    const readme = await read('validate-data', 'README.md');
    const edited = readme.replace('| `data` | yes |', '| `data` | no |');
    expect(edited).not.toBe(readme);
    expect(renderReadme(edited, metadata)).toBe(readme);
    expect(() => renderReadme(readme.replace('<!-- /ghml:outputs -->', ''), metadata)).toThrow('<!-- ghml:outputs --> … <!-- /ghml:outputs --> markers');
  });
});

describe('metadata from the code', () => {
  const declaring = (shape: z.ZodRawShape): ActionDeclaration => ({ inputsSchema: z.object(shape), outputs: defineOutputs({}) });

  it('writes a default as the text a workflow gives, checked against what the schema applies', () => {
    const { inputs } = actionMetadata(
      declaring({
        limit: wholeNumberInput.default(5).describe('At most this many.'),
        token: z.string().optional().meta({ description: 'A token.', actionDefault: '${{ github.token }}' }),
        name: z.string().describe('A name.'),
      }),
    );
    expect(inputs).toEqual([
      { name: 'limit', description: 'At most this many.', required: false, default: '5' },
      { name: 'token', description: 'A token.', required: false, default: '${{ github.token }}' },
      { name: 'name', description: 'A name.', required: true },
    ]);
  });

  it('refuses a default no input text parses to, and an input without a description', () => {
    const seconds = z.string().regex(/^\d+s$/).transform((text) => Number.parseInt(text, 10) * 1000);
    expect(() => actionMetadata(declaring({ wait: seconds.default(60_000).describe('How long.') }))).toThrow(/input "wait".*actionDefault/);
    expect(() => actionMetadata(declaring({ wait: seconds.default(60_000).meta({ description: 'How long.', actionDefault: '30s' }) }))).toThrow(/input "wait"/);
    expect(actionMetadata(declaring({ wait: seconds.default(60_000).meta({ description: 'How long.', actionDefault: '60s' }) })).inputs[0].default).toBe('60s');
    expect(() => actionMetadata(declaring({ wait: seconds.optional() }))).toThrow('input "wait" has no description');
  });
});

it('writes table cells that keep their shape: | escaped, lines joined, placeholders shown', () => {
  expect(inputsTable([{ name: 'columns', required: false, default: 'a|b', description: 'One | two,\nper line, under <name>/.' }])).toBe(
    ['| input | required | default | description |', '|---|---|---|---|', '| `columns` | no | `a\\|b` | One \\| two, per line, under &lt;name>/. |'].join('\n'),
  );
});

describe('the runtime', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('reads inputs as before: an empty input is absent, so its default applies', () => {
    vi.stubEnv('INPUT_DATA', 'a.csv, b.csv');
    vi.stubEnv('INPUT_CONTRACT', 'contract.yml');
    vi.stubEnv('INPUT_MAX-EXAMPLES', '');
    vi.stubEnv('INPUT_FAIL-ON-INVALID', 'false');
    expect(readInputs(validateDataInputs)).toEqual({ data: ['a.csv', 'b.csv'], contract: 'contract.yml', 'max-examples': 5, 'fail-on-invalid': false });
  });

  it('puts the note on annotations left out after the summary\'s heading, where a cut to the size limit leaves it', () => {
    const annotations = new StepAnnotations({ annotate: () => {}, log: () => {}, markFailed: () => {} });
    const summary = `### ❌ 30 problems\n\n${'- a problem\n'.repeat(200_000)}`;
    expect(annotations.withSummaryNote(summary)).toBe(summary);
    for (let i = 0; i < 30; i++) annotations.warning(`problem ${i}`);
    const fitted = fitStepSummary(annotations.withSummaryNote(summary));
    expect(fitted.length).toBeLessThan(summary.length);
    expect(fitted.split('\n\n').slice(0, 2)).toEqual(['### ❌ 30 problems', `> [!NOTE]\n> 20 more problems: see the log above (GitHub shows at most 10 errors and 10 warnings per step as annotations).`]);
    expect(annotations.withSummaryNote('### ❌ 30 problems')).toBe('### ❌ 30 problems\n\n> [!NOTE]\n> 20 more problems: see the log above (GitHub shows at most 10 errors and 10 warnings per step as annotations).\n');
  });

  it('sets only declared outputs', async () => {
    const scratch = await scratchDirectory();
    const file = await scratch.file('output', '');
    vi.stubEnv('GITHUB_OUTPUT', file);
    const outputs = defineOutputs({ passed: '"true" when every check passed.' });
    outputs.set('passed', 'true');
    expect(await readFile(file, 'utf8')).toMatch(/^passed<<(\S+)\ntrue\n\1\n$/);
    expectTypeOf(outputs.set).parameter(0).toEqualTypeOf<'passed'>();
  });
});
