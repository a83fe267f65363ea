import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';

/**
 * Reads a YAML or JSON document that a person wrote and checks it against its zod schema. Every
 * problem is reported as `file:line: path: message`, so the person can go straight to it.
 */
export async function loadDocument<T extends z.ZodType>(file: string, schema: T, what: string, input: string): Promise<z.infer<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigurationError(`${what} "${file}" cannot be read: check the path given to ${input}`, { input });
  }
  return parseDocumentText(text, file, schema, what, input);
}

export function parseDocumentText<T extends z.ZodType>(text: string, file: string, schema: T, what: string, input: string): z.infer<T> {
  const lineCounter = new LineCounter();
  // JSON is YAML, so one parser serves both and reports positions the same way.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigurationError(`${file}:${line}: ${what} is not valid YAML or JSON: ${error.message.split('\n')[0]}`, { input });
  }
  const data = document.toJS();
  if (data === null || data === undefined) throw new ConfigurationError(`${file}: ${what} is empty: see schemas/ for its format`, { input });
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String);
    let node: unknown = path.length > 0 ? document.getIn(issue.path as (string | number)[], true) : undefined;
    // For a misspelled or extra key the node is the parent; for a missing key, too.
    for (let depth = path.length - 1; !isNode(node) && depth >= 0; depth--) node = document.getIn(issue.path.slice(0, depth) as (string | number)[], true);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const line = lineCounter.linePos(offset).line;
    const where = path.length > 0 ? `${formatPath(issue.path)}: ` : '';
    return `${file}:${line}: ${where}${issue.message}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  throw new ConfigurationError(`${what} is not valid: ${problems.join('; ')}${more}`, { input });
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}
