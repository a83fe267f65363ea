import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);

// src/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
  /** The input (flag, action input, config key or file) at fault. */
  input;
  constructor(message, options = {}) {
    super(message, { cause: options.cause });
    this.input = options.input;
  }
};
var DataError = class extends Error {
  name = "DataError";
  location;
  constructor(message, location = {}, options = {}) {
    super(`${formatLocation(location)}${message}`, { cause: options.cause });
    this.location = location;
  }
};
function formatLocation(location) {
  const parts = [];
  if (location.file !== void 0) parts.push(location.file);
  if (location.row !== void 0) parts.push(`row ${location.row}`);
  if (location.column !== void 0) parts.push(`column "${location.column}"`);
  return parts.length > 0 ? `${parts.join(", ")}: ` : "";
}
var ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2
};
function exitCodeFor(error) {
  if (error instanceof ConfigurationError) return ExitCode.usage;
  return ExitCode.checkFailed;
}
function isUserFacing(error) {
  return error instanceof ConfigurationError || error instanceof DataError;
}

export {
  ConfigurationError,
  DataError,
  formatLocation,
  ExitCode,
  exitCodeFor,
  isUserFacing
};
