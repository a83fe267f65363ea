import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ModelSession
} from "./chunks/chunk-5ISKAEX6.js";
import {
  tensorsData,
  tensorsOf
} from "./chunks/chunk-ZA5F3PVO.js";
import "./chunks/chunk-UG77MLVE.js";
import "./chunks/chunk-BRFMT775.js";
import {
  ConfigurationError
} from "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/model/model-thread-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var port = parentPort;
var start = workerData;
var post = (message) => port.postMessage(message);
function thrown(error) {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ConfigurationError ? { configuration: true, message, input: error.input } : { configuration: false, message };
}
async function handle(model, message) {
  switch (message.kind) {
    case "run":
      try {
        const { outputs, seconds } = await model.runTimed(tensorsOf(model.ort, message.feeds), message.fetches);
        post({ kind: "ran", id: message.id, outputs: tensorsData(outputs), seconds });
      } catch (error) {
        post({ kind: "run-failed", id: message.id, error: thrown(error) });
      }
      return;
    case "time":
      try {
        post({ kind: "timed", id: message.id, durations: await model.timeRuns(message.calls.map((call) => tensorsOf(model.ort, call)), message.fetches) });
      } catch (error) {
        post({ kind: "run-failed", id: message.id, error: thrown(error) });
      }
      return;
    case "release":
      await model.release();
      post({ kind: "released" });
      port.close();
  }
}
async function serve() {
  let model;
  try {
    model = await ModelSession.open(start.file, {
      executionProvider: start.executionProvider,
      input: start.input,
      spinWait: false,
      log: (message) => post({ kind: "log", message })
    });
  } catch (error) {
    post({ kind: "failed", error: thrown(error) });
    port.close();
    return;
  }
  const { path, sha256, bytes, metadata, executionProvider, inputs, outputs } = model;
  post({ kind: "opened", model: { path, sha256, bytes, metadata, executionProvider, inputs, outputs } });
  let queue = Promise.resolve();
  port.on("message", (message) => {
    queue = queue.then(() => handle(model, message));
  });
}
await serve();
