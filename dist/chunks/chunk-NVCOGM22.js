import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  sniffColumnTypes
} from "./chunk-JVYJN4TL.js";
import {
  BATCH_ROWS,
  checkDataFiles,
  combinedFingerprint,
  readerFor
} from "./chunk-3C6XEXBA.js";
import {
  MANIFEST_NAME
} from "./chunk-WFSC643H.js";
import {
  PackageManifest,
  parseDocument
} from "./chunk-GDY5R3NU.js";
import {
  loadOnnxRuntime,
  tensorsData,
  tensorsOf
} from "./chunk-ZA5F3PVO.js";
import {
  expandBinaryProbabilities,
  percentile
} from "./chunk-OAZXE34L.js";
import {
  ConfigurationError,
  DataError
} from "./chunk-L374PU5G.js";

// src/evaluate/dataset.ts
var SNIFF_ROWS = 2e3;
async function hasRows(file) {
  const { reader } = readerFor(file);
  try {
    await reader.open();
    for await (const batch of reader.batches([{ name: reader.columns[0], decoding: "string" }], () => void 0)) if (batch.rows > 0) return true;
    return false;
  } finally {
    await reader.close();
  }
}
async function describeColumns(files, input = "data") {
  await checkDataFiles(files, input);
  const columns = (await sniffColumnTypes(files, SNIFF_ROWS)).columns;
  for (const file of files) if (await hasRows(file)) return columns;
  throw new DataError(`there are no rows to evaluate: ${files.join(", ")} ${files.length > 1 ? "have" : "has"} a header but no records`);
}
var DatasetStream = class {
  constructor(files, plan, chunkRows = BATCH_ROWS, input = "data") {
    this.files = files;
    this.plan = plan;
    this.chunkRows = chunkRows;
    this.input = input;
  }
  files;
  plan;
  chunkRows;
  input;
  fingerprints = [];
  async *chunks() {
    let offset = 0;
    for (const file of this.files) {
      const { reader, fingerprint } = readerFor(file);
      try {
        await reader.open();
        const missing = this.plan.filter((column) => !reader.columns.includes(column.name)).map((column) => column.name);
        if (missing.length > 0) {
          throw new ConfigurationError(
            `data file "${file}" has no column ${missing.map((name) => `"${name}"`).join(", ")} (its columns: ${reader.columns.join(", ")})`,
            { input: this.input }
          );
        }
        const refuse = (issue) => {
          throw new DataError(`${issue.message}: every row must be readable to be evaluated`, { file, row: issue.row ?? void 0, column: issue.column ?? void 0 });
        };
        for await (const batch of reader.batches(this.plan, refuse)) {
          const columns = /* @__PURE__ */ new Map();
          this.plan.forEach((column, i) => columns.set(column.name, batch.columns[i]));
          for (let start = 0; start < batch.rows; start += this.chunkRows) {
            const rows = Math.min(this.chunkRows, batch.rows - start);
            yield { columns, start, rows, file, firstRow: batch.firstRow + start, offset };
            offset += rows;
          }
        }
        this.fingerprints.push(await fingerprint());
      } finally {
        await reader.close();
      }
    }
  }
  /** After the stream is read: sha256 over the files' digests, in order. */
  fingerprint() {
    return combinedFingerprint(this.fingerprints);
  }
};

