// Writes the reference part of docs/policy.md — every key of .github/ghml.yml with its type,
// default, description and an example — from the zod schema the app and the CLI enforce, between
// the markers below. The prose around the markers is written by hand and left alone.
// test/unit/docs.test.ts fails when the committed page differs from a fresh run.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { parseDocumentText } from '../src/contracts/load.js';
import { Policy, POLICY_PATH } from '../src/contracts/policy.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const POLICY_PAGE = path.join(root, 'docs', 'policy.md');
export const REFERENCE_START = '<!-- ghml:policy-reference -->';
export const REFERENCE_END = '<!-- /ghml:policy-reference -->';
export const REGENERATE = 'npx tsx scripts/generate-policy-reference.ts';

/**
 * A policy that sets every key. It is parsed with the policy schema each time the reference is
 * generated, so an example that no longer validates stops the generator instead of misleading
 * readers; each key's example is cut from it.
 */
export const EXAMPLE_POLICY = `registry-branch: ghml/registry
stages: [staging, production]
enforce-stage-order: true
risk-tiers:
  default: { approvals: 1 }
  high: { approvals: 2, approvers: ["@acme/ml-leads"], also-required: ["@acme/risk"] }
models:
  churn: { risk: high, owners: ["@acme/churn-team"] }
gates:
  production:
    evaluation: required
    data-validation: required
    open-drift-issues: block
drift:
  schedule-issue-after: 2
  close-issue-after: 3
  retrain-workflow: train.yml
deployments:
  staging: { strategy: blue-green }
  production: { strategy: canary }
`;

/** The part of JSON Schema that z.toJSONSchema produces for the policy. */
interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
}

/** One key of the reference: its path in the file, as written (`gates.<stage>.evaluation`), and where the example has it. */
interface Entry {
  key: string;
  examplePath: string[];
  schema: JsonSchema;
  required: boolean;
}

const isMap = (schema: JsonSchema): schema is JsonSchema & { additionalProperties: JsonSchema } =>
  schema.type === 'object' && typeof schema.additionalProperties === 'object';

const code = (text: string) => `\`${text}\``;

/** Every key in the order the schema declares them, a map's values under a `<placeholder>` named by its keys' title. */
function collect(schema: JsonSchema, example: unknown, prefix: string, examplePath: string[]): Entry[] {
  const entries: Entry[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const key = `${prefix}${name}`;
    const at = [...examplePath, name];
    entries.push({ key, examplePath: at, schema: property, required: schema.required?.includes(name) ?? false });
    if (property.properties) entries.push(...collect(property, example, `${key}.`, at));
    if (isMap(property)) {
      const placeholder = `<${property.propertyNames?.title ?? 'name'}>`;
      // The entry that sets the most keys shows them all best.
      const entriesOf = Object.entries(valueAt(example, at) ?? {});
      const sample = entriesOf.reduce<[string, unknown] | undefined>((best, entry) => (best === undefined || size(entry[1]) > size(best[1]) ? entry : best), undefined)?.[0];
      if (sample === undefined) throw new Error(`the example policy has no entry under ${key}: add one, so the reference can show it`);
      const value = property.additionalProperties;
      const valueKey = `${key}.${placeholder}`;
      if (value.description) entries.push({ key: valueKey, examplePath: [...at, sample], schema: value, required: false });
      if (value.properties) entries.push(...collect(value, example, `${valueKey}.`, [...at, sample]));
    }
  }
  return entries;
}

const size = (value: unknown): number => (value !== null && typeof value === 'object' ? Object.keys(value).length : 0);

function valueAt(value: unknown, at: string[]): Record<string, unknown> | undefined {
  let node: unknown = value;
  for (const name of at) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  return node as Record<string, unknown> | undefined;
}

function bounds(schema: JsonSchema): string {
  if (schema.exclusiveMinimum !== undefined) return ` ≥ ${schema.exclusiveMinimum + 1}`;
  if (schema.minimum !== undefined) return ` ≥ ${schema.minimum}`;
  return '';
}

