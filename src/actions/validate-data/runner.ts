import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import type { Finding } from '../../contracts/validation-report.js';
import { fitToLimit, LIMITS } from '../../report/markdown.js';
import { renderMarkdown, verdictLine } from '../../report/validation.js';
import { runValidateData } from '../../steps/validate-data.js';
import { booleanInput, listInput, readInputs, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  data: z.string({ error: 'input "data" is required: list the data files, one per line' }).transform(listInput),
  contract: z.string({ error: 'input "contract" is required: the path of the data contract' }),
  'profile-out': z.string().optional(),
  'report-out': z.string().optional(),
  'max-examples': wholeNumberInput.default(5),
  'fail-on-invalid': booleanInput.default(true),
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
  core.setOutput('valid', String(result.valid));
  core.setOutput('profile-path', profilePath);
  core.setOutput('report-path', reportPath);
  core.setOutput('fingerprint', result.fingerprint);
  annotate(result.report.findings);
  await core.summary
    .addRaw(fitToLimit(renderMarkdown(result.report, result.profile), LIMITS.stepSummaryBytes - 1024, 'bytes'))
    .write();
  if (result.valid) core.info(verdictLine(result.report));
  else if (inputs['fail-on-invalid']) core.setFailed(verdictLine(result.report));
  else core.warning(verdictLine(result.report));
}
