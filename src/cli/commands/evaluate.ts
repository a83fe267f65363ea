import { ConfigurationError, ExitCode } from '../../errors.js';
import { isRegistryReference } from '../../evaluate/baseline.js';
import type { ModelTask } from '../../evaluate/models.js';
import { RegistryBaseline } from '../../evaluate/registry-baseline.js';
import { renderEvaluationMarkdown, renderEvaluationText } from '../../report/evaluation.js';
import { runEvaluate } from '../../steps/evaluate.js';
import { choiceFlag, commaListFlag, listFlag, outputFormats, requiredStringFlag, stringFlag, wholeNumberFlag, type Command } from '../command.js';
import { connect, connectionOptions, openRegistry } from './registry.js';

function toleranceFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number >= 0) || value.trim() === '') throw new ConfigurationError(`--parity-tolerance must be a non-negative number, not "${value}"`, { input: 'parity-tolerance' });
  return number;
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'evaluate an ONNX model on held-out data, compare it with a baseline and gate it on thresholds',
  usage: `Usage: ghml evaluate --model <file.onnx> --data <file>... --label <column> [options]

Runs the model with ONNX Runtime over the data, computes scikit-learn's metrics with bootstrap
intervals, compares with a baseline (another model on the same rows, or an earlier report) and
checks the thresholds. See actions/evaluate/README.md for the mapping of columns to inputs.

Options:
  --model <file>                  the model to evaluate (.onnx)
  --data <file>                   held-out data (CSV, JSON Lines, Parquet); repeat for several files
  --label <column>                the label column
  --task <t>                      classification or regression (default: from the model's outputs)
  --positive-label <v>            the positive class of a binary model (default: the second class)
  --classes <a,b,…>               the classes in the order of the probability columns (default: the model's metadata)
  --baseline <file|model@alias>   the champion: an .onnx model, an evaluation report (.json), or a registry alias
                                  (with --repo, --api-url, --registry-branch as for \`ghml registry\`)
  --thresholds <file>             gate thresholds (YAML or JSON, schemas/evaluation-thresholds.json)
  --slice-columns <a,b>           metrics per value of these columns, and fairness gaps
  --min-slice-size <n>            smaller slices are listed, not measured (default 30)
  --features <a,b>                the columns of the model's input, in order (default: its metadata, the contract, or every number column but the label)
  --contract <file>               a data contract whose number columns give the feature order
  --reference-predictions <file>  the training framework's predictions, to check the export against
  --parity-tolerance <x>          allowed difference in parity (default 1e-4, relative above 1)
  --bootstrap <n>                 bootstrap resamples for the intervals (default 1000; 0: none)
  --execution-provider <p>        cpu (default) or cuda
  --model-name <name>             the model's name in reports (default: the file name)
  --format <f>                    text (default), json or markdown
  --report-out <file>             write the evaluation report (JSON) here

Exit codes: 0 the gate passed, 1 the gate failed (or the data could not be read), 2 usage or configuration error.`,
  options: {
    model: { type: 'string' },
    data: { type: 'string', multiple: true },
    label: { type: 'string' },
    task: { type: 'string' },
    'positive-label': { type: 'string' },
    classes: { type: 'string' },
    baseline: { type: 'string' },
    ...connectionOptions,
    thresholds: { type: 'string' },
    'slice-columns': { type: 'string' },
    'min-slice-size': { type: 'string' },
    features: { type: 'string' },
    contract: { type: 'string' },
    'reference-predictions': { type: 'string' },
    'parity-tolerance': { type: 'string' },
    bootstrap: { type: 'string' },
    'execution-provider': { type: 'string' },
    'model-name': { type: 'string' },
    format: { type: 'string' },
    'report-out': { type: 'string' },
  },
  async run(args, io) {
    const format = choiceFlag(args, 'format', outputFormats) ?? 'text';
    const minSliceSize = wholeNumberFlag(args, 'min-slice-size', 1);
    const baseline = stringFlag(args, 'baseline');
    // Only a registry reference needs the registry: files are read as they are.
    const connection = baseline !== undefined && isRegistryReference(baseline) ? await connect(args, io) : undefined;
    if (connection && !connection.releases) throw new ConfigurationError('a model@alias baseline downloads the champion from its release: give --repo (releases are on GitHub), not --local', { input: 'baseline' });
    const registryBaseline = connection ? new RegistryBaseline(await openRegistry(connection), connection.releases!) : undefined;
    const report = await runEvaluate({
      model: requiredStringFlag(args, 'model', 'the .onnx model to evaluate'),
      data: listFlag(args, 'data'),
      label: requiredStringFlag(args, 'label', 'the label column'),
      task: choiceFlag<ModelTask>(args, 'task', ['classification', 'regression']),
      positiveLabel: stringFlag(args, 'positive-label'),
      classes: commaListFlag(args, 'classes'),
      baseline,
      registry: registryBaseline,
      thresholds: stringFlag(args, 'thresholds'),
      sliceColumns: commaListFlag(args, 'slice-columns'),
      minSliceSize,
      features: commaListFlag(args, 'features'),
      contract: stringFlag(args, 'contract'),
      referencePredictions: stringFlag(args, 'reference-predictions'),
      parityTolerance: toleranceFlag(stringFlag(args, 'parity-tolerance')),
      bootstrap: wholeNumberFlag(args, 'bootstrap'),
      executionProvider: choiceFlag(args, 'execution-provider', ['cpu', 'cuda'] as const),
      modelName: stringFlag(args, 'model-name'),
      reportOut: stringFlag(args, 'report-out'),
      log: (message) => io.stderr(`${message}\n`),
    });
    if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(renderEvaluationMarkdown(report));
    else io.stdout(renderEvaluationText(report));
    return report.gate.passed ? ExitCode.ok : ExitCode.checkFailed;
  },
};
