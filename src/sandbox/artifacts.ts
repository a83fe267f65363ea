/**
 * GitHub Actions' artifact service as `@actions/artifact` (v2 and later, behind upload-artifact@v4)
 * reaches it: not the REST API but the results service at ACTIONS_RESULTS_URL, a Twirp JSON API
 * authenticated by the job's runtime token, which hands out signed URLs of Azure Blob Storage that
 * the library then talks to with `@azure/storage-blob` (Put Block, Put Block List, Get Blob).
 * Here both live on the sandbox's own origin, and the artifacts are also visible the REST way.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { finished, pipeline } from 'node:stream/promises';
import type { SandboxCore } from './context.js';
import type { ContractViolation } from './contract.js';
import type { FaultInjector, ServedFault } from './faults.js';
import { ApiError, notFound, paginate, timestamp } from './http.js';
import { nodeId } from './representations.js';
import type { RouteDefinition } from './routes.js';

/** A workflow run with one job, as far as the artifact service and the REST API know it. */
export interface WorkflowRun {
  /** GITHUB_RUN_ID: the run's id in the REST API. */
  id: number;
  attempt: number;
  /** The run and its job as the results service names them (the `scp` claim of the runtime token). */
  backendId: string;
  jobBackendId: string;
  /** ACTIONS_RUNTIME_TOKEN of the job: a JWT signed by the sandbox, scoped to this run and job. */
  runtimeToken: string;
  headBranch: string;
  headSha: string;
}

interface StagedBlock {
  file: string;
  size: number;
}

interface CommittedBlob {
  file: string;
  size: number;
  sha256: string;
  /** Base64, as Azure sends Content-MD5. */
  md5: string;
  contentType: string;
  etag: string;
  lastModified: Date;
  /** Where each committed block lies in the file, so a later block list can name it again. */
  blocks: { id: string; offset: number; size: number }[];
}

interface ArtifactRecord {
  id: number;
  name: string;
  run: WorkflowRun;
  jobBackendId: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  /** `<container>/<blob>` in the storage account. */
  blobPath: string;
  staged: Map<string, StagedBlock>;
  blob: CommittedBlob | undefined;
  finalized: boolean;
}

export interface ArtifactServiceDeps {
  core: SandboxCore;
  faults: FaultInjector;
  callLog: Map<string, number>;
  contractViolations: ContractViolation[];
  validate: boolean;
  /** Where blocks and committed artifacts are kept, one folder per workflow run. */
  directory: string;
}

const twirpService = 'github.actions.results.api.v1.ArtifactService';
const twirpPrefix = `/twirp/${twirpService}/`;
const storagePrefix = '/_storage/actions-results/';
const storageTemplate = `${storagePrefix}{blob}`;
const storageVersion = '2025-05-05';
const retentionDays = 90;
/** GitHub's REST download redirect "expires after 1 minute". */
const restDownloadLifetimeMs = 60_000;
const signedUrlLifetimeMs = 60 * 60_000;
const runtimeTokenLifetimeSeconds = 6 * 3600;

/** The characters upload-artifact refuses in artifact names; the service refuses them too. */
const forbiddenNameCharacters = /["\\:<>|*?\r\n/]/;

const services = new WeakMap<SandboxCore, ArtifactService>();

function artifactService(core: SandboxCore): ArtifactService {
  const service = services.get(core);
  if (!service) throw new Error('the sandbox has no artifact service');
  return service;
}

/** Twirp's error codes and the HTTP statuses its specification gives them. */
const twirpStatuses = {
  bad_route: 404, malformed: 400, invalid_argument: 400, unauthenticated: 401, permission_denied: 403,
  not_found: 404, already_exists: 409, failed_precondition: 412, resource_exhausted: 429, internal: 500, unavailable: 503,
} as const;
type TwirpCode = keyof typeof twirpStatuses;

class TwirpError extends Error {
  constructor(readonly code: TwirpCode, message: string) {
    super(message);
  }
}

/** An Azure Storage error: its status, `x-ms-error-code` and the XML body Azure sends. */
class StorageError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly detail?: string) {
    super(message);
  }
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A file to stream as the body. */
  file?: string;
}

type FieldType = 'string' | 'int32' | 'int64' | 'timestamp';

