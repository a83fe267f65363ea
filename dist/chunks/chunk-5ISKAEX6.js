import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  loadOnnxRuntime
} from "./chunk-ZA5F3PVO.js";
import {
  sha256Hex
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";

// src/model/session.ts
import { readFile, stat } from "node:fs/promises";
function describe(metadata) {
  return metadata.map((value) => value.isTensor ? { name: value.name, elementType: value.type, shape: [...value.shape] } : { name: value.name, elementType: "non-tensor", shape: [] });
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
function readModelMetadata(bytes) {
  const decoder = new TextDecoder();
  const fields = (start, end, visit) => {
    let position = start;
    const varint = () => {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        if (position >= end || shift > 63) throw new RangeError("truncated varint");
        const byte = bytes[position++];
        value += (byte & 127) * 2 ** shift;
        if (byte < 128) return value;
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
          if (position + length > end) throw new RangeError("field past the end");
          visit(field, position, position + length);
          position += length;
          break;
        }
        default:
          throw new RangeError(`wire type ${key % 8}`);
      }
    }
    if (position !== end) throw new RangeError("field past the end");
  };
  const metadata = {};
  try {
    fields(0, bytes.length, (field, from, to) => {
      if (field !== 14) return;
      let key = "";
      let value = "";
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
var ModelSession = class _ModelSession {
  constructor(ort, session, path, sha256, bytes, metadata, executionProvider) {
    this.ort = ort;
    this.session = session;
    this.path = path;
    this.sha256 = sha256;
    this.bytes = bytes;
    this.metadata = metadata;
    this.executionProvider = executionProvider;
  }
  ort;
  session;
  path;
  sha256;
  bytes;
  metadata;
  executionProvider;
  /** Opens a model file; a missing or unreadable model is a ConfigurationError naming the file. */
  static async open(file, options = {}) {
    const input = options.input ?? "model";
    const log = options.log ?? (() => void 0);
    const info = await stat(file).catch(() => void 0);
    if (!info) throw new ConfigurationError(`model file "${file}" does not exist: check the path given to ${input}`, { input });
    if (!info.isFile()) throw new ConfigurationError(`model path "${file}" is not a file: give the .onnx file itself`, { input });
    const bytes = await readFile(file);
    const wantCuda = options.executionProvider === "cuda";
    const { ort } = await loadOnnxRuntime({ cuda: wantCuda, log });
    const create = (providers) => ort.InferenceSession.create(bytes, {
      executionProviders: providers,
      graphOptimizationLevel: "all",
      logSeverityLevel: 3,
      ...options.spinWait === false ? { extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } } } : {}
    });
    let session;
    let provider = "cpu";
    if (wantCuda) {
      try {
        session = await create(["cuda"]);
        provider = "cuda";
      } catch (error) {
        log(`The CUDA execution provider is not available here (${firstLine(error)}): running "${file}" on the CPU instead.`);
      }
    }
    try {
      session ??= await create(["cpu"]);
    } catch (error) {
      throw new ConfigurationError(
        `"${file}" is not a model ONNX Runtime can load (${firstLine(error)}): check that it is a complete .onnx export`,
        { input, cause: error }
      );
    }
    const sha256 = sha256Hex(bytes);
    return new _ModelSession(ort, session, file, sha256, bytes.length, readModelMetadata(bytes), provider);
  }
  get inputs() {
    return describe(this.session.inputMetadata);
  }
  get outputs() {
    return describe(this.session.outputMetadata);
  }
  /** Runs the model on `feeds` and returns the outputs named in `fetches`. */
  async run(feeds, fetches) {
    return await this.session.run(feeds, [...fetches]);
  }
  async runTimed(feeds, fetches) {
    const started = performance.now();
    const outputs = await this.run(feeds, fetches);
    return { outputs, seconds: (performance.now() - started) / 1e3 };
  }
  async timeRuns(calls, fetches) {
    const durations = [];
    for (const feeds of calls) {
      const started = performance.now();
      await this.run(feeds, fetches);
      durations.push(performance.now() - started);
    }
    return durations;
  }
  async release() {
    await this.session.release();
  }
};

export {
  ModelSession
};
