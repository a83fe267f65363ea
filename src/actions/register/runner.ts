import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { z } from 'zod';
import { createOctokit, explainGitHubError, targetFromEnvironment } from '../../github/client.js';
import { GitHubPolicySource, GitHubPullRequests } from '../../github/pull-requests.js';
import { GitHubRegistryStore } from '../../github/registry-store.js';
import { GitHubReleases } from '../../github/releases.js';
import { fitToLimit, LIMITS, table } from '../../report/markdown.js';
import { runRegister, type RegisterResult } from '../../steps/register.js';
import { booleanInput, listInput, readInputs, wholeNumberInput } from '../runtime.js';

export const inputsSchema = z.object({
  model: z.string({ error: 'input "model" is required: the name to register the model under' }),
  'model-files': z.string({ error: 'input "model-files" is required: the model file(s) to register' }).transform(listInput),
  'run-record': z.string().optional(),
  'evaluation-report': z.string().optional(),
  'data-profile': z.string().optional(),
  'data-contract': z.string().optional(),
  'validation-report': z.string().optional(),
  description: z.string().optional(),
  'intended-use': z.string().optional(),
  limitations: z.string().optional(),
  owners: z.string().transform(listInput).optional(),
  task: z.string().optional(),
  tags: z.string().transform(listInput).optional(),
  commit: z.string().optional(),
  'promote-to': z.string().optional(),
  attest: booleanInput.default(false),
  'registry-branch': z.string().optional(),
  'part-size': wholeNumberInput.optional(),
  token: z.string().optional(),
});

function summary(result: RegisterResult, model: string): string {
  const { record } = result;
  const parts = [
    `### ✅ Registered ${model} v${result.version}`,
    `Release [${result.tag}](${result.releaseUrl}) at commit \`${record.commit.slice(0, 12)}\`, package digest \`sha256:${result.packageDigest}\`.`,
    table(['Asset', 'Bytes', 'sha256'], record.assets.map((asset) => [asset.name, asset.size.toLocaleString('en-US'), `\`${asset.sha256}\``])),
  ];
  const promotion = result.promotion;
  if (promotion?.kind === 'opened' || promotion?.kind === 'updated') parts.push(`Promotion: [#${promotion.pullRequest.number} ${promotion.plan.title}](${promotion.pullRequest.url}) (${promotion.kind}).`);
  if (promotion?.kind === 'unchanged') parts.push(`Promotion: v${promotion.version} already holds ${promotion.stage}.`);
  if (result.attestation) parts.push('Attestation: the statement is built; the next step `actions/attest` signs it (see the Action\'s README).');
  return parts.join('\n\n');
}

/** The Action: inputs → register (and promote) → outputs, the job summary and the attestation predicate. */
export async function registerAction(): Promise<void> {
  const inputs = readInputs(inputsSchema);
  const env = process.env;
  const target = targetFromEnvironment(env, { token: inputs.token ?? env.GITHUB_TOKEN });
  const octokit = createOctokit(target);
  const temp = path.join(env.RUNNER_TEMP ?? '.', 'ghml');
  const repositoryUrl = `${target.serverUrl}/${target.owner}/${target.repo}`;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const resolve = (file: string | undefined) => (file === undefined ? undefined : path.resolve(workspace, file));
  let result: RegisterResult;
  try {
    result = await runRegister({
      model: inputs.model,
      modelFiles: inputs['model-files'].map((file) => path.resolve(workspace, file)),
      runRecord: resolve(inputs['run-record']),
      evaluationReport: resolve(inputs['evaluation-report']),
      dataProfile: resolve(inputs['data-profile']),
      dataContract: resolve(inputs['data-contract']),
      validationReport: resolve(inputs['validation-report']),
      description: inputs.description,
      intendedUse: inputs['intended-use'],
      limitations: inputs.limitations,
      owners: inputs.owners,
      task: inputs.task,
      tags: inputs.tags,
      // A run record names the commit it trained from; without one, the commit this workflow runs on.
      commit: inputs.commit ?? (inputs['run-record'] ? undefined : env.GITHUB_SHA),
      promoteTo: inputs['promote-to'],
      attest: inputs.attest,
      registryBranch: inputs['registry-branch'],
      partSize: inputs['part-size'],
      scratchDirectory: temp,
      context: {
        actor: env.GITHUB_ACTOR ?? null,
        repositoryUrl,
        workflowRun: env.GITHUB_RUN_ID ? { id: env.GITHUB_RUN_ID, attempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || null, url: `${repositoryUrl}/actions/runs/${env.GITHUB_RUN_ID}` } : null,
      },
      env,
      log: (message) => core.info(message),
    }, {
      store: new GitHubRegistryStore(octokit, target),
      releases: new GitHubReleases(octokit, target),
      policy: new GitHubPolicySource(octokit, target),
      promotions: new GitHubPullRequests(octokit, target),
    });
  } catch (error) {
    throw explainGitHubError(error, target);
  }
  core.setOutput('version', String(result.version));
  core.setOutput('tag', result.tag);
  core.setOutput('release-url', result.releaseUrl);
  core.setOutput('package-digest', `sha256:${result.packageDigest}`);
  core.setOutput('pull-request-url', result.promotion && 'pullRequest' in result.promotion ? result.promotion.pullRequest.url : '');
  if (result.attestation) {
    const predicatePath = path.join(temp, `attestation-${inputs.model}-v${result.version}.json`);
    await mkdir(temp, { recursive: true });
    await writeFile(predicatePath, `${JSON.stringify(result.attestation.predicate, null, 2)}\n`);
    const [packageSubject] = result.attestation.subject;
    core.setOutput('attestation-subject-name', packageSubject.name);
    core.setOutput('attestation-subject-digest', `sha256:${packageSubject.digest.sha256}`);
    core.setOutput('attestation-predicate-type', result.attestation.predicateType);
    core.setOutput('attestation-predicate-path', predicatePath);
  }
  await core.summary.addRaw(fitToLimit(summary(result, inputs.model), LIMITS.stepSummaryBytes - 1024, 'bytes')).write();
}