/** Request messages of ArtifactService (results/api/v1/artifact.proto): field → JSON type; wrappers carry their value. */
const ids = { workflow_run_backend_id: 'string', workflow_job_run_backend_id: 'string' } as const;
const requestFields = {
  CreateArtifact: { ...ids, name: 'string', expires_at: 'timestamp', version: 'int32', mime_type: 'string' },
  FinalizeArtifact: { ...ids, name: 'string', size: 'int64', hash: 'string' },
  ListArtifacts: { ...ids, name_filter: 'string', id_filter: 'int64' },
  GetSignedArtifactURL: { ...ids, name: 'string' },
  DeleteArtifact: { ...ids, name: 'string' },
} satisfies Record<string, Record<string, FieldType>>;
type Rpc = keyof typeof requestFields;

function fieldProblem(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value !== 'string';
    case 'int32':
      return !Number.isInteger(value);
    case 'int64':
      return !(Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)));
    case 'timestamp':
      return typeof value !== 'string' || Number.isNaN(Date.parse(value));
  }
}

/** Protobuf's JSON form accepts a field by its proto name or its lowerCamelCase JSON name. */
function protoName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Azure's timestamps in SAS parameters: ISO 8601 to the second. */
const sasTime = (ms: number) => timestamp(new Date(ms));

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Consumes what is left of a request body, so an early answer does not reset the connection. */
async function drain(request: IncomingMessage): Promise<void> {
  if (request.readableEnded) return;
  request.resume();
  await finished(request).catch(() => undefined);
}

interface Received {
  size: number;
  md5: string;
  sha256: string;
}

async function receive(request: IncomingMessage, file: string): Promise<Received> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let size = 0;
  await pipeline(
    request,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        md5.update(chunk);
        sha256.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(file),
  );
  return { size, md5: md5.digest('base64'), sha256: sha256.digest('hex') };
}

function newEtag(): string {
  return `"0x8D${randomBytes(7).toString('hex').toUpperCase()}"`;
}

export class ArtifactService {
  private readonly runs = new Map<string, WorkflowRun>();
  private readonly artifacts: ArtifactRecord[] = [];
  /** Signs runtime tokens, as GitHub's token service does. */
  private readonly tokenKey = randomBytes(32);
  /** The storage account key that signs the SAS URLs. */
  private readonly accountKey = randomBytes(32);

  constructor(private readonly deps: ArtifactServiceDeps) {
    services.set(deps.core, this);
  }

  /** ACTIONS_RESULTS_URL: the library takes only its origin. */
  get resultsUrl(): string {
    return `${this.deps.core.urls.origin}/`;
  }

  serves(pathname: string): boolean {
    return pathname.startsWith('/twirp/') || pathname.startsWith(storagePrefix);
  }

  async startWorkflowRun(): Promise<WorkflowRun> {
    const { core } = this.deps;
    const headBranch = core.repo.defaultBranch;
    const headSha = await core.git.resolve(headBranch, 'commit');
    if (!headSha) throw new Error(`no commit on ${headBranch}`);
    const backendId = randomUUID();
    const jobBackendId = randomUUID();
    const run: WorkflowRun = { id: core.state.nextId(), attempt: 1, backendId, jobBackendId, runtimeToken: this.runtimeToken(backendId, jobBackendId), headBranch, headSha };
    this.runs.set(backendId, run);
    return run;
  }

  runById(id: number): WorkflowRun | undefined {
    return [...this.runs.values()].find((run) => run.id === id);
  }

  /** Finalized artifacts of a run, expired ones included, as the REST API lists them. */
  finalizedOf(run: WorkflowRun): ArtifactRecord[] {
    return this.artifacts.filter((artifact) => artifact.run === run && artifact.finalized);
  }

  finalizedById(id: number): ArtifactRecord | undefined {
    return this.artifacts.find((artifact) => artifact.id === id && artifact.finalized);
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID();
    if (url.pathname.startsWith(storagePrefix)) await this.storage(request, response, url, requestId);
    else await this.twirp(request, response, url, requestId);
  }

