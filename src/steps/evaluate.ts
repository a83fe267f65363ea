import path from 'node:path';
import { DataContract } from '../contracts/data-contract.js';
import { EvaluationReport, type Baseline, type Comparison, type EvaluationTask } from '../contracts/evaluation-report.js';
import { EvaluationThresholds } from '../contracts/evaluation-thresholds.js';
import { loadDocument } from '../contracts/load.js';
import { BATCH_ROWS, valueAt, ValueStatus, type ColumnData, type ColumnPlan, type Decoding } from '../data/batch.js';
import { resolveBaseline, unconfiguredRegistry, type BaselineRegistry } from '../evaluate/baseline.js';
import { describeColumns, DatasetStream, type RowChunk } from '../evaluate/dataset.js';
import { checkThresholdMetrics, runGate } from '../evaluate/gate.js';
import { openScorer, type ModelTask, type OpenedScorer } from '../evaluate/models.js';
import { ParityCheck } from '../evaluate/parity.js';
import { rankOnTwoThreads, RankingThread } from '../evaluate/ranking-thread.js';
import { calibrationOf, compareMetrics, curvesOf, intervalsOf, MAX_CURVE_POINTS, metricRecord, slicesOf, type MetricRecord, type SliceParts } from '../evaluate/parts.js';
import type { Scorer } from '../evaluate/scorer.js';
import { ConfigurationError, DataError, formatLocation } from '../errors.js';
import { sha256OfFile } from '../io/digest.js';
import { writeJson } from '../io/files.js';
import type { Predictions } from '../model/io-mapping.js';
import { ModelThread } from '../model/model-thread.js';
import type { ExecutionProvider } from '../model/session.js';
import {
  BINARY_METRICS,
  BOOTSTRAP_CONFIDENCE,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  ClassificationAccumulator,
  ClassificationEvaluation,
  FAIRNESS_GAPS,
  MIN_SLICE_SIZE,
  MULTICLASS_METRICS,
  pairedBootstrap,
  REGRESSION_METRICS,
  RegressionAccumulator,
  type ClassificationReport,
  type Evaluation,
  type Label,
  type SliceKey,
} from '../stats/metrics/index.js';

export interface EvaluateOptions {
  /** The model to evaluate (.onnx): the challenger. */
  model: string;
  data: string[];
  /** The label column. */
  label: string;
  task?: ModelTask;
  positiveLabel?: string;
  /** The champion: an .onnx file, a previous evaluation report (.json), or model@alias in the registry. */
  baseline?: string;
  /** Thresholds file (YAML or JSON, schemas/evaluation-thresholds.json). */
  thresholds?: string;
  sliceColumns?: string[];
  minSliceSize?: number;
  /** Columns of the model's matrix input, in order. */
  features?: string[];
  /** A data contract: its number columns give the feature order when neither features nor the model's metadata do. */
  contract?: string;
  /** The classes in the order of the model's probability columns, when its metadata does not list them. */
  classes?: string[];
  /** Predictions made by the training framework, to compare with the ONNX outputs. */
  referencePredictions?: string;
  parityTolerance?: number;
  /** Bootstrap resamples for the intervals; 0 turns them off. */
  bootstrap?: number;
  executionProvider?: ExecutionProvider;
  /** The model's name in reports and the sticky comment; the file name by default. */
  modelName?: string;
  reportOut?: string;
  registry?: BaselineRegistry;
  log?: (message: string) => void;
  now?: Date;
}

const NUMERIC_CONTRACT_TYPES = new Set(['integer', 'number', 'boolean']);

function taskMetricNames(task: EvaluationTask, sliced: boolean): string[] {
  const base = task === 'binary' ? BINARY_METRICS : task === 'multiclass' ? MULTICLASS_METRICS : REGRESSION_METRICS;
  return [...base, ...(sliced && task !== 'regression' ? FAIRNESS_GAPS : [])];
}

/** Moves a DataError the metrics core raised (rows counted over the whole stream) to the file and row it is about. */
function inChunk<T>(chunk: RowChunk, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof DataError) || error.location.row === undefined) throw error;
    const message = error.message.slice(formatLocation(error.location).length);
    throw new DataError(message, { file: chunk.file, row: chunk.firstRow + (error.location.row - 1 - chunk.offset), column: error.location.column });
  }
}

function labelValues(chunk: RowChunk, label: string): (string | null)[] {
  const column = chunk.columns.get(label) as ColumnData & { kind: 'string' };
  const values = column.values.slice(chunk.start, chunk.start + chunk.rows);
  const missing = values.indexOf(null);
  if (missing >= 0) throw new DataError('the label is missing: every evaluated row needs one', { file: chunk.file, row: chunk.firstRow + missing, column: label });
  return values;
}

