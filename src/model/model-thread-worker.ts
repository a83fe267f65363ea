import { parentPort, workerData } from 'node:worker_threads';
import { ConfigurationError } from '../errors.js';
import { tensorsData, tensorsOf, type FromWorker, type ModelThreadStart, type ThrownInWorker, type ToWorker } from './model-thread-protocol.js';
import { ModelSession } from './session.js';

/**
 * The worker of a `ModelThread`: opens the model in a session of its own and runs what it is sent,
 * one call at a time, in the order sent. Bundled on its own as dist/model-thread-worker.js.
 */

const port = parentPort!;
const start = workerData as ModelThreadStart;
const post = (message: FromWorker) => port.postMessage(message);

function thrown(error: unknown): ThrownInWorker {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ConfigurationError ? { configuration: true, message, input: error.input } : { configuration: false, message };
}

async function handle(model: ModelSession, message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'run':
      try {
        const { outputs, seconds } = await model.runTimed(tensorsOf(model.ort, message.feeds), message.fetches);
        post({ kind: 'ran', id: message.id, outputs: tensorsData(outputs), seconds });
      } catch (error) {
        post({ kind: 'run-failed', id: message.id, error: thrown(error) });
      }
      return;
    case 'time':
      try {
        post({ kind: 'timed', id: message.id, durations: await model.timeRuns(message.calls.map((call) => tensorsOf(model.ort, call)), message.fetches) });
      } catch (error) {
        post({ kind: 'run-failed', id: message.id, error: thrown(error) });
      }
      return;
    case 'release':
      await model.release();
      post({ kind: 'released' });
      port.close();
  }
}

async function serve(): Promise<void> {
  let model: ModelSession;
  try {
    model = await ModelSession.open(start.file, {
      executionProvider: start.executionProvider,
      input: start.input,
      spinWait: false,
      log: (message) => post({ kind: 'log', message }),
    });
  } catch (error) {
    post({ kind: 'failed', error: thrown(error) });
    port.close();
    return;
  }
  const { path, sha256, bytes, metadata, executionProvider, inputs, outputs } = model;
  post({ kind: 'opened', model: { path, sha256, bytes, metadata, executionProvider, inputs, outputs } });
  // Calls run strictly in turn: a later batch never overtakes an earlier one.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(() => handle(model, message));
  });
}

await serve();
