import type { Tensor } from 'onnxruntime-node';
import type { ModelSummary } from '../contracts/evaluation-report.js';
import { ConfigurationError } from '../errors.js';
import { buildFeeds, fetchesOf, readPredictions, rowOfFeeds, type InputPlan, type OutputPlan, type Predictions } from '../model/io-mapping.js';
import type { ModelRunner } from '../model/session.js';
import { percentile, type Label } from '../stats/metrics/index.js';
import type { RowChunk } from './dataset.js';

/** Single-row calls timed for the latency percentiles, after a few untimed ones to warm up. */
const LATENCY_CALLS = 200;
const WARMUP_CALLS = 10;

export interface Latency {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  calls: number;
}

/** One model over the evaluation's chunks: feeds, runs, reads predictions, and keeps time. */
export class Scorer {
  /** Seconds spent in the model's batch calls. */
  modelSeconds = 0;
  private readonly fetches: string[];
  private readonly singleRows: Record<string, Tensor>[] = [];

  constructor(
    readonly session: ModelRunner,
    readonly inputs: InputPlan,
    readonly outputs: OutputPlan,
    readonly classes: readonly Label[] | null,
    /** The model's probability column holding each evaluation class, when its order differs. */
    private readonly columnOrder: Int32Array | null,
    readonly what: string,
  ) {
    this.fetches = fetchesOf(outputs);
  }

  /**
   * The model's predictions on a chunk. The feeds are built and handed to the model before the
   * first await, so a caller can read the next chunk while the model runs this one.
   */
  async predict(chunk: RowChunk): Promise<Predictions> {
    const feeds = buildFeeds(this.inputs, chunk, this.session.ort);
    if (this.singleRows.length === 0) {
      const sample = Math.min(chunk.rows, LATENCY_CALLS + WARMUP_CALLS);
      for (let row = 0; row < sample; row++) this.singleRows.push(rowOfFeeds(feeds, row, this.session.ort));
    }
    let results: Record<string, Tensor>;
    try {
      const run = await this.session.runTimed(feeds, this.fetches);
      results = run.outputs;
      this.modelSeconds += run.seconds;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new ConfigurationError(
        `ONNX Runtime could not run ${this.what} on ${chunk.file} rows ${chunk.firstRow}–${chunk.firstRow + chunk.rows - 1}: ${message}`,
        { input: 'model', cause: error },
      );
    }
    return readPredictions(this.outputs, results, chunk.rows, { classCount: this.classes?.length ?? 0, columnOrder: this.columnOrder, what: this.what });
  }

  /** Latency of single-row calls over the first rows of the data (as a server would call the model). */
  async latency(): Promise<Latency> {
    const timed = await this.session.timeRuns(this.singleRows, this.fetches);
    const durations = timed.length <= WARMUP_CALLS ? timed : timed.slice(WARMUP_CALLS);
    if (durations.length === 0) return { p50: null, p95: null, p99: null, calls: 0 };
    const sorted = Float64Array.from(durations).sort();
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), calls: sorted.length };
  }

  summary(): ModelSummary {
    const columnsOf = new Map(this.inputs.bindings.map((binding) => [binding.input, binding.columns]));
    const roles = new Map<string, ModelSummary['outputs'][number]['role']>();
    if (this.outputs.task === 'regression') roles.set(this.outputs.value.output, 'value');
    else {
      if (this.outputs.probabilities) roles.set(this.outputs.probabilities.output, this.outputs.probabilities.kind === 'matrix' ? 'probabilities' : 'positive-probability');
      if (this.outputs.label) roles.set(this.outputs.label.output, 'label');
    }
    return {
      path: this.session.path,
      sha256: this.session.sha256,
      bytes: this.session.bytes,
      inputs: this.session.inputs.map((info) => ({ ...info, columns: columnsOf.get(info.name) ?? [] })),
      outputs: this.session.outputs.map((info) => ({ ...info, role: roles.get(info.name) ?? 'unused' })),
      classes: this.classes === null ? null : [...this.classes],
      executionProvider: this.session.executionProvider,
    };
  }
}
