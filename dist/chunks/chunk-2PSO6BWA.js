import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  DatasetStream,
  downloadPackage,
  looksLikeClassifier,
  metadataList,
  planInputs,
  planOutputs,
  readPredictions,
  refuseZipMapOnly
} from "./chunk-NVCOGM22.js";
import {
  checkDataFiles,
  isRecord,
  valueAt
} from "./chunk-3C6XEXBA.js";
import {
  MANIFEST_NAME
} from "./chunk-WFSC643H.js";
import {
  DataProfile,
  deploymentStrategies,
  formatReference
} from "./chunk-GDY5R3NU.js";
import {
  DataContract,
  durationPattern,
  external_exports,
  loadDocument,
  parseDuration,
  table
} from "./chunk-FKGEWHBH.js";
import {
  ModelSession
} from "./chunk-5ISKAEX6.js";
import {
  sha256Hex
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";

// src/contracts/deploy.ts
var deployTargets = ["serve", "batch", "command"];
var DeployTarget = external_exports.enum(deployTargets);
var DeployStrategy = external_exports.enum(deploymentStrategies);
var STEP_UNITS = ["ms", "s", "m"];
var decimal = external_exports.string().regex(/^\d*\.?\d+$/, "must be a number such as 0.01").transform(Number);
var RolloutSettings = external_exports.object({
  "canary-steps": external_exports.string().transform((text) => text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean)).pipe(external_exports.array(external_exports.string().regex(/^\d+$/, "must be whole percentages such as 10,50,100").transform(Number))).refine((steps) => steps.length > 0 && steps.every((step, i) => step >= 1 && (i === 0 || step > steps[i - 1])) && steps.at(-1) === 100, "must rise to 100, such as 10,50,100").default([10, 50, 100]),
  "step-duration": external_exports.string().regex(durationPattern(STEP_UNITS), "must be a duration such as 60s, 5m or 500ms").transform((text) => parseDuration(text, STEP_UNITS)).default(6e4),
  "max-error-rate": decimal.refine((value) => value <= 1, "must be between 0 and 1").default(0.01),
  "max-p95-ms": decimal.default(250),
  "min-requests": external_exports.string().regex(/^\d+$/, "must be a whole number").transform(Number).default(50),
  "shadow-percent": decimal.refine((value) => value > 0 && value <= 100, "must be a percentage above 0").default(100)
});
var deployResults = ["succeeded", "rolled-back", "failed"];
var RolloutStep = external_exports.strictObject({
  name: external_exports.string().describe('What the step did: "smoke test of v4", "canary 10%", "switch to v4", "shadow 100%".'),
  percent: external_exports.number().min(0).max(100).nullable().describe("Share of requests the new version took (or mirrored, for a shadow)."),
  seconds: external_exports.number().nonnegative(),
  requests: external_exports.number().int().nonnegative().nullable(),
  serverErrors: external_exports.number().int().nonnegative().nullable(),
  errorRate: external_exports.number().min(0).max(1).nullable(),
  p95Ms: external_exports.number().nonnegative().nullable().describe("Upper bound of the latency bucket holding the 95th percentile."),
  passed: external_exports.boolean(),
  detail: external_exports.string()
});
var DeployReport = external_exports.strictObject({
  format: external_exports.literal("ghml.deploy-report/v1"),
  model: external_exports.string(),
  version: external_exports.number().int().positive(),
  digest: external_exports.string().describe("The package digest verified before deploying."),
  environment: external_exports.string(),
  target: DeployTarget,
  strategy: DeployStrategy,
  result: external_exports.enum(deployResults).describe("succeeded; rolled-back: the previous state was restored; failed: refused before anything changed."),
  reason: external_exports.string().nullable().describe("Why it did not succeed."),
  previousVersion: external_exports.string().nullable().describe("The version serving before (serve target)."),
  startedAt: external_exports.iso.datetime({ offset: true }),
  finishedAt: external_exports.iso.datetime({ offset: true }),
  steps: external_exports.array(RolloutStep),
  predictions: external_exports.strictObject({ path: external_exports.string(), rows: external_exports.number().int().nonnegative(), artifact: external_exports.string().nullable() }).nullable().describe("Batch target: where the predictions went.")
}).describe("A ghml deploy report: what the deploy Action did and why it ended as it did.");

// src/deploy/summary.ts
function deployVerdict(report) {
  const label = `${report.model} v${report.version}`;
  if (report.result === "succeeded") {
    if (report.target === "batch") return `${label} scored ${report.predictions?.rows ?? 0} rows for ${report.environment}`;
    if (report.strategy === "shadow" && report.target === "serve") return `${label} shadows v${report.previousVersion} in ${report.environment}`;
    return `${label} deployed to ${report.environment}${report.previousVersion ? ` (was v${report.previousVersion})` : ""}`;
  }
  if (report.result === "rolled-back") return `${label} rolled back in ${report.environment}${report.previousVersion ? `, v${report.previousVersion} serves` : ""}: ${report.reason}`;
  return `${label} not deployed to ${report.environment}: ${report.reason}`;
}
function renderDeployMarkdown(report) {
  const icon = report.result === "succeeded" ? "\u2705" : report.result === "rolled-back" ? "\u21A9\uFE0F" : "\u274C";
  const lines = [`## ${icon} ${deployVerdict(report)}`, ""];
  lines.push(`${report.target} target, ${report.strategy}; package \`sha256:${report.digest}\` verified.`, "");
  if (report.steps.length > 0) {
    const percent = (value) => value === null ? "\u2014" : `${value}%`;
    const rows = report.steps.map((step) => [
      step.passed ? "\u2705" : "\u274C",
      step.name,
      percent(step.percent),
      step.requests === null ? "\u2014" : String(step.requests),
      step.errorRate === null ? "\u2014" : `${(step.errorRate * 100).toFixed(2)}%`,
      step.p95Ms === null ? "\u2014" : `\u2264 ${step.p95Ms} ms`,
      `${step.seconds} s`,
      step.detail
    ]);
    lines.push(table(["", "Step", "Traffic", "Requests", "Errors", "p95", "Took", "Detail"], rows), "");
  }
  if (report.reason) lines.push(`**Why:** ${report.reason}`, "");
  if (report.predictions) lines.push(`Predictions: ${report.predictions.rows} rows in \`${report.predictions.path}\`${report.predictions.artifact ? `, published as ${report.predictions.artifact}` : ""}.`, "");
  return `${lines.join("\n")}
`;
}

// src/steps/deploy.ts
import { mkdir as mkdir3 } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

// src/deploy/batch.ts
import { mkdir as mkdir2, open as open2, rename, rm } from "node:fs/promises";
import path2 from "node:path";

