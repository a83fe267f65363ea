import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataContract } from '../contracts/data-contract.js';
import { DeployReport, type DeployStrategy, type DeployTarget, type RolloutStep } from '../contracts/deploy.js';
import { loadDocument } from '../contracts/load.js';
import { ConfigurationError } from '../errors.js';
import { batchOutputFormat, scoreBatch } from '../deploy/batch.js';
import { runCommand } from '../deploy/command.js';
import { fetchModelPackage, type FetchedPackage, type PackageSource } from '../deploy/package.js';
import { rollOut, type Thresholds } from '../deploy/rollout.js';
import { ServeAdmin } from '../deploy/serve-admin.js';
import { localSmokeProblem, smokeRows } from '../deploy/smoke.js';
import { deployVerdict } from '../deploy/summary.js';
import { formatReference, type ModelReference } from '../registry/reference.js';
import { ServedVersion } from '../serve/served-model.js';
import type { ArtifactUploader } from './train.js';

/**
 * deploy: resolves a registered version, downloads and verifies its package, and rolls it out to
 * a target (a running `ghml serve`, a batch of predictions, or the user's own command), reporting
 * progress on the GitHub Deployment and rolling back on failure.
 */

export interface DeploymentTracker {
  /** The deployment status `in_progress`, with the run's log. */
  started(description: string): Promise<void>;
  /** `success` or `failure`, and where the environment can be reached. */
  finished(state: 'success' | 'failure', description: string, environmentUrl: string | null): Promise<void>;
}

export interface DeployOptions {
  reference: ModelReference;
  /** The package digest the deployment names; a version registered with another is refused. */
  digest?: string;
  environment: string;
  strategy: DeployStrategy;
  target: DeployTarget;
  /** Where packages are downloaded. */
  workDirectory: string;
  smokeRowsFile?: string;
  serve?: { url: string; adminToken: string; canarySteps: number[]; shadowPercent: number; stepMs: number; thresholds: Thresholds };
  batch?: { data: string[]; output: string; artifactName?: string };
  command?: { run: string; rollback?: string; cwd: string };
  /** Shown on the deployment; the server's URL for the serve target by default. */
  environmentUrl?: string;
  log: (message: string) => void;
  now?: () => Date;
}

export interface DeployPorts {
  packages: PackageSource;
  tracker?: DeploymentTracker;
  artifacts?: ArtifactUploader;
  sleep?: (ms: number) => Promise<void>;
}

/** GitHub keeps 140 characters of a deployment status description. */
const DESCRIPTION_LIMIT = 140;

function describe(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

interface Outcome {
  result: DeployReport['result'];
  reason: string | null;
  previousVersion: string | null;
  steps: RolloutStep[];
  predictions: DeployReport['predictions'];
}

export async function runDeploy(options: DeployOptions, ports: DeployPorts): Promise<DeployReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const wanted = formatReference(options.reference);
  await ports.tracker?.started(describe(`ghml: deploying ${wanted} to ${options.environment} (${options.target}, ${options.strategy})`));
  let fetched: FetchedPackage;
  let version: ServedVersion;
  let contract: DataContract | null;
  try {
    if (options.batch?.artifactName && !ports.artifacts) {
      throw new ConfigurationError(
        `publishing artifact "${options.batch.artifactName}" needs GitHub's artifact service, which this run does not have (GitHub Enterprise Server has none): leave batch-artifact out and upload ${options.batch.output} with actions/upload-artifact@v3`,
        { input: 'batch-artifact' },
      );
    }
    await mkdir(options.workDirectory, { recursive: true });
    fetched = await fetchModelPackage(ports.packages, options.reference, options.workDirectory, options.digest);
    options.log(`${wanted} is ${fetched.record.model} v${fetched.record.version}: every file of package sha256:${fetched.record.package.digest} verified`);
    contract = fetched.contractFile ? await loadDocument(fetched.contractFile, DataContract, 'data contract', 'model') : null;
    version = await ServedVersion.open({ model: fetched.record.model, version: String(fetched.record.version), file: fetched.modelFile, contract, log: options.log });
  } catch (error) {
    await ports.tracker?.finished('failure', describe(`ghml: refused ${wanted}: ${(error as Error).message}`), null);
    throw error;
  }
  const label = `${fetched.record.model} v${fetched.record.version}`;
  let outcome: Outcome;
  let environmentUrl = options.environmentUrl ?? null;
  try {
    const smoke = await smokeRows({ file: options.smokeRowsFile, profileFile: fetched.profileFile, contract, features: version.features, label });
    options.log(`smoke test: ${smoke.rows.length} rows from ${smoke.source}`);
    if (options.target === 'serve') {
      const serve = options.serve!;
      environmentUrl ??= serve.url;
      const rolled = await rollOut({
        admin: new ServeAdmin(serve.url, serve.adminToken),
        model: fetched.record.model,
        version: String(fetched.record.version),
        modelFile: fetched.modelFile,
        contract,
        strategy: options.strategy === 'batch' ? 'blue-green' : options.strategy,
        canarySteps: serve.canarySteps,
        shadowPercent: serve.shadowPercent,
        stepMs: serve.stepMs,
        thresholds: serve.thresholds,
        smoke: smoke.rows,
        classes: version.classes,
        log: options.log,
        sleep: ports.sleep ?? sleep,
      });
      outcome = { ...rolled, predictions: null };
    } else {
      outcome = await deployElsewhere(options, ports, fetched, version, smoke.rows);
    }
  } catch (error) {
    await ports.tracker?.finished('failure', describe(`ghml: deploying ${label} failed: ${error instanceof Error ? error.message : String(error)}`), environmentUrl);
    throw error;
  } finally {
    await version.retire();
  }
  const report = DeployReport.parse({
    format: 'ghml.deploy-report/v1',
    model: fetched.record.model,
    version: fetched.record.version,
    digest: fetched.record.package.digest,
    environment: options.environment,
    target: options.target,
    strategy: options.strategy,
    ...outcome,
    startedAt,
    finishedAt: now().toISOString(),
  });
  const verdict = deployVerdict(report);
  await ports.tracker?.finished(report.result === 'succeeded' ? 'success' : 'failure', describe(`ghml: ${verdict}`), environmentUrl);
  return report;
}

