import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROMOTION_CHECK } from '../../app/handlers/promotion-check.js';
import { DriftReport } from '../contracts/drift.js';
import { driftIssueTitle, driftLabels } from '../policy/drift-issue.js';
import type { Narrator } from './narration.js';
import { EXAMPLE, LABEL, MODEL, windows } from './scenario.js';
import { DemoFailure, type DemoWorld } from './world.js';

/** The policy's high-risk tier: two ML leads, and the risk team. */
const APPROVERS = ['alice', 'erin', 'bob'];

/** Metrics the report compares between the versions, as scikit-learn names them. */
const COMPARED_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'f1_weighted'];

interface Evaluation {
  metrics: Record<string, number>;
  reportPath: string;
}

interface Registration {
  version: number;
  pullRequest: number;
}

/**
 * The loop from a team's first commit to a retraining dispatched by drift, told one step a line.
 * Every check a step makes is real: a step that does not end the way the story needs fails the
 * demo with what it saw.
 */
export async function tellStory(world: DemoWorld, narrator: Narrator): Promise<void> {
  const { sandbox } = world;
  await sandbox.sendInstallationEvent('created');
  await world.settle();
  const labels = (await world.as('octocat').rest.issues.listLabelsForRepo({ ...world.repo, per_page: 100 })).data.map((label) => label.name);
  narrator.step('GitHub and the app', `a local GitHub serves ${sandbox.repo.fullName} seeded with ${EXAMPLE} and .github/ghml.yml; the ghml app runs on Probot and created its ${labels.filter((name) => name.startsWith('ghml')).length} labels on installation`, [
    { label: 'repository', url: `${sandbox.apiUrl}/repos/${sandbox.repo.fullName}` },
  ]);

  // v1: validated data → training → evaluation without a champion → registration → staging.
  const validationV1 = await validate(world, narrator, windows.trainV1.file, windows.trainV1.description);
  const trainedV1 = await train(world, narrator, 'v1', windows.trainV1.file);
  const evaluationV1 = await evaluate(world, narrator, 'v1', trainedV1.modelPath);
  const v1 = await register(world, narrator, trainedV1, evaluationV1, validationV1, 'staging');
  await approveAndMerge(world, narrator, v1.pullRequest, 'staging', v1.version);
  await world.startServer('staging', `${MODEL}@staging`);
  await deploy(world, narrator, 'staging', v1.version, 'ghml serve started with seattle-weather@staging');

  await promote(world, narrator, v1.version, 'production');
  await world.startServer('production', `${MODEL}@production`);
  await deploy(world, narrator, 'production', v1.version, 'ghml serve started with seattle-weather@production');

  // v2: more data, judged against the champion on the same rows.
  const validationV2 = await validate(world, narrator, windows.trainV2.file, windows.trainV2.description);
  const trainedV2 = await train(world, narrator, 'v2', windows.trainV2.file);
  const evaluationV2 = await evaluate(world, narrator, 'v2', trainedV2.modelPath);
  narrator.chart({
    title: 'v1 and v2 on the held-out half of 2014',
    categories: COMPARED_METRICS,
    series: [
      { name: 'v1', values: COMPARED_METRICS.map((name) => evaluationV1.metrics[name]) },
      { name: 'v2', values: COMPARED_METRICS.map((name) => evaluationV2.metrics[name]) },
    ],
    unit: 'share',
  });
  const v2 = await register(world, narrator, trainedV2, evaluationV2, validationV2, 'staging');
  await approveAndMerge(world, narrator, v2.pullRequest, 'staging', v2.version);
  await deploy(world, narrator, 'staging', v2.version);
  await promote(world, narrator, v2.version, 'production');

  // The canary takes live traffic: the first half of 2015, one request a day, while it rolls out.
  const firstHalf = await days(world, windows.replayH1.file);
  const [, replay] = await Promise.all([deploy(world, narrator, 'production', v2.version), world.predictDays('production', firstHalf, 12)]);
  if (replay.failures.length > 0) throw new DemoFailure(`requests failed during the canary rollout: ${replay.failures.slice(0, 3).join('; ')}`);
  narrator.step('live traffic during the rollout', `${firstHalf.length} days of January–June 2015 sent one request each while the canary rolled out: ${[...replay.versions].map(([version, count]) => `${count} answered by v${version}`).join(', ')}, none failed`);

  // Drift: each half-year's predictions against what v2 learned from.
  await driftCheck(world, narrator, firstHalf.length, 'January–June 2015');
  const secondHalf = await days(world, windows.replayH2.file);
  const late = await world.predictDays('production', secondHalf);
  if (late.failures.length > 0) throw new DemoFailure(`requests failed while replaying July–December 2015: ${late.failures.slice(0, 3).join('; ')}`);
  const secondCheck = await driftCheck(world, narrator, firstHalf.length + secondHalf.length, 'all of 2015');
  const temperature = secondCheck.report.columns.find((column) => column.name === 'temp_max')?.distribution;
  if (temperature) {
    narrator.chart({
      title: 'temp_max: what v2 learned from (2012 to June 2014) and what 2015 brought',
      categories: temperature.labels,
      series: [{ name: 'reference', values: temperature.reference }, { name: '2015', values: temperature.current }],
      unit: 'share',
    });
  }

  // The app turns persistent drift into an issue; a person asks for retraining there.
  const { data: issues } = await world.as('octocat').rest.issues.listForRepo({ ...world.repo, labels: driftLabels.all, state: 'open' });
  const issue = issues.find((candidate) => candidate.title === driftIssueTitle(MODEL, 'production'));
  if (!issue) throw new DemoFailure(`the app opened no drift issue after two drifted reports (open drift issues: ${issues.map((candidate) => candidate.title).join(', ') || 'none'})`);
  const severity = issue.labels.map((label) => (typeof label === 'string' ? label : label.name)).filter((name) => name !== driftLabels.all).join(', ');
  narrator.step('the app opens a drift issue', `#${issue.number} "${issue.title}" (${severity}), with the drifted columns, a chart and the owners`, [{ label: `issue #${issue.number}`, url: issue.url }]);

  const dispatchedBefore = sandbox.dispatches.length;
  await world.as('alice').rest.issues.createComment({ ...world.repo, issue_number: issue.number, body: `/ghml retrain ${MODEL}` });
  await world.settle();
  const dispatch = sandbox.dispatches.slice(dispatchedBefore).find((record) => record.kind === 'workflow_dispatch');
  if (!dispatch || dispatch.kind !== 'workflow_dispatch') throw new DemoFailure('`/ghml retrain` dispatched no workflow');
  const { data: comments } = await world.as('octocat').rest.issues.listComments({ ...world.repo, issue_number: issue.number });
  const reply = comments.at(-1);
  narrator.step('/ghml retrain', `alice asked on #${issue.number}; the app dispatched ${dispatch.workflow} with model=${dispatch.inputs.model} and replied`, reply ? [{ label: 'reply', url: reply.url }] : []);

  const violations = sandbox.contractViolations;
  if (violations.length > 0) throw new DemoFailure(`${violations.length} requests, responses or webhooks departed from GitHub's descriptions, e.g. ${violations[0].kind} ${violations[0].subject}: ${violations[0].message}`);
  narrator.step('GitHub\'s descriptions', `${[...sandbox.callLog.values()].reduce((sum, count) => sum + count, 0)} API requests and ${sandbox.deliveries.length} webhook deliveries, each checked against GitHub's OpenAPI description and webhook schemas: no departure`);
}

