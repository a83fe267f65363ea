import * as core from '@actions/core';
import { z } from 'zod';
import { ConfigurationError, DataError } from '../errors.js';

/**
 * The outer layer of every Action: run the step and fail it for any thrown value. A user's mistake
 * (configuration or unreadable data) fails with its message alone; anything else is our bug and
 * keeps its stack trace in the log.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      core.setFailed(`Configuration error${error.input ? ` in input "${error.input}"` : ''}: ${error.message}`);
    } else if (error instanceof DataError) {
      core.setFailed(error.message);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.error(`ghml internal error (please report it): ${detail}`);
      core.setFailed(error instanceof Error ? `internal error: ${error.message}` : 'internal error');
    }
  }
}

/** Splits a list input: one item per line or comma-separated, blanks dropped. */
export function listInput(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Reads every input a schema declares (kebab-case keys, as in action.yml) and parses them at once.
 * An empty input is absent, so the schema's default applies, as GitHub treats a missing input.
 */
export function readInputs<T extends z.ZodObject>(schema: T): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = core.getInput(name);
    if (value !== '') raw[name] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const input = String(issue.path[0] ?? '');
  throw new ConfigurationError(`${issue.message}${input ? ` (input "${input}" is "${raw[input] ?? ''}")` : ''}`, { input });
}

declare module 'zod' {
  interface GlobalMeta {
    /**
     * The default action.yml declares for an input where the schema cannot hold it as the text a
     * workflow writes: a workflow expression GitHub evaluates before the step starts
     * (`${{ github.token }}`; run anywhere else, the input is absent), or a default the schema
     * holds parsed (`60s` as 60000 ms).
     */
    actionDefault?: string;
  }
}

/** An Action's outputs: what each holds (for action.yml and the README), and a setter for them alone. */
export interface ActionOutputs<Name extends string> {
  readonly descriptions: Readonly<Record<Name, string>>;
  /** Sets a declared output; a name not declared does not type-check. */
  set(name: Name, value: string): void;
}

/** Declares an Action's outputs, name → description; action.yml and the README are generated from them. */
export function defineOutputs<const Name extends string>(descriptions: Record<Name, string>): ActionOutputs<Name> {
  return {
    descriptions,
    set: (name, value) => core.setOutput(name, value),
  };
}

export const booleanInput = z.enum(['true', 'false']).transform((value) => value === 'true');
export const wholeNumberInput = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform((value) => Number(value));
