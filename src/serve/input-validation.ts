import type { ColumnContract, DataContract } from '../contracts/data-contract.js';
import type { FeedableType } from '../model/io-mapping.js';

/**
 * Checks of one request value against the data contract, compiled once per column when a version is
 * loaded, so a request pays a few comparisons per value. A check returns the value to feed, or
 * `invalid` with what was expected; the expectation text goes into the 400 answer as it is.
 */

export interface Problem {
  /** 0-based row of the request (a rows entry, or the first dimension of a tensor). */
  row: number;
  field: string;
  value: unknown;
  expected: string;
}

/** The most problems one answer lists: enough to fix a request, small enough to read. */
const MAX_PROBLEMS = 50;

export const invalid: unique symbol = Symbol('invalid');
export type Checked = number | string | typeof invalid;

export interface ColumnCheck {
  name: string;
  /** What a valid value is, in words: "a number from 0 to 100". */
  expected: string;
  /** The value to feed the model, or `invalid`. Numbers for numeric inputs, text for string inputs. */
  check(value: unknown): Checked;
}

function range(column: ColumnContract | undefined): { min: number; max: number; text: string } {
  const min = typeof column?.min === 'number' ? column.min : -Infinity;
  const max = typeof column?.max === 'number' ? column.max : Infinity;
  if (min > -Infinity && max < Infinity) return { min, max, text: ` from ${min} to ${max}` };
  if (min > -Infinity) return { min, max, text: ` of at least ${min}` };
  if (max < Infinity) return { min, max, text: ` of at most ${max}` };
  return { min, max, text: '' };
}

function numericCheck(name: string, elementType: FeedableType, column: ColumnContract | undefined): ColumnCheck {
  const integer = elementType === 'int64' || column?.type === 'integer';
  const boolean = column?.type === 'boolean';
  const { min, max, text } = range(column);
  const allowed = column?.['allowed-values']?.filter((value): value is number => typeof value === 'number');
  const allowedSet = allowed && allowed.length > 0 ? new Set(allowed) : null;
  // A nullable column may be missing; a float input then takes NaN, which models exported with an imputer expect.
  const missingAllowed = column !== undefined && column.nullable && elementType !== 'int64';
  const noun = boolean ? 'true or false' : integer ? `a whole number${text}` : `a number${text}`;
  const expected = allowedSet ? `one of ${allowed!.join(', ')}` : noun;
  return {
    name,
    expected,
    check(value) {
      if (typeof value === 'number') {
        if (boolean || !Number.isFinite(value) || value < min || value > max) return invalid;
        if (integer && !Number.isSafeInteger(value)) return invalid;
        if (allowedSet && !allowedSet.has(value)) return invalid;
        return value;
      }
      if (boolean && typeof value === 'boolean') return value ? 1 : 0;
      if ((value === null || value === undefined) && missingAllowed) return Number.NaN;
      return invalid;
    },
  };
}

function textCheck(name: string, column: ColumnContract | undefined): ColumnCheck {
  const allowed = column?.['allowed-values']?.map(String);
  const allowedSet = allowed ? new Set(allowed) : null;
  const pattern = column?.pattern !== undefined ? new RegExp(`^(?:${column.pattern})$`, 'u') : null;
  const expected = allowedSet ? `one of ${allowed!.join(', ')}` : pattern ? `text matching ${column!.pattern}` : 'text';
  return {
    name,
    expected,
    check(value) {
      if (typeof value !== 'string') return invalid;
      if (allowedSet && !allowedSet.has(value)) return invalid;
      if (pattern && !pattern.test(value)) return invalid;
      return value;
    },
  };
}

/** The check of one feature column, from its contract entry when there is one and the model input's element type. */
export function columnCheck(name: string, elementType: FeedableType, contract: DataContract | null): ColumnCheck {
  const column = contract?.columns.find((entry) => entry.name === name);
  return elementType === 'string' ? textCheck(name, column) : numericCheck(name, elementType, column);
}

/** Collects problems up to MAX_PROBLEMS, counting the rest. */
export class ProblemList {
  readonly problems: Problem[] = [];
  more = 0;

  add(row: number, field: string, value: unknown, expected: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ row, field, value: value === undefined ? null : value, expected });
    else this.more++;
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  get count(): number {
    return this.problems.length + this.more;
  }
}
