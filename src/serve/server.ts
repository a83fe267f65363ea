import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LoadVersionRequest, Routing, ServedVersionLabel, type Incident, type ServerStatus } from '../contracts/serve.js';
import { ConfigurationError } from '../errors.js';
import { sha256Hex } from '../io/digest.js';
import { Access, Throttle, type Caller } from './access.js';
import { HttpError, parseJson, readBody, sendError, sendJson } from './http.js';
import { Metrics, SHADOW_ROUTE } from './metrics.js';
import { PredictionLog, repairLogDirectory, type PredictionLogOptions } from './prediction-log.js';
import { roles, route, routedVersions, unloadedVersions, type ModelTable, type Route, type RoutingTable } from './routing.js';
import { OutputIncident, ServedVersion, type PreparedRequest } from './served-model.js';
import { isRecord } from '../io/json.js';

/**
 * `ghml serve`: ONNX models over HTTP, speaking the Open Inference Protocol (KServe v2, Triton)
 * plus a rows endpoint for people, with an admin API the deploy Action drives. docs/serve.md
 * describes every route.
 */

export interface ServerOptions {
  host: string;
  port: number;
  /** The first version of each model; each becomes its model's primary. */
  versions: ServedVersion[];
  access: Access;
  /** Requests a second per client, and the burst a client may spend at once; rate 0 turns throttling off. */
  throttle: { rate: number; burst: number };
  maxBodyBytes: number;
  /** Model uploads through the admin API. */
  maxAdminBodyBytes: number;
  /** The prediction log; null writes none. */
  log: Omit<PredictionLogOptions, 'stream'> | null;
  /** Where models uploaded through the admin API are written. */
  modelDirectory: string;
  /**
   * How long a shutdown keeps serving while it reports not-ready, so that load balancers polling
   * readiness stop sending before connections are refused.
   */
  drainGraceMs: number;
  /** How long a shutdown waits for requests in flight before it closes their connections. */
  drainTimeoutMs: number;
  /** Operational messages (never a token, never a request body). */
  say: (message: string) => void;
}

/** The incidents kept for the admin status. */
const RECENT_INCIDENTS = 20;

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  started: number;
  route: string;
  model: string;
  version: string;
  rows: number;
  answered: boolean;
}

export class PredictionServer {
  private table: RoutingTable;
  private readonly metrics = new Metrics();
  private readonly throttle: Throttle;
  private readonly server: Server;
  private readonly log: PredictionLog | null;
  private readonly shadowLog: PredictionLog | null;
  private readonly incidents: Incident[] = [];
  private readonly startedAt = new Date();
  private inFlight = 0;
  private shadowsInFlight = 0;
  private idle: (() => void) | undefined;
  /** Set from the start of a shutdown: not ready, and every answer closes its connection. */
  private draining = false;
  private finishGrace: (() => void) | undefined;
  private closing: Promise<void> | undefined;
  private adminQueue: Promise<unknown> = Promise.resolve();
  /**
   * Request ids the server gives: a random prefix per start and a counter, unique without the cost
   * of a UUID per request and a third of its length on every log line.
   */
  private readonly requestIdPrefix = randomBytes(4).toString('hex');
  private requestCount = 0;
  private readonly callers = new WeakMap<Socket, { authorization: string | undefined; caller: Caller }>();
  url = '';