// src/io/worker-thread.ts
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
function startWorker(name, source, workerData) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (!import.meta.url.endsWith(".ts")) {
    const bundle = path.basename(here) === "chunks" ? path.dirname(here) : here;
    return new Worker(pathToFileURL(path.join(bundle, `${name}.js`)), { workerData });
  }
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const api = JSON.parse(readFileSync(manifest, "utf8")).exports["./esm/api"].import.default;
  const registerUrl = pathToFileURL(path.join(path.dirname(manifest), api)).href;
  const bootstrap = `import(${JSON.stringify(registerUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
var WorkerCalls = class {
  constructor(worker, failure, what) {
    this.worker = worker;
    worker.on("message", (message) => {
      if (typeof message.id !== "number") return;
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      const error = failure(message);
      if (error) waiting?.reject(error);
      else waiting?.resolve(message);
    });
    const failAll = (error) => {
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`${what} exited (code ${code}) before it answered`)));
  }
  worker;
  nextId = 0;
  waiting = /* @__PURE__ */ new Map();
  /** Posts the message `request` makes of a new id, moving `transfer`; the answer with that id. */
  call(request, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(request(id), transfer);
    });
  }
};

// src/model/model-thread.ts
function rebuilt(error) {
  return error.configuration ? new ConfigurationError(error.message, { input: error.input }) : new Error(error.message);
}
var ModelThread = class _ModelThread {
  constructor(ort, worker, model) {
    this.ort = ort;
    this.worker = worker;
    this.model = model;
    this.calls = new WorkerCalls(worker, (answer) => answer.kind === "run-failed" ? rebuilt(answer.error) : null, "the model's worker thread");
  }
  ort;
  worker;
  model;
  calls;
  released;
  /** Opens `file` in a new worker thread; errors opening it are the same as `ModelSession.open`'s. */
  static async open(file, options = {}) {
    const log = options.log ?? (() => void 0);
    const executionProvider = options.executionProvider ?? "cpu";
    const { ort } = await loadOnnxRuntime({ cuda: executionProvider === "cuda", log });
    const worker = startWorker("model-thread-worker", new URL("./model-thread-worker.ts", import.meta.url), {
      file,
      input: options.input ?? "model",
      executionProvider
    });
    let opened;
    try {
      opened = await new Promise((resolve, reject) => {
        worker.on("message", (message) => {
          if (message.kind === "log") log(message.message);
          else if (message.kind === "opened") resolve(message.model);
          else if (message.kind === "failed") reject(rebuilt(message.error));
        });
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the model's worker thread exited (code ${code}) while opening "${file}"`)));
      });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new _ModelThread(ort, worker, opened);
  }
  get path() {
    return this.model.path;
  }
  get sha256() {
    return this.model.sha256;
  }
  get bytes() {
    return this.model.bytes;
  }
  get metadata() {
    return this.model.metadata;
  }
  get executionProvider() {
    return this.model.executionProvider;
  }
  get inputs() {
    return this.model.inputs;
  }
  get outputs() {
    return this.model.outputs;
  }
  call(request, transfer = []) {
    if (this.released) return Promise.reject(new Error("the model was released"));
    return this.calls.call(request, transfer);
  }
  /** Runs the model on `feeds`; typed arrays that own their buffer move to the worker and are empty here afterwards. */
  async runTimed(feeds, fetches) {
    const data = tensorsData(feeds);
    const transfer = Object.values(data).flatMap(({ data: data2 }) => {
      if ("dictionary" in data2) return [data2.codes.buffer];
      const array = data2;
      return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? [array.buffer] : [];
    });
    const answer = await this.call((id) => ({ kind: "run", id, feeds: data, fetches }), transfer);
    if (answer.kind !== "ran") throw new Error(`unexpected answer ${answer.kind} to a run`);
    return { outputs: tensorsOf(this.ort, answer.outputs), seconds: answer.seconds };
  }
  async timeRuns(calls, fetches) {
    const answer = await this.call((id) => ({ kind: "time", id, calls: calls.map(tensorsData), fetches }));
    if (answer.kind !== "timed") throw new Error(`unexpected answer ${answer.kind} to timed runs`);
    return answer.durations;
  }
  /** Releases the session after the calls already made, and ends the worker. */
  release() {
    this.released ??= new Promise((resolve) => {
      this.worker.on("message", (message) => {
        if (message.kind === "released") resolve();
      });
      this.worker.once("exit", () => resolve());
      this.worker.postMessage({ kind: "release" });
    }).then(async () => {
      await this.worker.terminate();
    });
    return this.released;
  }
};