async function validate(world: DemoWorld, narrator: Narrator, file: string, description: string): Promise<{ reportPath: string; profilePath: string }> {
  const step = await world.action('validate-data', { data: file, contract: `${EXAMPLE}/contract.yml`, 'report-out': `reports/validation-${path.basename(file, '.csv')}.json`, 'profile-out': `reports/profile-${path.basename(file, '.csv')}.json` });
  const report = await world.readJson<{ rows: number }>(step.outputs['report-path']);
  narrator.step('validate-data', `${description}: ${report.rows} rows meet ${EXAMPLE}/contract.yml (types, ranges, allowed labels, unique dates)`);
  return { reportPath: step.outputs['report-path'], profilePath: step.outputs['profile-path'] };
}

async function train(world: DemoWorld, narrator: Narrator, name: string, data: string): Promise<{ modelPath: string; recordPath: string }> {
  const script = path.join(world.packageRoot, EXAMPLE, 'train.ts');
  const step = await world.action('train', {
    command: `node --import tsx ${script} --data ${data}`,
    model: MODEL,
    'model-path': `model/${MODEL}-${name}.onnx`,
    params: `${EXAMPLE}/params.yml`,
    seed: '0',
    data,
    'record-out': `reports/run-${name}.json`,
  });
  const metrics = JSON.parse(step.outputs.metrics) as Record<string, number>;
  narrator.step(`train ${name}`, `${EXAMPLE}/train.ts on ${data}: test accuracy ${metrics.accuracy.toFixed(3)}; run record with data fingerprint, parameters, environment and model sha256 ${step.outputs['model-sha256'].slice(0, 12)}`);
  return { modelPath: step.outputs['model-path'], recordPath: step.outputs['record-path'] };
}

