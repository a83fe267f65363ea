import type { Tensor } from 'onnxruntime-node';
import type { DataContract } from '../contracts/data-contract.js';
import { metadataList } from '../evaluate/models.js';
import { ConfigurationError } from '../errors.js';
import { looksLikeClassifier, planInputs, planOutputs, readPredictions, refuseZipMapOnly, type DataColumn, type FeedableType, type InputBinding, type OutputPlan } from '../model/io-mapping.js';
import { ModelSession, type TensorInfo } from '../model/session.js';
import type { Label } from '../stats/metrics/index.js';
import type { LineBuffer } from './line-buffer.js';
import { HttpError } from './http.js';
import { columnCheck, invalid, ProblemList, type ColumnCheck, type Problem } from './input-validation.js';
import { isRecord } from '../io/json.js';

/**
 * One loaded version of a model: its ONNX Runtime session, how request values become its inputs
 * (checked against the version's data contract), and how its outputs are checked and answered.
 * Requests hold on to the version they were routed to, so a version taken out of routing keeps its
 * session until the last of them has finished.
 */

/** Open Inference Protocol datatypes of ONNX element types. */
const DATATYPES: Record<string, string> = {
  bool: 'BOOL',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  string: 'BYTES',
};

function datatypeOf(elementType: string): string {
  return DATATYPES[elementType] ?? elementType.toUpperCase();
}

/** Keys every prediction log line has; a feature with one of these names would be overwritten. */
const LOG_KEYS = ['time', 'request_id', 'row', 'model', 'model_version', 'route', 'latency_ms', 'label', 'prediction'] as const;
export const PROBABILITY_PREFIX = 'probability_';
const PREDICTION_KEY = Buffer.from(',"prediction":');
const LINE_END = Buffer.from('}\n');
const PROBABILITY_PLACEHOLDER = '0.000000';
const NO_LABEL: unique symbol = Symbol('no label');

interface OutputTemplate {
  bytes: Buffer;
  /** Where each probability's placeholder starts. */
  offsets: number[];
}

/** Where a feature's values lie in the request: `data[row * stride + offset]`, as the client sent them. */
export interface FeatureView {
  name: string;
  data: ArrayLike<unknown>;
  stride: number;
  offset: number;
}

export interface PreparedRequest {
  rows: number;
  feeds: Record<string, Tensor>;
  features: FeatureView[];
}

export interface Prediction {
  rows: number;
  outputs: Record<string, Tensor>;
  labels: Label[] | null;
  /** [rows, classes] in the order of `classes`. */
  probabilities: Float32Array | Float64Array | null;
  /** Regression values. */
  values: Float64Array | null;
}

/** The model failed, or its outputs failed validation: a 500 to the client and an incident in the log. */
export class OutputIncident extends Error {
  override name = 'OutputIncident';
}

/** What a log line says about the request besides its values. */
export interface LogMeta {
  /** Arrival, epoch milliseconds. */
  time: number;
  requestId: string;
  route: string;
  latencyMs: number;
  /** The number of the request's first row, when its rows continue others' (a batch). */
  firstRow?: number;
}

/** How a model input is filled: its name and datatype, and the feature columns it takes in order. */
export interface ServedInput {
  name: string;
  elementType: FeedableType;
  datatype: string;
  columns: string[];
  rank: 1 | 2;
}

export interface ServedVersionOptions {
  model: string;
  /** The version label; the first 12 hex digits of the file's sha256 when not given. */
  version?: string;
  file: string;
  contract: DataContract | null;
  /** Feature columns of a matrix input, in order; else the model's metadata, else the contract's number columns. */
  features?: string[];
  /** Class names in the order of the probability columns; else the model's metadata "classes". */
  classes?: Label[];
  log?: (message: string) => void;
}

let isoSecond = Number.NaN;
let isoSecondText = '';

/**
 * `new Date(time).toISOString()`, with the text up to the second kept from the call before:
 * formatting a date costs as much as the rest of a one-row request's log line.
 */
