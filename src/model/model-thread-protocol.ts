import type { Tensor } from 'onnxruntime-node';
import type { ExecutionProvider, TensorInfo } from './session.js';

/**
 * The messages between a `ModelThread` and its worker. Tensors cross as their type, dimensions
 * and data (a typed array, or strings), since an ONNX Runtime Tensor does not survive cloning.
 */

export interface TensorData {
  type: Tensor.Type;
  dims: readonly number[];
  data: Tensor['data'];
}

export type TensorsData = Record<string, TensorData>;

export interface ModelThreadStart {
  file: string;
  input: string;
  executionProvider: ExecutionProvider;
  intraOpThreads: number;
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

export function tensorData(tensor: Tensor): TensorData {
  return { type: tensor.type, dims: tensor.dims, data: tensor.data };
}

export function tensorsData(tensors: Record<string, Tensor>): TensorsData {
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, tensorData(tensor)]));
}
