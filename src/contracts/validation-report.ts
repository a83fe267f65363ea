import { z } from 'zod';
import { FileFingerprint } from './data-profile.js';

export const expectationKinds = [
  'readable',
  'required-column',
  'unexpected-column',
  'type',
  'nullable',
  'max-missing',
  'min',
  'max',
  'allowed-values',
  'pattern',
  'unique',
  'mean',
  'stddev',
  'quantile',
  'row-count',
  'primary-key',
  'freshness',
] as const;
export const ExpectationKind = z.enum(expectationKinds);
export type ExpectationKind = z.infer<typeof ExpectationKind>;

export const ExampleRow = z.strictObject({
  file: z.string(),
  row: z.number().int().positive().describe('1-based data row (the header is row 0 in CSV).'),
  value: z.string().nullable(),
});
export type ExampleRow = z.infer<typeof ExampleRow>;

export const Finding = z.strictObject({
  expectation: ExpectationKind,
  severity: z.enum(['error', 'warning']),
  column: z.string().nullable(),
  expected: z.string().describe('What the contract asks for, in words.'),
  observed: z.string().describe('What the data has, in words.'),
  failures: z.number().int().nonnegative().describe('Rows that broke it (0 for dataset-level expectations).'),
  examples: z.array(ExampleRow),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const ValidationReport = z
  .strictObject({
    format: z.literal('ghml.validation-report/v1'),
    valid: z.boolean(),
    contract: z.string().nullable().describe('Name of the contract, when it has one.'),
    rows: z.number().int().nonnegative(),
    files: z.array(FileFingerprint),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    expectations: z.strictObject({ evaluated: z.number().int(), failed: z.number().int(), warnings: z.number().int() }),
    findings: z.array(Finding),
  })
  .describe('A ghml validation report: each expectation of the contract that the data broke.');
export type ValidationReport = z.infer<typeof ValidationReport>;