/** Evaluates against whatever holds production, as the pipeline does: before the first promotion, nothing. */
async function evaluate(world: DemoWorld, narrator: Narrator, name: string, modelPath: string): Promise<Evaluation> {
  const baseline = `${MODEL}@production`;
  const step = await world.action('evaluate', {
    model: modelPath,
    data: windows.holdout.file,
    label: LABEL,
    contract: `${EXAMPLE}/contract.yml`,
    thresholds: `${EXAMPLE}/thresholds.yml`,
    baseline,
    'model-name': MODEL,
    'report-out': `reports/evaluation-${name}.json`,
    bootstrap: '200',
  });
  const report = await world.readJson<{ metrics: Record<string, number>; baseline: unknown; gate: { passed: boolean; checks: unknown[] } }>(step.outputs['report-path']);
  const versus = report.baseline ? `against the champion ${baseline}, paired on the same rows` : `with no champion yet (${baseline} holds no version): only the absolute bounds apply`;
  narrator.step(`evaluate ${name}`, `on ${windows.holdout.description}, ${versus}: accuracy ${report.metrics.accuracy.toFixed(3)}, gate ${report.gate.passed ? 'passed' : 'failed'} (${report.gate.checks.length} checks of ${EXAMPLE}/thresholds.yml)`);
  if (!report.gate.passed) throw new DemoFailure(`the evaluation gate of ${name} failed`);
  return { metrics: report.metrics, reportPath: step.outputs['report-path'] };
}

async function register(world: DemoWorld, narrator: Narrator, trained: { modelPath: string; recordPath: string }, evaluation: Evaluation, validation: { reportPath: string; profilePath: string }, stage: string): Promise<Registration> {
  const step = await world.action('register', {
    model: MODEL,
    'model-files': trained.modelPath,
    'run-record': trained.recordPath,
    'evaluation-report': evaluation.reportPath,
    'validation-report': validation.reportPath,
    'data-profile': validation.profilePath,
    'data-contract': `${EXAMPLE}/contract.yml`,
    owners: '@octo-org/ml-leads',
    'promote-to': stage,
  });
  await world.settle();
  const pullRequest = Number(/\/pulls?\/(\d+)$/.exec(step.outputs['pull-request-url'] ?? '')?.[1]);
  if (!Number.isInteger(pullRequest)) throw new DemoFailure(`register opened no promotion pull request (pull-request-url: ${step.outputs['pull-request-url'] || 'none'})`);
  const version = Number(step.outputs.version);
  narrator.step(`register v${version}`, `release ${step.outputs.tag} holds the package (${step.outputs['package-digest'].slice(0, 19)}…); versions/${version}.json on the registry branch; promotion pull request #${pullRequest} to ${stage} opened`, [
    { label: `release ${step.outputs.tag}`, url: `${world.sandbox.apiUrl}/repos/${world.sandbox.repo.fullName}/releases/tags/${encodeURIComponent(step.outputs.tag)}` },
    { label: `pull request #${pullRequest}`, url: await pullUrl(world, pullRequest) },
  ]);
  return { version, pullRequest };
}

