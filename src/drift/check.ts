import type { ColumnDrift, DriftConfig, DriftMethod, DriftReport } from '../contracts/drift.js';
import type { ColumnSample, SampledDataset } from './collect.js';
import { chooseMethod, columnKind, compare, correctPValues, isDrifted, methods } from './compare.js';

export interface DriftCheckInput {
  reference: SampledDataset;
  referenceKind: 'data' | 'profile';
  current: SampledDataset;
  config: DriftConfig;
  /** Only these columns (all shared columns when empty). */
  columns?: string[];
  method?: DriftMethod;
  predictionColumn?: string;
  labelColumn?: string;
  now?: Date;
}

function roleOf(name: string, input: DriftCheckInput): ColumnDrift['role'] {
  if (name === input.predictionColumn) return 'prediction';
  if (name === input.labelColumn) return 'label';
  return 'feature';
}

function unchecked(name: string, role: ColumnDrift['role'], status: ColumnDrift['status'], message: string, reference?: ColumnSample, current?: ColumnSample): ColumnDrift {
  return {
    name,
    role,
    kind: reference?.numeric || current?.numeric ? 'numeric' : 'categorical',
    method: null,
    statistic: null,
    pValue: null,
    significance: null,
    threshold: null,
    drifted: false,
    referenceCount: reference?.count ?? 0,
    currentCount: current?.count ?? 0,
    status,
    message,
    approximate: false,
    distribution: null,
  };
}

/** A column holding values that are not of its type on either side (text in a number column, say). */
function typeMismatch(sample: ColumnSample): boolean {
  return sample.invalid > 0 && sample.invalid >= sample.count;
}

function checkColumn(name: string, input: DriftCheckInput, enoughData: boolean): ColumnDrift {
  const role = roleOf(name, input);
  const reference = input.reference.columns.get(name);
  const current = input.current.columns.get(name);
  if (!reference) return unchecked(name, role, 'missing-in-reference', `column "${name}" is not in the reference: it cannot be compared`, undefined, current);
  if (!current) return unchecked(name, role, 'missing-in-current', `column "${name}" is missing from the current data`, reference);
  for (const [side, sample] of [['reference', reference], ['current', current]] as const) {
    if (typeMismatch(sample)) {
      return unchecked(name, role, 'type-mismatch', `column "${name}" holds no valid ${reference.type} values in the ${side} (${sample.invalid} invalid): check that both sides have the same type`, reference, current);
    }
    if (sample.count === 0) return unchecked(name, role, 'all-missing', `column "${name}" has no values in the ${side}`, reference, current);
    if (sample.tooManyCategories) {
      return unchecked(name, role, 'too-many-categories', `column "${name}" has more distinct values than a category should: list it under ignore, or check it as numeric`, reference, current);
    }
  }
  const kind = columnKind(reference, current);
  const { method, threshold } = chooseMethod(input.config, name, kind, reference.count, input.method);
  if (!methods[method].kinds.includes(kind)) {
    return {
      ...unchecked(name, role, 'type-mismatch', `method ${method} applies to ${methods[method].kinds.join(' or ')} columns, and "${name}" is ${kind}: choose another method for it`, reference, current),
      kind,
      method,
      threshold,
    };
  }
  const { statistic, pValue, significance, distribution } = compare(method, kind, reference, current);
  const minRows = input.config['min-rows'];
  const enough = enoughData && reference.count >= minRows && current.count >= minRows;
  return {
    name,
    role,
    kind,
    method,
    statistic,
    pValue,
    significance,
    threshold,
    drifted: false,
    referenceCount: reference.count,
    currentCount: current.count,
    status: enough ? 'ok' : 'not-enough-data',
    message: enough ? null : `too few values for a verdict (reference ${reference.count}, current ${current.count}; min-rows is ${minRows})`,
    approximate: reference.approximate || current.approximate || (kind === 'numeric' && (!reference.values || !current.values)),
    distribution,
  };
}

function performanceOf(input: DriftCheckInput): DriftReport['performance'] {
  const current = input.current.performance;
  if (!current || current.value === null) return null;
  const reference = input.reference.performance?.metric === current.metric ? input.reference.performance.value : null;
  return { metric: current.metric, reference, current: current.value, currentRows: current.rows, change: reference === null ? null : current.value - reference };
}

/** Compares current data with the reference column by column and gives the dataset verdict. */
export function checkDrift(input: DriftCheckInput): DriftReport {
  const { config } = input;
  const minRows = config['min-rows'];
  const enoughData = input.reference.rows >= minRows && input.current.rows >= minRows;
  const ignored = new Set(config.ignore);
  const names = input.columns && input.columns.length > 0 ? input.columns : [...new Set([...input.reference.columns.keys(), ...input.current.columns.keys()])];
  const checked = names.filter((name) => {
    if (ignored.has(name)) return false;
    const type = (input.reference.columns.get(name) ?? input.current.columns.get(name))?.type;
    // Time always moves on: a timestamp column drifts by construction, so it is checked only when asked for.
    return type !== 'timestamp' || name in config.columns || (input.columns?.includes(name) ?? false);
  });
  const columns = checked.map((name) => checkColumn(name, input, enoughData));
  correctPValues(columns, config.correction);
  for (const column of columns) {
    if (column.status === 'ok') {
      column.drifted = isDrifted(column.method!, column.threshold!, { statistic: column.statistic!, pValue: column.pValue, significance: column.significance }, config.significance);
    }
  }
  const verdicts = columns.filter((c) => c.status === 'ok');
  const driftShare = verdicts.length > 0 ? verdicts.filter((c) => c.drifted).length / verdicts.length : 0;
  return {
    format: 'ghml.drift-report/v1',
    drifted: enoughData && verdicts.length > 0 && driftShare >= config['drift-share'],
    driftShare,
    driftShareThreshold: config['drift-share'],
    enoughData,
    minRows,
    referenceRows: input.reference.rows,
    currentRows: input.current.rows,
    correction: config.correction,
    reference: { kind: input.referenceKind, fingerprint: input.reference.fingerprint },
    current: { fingerprint: input.current.fingerprint, files: input.current.files },
    createdAt: (input.now ?? new Date()).toISOString(),
    performance: performanceOf(input),
    columns,
  };
}
