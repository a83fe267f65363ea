import type { Parity } from '../contracts/evaluation-report.js';
import { ValueStatus, type ColumnData, type ColumnPlan } from '../data/batch.js';
import { ConfigurationError, DataError } from '../errors.js';
import type { Predictions } from '../model/io-mapping.js';
import type { Label } from '../stats/metrics/index.js';
import { describeColumns, DatasetStream, type RowChunk } from './dataset.js';

/**
 * Export parity: the predictions the training framework made (a file with one row per data row,
 * in the same order) against the ONNX model's. Which reference columns are compared:
 *
 * - classification: a probability column per class, named after the class or `probability_<class>`;
 *   for two classes also `probability` (the positive, second class); and `label` or `prediction`
 *   for the predicted class (compared as text, against the model's label output or its most
 *   probable class);
 * - regression: `prediction` or `value`.
 *
 * Numbers match when |onnx − reference| ≤ tolerance · max(1, |reference|): absolute near zero,
 * relative for large values, as float32 exports need.
 */

export const PARITY_TOLERANCE = 1e-4;
const MAX_MISMATCHES = 20;

type Comparand = { column: string; kind: 'probability'; classIndex: number } | { column: string; kind: 'label' } | { column: string; kind: 'value' };

export class ParityCheck {
  private rows = 0;
  private mismatchedRows = 0;
  private maxDifference: number | null = null;
  private readonly mismatches: Parity['mismatches'] = [];
  private readonly chunks: AsyncGenerator<RowChunk>;
  private current: RowChunk | null = null;
  private used = 0;

  private constructor(
    readonly file: string,
    readonly tolerance: number,
    private readonly comparands: Comparand[],
    private readonly classes: readonly Label[] | null,
    stream: DatasetStream,
  ) {
    this.chunks = stream.chunks();
  }

  static async open(file: string, options: { task: 'classification' | 'regression'; classes: readonly Label[] | null; tolerance?: number }): Promise<ParityCheck> {
    const columns = (await describeColumns([file], 'reference-predictions')).map((c) => c.name);
    const comparands: Comparand[] = [];
    const take = (names: string[], make: (column: string) => Comparand) => {
      const column = names.find((name) => columns.includes(name));
      if (column !== undefined) comparands.push(make(column));
    };
    let accepted: string[];
    if (options.task === 'regression') {
      accepted = ['prediction', 'value'];
      take(accepted, (column) => ({ column, kind: 'value' }));
    } else {
      const classes = options.classes ?? [];
      accepted = ['label', 'prediction', ...classes.flatMap((c) => [String(c), `probability_${c}`]), ...(classes.length === 2 ? ['probability'] : [])];
      classes.forEach((label, classIndex) => take([String(label), `probability_${label}`], (column) => ({ column, kind: 'probability', classIndex })));
      if (classes.length === 2 && !comparands.some((c) => c.kind === 'probability')) take(['probability'], (column) => ({ column, kind: 'probability', classIndex: 1 }));
      take(['label', 'prediction'], (column) => ({ column, kind: 'label' }));
    }
    if (comparands.length === 0) {
      throw new ConfigurationError(
        `reference predictions "${file}" have none of the columns ghml compares (${accepted.join(', ')}); its columns are ${columns.join(', ')}`,
        { input: 'reference-predictions' },
      );
    }
    const plan: ColumnPlan[] = comparands.map((c) => ({ name: c.column, decoding: c.kind === 'label' ? 'string' : 'number' }));
    const tolerance = options.tolerance ?? PARITY_TOLERANCE;
    return new ParityCheck(file, tolerance, comparands, options.classes, new DatasetStream([file], plan, Number.MAX_SAFE_INTEGER, 'reference-predictions'));
  }

  /** The reference chunk holding the next row, read when the current one is used up. */
  private async currentChunk(comparedSoFar: number): Promise<RowChunk> {
    while (this.current === null || this.used >= this.current.rows) {
      const next = await this.chunks.next();
      if (next.done) {
        throw new DataError(`the reference predictions end after ${comparedSoFar} rows, but the data has more: give one prediction per data row, in the data's order`, {
          file: this.file,
        });
      }
      this.current = next.value;
      this.used = 0;
    }
    return this.current;
  }

  /** Compares the model's predictions for the data's next `rows` rows with the reference's. */
  async compare(predictions: Predictions, rows: number): Promise<void> {
    for (let row = 0; row < rows; ) {
      const chunk = await this.currentChunk(this.rows + row);
      const count = Math.min(rows - row, chunk.rows - this.used);
      for (let i = 0; i < count; i++) this.compareRow(predictions, row + i, chunk, chunk.start + this.used + i);
      this.used += count;
      row += count;
    }
    this.rows += rows;
  }

  private compareRow(predictions: Predictions, row: number, chunk: RowChunk, index: number): void {
    const classCount = this.classes?.length ?? 0;
    let mismatched = false;
    for (const comparand of this.comparands) {
      const column = chunk.columns.get(comparand.column) as ColumnData;
      let expected: number | string | null;
      let actual: number | string | null;
      let difference: number | null = null;
      if (comparand.kind === 'label') {
        expected = column.kind === 'string' ? column.values[index] : null;
        actual = predictedLabel(predictions, row, this.classes!);
        if (expected === actual) continue;
      } else {
        expected = column.kind === 'number' && column.status[index] === ValueStatus.valid ? column.values[index] : null;
        actual = comparand.kind === 'value' ? predictions.values![row] : predictions.probabilities![row * classCount + comparand.classIndex];
        if (expected !== null) {
          difference = Math.abs(actual - expected);
          this.maxDifference = Math.max(this.maxDifference ?? 0, difference);
          if (difference <= this.tolerance * Math.max(1, Math.abs(expected))) continue;
        }
      }
      mismatched = true;
      if (this.mismatches.length < MAX_MISMATCHES) this.mismatches.push({ row: this.rows + row + 1, column: comparand.column, expected, actual, difference });
    }
    if (mismatched) this.mismatchedRows++;
  }

  /** The result, once every data row was compared; more reference rows than data rows is an error. */
  async finish(): Promise<Parity> {
    const leftover = (this.current ? this.current.rows - this.used : 0) + (await this.remainingRows());
    if (leftover > 0) {
      throw new DataError(`the reference predictions have ${leftover} more rows than the data's ${this.rows}: give one prediction per data row, in the data's order`, { file: this.file });
    }
    return {
      file: this.file,
      tolerance: this.tolerance,
      rows: this.rows,
      columns: this.comparands.map((c) => c.column),
      mismatchedRows: this.mismatchedRows,
      maxAbsoluteDifference: this.maxDifference,
      passed: this.mismatchedRows === 0,
      mismatches: this.mismatches,
    };
  }

  private async remainingRows(): Promise<number> {
    let rows = 0;
    for await (const chunk of this.chunks) rows += chunk.rows;
    return rows;
  }
}

function predictedLabel(predictions: Predictions, row: number, classes: readonly Label[]): string {
  if (predictions.labels) return String(predictions.labels[row]);
  const p = predictions.probabilities!;
  const count = classes.length;
  let top = 0;
  for (let k = 1; k < count; k++) if (p[row * count + k] > p[row * count + top]) top = k;
  return String(classes[top]);
}