// src/model/io-mapping.ts
var FEEDABLE_TYPES = ["float32", "float64", "int64", "string"];
var NUMERIC_TYPES = /* @__PURE__ */ new Set(["integer", "number", "boolean"]);
function shapeText(info) {
  return `${info.elementType} [${info.shape.join(", ")}]`;
}
function listed(items) {
  return items.map((item) => `"${item}"`).join(", ");
}
function feedableType(info, what) {
  if (FEEDABLE_TYPES.includes(info.elementType)) return info.elementType;
  throw new ConfigurationError(
    `${what} input "${info.name}" takes ${shapeText(info)}, an element type ghml cannot feed from data: it feeds ${FEEDABLE_TYPES.join(", ")}`,
    { input: "model" }
  );
}
function checkBatchDimension(info, what) {
  const batch = info.shape[0];
  if (typeof batch === "number" && batch > 0 && info.shape.length > 0) {
    throw new ConfigurationError(
      `${what} input "${info.name}" has a fixed batch size of ${batch} (${shapeText(info)}): export the model with a dynamic first dimension so rows can be fed in batches`,
      { input: "model" }
    );
  }
}
function checkColumnType(binding, column, what) {
  if (binding.elementType === "string" || NUMERIC_TYPES.has(column.type)) return;
  throw new ConfigurationError(
    `${what} input "${binding.input}" takes ${binding.elementType}, but column "${column.name}" holds ${column.type} values: feed it a number column, or export the model with a string input for it`,
    { input: "features" }
  );
}
function planInputs(options) {
  const { inputs, columns, label, what } = options;
  const byName2 = new Map(columns.map((c) => [c.name, c]));
  if (inputs.length === 0) throw new ConfigurationError(`${what} has no inputs`, { input: "model" });
  const oneValuePerRow = (info2) => info2.shape.length === 1 || info2.shape.length === 2 && info2.shape[1] === 1;
  const named = inputs.every((info2) => byName2.has(info2.name) && info2.name !== label && oneValuePerRow(info2));
  if (named && (inputs.length > 1 || options.features === void 0)) {
    const bindings = inputs.map((info2) => {
      checkBatchDimension(info2, what);
      const binding = { input: info2.name, elementType: feedableType(info2, what), columns: [info2.name], rank: info2.shape.length };
      checkColumnType(binding, byName2.get(info2.name), what);
      return binding;
    });
    return { style: "named", bindings, notes: [] };
  }
  if (inputs.length > 1) {
    const missing = inputs.filter((info2) => !byName2.has(info2.name)).map((info2) => info2.name);
    const described = inputs.map((info2) => `"${info2.name}" ${shapeText(info2)}`).join(", ");
    const why = missing.length > 0 ? `these are not columns of the data: ${listed(missing)} (the data has ${listed(columns.map((c) => c.name))})` : "each must take one value per row ([N] or [N, 1]) and none may be the label";
    throw new ConfigurationError(
      `${what} has ${inputs.length} inputs (${described}); ghml feeds several inputs by matching their names to data columns, and ${why}`,
      { input: "model" }
    );
  }
  const [info] = inputs;
  checkBatchDimension(info, what);
  const elementType = feedableType(info, what);
  if (info.shape.length !== 2) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${shapeText(info)}; ghml feeds a single input as a matrix [N, features]: export the model with a 2-dimensional input`,
      { input: "model" }
    );
  }
  const notes = [];
  let chosen;
  if (options.features) {
    chosen = options.features.columns;
    for (const name of chosen) {
      if (!byName2.has(name)) {
        throw new ConfigurationError(`feature column "${name}" (from ${options.features.source}) is not in the data, whose columns are ${listed(columns.map((c) => c.name))}`, {
          input: "features"
        });
      }
    }
    notes.push(`Input "${info.name}" of ${what} takes ${chosen.length} columns in the order of ${options.features.source}.`);
  } else {
    const candidates = columns.filter((c) => c.name !== label);
    chosen = candidates.filter((c) => elementType === "string" || NUMERIC_TYPES.has(c.type)).map((c) => c.name);
    const left = candidates.filter((c) => !chosen.includes(c.name));
    notes.push(`Input "${info.name}" of ${what} takes every ${elementType === "string" ? "" : "number "}column but the label, in file order.`);
    if (left.length > 0) notes.push(`Columns left out of input "${info.name}" of ${what} because they do not hold numbers: ${left.map((c) => `${c.name} (${c.type})`).join(", ")}.`);
  }
  const width = info.shape[1];
  if (typeof width === "number" && width !== chosen.length) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${width} values per row (${shapeText(info)}), but ${chosen.length} columns are mapped to it: ${listed(chosen)}. Pass features (or a contract) listing the model's columns in its order`,
      { input: "features" }
    );
  }
  for (const name of chosen) checkColumnType({ input: info.name, elementType }, byName2.get(name), what);
  return { style: "matrix", bindings: [{ input: info.name, elementType, columns: chosen, rank: 2 }], notes };
}
function invalidValue(rows, column, offset, text, binding) {
  throw new DataError(`value ${text === void 0 ? "" : `"${text}" `}cannot be fed to input "${binding.input}" (${binding.elementType})`, {
    file: rows.file,
    row: rows.firstRow + offset,
    column
  });
}
function numberValues(rows, name, binding) {
  const column = rows.columns.get(name);
  if (column === void 0 || column.kind !== "number") throw new Error(`column "${name}" was not read as numbers`);
  const { start } = rows;
  for (let i = 0; i < rows.rows; i++) {
    const status = column.status[start + i];
    if (status === 2 /* invalid */) invalidValue(rows, name, i, column.invalidText.get(start + i), binding);
    if (status === 1 /* missing */ && binding.elementType === "int64") {
      throw new DataError(`missing value, and input "${binding.input}" (int64) has no way to say missing`, { file: rows.file, row: rows.firstRow + i, column: name });
    }
  }
  return column.values.subarray(start, start + rows.rows);
}
function textValues(rows, name, binding) {
  const column = rows.columns.get(name);
  if (column === void 0 || column.kind !== "string") throw new Error(`column "${name}" was not read as text`);
  const out = new Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) {
    const value = column.values[rows.start + i];
    if (value === null || column.invalidText.has(rows.start + i)) {
      throw new DataError(`${value === null ? "missing value" : "value that is not valid UTF-8"}, and input "${binding.input}" (string) needs text`, {
        file: rows.file,
        row: rows.firstRow + i,
        column: name
      });
    }
    out[i] = value;
  }
  return out;
}
function buildFeeds(plan, rows, ort) {
  const feeds = {};
  const n = rows.rows;
  for (const binding of plan.bindings) {
    const width = binding.columns.length;
    const dims = binding.rank === 1 ? [n] : [n, width];
    if (binding.elementType === "string") {
      const data2 = new Array(n * width);
      binding.columns.forEach((name, j) => {
        const values = textValues(rows, name, binding);
        for (let i = 0; i < n; i++) data2[i * width + j] = values[i];
      });
      feeds[binding.input] = new ort.Tensor("string", data2, dims);
      continue;
    }
    const data = binding.elementType === "float32" ? new Float32Array(n * width) : binding.elementType === "float64" ? new Float64Array(n * width) : new BigInt64Array(n * width);
    binding.columns.forEach((name, j) => {
      const values = numberValues(rows, name, binding);
      if (data instanceof BigInt64Array) {
        for (let i = 0; i < n; i++) {
          if (!Number.isSafeInteger(values[i])) invalidValue(rows, name, i, String(values[i]), binding);
          data[i * width + j] = BigInt(values[i]);
        }
      } else if (width === 1) {
        data.set(values);
      } else {
        for (let i = 0; i < n; i++) data[i * width + j] = values[i];
      }
    });
    feeds[binding.input] = new ort.Tensor(binding.elementType, data, dims);
  }
  return feeds;
}
function rowOfFeeds(feeds, row, ort) {
  const single = {};
  for (const [name, tensor] of Object.entries(feeds)) {
    const width = tensor.dims.length === 2 ? tensor.dims[1] : 1;
    const dims = tensor.dims.length === 2 ? [1, width] : [1];
    const data = tensor.data;
    const slice = data.slice(row * width, (row + 1) * width);
    single[name] = tensor.type === "string" ? new ort.Tensor("string", slice, dims) : new ort.Tensor(tensor.type, slice, dims);
  }
  return single;
}
var FLOAT_TYPES = /* @__PURE__ */ new Set(["float32", "float64"]);
var LABEL_TYPES = /* @__PURE__ */ new Set(["string", "int64", "int32"]);
var isColumn = (info) => info.shape.length === 1 || info.shape.length === 2 && info.shape[1] === 1;
function byName(candidates, pattern) {
  if (candidates.length === 1) return candidates[0];
  const matching = candidates.filter((c) => pattern.test(c.name));
  return matching.length === 1 ? matching[0] : void 0;
}
function outputsText(outputs) {
  return outputs.map((o) => `"${o.name}" ${shapeText(o)}`).join(", ");
}
function zipMapError(output, what) {
  return new ConfigurationError(
    `${what}'s output "${output.name}" is a sequence of maps (a ZipMap), which ghml cannot read as class probabilities: export the model without it \u2014 in skl2onnx, convert_sklearn(model, initial_types=..., options={id(model): {'zipmap': False}}) \u2014 so the probabilities come as a float tensor [N, classes]`,
    { input: "model" }
  );
}
function refuseZipMapOnly(outputs, what) {
  const map = outputs.find((o) => o.elementType === "non-tensor");
  if (map && !outputs.some((o) => FLOAT_TYPES.has(o.elementType))) throw zipMapError(map, what);
}
function looksLikeClassifier(outputs) {
  return outputs.some(
    (o) => o.elementType === "non-tensor" || LABEL_TYPES.has(o.elementType) || FLOAT_TYPES.has(o.elementType) && o.shape.length === 2 && typeof o.shape[1] === "number" && o.shape[1] > 1
  );
}
function planOutputs(options) {
  const { outputs, task, what } = options;
  const tensors = outputs.filter((o) => o.elementType !== "non-tensor");
  const floats = tensors.filter((o) => FLOAT_TYPES.has(o.elementType));
  if (task === "regression") {
    const value = byName(floats.filter(isColumn), /predict|value|variable|output|score/i);
    if (!value) {
      throw new ConfigurationError(
        `${what} has no single float output [N] or [N, 1] to read as the regression value (its outputs: ${outputsText(outputs)})`,
        { input: "task" }
      );
    }
    return { task, value: { output: value.name } };
  }
  const classCount = options.classes?.length ?? 0;
  const matrices = floats.filter((o) => o.shape.length === 2 && (typeof o.shape[1] !== "number" || o.shape[1] === classCount) && o.shape[1] !== 1);
  const positives = classCount === 2 ? floats.filter(isColumn) : [];
  const labels = tensors.filter((o) => LABEL_TYPES.has(o.elementType) && isColumn(o));
  const maps = outputs.filter((o) => o.elementType === "non-tensor");
  let probabilities = null;
  const matrix = byName(matrices, /prob/i);
  const positive = byName(positives, /prob/i);
  if (matrix) probabilities = { output: matrix.name, kind: "matrix" };
  else if (matrices.length === 0 && positive) probabilities = { output: positive.name, kind: "positive" };
  else if (matrices.length + positives.length > 1) {
    throw new ConfigurationError(`${what} has several outputs that could be class probabilities and none is named for them: ${outputsText([...matrices, ...positives])}`, { input: "model" });
  }
  if (probabilities === null && maps.length > 0) throw zipMapError(maps[0], what);
  const wrongWidth = floats.find((o) => o.shape.length === 2 && typeof o.shape[1] === "number" && o.shape[1] > 1 && o.shape[1] !== classCount);
  if (probabilities === null && wrongWidth) {
    throw new ConfigurationError(
      `${what}'s output "${wrongWidth.name}" (${shapeText(wrongWidth)}) has ${wrongWidth.shape[1]} columns, but there are ${classCount} classes (${options.classes?.join(", ")}): give the model's classes in the order of its probability columns`,
      { input: "classes" }
    );
  }
  const label = byName(labels, /label|class|predict/i) ?? null;
  if (probabilities === null && label === null) {
    throw new ConfigurationError(`${what} has no output ghml can read as class probabilities ([N, classes]) or labels ([N]): its outputs are ${outputsText(outputs)}`, {
      input: "model"
    });
  }
  return { task, probabilities, label: label ? { output: label.name } : null };
}
function fetchesOf(plan) {
  if (plan.task === "regression") return [plan.value.output];
  return [plan.probabilities?.output, plan.label?.output].filter((name) => name !== void 0);
}
function checkRows(tensor, rows, output, what) {
  if (tensor.dims[0] !== rows) {
    throw new ConfigurationError(`${what}'s output "${output}" has ${tensor.dims[0]} rows for a batch of ${rows}: a model must give one prediction per row`, { input: "model" });
  }
}
function readPredictions(plan, results, rows, options) {
  if (plan.task === "regression") {
    const tensor = results[plan.value.output];
    checkRows(tensor, rows, plan.value.output, options.what);
    return { values: new Float64Array(tensor.data) };
  }
  const predictions = {};
  if (plan.probabilities) {
    const tensor = results[plan.probabilities.output];
    checkRows(tensor, rows, plan.probabilities.output, options.what);
    const data = tensor.data;
    const width = plan.probabilities.kind === "positive" ? 2 : data.length / rows;
    if (width !== options.classCount) {
      throw new ConfigurationError(
        `${options.what}'s output "${plan.probabilities.output}" has ${width} columns, but there are ${options.classCount} classes: give the model's classes in the order of its probability columns`,
        { input: "classes" }
      );
    }
    const probabilities = plan.probabilities.kind === "positive" ? expandBinaryProbabilities(data, 1) : data;
    const order = options.columnOrder;
    if (order === null) {
      predictions.probabilities = probabilities;
    } else {
      const reordered = probabilities instanceof Float32Array ? new Float32Array(rows * width) : new Float64Array(rows * width);
      for (let i = 0; i < rows; i++) for (let k = 0; k < width; k++) reordered[i * width + k] = probabilities[i * width + order[k]];
      predictions.probabilities = reordered;
    }
  }
  if (plan.label) {
    const tensor = results[plan.label.output];
    checkRows(tensor, rows, plan.label.output, options.what);
    const data = tensor.data;
    if (Array.isArray(data)) predictions.labels = data;
    else if (data instanceof BigInt64Array) predictions.labels = Array.from(data, (value) => Number(value));
    else predictions.labels = Array.from(data);
  }
  return predictions;
}