  /**
   * A storage URL for the artifact's blob, signed like a service SAS: the permissions (`sp`), the
   * time frame (`st`, `se`) and the Content-Disposition to answer with (`rscd`) are covered by `sig`.
   */
  signedUrl(artifact: ArtifactRecord, permissions: 'cw' | 'r', lifetimeMs: number): string {
    const now = Date.now();
    const query = new URLSearchParams({ sv: storageVersion, sr: 'b', sp: permissions, st: sasTime(now - 5 * 60_000), se: sasTime(now + lifetimeMs) });
    if (permissions === 'r') query.set('rscd', `attachment; filename="${artifact.name}.zip"`);
    query.set('sig', this.sasSignature(artifact.blobPath, query));
    return `${this.deps.core.urls.origin}${storagePrefix}${artifact.blobPath.slice('actions-results/'.length)}?${query}`;
  }

  private sasSignature(blobPath: string, query: URLSearchParams): string {
    const field = (name: string) => query.get(name) ?? '';
    const stringToSign = [field('sp'), field('st'), field('se'), `/blob/sandbox/${blobPath}`, field('sv'), field('sr'), field('rscd')].join('\n');
    return createHmac('sha256', this.accountKey).update(stringToSign).digest('base64');
  }

  private runtimeToken(backendId: string, jobBackendId: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const claims = base64url(JSON.stringify({
      scp: `Actions.GenericRead:${randomUUID()} Actions.UploadArtifacts:${backendId}:${jobBackendId} Actions.Results:${backendId}:${jobBackendId}`,
      iss: 'vstoken.actions.githubusercontent.com',
      aud: 'vso:sandbox',
      iat: now,
      nbf: now,
      exp: now + runtimeTokenLifetimeSeconds,
    }));
    return `${header}.${claims}.${this.tokenSignature(`${header}.${claims}`)}`;
  }

  private tokenSignature(signed: string): string {
    return createHmac('sha256', this.tokenKey).update(signed).digest('base64url');
  }