function targetValues(chunk: RowChunk, label: string): Float64Array {
  const column = chunk.columns.get(label) as ColumnData & { kind: 'number' };
  for (let i = 0; i < chunk.rows; i++) {
    const status = column.status[chunk.start + i];
    if (status !== ValueStatus.valid) {
      throw new DataError(status === ValueStatus.missing ? 'the label is missing: every evaluated row needs one' : `label "${column.invalidText.get(chunk.start + i) ?? ''}" is not a number`, {
        file: chunk.file,
        row: chunk.firstRow + i,
        column: label,
      });
    }
  }
  return column.values.subarray(chunk.start, chunk.start + chunk.rows);
}

function sliceValues(chunk: RowChunk, columns: readonly string[]): Record<string, SliceKey[]> {
  const slices: Record<string, SliceKey[]> = {};
  for (const name of columns) {
    const column = chunk.columns.get(name)!;
    const keys = new Array<SliceKey>(chunk.rows);
    for (let i = 0; i < chunk.rows; i++) keys[i] = valueAt(column, chunk.start + i);
    slices[name] = keys;
  }
  return slices;
}

type Accumulator = ClassificationAccumulator | RegressionAccumulator;

function addPredictions(accumulator: Accumulator, chunk: RowChunk, label: string, predictions: Predictions, slices: Record<string, SliceKey[]>): void {
  inChunk(chunk, () => {
    if (accumulator instanceof RegressionAccumulator) {
      accumulator.add({ yTrue: targetValues(chunk, label), yPred: predictions.values!, slices });
    } else {
      accumulator.add({ labels: labelValues(chunk, label) as Label[], probabilities: predictions.probabilities, predictions: predictions.labels, slices });
    }
  });
}

/** The columns to read and how: the models' inputs, the label and the slice columns. */
function readPlan(scorers: Scorer[], label: string, task: ModelTask, sliceColumns: readonly string[]): ColumnPlan[] {
  const decodings = new Map<string, Decoding>();
  const want = (name: string, decoding: Decoding, why: string) => {
    const already = decodings.get(name);
    if (already !== undefined && already !== decoding) {
      throw new ConfigurationError(`column "${name}" is read as ${already === 'string' ? 'text' : 'numbers'} for one use and as ${decoding === 'string' ? 'text' : 'numbers'} ${why}`, {
        input: 'features',
      });
    }
    decodings.set(name, decoding);
  };
  want(label, task === 'classification' ? 'string' : 'number', 'as the label');
  for (const scorer of scorers) {
    for (const binding of scorer.inputs.bindings) {
      for (const column of binding.columns) want(column, binding.elementType === 'string' ? 'string' : 'number', `for input "${binding.input}" of ${scorer.what}`);
    }
  }
  // A slice column keeps the decoding a model needs; otherwise its values are read as text.
  for (const column of sliceColumns) if (!decodings.has(column)) decodings.set(column, 'string');
  return [...decodings].map(([name, decoding]) => ({ name, decoding }));
}

function newAccumulator(task: ModelTask, classes: Label[] | null, positiveLabel: Label | undefined, sliceColumns: string[]): Accumulator {
  return task === 'regression'
    ? new RegressionAccumulator({ sliceColumns })
    : new ClassificationAccumulator({ classes: classes!, positiveLabel, sliceColumns, curvePoints: MAX_CURVE_POINTS });
}

/** A chunk whose rows are with the models. */
interface ScoredChunk {
  chunk: RowChunk;
  predictions: Promise<Predictions[]>;
}

interface ModelResults {
  record: MetricRecord;
  evaluation: Evaluation;
  classification: { evaluation: ClassificationEvaluation; report: ClassificationReport } | null;
  slices: SliceParts;
}

/** Rows from which the classes are ranked on two threads: below them, starting a thread costs more than it saves. */
const RANKING_THREAD_ROWS = 8 * BATCH_ROWS;

