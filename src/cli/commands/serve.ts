import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fetchModelPackage } from '../../deploy/package.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { parseDuration } from '../../io/duration.js';
import { parseModelReference } from '../../registry/reference.js';
import { SERVE_DEFAULTS, startServe, type RunningServer } from '../../steps/serve.js';
import { commaListFlag, requiredStringFlag, stringFlag, wholeNumberFlag, type Command } from '../command.js';
import { connect, connectionOptions, connectionUsage, openRegistry } from './registry.js';

const FLAG_UNITS = ['ms', 's', 'm', 'h', 'd', 'w'] as const;

export function durationFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  // Zero is zero in every unit.
  if (value.trim() === '0') return 0;
  const milliseconds = parseDuration(value.trim(), FLAG_UNITS);
  if (milliseconds === null) throw new ConfigurationError(`--${name} "${value}" is not a duration: give a number and a unit (${FLAG_UNITS.join(', ')}), e.g. 30s or 1h, or 0`, { input: name });
  return milliseconds;
}

/** A model name for URLs from a file name: `Seattle Weather.onnx` → `seattle-weather`. */
function nameFromFile(file: string): string {
  return path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'model';
}

/**
 * Runs the server until a signal stops it. SIGTERM, what platforms send to take a server away,
 * starts the drain grace; SIGINT, a person at the terminal, drains at once. A second signal ends
 * the grace, and a third stops the process as the signal would without ghml.
 */