// src/serve/http.ts
var HttpError = class extends Error {
  constructor(status, message, details = {}, headers = {}) {
    super(message);
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
  status;
  details;
  headers;
};
function readBody(request, limit) {
  const declared = request.headers["content-length"];
  if (declared !== void 0 && Number(declared) > limit) {
    return Promise.reject(new HttpError(413, `the request body is ${declared} bytes; this server takes at most ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.resume();
        reject(new HttpError(413, `the request body is larger than ${limit} bytes, the most this server takes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    request.once("error", reject);
  });
}
function parseJson(body) {
  if (body.length === 0) throw new HttpError(400, "the request has no body: send a JSON object");
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new HttpError(400, `the body is not valid JSON (${error.message})`);
  }
}
function sendJson(response, status, body, headers = {}) {
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}
function sendError(response, error, headers = {}) {
  sendJson(response, error.status, JSON.stringify({ error: error.message, ...error.details }), { ...error.headers, ...headers });
}

// src/serve/line-buffer.ts
var CHUNK_BYTES = 1 << 20;
var SPARE_CHUNKS = 16;
var ZERO = 48;
var DOT = 46;
var EMPTY = Buffer.alloc(0);
var THREE_DIGITS = Buffer.from(Array.from({ length: 1e3 }, (_, n) => String(n).padStart(3, "0")).join(""));
var LineBuffer = class {
  filled = [];
  filledChunks = [];
  spare = [];
  chunk = EMPTY;
  position = 0;
  /** Bytes waiting, over every chunk. */
  size = 0;
  room(bytes) {
    if (this.position + bytes <= this.chunk.length) return;
    if (this.position > 0) {
      this.filled.push(this.chunk.subarray(0, this.position));
      this.filledChunks.push(this.chunk);
    }
    this.chunk = this.fresh(bytes);
    this.position = 0;
  }
  fresh(bytes) {
    return bytes <= CHUNK_BYTES ? this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES) : Buffer.allocUnsafe(bytes);
  }
  /** Bytes encoded beforehand (keys, a request's common fields). */
  bytes(source) {
    const length = source.length;
    this.room(length);
    this.chunk.set(source, this.position);
    this.position += length;
    this.size += length;
  }
  /** Text that may hold any character. */
  text(value) {
    this.room(value.length * 3);
    const written = this.chunk.write(value, this.position, "utf8");
    this.position += written;
    this.size += written;
  }
  /** A non-negative whole number below 2^53. */
  whole(value) {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const chunk = this.chunk;
    let position = this.position + digits;
    do {
      chunk[--position] = ZERO + value % 10;
      value = Math.floor(value / 10);
    } while (value > 0);
    this.position += digits;
    this.size += digits;
  }
  /**
   * A number as JSON.stringify writes it (null for NaN and infinities). Values with up to six
   * decimals, as measured values usually are, are written by integer arithmetic: m / 10^k is the
   * double nearest to the decimal m·10^-k, so when it equals the value, that decimal with the
   * fewest decimals k is the shortest text that reads back as the value, which is what String gives.
   */
  number(value) {
    if (!Number.isFinite(value)) return this.ascii("null");
    const negative = value < 0;
    const magnitude = negative ? -value : value;
    if (magnitude < 1e-6 || magnitude >= 1e15) return this.ascii(String(value));
    let scale = 1;
    let decimals = 0;
    let scaled = Math.round(magnitude);
    while (scaled / scale !== magnitude) {
      if (decimals === 6) return this.ascii(String(value));
      scale *= 10;
      decimals++;
      scaled = Math.round(magnitude * scale);
    }
    if (scaled > Number.MAX_SAFE_INTEGER) return this.ascii(String(value));
    if (negative) this.ascii("-");
    const whole = Math.floor(scaled / scale);
    this.whole(whole);
    if (decimals === 0) return;
    this.room(decimals + 1);
    const chunk = this.chunk;
    const start = this.position;
    chunk[start] = DOT;
    let fraction = scaled - whole * scale;
    for (let k = decimals; k >= 1; k--) {
      chunk[start + k] = ZERO + fraction % 10;
      fraction = Math.floor(fraction / 10);
    }
    this.position += decimals + 1;
    this.size += decimals + 1;
  }
  /** Text known to be ASCII (numbers, literals). */
  ascii(value) {
    const length = value.length;
    this.room(length);
    const chunk = this.chunk;
    let position = this.position;
    for (let k = 0; k < length; k++) chunk[position++] = value.charCodeAt(k);
    this.position = position;
    this.size += length;
  }
  /**
   * Copies a template holding fixed-width fields and returns where it starts in the current chunk,
   * for `probabilityAt` to fill in: one copy for a run of keys instead of one per key.
   */
  place(template) {
    this.room(template.length);
    const start = this.position;
    this.chunk.set(template, start);
    this.position += template.length;
    this.size += template.length;
    return start;
  }
  /**
   * Writes a value in [0, 1] as `d.dddddd` (eight characters: 0.025527, 1.000000) over the
   * placeholder `0.000000` at `at`: only the digits that differ from it, three at a time.
   */
  probabilityAt(at, value) {
    const millionths = Math.min(1e6, Math.max(0, Math.round(value * 1e6)));
    const chunk = this.chunk;
    if (millionths === 1e6) {
      chunk[at] = ZERO + 1;
      return;
    }
    const thousandths = millionths / 1e3 | 0;
    const high = thousandths * 3;
    const low = (millionths - thousandths * 1e3) * 3;
    chunk[at + 2] = THREE_DIGITS[high];
    chunk[at + 3] = THREE_DIGITS[high + 1];
    chunk[at + 4] = THREE_DIGITS[high + 2];
    chunk[at + 5] = THREE_DIGITS[low];
    chunk[at + 6] = THREE_DIGITS[low + 1];
    chunk[at + 7] = THREE_DIGITS[low + 2];
  }
  /** Everything written so far, in order; the buffer starts empty again. */
  take() {
    const views = this.filled;
    const chunks = this.filledChunks;
    if (this.position > 0) {
      views.push(this.chunk.subarray(0, this.position));
      chunks.push(this.chunk);
      this.chunk = EMPTY;
    }
    const taken = { views, chunks, size: this.size };
    this.filled = [];
    this.filledChunks = [];
    this.position = 0;
    this.size = 0;
    return taken;
  }
  /** Chunks whose bytes are on disk, for reuse. */
  recycle(chunks) {
    for (const chunk of chunks) if (chunk.length === CHUNK_BYTES && this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
  }
};

// src/serve/prediction-log.ts
import { mkdir, open, readdir, stat, truncate } from "node:fs/promises";
import path from "node:path";
var DEFAULT_LOG_OPTIONS = {
  maxFileBytes: 64 * 1024 * 1024,
  maxFileAgeMs: 60 * 60 * 1e3,
  flushIntervalMs: 200,
  flushBytes: 4 * 1024 * 1024,
  maxBufferedBytes: 256 * 1024 * 1024
};
async function writeAll(handle, { views, size }) {
  let { bytesWritten } = await handle.writev(views);
  if (bytesWritten === size) return;
  const rest = Buffer.concat(views, size).subarray(bytesWritten);
  for (let offset = 0; offset < rest.length; offset += bytesWritten) ({ bytesWritten } = await handle.write(rest, offset, rest.length - offset));
}
function fileTime(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
async function repairLogDirectory(directory) {
  const repaired = [];
  const names = (await readdir(directory).catch(() => [])).filter((name) => name.endsWith(".jsonl"));
  for (const name of names) {
    const file = path.join(directory, name);
    const { size } = await stat(file);
    if (size === 0) continue;
    const handle = await open(file, "r");
    let keep = size;
    try {
      const block = Buffer.alloc(64 * 1024);
      for (let end = size; end > 0; ) {
        const start = Math.max(0, end - block.length);
        const { bytesRead } = await handle.read(block, 0, end - start, start);
        const newline = block.subarray(0, bytesRead).lastIndexOf(10);
        if (newline >= 0) {
          keep = start + newline + 1;
          break;
        }
        end = start;
        if (end === 0) keep = 0;
      }
    } finally {
      await handle.close();
    }
    if (keep < size) {
      await truncate(file, keep);
      repaired.push({ file, bytes: size - keep });
    }
  }
  return repaired;
}
var PredictionLog = class {
  constructor(options, onError) {
    this.onError = onError;
    this.options = { ...DEFAULT_LOG_OPTIONS, ...options };
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }
  onError;
  options;
  buffer = new LineBuffer();
  pendingLines = 0;
  handle;
  fileOpenedAt = 0;
  fileBytes = 0;
  flushing;
  timer;
  closed = false;
  filesOpened = 0;
  /** The file being written, once the first flush opened it. */
  file = null;
  lines = 0;
  dropped = 0;
  get directory() {
    return this.options.directory;
  }
  get stream() {
    return this.options.stream;
  }
  /** Queues `lines` whole lines, which `write` puts into the buffer, for the next flush. */
  append(lines, write) {
    if (this.closed) return;
    if (this.buffer.size > this.options.maxBufferedBytes) {
      this.dropped += lines;
      return;
    }
    write(this.buffer);
    this.pendingLines += lines;
    if (this.buffer.size >= this.options.flushBytes && !this.flushing) setImmediate(() => void this.flush());
  }
  /** Writes what waits; resolves once it is on disk (or failed, which is counted and reported). */
  flush() {
    if (this.flushing) return this.flushing.then(() => this.pendingLines > 0 ? this.flush() : void 0);
    if (this.pendingLines === 0) return Promise.resolve();
    const lines = this.pendingLines;
    const taken = this.buffer.take();
    this.pendingLines = 0;
    this.flushing = this.write(taken, lines).finally(() => {
      this.flushing = void 0;
      this.buffer.recycle(taken.chunks);
    });
    return this.flushing;
  }
  async write({ views, size }, lines) {
    try {
      await this.rotateIfDue(size);
      await writeAll(this.handle, { views, size });
      this.fileBytes += size;
      this.lines += lines;
    } catch (error) {
      this.dropped += lines;
      this.onError(error);
    }
  }
  async rotateIfDue(incoming) {
    const now = Date.now();
    const due = !this.handle || this.fileBytes > 0 && this.fileBytes + incoming > this.options.maxFileBytes || now - this.fileOpenedAt >= this.options.maxFileAgeMs;
    if (!due) return;
    await this.handle?.close();
    this.handle = void 0;
    await mkdir(this.options.directory, { recursive: true });
    const file = path.join(this.options.directory, `${this.options.stream}-${fileTime(new Date(now))}-${String(this.filesOpened++).padStart(6, "0")}.jsonl`);
    this.handle = await open(file, "a");
    this.file = file;
    this.fileOpenedAt = now;
    this.fileBytes = 0;
  }
  /** Flushes everything and closes the file; later lines are ignored. */
  async close() {
    clearInterval(this.timer);
    this.closed = true;
    await this.flush();
    await this.handle?.close();
    this.handle = void 0;
  }
};

// src/serve/input-validation.ts
var MAX_PROBLEMS = 50;
var invalid = /* @__PURE__ */ Symbol("invalid");
function range(column) {
  const min = typeof column?.min === "number" ? column.min : -Infinity;
  const max = typeof column?.max === "number" ? column.max : Infinity;
  if (min > -Infinity && max < Infinity) return { min, max, text: ` from ${min} to ${max}` };
  if (min > -Infinity) return { min, max, text: ` of at least ${min}` };
  if (max < Infinity) return { min, max, text: ` of at most ${max}` };
  return { min, max, text: "" };
}
function numericCheck(name, elementType, column) {
  const integer = elementType === "int64" || column?.type === "integer";
  const boolean = column?.type === "boolean";
  const { min, max, text } = range(column);
  const allowed = column?.["allowed-values"]?.filter((value) => typeof value === "number");
  const allowedSet = allowed && allowed.length > 0 ? new Set(allowed) : null;
  const missingAllowed = column !== void 0 && column.nullable && elementType !== "int64";
  const noun = boolean ? "true or false" : integer ? `a whole number${text}` : `a number${text}`;
  const expected = allowedSet ? `one of ${allowed.join(", ")}` : noun;
  return {
    name,
    expected,
    check(value) {
      if (typeof value === "number") {
        if (boolean || !Number.isFinite(value) || value < min || value > max) return invalid;
        if (integer && !Number.isSafeInteger(value)) return invalid;
        if (allowedSet && !allowedSet.has(value)) return invalid;
        return value;
      }
      if (boolean && typeof value === "boolean") return value ? 1 : 0;
      if ((value === null || value === void 0) && missingAllowed) return Number.NaN;
      return invalid;
    }
  };
}
function textCheck(name, column) {
  const allowed = column?.["allowed-values"]?.map(String);
  const allowedSet = allowed ? new Set(allowed) : null;
  const pattern = column?.pattern !== void 0 ? new RegExp(`^(?:${column.pattern})$`, "u") : null;
  const expected = allowedSet ? `one of ${allowed.join(", ")}` : pattern ? `text matching ${column.pattern}` : "text";
  return {
    name,
    expected,
    check(value) {
      if (typeof value !== "string") return invalid;
      if (allowedSet && !allowedSet.has(value)) return invalid;
      if (pattern && !pattern.test(value)) return invalid;
      return value;
    }
  };
}
function columnCheck(name, elementType, contract) {
  const column = contract?.columns.find((entry) => entry.name === name);
  return elementType === "string" ? textCheck(name, column) : numericCheck(name, elementType, column);
}
var ProblemList = class {
  problems = [];
  more = 0;
  add(row, field, value, expected) {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ row, field, value: value === void 0 ? null : value, expected });
    else this.more++;
  }
  get empty() {
    return this.problems.length === 0;
  }
  get count() {
    return this.problems.length + this.more;
  }
};

