import { z } from 'zod';

/** Serialized states of the mergeable sketches in a data profile (see src/stats/sketch). */

export const KllState = z.strictObject({
  k: z.number().int().positive().describe('Accuracy parameter: normalized rank error is at most 2.5/k (KllSketch.rankError).'),
  n: z.number().int().nonnegative().describe('Number of values summarized.'),
  min: z.number().nullable(),
  max: z.number().nullable(),
  levels: z.array(z.array(z.number())).describe('Compactor levels; an item at level h stands for 2^h values.'),
});
export type KllState = z.infer<typeof KllState>;

export const HllState = z.strictObject({
  precision: z.number().int().min(4).max(18).describe('2^precision registers; standard error about 1.04/sqrt(2^precision).'),
  registers: z.string().describe('Register bytes, base64.'),
});
export type HllState = z.infer<typeof HllState>;

export const FrequentItemsState = z.strictObject({
  capacity: z.number().int().positive().describe('Counters kept; a value more frequent than n/(capacity+1) is always kept.'),
  n: z.number().int().nonnegative().describe('Number of values summarized.'),
  maxError: z.number().nonnegative().describe('Every kept count is exact or low by at most this much.'),
  items: z.array(z.tuple([z.string(), z.number().int().positive()])).describe('[value, count] pairs.'),
});
export type FrequentItemsState = z.infer<typeof FrequentItemsState>;