  /** The run and job a runtime token is scoped to; anything but a token signed here is unauthenticated. */
  private authenticate(authorization: string | undefined): { run: WorkflowRun; jobBackendId: string } {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TwirpError('unauthenticated', 'a runtime token is required');
    const [header, payload, signature] = token.split('.');
    if (signature === undefined || !sameSecret(signature, this.tokenSignature(`${header}.${payload}`))) {
      throw new TwirpError('unauthenticated', 'the runtime token is not valid');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: string; exp?: number; nbf?: number };
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now || (claims.nbf ?? 0) > now + 60) throw new TwirpError('unauthenticated', 'the runtime token has expired or is not valid yet');
    const scope = claims.scp?.split(' ').find((entry) => entry.startsWith('Actions.Results:'))?.split(':');
    const run = scope?.length === 3 ? this.runs.get(scope[1]) : undefined;
    if (!run || scope![2] !== run.jobBackendId) throw new TwirpError('permission_denied', 'the runtime token has no Actions.Results scope for a known job');
    return { run, jobBackendId: scope![2] };
  }

  private count(operationId: string): void {
    this.deps.callLog.set(operationId, (this.deps.callLog.get(operationId) ?? 0) + 1);
  }

  private violation(kind: ContractViolation['kind'], subject: string, message: string): void {
    if (kind === 'unknown-operation' || this.deps.validate) this.deps.contractViolations.push({ kind, subject, message });
  }

  // ── Twirp ─────────────────────────────────────────────────────────────────────────────────────

  private async twirp(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string): Promise<void> {
    const raw = await buffer(request);
    const method = url.pathname.startsWith(twirpPrefix) ? url.pathname.slice(twirpPrefix.length) : '';
    const fields: Record<string, FieldType> | undefined = Object.hasOwn(requestFields, method) ? requestFields[method as Rpc] : undefined;
    const operationId = `ArtifactService/${method}`;
    let answer: Answer;
    try {
      if (!fields) {
        this.violation('unknown-operation', `${request.method} ${url.pathname}`, 'the sandbox serves no such Twirp method; ghml calls a part of the results service the sandbox lacks');
        throw new TwirpError('bad_route', `no handler for path "${url.pathname}"`);
      }
      this.count(operationId);
      const fault = this.deps.faults.take('POST', url.pathname, operationId, requestId);
      if (fault) {
        answer = twirpFault(fault);
      } else {
        if (request.method !== 'POST') throw this.malformed(operationId, 'bad_route', `unsupported method "${request.method}" (only POST is allowed)`);
        const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim();
        if (contentType !== 'application/json') throw this.malformed(operationId, 'bad_route', `unexpected Content-Type: "${contentType}"; the sandbox speaks Twirp's JSON form`);
        const caller = this.authenticate(request.headers.authorization);
        const body = this.parseMessage(operationId, fields, raw);
        answer = { status: 200, body: await this.call(method as Rpc, body, caller) };
      }
    } catch (error) {
      if (!(error instanceof TwirpError)) throw error;
      answer = { status: twirpStatuses[error.code], body: { code: error.code, msg: error.message } };
    }
    const bytes = Buffer.from(answer.body === undefined ? '' : JSON.stringify(answer.body));
    response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(bytes.length), ...answer.headers });
    response.end(bytes);
  }

  private malformed(operationId: string, code: TwirpCode, message: string): TwirpError {
    this.violation('request', operationId, message);
    return new TwirpError(code, message);
  }

  private parseMessage(operationId: string, fields: Record<string, FieldType>, raw: Buffer): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw this.malformed(operationId, 'malformed', 'the json request could not be decoded');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw this.malformed(operationId, 'malformed', 'the json request is not an object');
    const message: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) {
      const name = protoName(key);
      if (!(name in fields)) throw this.malformed(operationId, 'malformed', `unknown field "${key}"`);
      if (fieldProblem(fields[name], value)) throw this.malformed(operationId, 'malformed', `field "${key}" is not a ${fields[name]}`);
      message[name] = value;
    }
    return message;
  }

  private async call(method: Rpc, body: Record<string, unknown>, caller: { run: WorkflowRun; jobBackendId: string }): Promise<Record<string, unknown>> {
    if (body.workflow_run_backend_id !== caller.run.backendId) throw new TwirpError('permission_denied', 'the runtime token is not scoped to this workflow run');
    const writes = method === 'CreateArtifact' || method === 'FinalizeArtifact';
    if (writes && body.workflow_job_run_backend_id !== caller.jobBackendId) throw new TwirpError('permission_denied', 'the runtime token is not scoped to this job');
    const name = String(body.name ?? '');
    switch (method) {
      case 'CreateArtifact':
        return this.createArtifact(caller, name, body);
      case 'FinalizeArtifact':
        return this.finalizeArtifact(caller, name, body);
      case 'ListArtifacts': {
        const now = Date.now();
        const found = this.finalizedOf(caller.run).filter((artifact) => artifact.expiresAt.getTime() > now
          && (body.name_filter === undefined || artifact.name === body.name_filter)
          && (body.id_filter === undefined || String(artifact.id) === String(body.id_filter)));
        return {
          artifacts: found.map((artifact) => ({
            workflow_run_backend_id: artifact.run.backendId,
            workflow_job_run_backend_id: artifact.jobBackendId,
            database_id: String(artifact.id),
            name: artifact.name,
            size: String(artifact.blob!.size),
            created_at: artifact.createdAt.toISOString(),
            digest: `sha256:${artifact.blob!.sha256}`,
          })),
        };
      }
      case 'GetSignedArtifactURL':
        return { signed_url: this.signedUrl(this.namedArtifact(caller.run, body), 'r', signedUrlLifetimeMs) };
      case 'DeleteArtifact': {
        const artifact = this.namedArtifact(caller.run, body);
        this.artifacts.splice(this.artifacts.indexOf(artifact), 1);
        await this.removeFiles(artifact);
        return { ok: true, artifact_id: String(artifact.id) };
      }
    }
  }

  /** A finalized artifact by the run, job and name a request names: how Get and Delete find it. */
  private namedArtifact(run: WorkflowRun, body: Record<string, unknown>): ArtifactRecord {
    const artifact = this.finalizedOf(run).find((candidate) => candidate.name === body.name && candidate.jobBackendId === body.workflow_job_run_backend_id);
    if (!artifact) throw new TwirpError('not_found', `artifact ${String(body.name)} not found`);
    return artifact;
  }

  private async createArtifact(caller: { run: WorkflowRun; jobBackendId: string }, name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (name === '' || forbiddenNameCharacters.test(name)) throw new TwirpError('invalid_argument', `artifact name "${name}" is empty or has a character artifacts may not have`);
    if (Number(body.version ?? 0) < 4) throw new TwirpError('invalid_argument', `artifact version ${String(body.version ?? 0)} is not supported: use @actions/artifact 2 or later`);
    const now = new Date();
    const expiresAt = body.expires_at === undefined ? new Date(now.getTime() + retentionDays * 86_400_000) : new Date(String(body.expires_at));
    if (expiresAt <= now) throw new TwirpError('invalid_argument', 'expires_at is in the past');
    const existing = this.artifacts.find((artifact) => artifact.run === caller.run && artifact.name === name);
    if (existing?.finalized) throw new TwirpError('already_exists', 'an artifact with this name already exists on the workflow run');
    // An upload that never finalized (a failed attempt) gives way to the new one.
    if (existing) this.artifacts.splice(this.artifacts.indexOf(existing), 1);
    const id = this.deps.core.state.nextId();
    const artifact: ArtifactRecord = {
      id,
      name,
      run: caller.run,
      jobBackendId: caller.jobBackendId,
      createdAt: now,
      updatedAt: now,
      expiresAt,
      blobPath: `actions-results/${caller.run.backendId}/workflow-job-run-${caller.jobBackendId}/artifacts/${id}.zip`,
      staged: new Map(),
      blob: undefined,
      finalized: false,
    };
    this.artifacts.push(artifact);
    if (existing) await this.removeFiles(existing);
    return { ok: true, signed_upload_url: this.signedUrl(artifact, 'cw', signedUrlLifetimeMs) };
  }

  private finalizeArtifact(caller: { run: WorkflowRun; jobBackendId: string }, name: string, body: Record<string, unknown>): Record<string, unknown> {
    const artifact = this.artifacts.find((candidate) => candidate.run === caller.run && candidate.name === name && candidate.jobBackendId === caller.jobBackendId);
    if (!artifact) throw new TwirpError('not_found', `artifact ${name} not found`);
    if (artifact.finalized) throw new TwirpError('failed_precondition', `artifact ${name} is already finalized`);
    const { blob } = artifact;
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for artifact ${name}: commit the blob (Put Block List or Put Blob) first`);
    if (String(body.size ?? '0') !== String(blob.size)) throw new TwirpError('invalid_argument', `size ${String(body.size ?? 0)} does not match the ${blob.size} bytes uploaded`);
    if (body.hash !== undefined && body.hash !== `sha256:${blob.sha256}`) throw new TwirpError('invalid_argument', `hash ${String(body.hash)} does not match the uploaded content (sha256:${blob.sha256})`);
    artifact.finalized = true;
    artifact.updatedAt = new Date();
    return { ok: true, artifact_id: String(artifact.id) };
  }

  private artifactDirectory(artifact: ArtifactRecord): string {
    return path.join(this.deps.directory, String(artifact.run.id));
  }

  private blocksDirectory(artifact: ArtifactRecord): string {
    return path.join(this.artifactDirectory(artifact), `${artifact.id}.blocks`);
  }

  private async removeFiles(artifact: ArtifactRecord): Promise<void> {
    await rm(this.blocksDirectory(artifact), { recursive: true, force: true });
    await rm(path.join(this.artifactDirectory(artifact), `${artifact.id}.zip`), { force: true });
  }

  // ── Blob storage ──────────────────────────────────────────────────────────────────────────────

  private async storage(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string): Promise<void> {
    const method = request.method ?? 'GET';
    const comp = url.searchParams.get('comp');
    const operation = blobOperation(method, comp);
    let answer: Answer;
    try {
      if (!operation) {
        this.violation('unknown-operation', `${method} ${url.pathname}${comp ? `?comp=${comp}` : ''}`, 'the sandbox\'s blob storage serves Put Blob, Put Block, Put Block List and Get Blob only');
        throw new StorageError(method === 'GET' || method === 'PUT' ? 400 : 405, method === 'GET' || method === 'PUT' ? 'InvalidQueryParameterValue' : 'UnsupportedHttpVerb', 'The resource doesn\'t support the specified HTTP verb or query parameter.');
      }
      const operationId = `BlobService/${operation}`;
      this.count(operationId);
      const fault = this.deps.faults.take(method, storageTemplate, operationId, requestId);
      if (fault) {
        await drain(request);
        answer = storageFault(fault);
      } else {
        const blobPath = `actions-results/${decodeURIComponent(url.pathname.slice(storagePrefix.length))}`;
        this.authorizeStorage(blobPath, url.searchParams, operation === 'GetBlob' ? 'r' : 'w');
        const artifact = this.artifacts.find((candidate) => candidate.blobPath === blobPath);
        if (!artifact) throw new StorageError(404, 'BlobNotFound', 'The specified blob does not exist.');
        answer = operation === 'GetBlob' ? getBlob(artifact, url.searchParams)
          : operation === 'PutBlock' ? await this.putBlock(request, artifact, operationId, url.searchParams)
          : operation === 'PutBlockList' ? await this.putBlockList(request, artifact, operationId)
          : await this.putBlob(request, artifact, operationId);
      }
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      await drain(request);
      answer = storageErrorAnswer(error, requestId);
    }
    const headers: Record<string, string> = {
      server: 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0',
      'x-ms-request-id': requestId,
      'x-ms-version': String(request.headers['x-ms-version'] ?? storageVersion),
      ...(request.headers['x-ms-client-request-id'] ? { 'x-ms-client-request-id': String(request.headers['x-ms-client-request-id']) } : {}),
      ...answer.headers,
    };
    if (answer.file) {
      response.writeHead(answer.status, headers);
      // A client that hangs up mid-download is no fault of the sandbox's.
      await pipeline(createReadStream(answer.file), response).catch(() => response.destroy());
      return;
    }
    const bytes = answer.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    response.writeHead(answer.status, { ...headers, 'content-length': String(bytes.length) });
    response.end(bytes);
  }

  /** Checks the SAS the way Azure does: the signature, then the time frame, then the permission. */
  private authorizeStorage(blobPath: string, query: URLSearchParams, needed: 'r' | 'w'): void {
    const signature = query.get('sig');
    if (!signature) throw new StorageError(401, 'NoAuthenticationInformation', 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.');
    if (!sameSecret(signature, this.sasSignature(blobPath, query))) {
      throw new StorageError(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.', 'Signature did not match.');
    }
    const now = Date.now();
    const start = Date.parse(query.get('st') ?? '');
    const expiry = Date.parse(query.get('se') ?? '');
    if (!(start <= now && now < expiry)) {
      throw new StorageError(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        `Signature not valid in the specified time frame: Start [${query.get('st')}] - Expiry [${query.get('se')}] - Current [${new Date(now).toUTCString()}]`);
    }
    if (!(query.get('sp') ?? '').includes(needed)) throw new StorageError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
  }

  /** A request Azure refuses for its form: a protocol mistake of the client, so also a contract violation. */
  private invalidRequest(operationId: string, status: number, code: string, message: string): StorageError {
    this.violation('request', operationId, `${code}: ${message}`);
    return new StorageError(status, code, message);
  }

  private requireContentLength(request: IncomingMessage, operationId: string): void {
    if (request.headers['content-length'] === undefined) throw this.invalidRequest(operationId, 411, 'MissingContentLengthHeader', 'Content-Length HTTP header is missing.');
  }

  private async putBlock(request: IncomingMessage, artifact: ArtifactRecord, operationId: string, query: URLSearchParams): Promise<Answer> {
    const blockId = query.get('blockid');
    if (!blockId || !/^[A-Za-z0-9+/]+={0,2}$/.test(blockId) || Buffer.from(blockId, 'base64').length > 64) {
      throw this.invalidRequest(operationId, 400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.');
    }
    // Azure requires every block id of a blob to have the same length.
    const [other] = artifact.staged.keys();
    if (other !== undefined && other.length !== blockId.length) throw this.invalidRequest(operationId, 400, 'InvalidBlobOrBlock', 'The specified blob or block content is invalid.');
    this.requireContentLength(request, operationId);
    const directory = this.blocksDirectory(artifact);
    await mkdir(directory, { recursive: true });
    const file = path.join(directory, Buffer.from(blockId).toString('hex'));
    const received = await receive(request, file);
    const md5 = request.headers['content-md5'];
    if (md5 !== undefined && md5 !== received.md5) {
      await rm(file, { force: true });
      throw new StorageError(400, 'Md5Mismatch', 'The MD5 value specified in the request did not match with the MD5 value calculated by the server.');
    }
    artifact.staged.set(blockId, { file, size: received.size });
    return { status: 201, headers: { 'x-ms-request-server-encrypted': 'true', ...(md5 !== undefined ? { 'content-md5': received.md5 } : {}) } };
  }

  private async putBlockList(request: IncomingMessage, artifact: ArtifactRecord, operationId: string): Promise<Answer> {
    const xml = (await buffer(request)).toString('utf8');
    if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) throw this.invalidRequest(operationId, 400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.');
    const committed = new Map(artifact.blob?.blocks.map((block) => [block.id, block]));
    const sources = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(([, list, id]) => {
      const staged = list === 'Committed' ? undefined : artifact.staged.get(id);
      const previous = list === 'Uncommitted' || staged ? undefined : committed.get(id);
      if (!staged && !previous) throw this.invalidRequest(operationId, 400, 'InvalidBlockList', 'The specified block list is invalid.');
      return { id, staged, previous };
    });
    await mkdir(this.artifactDirectory(artifact), { recursive: true });
    const target = path.join(this.artifactDirectory(artifact), `${artifact.id}.zip`);
    const temporary = `${target}.${randomUUID()}.tmp`;
    const md5 = createHash('md5');
    const sha256 = createHash('sha256');
    const blocks: CommittedBlob['blocks'] = [];
    let offset = 0;
    const previousFile = artifact.blob?.file;
    await pipeline(async function* () {
      for (const source of sources) {
        const stream = source.staged
          ? createReadStream(source.staged.file)
          : createReadStream(previousFile!, { start: source.previous!.offset, end: source.previous!.offset + source.previous!.size - 1 });
        let size = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          md5.update(chunk);
          sha256.update(chunk);
          size += chunk.length;
          yield chunk;
        }
        blocks.push({ id: source.id, offset, size });
        offset += size;
      }
    }, createWriteStream(temporary));
    await rename(temporary, target);
    // Committing discards every block the list leaves out, as Azure does.
    await rm(this.blocksDirectory(artifact), { recursive: true, force: true });
    artifact.staged.clear();
    const contentType = String(request.headers['x-ms-blob-content-type'] ?? 'application/octet-stream');
    return this.committed(artifact, { file: target, size: offset, sha256: sha256.digest('hex'), md5: md5.digest('base64'), contentType, blocks });
  }

  private async putBlob(request: IncomingMessage, artifact: ArtifactRecord, operationId: string): Promise<Answer> {
    const type = request.headers['x-ms-blob-type'];
    if (type === undefined) throw this.invalidRequest(operationId, 400, 'MissingRequiredHeader', 'An HTTP header that\'s mandatory for this request is not specified.');
    if (type !== 'BlockBlob') throw this.invalidRequest(operationId, 400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.');
    this.requireContentLength(request, operationId);
    const target = path.join(this.artifactDirectory(artifact), `${artifact.id}.zip`);
    const temporary = `${target}.${randomUUID()}.tmp`;
    await mkdir(this.artifactDirectory(artifact), { recursive: true });
    const received = await receive(request, temporary);
    const md5 = request.headers['content-md5'];
    if (md5 !== undefined && md5 !== received.md5) {
      await rm(temporary, { force: true });
      throw new StorageError(400, 'Md5Mismatch', 'The MD5 value specified in the request did not match with the MD5 value calculated by the server.');
    }
    await rename(temporary, target);
    await rm(this.blocksDirectory(artifact), { recursive: true, force: true });
    artifact.staged.clear();
    const contentType = String(request.headers['x-ms-blob-content-type'] ?? request.headers['content-type'] ?? 'application/octet-stream');
    const answer = this.committed(artifact, { file: target, size: received.size, sha256: received.sha256, md5: received.md5, contentType, blocks: [] });
    return { ...answer, headers: { ...answer.headers, 'content-md5': received.md5 } };
  }

  private committed(artifact: ArtifactRecord, blob: Omit<CommittedBlob, 'etag' | 'lastModified'>): Answer {
    artifact.blob = { ...blob, etag: newEtag(), lastModified: new Date() };
    return { status: 201, headers: { etag: artifact.blob.etag, 'last-modified': artifact.blob.lastModified.toUTCString(), 'x-ms-request-server-encrypted': 'true' } };
  }
}

/** The Blob service operation a request is, by its verb and `comp` parameter. */
function blobOperation(method: string, comp: string | null): string | undefined {
  if (method === 'PUT') return comp === null ? 'PutBlob' : comp === 'block' ? 'PutBlock' : comp === 'blocklist' ? 'PutBlockList' : undefined;
  return method === 'GET' && comp === null ? 'GetBlob' : undefined;
}

function getBlob(artifact: ArtifactRecord, query: URLSearchParams): Answer {
  const { blob } = artifact;
  if (!blob) throw new StorageError(404, 'BlobNotFound', 'The specified blob does not exist.');
  const disposition = query.get('rscd');
  return {
    status: 200,
    file: blob.file,
    headers: {
      'content-type': blob.contentType,
      'content-length': String(blob.size),
      'content-md5': blob.md5,
      ...(disposition ? { 'content-disposition': disposition } : {}),
      etag: blob.etag,
      'last-modified': blob.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-creation-time': artifact.createdAt.toUTCString(),
      'x-ms-lease-status': 'unlocked',
      'x-ms-lease-state': 'available',
      'x-ms-server-encrypted': 'true',
    },
  };
}

function storageErrorAnswer(error: StorageError, requestId: string): Answer {
  const detail = error.detail ? `<AuthenticationErrorDetail>${escapeXml(error.detail)}</AuthenticationErrorDetail>` : '';
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': error.code },
    body: `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message>${detail}</Error>`,
  };
}

const faultStatus = (fault: ServedFault): number => (typeof fault.status === 'number' ? fault.status : 403);

/** A fault on a Twirp method, in Twirp's error form. */
function twirpFault(fault: ServedFault): Answer {
  if (fault.status === 'response') return fault.response;
  const status = faultStatus(fault);
  const code: TwirpCode = status === 429 ? 'resource_exhausted' : status === 403 ? 'permission_denied' : status === 500 ? 'internal' : 'unavailable';
  return { status, body: { code, msg: `injected fault: ${code}` } };
}

/** A fault on the blob storage, in Azure's error form. */
function storageFault(fault: ServedFault): Answer {
  if (fault.status === 'response') return fault.response;
  const status = faultStatus(fault);
  const [code, message] = status === 500 ? ['InternalError', 'Server encountered an internal error. Please try again after some time.']
    : status === 403 ? ['AuthorizationFailure', 'This request is not authorized to perform this operation.']
    : ['ServerBusy', 'The server is currently unable to receive requests. Please retry your request.'];
  return storageErrorAnswer(new StorageError(status, code, message), randomUUID());
}

function artifactJson(core: SandboxCore, artifact: ArtifactRecord): Record<string, unknown> {
  const url = `${core.urls.repoApi}/actions/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.blob!.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expiresAt.getTime() <= Date.now(),
    created_at: timestamp(artifact.createdAt),
    expires_at: timestamp(artifact.expiresAt),
    updated_at: timestamp(artifact.updatedAt),
    digest: `sha256:${artifact.blob!.sha256}`,
    workflow_run: {
      id: artifact.run.id,
      repository_id: core.repo.id,
      head_repository_id: core.repo.id,
      head_branch: artifact.run.headBranch,
      head_sha: artifact.run.headSha,
    },
  };
}

