import { readFile, stat } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ConfigurationError } from '../errors.js';
import { sha256Hex } from '../io/digest.js';
import { loadOnnxRuntime, type OnnxRuntime } from './runtime-loader.js';

/**
 * An ONNX model opened with ONNX Runtime: its file's digest and size, the metadata it carries,
 * its inputs and outputs, and `run`. The runtime comes from `runtime-loader.ts`, so tensors must be
 * made with `session.ort.Tensor`: a Tensor class from another copy of the package is not accepted.
 */

export type ExecutionProvider = 'cpu' | 'cuda';

export interface TensorInfo {
  name: string;
  /** ONNX Runtime's element type name (float32, float64, int64, string, …), or "non-tensor" for sequences and maps. */
  elementType: string;
  /** Dimensions; symbolic ones (usually the batch) by name. Empty for non-tensors. */
  shape: (number | string)[];
}

export interface OpenOptions {
  executionProvider?: ExecutionProvider;
  log?: (message: string) => void;
  /** The input (flag or Action input) that named the file, for messages. */
  input?: string;
  /**
   * false when the model shares the machine with other work: ONNX Runtime's threads then sleep
   * between the parts of a run instead of spinning, which would take cores from that work.
   */
  spinWait?: boolean;
}

/** What a model run returns, and the seconds the model itself took (no queueing, no messaging). */
export interface TimedRun {
  outputs: Record<string, Tensor>;
  seconds: number;
}

/**
 * A model ready to run, in this thread (`ModelSession`) or in a worker thread (`ModelThread`).
 * Tensors given to it and taken from it are made with `ort`, this thread's runtime.
 */
export interface ModelRunner {
  readonly ort: OnnxRuntime;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly metadata: Record<string, string>;
  readonly executionProvider: ExecutionProvider;
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
  runTimed(feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<TimedRun>;
  /** Runs each feeds in turn and returns each call's milliseconds, timed where the model runs. */
  timeRuns(calls: readonly Record<string, Tensor>[], fetches: readonly string[]): Promise<number[]>;
  release(): Promise<void>;
}

function describe(metadata: readonly InferenceSession.ValueMetadata[]): TensorInfo[] {
  return metadata.map((value) => (value.isTensor ? { name: value.name, elementType: value.type, shape: [...value.shape] } : { name: value.name, elementType: 'non-tensor', shape: [] }));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * The model's metadata_props (ModelProto field 14), read off the protobuf wire format without
 * decoding the graph: a model's weights can be gigabytes, and only these few strings are wanted.
 * Bytes that are not a well-formed ModelProto give no metadata; ONNX Runtime then says what is wrong.
 */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder();
  const fields = (start: number, end: number, visit: (field: number, from: number, to: number) => void): void => {
    let position = start;
    const varint = (): number => {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        if (position >= end || shift > 63) throw new RangeError('truncated varint');
        const byte = bytes[position++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
      }
    };
    while (position < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      switch (key % 8) {
        case 0:
          varint();
          break;
        case 1:
          position += 8;
          break;
        case 5:
          position += 4;
          break;
        case 2: {
          const length = varint();
          if (position + length > end) throw new RangeError('field past the end');
          visit(field, position, position + length);
          position += length;
          break;
        }
        default:
          throw new RangeError(`wire type ${key % 8}`);
      }
    }
    if (position !== end) throw new RangeError('field past the end');
  };
  const metadata: Record<string, string> = {};
  try {
    fields(0, bytes.length, (field, from, to) => {
      if (field !== 14) return;
      let key = '';
      let value = '';
      fields(from, to, (entryField, a, b) => {
        if (entryField === 1) key = decoder.decode(bytes.subarray(a, b));
        else if (entryField === 2) value = decoder.decode(bytes.subarray(a, b));
      });
      metadata[key] = value;
    });
  } catch {
    return {};
  }
  return metadata;
}

export class ModelSession implements ModelRunner {
  private constructor(
    readonly ort: OnnxRuntime,
    private readonly session: InferenceSession,
    readonly path: string,
    readonly sha256: string,
    readonly bytes: number,
    readonly metadata: Record<string, string>,
    readonly executionProvider: ExecutionProvider,
  ) {}

  /** Opens a model file; a missing or unreadable model is a ConfigurationError naming the file. */
  static async open(file: string, options: OpenOptions = {}): Promise<ModelSession> {
    const input = options.input ?? 'model';
    const log = options.log ?? (() => undefined);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new ConfigurationError(`model file "${file}" does not exist: check the path given to ${input}`, { input });
    if (!info.isFile()) throw new ConfigurationError(`model path "${file}" is not a file: give the .onnx file itself`, { input });
    const bytes = await readFile(file);
    const wantCuda = options.executionProvider === 'cuda';
    const { ort } = await loadOnnxRuntime({ cuda: wantCuda, log });
    // Severity 3 (errors only): exported models often carry initializers the optimizer drops, each a warning.
    const create = (providers: ExecutionProvider[]) =>
      ort.InferenceSession.create(bytes, {
        executionProviders: providers,
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
        ...(options.spinWait === false ? { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } } : {}),
      });
    let session: InferenceSession | undefined;
    let provider: ExecutionProvider = 'cpu';
    if (wantCuda) {
      try {
        session = await create(['cuda']);
        provider = 'cuda';
      } catch (error) {
        log(`The CUDA execution provider is not available here (${firstLine(error)}): running "${file}" on the CPU instead.`);
      }
    }
    try {
      session ??= await create(['cpu']);
    } catch (error) {
      throw new ConfigurationError(
        `"${file}" is not a model ONNX Runtime can load (${firstLine(error)}): check that it is a complete .onnx export`,
        { input, cause: error },
      );
    }
    const sha256 = sha256Hex(bytes);
    return new ModelSession(ort, session, file, sha256, bytes.length, readModelMetadata(bytes), provider);
  }

  get inputs(): TensorInfo[] {
    return describe(this.session.inputMetadata);
  }

  get outputs(): TensorInfo[] {
    return describe(this.session.outputMetadata);
  }

  /** Runs the model on `feeds` and returns the outputs named in `fetches`. */
  async run(feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<Record<string, Tensor>> {
    return (await this.session.run(feeds, [...fetches])) as Record<string, Tensor>;
  }

  async runTimed(feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<TimedRun> {
    const started = performance.now();
    const outputs = await this.run(feeds, fetches);
    return { outputs, seconds: (performance.now() - started) / 1000 };
  }

  async timeRuns(calls: readonly Record<string, Tensor>[], fetches: readonly string[]): Promise<number[]> {
    const durations: number[] = [];
    for (const feeds of calls) {
      const started = performance.now();
      await this.run(feeds, fetches);
      durations.push(performance.now() - started);
    }
    return durations;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
