import { z } from 'zod';
import { durationPattern } from '../io/duration.js';

/**
 * The data contract: what a dataset must look like. Written by people (YAML or JSON), so its keys
 * are kebab-case like every other user-facing input (DESIGN §4).
 */

export const columnTypes = ['integer', 'number', 'string', 'boolean', 'timestamp', 'category'] as const;
export const ColumnType = z.enum(columnTypes);
export type ColumnType = z.infer<typeof ColumnType>;

/** A bound is a number, or an ISO-8601 date/time for timestamp columns. */
const Bound = z.union([z.number(), z.string().min(1)]);

const Range = z
  .strictObject({
    min: z.number().optional().describe('Inclusive lower bound.'),
    max: z.number().optional().describe('Inclusive upper bound.'),
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'min must not be greater than max',
  });

const QuantileExpectation = z.strictObject({
  quantile: z.number().min(0).max(1).describe('The quantile, between 0 and 1 (0.5 is the median).'),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const ColumnContract = z
  .strictObject({
    name: z.string().min(1).describe('Column name exactly as in the header (may contain spaces).'),
    type: ColumnType.describe('Type every present value must have.'),
    description: z.string().optional(),
    required: z.boolean().default(true).describe('The column must be present in every file.'),
    nullable: z.boolean().default(true).describe('Missing values (empty field, null) are allowed.'),
    'max-missing': z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Largest allowed fraction of missing values, e.g. 0.3 for "at most 30% missing".'),
    min: Bound.optional().describe('Inclusive minimum value (ISO date/time for timestamps).'),
    max: Bound.optional().describe('Inclusive maximum value (ISO date/time for timestamps).'),
    'allowed-values': z
      .array(z.union([z.string(), z.number(), z.boolean()]))
      .min(1)
      .optional()
      .describe('Every present value must be one of these.'),
    pattern: z.string().optional().describe('Regular expression every present string value must match (whole value).'),
    unique: z.boolean().default(false).describe('No value may appear twice.'),
    mean: Range.optional().describe('Range the column mean must fall in.'),
    stddev: Range.optional().describe('Range the sample standard deviation must fall in.'),
    quantiles: z.array(QuantileExpectation).optional().describe('Ranges for quantiles of the column.'),
  });
export type ColumnContract = z.infer<typeof ColumnContract>;

const numericTypes: ReadonlySet<ColumnType> = new Set(['integer', 'number', 'timestamp']);
const allowedValueTypes: Record<ColumnType, string> = {
  integer: 'number',
  number: 'number',
  timestamp: 'string',
  string: 'string',
  category: 'string',
  boolean: 'boolean',
};

/** Expectations that make no sense for the column's type, said so instead of silently ignored. */
function columnProblems(column: ColumnContract): { key: string; message: string }[] {
  const problems: { key: string; message: string }[] = [];
  const numeric = numericTypes.has(column.type);
  for (const key of ['min', 'max'] as const) {
    const bound = column[key];
    if (bound === undefined) continue;
    if (!numeric) problems.push({ key, message: `${key} applies to integer, number and timestamp columns, not ${column.type}` });
    else if (column.type === 'timestamp' && (typeof bound !== 'string' || Number.isNaN(Date.parse(bound)))) {
      problems.push({ key, message: `${key} of a timestamp column must be an ISO-8601 date or date-time such as 2015-01-01` });
    } else if (column.type !== 'timestamp' && typeof bound !== 'number') {
      problems.push({ key, message: `${key} of a ${column.type} column must be a number` });
    }
  }
  for (const key of ['mean', 'stddev', 'quantiles'] as const) {
    if (column[key] !== undefined && (!numeric || column.type === 'timestamp')) {
      problems.push({ key, message: `${key} applies to integer and number columns, not ${column.type}` });
    }
  }
  if (column.pattern !== undefined) {
    if (column.type !== 'string' && column.type !== 'category') {
      problems.push({ key: 'pattern', message: `pattern applies to string and category columns, not ${column.type}` });
    } else {
      try {
        new RegExp(column.pattern, 'u');
      } catch (error) {
        problems.push({ key: 'pattern', message: `not a valid regular expression: ${(error as Error).message}` });
      }
    }
  }
  const expected = allowedValueTypes[column.type];
  if (column['allowed-values']?.some((value) => typeof value !== expected)) {
    problems.push({ key: 'allowed-values', message: `allowed values of a ${column.type} column must all be ${expected}s` });
  }
  return problems;
}

export const unexpectedColumnPolicies = ['error', 'warn', 'ignore'] as const;

/** The units a freshness max-age may be written in. */
export const MAX_AGE_UNITS = ['s', 'm', 'h', 'd', 'w'] as const;

export const DatasetContract = z.strictObject({
  'unexpected-columns': z
    .enum(unexpectedColumnPolicies)
    .default('error')
    .describe('What a column that the contract does not declare is: an error, a warning, or nothing.'),
  'row-count': Range.optional().describe('Range the total number of rows must fall in.'),
  'primary-key': z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Columns whose combined values identify a row: never missing, never repeated.'),
  freshness: z
    .strictObject({
      column: z.string().min(1).describe('A timestamp column.'),
      'max-age': z
        .string()
        .regex(durationPattern(MAX_AGE_UNITS), 'a duration such as 30m, 36h or 7d')
        .describe('The newest value must be at most this old: a number and a unit (s, m, h, d, w).'),
    })
    .optional()
    .describe('The newest timestamp in the data must be recent.'),
});
export type DatasetContract = z.infer<typeof DatasetContract>;

export const DataContract = z
  .strictObject({
    version: z.literal(1).describe('Format version of this contract.'),
    name: z.string().optional().describe('Name of the dataset, for reports.'),
    description: z.string().optional(),
    columns: z.array(ColumnContract).min(1).describe('The columns, in the order a model expects them.'),
    dataset: DatasetContract.default({ 'unexpected-columns': 'error' }),
  })
  .superRefine((contract, ctx) => {
    const seen = new Set<string>();
    contract.columns.forEach((column, index) => {
      if (seen.has(column.name)) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'name'], message: `column "${column.name}" is declared twice` });
      }
      seen.add(column.name);
      for (const problem of columnProblems(column)) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, problem.key], message: problem.message });
      }
    });
    for (const key of contract.dataset['primary-key'] ?? []) {
      if (!seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['dataset', 'primary-key'], message: `primary key column "${key}" is not declared in columns` });
      }
    }
    const freshness = contract.dataset.freshness;
    if (freshness) {
      const column = contract.columns.find((c) => c.name === freshness.column);
      if (!column || column.type !== 'timestamp') {
        ctx.addIssue({
          code: 'custom',
          path: ['dataset', 'freshness', 'column'],
          message: `freshness column "${freshness.column}" must be declared with type timestamp`,
        });
      }
    }
  })
  .describe('A ghml data contract: the columns of a dataset and what must hold of them.');
export type DataContract = z.infer<typeof DataContract>;
export type DataContractInput = z.input<typeof DataContract>;