// src/serve/served-model.ts
var DATATYPES = {
  bool: "BOOL",
  uint8: "UINT8",
  uint16: "UINT16",
  uint32: "UINT32",
  uint64: "UINT64",
  int8: "INT8",
  int16: "INT16",
  int32: "INT32",
  int64: "INT64",
  float16: "FP16",
  float32: "FP32",
  float64: "FP64",
  string: "BYTES"
};
function datatypeOf(elementType) {
  return DATATYPES[elementType] ?? elementType.toUpperCase();
}
var LOG_KEYS = ["time", "request_id", "row", "model", "model_version", "route", "latency_ms", "label", "prediction"];
var PROBABILITY_PREFIX = "probability_";
var PREDICTION_KEY = Buffer.from(',"prediction":');
var LINE_END = Buffer.from("}\n");
var PROBABILITY_PLACEHOLDER = "0.000000";
var NO_LABEL = /* @__PURE__ */ Symbol("no label");
var OutputIncident = class extends Error {
  name = "OutputIncident";
};
var isoSecond = Number.NaN;
var isoSecondText = "";
function isoTime(time) {
  const milliseconds = Math.floor(time);
  const second = Math.floor(milliseconds / 1e3);
  if (second !== isoSecond) {
    isoSecond = second;
    isoSecondText = new Date(second * 1e3).toISOString().slice(0, -4);
  }
  const fraction = milliseconds - second * 1e3;
  return `${isoSecondText}${fraction < 10 ? "00" : fraction < 100 ? "0" : ""}${fraction}Z`;
}
var PROBABILITY_TOLERANCE = 1e-3;
function describeValue(value) {
  if (value === void 0 || value === null) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
function problemsError(problems) {
  const first = problems.problems.slice(0, 3).map((p) => `row ${p.row}${p.field ? ` "${p.field}"` : ""}: got ${describeValue(p.value)}, expected ${p.expected}`).join("; ");
  const count = problems.count;
  const rest = count > 3 ? `; and ${count - 3} more (see "problems")` : "";
  return new HttpError(400, `${count} problem${count === 1 ? "" : "s"} in the request: ${first}${rest}`, { problems: problems.problems, ...problems.more > 0 ? { moreProblems: problems.more } : {} });
}
function flatten(data) {
  if (data.length === 0 || !Array.isArray(data[0])) return data;
  const flat = [];
  appendFlat(data, flat);
  return flat;
}
function appendFlat(items, flat) {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!Array.isArray(item)) {
      flat.push(item);
      continue;
    }
    for (let j = 0; j < item.length; j++) {
      const value = item[j];
      if (Array.isArray(value)) appendFlat(value, flat);
      else flat.push(value);
    }
  }
}
function feedValues(elementType, length) {
  if (elementType === "float32") return new Float32Array(length);
  if (elementType === "float64") return new Float64Array(length);
  return new Array(length);
}
function feedData(elementType, values) {
  if (elementType === "int64") return BigInt64Array.from(values, BigInt);
  return values;
}
function dataJson(tensor) {
  const data = tensor.data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return JSON.stringify(Array.from(data, Number));
  if (Array.isArray(data)) return JSON.stringify(data);
  return `[${data.join(",")}]`;
}
function tensorJson(info) {
  return { name: info.name, datatype: datatypeOf(info.elementType), shape: info.shape.map((dim) => typeof dim === "number" ? dim : -1) };
}
var ServedVersion = class _ServedVersion {
  constructor(model, version, session, contract, bindings, features, outputPlan, classes, fetches, otherChecks, refuseUnknown) {
    this.model = model;
    this.version = version;
    this.session = session;
    this.contract = contract;
    this.bindings = bindings;
    this.features = features;
    this.outputPlan = outputPlan;
    this.classes = classes;
    this.fetches = fetches;
    this.otherChecks = otherChecks;
    this.refuseUnknown = refuseUnknown;
    this.logIdentity = `"model":${JSON.stringify(model)},"model_version":${JSON.stringify(version)}`;
    this.answerHead = `{"model_name":${JSON.stringify(model)},"model_version":${JSON.stringify(version)}`;
    this.classKeys = (classes ?? []).map((label) => `${JSON.stringify(String(label))}:`);
    this.featureSet = new Set(features);
    this.classNames = new Set((classes ?? []).map(String));
    this.featureKeys = features.map((name) => Buffer.from(`,${JSON.stringify(name)}:`));
    const probabilityKeys = outputPlan.task === "classification" && outputPlan.probabilities ? (classes ?? []).map((label) => `,${JSON.stringify(`${PROBABILITY_PREFIX}${label}`)}:`) : [];
    const template = (prefix) => {
      let text = prefix;
      const offsets = [];
      for (const key of probabilityKeys) {
        text += key;
        offsets.push(Buffer.byteLength(text));
        text += PROBABILITY_PLACEHOLDER;
      }
      return { bytes: Buffer.from(`${text}}
`), offsets };
    };
    this.outputTemplates = /* @__PURE__ */ new Map([[NO_LABEL, template("")]]);
    if (outputPlan.task === "classification" && outputPlan.label) for (const label of classes ?? []) this.outputTemplates.set(label, template(`,"label":${JSON.stringify(label)}`));
  }
  model;
  version;
  session;
  contract;
  bindings;
  features;
  outputPlan;
  classes;
  fetches;
  otherChecks;
  refuseUnknown;
  loadedAt = /* @__PURE__ */ new Date();
  /** Requests running on the session now. */
  inFlight = 0;
  retired = false;
  released;
  releaseNow;
  /** Log line pieces encoded once: `"model":…,"model_version":…` and `,"<feature>":`. */
  logIdentity;
  featureKeys;
  /** Answer pieces written once: `{"model_name":…,"model_version":…` and each class's `"<class>":`. */
  answerHead;
  classKeys;
  /** The features and the class names as text, for checks made on every request. */
  featureSet;
  classNames;
  /**
   * What follows the features on a classifier's line, per label: `,"label":"rain","probability_drizzle":0.000000,…}` and a
   * newline, with where each probability goes; under NO_LABEL the same without the label.
   */
  outputTemplates;
  static async open(options) {
    const session = await ModelSession.open(options.file, { log: options.log, input: "model" });
    try {
      return _ServedVersion.plan(session, options);
    } catch (error) {
      await session.release();
      throw error;
    }
  }
  static plan(session, options) {
    const versionLabel = options.version ?? session.sha256.slice(0, 12);
    const what = `${options.model} v${versionLabel}`;
    const contract = options.contract;
    const metadataFeatures = metadataList(session.metadata.features)?.map(String);
    const featureNames = options.features ?? metadataFeatures;
    const columns = contract ? contract.columns.map((column) => ({ name: column.name, type: column.type })) : (featureNames ?? session.inputs.map((input) => input.name)).map((name) => ({ name, type: session.inputs.find((input) => input.name === name)?.elementType === "string" ? "string" : "number" }));
    const featureSource = options.features ? "the features given" : metadataFeatures ? `the model's metadata "features"` : void 0;
    const inputPlan = planInputs({ inputs: session.inputs, columns, label: "", features: featureNames && featureSource ? { columns: featureNames, source: featureSource } : void 0, what });
    const classes = options.classes ?? metadataList(session.metadata.classes);
    const classification = classes !== null || looksLikeClassifier(session.outputs);
    if (classification) refuseZipMapOnly(session.outputs, what);
    if (classification && classes === null) {
      throw new ConfigurationError(`${what} looks like a classifier but does not list its classes (no "classes" in its metadata): pass --classes in the order of its probability columns`, { input: "classes" });
    }
    const outputPlan = planOutputs({ outputs: session.outputs, task: classification ? "classification" : "regression", classes: classification ? classes : null, what });
    let firstFeature = 0;
    const bindings = inputPlan.bindings.map((binding) => {
      const compiled = { ...binding, checks: binding.columns.map((name) => columnCheck(name, binding.elementType, contract)), datatype: datatypeOf(binding.elementType), firstFeature };
      firstFeature += binding.columns.length;
      return compiled;
    });
    const features = bindings.flatMap((binding) => binding.columns);
    const reserved = features.filter((name) => LOG_KEYS.includes(name) || name.startsWith(PROBABILITY_PREFIX));
    if (reserved.length > 0) {
      throw new ConfigurationError(`${what} has features named ${reserved.map((name) => `"${name}"`).join(", ")}, which the prediction log uses for its own keys (${LOG_KEYS.join(", ")}, ${PROBABILITY_PREFIX}<class>)`, { input: "model" });
    }
    const otherChecks = /* @__PURE__ */ new Map();
    for (const column of contract?.columns ?? []) {
      if (features.includes(column.name)) continue;
      const numeric = column.type === "integer" || column.type === "number" || column.type === "boolean";
      otherChecks.set(column.name, column.type === "timestamp" ? timestampCheck(column.name, column.nullable) : columnCheck(column.name, numeric ? "float64" : "string", contract));
    }
    const fetches = session.outputs.filter((output) => output.elementType !== "non-tensor").map((output) => output.name);
    return new _ServedVersion(options.model, versionLabel, session, contract, bindings, features, outputPlan, classification ? classes : null, fetches, otherChecks, contract?.dataset["unexpected-columns"] === "error");
  }
  get sha256() {
    return this.session.sha256;
  }
  get inputs() {
    return this.bindings.map((binding) => ({ name: binding.input, elementType: binding.elementType, datatype: binding.datatype, columns: binding.columns, rank: binding.rank }));
  }
  /** The Open Inference Protocol's model metadata, with the feature and class names beside it. */
  metadata(versions) {
    return {
      name: this.model,
      versions,
      platform: "onnxruntime_onnx",
      inputs: this.session.inputs.map(tensorJson),
      outputs: this.session.outputs.filter((output) => output.elementType !== "non-tensor").map(tensorJson),
      parameters: { version: this.version, sha256: this.sha256, features: this.features, ...this.classes ? { classes: this.classes } : {} }
    };
  }
  /** `{"rows": [{"feature": value, ...}, ...]}`, checked row by row against the contract. */
  prepareRows(body) {
    const rows = isRecord(body) ? body.rows : void 0;
    if (!Array.isArray(rows)) throw new HttpError(400, `send {"rows": [{${this.features.map((name) => `"${name}": \u2026`).join(", ")}}]}: the body has no "rows" list`);
    if (rows.length === 0) throw new HttpError(400, '"rows" is empty: send at least one row');
    const n = rows.length;
    const width = this.features.length;
    const given = new Array(n * width);
    const checked = this.bindings.map((binding) => feedValues(binding.elementType, n * binding.columns.length));
    const problems = new ProblemList();
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (!isRecord(row)) {
        problems.add(i, "", row, "an object of feature values");
        continue;
      }
      for (let b = 0; b < this.bindings.length; b++) {
        const binding = this.bindings[b];
        const values = checked[b];
        const columns = binding.checks.length;
        for (let j = 0; j < columns; j++) {
          const check = binding.checks[j];
          const raw = row[check.name];
          const value = check.check(raw);
          if (value === invalid) {
            problems.add(i, check.name, raw, check.expected);
            continue;
          }
          values[i * columns + j] = value;
          given[i * width + binding.firstFeature + j] = raw;
        }
      }
      if (this.otherChecks.size > 0 || this.refuseUnknown) this.checkOtherFields(row, i, problems);
    }
    if (!problems.empty) throw problemsError(problems);
    const feeds = {};
    this.bindings.forEach((binding, b) => {
      feeds[binding.input] = new this.session.ort.Tensor(binding.elementType, feedData(binding.elementType, checked[b]), binding.rank === 1 ? [n] : [n, binding.columns.length]);
    });
    return { rows: n, feeds, features: this.features.map((name, j) => ({ name, data: given, stride: width, offset: j })) };
  }
  checkOtherFields(row, i, problems) {
    for (const key in row) {
      const check = this.otherChecks.get(key);
      if (check) {
        if (check.check(row[key]) === invalid) problems.add(i, key, row[key], check.expected);
      } else if (this.refuseUnknown && !this.featureSet.has(key)) {
        problems.add(i, key, row[key], `no field "${key}": the contract declares ${[...this.features, ...this.otherChecks.keys()].join(", ")}`);
      }
    }
  }
  /** An Open Inference Protocol request's `inputs`, checked for names, datatypes and shapes, then value by value. */
  prepareTensors(body) {
    const inputs = isRecord(body) ? body.inputs : void 0;
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new HttpError(400, `send {"inputs": [{"name": "${this.bindings[0].input}", "shape": [\u2026], "datatype": "${this.bindings[0].datatype}", "data": [\u2026]}]}: the body has no "inputs" list`);
    }
    const byName = /* @__PURE__ */ new Map();
    for (const input of inputs) {
      if (!isRecord(input) || typeof input.name !== "string") throw new HttpError(400, 'every entry of "inputs" must be an object with a "name"');
      if (byName.has(input.name)) throw new HttpError(400, `input "${input.name}" is given twice`);
      if (!this.bindings.some((binding) => binding.input === input.name)) {
        throw new HttpError(400, `the model has no input "${input.name}": its inputs are ${this.bindings.map((binding) => `"${binding.input}"`).join(", ")}`);
      }
      byName.set(input.name, input);
    }
    let n;
    const prepared = [];
    for (const binding of this.bindings) {
      const input = byName.get(binding.input);
      if (!input) throw new HttpError(400, `input "${binding.input}" is missing: the model takes ${this.bindings.map((b) => `"${b.input}"`).join(", ")}`);
      const width = binding.columns.length;
      const wantShape = binding.rank === 1 ? "[rows]" : `[rows, ${width}]`;
      if (input.datatype !== binding.datatype) throw new HttpError(400, `input "${binding.input}" has datatype ${describeValue(input.datatype)}; the model takes ${binding.datatype}`);
      const shape = input.shape;
      if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw new HttpError(400, `input "${binding.input}" needs "shape", a list of whole numbers: ${wantShape}`);
      if (shape.length !== binding.rank || binding.rank === 2 && shape[1] !== width) {
        throw new HttpError(400, `input "${binding.input}" has shape [${shape.join(", ")}]; the model takes ${wantShape} (${binding.columns.join(", ")})`);
      }
      const rows2 = shape[0];
      if (rows2 === 0) throw new HttpError(400, `input "${binding.input}" has no rows`);
      if (n !== void 0 && rows2 !== n) throw new HttpError(400, `input "${binding.input}" has ${rows2} rows, another input ${n}: every input needs the same number of rows`);
      n = rows2;
      if (!Array.isArray(input.data)) throw new HttpError(400, `input "${binding.input}" needs "data", a list of ${rows2 * width} values in row-major order`);
      const data = flatten(input.data);
      if (data.length !== rows2 * width) throw new HttpError(400, `input "${binding.input}" has ${data.length} values for shape [${shape.join(", ")}], which holds ${rows2 * width}`);
      prepared.push({ binding, data });
    }
    const rows = n;
    const problems = new ProblemList();
    const feeds = {};
    const features = [];
    const checked = [];
    for (const { binding, data } of prepared) {
      const width = binding.columns.length;
      const { checks } = binding;
      const values = feedValues(binding.elementType, data.length);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < width; j++) {
          const index = i * width + j;
          const value = checks[j].check(data[index]);
          if (value === invalid) problems.add(i, checks[j].name, data[index], checks[j].expected);
          else values[index] = value;
        }
      }
      checked.push(values);
      binding.columns.forEach((name, j) => features.push({ name, data, stride: width, offset: j }));
    }
    if (!problems.empty) throw problemsError(problems);
    prepared.forEach(({ binding }, b) => {
      feeds[binding.input] = new this.session.ort.Tensor(binding.elementType, feedData(binding.elementType, checked[b]), binding.rank === 1 ? [rows] : [rows, binding.columns.length]);
    });
    return { rows, feeds, features };
  }
  /** Runs the model and checks what it answered; an OutputIncident when it failed or answered nonsense. */
  async predict(request) {
    this.inFlight++;
    let outputs;
    try {
      outputs = await this.session.run(request.feeds, this.fetches);
    } catch (error) {
      throw new OutputIncident(`ONNX Runtime failed to run the model: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.releaseNow?.();
    }
    return this.checkOutputs(outputs, request.rows);
  }
  checkOutputs(outputs, rows) {
    for (const name of this.fetches) {
      const tensor = outputs[name];
      if (tensor.dims[0] !== rows) throw new OutputIncident(`output "${name}" has ${tensor.dims[0]} rows for a request of ${rows}`);
      if (tensor.type === "float32" || tensor.type === "float64") {
        const data = tensor.data;
        for (let k = 0; k < data.length; k++) {
          if (!Number.isFinite(data[k])) throw new OutputIncident(`output "${name}" holds ${data[k]} at row ${Math.floor(k / (data.length / rows))}`);
        }
      }
    }
    const read = readPredictions(this.outputPlan, outputs, rows, { classCount: this.classes?.length ?? 0, columnOrder: null, what: `${this.model} v${this.version}` });
    const probabilities = read.probabilities ?? null;
    if (probabilities) {
      const width = this.classes.length;
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        for (let k = 0; k < width; k++) {
          const p = probabilities[i * width + k];
          if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw new OutputIncident(`row ${i}: the probability of class ${this.classes[k]} is ${p}, outside [0, 1]`);
          sum += p;
        }
        if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) throw new OutputIncident(`row ${i}: the class probabilities sum to ${sum}, not 1`);
      }
    }
    const labels2 = read.labels ?? null;
    if (labels2 && this.classes) {
      for (let i = 0; i < rows; i++) if (!this.classNames.has(String(labels2[i]))) throw new OutputIncident(`row ${i}: the label ${JSON.stringify(labels2[i])} is not one of the classes ${this.classes.join(", ")}`);
    }
    return { rows, outputs, labels: labels2, probabilities, values: read.values ?? null };
  }
  /** The Open Inference Protocol answer: every output (or those asked for), as tensors. */
  inferResponse(prediction, requestId, requested) {
    let names = this.fetches;
    if (Array.isArray(requested) && requested.length > 0) {
      names = requested.map((entry) => isRecord(entry) ? entry.name : void 0).filter((name) => typeof name === "string");
      const unknown = names.filter((name) => !this.fetches.includes(name));
      if (unknown.length > 0) throw new HttpError(400, `the model has no output ${unknown.map((name) => `"${name}"`).join(", ")}: its outputs are ${this.fetches.map((name) => `"${name}"`).join(", ")}`);
    }
    const outputs = names.map((name) => {
      const tensor = prediction.outputs[name];
      return `{"name":${JSON.stringify(name)},"datatype":"${datatypeOf(tensor.type)}","shape":${JSON.stringify(tensor.dims)},"data":${dataJson(tensor)}}`;
    });
    return `${this.answerHead},"id":${JSON.stringify(requestId)},"outputs":[${outputs.join(",")}]}`;
  }
  /** The rows endpoint's answer: per row, the label and the probability of each class (or the value). */
  rowsResponse(prediction, requestId) {
    const { labels: labels2, probabilities, values } = prediction;
    const keys = this.classKeys;
    const width = keys.length;
    const predictions = new Array(prediction.rows);
    for (let i = 0; i < prediction.rows; i++) {
      const fields = [];
      if (labels2) fields.push(`"label":${JSON.stringify(labels2[i])}`);
      if (probabilities && width > 0) {
        let entry = `"probabilities":{${keys[0]}${probabilities[i * width]}`;
        for (let k = 1; k < width; k++) entry += `,${keys[k]}${probabilities[i * width + k]}`;
        fields.push(`${entry}}`);
      }
      if (values) fields.push(`"prediction":${values[i]}`);
      predictions[i] = `{${fields.join(",")}}`;
    }
    return `${this.answerHead},"id":${JSON.stringify(requestId)},"predictions":[${predictions.join(",")}]}`;
  }
  /**
   * The prediction's log lines, one per row: features as the client sent them, then the outputs.
   * Probabilities are written with six decimals at a fixed width (0.025527, 1.000000), so the
   * label and probability keys of a row are one template copied whole, then filled in.
   */
  writeLogLines(buffer, request, prediction, meta) {
    const headText = `{"time":"${isoTime(meta.time)}","request_id":${JSON.stringify(meta.requestId)},${this.logIdentity},"route":"${meta.route}","latency_ms":${Math.round(meta.latencyMs * 1e3) / 1e3},"row":`;
    const head = prediction.rows > 1 ? Buffer.from(headText) : null;
    const { features } = request;
    const { featureKeys, outputTemplates } = this;
    const width = outputTemplates.get(NO_LABEL).offsets.length;
    const { labels: labels2, probabilities, values } = prediction;
    const firstRow = meta.firstRow ?? 0;
    for (let i = 0; i < prediction.rows; i++) {
      if (head) buffer.bytes(head);
      else buffer.text(headText);
      buffer.whole(firstRow + i);
      for (let j = 0; j < featureKeys.length; j++) {
        const view = features[j];
        buffer.bytes(featureKeys[j]);
        const value = view.data[i * view.stride + view.offset];
        if (typeof value === "number") buffer.number(value);
        else buffer.text(JSON.stringify(value ?? null));
      }
      if (values) {
        buffer.bytes(PREDICTION_KEY);
        buffer.number(values[i]);
        buffer.bytes(LINE_END);
        continue;
      }
      const known = labels2 ? outputTemplates.get(labels2[i]) : void 0;
      if (labels2 && !known) buffer.text(`,"label":${JSON.stringify(labels2[i])}`);
      const template = known ?? outputTemplates.get(NO_LABEL);
      const at = buffer.place(template.bytes);
      if (probabilities) for (let k = 0; k < width; k++) buffer.probabilityAt(at + template.offsets[k], probabilities[i * width + k]);
    }
  }
  /**
   * Takes the version out of service: its session is released once no request runs on it. Requests
   * routed to it before it was retired finish normally.
   */
  retire() {
    if (!this.retired) {
      this.retired = true;
      this.released = new Promise((resolve) => {
        this.releaseNow = () => {
          this.releaseNow = void 0;
          resolve(this.session.release());
        };
      });
      if (this.inFlight === 0) this.releaseNow();
    }
    return this.released;
  }
};
function timestampCheck(name, nullable) {
  return {
    name,
    expected: "an ISO-8601 date or date-time",
    check(value) {
      if ((value === null || value === void 0) && nullable) return "";
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : invalid;
    }
  };
}

// src/deploy/batch.ts
var CHUNK_ROWS = 4096;
function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function writeCsvRows(buffer, request, prediction, version, firstRow) {
  const width = version.classes?.length ?? 0;
  for (let i = 0; i < prediction.rows; i++) {
    buffer.whole(firstRow + i);
    for (const view of request.features) {
      buffer.ascii(",");
      const value = view.data[i * view.stride + view.offset];
      if (typeof value === "number") buffer.number(value);
      else if (typeof value === "string") buffer.text(csvField(value));
    }
    if (prediction.labels) buffer.text(`,${csvField(String(prediction.labels[i]))}`);
    if (prediction.probabilities) {
      for (let k = 0; k < width; k++) {
        buffer.ascii(",");
        buffer.number(prediction.probabilities[i * width + k]);
      }
    }
    if (prediction.values) {
      buffer.ascii(",");
      buffer.number(prediction.values[i]);
    }
    buffer.ascii("\n");
  }
}
function batchOutputFormat(output) {
  const name = output.toLowerCase();
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  if (name.endsWith(".parquet")) throw new ConfigurationError(`batch-output "${output}": predictions are written as JSON Lines or CSV, not Parquet; name a .jsonl or .csv file`, { input: "batch-output" });
  throw new ConfigurationError(`batch-output "${output}" must end in .jsonl (the prediction log's layout) or .csv`, { input: "batch-output" });
}
async function scoreBatch(version, data, output, batchId) {
  await checkDataFiles(data, "batch-data");
  const format = batchOutputFormat(output);
  const inputs = version.inputs;
  const plan = inputs.flatMap((input) => input.columns.map((name) => ({ name, decoding: input.elementType === "string" ? "string" : "number" })));
  await mkdir2(path2.dirname(output), { recursive: true });
  const partial = path2.join(path2.dirname(output), `.${path2.basename(output)}.partial-${process.pid}`);
  const handle = await open2(partial, "w");
  let rows = 0;
  try {
    const buffer = new LineBuffer();
    if (format === "csv") {
      const outputs = version.classes ? ["label", ...version.classes.map((label) => `${PROBABILITY_PREFIX}${label}`)] : ["prediction"];
      buffer.text(`${["row", ...version.features, ...outputs].map(csvField).join(",")}
`);
    }
    for await (const chunk of new DatasetStream(data, plan, CHUNK_ROWS, "batch-data").chunks()) {
      const body = {
        inputs: inputs.map((input) => {
          const values = new Array(chunk.rows * input.columns.length);
          input.columns.forEach((name, j) => {
            const column = chunk.columns.get(name);
            for (let i = 0; i < chunk.rows; i++) values[i * input.columns.length + j] = valueAt(column, chunk.start + i);
          });
          return { name: input.name, datatype: input.datatype, shape: input.rank === 1 ? [chunk.rows] : [chunk.rows, input.columns.length], data: values };
        })
      };
      let request;
      try {
        request = version.prepareTensors(body);
      } catch (error) {
        const problem = error instanceof HttpError ? error.details.problems?.[0] : void 0;
        if (problem) throw new DataError(`${JSON.stringify(problem.value)} does not fit the contract: expected ${problem.expected}`, { file: chunk.file, row: chunk.firstRow + problem.row, column: problem.field });
        throw error;
      }
      const started = performance.now();
      const prediction = await version.predict(request);
      if (format === "csv") writeCsvRows(buffer, request, prediction, version, rows);
      else version.writeLogLines(buffer, request, prediction, { time: Date.now(), requestId: batchId, route: "batch", latencyMs: performance.now() - started, firstRow: rows });
      rows += prediction.rows;
      if (buffer.size > 4 * 1024 * 1024) await writeAll(handle, buffer.take());
    }
    await writeAll(handle, buffer.take());
    await handle.close();
    await rename(partial, output);
    return { rows, path: output };
  } catch (error) {
    await handle.close().catch(() => void 0);
    await rm(partial, { force: true });
    throw error;
  }
}

// src/deploy/command.ts
import { spawn } from "node:child_process";
var TAIL_LINES = 20;
var DRAIN_MS = 2e3;
function runCommand(command, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd: options.cwd, env: { ...process.env, ...options.env }, shell: true, stdio: ["ignore", "pipe", "pipe"] });
    const lines = [];
    const pending = { stdout: "", stderr: "" };
    const take = (stream, chunk) => {
      const complete = (pending[stream] + chunk).split("\n");
      pending[stream] = complete.pop();
      for (const line of complete) {
        options.log(line);
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    };
    child.stdout.setEncoding("utf8").on("data", (chunk) => take("stdout", chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => take("stderr", chunk));
    child.on("error", reject);
    child.once("exit", (exitCode, signal) => {
      const finish = () => {
        clearTimeout(drained);
        child.stdout.destroy();
        child.stderr.destroy();
        for (const stream of ["stdout", "stderr"]) if (pending[stream]) take(stream, "\n");
        resolve({ exitCode, signal, tail: lines.join("\n") });
      };
      const drained = setTimeout(finish, DRAIN_MS);
      child.once("close", finish);
    });
  });
}

