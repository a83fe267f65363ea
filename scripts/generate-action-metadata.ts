// Writes the inputs and outputs of each Action's action.yml, and the input and output tables of its
// README, from the code: the zod schema of its inputs and the outputs it declares. A test fails
// when the committed files differ from a fresh run.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml, parseDocument } from 'yaml';
import { z } from 'zod';
import * as deploy from '../src/actions/deploy/runner.js';
import * as driftCheck from '../src/actions/drift-check/runner.js';
import * as evaluate from '../src/actions/evaluate/runner.js';
import * as register from '../src/actions/register/runner.js';
import type { ActionOutputs } from '../src/actions/runtime.js';
import * as train from '../src/actions/train/runner.js';
import * as validateData from '../src/actions/validate-data/runner.js';
import { table } from '../src/report/markdown.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** What an Action's code declares: the schema its inputs are read with, and its outputs. */
export interface ActionDeclaration {
  inputsSchema: z.ZodObject;
  outputs: ActionOutputs<string>;
}

/** Every Action, by its folder under actions/. */
export const actionDeclarations: Record<string, ActionDeclaration> = {
  'validate-data': validateData,
  train,
  evaluate,
  register,
  deploy,
  'drift-check': driftCheck,
};

export interface InputMetadata {
  name: string;
  description: string;
  required: boolean;
  /** The text action.yml gives GitHub when the workflow leaves the input out. */
  default?: string;
}

export interface OutputMetadata {
  name: string;
  description: string;
}

export interface ActionMetadata {
  inputs: InputMetadata[];
  outputs: OutputMetadata[];
}

/**
 * The text an input's default is written as: the schema's default when it is a string, number or
 * boolean, else its `actionDefault`. The text must parse to the default the code applies, or
 * action.yml would document one value while the Action uses another.
 */
function defaultText(name: string, schema: z.ZodType, applied: unknown, actionDefault: string | undefined): string | undefined {
  // Without a default in the schema, only a workflow expression such as ${{ github.token }} applies.
  if (applied === undefined) return actionDefault;
  const text = actionDefault ?? (['string', 'number', 'boolean'].includes(typeof applied) ? String(applied) : undefined);
  const reparsed = text === undefined ? undefined : schema.safeParse(text);
  if (!reparsed?.success || !isDeepStrictEqual(reparsed.data, applied)) {
    throw new Error(`input "${name}": its default ${JSON.stringify(applied)} is not what ${text === undefined ? 'any text' : `"${text}"`} parses to; give the text a workflow would write with .meta({ actionDefault: '…' })`);
  }
  return text;
}

function inputMetadata(name: string, schema: z.ZodType): InputMetadata {
  const meta = z.globalRegistry.get(schema);
  if (!meta?.description) throw new Error(`input "${name}" has no description: end its schema with .describe('…')`);
  const absent = schema.safeParse(undefined);
  const writtenDefault = defaultText(name, schema, absent.success ? absent.data : undefined, meta.actionDefault);
  return {
    name,
    description: meta.description,
    // An input the schema accepts absent has a default or is optional; GitHub need not insist on it.
    required: !absent.success,
    ...(writtenDefault === undefined ? {} : { default: writtenDefault }),
  };
}

export function actionMetadata(declaration: ActionDeclaration): ActionMetadata {
  return {
    inputs: Object.entries(declaration.inputsSchema.shape).map(([name, schema]) => inputMetadata(name, schema as z.ZodType)),
    outputs: Object.entries(declaration.outputs.descriptions).map(([name, description]) => ({ name, description })),
  };
}

/** The `inputs:` and `outputs:` sections of action.yml, as GitHub reads them. */
export function manifestSections(metadata: ActionMetadata) {
  return {
    inputs: Object.fromEntries(
      metadata.inputs.map((input) => [
        input.name,
        { description: input.description, required: input.required, ...(input.default === undefined ? {} : { default: input.default }) },
      ]),
    ),
    outputs: Object.fromEntries(metadata.outputs.map((output) => [output.name, { description: output.description }])),
  };
}