/** Every result of one model, each metric computed once (ranking a million rows per class is the costly part). */
async function resultsOf(accumulator: Accumulator, sliceColumns: string[], minSliceSize: number, rankingThread: RankingThread | null): Promise<ModelResults> {
  const evaluation = accumulator.evaluation();
  if (rankingThread && evaluation instanceof ClassificationEvaluation) await rankOnTwoThreads(evaluation, rankingThread);
  const classification = accumulator instanceof ClassificationAccumulator ? { evaluation: evaluation as ClassificationEvaluation, report: (evaluation as ClassificationEvaluation).report() } : null;
  const slices = slicesOf(evaluation, (column) => accumulator.sliceKeys(column), sliceColumns, minSliceSize);
  const record = metricRecord(classification?.report.metrics ?? evaluation.metrics());
  Object.assign(record.metrics, slices.gaps.metrics);
  Object.assign(record.reasons, slices.gaps.reasons);
  return { record, evaluation, classification, slices };
}

function checkColumns(names: readonly string[], available: readonly string[], input: string, what: string): void {
  for (const name of names) {
    if (!available.includes(name)) throw new ConfigurationError(`${what} "${name}" is not a column of the data (its columns: ${available.join(', ')})`, { input });
  }
}

/** The thresholds, the data's columns and the contract's features, each checked against the options. */
async function readSetup(options: EvaluateOptions, sliceColumns: string[]) {
  const thresholds = options.thresholds ? await loadDocument(options.thresholds, EvaluationThresholds, 'evaluation thresholds', 'thresholds') : null;
  const columns = await describeColumns(options.data);
  const columnNames = columns.map((c) => c.name);
  checkColumns([options.label], columnNames, 'label', 'label column');
  checkColumns(sliceColumns, columnNames, 'slice-columns', 'slice column');
  if (sliceColumns.includes(options.label)) throw new ConfigurationError('the label cannot be a slice column: slice by a column the model is judged across, such as a region or a group', { input: 'slice-columns' });
  if (options.features?.includes(options.label)) throw new ConfigurationError(`the label "${options.label}" cannot be a feature`, { input: 'features' });
  let contractFeatures: string[] | undefined;
  if (options.contract) {
    const contract = await loadDocument(options.contract, DataContract, 'data contract', 'contract');
    contractFeatures = contract.columns.filter((c) => c.name !== options.label && NUMERIC_CONTRACT_TYPES.has(c.type)).map((c) => c.name);
  }
  return { thresholds, columns, contractFeatures };
}