// src/deploy/package.ts
import path3 from "node:path";
async function fetchModelPackage(source, reference, directory, expectedDigest) {
  const { record } = await source.registry.resolve(reference);
  const label = `${record.model} v${record.version}`;
  if (expectedDigest !== void 0 && expectedDigest.replace(/^sha256:/, "") !== record.package.digest) {
    throw new DataError(`refused ${label}: the deployment names package digest ${expectedDigest}, but the registry recorded ${record.package.digest} for ${formatReference(reference)}`);
  }
  const target = path3.join(directory, `${record.model}-v${record.version}`);
  const { files } = await downloadPackage(record, source.releases, target);
  checkAttestation(record, files, label);
  const onnx = files.filter((file) => file.role === "model" && file.name.endsWith(".onnx"));
  if (onnx.length !== 1) {
    throw new ConfigurationError(`${label} has ${onnx.length === 0 ? "no" : onnx.length} .onnx model files (${files.filter((file) => file.role === "model").map((file) => file.name).join(", ")}): ghml serves and deploys one ONNX model per version`, { input: "model" });
  }
  const byRole = (role) => files.find((file) => file.role === role)?.path ?? null;
  return { record, directory: target, modelFile: onnx[0].path, contractFile: byRole("data-contract"), profileFile: byRole("data-profile") };
}
function checkAttestation(record, files, label) {
  if (!record.attestation) return;
  const digests = new Map([[MANIFEST_NAME, record.package.digest], ...files.map((file) => [file.name, file.sha256])]);
  for (const subject of record.attestation.subjects) {
    const name = path3.basename(subject.name);
    if (digests.has(name) && digests.get(name) !== subject.sha256) {
      throw new DataError(`refused ${label}: its attestation covers ${name} with sha256 ${subject.sha256}, but the verified package holds ${digests.get(name)}`);
    }
  }
  const covered = new Set(record.attestation.subjects.map((subject) => subject.sha256));
  if (!covered.has(record.package.digest)) throw new DataError(`refused ${label}: its attestation does not cover the package manifest (sha256 ${record.package.digest})`);
}