async function pullUrl(world: DemoWorld, pull: number): Promise<string> {
  return (await world.as('octocat').rest.pulls.get({ ...world.repo, pull_number: pull })).data.url;
}

/** The app's latest promotion check on the pull request's head: its conclusion and title. */
async function promotionCheck(world: DemoWorld, pull: number): Promise<{ conclusion: string | null; title: string; url: string }> {
  const { data: pr } = await world.as('octocat').rest.pulls.get({ ...world.repo, pull_number: pull });
  const { data } = await world.as('octocat').rest.checks.listForRef({ ...world.repo, ref: pr.head.sha, check_name: PROMOTION_CHECK });
  const [check] = data.check_runs;
  if (!check) throw new DemoFailure(`the app ran no ${PROMOTION_CHECK} check on pull request #${pull}`);
  return { conclusion: check.conclusion, title: check.output.title ?? '', url: check.url };
}

/** Reviews by the policy's approvers, the check turning green only at quorum, the merge, and the deployment the app creates. */
async function approveAndMerge(world: DemoWorld, narrator: Narrator, pull: number, stage: string, version: number): Promise<void> {
  let check = await promotionCheck(world, pull);
  const verdicts = [`before reviews ${check.conclusion} (${check.title})`];
  for (const [i, login] of APPROVERS.entries()) {
    await world.as(login).rest.pulls.createReview({ ...world.repo, pull_number: pull, event: 'APPROVE' });
    await world.settle();
    check = await promotionCheck(world, pull);
    const quorum = i === APPROVERS.length - 1;
    if ((check.conclusion === 'success') !== quorum) throw new DemoFailure(`${PROMOTION_CHECK} on #${pull} was ${check.conclusion} after ${i + 1} of ${APPROVERS.length} required approvals: ${check.title}`);
    verdicts.push(`${login} approves → ${check.conclusion}${quorum ? '' : ` (${check.title})`}`);
  }
  narrator.step(`policy check on #${pull}`, `${PROMOTION_CHECK} for v${version} to ${stage}: ${verdicts.join('; ')}`, [{ label: `check run`, url: check.url }]);

  const deploymentsBefore = world.sandbox.deliveries.filter((delivery) => delivery.event === 'deployment').length;
  await world.as('octocat').rest.pulls.merge({ ...world.repo, pull_number: pull });
  await world.settle();
  const deployment = world.sandbox.deliveries.filter((delivery) => delivery.event === 'deployment').slice(deploymentsBefore).at(-1);
  if (!deployment) throw new DemoFailure(`merging #${pull} created no deployment`);
  const payload = deployment.payload.deployment as { id: number; url: string; environment: string; payload: { strategy: string } };
  narrator.step(`merge #${pull}`, `${MODEL}@${stage} is v${version} on the registry branch; the app created deployment ${payload.id} to ${payload.environment} (${payload.payload.strategy})`, [{ label: `deployment ${payload.id}`, url: payload.url }]);
}