/** The type in words: what a person writes there. */
function typeOf(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((value) => code(String(value))).join(', ')}`;
  switch (schema.type) {
    case 'boolean':
      return '`true` or `false`';
    case 'integer':
      return `whole number${bounds(schema)}`;
    case 'number':
      return `number${bounds(schema)}`;
    case 'string':
      return schema.minLength ? 'non-empty string' : 'string';
    case 'array': {
      const items = schema.items ? typeOf(schema.items) : 'anything';
      return `list of ${items.replace(/^string$/, 'strings').replace(/^non-empty string$/, 'non-empty strings')}${schema.minItems ? `, at least ${schema.minItems}` : ''}`;
    }
    case 'object':
      if (isMap(schema)) return `map from ${schema.propertyNames?.title ?? 'name'} to ${schema.additionalProperties.properties ? 'an object (keys below)' : typeOf(schema.additionalProperties)}`;
      return 'object (keys below)';
    default:
      throw new Error(`the policy schema has a type the reference cannot describe: ${JSON.stringify(schema)}`);
  }
}

/** The constraints a value must meet beyond its type: patterns, of the value, its items or its keys. */
function formats(schema: JsonSchema): string[] {
  const lines: string[] = [];
  const describe = (what: string, part: JsonSchema) => {
    if (!part.pattern && !part.description) return;
    const pattern = part.pattern ? `Pattern: ${code(part.pattern)}` : '';
    lines.push(`- **${what}:** ${[part.description, pattern].filter(Boolean).join(' ')}`);
  };
  if (schema.type === 'string' && schema.pattern) describe('Format', { pattern: schema.pattern });
  if (schema.type === 'array' && schema.items) describe('Each item', schema.items);
  if (isMap(schema) && schema.propertyNames) describe(`Each key (${code(`<${schema.propertyNames.title ?? 'name'}>`)})`, schema.propertyNames);
  return lines;
}

function inlineYaml(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
}

/** The example's value at the entry, nested under its parents as the file holds it. */
function exampleOf(entry: Entry, example: unknown): string | undefined {
  const value = valueAt({ root: example }, ['root', ...entry.examplePath]);
  if (value === undefined) return undefined;
  let nested: unknown = value;
  for (const name of [...entry.examplePath].reverse()) nested = { [name]: nested };
  return stringify(nested, { lineWidth: 0 }).trimEnd();
}

function renderEntry(entry: Entry, example: unknown): string {
  const { schema } = entry;
  const lines = [`### ${code(entry.key)}`, ''];
  if (schema.description) lines.push(schema.description, '');
  lines.push(`- **Type:** ${typeOf(schema)}`);
  if (entry.required) lines.push('- **Required:** yes');
  else if (schema.default !== undefined) lines.push(`- **Default:** ${code(inlineYaml(schema.default))}`);
  else if (!entry.key.endsWith(">")) lines.push('- **Default:** unset');
  lines.push(...formats(schema));
  const shown = exampleOf(entry, example);
  if (shown === undefined) throw new Error(`the example policy does not set ${entry.key}: add it, so the reference can show it`);
  lines.push('', '```yaml', shown, '```');
  return lines.join('\n');
}

/** The generated reference: the markdown between the markers, markers excluded. */
export function renderPolicyReference(): string {
  // Checked with the schema and the error messages users get; throws when the example is wrong.
  parseDocumentText(EXAMPLE_POLICY, `EXAMPLE_POLICY in ${path.relative(root, fileURLToPath(import.meta.url))}`, Policy, 'the example policy', 'policy');
  const example: unknown = parse(EXAMPLE_POLICY);
  const schema = z.toJSONSchema(Policy, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }) as JsonSchema;
  const entries = collect(schema, example, '', []);
  return [
    '',
    `<!-- Generated from src/contracts/policy.ts by scripts/generate-policy-reference.ts; edit those, then run \`${REGENERATE}\`. -->`,
    '',
    `Every key is optional: a repository without ${code(POLICY_PATH)} gets each key's default. The JSON`,
    'Schema of the file is [`schemas/policy.json`](../schemas/policy.json); editors that read JSON',
    'Schemas can check the file as it is written.',
    '',
    '## Keys',
    '',
    ...entries.flatMap((entry) => [renderEntry(entry, example), '']),
    '## A complete example',
    '',
    '```yaml',
    EXAMPLE_POLICY.trimEnd(),
    '```',
    '',
  ].join('\n');
}

/** The page with its reference part replaced; throws when the markers are missing or out of order. */
export function spliceReference(page: string, reference: string): string {
  const start = page.indexOf(REFERENCE_START);
  const end = page.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`${path.relative(root, POLICY_PAGE)} must hold ${REFERENCE_START} and, after it, ${REFERENCE_END}`);
  return `${page.slice(0, start + REFERENCE_START.length)}\n${reference}${page.slice(end)}`;
}

/** The reference part of a page, as spliceReference wrote it. */
export function referenceOf(page: string): string | undefined {
  const start = page.indexOf(REFERENCE_START);
  const end = page.indexOf(REFERENCE_END);
  if (start < 0 || end < start) return undefined;
  return page.slice(start + REFERENCE_START.length + 1, end);
}

export async function generatePolicyReference(page = POLICY_PAGE): Promise<boolean> {
  const current = await readFile(page, 'utf8');
  const next = spliceReference(current, renderPolicyReference());
  if (next === current) return false;
  await writeFile(page, next);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const changed = await generatePolicyReference();
  console.log(changed ? `wrote ${path.relative(root, POLICY_PAGE)}` : `${path.relative(root, POLICY_PAGE)} is up to date`);
}