  private constructor(private readonly options: ServerOptions) {
    const table = new Map<string, ModelTable>();
    for (const version of options.versions) {
      if (table.has(version.model)) throw new ConfigurationError(`model "${version.model}" is given twice: serve one version per model and load others through the admin API`, { input: 'model' });
      table.set(version.model, { name: version.model, versions: new Map([[version.version, version]]), routing: { primary: version.version, canary: null, shadow: null } });
    }
    this.table = table;
    this.throttle = new Throttle(options.throttle.rate, options.throttle.burst);
    const onLogError = (error: unknown) => options.say(`the prediction log could not be written: ${(error as Error).message}`);
    this.log = options.log ? new PredictionLog({ ...options.log, stream: 'predictions' }, onLogError) : null;
    this.shadowLog = options.log ? new PredictionLog({ ...options.log, stream: 'shadow' }, onLogError) : null;
    this.server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 60_000 }, (request, response) => this.handle(request, response));
  }

  static async start(options: ServerOptions): Promise<PredictionServer> {
    if (options.log) {
      for (const repaired of await repairLogDirectory(options.log.directory)) {
        options.say(`cut a partial last line (${repaired.bytes} bytes, from a write cut short) off ${repaired.file}`);
      }
    }
    const server = new PredictionServer(options);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(options.port, options.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    server.url = `http://${host}:${address.port}`;
    return server;
  }


  /** Every request ends in exactly one `reply` or `fail`, which counts it out of the requests in flight. */
  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.inFlight++;
    const exchange: Exchange = { request, response, started: performance.now(), route: 'not_found', model: '', version: '', rows: 0, answered: false };
    this.dispatch(exchange).catch((error: unknown) => this.fail(exchange, error));
  }

  private answered(exchange: Exchange): boolean {
    if (exchange.answered) return false;
    exchange.answered = true;
    this.inFlight--;
    this.checkIdle();
    return true;
  }

  private reply(exchange: Exchange, status: number, body: string, headers: Record<string, string> = {}, contentType = 'application/json'): void {
    if (!this.answered(exchange)) return;
    const { response } = exchange;
    const extra: Record<string, string> = this.draining ? { connection: 'close', ...headers } : headers;
    if (contentType === 'application/json') sendJson(response, status, body, extra);
    else {
      response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
      response.end(body);
    }
    this.metrics.record(exchange.route, exchange.model, exchange.version, status, (performance.now() - exchange.started) / 1000, status < 400 ? exchange.rows : 0);
  }

  private fail(exchange: Exchange, error: unknown): void {
    if (!this.answered(exchange)) {
      if (!(error instanceof HttpError)) this.options.say(`error after the answer to ${exchange.request.method} ${exchange.request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let failure: HttpError;
    if (error instanceof HttpError) failure = error;
    else {
      this.options.say(`internal error on ${exchange.request.method} ${exchange.request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      failure = new HttpError(500, 'internal error: the server failed to answer; it has been logged');
    }
    const { response } = exchange;
    const headers: Record<string, string> = { ...failure.headers };
    // An unread body would be taken for the next request on the connection.
    if (failure.status === 413) headers.connection = 'close';
    if (this.draining) headers.connection = 'close';
    sendError(response, failure, headers);
    this.metrics.record(exchange.route, exchange.model, exchange.version, failure.status, (performance.now() - exchange.started) / 1000, 0);
  }

  private recordIncident(model: string, version: string, requestId: string, error: OutputIncident): HttpError {
    const incident: Incident = { id: randomUUID(), time: new Date().toISOString(), model, version, requestId, reason: error.message };
    this.incidents.push(incident);
    if (this.incidents.length > RECENT_INCIDENTS) this.incidents.shift();
    this.metrics.incident(model, version);
    this.options.say(`incident ${incident.id}: ${model} v${version} gave no valid answer (${error.message}); the client got a 500`);
    return new HttpError(500, `${model} v${version} failed to give a valid answer; incident ${incident.id} is logged`, { incident: incident.id });
  }

  private async dispatch(exchange: Exchange): Promise<void> {
    const { request } = exchange;
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    let parts: string[];
    try {
      parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      // A client's bad escape (`%E0%A4%A`), not a server failure.
      throw new HttpError(400, `the path ${pathname} is not valid percent-encoding`);
    }
    const method = request.method ?? 'GET';

    if (parts[0] === 'v2' && parts[1] === 'health' && parts.length === 3) {
      exchange.route = `health_${parts[2]}`;
      this.allow(method, ['GET']);
      if (parts[2] === 'live') return this.reply(exchange, 200, JSON.stringify({ live: true }));
      if (parts[2] === 'ready') return this.reply(exchange, this.ready ? 200 : 503, JSON.stringify({ ready: this.ready }));
    }
    if (parts.length === 1 && parts[0] === 'metrics') {
      exchange.route = 'metrics';
      this.allow(method, ['GET']);
      return this.reply(exchange, 200, this.renderMetrics(), {}, 'text/plain; version=0.0.4; charset=utf-8');
    }
    if (parts[0] === 'admin') {
      exchange.route = 'admin';
      return this.admin(exchange, parts.slice(1), method);
    }
    const caller = this.authorize(exchange);
    if (parts[0] === 'v2' && parts.length === 1) {
      exchange.route = 'server_metadata';
      this.allow(method, ['GET']);
      return this.reply(exchange, 200, JSON.stringify({ name: 'ghml', version: '1', extensions: [] }));
    }
    // /v2/models/{model}[/versions/{version}][/infer|/ready] and /v1/models/{model}[/versions/{version}]/predict
    if ((parts[0] === 'v2' || parts[0] === 'v1') && parts[1] === 'models' && parts.length >= 3) {
      const model = parts[2];
      let rest = parts.slice(3);
      let pinned: string | undefined;
      if (rest[0] === 'versions' && rest.length >= 2) {
        pinned = rest[1];
        rest = rest.slice(2);
      }
      const action = rest.length === 0 ? 'metadata' : rest.length === 1 ? rest[0] : '';
      const known = parts[0] === 'v2' ? ['metadata', 'ready', 'infer'] : ['predict'];
      if (known.includes(action)) {
        exchange.route = action;
        this.checkThrottle(caller);
        return this.modelRoute(exchange, action, model, pinned, method);
      }
    }
    throw new HttpError(404, `no route ${method} ${pathname}: see docs/serve.md for the routes (inference: POST /v2/models/<model>/infer)`);
  }

  private allow(method: string, methods: string[]): void {
    if (!methods.includes(method)) throw new HttpError(405, `use ${methods.join(' or ')} here`, {}, { allow: methods.join(', ') });
  }

  private authorize(exchange: Exchange): Caller {
    const { socket, headers } = exchange.request;
    const authorization = headers.authorization;
    // A keep-alive connection sends the same header with every request: identify it once.
    const known = this.callers.get(socket);
    if (known && known.authorization === authorization) return known.caller;
    const caller = this.options.access.identify(authorization, socket.remoteAddress ?? 'unknown');
    if (caller) {
      this.callers.set(socket, { authorization, caller });
      return caller;
    }
    this.metrics.unauthorized++;
    const given = exchange.request.headers.authorization !== undefined;
    throw new HttpError(401, given ? 'the bearer token is not valid here' : 'this server needs a bearer token: send Authorization: Bearer <token>', {}, { 'www-authenticate': 'Bearer realm="ghml"' });
  }

  private checkThrottle(caller: Caller): void {
    const wait = this.throttle.take(caller.id);
    if (wait === 0) return;
    this.metrics.throttled++;
    const seconds = Math.max(1, Math.ceil(wait));
    throw new HttpError(429, `too many requests from this client: try again in ${seconds} s`, {}, { 'retry-after': String(seconds) });
  }

  private modelTable(model: string): ModelTable {
    const table = this.table.get(model);
    if (!table) throw new HttpError(404, `no model "${model}" here: this server serves ${[...this.table.keys()].map((name) => `"${name}"`).join(', ') || 'no models'}`);
    return table;
  }

  private async modelRoute(exchange: Exchange, action: string, model: string, pinned: string | undefined, method: string): Promise<void> {
    const table = this.modelTable(model);
    exchange.model = model;
    if (pinned !== undefined && !table.versions.has(pinned)) {
      throw new HttpError(404, `${model} has no version "${pinned}" loaded: loaded are ${[...table.versions.keys()].join(', ')}`);
    }
    if (action === 'metadata' || action === 'ready') {
      this.allow(method, ['GET']);
      const version = table.versions.get(pinned ?? table.routing.primary)!;
      exchange.version = version.version;
      if (action === 'ready') return this.reply(exchange, 200, JSON.stringify({ name: model, version: version.version, ready: !this.draining }));
      return this.reply(exchange, 200, JSON.stringify(version.metadata([...table.versions.keys()])));
    }
    this.allow(method, ['POST']);
    const body = parseJson(await readBody(exchange.request, this.options.maxBodyBytes));
    // Routed now, after the body arrived: the table in force when the request can start.
    const current = this.modelTable(model);
    const routed = pinned !== undefined ? { version: current.versions.get(pinned), route: 'pinned' as Route, shadow: null } : route(current);
    if (!routed.version) throw new HttpError(404, `${model} v${pinned} was unloaded while the request arrived`);
    const version = routed.version;
    exchange.version = version.version;
    const requestId = this.requestId(exchange.request, body);
    const prepared = action === 'infer' ? version.prepareTensors(body) : version.prepareRows(body);
    let prediction;
    try {
      prediction = await version.predict(prepared);
    } catch (error) {
      if (error instanceof OutputIncident) throw this.recordIncident(model, version.version, requestId, error);
      throw error;
    }
    const answer = action === 'infer' ? version.inferResponse(prediction, requestId, isRecord(body) ? body.outputs : undefined) : version.rowsResponse(prediction, requestId);
    exchange.rows = prediction.rows;
    const latencyMs = performance.now() - exchange.started;
    this.reply(exchange, 200, answer);
    // The answer is on its way; the log lines cost the client nothing now.
    this.log?.append(prediction.rows, (buffer) => version.writeLogLines(buffer, prepared, prediction, { time: Date.now() - latencyMs, requestId, route: routed.route, latencyMs }));
    if (routed.shadow && routed.shadow !== version) this.mirror(routed.shadow, action, body, requestId);
  }

  private requestId(request: IncomingMessage, body: unknown): string {
    if (isRecord(body) && typeof body.id === 'string' && body.id.length > 0 && body.id.length <= 128) return body.id;
    const header = request.headers['x-request-id'];
    if (typeof header === 'string' && header.length > 0 && header.length <= 128) return header;
    return `${this.requestIdPrefix}-${(this.requestCount++).toString(36)}`;
  }

  /** Runs a shadow on a copy of the request after the client has its answer; only the log and the metrics see the result. */
  private mirror(shadow: ServedVersion, action: string, body: unknown, requestId: string): void {
    this.shadowsInFlight++;
    const started = performance.now();
    let prepared: PreparedRequest | undefined;
    const finish = (code: number, rows: number) => {
      this.metrics.record(SHADOW_ROUTE, shadow.model, shadow.version, code, (performance.now() - started) / 1000, rows);
      this.shadowsInFlight--;
      this.checkIdle();
    };
    try {
      prepared = action === 'infer' ? shadow.prepareTensors(body) : shadow.prepareRows(body);
    } catch (error) {
      finish(error instanceof HttpError ? error.status : 500, 0);
      return;
    }
    const request = prepared;
    shadow.predict(request).then(
      (prediction) => {
        const latencyMs = performance.now() - started;
        this.shadowLog?.append(prediction.rows, (buffer) => shadow.writeLogLines(buffer, request, prediction, { time: Date.now() - latencyMs, requestId, route: SHADOW_ROUTE, latencyMs }));
        finish(200, prediction.rows);
      },
      (error: unknown) => {
        if (error instanceof OutputIncident) {
          this.recordIncident(shadow.model, shadow.version, requestId, error);
        } else {
          this.options.say(`shadow ${shadow.model} v${shadow.version} failed: ${(error as Error).message}`);
        }
        finish(500, 0);
      },
    );
  }


  private async admin(exchange: Exchange, parts: string[], method: string): Promise<void> {
    if (!this.options.access.adminEnabled) throw new HttpError(404, 'the admin API is off: start the server with GHML_ADMIN_TOKEN set');
    const caller = this.options.access.identify(exchange.request.headers.authorization, '');
    if (caller?.kind !== 'admin') {
      this.metrics.unauthorized++;
      throw new HttpError(401, 'the admin API needs the admin token: send Authorization: Bearer <GHML_ADMIN_TOKEN>', {}, { 'www-authenticate': 'Bearer realm="ghml-admin"' });
    }
    if (parts[0] !== 'v1') throw new HttpError(404, 'the admin API is under /admin/v1/');
    if (parts.length === 2 && parts[1] === 'status') {
      this.allow(method, ['GET']);
      return this.reply(exchange, 200, JSON.stringify(this.status()));
    }
    if (parts[1] === 'models' && parts.length === 4 && parts[3] === 'routing') {
      this.allow(method, ['PUT']);
      const routing = this.parseAdmin(Routing, await readBody(exchange.request, this.options.maxBodyBytes), 'routing');
      const applied = await this.serialized(() => this.setRouting(parts[2], routing));
      return this.reply(exchange, 200, JSON.stringify({ model: parts[2], routing: applied }));
    }
    if (parts[1] === 'models' && parts.length === 5 && parts[3] === 'versions') {
      const [model, version] = [parts[2], parts[4]];
      const label = ServedVersionLabel.safeParse(version);
      if (!label.success) throw new HttpError(400, `version "${version}" ${label.error.issues[0].message}`);
      if (method === 'PUT') {
        const load = this.parseAdmin(LoadVersionRequest, await readBody(exchange.request, this.options.maxAdminBodyBytes), 'a version to load');
        const { status, loaded } = await this.serialized(() => this.loadVersion(model, version, load));
        return this.reply(exchange, status, JSON.stringify({ model, version, sha256: loaded.sha256, features: loaded.features, classes: loaded.classes }));
      }
      if (method === 'DELETE') {
        await this.serialized(() => this.unloadVersion(model, version));
        return this.reply(exchange, 200, JSON.stringify({ model, version, unloaded: true }));
      }
      this.allow(method, ['PUT', 'DELETE']);
    }
    throw new HttpError(404, `no admin route ${method} /admin/${parts.join('/')}: see docs/serve.md`);
  }

  private parseAdmin<T extends z.ZodType>(schema: T, body: Buffer, what: string): z.infer<T> {
    const result = schema.safeParse(parseJson(body));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new HttpError(400, `${what} is not valid: ${issue.path.join('.') || 'the body'}: ${issue.message}`);
  }

  /** Admin changes run one at a time, each against the table the previous one left. */
  private serialized<T>(change: () => Promise<T>): Promise<T> {
    const result = this.adminQueue.then(change);
    this.adminQueue = result.catch(() => undefined);
    return result;
  }

  private replaceModel(model: ModelTable | null, name: string): void {
    const next = new Map(this.table);
    if (model) next.set(name, model);
    else next.delete(name);
    this.table = next;
  }

  private async loadVersion(model: string, version: string, load: LoadVersionRequest): Promise<{ status: number; loaded: ServedVersion }> {
    const bytes = Buffer.from(load.model, 'base64');
    const sha256 = sha256Hex(bytes);
    if (sha256 !== load.sha256) throw new HttpError(400, `the model sent hashes to ${sha256}, not to the sha256 given (${load.sha256}): it was damaged on the way or the wrong file was sent`);
    const existing = this.table.get(model)?.versions.get(version);
    if (existing) {
      if (existing.sha256 === sha256) return { status: 200, loaded: existing };
      throw new HttpError(409, `${model} v${version} is loaded already with other bytes (sha256 ${existing.sha256}): unload it first, or load under another version`);
    }
    const file = path.join(this.options.modelDirectory, `${model}-${version}-${sha256.slice(0, 12)}.onnx`);
    await writeFile(file, bytes);
    let loaded: ServedVersion;
    try {
      loaded = await ServedVersion.open({ model, version, file, contract: load.contract, log: this.options.say });
    } catch (error) {
      throw new HttpError(422, `${model} v${version} cannot be served: ${(error as Error).message}`);
    }
    const table = this.table.get(model);
    const versions = new Map(table?.versions ?? []);
    versions.set(version, loaded);
    // A model's first version answers at once; later ones wait until routing names them.
    this.replaceModel({ name: model, versions, routing: table?.routing ?? { primary: version, canary: null, shadow: null } }, model);
    this.options.say(`loaded ${model} v${version} (sha256 ${sha256.slice(0, 12)}…)${table ? '' : ' as its primary'}`);
    return { status: 201, loaded };
  }

  private async unloadVersion(model: string, version: string): Promise<void> {
    const table = this.modelTable(model);
    const served = table.versions.get(version);
    if (!served) throw new HttpError(404, `${model} has no version "${version}" loaded`);
    if (table.versions.size === 1) {
      // The model's only version: unloading it takes the model away (a first deployment rolled back).
      this.replaceModel(null, model);
      await served.retire();
      this.options.say(`unloaded ${model} v${version}, its only version: ${model} is no longer served`);
      return;
    }
    if (routedVersions(table.routing).has(version)) {
      throw new HttpError(409, `${model} v${version} is in the routing (primary ${table.routing.primary}${table.routing.canary ? `, canary ${table.routing.canary.version}` : ''}${table.routing.shadow ? `, shadow ${table.routing.shadow.version}` : ''}): route traffic away from it first`);
    }
    const versions = new Map(table.versions);
    versions.delete(version);
    this.replaceModel({ ...table, versions }, model);
    // Requests that were routed to it before the swap finish first.
    await served.retire();
    this.options.say(`unloaded ${model} v${version}`);
  }

  private async setRouting(model: string, routing: Routing): Promise<Routing> {
    const table = this.modelTable(model);
    const missing = unloadedVersions(routing, table.versions);
    if (missing.length > 0) throw new HttpError(409, `${model} has no version ${missing.join(', ')} loaded: load it before routing to it`);
    this.replaceModel({ ...table, routing }, model);
    const parts = [`primary ${routing.primary}`, routing.canary ? `canary ${routing.canary.version} at ${routing.canary.percent}%` : '', routing.shadow ? `shadow ${routing.shadow.version} at ${routing.shadow.percent}%` : ''].filter(Boolean);
    this.options.say(`routing of ${model}: ${parts.join(', ')}`);
    return routing;
  }


  private get ready(): boolean {
    return !this.draining && this.table.size > 0;
  }

  status(): ServerStatus {
    return {
      format: 'ghml.serve-status/v1',
      startedAt: this.startedAt.toISOString(),
      ready: this.ready,
      draining: this.draining,
      inFlight: this.inFlight,
      models: [...this.table.values()].map((table) => ({
        name: table.name,
        routing: table.routing,
        versions: [...table.versions.values()].map((version) => ({
          version: version.version,
          sha256: version.sha256,
          loadedAt: version.loadedAt.toISOString(),
          inFlight: version.inFlight,
          contract: version.contract !== null,
          served: this.metrics.traffic(table.name, version.version, 'served'),
          shadow: this.metrics.traffic(table.name, version.version, 'shadow'),
        })),
      })),
      predictionLog: this.log ? { directory: this.log.directory, file: this.log.file, lines: this.log.lines, dropped: this.log.dropped } : null,
      incidents: [...this.incidents],
    };
  }

  private renderMetrics(): string {
    const routing = [...this.table.values()].flatMap((table) => roles(table).map((entry) => ({ model: table.name, ...entry })));
    const log = [this.log, this.shadowLog].filter((entry): entry is PredictionLog => entry !== null);
    return this.metrics.render({
      inFlight: this.inFlight,
      routing,
      log: log.map((entry) => ({ stream: entry.stream, lines: entry.lines, dropped: entry.dropped })),
    });
  }

  private checkIdle(): void {
    if (this.inFlight === 0 && this.shadowsInFlight === 0) this.idle?.();
  }

  /**
   * Shuts down without failing a request. Turns not-ready at once and keeps serving for the grace
   * period (`graceMs`, the drain grace unless given), each answer closing its connection so that
   * clients reconnect to servers that stay; then stops taking connections, answers the requests
   * already in flight (and runs their shadows), flushes the prediction log and releases the models.
   * Requests still running after the drain timeout have their connections closed.
   */
  shutdown(graceMs = this.options.drainGraceMs): Promise<void> {
    this.closing ??= (async () => {
      this.draining = true;
      if (graceMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          this.finishGrace = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      this.finishGrace = undefined;
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeIdleConnections();
      if (this.inFlight > 0 || this.shadowsInFlight > 0) {
        const drained = new Promise<void>((resolve) => (this.idle = resolve));
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.drainTimeoutMs)));
        await Promise.race([drained, timedOut]);
        clearTimeout(timer);
        if (this.inFlight > 0) this.options.say(`closing ${this.inFlight} connection(s) still busy after ${this.options.drainTimeoutMs} ms`);
      }
      this.server.closeAllConnections();
      await closed;
      await Promise.all([this.log?.close(), this.shadowLog?.close()]);
      for (const table of this.table.values()) for (const version of table.versions.values()) await version.retire();
    })();
    return this.closing;
  }

  /** Ends a shutdown's grace period now (a second signal): connections are refused from here on. */
  endGrace(): void {
    this.finishGrace?.();
  }
}
