/**
 * Turning labels and probabilities into the class indices and checked arrays the metrics use.
 *
 * Problems in the data (no rows, a label the model does not know, a probability that is not one)
 * are `DataError`s naming the row, counted from 1 in the order the rows were given, so the
 * evaluate step can report them as they are. A call that breaks the API's own contract (arrays
 * of different lengths, a class index out of range) is a `RangeError`: that is a bug in the caller.
 */

import { DataError } from '../../errors.js';

export type Label = string | number;

/**
 * Labels are matched by their string form, so the "1" a CSV reader yields and the 1 a model's
 * metadata lists are the same class. Two classes with the same string form are refused.
 */
export function classLookup(classes: readonly Label[]): Map<string, number> {
  if (classes.length < 2) {
    throw new RangeError(`classification needs at least two classes, got ${classes.length}: [${classes.join(', ')}]`);
  }
  const lookup = new Map<string, number>();
  classes.forEach((label, index) => {
    const key = String(label);
    if (lookup.has(key)) throw new RangeError(`the class "${key}" is listed twice in [${classes.join(', ')}]`);
    lookup.set(key, index);
  });
  return lookup;
}

export function classIndexOf(label: Label, classes: readonly Label[]): number {
  const index = classLookup(classes).get(String(label));
  if (index === undefined) throw new RangeError(`"${label}" is not one of the classes [${classes.join(', ')}]`);
  return index;
}

/**
 * The positive class of a binary problem: `positiveLabel`, or the second class as in a
 * `predict_proba` column order where column 1 is the positive one.
 */
export function positiveClassIndex(classes: readonly Label[], positiveLabel: Label | undefined): number {
  if (classes.length !== 2) {
    throw new RangeError(`a positive label applies to two classes only, got ${classes.length}`);
  }
  return positiveLabel === undefined ? 1 : classIndexOf(positiveLabel, classes);
}

const LINEAR_SEARCH_CLASSES = 8;

/**
 * Labels to class indices, for one class list, batch after batch. A number is looked up through a
 * map of its own, so a model's int64 labels are not turned into strings row by row.
 */
export class LabelEncoder {
  private readonly byText: Map<string, number>;
  private readonly texts: readonly string[];
  /** the classes whose text has each length, in class order */
  private readonly byLength: number[][] = [];
  private readonly byNumber = new Map<number, number>();

  constructor(readonly classes: readonly Label[]) {
    this.byText = classLookup(classes);
    this.texts = classes.map(String);
    this.texts.forEach((text, k) => (this.byLength[text.length] ??= []).push(k));
  }

  /**
   * Up to a handful of classes, comparing strings beats hashing them (labels come as a new string
   * per row), and comparing only with the classes of the label's length, a field of the string,
   * spares most comparisons that would read characters.
   */
  private indexOfText(text: string): number | undefined {
    const texts = this.texts;
    if (texts.length > LINEAR_SEARCH_CLASSES) return this.byText.get(text);
    const candidates = this.byLength[text.length];
    if (candidates === undefined) return undefined;
    for (let c = 0; c < candidates.length; c++) if (texts[candidates[c]] === text) return candidates[c];
    return undefined;
  }

  /** Each label's index in `classes`; `firstRow` numbers the rows in messages (counted from 1). */
  encode(values: ArrayLike<Label>, firstRow = 1): Int32Array {
    const encoded = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      let index: number | undefined;
      if (typeof value === 'string') {
        index = this.indexOfText(value);
      } else {
        index = this.byNumber.get(value);
        if (index === undefined) {
          index = this.indexOfText(String(value));
          if (index !== undefined) this.byNumber.set(value, index);
        }
      }
      if (index === undefined) {
        throw new DataError(
          `label "${value}" is not one of the model's classes [${this.classes.join(', ')}]: ` +
            'evaluate on data whose labels the model was trained on, or pass the full class list',
          { row: firstRow + i },
        );
      }
      encoded[i] = index;
    }
    return encoded;
  }
}

/** Each label's index in `classes`; `firstRow` numbers the rows in messages (counted from 1). */
export function encodeLabels(values: ArrayLike<Label>, classes: readonly Label[], firstRow = 1): Int32Array {
  return new LabelEncoder(classes).encode(values, firstRow);
}

/** The most probable class of the row starting at `base`; a tie goes to the first class, as numpy's argmax. */
export function topClass(probabilities: ArrayLike<number>, base: number, classCount: number): { confidence: number; top: number } {
  let top = 0;
  // Arithmetic, not a branch: which class leads follows the data, which no processor predicts.
  for (let k = 1; k < classCount; k++) top += Number(probabilities[base + k] > probabilities[base + top]) * (k - top);
  return { confidence: probabilities[base + top], top };
}

/** The most probable class of each row of row-major [N, C] probabilities. */
export function predictedClasses(probabilities: ArrayLike<number>, classCount: number): Int32Array {
  const predicted = new Int32Array(probabilities.length / classCount);
  for (let i = 0; i < predicted.length; i++) predicted[i] = topClass(probabilities, i * classCount, classCount).top;
  return predicted;
}

/** [N, 2] probabilities from a model that outputs only the positive class's probability ([N] or [N, 1]). */
export function expandBinaryProbabilities(positiveProbabilities: ArrayLike<number>, positiveClass: 0 | 1): Float64Array {
  const out = new Float64Array(2 * positiveProbabilities.length);
  for (let i = 0; i < positiveProbabilities.length; i++) {
    out[2 * i + positiveClass] = positiveProbabilities[i];
    out[2 * i + 1 - positiveClass] = 1 - positiveProbabilities[i];
  }
  return out;
}

export function requireRows(rows: number, what: string): void {
  if (rows === 0) {
    throw new DataError(`${what}: there are no rows to evaluate; check the data files and any row filters`);
  }
}

export function requireSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${aName} has ${a.length} rows but ${bName} has ${b.length}`);
  }
}

export function requireClassIndices(indices: ArrayLike<number>, classCount: number, name: string): void {
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!Number.isInteger(k) || k < 0 || k >= classCount) {
      throw new RangeError(`${name}[${i}] = ${k} is not a class index below ${classCount}`);
    }
  }
}

/** Throws unless `probabilities` is rows × classes, every value finite and within [0, 1]. */
export function requireProbabilities(
  probabilities: ArrayLike<number>,
  rows: number,
  classes: readonly Label[],
  firstRow = 1,
): void {
  const classCount = classes.length;
  if (probabilities.length !== rows * classCount) {
    throw new RangeError(
      `probabilities hold ${probabilities.length} values, not ${rows} rows × ${classCount} classes (row-major [N, C])`,
    );
  }
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) {
      const row = Math.floor(i / classCount);
      throw new DataError(
        `the predicted probability of class "${classes[i - row * classCount]}" is ${p}, not a number in [0, 1]: ` +
          (Number.isNaN(p)
            ? 'a model gives NaN for a row with a missing or NaN feature unless it imputes it: fill the row\'s missing values, or export the model with an imputer'
            : 'the model output must be class probabilities, not scores or logits'),
        { row: firstRow + row },
      );
    }
  }
}

export function requireFinite(values: ArrayLike<number>, name: string, firstRow = 1): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new DataError(`${name} is ${values[i]}: regression metrics need finite numbers`, { row: firstRow + i });
    }
  }
}