// src/serve/metrics.ts
var LATENCY_BOUNDS = [5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
var INFERENCE_ROUTES = /* @__PURE__ */ new Set(["infer", "predict"]);
var SHADOW_ROUTE = "shadow";
function escapeLabel(value) {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}
function labels(pairs) {
  return `{${Object.entries(pairs).map(([name, value]) => `${name}="${escapeLabel(String(value))}"`).join(",")}}`;
}
function emptyTraffic() {
  return { requests: 0, rows: 0, clientErrors: 0, serverErrors: 0, latency: { bounds: LATENCY_BOUNDS, counts: new Array(LATENCY_BOUNDS.length + 1).fill(0), sum: 0 } };
}
var Metrics = class {
  /** route → model → version → series: nested maps of strings the server holds anyway, so recording builds no key. */
  series = /* @__PURE__ */ new Map();
  incidents = /* @__PURE__ */ new Map();
  throttled = 0;
  unauthorized = 0;
  /** One answered request: its route, the model version that answered (empty when none), status and time. */
  record(route, model, version, code, seconds, rows) {
    let byModel = this.series.get(route);
    if (!byModel) this.series.set(route, byModel = /* @__PURE__ */ new Map());
    let byVersion = byModel.get(model);
    if (!byVersion) byModel.set(model, byVersion = /* @__PURE__ */ new Map());
    let series = byVersion.get(version);
    if (!series) byVersion.set(version, series = { route, model, version, codes: /* @__PURE__ */ new Map(), counts: new Array(LATENCY_BOUNDS.length + 1).fill(0), sum: 0 });
    let status = series.codes.get(code);
    if (!status) series.codes.set(code, status = { count: 0, rows: 0 });
    status.count++;
    status.rows += rows;
    let bucket = 0;
    while (bucket < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[bucket]) bucket++;
    series.counts[bucket]++;
    series.sum += seconds;
  }
  *all() {
    for (const byModel of this.series.values()) for (const byVersion of byModel.values()) yield* byVersion.values();
  }
  incident(model, version) {
    const key = `${model}\0${version}`;
    const entry = this.incidents.get(key) ?? { model, version, count: 0 };
    entry.count++;
    this.incidents.set(key, entry);
  }
  /** A version's traffic: answered (inference routes) or mirrored to it as a shadow. */
  traffic(model, version, kind) {
    const traffic = emptyTraffic();
    const routes = kind === "shadow" ? [SHADOW_ROUTE] : [...INFERENCE_ROUTES];
    for (const route of routes) {
      const series = this.series.get(route)?.get(model)?.get(version);
      if (!series) continue;
      for (const [code, { count, rows }] of series.codes) {
        traffic.requests += count;
        traffic.rows += rows;
        if (code >= 500) traffic.serverErrors += count;
        else if (code >= 400) traffic.clientErrors += count;
      }
      series.counts.forEach((count, bucket) => traffic.latency.counts[bucket] += count);
      traffic.latency.sum += series.sum;
    }
    return traffic;
  }
  /** The Prometheus text exposition; `gauges` are the values read at scrape time. */
  render(gauges) {
    const out = [];
    const all = [...this.all()];
    out.push("# HELP ghml_serve_requests_total Requests answered, by route, model version and status code.", "# TYPE ghml_serve_requests_total counter");
    for (const s of all) for (const [code, { count }] of s.codes) out.push(`ghml_serve_requests_total${labels({ route: s.route, model: s.model, version: s.version, code })} ${count}`);
    out.push("# HELP ghml_serve_errors_total Requests answered with an error: client (4xx) or server (5xx).", "# TYPE ghml_serve_errors_total counter");
    for (const s of all) {
      const errors = { client: 0, server: 0 };
      for (const [code, { count }] of s.codes) if (code >= 400) errors[code >= 500 ? "server" : "client"] += count;
      for (const [kind, count] of Object.entries(errors)) if (count > 0) out.push(`ghml_serve_errors_total${labels({ route: s.route, model: s.model, version: s.version, kind })} ${count}`);
    }
    out.push("# HELP ghml_serve_rows_total Rows predicted, by route and model version.", "# TYPE ghml_serve_rows_total counter");
    for (const s of all) {
      let rows = 0;
      for (const [code, entry] of s.codes) if (code < 400) rows += entry.rows;
      if (rows > 0) out.push(`ghml_serve_rows_total${labels({ route: s.route, model: s.model, version: s.version })} ${rows}`);
    }
    out.push("# HELP ghml_serve_request_duration_seconds Time from the request's arrival to its answer.", "# TYPE ghml_serve_request_duration_seconds histogram");
    for (const s of all) {
      const base = { route: s.route, model: s.model, version: s.version };
      let cumulative = 0;
      LATENCY_BOUNDS.forEach((bound, bucket) => {
        cumulative += s.counts[bucket];
        out.push(`ghml_serve_request_duration_seconds_bucket${labels({ ...base, le: bound })} ${cumulative}`);
      });
      cumulative += s.counts[LATENCY_BOUNDS.length];
      out.push(`ghml_serve_request_duration_seconds_bucket${labels({ ...base, le: "+Inf" })} ${cumulative}`);
      out.push(`ghml_serve_request_duration_seconds_sum${labels(base)} ${s.sum}`);
      out.push(`ghml_serve_request_duration_seconds_count${labels(base)} ${cumulative}`);
    }
    out.push("# HELP ghml_serve_incidents_total Model outputs that failed validation or runs that failed (answered 500, never returned).", "# TYPE ghml_serve_incidents_total counter");
    for (const i of this.incidents.values()) out.push(`ghml_serve_incidents_total${labels({ model: i.model, version: i.version })} ${i.count}`);
    out.push("# HELP ghml_serve_throttled_total Requests refused with 429.", "# TYPE ghml_serve_throttled_total counter", `ghml_serve_throttled_total ${this.throttled}`);
    out.push("# HELP ghml_serve_unauthorized_total Requests refused with 401.", "# TYPE ghml_serve_unauthorized_total counter", `ghml_serve_unauthorized_total ${this.unauthorized}`);
    out.push("# HELP ghml_serve_in_flight_requests Requests being answered now.", "# TYPE ghml_serve_in_flight_requests gauge", `ghml_serve_in_flight_requests ${gauges.inFlight}`);
    out.push("# HELP ghml_serve_routing_percent Share of a model's requests each loaded version takes, by role (primary, canary, shadow, standby).", "# TYPE ghml_serve_routing_percent gauge");
    for (const r of gauges.routing) out.push(`ghml_serve_routing_percent${labels({ model: r.model, version: r.version, role: r.role })} ${r.percent}`);
    out.push("# HELP ghml_serve_prediction_log_lines_total Lines written to the prediction log.", "# TYPE ghml_serve_prediction_log_lines_total counter");
    for (const l of gauges.log) out.push(`ghml_serve_prediction_log_lines_total${labels({ stream: l.stream })} ${l.lines}`);
    out.push("# HELP ghml_serve_prediction_log_dropped_total Lines dropped because the disk fell behind or a write failed.", "# TYPE ghml_serve_prediction_log_dropped_total counter");
    for (const l of gauges.log) out.push(`ghml_serve_prediction_log_dropped_total${labels({ stream: l.stream })} ${l.dropped}`);
    return `${out.join("\n")}
`;
  }
};
function histogramQuantile(histogram, q) {
  const total = histogram.counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let bucket = 0; bucket < histogram.counts.length; bucket++) {
    cumulative += histogram.counts[bucket];
    if (cumulative >= rank) return bucket < histogram.bounds.length ? histogram.bounds[bucket] : Infinity;
  }
  return Infinity;
}

