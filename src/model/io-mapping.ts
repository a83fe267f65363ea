import type { Tensor } from 'onnxruntime-node';
import type { ColumnType } from '../contracts/data-contract.js';
import { ValueStatus, type ColumnData } from '../data/batch.js';
import { ConfigurationError, DataError } from '../errors.js';
import { expandBinaryProbabilities, type Label } from '../stats/metrics/index.js';
import type { OnnxRuntime } from './runtime-loader.js';
import type { TensorInfo } from './session.js';

/**
 * How data columns become a model's inputs, and its outputs become predictions.
 *
 * Inputs, in one of two styles:
 * - named: every input is named after a data column and takes one value per row ([N] or [N, 1]),
 *   as sklearn-onnx exports a pipeline with one input per column;
 * - matrix: the model has one input [N, F] and F feature columns fill it in order.
 * Element types float32, float64, int64 and string are fed; a number column feeds numbers, text a
 * string input.
 *
 * Outputs: class probabilities [N, C] (in the order of the classes), the positive class's
 * probability ([N] or [N, 1], two classes), labels (string or int64), or a regression value
 * ([N] or [N, 1]).
 */

export const FEEDABLE_TYPES = ['float32', 'float64', 'int64', 'string'] as const;
export type FeedableType = (typeof FEEDABLE_TYPES)[number];

/** A data column as the evaluation sees it: its name and the type its values read as. */
export interface DataColumn {
  name: string;
  type: ColumnType;
}

export interface InputBinding {
  input: string;
  elementType: FeedableType;
  /** The data columns that fill this input, in order: F for a matrix, one for a named input. */
  columns: string[];
  /** 2 for [N, F] or [N, 1]; 1 for [N]. */
  rank: 1 | 2;
}

export interface InputPlan {
  style: 'named' | 'matrix';
  bindings: InputBinding[];
  /** Things a reader of the report should know (columns left out, where the order came from). */
  notes: string[];
}

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'number', 'boolean']);

function shapeText(info: TensorInfo): string {
  return `${info.elementType} [${info.shape.join(', ')}]`;
}

