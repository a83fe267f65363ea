import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError } from '../errors.js';

/** One `ghml` command. Commands are thin: parse flags, call a step, print, return an exit code. */
export interface Command {
  /** Words after `ghml`, e.g. `validate-data` or `profile merge`. */
  name: string;
  summary: string;
  /** Usage text shown by `--help` and after a usage error. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigurationError(`${message}. Run \`ghml ${command.name} --help\` for the options.`);
  }
}

/** Reads a string flag that may be given once. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConfigurationError(`--${name} takes a value.`, { input: name });
  return value;
}

export function requiredStringFlag(args: ParsedArgs, name: string, hint: string): string {
  const value = stringFlag(args, name);
  if (value === undefined || value === '') throw new ConfigurationError(`--${name} is required: ${hint}.`, { input: name });
  return value;
}

/** Reads a flag that may be repeated (`--data a.csv --data b.csv`). */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/** A flag that takes one of `choices`; undefined when it is not given. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new ConfigurationError(`--${name} "${value}" is not one of ${choices.join(', ')}`, { input: name });
  return value as T;
}

/**
 * A flag of a whole number of at least `min`: 0 by default, where 0 turns off what the flag
 * counts; undefined when it is not given.
 */
export function wholeNumberFlag(args: ParsedArgs, name: string, min = 0): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigurationError(`--${name} must be a whole number, not "${value}"`, { input: name });
  if (number < min) throw new ConfigurationError(`--${name} must be at least ${min}, not ${number}`, { input: name });
  return number;
}

/** The report formats of the commands that check something: text for people, JSON for tools, markdown for summaries. */
export const outputFormats = ['text', 'json', 'markdown'] as const;

/** A flag of comma-separated values, blanks dropped; undefined when it is not given. */
export function commaListFlag(args: ParsedArgs, name: string): string[] | undefined {
  return stringFlag(args, name)?.split(',').map((item) => item.trim()).filter(Boolean);
}
