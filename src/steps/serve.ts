import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataContract } from '../contracts/data-contract.js';
import { loadDocument } from '../contracts/load.js';
import { ServedVersionLabel } from '../contracts/serve.js';
import { ConfigurationError } from '../errors.js';
import { Access, parseTokens } from '../serve/access.js';
import { DEFAULT_LOG_OPTIONS } from '../serve/prediction-log.js';
import { ServedVersion } from '../serve/served-model.js';
import { PredictionServer } from '../serve/server.js';
import type { Label } from '../stats/metrics/index.js';

export interface ServeOptions {
  /** The .onnx file. */
  modelFile: string;
  /** The model's name in URLs (`/v2/models/<name>/infer`). */
  name: string;
  /** The version label in answers, the log and the admin API; by default the first 12 hex digits of the file's sha256. */
  version?: string;
  contractFile?: string | null;
  features?: string[];
  classes?: Label[];
  host?: string;
  port?: number;
  /** Where the prediction log goes; null writes none. */
  logDirectory: string | null;
  logMaxBytes?: number;
  logMaxAgeMs?: number;
  logFlushMs?: number;
  /** Requests a second per client (0: no throttling) and the burst allowed. */
  rateLimit?: number;
  burst?: number;
  maxBodyBytes?: number;
  /** How long a shutdown keeps serving while not ready, for load balancers to notice. */
  drainGraceMs?: number;
  drainTimeoutMs?: number;
  /** GHML_SERVE_TOKENS and GHML_ADMIN_TOKEN. */
  env: NodeJS.ProcessEnv;
  say: (message: string) => void;
}

export interface RunningServer {
  server: PredictionServer;
  url: string;
  /**
   * Turns not-ready, serves on for `graceMs` (the drain grace unless given), then drains, flushes
   * the log, releases the models and removes uploaded model files.
   */
  stop(graceMs?: number): Promise<void>;
}

export const SERVE_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  rateLimit: 500,
  burst: 1000,
  maxBodyBytes: 1024 * 1024,
  maxAdminBodyBytes: 1024 * 1024 * 1024,
  drainGraceMs: 5_000,
  drainTimeoutMs: 30_000,
};

/** ghml serve: opens the model, checks the setup, and starts answering. */
export async function startServe(options: ServeOptions): Promise<RunningServer> {
  if (options.version !== undefined) {
    const label = ServedVersionLabel.safeParse(options.version);
    if (!label.success) throw new ConfigurationError(`model version "${options.version}" ${label.error.issues[0].message}`, { input: 'model-version' });
  }
  const tokens = parseTokens(options.env.GHML_SERVE_TOKENS, 'GHML_SERVE_TOKENS');
  const adminToken = options.env.GHML_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null) parseTokens(adminToken, 'GHML_ADMIN_TOKEN');
  const contract = options.contractFile ? await loadDocument(options.contractFile, DataContract, 'data contract', 'contract') : null;
  const version = await ServedVersion.open({ model: options.name, version: options.version, file: options.modelFile, contract, features: options.features, classes: options.classes, log: options.say });
  const host = options.host ?? SERVE_DEFAULTS.host;
  if (tokens.length === 0) options.say(`warning: GHML_SERVE_TOKENS is not set, so anyone who reaches ${host} may call the model; set it to a comma-separated list of tokens`);
  if (adminToken === null) options.say('the admin API is off (GHML_ADMIN_TOKEN is not set): versions cannot be loaded or routed while the server runs');
  if (!contract) options.say(`no data contract: requests are checked against the model's input types only; pass --contract to check ranges and allowed values`);
  const modelDirectory = await mkdtemp(path.join(tmpdir(), 'ghml-serve-models-'));
  let server: PredictionServer;
  try {
    server = await PredictionServer.start({
      host,
      port: options.port ?? SERVE_DEFAULTS.port,
      versions: [version],
      access: new Access(tokens, adminToken),
      throttle: { rate: options.rateLimit ?? SERVE_DEFAULTS.rateLimit, burst: options.burst ?? SERVE_DEFAULTS.burst },
      maxBodyBytes: options.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
      maxAdminBodyBytes: SERVE_DEFAULTS.maxAdminBodyBytes,
      log: options.logDirectory === null ? null : {
        directory: options.logDirectory,
        maxFileBytes: options.logMaxBytes ?? DEFAULT_LOG_OPTIONS.maxFileBytes,
        maxFileAgeMs: options.logMaxAgeMs ?? DEFAULT_LOG_OPTIONS.maxFileAgeMs,
        flushIntervalMs: options.logFlushMs ?? DEFAULT_LOG_OPTIONS.flushIntervalMs,
      },
      modelDirectory,
      drainGraceMs: options.drainGraceMs ?? SERVE_DEFAULTS.drainGraceMs,
      drainTimeoutMs: options.drainTimeoutMs ?? SERVE_DEFAULTS.drainTimeoutMs,
      say: options.say,
    });
  } catch (error) {
    await version.retire();
    await rm(modelDirectory, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ConfigurationError(`port ${options.port ?? SERVE_DEFAULTS.port} on ${host} is taken: choose another with --port`, { input: 'port' });
    throw error;
  }
  return {
    server,
    url: server.url,
    async stop(graceMs) {
      await server.shutdown(graceMs);
      await rm(modelDirectory, { recursive: true, force: true });
    },
  };
}