function listed(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

function feedableType(info: TensorInfo, what: string): FeedableType {
  if ((FEEDABLE_TYPES as readonly string[]).includes(info.elementType)) return info.elementType as FeedableType;
  throw new ConfigurationError(
    `${what} input "${info.name}" takes ${shapeText(info)}, an element type ghml cannot feed from data: it feeds ${FEEDABLE_TYPES.join(', ')}`,
    { input: 'model' },
  );
}

function checkBatchDimension(info: TensorInfo, what: string): void {
  const batch = info.shape[0];
  if (typeof batch === 'number' && batch > 0 && info.shape.length > 0) {
    throw new ConfigurationError(
      `${what} input "${info.name}" has a fixed batch size of ${batch} (${shapeText(info)}): export the model with a dynamic first dimension so rows can be fed in batches`,
      { input: 'model' },
    );
  }
}

/** A column's values must suit the input's element type: numbers for numeric inputs; anything for a string input. */
function checkColumnType(binding: { input: string; elementType: FeedableType }, column: DataColumn, what: string): void {
  if (binding.elementType === 'string' || NUMERIC_TYPES.has(column.type)) return;
  throw new ConfigurationError(
    `${what} input "${binding.input}" takes ${binding.elementType}, but column "${column.name}" holds ${column.type} values: feed it a number column, or export the model with a string input for it`,
    { input: 'features' },
  );
}

export interface InputPlanOptions {
  inputs: TensorInfo[];
  /** Every column of the data, in file order, with the type its values read as. */
  columns: DataColumn[];
  label: string;
  /** The matrix input's columns in order, and where that order came from (for the report). */
  features?: { columns: string[]; source: string };
  /** "the model" or "the baseline model", for messages. */
  what: string;
}

export function planInputs(options: InputPlanOptions): InputPlan {
  const { inputs, columns, label, what } = options;
  const byName = new Map(columns.map((c) => [c.name, c]));
  if (inputs.length === 0) throw new ConfigurationError(`${what} has no inputs`, { input: 'model' });
  const oneValuePerRow = (info: TensorInfo) => info.shape.length === 1 || (info.shape.length === 2 && info.shape[1] === 1);
  const named = inputs.every((info) => byName.has(info.name) && info.name !== label && oneValuePerRow(info));
  if (named && (inputs.length > 1 || options.features === undefined)) {
    const bindings = inputs.map((info): InputBinding => {
      checkBatchDimension(info, what);
      const binding = { input: info.name, elementType: feedableType(info, what), columns: [info.name], rank: info.shape.length as 1 | 2 };
      checkColumnType(binding, byName.get(info.name)!, what);
      return binding;
    });
    return { style: 'named', bindings, notes: [] };
  }
  if (inputs.length > 1) {
    const missing = inputs.filter((info) => !byName.has(info.name)).map((info) => info.name);
    const described = inputs.map((info) => `"${info.name}" ${shapeText(info)}`).join(', ');
    const why =
      missing.length > 0
        ? `these are not columns of the data: ${listed(missing)} (the data has ${listed(columns.map((c) => c.name))})`
        : 'each must take one value per row ([N] or [N, 1]) and none may be the label';
    throw new ConfigurationError(
      `${what} has ${inputs.length} inputs (${described}); ghml feeds several inputs by matching their names to data columns, and ${why}`,
      { input: 'model' },
    );
  }
  const [info] = inputs;
  checkBatchDimension(info, what);
  const elementType = feedableType(info, what);
  if (info.shape.length !== 2) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${shapeText(info)}; ghml feeds a single input as a matrix [N, features]: export the model with a 2-dimensional input`,
      { input: 'model' },
    );
  }
  const notes: string[] = [];
  let chosen: string[];
  if (options.features) {
    chosen = options.features.columns;
    for (const name of chosen) {
      if (!byName.has(name)) {
        throw new ConfigurationError(`feature column "${name}" (from ${options.features.source}) is not in the data, whose columns are ${listed(columns.map((c) => c.name))}`, {
          input: 'features',
        });
      }
    }
    notes.push(`Input "${info.name}" of ${what} takes ${chosen.length} columns in the order of ${options.features.source}.`);
  } else {
    const candidates = columns.filter((c) => c.name !== label);
    chosen = candidates.filter((c) => elementType === 'string' || NUMERIC_TYPES.has(c.type)).map((c) => c.name);
    const left = candidates.filter((c) => !chosen.includes(c.name));
    notes.push(`Input "${info.name}" of ${what} takes every ${elementType === 'string' ? '' : 'number '}column but the label, in file order.`);
    if (left.length > 0) notes.push(`Columns left out of input "${info.name}" of ${what} because they do not hold numbers: ${left.map((c) => `${c.name} (${c.type})`).join(', ')}.`);
  }
  const width = info.shape[1];
  if (typeof width === 'number' && width !== chosen.length) {
    throw new ConfigurationError(
      `${what} input "${info.name}" takes ${width} values per row (${shapeText(info)}), but ${chosen.length} columns are mapped to it: ${listed(chosen)}. ` +
        'Pass features (or a contract) listing the model\'s columns in its order',
      { input: 'features' },
    );
  }
  for (const name of chosen) checkColumnType({ input: info.name, elementType }, byName.get(name)!, what);
  return { style: 'matrix', bindings: [{ input: info.name, elementType, columns: chosen, rank: 2 }], notes };
}

/** A slice of rows of the planned columns, by column name. */
export interface ColumnRows {
  columns: Map<string, ColumnData>;
  /** Index of the first row within each column's arrays, and the number of rows. */
  start: number;
  rows: number;
  /** For messages: the file, and the file row of `start` (counted from 1). */
  file: string;
  firstRow: number;
}

function invalidValue(rows: ColumnRows, column: string, offset: number, text: string | undefined, binding: InputBinding): never {
  throw new DataError(`value ${text === undefined ? '' : `"${text}" `}cannot be fed to input "${binding.input}" (${binding.elementType})`, {
    file: rows.file,
    row: rows.firstRow + offset,
    column,
  });
}

function numberValues(rows: ColumnRows, name: string, binding: InputBinding): Float64Array {
  const column = rows.columns.get(name);
  if (column === undefined || column.kind !== 'number') throw new Error(`column "${name}" was not read as numbers`);
  const { start } = rows;
  for (let i = 0; i < rows.rows; i++) {
    const status = column.status[start + i];
    if (status === ValueStatus.invalid) invalidValue(rows, name, i, column.invalidText.get(start + i), binding);
    // A float input takes a missing value as NaN (imputers in the graph expect that); integers have no NaN.
    if (status === ValueStatus.missing && binding.elementType === 'int64') {
      throw new DataError(`missing value, and input "${binding.input}" (int64) has no way to say missing`, { file: rows.file, row: rows.firstRow + i, column: name });
    }
  }
  return column.values.subarray(start, start + rows.rows);
}

function textValues(rows: ColumnRows, name: string, binding: InputBinding): string[] {
  const column = rows.columns.get(name);
  if (column === undefined || column.kind !== 'string') throw new Error(`column "${name}" was not read as text`);
  const out = new Array<string>(rows.rows);
  for (let i = 0; i < rows.rows; i++) {
    const value = column.values[rows.start + i];
    if (value === null || column.invalidText.has(rows.start + i)) {
      throw new DataError(`${value === null ? 'missing value' : 'value that is not valid UTF-8'}, and input "${binding.input}" (string) needs text`, {
        file: rows.file,
        row: rows.firstRow + i,
        column: name,
      });
    }
    out[i] = value;
  }
  return out;
}

/** The tensors of one batch of rows, by input name. */
export function buildFeeds(plan: InputPlan, rows: ColumnRows, ort: OnnxRuntime): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  const n = rows.rows;
  for (const binding of plan.bindings) {
    const width = binding.columns.length;
    const dims = binding.rank === 1 ? [n] : [n, width];
    if (binding.elementType === 'string') {
      const data = new Array<string>(n * width);
      binding.columns.forEach((name, j) => {
        const values = textValues(rows, name, binding);
        for (let i = 0; i < n; i++) data[i * width + j] = values[i];
      });
      feeds[binding.input] = new ort.Tensor('string', data, dims);
      continue;
    }
    const data = binding.elementType === 'float32' ? new Float32Array(n * width) : binding.elementType === 'float64' ? new Float64Array(n * width) : new BigInt64Array(n * width);
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

/** A single row of a batch's feeds, for timing single-row calls. */
export function rowOfFeeds(feeds: Record<string, Tensor>, row: number, ort: OnnxRuntime): Record<string, Tensor> {
  const single: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(feeds)) {
    const width = tensor.dims.length === 2 ? tensor.dims[1] : 1;
    const dims = tensor.dims.length === 2 ? [1, width] : [1];
    const data = tensor.data as Float32Array | Float64Array | BigInt64Array | string[];
    const slice = data.slice(row * width, (row + 1) * width);
    single[name] = tensor.type === 'string' ? new ort.Tensor('string', slice as string[], dims) : new ort.Tensor(tensor.type as 'float32', slice as Float32Array, dims);
  }
  return single;
}

// ---------------------------------------------------------------- outputs

export type OutputPlan =
  | {
      task: 'classification';
      /** [N, C] in the classes' order, or the positive (second) class's probability [N] / [N, 1]. */
      probabilities: { output: string; kind: 'matrix' | 'positive' } | null;
      label: { output: string } | null;
    }
  | { task: 'regression'; value: { output: string } };

const FLOAT_TYPES = new Set(['float32', 'float64']);
const LABEL_TYPES = new Set(['string', 'int64', 'int32']);

const isColumn = (info: TensorInfo) => info.shape.length === 1 || (info.shape.length === 2 && info.shape[1] === 1);

/** Among several candidates, the one whose name says what it is; none when that does not settle it. */
function byName(candidates: TensorInfo[], pattern: RegExp): TensorInfo | undefined {
  if (candidates.length === 1) return candidates[0];
  const matching = candidates.filter((c) => pattern.test(c.name));
  return matching.length === 1 ? matching[0] : undefined;
}

function outputsText(outputs: TensorInfo[]): string {
  return outputs.map((o) => `"${o.name}" ${shapeText(o)}`).join(', ');
}

function zipMapError(output: TensorInfo, what: string): ConfigurationError {
  return new ConfigurationError(
    `${what}'s output "${output.name}" is a sequence of maps (a ZipMap), which ghml cannot read as class probabilities: ` +
      "export the model without it — in skl2onnx, convert_sklearn(model, initial_types=..., options={id(model): {'zipmap': False}}) — " +
      'so the probabilities come as a float tensor [N, classes]',
    { input: 'model' },
  );
}