// src/evaluate/scorer.ts
var LATENCY_CALLS = 200;
var WARMUP_CALLS = 10;
var Scorer = class {
  constructor(session, inputs, outputs, classes, columnOrder, what) {
    this.session = session;
    this.inputs = inputs;
    this.outputs = outputs;
    this.classes = classes;
    this.columnOrder = columnOrder;
    this.what = what;
    this.fetches = fetchesOf(outputs);
  }
  session;
  inputs;
  outputs;
  classes;
  columnOrder;
  what;
  /** Seconds spent in the model's batch calls. */
  modelSeconds = 0;
  fetches;
  singleRows = [];
  /**
   * The model's predictions on a chunk. The feeds are built and handed to the model before the
   * first await, so a caller can read the next chunk while the model runs this one.
   */
  async predict(chunk) {
    const feeds = buildFeeds(this.inputs, chunk, this.session.ort);
    if (this.singleRows.length === 0) {
      const sample = Math.min(chunk.rows, LATENCY_CALLS + WARMUP_CALLS);
      for (let row = 0; row < sample; row++) this.singleRows.push(rowOfFeeds(feeds, row, this.session.ort));
    }
    let results;
    try {
      const run = await this.session.runTimed(feeds, this.fetches);
      results = run.outputs;
      this.modelSeconds += run.seconds;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new ConfigurationError(
        `ONNX Runtime could not run ${this.what} on ${chunk.file} rows ${chunk.firstRow}\u2013${chunk.firstRow + chunk.rows - 1}: ${message}`,
        { input: "model", cause: error }
      );
    }
    return readPredictions(this.outputs, results, chunk.rows, { classCount: this.classes?.length ?? 0, columnOrder: this.columnOrder, what: this.what });
  }
  /** Latency of single-row calls over the first rows of the data (as a server would call the model). */
  async latency() {
    const timed = await this.session.timeRuns(this.singleRows, this.fetches);
    const durations = timed.length <= WARMUP_CALLS ? timed : timed.slice(WARMUP_CALLS);
    if (durations.length === 0) return { p50: null, p95: null, p99: null, calls: 0 };
    const sorted = Float64Array.from(durations).sort();
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), calls: sorted.length };
  }
  summary() {
    const columnsOf = new Map(this.inputs.bindings.map((binding) => [binding.input, binding.columns]));
    const roles = /* @__PURE__ */ new Map();
    if (this.outputs.task === "regression") roles.set(this.outputs.value.output, "value");
    else {
      if (this.outputs.probabilities) roles.set(this.outputs.probabilities.output, this.outputs.probabilities.kind === "matrix" ? "probabilities" : "positive-probability");
      if (this.outputs.label) roles.set(this.outputs.label.output, "label");
    }
    return {
      path: this.session.path,
      sha256: this.session.sha256,
      bytes: this.session.bytes,
      inputs: this.session.inputs.map((info) => ({ ...info, columns: columnsOf.get(info.name) ?? [] })),
      outputs: this.session.outputs.map((info) => ({ ...info, role: roles.get(info.name) ?? "unused" })),
      classes: this.classes === null ? null : [...this.classes],
      executionProvider: this.session.executionProvider
    };
  }
};

