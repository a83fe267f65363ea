import type { z } from 'zod';
import { DataError } from '../errors.js';

/**
 * Every document is validated on the way in and on the way out. Writing an invalid one is our bug;
 * reading one is someone's edit of the branch gone wrong, reported with the document's path so it
 * can be found and fixed, never skipped.
 */

export function serializeDocument<T extends z.ZodType>(schema: T, value: z.input<T>): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ghml built an invalid registry document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}

export function parseDocument<T extends z.ZodType>(schema: T, content: string, where: string): z.infer<T> {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new DataError(`is not JSON (${(error as Error).message}); fix or revert the commit that changed it`, { file: where });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new DataError(`does not match its schema: ${problems.join('; ')}; fix or revert the commit that changed it`, { file: where });
}
