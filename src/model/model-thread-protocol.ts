import type { Tensor } from 'onnxruntime-node';
import type { OnnxRuntime } from './runtime-loader.js';
import type { ExecutionProvider, TensorInfo } from './session.js';

/**
 * The messages between a `ModelThread` and its worker. Tensors cross as their type, dimensions
 * and data, since an ONNX Runtime Tensor does not survive cloning. Text crosses as a dictionary of
 * its distinct values and a code per element: a label output repeats a few class names, and
 * cloning one short string per row would cost more than the model's whole run of a small model.
 */

export interface DictionaryText {
  dictionary: string[];
  codes: Int32Array;
}

export interface TensorData {
  type: Tensor.Type;
  dims: readonly number[];
  data: Exclude<Tensor['data'], string[]> | DictionaryText;
}

export type TensorsData = Record<string, TensorData>;

export interface ModelThreadStart {
  file: string;
  input: string;
  executionProvider: ExecutionProvider;
}

export interface OpenedModel {
  path: string;
  sha256: string;
  bytes: number;
  metadata: Record<string, string>;
  executionProvider: ExecutionProvider;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

/** An error thrown in the worker; `input` is set for a ConfigurationError, which is rebuilt as one. */
export interface ThrownInWorker {
  configuration: boolean;
  message: string;
  input?: string;
}

export type ToWorker =
  | { kind: 'run'; id: number; feeds: TensorsData; fetches: readonly string[] }
  | { kind: 'time'; id: number; calls: TensorsData[]; fetches: readonly string[] }
  | { kind: 'release' };

export type FromWorker =
  | { kind: 'log'; message: string }
  | { kind: 'opened'; model: OpenedModel }
  | { kind: 'failed'; error: ThrownInWorker }
  | { kind: 'ran'; id: number; outputs: TensorsData; seconds: number }
  | { kind: 'timed'; id: number; durations: number[] }
  | { kind: 'run-failed'; id: number; error: ThrownInWorker }
  | { kind: 'released' };

/** Distinct values looked up by comparing with each in turn; more go through a Map. */
const SCANNED_VALUES = 16;

export function tensorData(tensor: Tensor): TensorData {
  if (tensor.type !== 'string') return { type: tensor.type, dims: tensor.dims, data: tensor.data as Exclude<Tensor['data'], string[]> };
  const text = tensor.data as string[];
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const value = text[i];
    // ONNX Runtime makes a new string per element, so a Map lookup hashes each one; comparing with
    // a few known values is cheaper while the dictionary is as small as a label output's.
    let code = -1;
    if (dictionary.length <= SCANNED_VALUES) {
      for (let d = 0; d < dictionary.length; d++) {
        if (dictionary[d] === value) {
          code = d;
          break;
        }
      }
    } else {
      code = index.get(value) ?? -1;
    }
    if (code < 0) {
      code = dictionary.push(value) - 1;
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { type: 'string', dims: tensor.dims, data: { dictionary, codes } };
}

export function tensorsData(tensors: Record<string, Tensor>): TensorsData {
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, tensorData(tensor)]));
}

/** The tensors again, made with this thread's runtime. */
export function tensorsOf(ort: OnnxRuntime, data: TensorsData): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = {};
  for (const [name, { type, dims, data: values }] of Object.entries(data)) {
    if ('dictionary' in values) {
      const text = new Array<string>(values.codes.length);
      for (let i = 0; i < text.length; i++) text[i] = values.dictionary[values.codes[i]];
      tensors[name] = new ort.Tensor('string', text, dims);
    } else {
      tensors[name] = new ort.Tensor(type as 'float32', values as Float32Array, dims);
    }
  }
  return tensors;
}