// src/deploy/serve-admin.ts
import { readFile } from "node:fs/promises";

// src/contracts/serve.ts
var sha256 = external_exports.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex sha256");
var ServedVersionLabel = external_exports.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1\u201364 characters of A-Z, a-z, 0-9, ".", "_" and "-", starting with a letter or digit');
var LoadVersionRequest = external_exports.strictObject({
  sha256: sha256.describe("sha256 of the model file; the server refuses bytes that hash to anything else."),
  model: external_exports.string().min(1).describe("The ONNX model file, base64 (checked by its sha256, not character by character)."),
  contract: DataContract.nullable().default(null).describe("The data contract requests to this version are validated against.")
}).describe("PUT /admin/v1/models/{model}/versions/{version}: load a version beside the ones already loaded. Traffic reaches it only once routing names it.");
var Share = external_exports.number().min(0).max(100);
var Routing = external_exports.strictObject({
  primary: ServedVersionLabel.describe("The version that answers every request not sent to the canary."),
  canary: external_exports.strictObject({ version: ServedVersionLabel, percent: Share.describe("Percent of requests the canary answers.") }).nullable().default(null),
  shadow: external_exports.strictObject({ version: ServedVersionLabel, percent: Share.describe("Percent of answered requests also sent to the shadow, whose outputs are logged and never returned.") }).nullable().default(null)
}).describe("PUT /admin/v1/models/{model}/routing: which loaded versions answer, replaced at once; requests already running finish on the version they started with.");
var LatencyHistogram = external_exports.strictObject({
  bounds: external_exports.array(external_exports.number()).describe("Upper bounds of the buckets in seconds; a last bucket above the last bound is implied."),
  counts: external_exports.array(external_exports.number().int().nonnegative()).describe("Requests per bucket (not cumulative), one more than bounds."),
  sum: external_exports.number().nonnegative().describe("Seconds, summed over requests.")
});
var VersionTraffic = external_exports.strictObject({
  requests: external_exports.number().int().nonnegative(),
  rows: external_exports.number().int().nonnegative(),
  clientErrors: external_exports.number().int().nonnegative().describe("Answers 4xx: the request was at fault."),
  serverErrors: external_exports.number().int().nonnegative().describe("Answers 5xx: the model failed or gave outputs that failed validation."),
  latency: LatencyHistogram
});
var ServedVersionStatus = external_exports.strictObject({
  version: ServedVersionLabel,
  sha256,
  loadedAt: external_exports.iso.datetime({ offset: true }),
  inFlight: external_exports.number().int().nonnegative(),
  contract: external_exports.boolean().describe("Requests are validated against a data contract."),
  served: VersionTraffic.describe("Requests this version answered, since it was loaded (counters only grow: compare two readings)."),
  shadow: VersionTraffic.describe("Requests mirrored to this version as a shadow.")
});
var Incident = external_exports.strictObject({
  id: external_exports.string(),
  time: external_exports.iso.datetime({ offset: true }),
  model: external_exports.string(),
  version: external_exports.string(),
  requestId: external_exports.string(),
  reason: external_exports.string()
});
var ServerStatus = external_exports.strictObject({
  format: external_exports.literal("ghml.serve-status/v1"),
  startedAt: external_exports.iso.datetime({ offset: true }),
  ready: external_exports.boolean(),
  draining: external_exports.boolean(),
  inFlight: external_exports.number().int().nonnegative(),
  models: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      routing: Routing,
      versions: external_exports.array(ServedVersionStatus)
    })
  ),
  predictionLog: external_exports.strictObject({
    directory: external_exports.string(),
    file: external_exports.string().nullable().describe("The file being written now."),
    lines: external_exports.number().int().nonnegative(),
    dropped: external_exports.number().int().nonnegative().describe("Lines dropped because the disk fell too far behind.")
  }).nullable(),
  incidents: external_exports.array(Incident).describe("The most recent outputs that failed validation (never returned to clients).")
}).describe("GET /admin/v1/status: what a ghml serve process serves and how it went.");