const actionsRead = { kind: 'repo', scope: 'actions', level: 'read' } as const;

/** The REST side of the same artifacts: a run's list, and downloads redirected to signed storage. */
export const artifactRoutes: RouteDefinition[] = [
  {
    operationId: 'actions/list-workflow-run-artifacts',
    access: actionsRead,
    async handle(ctx) {
      const service = artifactService(ctx.core);
      const run = service.runById(Number(ctx.params.run_id));
      if (!run) throw notFound();
      const name = ctx.query.get('name');
      const matching = service.finalizedOf(run).filter((artifact) => name === null || artifact.name === name);
      const ordered = ctx.query.get('direction') === 'asc' ? matching : [...matching].reverse();
      const { page, headers } = paginate(ordered, ctx.query, ctx.url);
      return { status: 200, headers, body: { total_count: matching.length, artifacts: page.map((artifact) => artifactJson(ctx.core, artifact)) } };
    },
  },
  {
    operationId: 'actions/download-artifact',
    access: actionsRead,
    async handle(ctx) {
      const service = artifactService(ctx.core);
      const artifact = service.finalizedById(Number(ctx.params.artifact_id));
      if (!artifact || ctx.params.archive_format !== 'zip') throw notFound();
      if (artifact.expiresAt.getTime() <= Date.now()) throw new ApiError(410, 'Artifact has expired');
      return { status: 302, headers: { location: service.signedUrl(artifact, 'r', restDownloadLifetimeMs) } };
    },
  },
];
