import { ConfigurationError } from '../errors.js';
import { looksLikeClassifier, planInputs, planOutputs, refuseZipMapOnly, type DataColumn } from '../model/io-mapping.js';
import { ModelThread } from '../model/model-thread.js';
import type { ExecutionProvider, ModelRunner } from '../model/session.js';
import type { Label } from '../stats/metrics/index.js';
import { Scorer } from './scorer.js';

/** Opening a model for evaluation: its classes, task, and how data feeds it. */

export type ModelTask = 'classification' | 'regression';

/** A list kept in model metadata: a JSON array, or comma-separated text. */
export function metadataList(text: string | undefined): Label[] | null {
  if (text === undefined || text.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string' || typeof item === 'number')) return parsed as Label[];
  } catch {
    // not JSON: a comma-separated list
  }
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}

export interface OpenScorerOptions {
  file: string;
  /** The model, when its opening started earlier; `file` is opened here otherwise. */
  session?: Promise<ModelRunner>;
  /** The input that named the file: model or baseline. */
  input: string;
  what: string;
  executionProvider: ExecutionProvider;
  log: (message: string) => void;
  columns: DataColumn[];
  label: string;
  /** The features input; else the model's metadata; else the contract's number columns. */
  features?: string[];
  contractFeatures?: string[];
  /** The classes input; else the model's metadata "classes". */
  classes?: Label[];
  task?: ModelTask;
  /** The evaluation's classes, when this is the baseline: its probabilities are put in this order. */
  evaluationClasses?: readonly Label[];
}

export interface OpenedScorer {
  scorer: Scorer;
  task: ModelTask;
  classes: Label[] | null;
  notes: string[];
}

function columnOrderFor(modelClasses: readonly Label[], evaluationClasses: readonly Label[], what: string): Int32Array | null {
  const index = new Map(modelClasses.map((label, k) => [String(label), k]));
  const same = modelClasses.length === evaluationClasses.length && evaluationClasses.every((label) => index.has(String(label)));
  if (!same) {
    throw new ConfigurationError(
      `${what} knows the classes [${modelClasses.join(', ')}] and the model [${evaluationClasses.join(', ')}]: a comparison needs models of the same classes`,
      { input: 'baseline' },
    );
  }
  const order = Int32Array.from(evaluationClasses, (label) => index.get(String(label))!);
  return order.every((k, i) => k === i) ? null : order;
}

export async function openScorer(options: OpenScorerOptions): Promise<OpenedScorer> {
  const session = await (options.session ?? ModelThread.open(options.file, { executionProvider: options.executionProvider, log: options.log, input: options.input }));
  try {
    const notes: string[] = [];
    const metadataClasses = metadataList(session.metadata.classes);
    const classes = options.classes ?? metadataClasses;
    const task: ModelTask = options.task ?? (classes !== null || looksLikeClassifier(session.outputs) ? 'classification' : 'regression');
    if (task === 'classification') refuseZipMapOnly(session.outputs, options.what);
    if (task === 'classification' && classes === null) {
      throw new ConfigurationError(
        `${options.what} does not list its classes (no "classes" in its metadata): pass classes, in the order of its probability columns (for scikit-learn, the estimator's classes_)`,
        { input: 'classes' },
      );
    }
    const metadataFeatures = metadataList(session.metadata.features)?.map(String);
    const features = options.features
      ? { columns: options.features, source: 'the features input' }
      : metadataFeatures
        ? { columns: metadataFeatures, source: 'the model\'s metadata "features"' }
        : options.contractFeatures
          ? { columns: options.contractFeatures, source: 'the contract\'s number columns' }
          : undefined;
    const inputs = planInputs({ inputs: session.inputs, columns: options.columns, label: options.label, features, what: options.what });
    notes.push(...inputs.notes);
    const outputs = planOutputs({ outputs: session.outputs, task, classes: task === 'classification' ? classes : null, what: options.what });
    if (outputs.task === 'classification' && outputs.label && outputs.probabilities) {
      notes.push(`Label metrics of ${options.what} use its output "${outputs.label.output}"; probability metrics use "${outputs.probabilities.output}".`);
    }
    const evaluationClasses = task === 'classification' ? (options.evaluationClasses ?? classes!) : null;
    const order = evaluationClasses === null ? null : columnOrderFor(classes!, evaluationClasses, options.what);
    const scorer = new Scorer(session, inputs, outputs, task === 'classification' ? classes : null, order, options.what);
    return { scorer, task, classes: task === 'classification' ? classes : null, notes };
  } catch (error) {
    await session.release();
    throw error;
  }
}