// src/deploy/serve-admin.ts
var ServeAdminError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
  name = "ServeAdminError";
};
var ServeAdmin = class {
  constructor(url, token) {
    this.token = token;
    this.base = url.replace(/\/+$/, "");
  }
  token;
  base;
  async send(method, route, body) {
    let response;
    try {
      response = await fetch(`${this.base}${route}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...body === void 0 ? {} : { "content-type": "application/json" } },
        body: body === void 0 ? void 0 : JSON.stringify(body)
      });
    } catch (error) {
      throw new ConfigurationError(`ghml serve at ${this.base} cannot be reached (${error.cause ?? error.message}): check server-url`, { input: "server-url" });
    }
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text.slice(0, 200) };
    }
    if (response.status === 401) throw new ConfigurationError(`ghml serve at ${this.base} refused the admin token: give the server's GHML_ADMIN_TOKEN as admin-token`, { input: "admin-token" });
    return { status: response.status, json };
  }
  async expect(method, route, body, ok) {
    const { status, json } = await this.send(method, route, body);
    if (!ok.includes(status)) throw new ServeAdminError(status, `${method} ${route} answered ${status}: ${json?.error ?? "no reason given"}`);
    return json;
  }
  async status() {
    return ServerStatus.parse(await this.expect("GET", "/admin/v1/status", void 0, [200]));
  }
  async load(model, version, modelFile, contract) {
    const bytes = await readFile(modelFile);
    const sha2562 = sha256Hex(bytes);
    await this.expect("PUT", `/admin/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`, { sha256: sha2562, model: bytes.toString("base64"), contract }, [200, 201]);
  }
  async unload(model, version) {
    await this.expect("DELETE", `/admin/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`, void 0, [200, 404]);
  }
  async route(model, routing) {
    await this.expect("PUT", `/admin/v1/models/${encodeURIComponent(model)}/routing`, routing, [200]);
  }
  /** Rows through the rows endpoint: of one version when `version` is given, else as routed. */
  async predict(model, version, rows) {
    const route = version === null ? `/v1/models/${encodeURIComponent(model)}/predict` : `/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/predict`;
    const { status, json } = await this.send("POST", route, { rows });
    return {
      status,
      version: typeof json?.model_version === "string" ? json.model_version : null,
      predictions: Array.isArray(json?.predictions) ? json.predictions : null,
      error: typeof json?.error === "string" ? json.error : null
    };
  }
};
function trafficBetween(before, after) {
  return {
    requests: after.requests - before.requests,
    rows: after.rows - before.rows,
    clientErrors: after.clientErrors - before.clientErrors,
    serverErrors: after.serverErrors - before.serverErrors,
    latency: { bounds: after.latency.bounds, counts: after.latency.counts.map((count, bucket) => count - (before.latency.counts[bucket] ?? 0)), sum: after.latency.sum - before.latency.sum }
  };
}

// src/deploy/smoke.ts
import { readFile as readFile2 } from "node:fs/promises";
var QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];
function nearestQuantile(column, q) {
  const quantiles = column.numeric?.quantiles ?? [];
  if (quantiles.length === 0) return void 0;
  return quantiles.reduce((best, entry) => Math.abs(entry.quantile - q) < Math.abs(best.quantile - q) ? entry : best).value;
}
function fromProfile(profile, features) {
  const columns = features.map((name) => profile.columns.find((column) => column.name === name));
  if (columns.some((column) => column === void 0)) return null;
  return QUANTILES.map((q, i) => {
    const row = {};
    for (const column of columns) {
      if (column.type === "timestamp") {
        const value = nearestQuantile(column, q);
        row[column.name] = value === void 0 ? null : new Date(value).toISOString();
      } else if (column.type === "boolean" || column.type === "string" || column.type === "category") {
        const values = column.frequent?.values ?? [];
        const value = values.length === 0 ? null : values[i % values.length].value;
        row[column.name] = column.type === "boolean" && value !== null ? value === "true" : value;
      } else {
        const value = nearestQuantile(column, q);
        row[column.name] = value === void 0 ? null : column.type === "integer" ? Math.round(value) : value;
      }
    }
    return row;
  });
}
function contractValue(column) {
  if (column["allowed-values"]) return column["allowed-values"][0];
  if (column.type === "boolean") return false;
  if (column.type === "string" || column.type === "category") return "x";
  if (column.type === "timestamp") return typeof column.min === "string" ? column.min : "2020-01-01T00:00:00Z";
  const min = typeof column.min === "number" ? column.min : void 0;
  const max = typeof column.max === "number" ? column.max : void 0;
  const middle = min !== void 0 && max !== void 0 ? (min + max) / 2 : min ?? max ?? 0;
  return column.type === "integer" ? Math.round(middle) : middle;
}
function fromContract(contract, features) {
  const columns = features.map((name) => contract.columns.find((column) => column.name === name));
  if (columns.some((column) => column === void 0)) return null;
  return [Object.fromEntries(columns.map((column) => [column.name, contractValue(column)]))];
}
async function fromFile(file) {
  const text = await readFile2(file, "utf8").catch(() => {
    throw new ConfigurationError(`smoke rows "${file}" cannot be read: check the path given to smoke-rows`, { input: "smoke-rows" });
  });
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
    } catch (error) {
      throw new ConfigurationError(`smoke rows "${file}" are neither JSON nor JSON Lines (${error.message})`, { input: "smoke-rows" });
    }
  }
  const rows = Array.isArray(parsed) ? parsed : parsed?.rows;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row) => typeof row === "object" && row !== null && !Array.isArray(row))) {
    throw new ConfigurationError(`smoke rows "${file}" must hold a list of row objects, as [{"feature": value}] or {"rows": [...]} or one object per line`, { input: "smoke-rows" });
  }
  return rows;
}
async function smokeRows(options) {
  if (options.file) return { rows: await fromFile(options.file), source: options.file };
  if (options.profileFile) {
    const profile = await loadDocument(options.profileFile, DataProfile, "data profile", "model");
    const rows = fromProfile(profile, options.features);
    if (rows) return { rows, source: `${options.label}'s data profile (quantiles ${QUANTILES.join(", ")})` };
  }
  if (options.contract) {
    const rows = fromContract(options.contract, options.features);
    if (rows) return { rows, source: `${options.label}'s data contract` };
  }
  throw new ConfigurationError(`${options.label} has no data profile or contract describing its features (${options.features.join(", ")}), so there are no rows to smoke-test it with: give smoke-rows`, { input: "smoke-rows" });
}
function smokeProblem(answer, rows, classes) {
  if (answer.status !== 200) return `the server answered ${answer.status}: ${answer.error ?? "no reason given"}`;
  if (!answer.predictions || answer.predictions.length !== rows) return `the server answered ${answer.predictions?.length ?? "no"} predictions for ${rows} rows`;
  for (const [i, prediction] of answer.predictions.entries()) {
    if (classes && !classes.map(String).includes(String(prediction.label))) return `row ${i}: label ${JSON.stringify(prediction.label)} is not one of ${classes.join(", ")}`;
    const probabilities = prediction.probabilities;
    if (probabilities) {
      const values = Object.values(probabilities);
      if (!values.every((value) => typeof value === "number" && value >= 0 && value <= 1)) return `row ${i}: probabilities outside [0, 1]`;
      const sum = values.reduce((total, value) => total + value, 0);
      if (Math.abs(sum - 1) > 1e-3) return `row ${i}: probabilities sum to ${sum}`;
    }
    if ("prediction" in prediction && !Number.isFinite(prediction.prediction)) return `row ${i}: prediction ${JSON.stringify(prediction.prediction)} is not a finite number`;
  }
  return null;
}
async function localSmokeProblem(version, rows) {
  try {
    const prediction = await version.predict(version.prepareRows({ rows }));
    return smokeProblem({ status: 200, version: version.version, predictions: JSON.parse(version.rowsResponse(prediction, "smoke")).predictions, error: null }, rows.length, version.classes);
  } catch (error) {
    if (error instanceof HttpError) return `the smoke rows do not fit the model: ${error.message}`;
    if (error instanceof OutputIncident) return `the model gave no valid answer: ${error.message}`;
    throw error;
  }
}

// src/deploy/rollout.ts
var RolloutFailure = class extends Error {
};
function versionTraffic(status, model, version, kind) {
  return status.models.find((entry) => entry.name === model)?.versions.find((entry) => entry.version === version)?.[kind];
}
async function rollOut(options) {
  const { admin, model, version, log } = options;
  const steps = [];
  const initial = await admin.status();
  const serving = initial.models.find((entry) => entry.name === model);
  const previous = serving?.routing.primary ?? null;
  if (previous === version && serving?.routing.canary === null) {
    log(`${model} v${version} is serving already: nothing to roll out`);
    return { result: "succeeded", reason: null, previousVersion: previous, steps };
  }
  const timed = async (name, percent, work) => {
    const started = performance.now();
    const step = { name, percent, seconds: 0, ...await work() };
    step.seconds = Math.round(performance.now() - started) / 1e3;
    steps.push(step);
    log(`${step.passed ? "passed" : "FAILED"}: ${name}: ${step.detail}`);
    if (!step.passed) throw new RolloutFailure(`${name} failed: ${step.detail}`);
  };
  const smoke = (name, pinned) => timed(name, null, async () => {
    const answer = await admin.predict(model, pinned ? version : null, options.smoke);
    const problem = smokeProblem(answer, options.smoke.length, options.classes) ?? (answer.version !== version ? `answered by v${answer.version}, not v${version}` : null);
    return { requests: 1, serverErrors: answer.status >= 500 ? 1 : 0, errorRate: null, p95Ms: null, passed: problem === null, detail: problem ?? `${options.smoke.length} rows answered by v${version}, every output valid` };
  });
  const watch = (name, percent, kind) => timed(name, percent, async () => {
    const before = versionTraffic(await admin.status(), model, version, kind);
    await options.sleep(options.stepMs);
    const after = versionTraffic(await admin.status(), model, version, kind);
    if (!before || !after) return { requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed: false, detail: `v${version} was unloaded from the server during the step` };
    const traffic = trafficBetween(before, after);
    const { maxErrorRate, maxP95Ms, minRequests } = options.thresholds;
    const errorRate = traffic.requests === 0 ? 0 : traffic.serverErrors / traffic.requests;
    const p95 = histogramQuantile(traffic.latency, 0.95);
    const p95Ms = p95 === null ? null : p95 === Infinity ? null : p95 * 1e3;
    const measured = { requests: traffic.requests, serverErrors: traffic.serverErrors, errorRate, p95Ms };
    if (traffic.requests < minRequests) return { ...measured, passed: true, detail: `${traffic.requests} requests, fewer than the ${minRequests} a verdict needs: not judged` };
    const problems = [];
    if (errorRate > maxErrorRate) problems.push(`error rate ${(errorRate * 100).toFixed(2)}% is above ${(maxErrorRate * 100).toFixed(2)}%`);
    if (p95 === Infinity || p95Ms !== null && p95Ms > maxP95Ms) problems.push(`p95 latency ${p95 === Infinity ? "beyond the histogram" : `\u2264 ${p95Ms} ms`} is above ${maxP95Ms} ms`);
    const summary = `${traffic.requests} requests, ${traffic.serverErrors} server errors (${(errorRate * 100).toFixed(2)}%), p95 \u2264 ${p95Ms ?? "?"} ms`;
    return { ...measured, passed: problems.length === 0, detail: problems.length === 0 ? summary : `${summary}: ${problems.join("; ")}` };
  });
  let loaded = false;
  try {
    await timed(`load v${version}`, null, async () => {
      await admin.load(model, version, options.modelFile, options.contract);
      loaded = true;
      return { requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed: true, detail: `loaded beside ${previous === null ? "nothing: the first version of the model, serving at once" : `v${previous}, which keeps serving`}` };
    });
    await smoke(`smoke test of v${version}`, true);
    if (previous === null) {
      await smoke(`smoke test through the routing`, false);
      return { result: "succeeded", reason: null, previousVersion: previous, steps };
    }
    if (options.strategy === "shadow") {
      await admin.route(model, { primary: previous, shadow: { version, percent: options.shadowPercent } });
      await watch(`shadow ${options.shadowPercent}%`, options.shadowPercent, "shadow");
      return { result: "succeeded", reason: null, previousVersion: previous, steps };
    }
    if (options.strategy === "canary") {
      for (const percent of options.canarySteps) {
        await admin.route(model, percent >= 100 ? { primary: version } : { primary: previous, canary: { version, percent } });
        await watch(percent >= 100 ? `all traffic to v${version}` : `canary ${percent}%`, percent, "served");
      }
    } else {
      await admin.route(model, { primary: version });
    }
    await smoke(`smoke test through the routing`, false);
    await unloadStandbys(options, previous);
    return { result: "succeeded", reason: null, previousVersion: previous, steps };
  } catch (error) {
    if (!(error instanceof RolloutFailure || error instanceof ServeAdminError)) throw error;
    const reason = error.message;
    log(`rolling back: ${reason}`);
    if (previous !== null) await admin.route(model, { primary: previous });
    if (loaded) await admin.unload(model, version);
    log(previous === null ? `${model} v${version} unloaded: the model is not served` : `${model} is back on v${previous}; v${version} unloaded`);
    return { result: "rolled-back", reason, previousVersion: previous, steps };
  }
}
async function unloadStandbys(options, previous) {
  const status = await options.admin.status();
  const model = status.models.find((entry) => entry.name === options.model);
  for (const entry of model?.versions ?? []) {
    if (entry.version === options.version || entry.version === previous) continue;
    if (model?.routing.shadow?.version === entry.version) continue;
    await options.admin.unload(options.model, entry.version);
    options.log(`unloaded v${entry.version}: v${previous} stays loaded for an instant switch back`);
  }
}

