import { z } from 'zod';
import { ColumnType } from './data-contract.js';
import { FrequentItemsState, HllState, KllState } from './sketches.js';

/**
 * The data profile: a mergeable summary of a dataset. validate-data writes it, `ghml profile merge`
 * combines the profiles of shards, and drift-check compares current data against it. Counts merge
 * exactly; quantiles, distinct counts and frequent values merge within their sketches' error bounds.
 */

export const FileFingerprint = z.strictObject({
  path: z.string().describe('The path as given.'),
  format: z.enum(['csv', 'jsonl', 'parquet']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rows: z.number().int().nonnegative(),
});
export type FileFingerprint = z.infer<typeof FileFingerprint>;

export const QuantileValue = z.strictObject({ quantile: z.number().min(0).max(1), value: z.number() });

export const NumericSummary = z.strictObject({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  variance: z.number().nonnegative().describe('Sample variance (n - 1 in the denominator); 0 for a single value.'),
  quantiles: z.array(QuantileValue),
  histogram: z.strictObject({
    edges: z.array(z.number()).describe('Bin edges, one more than counts; the last bin includes its right edge.'),
    counts: z.array(z.number().nonnegative()).describe('Estimated values per bin, from the quantile sketch.'),
  }),
  sketch: KllState,
});
export type NumericSummary = z.infer<typeof NumericSummary>;

export const ColumnProfile = z.strictObject({
  name: z.string(),
  type: ColumnType,
  count: z.number().int().nonnegative().describe('Values present and valid for the type.'),
  missing: z.number().int().nonnegative().describe('Empty or null values.'),
  invalid: z.number().int().nonnegative().describe('Present values that are not of the type (text in a number column, NaN, Infinity).'),
  numeric: NumericSummary.nullable().describe('For integer, number and timestamp (epoch milliseconds) columns with values.'),
  distinct: z.strictObject({ estimate: z.number().nonnegative(), sketch: HllState }),
  frequent: z
    .strictObject({
      values: z.array(z.strictObject({ value: z.string(), count: z.number().int().positive() })),
      sketch: FrequentItemsState,
    })
    .nullable()
    .describe('Most frequent values, for string, category and boolean columns.'),
  length: z
    .strictObject({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
    .nullable()
    .describe('Shortest and longest value in characters, for string and category columns.'),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const DataProfile = z
  .strictObject({
    format: z.literal('ghml.data-profile/v1'),
    rows: z.number().int().nonnegative(),
    files: z.array(FileFingerprint),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/).describe('sha256 over the files\' digests, in order.'),
    columns: z.array(ColumnProfile),
  })
  .describe('A ghml data profile: per-column statistics and mergeable sketches of a dataset.');
export type DataProfile = z.infer<typeof DataProfile>;
