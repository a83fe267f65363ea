import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseDocumentText } from '../contracts/load.js';
import { ConfigurationError } from '../errors.js';

/**
 * Training parameters reach the command three ways, so any language can read them without a
 * library: the JSON file at $GHML_PARAMS, one GHML_PARAM_<NAME> variable per parameter, and the
 * seed as GHML_SEED.
 */

export type Params = Record<string, unknown>;

const ParamsDocument = z.record(z.string(), z.json(), { error: 'params must be a mapping of names to values, e.g. {"learning_rate": 0.1}' });

/**
 * Reads the params input: YAML or JSON text, or the path of a file holding it (relative to the
 * working directory). A single line naming an existing file is read as that file.
 */
export async function readParams(input: string | undefined, workingDirectory: string): Promise<Params> {
  if (input === undefined || input.trim() === '') return {};
  const text = input.trim();
  if (!text.includes('\n')) {
    const file = path.resolve(workingDirectory, text);
    if ((await stat(file).catch(() => undefined))?.isFile()) return parseDocumentText(await readFile(file, 'utf8'), text, ParamsDocument, 'params file', 'params');
    if (/\.(ya?ml|json)$/i.test(text)) throw new ConfigurationError(`params file "${text}" does not exist in ${workingDirectory}: params paths are relative to working-directory`, { input: 'params' });
  }
  return parseDocumentText(text, 'params', ParamsDocument, 'params', 'params');
}

/** GHML_PARAM_ and the name in upper case, every character that is not a letter or digit an underscore. */
export function paramVariable(name: string): string {
  return `GHML_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Strings as they are, other values as JSON, so `GHML_PARAM_EPOCHS=20` and `GHML_PARAM_LAYERS=[64,32]`. */
export function paramVariables(params: Params): Record<string, string> {
  const variables: Record<string, string> = {};
  const owners = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    const variable = paramVariable(name);
    const other = owners.get(variable);
    if (other !== undefined) throw new ConfigurationError(`params "${other}" and "${name}" would both be ${variable}: rename one`, { input: 'params' });
    owners.set(variable, name);
    variables[variable] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return variables;
}