/** A classifier whose only probabilities are a ZipMap is refused before anything else is asked of it. */
export function refuseZipMapOnly(outputs: TensorInfo[], what: string): void {
  const map = outputs.find((o) => o.elementType === 'non-tensor');
  if (map && !outputs.some((o) => FLOAT_TYPES.has(o.elementType))) throw zipMapError(map, what);
}

/** Whether a model's outputs look like a classifier's (labels, a probability matrix or a ZipMap). */
export function looksLikeClassifier(outputs: TensorInfo[]): boolean {
  return outputs.some(
    (o) => o.elementType === 'non-tensor' || LABEL_TYPES.has(o.elementType) || (FLOAT_TYPES.has(o.elementType) && o.shape.length === 2 && typeof o.shape[1] === 'number' && o.shape[1] > 1),
  );
}

export function planOutputs(options: { outputs: TensorInfo[]; task: 'classification' | 'regression'; classes: readonly Label[] | null; what: string }): OutputPlan {
  const { outputs, task, what } = options;
  const tensors = outputs.filter((o) => o.elementType !== 'non-tensor');
  const floats = tensors.filter((o) => FLOAT_TYPES.has(o.elementType));
  if (task === 'regression') {
    const value = byName(floats.filter(isColumn), /predict|value|variable|output|score/i);
    if (!value) {
      throw new ConfigurationError(
        `${what} has no single float output [N] or [N, 1] to read as the regression value (its outputs: ${outputsText(outputs)})`,
        { input: 'task' },
      );
    }
    return { task, value: { output: value.name } };
  }
  const classCount = options.classes?.length ?? 0;
  const matrices = floats.filter((o) => o.shape.length === 2 && (typeof o.shape[1] !== 'number' || o.shape[1] === classCount) && o.shape[1] !== 1);
  const positives = classCount === 2 ? floats.filter(isColumn) : [];
  const labels = tensors.filter((o) => LABEL_TYPES.has(o.elementType) && isColumn(o));
  const maps = outputs.filter((o) => o.elementType === 'non-tensor');
  let probabilities: { output: string; kind: 'matrix' | 'positive' } | null = null;
  const matrix = byName(matrices, /prob/i);
  const positive = byName(positives, /prob/i);
  if (matrix) probabilities = { output: matrix.name, kind: 'matrix' };
  else if (matrices.length === 0 && positive) probabilities = { output: positive.name, kind: 'positive' };
  else if (matrices.length + positives.length > 1) {
    throw new ConfigurationError(`${what} has several outputs that could be class probabilities and none is named for them: ${outputsText([...matrices, ...positives])}`, { input: 'model' });
  }
  if (probabilities === null && maps.length > 0) throw zipMapError(maps[0], what);
  const wrongWidth = floats.find((o) => o.shape.length === 2 && typeof o.shape[1] === 'number' && o.shape[1] > 1 && o.shape[1] !== classCount);
  if (probabilities === null && wrongWidth) {
    throw new ConfigurationError(
      `${what}'s output "${wrongWidth.name}" (${shapeText(wrongWidth)}) has ${wrongWidth.shape[1]} columns, but there are ${classCount} classes (${options.classes?.join(', ')}): give the model's classes in the order of its probability columns`,
      { input: 'classes' },
    );
  }
  const label = byName(labels, /label|class|predict/i) ?? null;
  if (probabilities === null && label === null) {
    throw new ConfigurationError(`${what} has no output ghml can read as class probabilities ([N, classes]) or labels ([N]): its outputs are ${outputsText(outputs)}`, {
      input: 'model',
    });
  }
  return { task, probabilities, label: label ? { output: label.name } : null };
}

