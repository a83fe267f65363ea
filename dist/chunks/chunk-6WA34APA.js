import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ColumnType,
  external_exports
} from "./chunk-3PMIZ2AL.js";

// src/contracts/sketches.ts
var KllState = external_exports.strictObject({
  k: external_exports.number().int().positive().describe("Accuracy parameter: normalized rank error is at most 2.5/k (KllSketch.rankError)."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  min: external_exports.number().nullable(),
  max: external_exports.number().nullable(),
  levels: external_exports.array(external_exports.array(external_exports.number())).describe("Compactor levels; an item at level h stands for 2^h values.")
});
var HllState = external_exports.strictObject({
  precision: external_exports.number().int().min(4).max(18).describe("2^precision registers; standard error about 1.04/sqrt(2^precision)."),
  registers: external_exports.string().describe("Register bytes, base64.")
});
var FrequentItemsState = external_exports.strictObject({
  capacity: external_exports.number().int().positive().describe("Counters kept; a value more frequent than n/(capacity+1) is always kept."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  maxError: external_exports.number().nonnegative().describe("Every kept count is exact or low by at most this much."),
  items: external_exports.array(external_exports.tuple([external_exports.string(), external_exports.number().int().positive()])).describe("[value, count] pairs.")
});

// src/contracts/data-profile.ts
var FileFingerprint = external_exports.strictObject({
  path: external_exports.string().describe("The path as given."),
  format: external_exports.enum(["csv", "jsonl", "parquet"]),
  bytes: external_exports.number().int().nonnegative(),
  sha256: external_exports.string().regex(/^[0-9a-f]{64}$/),
  rows: external_exports.number().int().nonnegative()
});
var QuantileValue = external_exports.strictObject({ quantile: external_exports.number().min(0).max(1), value: external_exports.number() });
var NumericSummary = external_exports.strictObject({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  variance: external_exports.number().nonnegative().describe("Sample variance (n - 1 in the denominator); 0 for a single value."),
  quantiles: external_exports.array(QuantileValue),
  histogram: external_exports.strictObject({
    edges: external_exports.array(external_exports.number()).describe("Bin edges, one more than counts; the last bin includes its right edge."),
    counts: external_exports.array(external_exports.number().nonnegative()).describe("Estimated values per bin, from the quantile sketch.")
  }),
  sketch: KllState
});
var ColumnProfile = external_exports.strictObject({
  name: external_exports.string(),
  type: ColumnType,
  count: external_exports.number().int().nonnegative().describe("Values present and valid for the type."),
  missing: external_exports.number().int().nonnegative().describe("Empty or null values."),
  invalid: external_exports.number().int().nonnegative().describe("Present values that are not of the type (text in a number column, NaN, Infinity)."),
  numeric: NumericSummary.nullable().describe("For integer, number and timestamp (epoch milliseconds) columns with values."),
  distinct: external_exports.strictObject({ estimate: external_exports.number().nonnegative(), sketch: HllState }),
  frequent: external_exports.strictObject({
    values: external_exports.array(external_exports.strictObject({ value: external_exports.string(), count: external_exports.number().int().positive() })),
    sketch: FrequentItemsState
  }).nullable().describe("Most frequent values, for string, category and boolean columns."),
  length: external_exports.strictObject({ min: external_exports.number().int().nonnegative(), max: external_exports.number().int().nonnegative() }).nullable().describe("Shortest and longest value in characters, for string and category columns.")
});
var DataProfile = external_exports.strictObject({
  format: external_exports.literal("ghml.data-profile/v1"),
  rows: external_exports.number().int().nonnegative(),
  files: external_exports.array(FileFingerprint),
  fingerprint: external_exports.string().regex(/^[0-9a-f]{64}$/).describe("sha256 over the files' digests, in order."),
  columns: external_exports.array(ColumnProfile)
}).describe("A ghml data profile: per-column statistics and mergeable sketches of a dataset.");

export {
  FileFingerprint,
  DataProfile
};
