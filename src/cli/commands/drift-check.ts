import { DriftMethod, driftMethods } from '../../contracts/drift.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { renderDriftMarkdown, renderDriftText } from '../../report/drift.js';
import { runDriftCheck } from '../../steps/drift-check.js';
import { choiceFlag, listFlag, outputFormats, stringFlag, wholeNumberFlag, type Command } from '../command.js';

export function methodFlag(value: string | undefined): DriftMethod | undefined {
  if (value === undefined) return undefined;
  const parsed = DriftMethod.safeParse(value);
  if (!parsed.success) throw new ConfigurationError(`--method "${value}" is not one of ${driftMethods.join(', ')}`, { input: 'method' });
  return parsed.data;
}

export const driftCheckCommand: Command = {
  name: 'drift-check',
  summary: 'compare current data with a reference and report drift per column',
  usage: `Usage: ghml drift-check --reference <data|profile.json> --current <file>... [options]

Compares current data (files, or a ghml serve prediction log) with reference data or a saved
data profile, column by column. See actions/drift-check/README.md for the methods and defaults.

Options:
  --reference <file>        reference data (repeat for several files) or one data profile (.json)
  --current <file>          current data; repeat for several files
  --config <file>           drift-check configuration (YAML or JSON, schemas/drift-config.json)
  --contract <file>         data contract giving column types (else the profile's, or read off the data)
  --method <name>           ${driftMethods.join(', ')} (default auto)
  --columns <a,b>           check only these columns
  --prediction-column <c>   the model's output column (prediction drift)
  --label-column <c>        the label column (target drift)
  --min-rows <n>            fewer rows than this give no verdict (default 100)
  --format <f>              text (default), json or markdown
  --report-out <file>       write the drift report (JSON) here
  --fail-on-drift           exit 1 when the dataset drifted

Exit codes: 0 the check ran (drift or not), 1 drift with --fail-on-drift, 2 usage or configuration error.`,
  options: {
    reference: { type: 'string', multiple: true },
    current: { type: 'string', multiple: true },
    config: { type: 'string' },
    contract: { type: 'string' },
    method: { type: 'string' },
    columns: { type: 'string' },
    'prediction-column': { type: 'string' },
    'label-column': { type: 'string' },
    'min-rows': { type: 'string' },
    format: { type: 'string' },
    'report-out': { type: 'string' },
    'fail-on-drift': { type: 'boolean' },
  },
  async run(args, io) {
    const format = choiceFlag(args, 'format', outputFormats) ?? 'text';
    const reference = listFlag(args, 'reference');
    if (reference.length === 0) throw new ConfigurationError('--reference is required: reference data files or a data profile (.json)', { input: 'reference' });
    const minRows = wholeNumberFlag(args, 'min-rows', 1);
    const report = await runDriftCheck({
      reference,
      current: listFlag(args, 'current'),
      config: stringFlag(args, 'config'),
      contract: stringFlag(args, 'contract'),
      method: methodFlag(stringFlag(args, 'method')),
      columns: stringFlag(args, 'columns')?.split(',').map((c) => c.trim()).filter(Boolean),
      predictionColumn: stringFlag(args, 'prediction-column'),
      labelColumn: stringFlag(args, 'label-column'),
      minRows,
      reportOut: stringFlag(args, 'report-out'),
    });
    if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(renderDriftMarkdown(report));
    else io.stdout(renderDriftText(report));
    return report.drifted && args.values['fail-on-drift'] === true ? ExitCode.checkFailed : ExitCode.ok;
  },
};
