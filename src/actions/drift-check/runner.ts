import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import { ConfigurationError } from '../../errors.js';
import { DriftMethod } from '../../contracts/drift.js';
import { driftVerdict, renderDriftMarkdown } from '../../report/drift.js';
import { fitToLimit, LIMITS } from '../../report/markdown.js';
import { runDriftCheck } from '../../steps/drift-check.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, listInput, readInputs, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  reference: z.string({ error: 'input "reference" is required: reference data files or a data profile (.json)' }).transform(listInput),
  current: z.string({ error: 'input "current" is required: the current data files' }).transform(listInput),
  config: z.string().optional(),
  contract: z.string().optional(),
  method: DriftMethod.optional(),
  columns: z.string().transform(listInput).optional(),
  'prediction-column': z.string().optional(),
  'label-column': z.string().optional(),
  'min-rows': wholeNumberInput.refine((n) => n > 0, 'must be at least 1').optional(),
  'report-out': z.string().optional(),
  'fail-on-drift': booleanInput.default(false),
  model: z.string().optional(),
  environment: z.string().optional(),
  ...registryInputs,
});

/** The Action: inputs → the drift-check step → outputs and the job summary. */
export async function driftCheckAction(): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs['report-out'] ?? path.join(process.env.RUNNER_TEMP ?? '.', 'ghml', 'drift-report.json');
  const report = await runDriftCheck({
    reference: inputs.reference,
    current: inputs.current,
    config: inputs.config,
    contract: inputs.contract,
    method: inputs.method,
    columns: inputs.columns,
    predictionColumn: inputs['prediction-column'],
    labelColumn: inputs['label-column'],
    minRows: inputs['min-rows'],
    reportOut: reportPath,
  });
  core.setOutput('drifted', String(report.drifted));
  core.setOutput('drift-share', String(report.driftShare));
  core.setOutput('enough-data', String(report.enoughData));
  core.setOutput('report-path', reportPath);
  // The report on the registry branch is what the app reacts to: the drift issue starts there.
  if (inputs.model || inputs.environment) {
    if (!inputs.model || !inputs.environment) throw new ConfigurationError('inputs "model" and "environment" go together: both name where the report is recorded', { input: inputs.model ? 'environment' : 'model' });
    const { model, environment } = inputs;
    const { registry, target } = actionRegistry(inputs);
    const { path: recorded } = await withRegistry(target, () => registry.recordDriftReport(model, environment, report));
    core.setOutput('registry-path', recorded);
    core.info(`Recorded the report at ${registry.where(recorded)}.`);
  }
  await core.summary.addRaw(fitToLimit(renderDriftMarkdown(report), LIMITS.stepSummaryBytes - 1024, 'bytes')).write();
  const verdict = driftVerdict(report);
  if (report.drifted && inputs['fail-on-drift']) core.setFailed(verdict);
  else if (report.drifted) core.warning(verdict);
  else core.info(verdict);
}