// src/evaluate/models.ts
function metadataList(text) {
  if (text === void 0 || text.trim() === "") return null;
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string" || typeof item === "number")) return parsed;
  } catch {
  }
  return text.split(",").map((item) => item.trim()).filter(Boolean);
}
function columnOrderFor(modelClasses, evaluationClasses, what) {
  const index = new Map(modelClasses.map((label, k) => [String(label), k]));
  const same = modelClasses.length === evaluationClasses.length && evaluationClasses.every((label) => index.has(String(label)));
  if (!same) {
    throw new ConfigurationError(
      `${what} knows the classes [${modelClasses.join(", ")}] and the model [${evaluationClasses.join(", ")}]: a comparison needs models of the same classes`,
      { input: "baseline" }
    );
  }
  const order = Int32Array.from(evaluationClasses, (label) => index.get(String(label)));
  return order.every((k, i) => k === i) ? null : order;
}
async function openScorer(options) {
  const session = await (options.session ?? ModelThread.open(options.file, { executionProvider: options.executionProvider, log: options.log, input: options.input }));
  try {
    const notes = [];
    const metadataClasses = metadataList(session.metadata.classes);
    const classes = options.classes ?? metadataClasses;
    const task = options.task ?? (classes !== null || looksLikeClassifier(session.outputs) ? "classification" : "regression");
    if (task === "classification") refuseZipMapOnly(session.outputs, options.what);
    if (task === "classification" && classes === null) {
      throw new ConfigurationError(
        `${options.what} does not list its classes (no "classes" in its metadata): pass classes, in the order of its probability columns (for scikit-learn, the estimator's classes_)`,
        { input: "classes" }
      );
    }
    const metadataFeatures = metadataList(session.metadata.features)?.map(String);
    const features = options.features ? { columns: options.features, source: "the features input" } : metadataFeatures ? { columns: metadataFeatures, source: `the model's metadata "features"` } : options.contractFeatures ? { columns: options.contractFeatures, source: "the contract's number columns" } : void 0;
    const inputs = planInputs({ inputs: session.inputs, columns: options.columns, label: options.label, features, what: options.what });
    notes.push(...inputs.notes);
    const outputs = planOutputs({ outputs: session.outputs, task, classes: task === "classification" ? classes : null, what: options.what });
    if (outputs.task === "classification" && outputs.label && outputs.probabilities) {
      notes.push(`Label metrics of ${options.what} use its output "${outputs.label.output}"; probability metrics use "${outputs.probabilities.output}".`);
    }
    const evaluationClasses = task === "classification" ? options.evaluationClasses ?? classes : null;
    const order = evaluationClasses === null ? null : columnOrderFor(classes, evaluationClasses, options.what);
    const scorer = new Scorer(session, inputs, outputs, task === "classification" ? classes : null, order, options.what);
    return { scorer, task, classes: task === "classification" ? classes : null, notes };
  } catch (error) {
    await session.release();
    throw error;
  }
}