/** action.yml with its inputs and outputs replaced by the code's; everything else stays as written. */
export function renderActionYaml(text: string, metadata: ActionMetadata): string {
  const document = parseDocument(text);
  const sections = manifestSections(metadata);
  document.set('inputs', sections.inputs);
  document.set('outputs', sections.outputs);
  return document.toString({ lineWidth: 0, singleQuote: true });
}

/** How an action.yml's inputs and outputs differ from the code's, one line each; none when they agree. */
export function manifestDifferences(text: string, metadata: ActionMetadata): string[] {
  const manifest = (parseYaml(text) ?? {}) as Partial<Record<'inputs' | 'outputs', Record<string, Record<string, unknown>> | null>>;
  const expected = manifestSections(metadata);
  const differences: string[] = [];
  for (const section of ['inputs', 'outputs'] as const) {
    const kind = section.slice(0, -1);
    const written = manifest[section] ?? {};
    const declared: Record<string, Record<string, unknown>> = expected[section];
    for (const name of Object.keys(declared)) {
      if (!(name in written)) differences.push(`${kind} "${name}" is declared in the code but missing from action.yml`);
    }
    for (const name of Object.keys(written)) {
      if (!(name in declared)) {
        differences.push(`${kind} "${name}" is in action.yml but not declared in the code`);
        continue;
      }
      for (const field of new Set([...Object.keys(declared[name]), ...Object.keys(written[name] ?? {})])) {
        const [inFile, inCode] = [written[name]?.[field], declared[name][field]];
        if (!isDeepStrictEqual(inFile, inCode)) differences.push(`${kind} "${name}": ${field} is ${JSON.stringify(inFile)} in action.yml, ${JSON.stringify(inCode)} in the code`);
      }
    }
  }
  return differences;
}

const code = (text: string) => `\`${text}\``;
// Descriptions are plain text: a placeholder such as <model> would otherwise be read as an HTML tag and dropped.
const plain = (text: string) => text.replaceAll('<', '&lt;');

export function inputsTable(inputs: InputMetadata[]): string {
  return table(
    ['input', 'required', 'default', 'description'],
    inputs.map((input) => [code(input.name), input.required ? 'yes' : 'no', input.default === undefined ? '' : code(input.default), plain(input.description)]),
  );
}

export function outputsTable(outputs: OutputMetadata[]): string {
  return table(['output', 'description'], outputs.map((output) => [code(output.name), plain(output.description)]));
}

/** Replaces what lies between `<!-- ghml:<name> -->` and `<!-- /ghml:<name> -->`. */
function replaceBetweenMarkers(text: string, name: string, content: string): string {
  const start = `<!-- ghml:${name} -->`;
  const end = `<!-- /ghml:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`the README has no ${start} … ${end} markers: put them where the ${name} table goes`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** The README with its input and output tables replaced by the code's. */
export function renderReadme(text: string, metadata: ActionMetadata): string {
  return replaceBetweenMarkers(replaceBetweenMarkers(text, 'inputs', inputsTable(metadata.inputs)), 'outputs', outputsTable(metadata.outputs));
}

/** Rewrites every Action's action.yml and README from the code; returns the files that changed. */
export async function generateActionMetadata(repositoryRoot = root): Promise<string[]> {
  const changed: string[] = [];
  for (const [step, declaration] of Object.entries(actionDeclarations)) {
    const metadata = actionMetadata(declaration);
    for (const [file, render] of [
      ['action.yml', renderActionYaml],
      ['README.md', renderReadme],
    ] as const) {
      const location = path.join(repositoryRoot, 'actions', step, file);
      const current = await readFile(location, 'utf8');
      const fresh = render(current, metadata);
      if (fresh === current) continue;
      await writeFile(location, fresh);
      changed.push(path.relative(repositoryRoot, location));
    }
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of await generateActionMetadata()) console.log(`wrote ${file}`);
}
