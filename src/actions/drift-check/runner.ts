import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import { ConfigurationError } from '../../errors.js';
import { DriftMethod } from '../../contracts/drift.js';
import { driftVerdict, renderDriftMarkdown } from '../../report/drift.js';
import { fitStepSummary } from '../../report/markdown.js';
import { checkModelName, checkStageName } from '../../registry/paths.js';
import { runDriftCheck } from '../../steps/drift-check.js';
import { actionRegistry, registryInputs, withRegistry } from '../registry.js';
import { booleanInput, defineOutputs, listInput, readInputs, StepAnnotations, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  reference: z
    .string({ error: 'input "reference" is required: reference data files or a data profile (.json)' })
    .transform(listInput)
    .describe("Reference data files (one per line or comma-separated), or one data profile (.json) from validate-data or the model's release."),
  current: z
    .string({ error: 'input "current" is required: the current data files' })
    .transform(listInput)
    .describe('Current data files, for example the prediction log written by `ghml serve`.'),
  config: z
    .string()
    .optional()
    .describe('drift-check configuration file (YAML or JSON; see schemas/drift-config.json) with per-column methods and thresholds.'),
  contract: z
    .string()
    .optional()
    .describe("Data contract giving column types; by default the profile's types, or types read off the reference data."),
  method: DriftMethod.optional().describe(`Method for every column (${DriftMethod.options.join(', ')}). Default auto.`),
  columns: z.string().transform(listInput).optional().describe('Check only these columns (comma-separated or one per line).'),
  'prediction-column': z.string().optional().describe("The model's output column, checked for prediction drift."),
  'label-column': z.string().optional().describe('The label column, checked for target drift.'),
  'min-rows': wholeNumberInput
    .refine((n) => n > 0, 'must be at least 1')
    .optional()
    .describe('Fewer current or reference rows than this give no verdict (enough-data false). Default 100.'),
  'report-out': z.string().optional().describe('Where to write the drift report (JSON). Default $RUNNER_TEMP/ghml/drift-report.json.'),
  'fail-on-drift': booleanInput.default(false).describe('Fail the step when the dataset drifted.'),
  model: z
    .string()
    .optional()
    .describe('Registered model the data belongs to; with environment, the report is recorded on the registry branch under drift/<model>/<environment>/ (what the ghml app turns into drift issues).'),
  environment: z.string().optional().describe('Where the model serves (production, staging, …); goes with model.'),
  ...registryInputs({
    branch: 'The registry branch.',
    token: 'Token that can write the registry branch (contents write), used only with model and environment.',
  }),
});

export const outputs = defineOutputs({
  drifted: '"true" when the share of drifted columns reached the threshold (and there was enough data).',
  'drift-share': 'Share of checked columns that drifted, between 0 and 1.',
  'enough-data': '"false" when there were too few rows for a verdict.',
  'report-path': 'Path of the drift report written (schemas/drift-report.json).',
  'registry-path': 'Path of the report on the registry branch, when model and environment are given.',
});

/** The Action: inputs → the drift-check step → outputs and the job summary. */
export async function driftCheckAction(annotations = new StepAnnotations()): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const reportPath = inputs['report-out'] ?? path.join(process.env.RUNNER_TEMP ?? '.', 'ghml', 'drift-report.json');
  // Where the report is recorded is checked before the data is read: a mistake there should not cost the comparison.
  if (Boolean(inputs.model) !== Boolean(inputs.environment)) {
    throw new ConfigurationError('inputs "model" and "environment" go together: both name where the report is recorded', { input: inputs.model ? 'environment' : 'model' });
  }
  if (inputs.model) checkModelName(inputs.model);
  if (inputs.environment) checkStageName(inputs.environment, 'environment');
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
  outputs.set('drifted', String(report.drifted));
  outputs.set('drift-share', String(report.driftShare));
  outputs.set('enough-data', String(report.enoughData));
  outputs.set('report-path', reportPath);
  // The report on the registry branch is what the app reacts to: the drift issue starts there.
  if (inputs.model && inputs.environment) {
    const { model, environment } = inputs;
    const { registry, target } = await actionRegistry(inputs);
    const { path: recorded } = await withRegistry(target, () => registry.recordDriftReport(model, environment, report));
    outputs.set('registry-path', recorded);
    core.info(`Recorded the report at ${registry.where(recorded)}.`);
  }
  await core.summary.addRaw(fitStepSummary(renderDriftMarkdown(report))).write();
  const verdict = driftVerdict(report);
  if (report.drifted && inputs['fail-on-drift']) annotations.fail(verdict);
  else if (report.drifted) annotations.warning(verdict);
  else core.info(verdict);
}