async function deployElsewhere(options: DeployOptions, ports: DeployPorts, fetched: FetchedPackage, version: ServedVersion, smoke: Record<string, unknown>[]): Promise<Outcome> {
  const steps: RolloutStep[] = [];
  const step = (name: string, passed: boolean, detail: string, seconds: number): RolloutStep => {
    const entry = { name, percent: null, seconds, requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed, detail };
    steps.push(entry);
    options.log(`${passed ? 'passed' : 'FAILED'}: ${name}: ${detail}`);
    return entry;
  };
  const failed = (reason: string, result: Outcome['result'] = 'failed'): Outcome => ({ result, reason, previousVersion: null, steps, predictions: null });
  let started = performance.now();
  const elapsed = () => Math.round(performance.now() - started) / 1000;
  const problem = await localSmokeProblem(version, smoke);
  step(`smoke test of v${fetched.record.version}`, problem === null, problem ?? `${smoke.length} rows, every output valid`, elapsed());
  if (problem) return failed(`the smoke test failed: ${problem}`);

  if (options.target === 'batch') {
    const batch = options.batch!;
    started = performance.now();
    const scored = await scoreBatch(version, batch.data, batch.output, `${fetched.record.model}-v${fetched.record.version}-${options.environment}`);
    step(`score ${batch.data.length} file(s)`, true, `${scored.rows} rows scored into ${scored.path}`, elapsed());
    let artifact: string | null = null;
    if (batch.artifactName && ports.artifacts) {
      artifact = (await ports.artifacts.upload(batch.artifactName, [scored.path])).description;
      step('publish the predictions', true, artifact, 0);
    }
    return { result: 'succeeded', reason: null, previousVersion: null, steps, predictions: { path: scored.path, rows: scored.rows, artifact } };
  }

  const command = options.command!;
  const env = {
    GHML_MODEL_NAME: fetched.record.model,
    GHML_MODEL_VERSION: String(fetched.record.version),
    GHML_MODEL_PATH: fetched.modelFile,
    GHML_MODEL_DIGEST: fetched.record.package.digest,
    GHML_PACKAGE_DIR: fetched.directory,
    GHML_CONTRACT_PATH: fetched.contractFile ?? '',
    GHML_ENVIRONMENT: options.environment,
    GHML_STRATEGY: options.strategy,
    GHML_RELEASE_URL: fetched.record.release.url,
  };
  started = performance.now();
  const run = await runCommand(command.run, { cwd: command.cwd, env, log: options.log });
  const ok = run.exitCode === 0;
  step('run the deployment command', ok, ok ? 'exited 0' : `exited ${run.exitCode ?? run.signal}${run.tail ? `: ${run.tail.split('\n').at(-1)}` : ''}`, elapsed());
  if (ok) return { result: 'succeeded', reason: null, previousVersion: null, steps, predictions: null };
  const reason = `the deployment command exited ${run.exitCode ?? `on ${run.signal}`}`;
  if (!command.rollback) return failed(`${reason}; no rollback-command was given`);
  started = performance.now();
  const undone = await runCommand(command.rollback, { cwd: command.cwd, env: { ...env, GHML_FAILED_VERSION: String(fetched.record.version) }, log: options.log });
  const restored = undone.exitCode === 0;
  step('run the rollback command', restored, restored ? 'exited 0' : `exited ${undone.exitCode ?? undone.signal}`, elapsed());
  return restored ? failed(`${reason}; rolled back with rollback-command`, 'rolled-back') : failed(`${reason}, and the rollback command failed too (exit ${undone.exitCode ?? undone.signal}): check ${options.environment} by hand`);
}

/** The target when none is named: batch for the batch strategy, command when a command is given, else serve; and what each needs. */
export function chooseTarget(given: { target?: DeployTarget; strategy: DeployStrategy; serverUrl?: string; batchData?: string[]; batchOutput?: string; command?: string }): DeployTarget {
  const target = given.target ?? (given.strategy === 'batch' ? 'batch' : given.command ? 'command' : 'serve');
  if (given.strategy === 'batch' && target !== 'batch') throw new ConfigurationError(`the batch strategy scores a dataset: target "${target}" does not fit it`, { input: 'target' });
  if (target === 'serve' && !given.serverUrl) throw new ConfigurationError('server-url is required for the serve target: the address of the running ghml serve', { input: 'server-url' });
  if (target === 'batch' && (!given.batchData?.length || !given.batchOutput)) throw new ConfigurationError('batch-data and batch-output are required for the batch target: the data to score and where the predictions go', { input: 'batch-data' });
  if (target === 'batch') batchOutputFormat(given.batchOutput!);
  if (target === 'command' && !given.command) throw new ConfigurationError('command is required for the command target: the script that deploys the model', { input: 'command' });
  return target;
}