/** evaluate: runs the model (and a baseline model) over the data, computes the metrics, compares, gates, and writes the report. */
export async function runEvaluate(options: EvaluateOptions): Promise<EvaluationReport> {
  const log = options.log ?? (() => undefined);
  const executionProvider = options.executionProvider ?? 'cpu';
  const resamples = options.bootstrap ?? BOOTSTRAP_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 0) throw new ConfigurationError(`bootstrap must be a whole number of resamples (0 turns intervals off), got ${resamples}`, { input: 'bootstrap' });
  const minSliceSize = options.minSliceSize ?? MIN_SLICE_SIZE;
  if (!Number.isInteger(minSliceSize) || minSliceSize < 1) throw new ConfigurationError(`min-slice-size must be a whole number of at least 1, got ${minSliceSize}`, { input: 'min-slice-size' });
  const sliceColumns = [...new Set(options.sliceColumns ?? [])];
  // The model opens (a worker thread, ONNX Runtime, the session) while the data's first rows are read.
  const challengerSession = ModelThread.open(options.model, { executionProvider, log, input: 'model' });
  // Awaited by openScorer, after the data's own problems are reported; until then a rejection must not count as unhandled.
  challengerSession.catch(() => undefined);
  let setup: Awaited<ReturnType<typeof readSetup>>;
  try {
    setup = await readSetup(options, sliceColumns);
  } catch (error) {
    await challengerSession.then((session) => session.release(), () => undefined);
    throw error;
  }
  const { thresholds, columns, contractFeatures } = setup;

  const common = { executionProvider, log, columns, label: options.label, features: options.features, contractFeatures, task: options.task };
  const opened: OpenedScorer[] = [];
  // Set from the stream loop (a closure), so the type is kept wide.
  let rankingThread = null as RankingThread | null;
  try {
    const challenger = await openScorer({ ...common, file: options.model, session: challengerSession, input: 'model', what: 'the model', classes: options.classes });
    opened.push(challenger);
    const { task, classes } = challenger;
    const notes = [...challenger.notes];
    let positiveLabel: Label | undefined;
    if (options.positiveLabel !== undefined) {
      if (task === 'regression') throw new ConfigurationError('positive-label applies to classification; this is a regression model', { input: 'positive-label' });
      positiveLabel = classes!.find((c) => String(c) === options.positiveLabel);
      if (positiveLabel === undefined) throw new ConfigurationError(`positive-label "${options.positiveLabel}" is not one of the model's classes [${classes!.join(', ')}]`, { input: 'positive-label' });
      if (classes!.length !== 2) throw new ConfigurationError(`positive-label applies to two classes; the model has ${classes!.length} (${classes!.join(', ')})`, { input: 'positive-label' });
    }
    const evaluationTask: EvaluationTask = task === 'regression' ? 'regression' : classes!.length === 2 ? 'binary' : 'multiclass';
    if (thresholds) {
      checkThresholdMetrics(thresholds, taskMetricNames(evaluationTask, sliceColumns.length > 0), options.thresholds!, `a ${evaluationTask} evaluation${sliceColumns.length > 0 ? '' : ' without slice-columns'}`);
    }

    const baselineFile = options.baseline ? await resolveBaseline(options.baseline, options.registry ?? unconfiguredRegistry) : null;
    const baselinePath = baselineFile && baselineFile.kind !== 'none' ? baselineFile.path : null;
    let champion: OpenedScorer | null = null;
    let baselineReport: EvaluationReport | null = null;
    if (baselineFile?.kind === 'model') {
      champion = await openScorer({ ...common, task, file: baselineFile.path, input: 'baseline', what: 'the baseline model', classes: options.classes, evaluationClasses: classes ?? undefined });
      opened.push(champion);
      notes.push(...champion.notes);
    } else if (baselineFile?.kind === 'none') {
      notes.push(baselineFile.note);
    } else if (baselineFile?.kind === 'report') {
      baselineReport = await loadDocument(baselineFile.path, EvaluationReport, 'baseline evaluation report', 'baseline');
      if (baselineReport.task !== evaluationTask) {
        throw new ConfigurationError(`the baseline report is of a ${baselineReport.task} evaluation, this one is ${evaluationTask}: compare like with like`, { input: 'baseline' });
      }
    }

    const parity = options.referencePredictions ? await ParityCheck.open(options.referencePredictions, { task, classes, tolerance: options.parityTolerance }) : null;
    const scorers = opened.map((o) => o.scorer);
    const stream = new DatasetStream(options.data, readPlan(scorers, options.label, task, sliceColumns), BATCH_ROWS);
    const accumulators = scorers.map(() => newAccumulator(task, classes, positiveLabel, sliceColumns));
    let rows = 0;
    // The models run in threads of their own: a chunk is scored while the next is read.
    let inFlight: ScoredChunk | null = null;
    const settle = async ({ chunk, predictions }: ScoredChunk) => {
      const slices = sliceValues(chunk, sliceColumns);
      for (const [i, scored] of (await predictions).entries()) {
        addPredictions(accumulators[i], chunk, options.label, scored, slices);
        if (i === 0 && parity) await parity.compare(scored, chunk.rows);
      }
      rows += chunk.rows;
      // Started while rows still arrive, so it is ready when they end.
      if (task === 'classification' && rankingThread === null && rows >= RANKING_THREAD_ROWS) rankingThread = RankingThread.start();
    };
    const dispatch = (chunk: RowChunk): ScoredChunk => {
      const predictions = Promise.all(scorers.map((scorer) => scorer.predict(chunk)));
      // Awaited in settle; until then a rejection must not count as unhandled.
      predictions.catch(() => undefined);
      return { chunk, predictions };
    };
    const chunks = stream.chunks();
    try {
      for (;;) {
        let next: IteratorResult<RowChunk>;
        try {
          next = await chunks.next();
        } catch (error) {
          // A problem in an earlier chunk is reported before one found reading a later chunk.
          if (inFlight) await settle(inFlight);
          throw error;
        }
        // The next chunk goes to the models before this thread takes in the last one's predictions.
        const dispatched = next.done ? null : dispatch(next.value);
        if (inFlight) await settle(inFlight);
        inFlight = dispatched;
        if (!inFlight) break;
      }
    } finally {
      // Closes the file when a problem stopped the loop early.
      await chunks.return(undefined);
    }
    const fingerprint = stream.fingerprint();
    const parityResult = parity ? await parity.finish() : null;

    const mine = await resultsOf(accumulators[0], sliceColumns, minSliceSize, rankingThread);
    const theirs = champion ? await resultsOf(accumulators[1], sliceColumns, minSliceSize, rankingThread) : null;
    const challengerSummary = challenger.scorer.summary();

    let baseline: Baseline | null = null;
    let comparison: Comparison[] | null = null;
    if (champion && theirs) {
      const paired = resamples > 0 ? pairedBootstrap(mine.evaluation, theirs.evaluation, { resamples, seed: BOOTSTRAP_SEED }) : null;
      comparison = compareMetrics(mine.record, theirs.record, paired);
      baseline = {
        kind: 'model',
        source: options.baseline!,
        path: baselinePath!,
        sha256: champion.scorer.session.sha256,
        rows,
        sameRows: true,
        metrics: theirs.record.metrics,
        metricReasons: theirs.record.reasons,
        model: champion.scorer.summary(),
        calibration: calibrationOf(theirs.classification?.report.reliability ?? null),
        curves: theirs.classification ? curvesOf(theirs.classification.evaluation) : null,
      };
    } else if (baselineReport) {
      const sameRows = baselineReport.data.fingerprint === fingerprint;
      comparison = compareMetrics(mine.record, { metrics: baselineReport.metrics, reasons: baselineReport.metricReasons }, null);
      notes.push(
        sameRows
          ? 'The baseline is a report on the same data: differences have no paired intervals (the report holds no per-row predictions).'
          : 'The baseline report was made on other data: its metrics are compared as they are, without paired intervals.',
      );
      baseline = {
        kind: 'report',
        source: options.baseline!,
        path: baselinePath!,
        sha256: await sha256OfFile(baselinePath!),
        rows: baselineReport.rows,
        sameRows,
        metrics: baselineReport.metrics,
        metricReasons: baselineReport.metricReasons,
        model: baselineReport.model,
        calibration: baselineReport.calibration,
        curves: baselineReport.curves,
      };
    }

    const gate = runGate({
      thresholds,
      thresholdsFile: options.thresholds ?? null,
      metrics: mine.record.metrics,
      reasons: mine.record.reasons,
      comparison,
      paired: champion !== null,
      bootstrapResamples: resamples,
      parity: parityResult,
    });
    if (gate.noBaseline !== null) {
      notes.push(
        gate.noBaseline === 'absolute-only'
          ? 'No baseline: only absolute bounds (min, max) were checked.'
          : gate.noBaseline === 'pass'
            ? 'No baseline: the first model passes (no-baseline: pass); absolute bounds are reported but not enforced.'
            : 'No baseline: the gate fails (no-baseline: fail).',
      );
    }
    if (resamples === 0) notes.push('Bootstrap off (0 resamples): no confidence intervals.');

    const latency = await challenger.scorer.latency();
    const classReport = mine.classification?.report ?? null;
    const report: EvaluationReport = {
      format: 'ghml.evaluation-report/v1',
      createdAt: (options.now ?? new Date()).toISOString(),
      modelName: options.modelName ?? path.basename(options.model, path.extname(options.model)),
      task: evaluationTask,
      rows,
      label: options.label,
      positiveLabel: classReport?.positiveLabel ?? null,
      data: { files: options.data, fingerprint },
      model: challengerSummary,
      metrics: mine.record.metrics,
      metricReasons: mine.record.reasons,
      bootstrap: { resamples, seed: BOOTSTRAP_SEED, confidence: BOOTSTRAP_CONFIDENCE },
      intervals: intervalsOf(mine.evaluation, resamples, BOOTSTRAP_SEED),
      perClass: classReport?.perClass.map((c) => ({ ...c, support: Math.round(c.support), predicted: Math.round(c.predicted) })) ?? null,
      confusionMatrix: classReport ? { labels: classReport.classes, matrix: classReport.confusionMatrix } : null,
      calibration: calibrationOf(classReport?.reliability ?? null),
      curves: mine.classification ? curvesOf(mine.classification.evaluation) : null,
      slices: mine.slices.slices,
      fairness: mine.slices.fairness,
      operational: {
        latencyP50Ms: latency.p50,
        latencyP95Ms: latency.p95,
        latencyP99Ms: latency.p99,
        singleRowCalls: latency.calls,
        rowsPerSecond: challenger.scorer.modelSeconds > 0 ? rows / challenger.scorer.modelSeconds : null,
        batchRows: BATCH_ROWS,
        modelBytes: challenger.scorer.session.bytes,
      },
      baseline,
      comparison: comparison ?? [],
      gate,
      parity: parityResult,
      notes,
    };
    // Checked against its own schema before anyone reads it: no NaN, no missing field, ever.
    const checked = EvaluationReport.safeParse(report);
    if (!checked.success) throw new Error(`the evaluation report does not match its schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (options.reportOut) await writeJson(options.reportOut, report);
    return report;
  } finally {
    for (const { scorer } of opened) await scorer.session.release();
    await rankingThread?.close();
  }
}
