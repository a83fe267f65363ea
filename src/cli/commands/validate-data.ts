import { ExitCode } from '../../errors.js';
import { renderMarkdown, renderText } from '../../report/validation.js';
import { runValidateData } from '../../steps/validate-data.js';
import { choiceFlag, listFlag, outputFormats, requiredStringFlag, stringFlag, wholeNumberFlag, type Command } from '../command.js';

export const validateDataCommand: Command = {
  name: 'validate-data',
  summary: 'check data files against a data contract and write their profile',
  usage: `Usage: ghml validate-data --data <file>... --contract <file> [options]

Checks CSV, JSON Lines or Parquet files against a data contract (YAML or JSON, see
schemas/data-contract.json) and profiles them.

Options:
  --data <file>          a data file; repeat for several files read as one dataset
  --contract <file>      the data contract
  --profile-out <file>   write the data profile (JSON) here
  --report-out <file>    write the validation report (JSON) here
  --format <f>           text (default), json or markdown
  --max-examples <n>     example rows kept per failed expectation (default 5)

Exit codes: 0 valid, 1 invalid, 2 usage or configuration error.`,
  options: {
    data: { type: 'string', multiple: true },
    contract: { type: 'string' },
    'profile-out': { type: 'string' },
    'report-out': { type: 'string' },
    format: { type: 'string' },
    'max-examples': { type: 'string' },
  },
  async run(args, io) {
    const format = choiceFlag(args, 'format', outputFormats) ?? 'text';
    const result = await runValidateData({
      data: listFlag(args, 'data'),
      contract: requiredStringFlag(args, 'contract', 'name the data contract file (create one with `ghml profile infer`)'),
      profileOut: stringFlag(args, 'profile-out'),
      reportOut: stringFlag(args, 'report-out'),
      maxExamples: wholeNumberFlag(args, 'max-examples'),
    });
    if (format === 'json') io.stdout(`${JSON.stringify(result.report, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(renderMarkdown(result.report, result.profile));
    else io.stdout(renderText(result.report));
    return result.valid ? ExitCode.ok : ExitCode.checkFailed;
  },
};