export function isoTime(time: number): string {
  const milliseconds = Math.floor(time);
  const second = Math.floor(milliseconds / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoSecondText = new Date(second * 1000).toISOString().slice(0, -4);
  }
  const fraction = milliseconds - second * 1000;
  return `${isoSecondText}${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
}

/** Probabilities may be off by float32 rounding, not more. */
const PROBABILITY_TOLERANCE = 1e-3;

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function problemsError(problems: ProblemList): HttpError {
  const first = problems.problems
    .slice(0, 3)
    .map((p: Problem) => `row ${p.row}${p.field ? ` "${p.field}"` : ''}: got ${describeValue(p.value)}, expected ${p.expected}`)
    .join('; ');
  const count = problems.count;
  const rest = count > 3 ? `; and ${count - 3} more (see "problems")` : '';
  return new HttpError(400, `${count} problem${count === 1 ? '' : 's'} in the request: ${first}${rest}`, { problems: problems.problems, ...(problems.more > 0 ? { moreProblems: problems.more } : {}) });
}

/**
 * Flattens nested row-major data (`[[1, 2], [3, 4]]`), which the protocol allows beside flat lists.
 * A loop: Array.prototype.flat takes fifteen times as long on a 64×4 tensor.
 */
function flatten(data: unknown[]): unknown[] {
  if (data.length === 0 || !Array.isArray(data[0])) return data;
  const flat: unknown[] = [];
  appendFlat(data, flat);
  return flat;
}

/** The values of `items` at any depth; rows of values, the usual case, take no call per row. */
function appendFlat(items: unknown[], flat: unknown[]): void {
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

/** Checked values of one input: numbers for a float input (its checks give nothing else), text for a string input. */
type FeedValues = { [index: number]: number | string };

/** Where an input's checked values go: straight into the tensor's typed array for floats, else a list converted once. */
function feedValues(elementType: FeedableType, length: number): FeedValues {
  if (elementType === 'float32') return new Float32Array(length);
  if (elementType === 'float64') return new Float64Array(length);
  return new Array<number | string>(length);
}

function feedData(elementType: FeedableType, values: FeedValues): Float32Array | Float64Array | BigInt64Array | string[] {
  if (elementType === 'int64') return BigInt64Array.from(values as number[], BigInt);
  return values as Float32Array | Float64Array | string[];
}

interface CompiledBinding extends InputBinding {
  checks: ColumnCheck[];
  datatype: string;
  /** Index of the binding's first column among all features. */
  firstFeature: number;
}

/**
 * A tensor's data as a JSON list. A typed array is joined, which writes each number as
 * JSON.stringify does (they are finite: checkOutputs saw to that) at a fifth of the cost of
 * stringifying a list of them.
 */
function dataJson(tensor: Tensor): string {
  const data = tensor.data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return JSON.stringify(Array.from(data, Number));
  if (Array.isArray(data)) return JSON.stringify(data);
  return `[${(data as Float32Array).join(',')}]`;
}

function tensorJson(info: TensorInfo): { name: string; datatype: string; shape: number[] } {
  return { name: info.name, datatype: datatypeOf(info.elementType), shape: info.shape.map((dim) => (typeof dim === 'number' ? dim : -1)) };
}

export class ServedVersion {
  readonly loadedAt = new Date();
  /** Requests running on the session now. */
  inFlight = 0;
  private retired = false;
  private released: Promise<void> | undefined;
  private releaseNow: (() => void) | undefined;
  /** Log line pieces encoded once: `"model":…,"model_version":…` and `,"<feature>":`. */
  private readonly logIdentity: string;
  private readonly featureKeys: Buffer[];
  /** Answer pieces written once: `{"model_name":…,"model_version":…` and each class's `"<class>":`. */
  private readonly answerHead: string;
  private readonly classKeys: string[];
  /** The features and the class names as text, for checks made on every request. */
  private readonly featureSet: ReadonlySet<string>;
  private readonly classNames: ReadonlySet<string>;
  /**
   * What follows the features on a classifier's line, per label: `,"label":"rain","probability_drizzle":0.000000,…}` and a
   * newline, with where each probability goes; under NO_LABEL the same without the label.
   */
  private readonly outputTemplates: Map<Label | typeof NO_LABEL, OutputTemplate>;

  private constructor(
    readonly model: string,
    readonly version: string,
    private readonly session: ModelSession,
    readonly contract: DataContract | null,
    private readonly bindings: CompiledBinding[],
    /** Every feature column, in the order of the bindings. */
    readonly features: string[],
    private readonly outputPlan: OutputPlan,
    readonly classes: Label[] | null,
    private readonly fetches: string[],
    /** Contract columns a row may carry besides the features, each checked; unknown ones are refused when the contract says so. */
    private readonly otherChecks: Map<string, ColumnCheck>,
    private readonly refuseUnknown: boolean,
  ) {
    this.logIdentity = `"model":${JSON.stringify(model)},"model_version":${JSON.stringify(version)}`;
    this.answerHead = `{"model_name":${JSON.stringify(model)},"model_version":${JSON.stringify(version)}`;
    this.classKeys = (classes ?? []).map((label) => `${JSON.stringify(String(label))}:`);
    this.featureSet = new Set(features);
    this.classNames = new Set((classes ?? []).map(String));
    this.featureKeys = features.map((name) => Buffer.from(`,${JSON.stringify(name)}:`));
    const probabilityKeys = outputPlan.task === 'classification' && outputPlan.probabilities ? (classes ?? []).map((label) => `,${JSON.stringify(`${PROBABILITY_PREFIX}${label}`)}:`) : [];
    const template = (prefix: string): OutputTemplate => {
      let text = prefix;
      const offsets: number[] = [];
      for (const key of probabilityKeys) {
        text += key;
        offsets.push(Buffer.byteLength(text));
        text += PROBABILITY_PLACEHOLDER;
      }
      return { bytes: Buffer.from(`${text}}\n`), offsets };
    };
    this.outputTemplates = new Map([[NO_LABEL, template('')]]);
    if (outputPlan.task === 'classification' && outputPlan.label) for (const label of classes ?? []) this.outputTemplates.set(label, template(`,"label":${JSON.stringify(label)}`));
  }

  static async open(options: ServedVersionOptions): Promise<ServedVersion> {
    const session = await ModelSession.open(options.file, { log: options.log, input: 'model' });
    try {
      return ServedVersion.plan(session, options);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  private static plan(session: ModelSession, options: ServedVersionOptions): ServedVersion {
    const versionLabel = options.version ?? session.sha256.slice(0, 12);
    const what = `${options.model} v${versionLabel}`;
    const contract = options.contract;
    const metadataFeatures = metadataList(session.metadata.features)?.map(String);
    const featureNames = options.features ?? metadataFeatures;
    const columns: DataColumn[] = contract
      ? contract.columns.map((column) => ({ name: column.name, type: column.type }))
      : (featureNames ?? session.inputs.map((input) => input.name)).map((name) => ({ name, type: session.inputs.find((input) => input.name === name)?.elementType === 'string' ? 'string' : 'number' }));
    const featureSource = options.features ? 'the features given' : metadataFeatures ? 'the model\'s metadata "features"' : undefined;
    const inputPlan = planInputs({ inputs: session.inputs, columns, label: '', features: featureNames && featureSource ? { columns: featureNames, source: featureSource } : undefined, what });

    const classes = options.classes ?? metadataList(session.metadata.classes);
    const classification = classes !== null || looksLikeClassifier(session.outputs);
    if (classification) refuseZipMapOnly(session.outputs, what);
    if (classification && classes === null) {
      throw new ConfigurationError(`${what} looks like a classifier but does not list its classes (no "classes" in its metadata): pass --classes in the order of its probability columns`, { input: 'classes' });
    }
    const outputPlan = planOutputs({ outputs: session.outputs, task: classification ? 'classification' : 'regression', classes: classification ? classes : null, what });

    let firstFeature = 0;
    const bindings = inputPlan.bindings.map((binding): CompiledBinding => {
      const compiled = { ...binding, checks: binding.columns.map((name) => columnCheck(name, binding.elementType, contract)), datatype: datatypeOf(binding.elementType), firstFeature };
      firstFeature += binding.columns.length;
      return compiled;
    });
    const features = bindings.flatMap((binding) => binding.columns);
    const reserved = features.filter((name) => (LOG_KEYS as readonly string[]).includes(name) || name.startsWith(PROBABILITY_PREFIX));
    if (reserved.length > 0) {
      throw new ConfigurationError(`${what} has features named ${reserved.map((name) => `"${name}"`).join(', ')}, which the prediction log uses for its own keys (${LOG_KEYS.join(', ')}, ${PROBABILITY_PREFIX}<class>)`, { input: 'model' });
    }
    const otherChecks = new Map<string, ColumnCheck>();
    for (const column of contract?.columns ?? []) {
      if (features.includes(column.name)) continue;
      const numeric = column.type === 'integer' || column.type === 'number' || column.type === 'boolean';
      otherChecks.set(column.name, column.type === 'timestamp' ? timestampCheck(column.name, column.nullable) : columnCheck(column.name, numeric ? 'float64' : 'string', contract));
    }
    // Tensors only: a sequence of maps cannot be answered in the protocol's tensor form.
    const fetches = session.outputs.filter((output) => output.elementType !== 'non-tensor').map((output) => output.name);
    return new ServedVersion(options.model, versionLabel, session, contract, bindings, features, outputPlan, classification ? classes : null, fetches, otherChecks, contract?.dataset['unexpected-columns'] === 'error');
  }

  get sha256(): string {
    return this.session.sha256;
  }

  get inputs(): ServedInput[] {
    return this.bindings.map((binding) => ({ name: binding.input, elementType: binding.elementType, datatype: binding.datatype, columns: binding.columns, rank: binding.rank }));
  }

  /** The Open Inference Protocol's model metadata, with the feature and class names beside it. */
  metadata(versions: string[]): Record<string, unknown> {
    return {
      name: this.model,
      versions,
      platform: 'onnxruntime_onnx',
      inputs: this.session.inputs.map(tensorJson),
      outputs: this.session.outputs.filter((output) => output.elementType !== 'non-tensor').map(tensorJson),
      parameters: { version: this.version, sha256: this.sha256, features: this.features, ...(this.classes ? { classes: this.classes } : {}) },
    };
  }

  /** `{"rows": [{"feature": value, ...}, ...]}`, checked row by row against the contract. */
  prepareRows(body: unknown): PreparedRequest {
    const rows = isRecord(body) ? body.rows : undefined;
    if (!Array.isArray(rows)) throw new HttpError(400, `send {"rows": [{${this.features.map((name) => `"${name}": …`).join(', ')}}]}: the body has no "rows" list`);
    if (rows.length === 0) throw new HttpError(400, '"rows" is empty: send at least one row');
    const n = rows.length;
    const width = this.features.length;
    const given = new Array<unknown>(n * width);
    const checked = this.bindings.map((binding) => feedValues(binding.elementType, n * binding.columns.length));
    const problems = new ProblemList();
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (!isRecord(row)) {
        problems.add(i, '', row, 'an object of feature values');
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
    const feeds: Record<string, Tensor> = {};
    this.bindings.forEach((binding, b) => {
      feeds[binding.input] = new this.session.ort.Tensor(binding.elementType, feedData(binding.elementType, checked[b]) as Float32Array, binding.rank === 1 ? [n] : [n, binding.columns.length]);
    });
    return { rows: n, feeds, features: this.features.map((name, j) => ({ name, data: given, stride: width, offset: j })) };
  }

  private checkOtherFields(row: Record<string, unknown>, i: number, problems: ProblemList): void {
    for (const key in row) {
      const check = this.otherChecks.get(key);
      if (check) {
        if (check.check(row[key]) === invalid) problems.add(i, key, row[key], check.expected);
      } else if (this.refuseUnknown && !this.featureSet.has(key)) {
        problems.add(i, key, row[key], `no field "${key}": the contract declares ${[...this.features, ...this.otherChecks.keys()].join(', ')}`);
      }
    }
  }

  /** An Open Inference Protocol request's `inputs`, checked for names, datatypes and shapes, then value by value. */
  prepareTensors(body: unknown): PreparedRequest {
    const inputs = isRecord(body) ? body.inputs : undefined;
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new HttpError(400, `send {"inputs": [{"name": "${this.bindings[0].input}", "shape": […], "datatype": "${this.bindings[0].datatype}", "data": […]}]}: the body has no "inputs" list`);
    }
    const byName = new Map<string, Record<string, unknown>>();
    for (const input of inputs) {
      if (!isRecord(input) || typeof input.name !== 'string') throw new HttpError(400, 'every entry of "inputs" must be an object with a "name"');
      if (byName.has(input.name)) throw new HttpError(400, `input "${input.name}" is given twice`);
      if (!this.bindings.some((binding) => binding.input === input.name)) {
        throw new HttpError(400, `the model has no input "${input.name}": its inputs are ${this.bindings.map((binding) => `"${binding.input}"`).join(', ')}`);
      }
      byName.set(input.name, input);
    }
    let n: number | undefined;
    const prepared: { binding: CompiledBinding; data: unknown[] }[] = [];
    for (const binding of this.bindings) {
      const input = byName.get(binding.input);
      if (!input) throw new HttpError(400, `input "${binding.input}" is missing: the model takes ${this.bindings.map((b) => `"${b.input}"`).join(', ')}`);
      const width = binding.columns.length;
      const wantShape = binding.rank === 1 ? '[rows]' : `[rows, ${width}]`;
      if (input.datatype !== binding.datatype) throw new HttpError(400, `input "${binding.input}" has datatype ${describeValue(input.datatype)}; the model takes ${binding.datatype}`);
      const shape = input.shape;
      if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw new HttpError(400, `input "${binding.input}" needs "shape", a list of whole numbers: ${wantShape}`);
      if (shape.length !== binding.rank || (binding.rank === 2 && shape[1] !== width)) {
        throw new HttpError(400, `input "${binding.input}" has shape [${shape.join(', ')}]; the model takes ${wantShape} (${binding.columns.join(', ')})`);
      }
      const rows = shape[0] as number;
      if (rows === 0) throw new HttpError(400, `input "${binding.input}" has no rows`);
      if (n !== undefined && rows !== n) throw new HttpError(400, `input "${binding.input}" has ${rows} rows, another input ${n}: every input needs the same number of rows`);
      n = rows;
      if (!Array.isArray(input.data)) throw new HttpError(400, `input "${binding.input}" needs "data", a list of ${rows * width} values in row-major order`);
      const data = flatten(input.data);
      if (data.length !== rows * width) throw new HttpError(400, `input "${binding.input}" has ${data.length} values for shape [${shape.join(', ')}], which holds ${rows * width}`);
      prepared.push({ binding, data });
    }
    const rows = n!;
    const problems = new ProblemList();
    const feeds: Record<string, Tensor> = {};
    const features: FeatureView[] = [];
    const checked: FeedValues[] = [];
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
      feeds[binding.input] = new this.session.ort.Tensor(binding.elementType, feedData(binding.elementType, checked[b]) as Float32Array, binding.rank === 1 ? [rows] : [rows, binding.columns.length]);
    });
    return { rows, feeds, features };
  }

  /** Runs the model and checks what it answered; an OutputIncident when it failed or answered nonsense. */
  async predict(request: PreparedRequest): Promise<Prediction> {
    this.inFlight++;
    let outputs: Record<string, Tensor>;
    try {
      outputs = await this.session.run(request.feeds, this.fetches);
    } catch (error) {
      throw new OutputIncident(`ONNX Runtime failed to run the model: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.releaseNow?.();
    }
    return this.checkOutputs(outputs, request.rows);
  }

  private checkOutputs(outputs: Record<string, Tensor>, rows: number): Prediction {
    for (const name of this.fetches) {
      const tensor = outputs[name];
      if (tensor.dims[0] !== rows) throw new OutputIncident(`output "${name}" has ${tensor.dims[0]} rows for a request of ${rows}`);
      if (tensor.type === 'float32' || tensor.type === 'float64') {
        const data = tensor.data as Float32Array;
        for (let k = 0; k < data.length; k++) {
          if (!Number.isFinite(data[k])) throw new OutputIncident(`output "${name}" holds ${data[k]} at row ${Math.floor(k / (data.length / rows))}`);
        }
      }
    }
    const read = readPredictions(this.outputPlan, outputs, rows, { classCount: this.classes?.length ?? 0, columnOrder: null, what: `${this.model} v${this.version}` });
    const probabilities = read.probabilities ?? null;
    if (probabilities) {
      const width = this.classes!.length;
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        for (let k = 0; k < width; k++) {
          const p = probabilities[i * width + k];
          if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw new OutputIncident(`row ${i}: the probability of class ${this.classes![k]} is ${p}, outside [0, 1]`);
          sum += p;
        }
        if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) throw new OutputIncident(`row ${i}: the class probabilities sum to ${sum}, not 1`);
      }
    }
    const labels = read.labels ?? null;
    if (labels && this.classes) {
      for (let i = 0; i < rows; i++) if (!this.classNames.has(String(labels[i]))) throw new OutputIncident(`row ${i}: the label ${JSON.stringify(labels[i])} is not one of the classes ${this.classes.join(', ')}`);
    }
    return { rows, outputs, labels, probabilities, values: read.values ?? null };
  }

  /** The Open Inference Protocol answer: every output (or those asked for), as tensors. */
  inferResponse(prediction: Prediction, requestId: string, requested: unknown): string {
    let names = this.fetches;
    if (Array.isArray(requested) && requested.length > 0) {
      names = requested.map((entry) => (isRecord(entry) ? entry.name : undefined)).filter((name): name is string => typeof name === 'string');
      const unknown = names.filter((name) => !this.fetches.includes(name));
      if (unknown.length > 0) throw new HttpError(400, `the model has no output ${unknown.map((name) => `"${name}"`).join(', ')}: its outputs are ${this.fetches.map((name) => `"${name}"`).join(', ')}`);
    }
    const outputs = names.map((name) => {
      const tensor = prediction.outputs[name];
      return `{"name":${JSON.stringify(name)},"datatype":"${datatypeOf(tensor.type)}","shape":${JSON.stringify(tensor.dims)},"data":${dataJson(tensor)}}`;
    });
    return `${this.answerHead},"id":${JSON.stringify(requestId)},"outputs":[${outputs.join(',')}]}`;
  }

  /** The rows endpoint's answer: per row, the label and the probability of each class (or the value). */
  rowsResponse(prediction: Prediction, requestId: string): string {
    const { labels, probabilities, values } = prediction;
    const keys = this.classKeys;
    const width = keys.length;
    // Written out: JSON.stringify takes five times as long over numbers as template strings do.
    const predictions = new Array<string>(prediction.rows);
    for (let i = 0; i < prediction.rows; i++) {
      const fields: string[] = [];
      if (labels) fields.push(`"label":${JSON.stringify(labels[i])}`);
      if (probabilities && width > 0) {
        let entry = `"probabilities":{${keys[0]}${probabilities[i * width]}`;
        for (let k = 1; k < width; k++) entry += `,${keys[k]}${probabilities[i * width + k]}`;
        fields.push(`${entry}}`);
      }
      if (values) fields.push(`"prediction":${values[i]}`);
      predictions[i] = `{${fields.join(',')}}`;
    }
    return `${this.answerHead},"id":${JSON.stringify(requestId)},"predictions":[${predictions.join(',')}]}`;
  }

  /**
   * The prediction's log lines, one per row: features as the client sent them, then the outputs.
   * Probabilities are written with six decimals at a fixed width (0.025527, 1.000000), so the
   * label and probability keys of a row are one template copied whole, then filled in.
   */
  writeLogLines(buffer: LineBuffer, request: PreparedRequest, prediction: Prediction, meta: LogMeta): void {
    const headText = `{"time":"${isoTime(meta.time)}","request_id":${JSON.stringify(meta.requestId)},${this.logIdentity},"route":"${meta.route}","latency_ms":${Math.round(meta.latencyMs * 1000) / 1000},"row":`;
    // Encoded once when several rows share it; a single row writes it straight in.
    const head = prediction.rows > 1 ? Buffer.from(headText) : null;
    const { features } = request;
    const { featureKeys, outputTemplates } = this;
    const width = outputTemplates.get(NO_LABEL)!.offsets.length;
    const { labels, probabilities, values } = prediction;
    const firstRow = meta.firstRow ?? 0;
    for (let i = 0; i < prediction.rows; i++) {
      if (head) buffer.bytes(head);
      else buffer.text(headText);
      buffer.whole(firstRow + i);
      for (let j = 0; j < featureKeys.length; j++) {
        const view = features[j];
        buffer.bytes(featureKeys[j]);
        const value = view.data[i * view.stride + view.offset];
        if (typeof value === 'number') buffer.number(value);
        else buffer.text(JSON.stringify(value ?? null));
      }
      if (values) {
        buffer.bytes(PREDICTION_KEY);
        buffer.number(values[i]);
        buffer.bytes(LINE_END);
        continue;
      }
      const known = labels ? outputTemplates.get(labels[i]) : undefined;
      if (labels && !known) buffer.text(`,"label":${JSON.stringify(labels[i])}`);
      const template = known ?? outputTemplates.get(NO_LABEL)!;
      const at = buffer.place(template.bytes);
      if (probabilities) for (let k = 0; k < width; k++) buffer.probabilityAt(at + template.offsets[k], probabilities[i * width + k]);
    }
  }

  /**
   * Takes the version out of service: its session is released once no request runs on it. Requests
   * routed to it before it was retired finish normally.
   */
  retire(): Promise<void> {
    if (!this.retired) {
      this.retired = true;
      this.released = new Promise<void>((resolve) => {
        this.releaseNow = () => {
          this.releaseNow = undefined;
          resolve(this.session.release());
        };
      });
      if (this.inFlight === 0) this.releaseNow!();
    }
    return this.released!;
  }
}

function timestampCheck(name: string, nullable: boolean): ColumnCheck {
  return {
    name,
    expected: 'an ISO-8601 date or date-time',
    check(value) {
      if ((value === null || value === undefined) && nullable) return '';
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : invalid;
    },
  };
}