// src/steps/deploy.ts
var DESCRIPTION_LIMIT = 140;
function describe(text) {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}\u2026`;
}
async function runDeploy(options, ports) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const startedAt = now().toISOString();
  const wanted = formatReference(options.reference);
  await ports.tracker?.started(describe(`ghml: deploying ${wanted} to ${options.environment} (${options.target}, ${options.strategy})`));
  let fetched;
  let version;
  let contract;
  try {
    if (options.batch?.artifactName && !ports.artifacts) {
      throw new ConfigurationError(
        `publishing artifact "${options.batch.artifactName}" needs GitHub's artifact service, which this run does not have (GitHub Enterprise Server has none): leave batch-artifact out and upload ${options.batch.output} with actions/upload-artifact@v3`,
        { input: "batch-artifact" }
      );
    }
    await mkdir3(options.workDirectory, { recursive: true });
    fetched = await fetchModelPackage(ports.packages, options.reference, options.workDirectory, options.digest);
    options.log(`${wanted} is ${fetched.record.model} v${fetched.record.version}: every file of package sha256:${fetched.record.package.digest} verified`);
    contract = fetched.contractFile ? await loadDocument(fetched.contractFile, DataContract, "data contract", "model") : null;
    version = await ServedVersion.open({ model: fetched.record.model, version: String(fetched.record.version), file: fetched.modelFile, contract, log: options.log });
  } catch (error) {
    await ports.tracker?.finished("failure", describe(`ghml: refused ${wanted}: ${error.message}`), null);
    throw error;
  }
  const label = `${fetched.record.model} v${fetched.record.version}`;
  let outcome;
  let environmentUrl = options.environmentUrl ?? null;
  try {
    const smoke = await smokeRows({ file: options.smokeRowsFile, profileFile: fetched.profileFile, contract, features: version.features, label });
    options.log(`smoke test: ${smoke.rows.length} rows from ${smoke.source}`);
    if (options.target === "serve") {
      const serve = options.serve;
      environmentUrl ??= serve.url;
      const rolled = await rollOut({
        admin: new ServeAdmin(serve.url, serve.adminToken),
        model: fetched.record.model,
        version: String(fetched.record.version),
        modelFile: fetched.modelFile,
        contract,
        strategy: options.strategy === "batch" ? "blue-green" : options.strategy,
        canarySteps: serve.canarySteps,
        shadowPercent: serve.shadowPercent,
        stepMs: serve.stepMs,
        thresholds: serve.thresholds,
        smoke: smoke.rows,
        classes: version.classes,
        log: options.log,
        sleep: ports.sleep ?? sleep
      });
      outcome = { ...rolled, predictions: null };
    } else {
      outcome = await deployElsewhere(options, ports, fetched, version, smoke.rows);
    }
  } catch (error) {
    await ports.tracker?.finished("failure", describe(`ghml: deploying ${label} failed: ${error instanceof Error ? error.message : String(error)}`), environmentUrl);
    throw error;
  } finally {
    await version.retire();
  }
  const report = DeployReport.parse({
    format: "ghml.deploy-report/v1",
    model: fetched.record.model,
    version: fetched.record.version,
    digest: fetched.record.package.digest,
    environment: options.environment,
    target: options.target,
    strategy: options.strategy,
    ...outcome,
    startedAt,
    finishedAt: now().toISOString()
  });
  const verdict = deployVerdict(report);
  await ports.tracker?.finished(report.result === "succeeded" ? "success" : "failure", describe(`ghml: ${verdict}`), environmentUrl);
  return report;
}
async function deployElsewhere(options, ports, fetched, version, smoke) {
  const steps = [];
  const step = (name, passed, detail, seconds) => {
    const entry = { name, percent: null, seconds, requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed, detail };
    steps.push(entry);
    options.log(`${passed ? "passed" : "FAILED"}: ${name}: ${detail}`);
    return entry;
  };
  const failed = (reason2, result = "failed") => ({ result, reason: reason2, previousVersion: null, steps, predictions: null });
  let started = performance.now();
  const elapsed = () => Math.round(performance.now() - started) / 1e3;
  const problem = await localSmokeProblem(version, smoke);
  step(`smoke test of v${fetched.record.version}`, problem === null, problem ?? `${smoke.length} rows, every output valid`, elapsed());
  if (problem) return failed(`the smoke test failed: ${problem}`);
  if (options.target === "batch") {
    const batch = options.batch;
    started = performance.now();
    const scored = await scoreBatch(version, batch.data, batch.output, `${fetched.record.model}-v${fetched.record.version}-${options.environment}`);
    step(`score ${batch.data.length} file(s)`, true, `${scored.rows} rows scored into ${scored.path}`, elapsed());
    let artifact = null;
    if (batch.artifactName && ports.artifacts) {
      artifact = (await ports.artifacts.upload(batch.artifactName, [scored.path])).description;
      step("publish the predictions", true, artifact, 0);
    }
    return { result: "succeeded", reason: null, previousVersion: null, steps, predictions: { path: scored.path, rows: scored.rows, artifact } };
  }
  const command = options.command;
  const env = {
    GHML_MODEL_NAME: fetched.record.model,
    GHML_MODEL_VERSION: String(fetched.record.version),
    GHML_MODEL_PATH: fetched.modelFile,
    GHML_MODEL_DIGEST: fetched.record.package.digest,
    GHML_PACKAGE_DIR: fetched.directory,
    GHML_CONTRACT_PATH: fetched.contractFile ?? "",
    GHML_ENVIRONMENT: options.environment,
    GHML_STRATEGY: options.strategy,
    GHML_RELEASE_URL: fetched.record.release.url
  };
  started = performance.now();
  const run = await runCommand(command.run, { cwd: command.cwd, env, log: options.log });
  const ok = run.exitCode === 0;
  step("run the deployment command", ok, ok ? "exited 0" : `exited ${run.exitCode ?? run.signal}${run.tail ? `: ${run.tail.split("\n").at(-1)}` : ""}`, elapsed());
  if (ok) return { result: "succeeded", reason: null, previousVersion: null, steps, predictions: null };
  const reason = `the deployment command exited ${run.exitCode ?? `on ${run.signal}`}`;
  if (!command.rollback) return failed(`${reason}; no rollback-command was given`);
  started = performance.now();
  const undone = await runCommand(command.rollback, { cwd: command.cwd, env: { ...env, GHML_FAILED_VERSION: String(fetched.record.version) }, log: options.log });
  const restored = undone.exitCode === 0;
  step("run the rollback command", restored, restored ? "exited 0" : `exited ${undone.exitCode ?? undone.signal}`, elapsed());
  return restored ? failed(`${reason}; rolled back with rollback-command`, "rolled-back") : failed(`${reason}, and the rollback command failed too (exit ${undone.exitCode ?? undone.signal}): check ${options.environment} by hand`);
}
function chooseTarget(given) {
  const target = given.target ?? (given.strategy === "batch" ? "batch" : given.command ? "command" : "serve");
  if (given.strategy === "batch" && target !== "batch") throw new ConfigurationError(`the batch strategy scores a dataset: target "${target}" does not fit it`, { input: "target" });
  if (target === "serve" && !given.serverUrl) throw new ConfigurationError("server-url is required for the serve target: the address of the running ghml serve", { input: "server-url" });
  if (target === "batch" && (!given.batchData?.length || !given.batchOutput)) throw new ConfigurationError("batch-data and batch-output are required for the batch target: the data to score and where the predictions go", { input: "batch-data" });
  if (target === "batch") batchOutputFormat(given.batchOutput);
  if (target === "command" && !given.command) throw new ConfigurationError("command is required for the command target: the script that deploys the model", { input: "command" });
  return target;
}

export {
  DeployTarget,
  DeployStrategy,
  RolloutSettings,
  deployVerdict,
  renderDeployMarkdown,
  HttpError,
  readBody,
  parseJson,
  sendJson,
  sendError,
  DEFAULT_LOG_OPTIONS,
  repairLogDirectory,
  PredictionLog,
  OutputIncident,
  ServedVersion,
  fetchModelPackage,
  SHADOW_ROUTE,
  Metrics,
  ServedVersionLabel,
  LoadVersionRequest,
  Routing,
  runDeploy,
  chooseTarget
};