export function fetchesOf(plan: OutputPlan): string[] {
  if (plan.task === 'regression') return [plan.value.output];
  return [plan.probabilities?.output, plan.label?.output].filter((name): name is string => name !== undefined);
}

export interface Predictions {
  /** Row-major [N, C] in the evaluation's class order, at the model's own precision. */
  probabilities?: Float32Array | Float64Array;
  labels?: Label[];
  values?: Float64Array;
}

function checkRows(tensor: Tensor, rows: number, output: string, what: string): void {
  if (tensor.dims[0] !== rows) {
    throw new ConfigurationError(`${what}'s output "${output}" has ${tensor.dims[0]} rows for a batch of ${rows}: a model must give one prediction per row`, { input: 'model' });
  }
}

/**
 * The predictions in one batch's outputs. `columnOrder[k]` is the model's probability column
 * holding the evaluation's class k, so a baseline listing the same classes in another order lines up.
 */
export function readPredictions(
  plan: OutputPlan,
  results: Record<string, Tensor>,
  rows: number,
  options: { classCount: number; columnOrder: Int32Array | null; what: string },
): Predictions {
  if (plan.task === 'regression') {
    const tensor = results[plan.value.output];
    checkRows(tensor, rows, plan.value.output, options.what);
    return { values: new Float64Array(tensor.data as Float32Array | Float64Array) };
  }
  const predictions: Predictions = {};
  if (plan.probabilities) {
    const tensor = results[plan.probabilities.output];
    checkRows(tensor, rows, plan.probabilities.output, options.what);
    const data = tensor.data as Float32Array | Float64Array;
    const width = plan.probabilities.kind === 'positive' ? 2 : data.length / rows;
    if (width !== options.classCount) {
      throw new ConfigurationError(
        `${options.what}'s output "${plan.probabilities.output}" has ${width} columns, but there are ${options.classCount} classes: give the model's classes in the order of its probability columns`,
        { input: 'classes' },
      );
    }
    // The tensor's own array, read as it is; 1 − p of a float32 p may need more than float32 holds, so an expanded one is float64.
    const probabilities = plan.probabilities.kind === 'positive' ? expandBinaryProbabilities(data, 1) : data;
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
    if (Array.isArray(data)) predictions.labels = data as string[];
    else if (data instanceof BigInt64Array) predictions.labels = Array.from(data, (value) => Number(value));
    else predictions.labels = Array.from(data as Int32Array);
  }
  return predictions;
}
