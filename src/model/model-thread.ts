import type { Worker } from 'node:worker_threads';
import type { Tensor } from 'onnxruntime-node';
import { ConfigurationError } from '../errors.js';
import { startWorker, WorkerCalls } from '../io/worker-thread.js';
import { tensorsData, tensorsOf, type FromWorker, type ModelThreadStart, type OpenedModel, type ThrownInWorker, type ToWorker } from './model-thread-protocol.js';
import { loadOnnxRuntime, type OnnxRuntime } from './runtime-loader.js';
import type { ExecutionProvider, ModelRunner, OpenOptions, TensorInfo, TimedRun } from './session.js';

/**
 * A model that runs in a worker thread of its own. onnxruntime-node runs a session on the thread
 * that calls it and holds that thread until the run ends, so a model in the reading thread adds
 * its time to the reading's; in a worker, the next batch is read and scored while the model runs
 * the current one. Calls are answered in the order made.
 *
 * The worker's session may use every core, as ONNX Runtime chooses, but its threads sleep rather
 * than spin while they wait, so that a model too small to use them leaves them to the reading.
 */

function rebuilt(error: ThrownInWorker): Error {
  return error.configuration ? new ConfigurationError(error.message, { input: error.input }) : new Error(error.message);
}

type Answer = Extract<FromWorker, { id: number }>;

export class ModelThread implements ModelRunner {
  private readonly calls: WorkerCalls<Answer>;
  private released: Promise<void> | undefined;

  private constructor(
    readonly ort: OnnxRuntime,
    private readonly worker: Worker,
    private readonly model: OpenedModel,
  ) {
    this.calls = new WorkerCalls<Answer>(worker, (answer) => (answer.kind === 'run-failed' ? rebuilt(answer.error) : null), "the model's worker thread");
  }

  /** Opens `file` in a new worker thread; errors opening it are the same as `ModelSession.open`'s. */
  static async open(file: string, options: OpenOptions = {}): Promise<ModelThread> {
    const log = options.log ?? (() => undefined);
    const executionProvider: ExecutionProvider = options.executionProvider ?? 'cpu';
    // This thread makes the tensors the worker's results arrive in; loading here first also means
    // a first install into the runner's tool cache happens once, before the worker looks for it.
    const { ort } = await loadOnnxRuntime({ cuda: executionProvider === 'cuda', log });
    const worker = startWorker('model-thread-worker', new URL('./model-thread-worker.ts', import.meta.url), {
      file,
      input: options.input ?? 'model',
      executionProvider,
    } satisfies ModelThreadStart);
    let opened: OpenedModel;
    try {
      opened = await new Promise<OpenedModel>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (message.kind === 'log') log(message.message);
          else if (message.kind === 'opened') resolve(message.model);
          else if (message.kind === 'failed') reject(rebuilt(message.error));
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the model's worker thread exited (code ${code}) while opening "${file}"`)));
      });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new ModelThread(ort, worker, opened);
  }

  get path(): string {
    return this.model.path;
  }

  get sha256(): string {
    return this.model.sha256;
  }

  get bytes(): number {
    return this.model.bytes;
  }

  get metadata(): Record<string, string> {
    return this.model.metadata;
  }

  get executionProvider(): ExecutionProvider {
    return this.model.executionProvider;
  }

  get inputs(): TensorInfo[] {
    return this.model.inputs;
  }

  get outputs(): TensorInfo[] {
    return this.model.outputs;
  }

  private call(request: (id: number) => ToWorker, transfer: ArrayBuffer[] = []): Promise<Answer> {
    if (this.released) return Promise.reject(new Error('the model was released'));
    return this.calls.call(request, transfer);
  }

  /** Runs the model on `feeds`; typed arrays that own their buffer move to the worker and are empty here afterwards. */
  async runTimed(feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<TimedRun> {
    const data = tensorsData(feeds);
    // A typed array that is its buffer's only view moves without a copy; anything else is cloned.
    const transfer = Object.values(data).flatMap(({ data }) => {
      if ('dictionary' in data) return [data.codes.buffer as ArrayBuffer];
      const array = data as Float32Array;
      return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? [array.buffer as ArrayBuffer] : [];
    });
    const answer = await this.call((id) => ({ kind: 'run', id, feeds: data, fetches }), transfer);
    if (answer.kind !== 'ran') throw new Error(`unexpected answer ${answer.kind} to a run`);
    return { outputs: tensorsOf(this.ort, answer.outputs), seconds: answer.seconds };
  }

  async timeRuns(calls: readonly Record<string, Tensor>[], fetches: readonly string[]): Promise<number[]> {
    const answer = await this.call((id) => ({ kind: 'time', id, calls: calls.map(tensorsData), fetches }));
    if (answer.kind !== 'timed') throw new Error(`unexpected answer ${answer.kind} to timed runs`);
    return answer.durations;
  }

  /** Releases the session after the calls already made, and ends the worker. */
  release(): Promise<void> {
    this.released ??= new Promise<void>((resolve) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.kind === 'released') resolve();
      });
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ kind: 'release' } satisfies ToWorker);
    }).then(async () => {
      await this.worker.terminate();
    });
    return this.released;
  }
}
