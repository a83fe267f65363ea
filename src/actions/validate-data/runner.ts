import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import type { Finding } from '../../contracts/validation-report.js';
import { fitStepSummary } from '../../report/markdown.js';
import { renderMarkdown, verdictLine } from '../../report/validation.js';
import { runValidateData } from '../../steps/validate-data.js';
import { booleanInput, defineOutputs, listInput, readInputs, StepAnnotations, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  data: z
    .string({ error: 'input "data" is required: list the data files, one per line' })
    .transform(listInput)
    .describe('Data files (CSV, TSV, JSON Lines, Parquet), one per line or comma-separated; read in order as one dataset.'),
  contract: z
    .string({ error: 'input "contract" is required: the path of the data contract' })
    .describe('Path of the data contract (YAML or JSON; see schemas/data-contract.json).'),
  'profile-out': z.string().optional().describe('Where to write the data profile (JSON). Default $RUNNER_TEMP/ghml/data-profile.json.'),
  'report-out': z.string().optional().describe('Where to write the validation report (JSON). Default $RUNNER_TEMP/ghml/validation-report.json.'),
  'max-examples': wholeNumberInput.default(5).describe('Example rows kept per failed expectation.'),
  'fail-on-invalid': booleanInput.default(true).describe('Fail the step when the data is invalid. With false, the step passes and `valid` says the verdict.'),
});

export const outputs = defineOutputs({
  valid: '"true" when every expectation held, "false" otherwise.',
  'profile-path': 'Path of the data profile written (schemas/data-profile.json).',
  'report-path': 'Path of the validation report written (schemas/validation-report.json).',
  fingerprint: "sha256 over the data files' digests, for lineage.",
});

/**
 * Findings most important first, as annotations are shown: errors before warnings, then findings on
 * the whole dataset or file (a missing column, an unreadable file, the row count) before those on
 * rows, then by the number of rows that broke the expectation. The sort is stable, so ties keep the
 * report's order.
 */
function byImportance(findings: readonly Finding[]): Finding[] {
  const rank = (finding: Finding) => [finding.severity === 'error' ? 0 : 1, finding.failures === 0 ? 0 : 1, -finding.failures];
  return [...findings].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

/** One annotation per finding, most important first; GitHub's limit turns the rest into log lines (StepAnnotations). */
function annotate(annotations: StepAnnotations, findings: Finding[]): void {
  for (const finding of byImportance(findings)) {
    const example = finding.examples[0];
    const properties: core.AnnotationProperties = { title: `ghml validate-data: ${finding.expectation}${finding.column ? ` (${finding.column})` : ''}` };
    // CSV rows are lines when no field holds a newline: header is line 1, so row N is line N + 1.
    if (example) Object.assign(properties, { file: example.file, startLine: example.row + 1 });
    annotations.annotate(finding.severity, finding.message, properties);
  }
}

/** The Action: inputs → the validate-data step → outputs, annotations and the job summary. */
export async function validateDataAction(annotations = new StepAnnotations()): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const temp = process.env.RUNNER_TEMP ?? '.';
  const profilePath = inputs['profile-out'] ?? path.join(temp, 'ghml', 'data-profile.json');
  const reportPath = inputs['report-out'] ?? path.join(temp, 'ghml', 'validation-report.json');
  const result = await runValidateData({
    data: inputs.data,
    contract: inputs.contract,
    profileOut: profilePath,
    reportOut: reportPath,
    maxExamples: inputs['max-examples'],
  });
  outputs.set('valid', String(result.valid));
  outputs.set('profile-path', profilePath);
  outputs.set('report-path', reportPath);
  outputs.set('fingerprint', result.fingerprint);
  // The verdict first, so that it is shown whatever number of findings follows.
  if (result.valid) core.info(verdictLine(result.report));
  else if (inputs['fail-on-invalid']) annotations.fail(verdictLine(result.report));
  else annotations.warning(verdictLine(result.report));
  annotations.seeAlso = `the job summary and the validation report (${reportPath})`;
  annotate(annotations, result.report.findings);
  await core.summary
    .addRaw(fitStepSummary(annotations.withSummaryNote(renderMarkdown(result.report, result.profile))))
    .write();
}