// src/registry/download.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import path2 from "node:path";
import { pipeline } from "node:stream/promises";
async function downloadPackage(record, reader, outDir) {
  const label = `${record.model} v${record.version}`;
  const assetIds = new Map(record.assets.map((asset) => [asset.name, asset.id]));
  const assetId = (name) => {
    const id = assetIds.get(name);
    if (id === void 0) throw new DataError(`refused ${label}: its version record lists no release asset ${name}`);
    return id;
  };
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path2.join(outDir, ".ghml-download-"));
  try {
    const manifestPath = path2.join(staging, MANIFEST_NAME);
    const got = await reader.downloadAsset(assetId(MANIFEST_NAME), manifestPath);
    if (got.sha256 !== record.package.digest) {
      throw new DataError(`refused ${label}: ${MANIFEST_NAME} hashes to ${got.sha256}, not to the package digest ${record.package.digest} the registry recorded; the release was changed after registration`);
    }
    const manifest = parseDocument(PackageManifest, await readFile(manifestPath, "utf8"), `${record.release.tag}/${MANIFEST_NAME}`);
    if (manifest.model !== record.model || manifest.version !== record.version) {
      throw new DataError(`refused ${label}: its manifest describes ${manifest.model} v${manifest.version}`);
    }
    const files = [];
    for (const entry of manifest.files) {
      const target = path2.join(staging, entry.name);
      if (entry.parts === null) {
        check(label, entry.name, entry, await reader.downloadAsset(assetId(entry.name), target));
      } else {
        const whole = createHash("sha256");
        let size = 0;
        for (const part of entry.parts) {
          const partPath = path2.join(staging, part.asset);
          check(label, part.asset, part, await reader.downloadAsset(assetId(part.asset), partPath));
          await pipeline(createReadStream(partPath), async function* (chunks) {
            for await (const chunk of chunks) {
              whole.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          }, createWriteStream(target, { flags: "a" }));
          await rm(partPath);
        }
        check(label, `${entry.name} (put together from ${entry.parts.length} parts)`, entry, { size, sha256: whole.digest("hex") });
      }
      files.push({ name: entry.name, role: entry.role, path: path2.join(outDir, entry.name), size: entry.size, sha256: entry.sha256 });
    }
    for (const name of [...manifest.files.map((entry) => entry.name), MANIFEST_NAME]) await rename(path2.join(staging, name), path2.join(outDir, name));
    return { manifest, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
function check(label, name, expected, actual) {
  if (actual.size === expected.size && actual.sha256 === expected.sha256) return;
  throw new DataError(`refused ${label}: ${name} is ${actual.size} bytes with sha256 ${actual.sha256}, but the package lists ${expected.size} bytes with sha256 ${expected.sha256}; the release asset was changed or damaged`);
}

export {
  describeColumns,
  DatasetStream,
  planInputs,
  refuseZipMapOnly,
  looksLikeClassifier,
  planOutputs,
  readPredictions,
  startWorker,
  WorkerCalls,
  ModelThread,
  metadataList,
  openScorer,
  downloadPackage
};