/** Carries out the deployment the app created last for the environment, with the deploy Action. */
async function deploy(world: DemoWorld, narrator: Narrator, environment: string, version: number, started?: string): Promise<void> {
  const delivery = world.sandbox.deliveries.filter((entry) => entry.event === 'deployment' && (entry.payload.deployment as { environment: string }).environment === environment).at(-1);
  if (!delivery) throw new DemoFailure(`no deployment to ${environment} was created`);
  const { inputs, env } = world.deployInputs(environment);
  const step = await world.action('deploy', inputs, { event: { name: 'deployment', payload: delivery.payload }, env });
  const report = await world.readJson<{ steps: { name: string; passed: boolean }[] }>(step.outputs['report-path']);
  if (step.outputs.result !== 'succeeded' || step.outputs.version !== String(version)) throw new DemoFailure(`deploying v${version} to ${environment} ended ${step.outputs.result} with v${step.outputs.version}`);
  const deployment = delivery.payload.deployment as { id: number; url: string; payload: { strategy: string } };
  const { data: statuses } = await world.as('octocat').rest.repos.listDeploymentStatuses({ ...world.repo, deployment_id: deployment.id });
  const links = [{ label: `deployment ${deployment.id} statuses`, url: `${deployment.url}/statuses` }];
  const rollout = report.steps.length > 0 ? report.steps.map((entry) => `${entry.name} ${entry.passed ? '✓' : '✗'}`).join(', ') : `v${version} already serves`;
  narrator.step(`deploy v${version} to ${environment}`, `${started ? `${started}; ` : ''}${deployment.payload.strategy}: ${rollout}; statuses ${statuses.map((status) => status.state).reverse().join(' → ')}`, links);
}

/** A person proposes the stage with the CLI; the same reviews and merge as any promotion. */
async function promote(world: DemoWorld, narrator: Narrator, version: number, stage: string): Promise<void> {
  const opened = await world.cli('octocat', ['promote', MODEL, String(version), '--to', stage]);
  const pull = Number(/#(\d+)/.exec(opened)?.[1]);
  if (!Number.isInteger(pull)) throw new DemoFailure(`ghml promote opened no pull request: ${opened}`);
  await world.settle();
  narrator.step(`promote v${version} to ${stage}`, `octocat ran \`ghml promote ${MODEL} ${version} --to ${stage}\`: ${opened.split(':')[0]}`, [{ label: `pull request #${pull}`, url: await pullUrl(world, pull) }]);
  await approveAndMerge(world, narrator, pull, stage, version);
}

/** The days of a data window as the features a client sends. */
async function days(world: DemoWorld, file: string): Promise<Record<string, number>[]> {
  const [header, ...lines] = (await readFile(world.path(file), 'utf8')).trim().split('\n');
  const columns = header.split(',');
  const features = ['precipitation', 'temp_max', 'temp_min', 'wind'];
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(features.map((name) => [name, Number(fields[columns.indexOf(name)])]));
  });
}

async function driftCheck(world: DemoWorld, narrator: Narrator, answered: number, period: string): Promise<{ report: DriftReport }> {
  const current = await world.predictionLog('production', answered);
  const step = await world.action('drift-check', {
    reference: windows.trainV2.file,
    current: current.join('\n'),
    contract: `${EXAMPLE}/contract.yml`,
    config: `${EXAMPLE}/drift.yml`,
    model: MODEL,
    environment: 'production',
  });
  await world.settle();
  const report = DriftReport.parse(await world.readJson(step.outputs['report-path']));
  const drifted = report.columns.filter((column) => column.drifted).map((column) => `${column.name} (${column.method}, p=${column.pValue?.toPrecision(2) ?? '–'})`);
  const head = (await world.sandbox.repo.git(['rev-parse', 'ghml/registry'])).trim();
  narrator.step(`drift-check, ${period}`, `the prediction log of production against v2's training data: ${report.drifted ? 'drift' : 'no drift'}${drifted.length > 0 ? ` in ${drifted.join(', ')}` : ''}; report filed on the registry branch`, [
    { label: step.outputs['registry-path'], url: `${world.sandbox.apiUrl}/repos/${world.sandbox.repo.fullName}/contents/${step.outputs['registry-path']}?ref=${head}` },
  ]);
  return { report };
}