function serveUntilSignal(running: RunningServer, graceMs: number, say: (message: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        unlisten();
        say(`${signal}: draining requests in flight now`);
        running.server.endGrace();
        return;
      }
      stopping = true;
      const grace = signal === 'SIGTERM' ? graceMs : 0;
      say(grace > 0 ? `${signal}: not ready; serving ${grace / 1000} s more while load balancers notice, then draining requests in flight` : `${signal}: draining requests in flight`);
      running.stop(grace).then(() => {
        unlisten();
        resolve();
      }, reject);
    };
    const unlisten = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve an ONNX model over HTTP (Open Inference Protocol) and log its predictions',
  usage: `Usage: ghml serve --model <file.onnx | model@stage | model@v<N>> [options]

Answers POST /v2/models/<name>/infer (Open Inference Protocol, as KServe and Triton) and
POST /v1/models/<name>/predict ({"rows": [...]}), checks every request against the data contract,
and writes the prediction log that \`ghml drift-check --current\` reads. See docs/serve.md.

Model:
  --model <file|ref>        an .onnx file, or a registered version: its package is downloaded
                            from its release and every digest verified before it is served
  --contract <file>         data contract to check requests against (default: the package's)
  --name <name>             the model's name in URLs (default: the registered name, or the file name)
  --model-version <label>   the version in answers and the log (default: the registered version,
                            or the first 12 hex digits of the file's sha256)
  --features <a,b,c>        the columns of a matrix input, in order (default: the model's metadata)
  --classes <a,b,c>         class names in the order of the probability columns (default: metadata)
  --package-dir <dir>       where a registered package is downloaded (default: a temporary directory)

Server:
  --host <address>          address to listen on (default ${SERVE_DEFAULTS.host}: this machine only)
  --port <n>                TCP port (default ${SERVE_DEFAULTS.port}; 0 picks a free one)
  --rate-limit <n>          requests a second per client, 0 for no limit (default ${SERVE_DEFAULTS.rateLimit})
  --burst <n>               requests a client may send at once above the rate (default ${SERVE_DEFAULTS.burst})
  --max-body-bytes <n>      largest request body (default ${SERVE_DEFAULTS.maxBodyBytes}); larger ones get 413
  --drain-grace <dur>       how long SIGTERM keeps serving, not ready, before refusing connections,
                            for load balancers to notice (default ${SERVE_DEFAULTS.drainGraceMs / 1000}s)
  --drain-timeout <dur>     how long a stop then waits for requests in flight (default ${SERVE_DEFAULTS.drainTimeoutMs / 1000}s)

Prediction log:
  --log-dir <dir>           where the JSON Lines go (default prediction-log)
  --no-log                  write no prediction log
  --log-max-bytes <n>       start a new file past this size (default 64 MiB)
  --log-max-age <dur>       start a new file after this long (default 1h)

Environment:
  GHML_SERVE_TOKENS         comma-separated bearer tokens clients must send (unset: open, with a warning)
  GHML_ADMIN_TOKEN          bearer token of the admin API (unset: admin API off)

${connectionUsage}

Runs until SIGTERM or SIGINT. SIGTERM turns /v2/health/ready to 503 and serves on for the drain
grace; then, or at once on SIGINT, the server refuses new connections, answers the requests in
flight and flushes the log. A second signal ends the grace. Exit codes: 0 stopped cleanly, 2 usage
or configuration error.`,
  options: {
    ...connectionOptions,
    model: { type: 'string' },
    contract: { type: 'string' },
    name: { type: 'string' },
    'model-version': { type: 'string' },
    features: { type: 'string' },
    classes: { type: 'string' },
    'package-dir': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'rate-limit': { type: 'string' },
    burst: { type: 'string' },
    'max-body-bytes': { type: 'string' },
    'drain-grace': { type: 'string' },
    'drain-timeout': { type: 'string' },
    'log-dir': { type: 'string' },
    'no-log': { type: 'boolean' },
    'log-max-bytes': { type: 'string' },
    'log-max-age': { type: 'string' },
  },
  async run(args, io) {
    const modelText = requiredStringFlag(args, 'model', 'an .onnx file, or a registered version such as weather@production');
    const given = path.resolve(io.cwd, modelText);
    const say = (message: string) => io.stderr(`ghml serve: ${message}\n`);
    let modelFile: string;
    let contractFile = stringFlag(args, 'contract');
    let name = stringFlag(args, 'name');
    let version = stringFlag(args, 'model-version');
    if ((await stat(given).catch(() => undefined))?.isFile() || modelText.endsWith('.onnx')) {
      modelFile = given;
      name ??= nameFromFile(modelFile);
    } else {
      const reference = parseModelReference(modelText);
      const connection = await connect(args, io);
      if (!connection.releases) throw new ConfigurationError('packages are release assets on GitHub: serving a registered version needs --repo (or GITHUB_REPOSITORY), not --local', { input: 'model' });
      const registry = await openRegistry(connection);
      const packageDir = path.resolve(io.cwd, stringFlag(args, 'package-dir') ?? path.join(tmpdir(), 'ghml-serve-packages'));
      const fetched = await fetchModelPackage({ registry, releases: connection.releases }, reference, packageDir);
      say(`${modelText} is ${fetched.record.model} v${fetched.record.version}: package sha256:${fetched.record.package.digest} verified`);
      modelFile = fetched.modelFile;
      contractFile ??= fetched.contractFile ?? undefined;
      name ??= fetched.record.model;
      version ??= String(fetched.record.version);
    }
    const port = wholeNumberFlag(args, 'port');
    if (port !== undefined && port > 65535) throw new ConfigurationError('--port must be at most 65535', { input: 'port' });
    const noLog = args.values['no-log'] === true;
    const drainGraceMs = durationFlag(stringFlag(args, 'drain-grace'), 'drain-grace') ?? SERVE_DEFAULTS.drainGraceMs;
    const running = await startServe({
      modelFile,
      name,
      version,
      contractFile: contractFile === undefined ? null : path.resolve(io.cwd, contractFile),
      features: commaListFlag(args, 'features'),
      classes: commaListFlag(args, 'classes'),
      host: stringFlag(args, 'host'),
      port,
      logDirectory: noLog ? null : path.resolve(io.cwd, stringFlag(args, 'log-dir') ?? 'prediction-log'),
      logMaxBytes: wholeNumberFlag(args, 'log-max-bytes'),
      logMaxAgeMs: durationFlag(stringFlag(args, 'log-max-age'), 'log-max-age'),
      rateLimit: wholeNumberFlag(args, 'rate-limit'),
      burst: wholeNumberFlag(args, 'burst'),
      maxBodyBytes: wholeNumberFlag(args, 'max-body-bytes'),
      drainTimeoutMs: durationFlag(stringFlag(args, 'drain-timeout'), 'drain-timeout'),
      drainGraceMs,
      env: io.env,
      say,
    });
    io.stdout(`ghml serve: ${running.server.status().models.map((model) => `${model.name} v${model.routing.primary}`).join(', ')} listening on ${running.url}\n`);
    await serveUntilSignal(running, drainGraceMs, say);
    say('stopped');
    return ExitCode.ok;
  },
};
