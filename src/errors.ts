/**
 * Two kinds of failure, kept apart everywhere (DESIGN §4):
 *
 * - `ConfigurationError`: the user gave us something we cannot use (a missing file, an invalid
 *   contract, a bad flag). The message names the input and the fix. Exit code 2, no stack trace.
 * - `DataError`: the data itself cannot be read as promised (ragged rows, a corrupt Parquet
 *   footer, a byte that is not UTF-8). The check failed: exit code 1, with the place named.
 *
 * Anything else is an internal failure and keeps its stack trace, because then the bug is ours.
 */

export interface Location {
  file?: string;
  row?: number;
  column?: string;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  /** The input (flag, action input, config key or file) at fault. */
  readonly input: string | undefined;
  constructor(message: string, options: { input?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.input = options.input;
  }
}

export class DataError extends Error {
  override name = 'DataError';
  readonly location: Location;
  constructor(message: string, location: Location = {}, options: { cause?: unknown } = {}) {
    super(`${formatLocation(location)}${message}`, { cause: options.cause });
    this.location = location;
  }
}

export function formatLocation(location: Location): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.column !== undefined) parts.push(`column "${location.column}"`);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
} as const;

/** The exit code a thrown value maps to: user mistakes are 2, unreadable data 1, bugs 1 with a trace. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigurationError) return ExitCode.usage;
  return ExitCode.checkFailed;
}

/** True when the error is the user's to fix, so no stack trace is shown. */
export function isUserFacing(error: unknown): error is ConfigurationError | DataError {
  return error instanceof ConfigurationError || error instanceof DataError;
}
