import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import type { Finding } from '../../contracts/validation-report.js';
import { fitToLimit, LIMITS } from '../../report/markdown.js';
import { renderMarkdown, verdictLine } from '../../report/validation.js';
import { runValidateData } from '../../steps/validate-data.js';
import { booleanInput, defineOutputs, listInput, readInputs, wholeNumberInput } from '../runtime.js';

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

const MAX_ANNOTATIONS = LIMITS.annotationsPerRequest;

function annotate(findings: Finding[]): void {
  let written = 0;
  for (const finding of findings) {
    if (written === MAX_ANNOTATIONS) break;
    const example = finding.examples[0];
    const properties: core.AnnotationProperties = { title: `ghml validate-data: ${finding.expectation}${finding.column ? ` (${finding.column})` : ''}` };
    // CSV rows are lines when no field holds a newline: header is line 1, so row N is line N + 1.
    if (example) Object.assign(properties, { file: example.file, startLine: example.row + 1 });
    if (finding.severity === 'error') core.error(finding.message, properties);
    else core.warning(finding.message, properties);
    written++;
  }
}

/** The Action: inputs → the validate-data step → outputs, annotations and the job summary. */
export async function validateDataAction(): Promise<void> {
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
  annotate(result.report.findings);
  await core.summary
    .addRaw(fitToLimit(renderMarkdown(result.report, result.profile), LIMITS.stepSummaryBytes - 1024, 'bytes'))
    .write();
  if (result.valid) core.info(verdictLine(result.report));
  else if (inputs['fail-on-invalid']) core.setFailed(verdictLine(result.report));
  else core.warning(verdictLine(result.report));
}
