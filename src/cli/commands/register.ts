import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { runRegister } from '../../steps/register.js';
import { listFlag, requiredStringFlag, stringFlag, wholeNumberFlag, type Command } from '../command.js';
import { describePromotion } from './promote.js';
import { connectionOptions, connectionUsage, textOrJson, withConnection } from './registry.js';

export const registerCommand: Command = {
  name: 'register',
  summary: 'publish a model package as a release and record the version on the registry branch',
  usage: `Usage: ghml register --model <name> --model-file <file>... [options] [where]

Takes the next version number, publishes the package (model files, model card, metrics, data
profile and contract, run record, evaluation report) as the release model/<name>/v<N> at the
training commit, verifies every asset, then commits models/<name>/versions/<N>.json.

Options:
  --model <name>              the model: a-z, 0-9, ".", "_", "-", at most 64 characters
  --model-file <file>         the model file; repeat for a model of several files
  --run-record <file>         the training run record (gives the commit, metrics and data lineage)
  --evaluation-report <file>  the evaluation report (gives the metrics and the gate verdict)
  --data-profile <file>       the training data's profile, the reference for drift
  --data-contract <file>      the data contract, for input validation when serving
  --validation-report <file>  the training data's validation report
  --description <text>        model card: what the model does
  --intended-use <text>       model card: what it is for, and not for
  --limitations <text>        model card: where it is known to fail
  --owner <@user|@org/team>   model card: an owner; repeat for several
  --task <task>               binary, multiclass, regression… (default: the evaluation's task)
  --tag <tag>                 a free-form tag; repeat for several
  --commit <sha>              the training commit (default: the run record's)
  --promote-to <stage>        then open a promotion pull request to this stage
  --part-size <bytes>         split files larger than this (default just under GitHub's 2 GiB)
  --format <f>                text (default) or json

${connectionUsage}

Exit codes: 0 registered, 1 failed (nothing half-registered is left), 2 usage or configuration error.`,
  options: {
    ...connectionOptions,
    model: { type: 'string' },
    'model-file': { type: 'string', multiple: true },
    'run-record': { type: 'string' },
    'evaluation-report': { type: 'string' },
    'data-profile': { type: 'string' },
    'data-contract': { type: 'string' },
    'validation-report': { type: 'string' },
    description: { type: 'string' },
    'intended-use': { type: 'string' },
    limitations: { type: 'string' },
    owner: { type: 'string', multiple: true },
    task: { type: 'string' },
    tag: { type: 'string', multiple: true },
    commit: { type: 'string' },
    'promote-to': { type: 'string' },
    'part-size': { type: 'string' },
    format: { type: 'string' },
  },
  async run(args, io) {
    const output = textOrJson(args);
    const model = requiredStringFlag(args, 'model', 'the name to register the model under');
    const resolve = (file: string | undefined) => (file === undefined ? undefined : path.resolve(io.cwd, file));
    return withConnection(args, io, async (connection) => {
      if (!connection.releases || !connection.target) throw new ConfigurationError('register publishes the package as a GitHub release: give --repo (or GITHUB_REPOSITORY), not --local', { input: 'local' });
      const { target } = connection;
      const result = await runRegister({
        model,
        modelFiles: listFlag(args, 'model-file').map((file) => path.resolve(io.cwd, file)),
        runRecord: resolve(stringFlag(args, 'run-record')),
        evaluationReport: resolve(stringFlag(args, 'evaluation-report')),
        dataProfile: resolve(stringFlag(args, 'data-profile')),
        dataContract: resolve(stringFlag(args, 'data-contract')),
        validationReport: resolve(stringFlag(args, 'validation-report')),
        description: stringFlag(args, 'description'),
        intendedUse: stringFlag(args, 'intended-use'),
        limitations: stringFlag(args, 'limitations'),
        owners: listFlag(args, 'owner'),
        task: stringFlag(args, 'task'),
        tags: listFlag(args, 'tag'),
        commit: stringFlag(args, 'commit'),
        registryBranch: connection.registryBranch,
        promoteTo: stringFlag(args, 'promote-to'),
        partSize: wholeNumberFlag(args, 'part-size'),
        scratchDirectory: path.join(tmpdir(), 'ghml-register'),
        context: { actor: io.env.GITHUB_ACTOR ?? null, repositoryUrl: `${target.serverUrl}/${target.owner}/${target.repo}` },
        env: io.env,
        log: (message) => io.stderr(`${message}\n`),
      }, { store: connection.store, releases: connection.releases, policy: connection.policy, promotions: connection.promotions });
      if (output === 'json') {
        io.stdout(`${JSON.stringify({ version: result.version, tag: result.tag, releaseUrl: result.releaseUrl, packageDigest: result.packageDigest, record: result.record, pullRequest: result.promotion && 'pullRequest' in result.promotion ? result.promotion.pullRequest : null }, null, 2)}\n`);
      } else {
        io.stdout(`${model} v${result.version}  ${result.tag}  ${result.releaseUrl}\npackage sha256:${result.packageDigest}\n`);
        if (result.promotion) io.stdout(`${describePromotion(result.promotion)}\n`);
      }
      return ExitCode.ok;
    });
  },
};
