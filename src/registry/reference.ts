import { ConfigurationError } from '../errors.js';
import { checkModelName, checkStageName } from './paths.js';

/** `model`, `model@v3` or `model@production`, as people write them on the command line. */
export type ModelReference =
  | { model: string; kind: 'latest' }
  | { model: string; kind: 'version'; version: number }
  | { model: string; kind: 'alias'; alias: string };

export function parseModelReference(text: string, input = 'model'): ModelReference {
  const at = text.indexOf('@');
  const model = checkModelName(at < 0 ? text : text.slice(0, at), input);
  if (at < 0) return { model, kind: 'latest' };
  const selector = text.slice(at + 1);
  const version = /^v?(\d+)$/.exec(selector);
  if (version) {
    const number = Number(version[1]);
    if (number < 1) throw new ConfigurationError(`"${text}": versions start at 1`, { input });
    return { model, kind: 'version', version: number };
  }
  if (selector === '') throw new ConfigurationError(`"${text}": give a version or a stage after @, e.g. ${model}@v3 or ${model}@production`, { input });
  return { model, kind: 'alias', alias: checkStageName(selector, input) };
}

export function formatReference(reference: ModelReference): string {
  if (reference.kind === 'version') return `${reference.model}@v${reference.version}`;
  if (reference.kind === 'alias') return `${reference.model}@${reference.alias}`;
  return reference.model;
}

/** `v3`, `3`: a version number given on its own. */
export function parseVersion(text: string, input = 'version'): number {
  const match = /^v?(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new ConfigurationError(`"${text}" is not a version: give a number such as 3 or v3`, { input });
  return Number(match[1]);
}
