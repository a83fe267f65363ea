import type { DataContract } from '../contracts/data-contract.js';
import type { DeployStrategy, RolloutStep } from '../contracts/deploy.js';
import type { ServerStatus, VersionTraffic } from '../contracts/serve.js';
import { histogramQuantile } from '../serve/metrics.js';
import { ServeAdminError, trafficBetween, type ServeAdmin } from './serve-admin.js';
import { smokeProblem } from './smoke.js';

/**
 * Rolling a version out on a running `ghml serve`, through its admin API:
 *
 * - blue-green: load beside the serving version, smoke-test it alone, switch every request at once,
 *   smoke-test again through the routing; the old version stays loaded for an instant switch back.
 * - canary: after the smoke test, send it a growing share of requests (10 → 50 → 100 % by
 *   default), and between steps compare its error rate and 95th-percentile latency with the limits.
 * - shadow: after the smoke test, mirror a share of requests to it; clients only ever get the
 *   serving version's answers, its own go to the shadow log. Watched like a canary step, then left on.
 *
 * Any failure puts the routing back as it was and unloads the new version: the rollback.
 */

export interface Thresholds {
  /** Largest share of requests answered 5xx. */
  maxErrorRate: number;
  /** Largest 95th-percentile latency, milliseconds. */
  maxP95Ms: number;
  /** Fewer requests than this in a step give no verdict on it (and do not fail it). */
  minRequests: number;
}

export interface RolloutOptions {
  admin: ServeAdmin;
  model: string;
  version: string;
  modelFile: string;
  contract: DataContract | null;
  strategy: Exclude<DeployStrategy, 'batch'>;
  canarySteps: number[];
  shadowPercent: number;
  stepMs: number;
  thresholds: Thresholds;
  smoke: Record<string, unknown>[];
  classes: readonly (string | number)[] | null;
  log: (message: string) => void;
  sleep: (ms: number) => Promise<void>;
}

export interface RolloutOutcome {
  result: 'succeeded' | 'rolled-back';
  reason: string | null;
  previousVersion: string | null;
  steps: RolloutStep[];
}

class RolloutFailure extends Error {}

function versionTraffic(status: ServerStatus, model: string, version: string, kind: 'served' | 'shadow'): VersionTraffic | undefined {
  return status.models.find((entry) => entry.name === model)?.versions.find((entry) => entry.version === version)?.[kind];
}

export async function rollOut(options: RolloutOptions): Promise<RolloutOutcome> {
  const { admin, model, version, log } = options;
  const steps: RolloutStep[] = [];
  const initial = await admin.status();
  const serving = initial.models.find((entry) => entry.name === model);
  const previous = serving?.routing.primary ?? null;
  if (previous === version && serving?.routing.canary === null) {
    log(`${model} v${version} is serving already: nothing to roll out`);
    return { result: 'succeeded', reason: null, previousVersion: previous, steps };
  }
  const timed = async (name: string, percent: number | null, work: () => Promise<Omit<RolloutStep, 'name' | 'percent' | 'seconds'>>) => {
    const started = performance.now();
    const step = { name, percent, seconds: 0, ...(await work()) };
    step.seconds = Math.round(performance.now() - started) / 1000;
    steps.push(step);
    log(`${step.passed ? 'passed' : 'FAILED'}: ${name}: ${step.detail}`);
    if (!step.passed) throw new RolloutFailure(`${name} failed: ${step.detail}`);
  };
  const smoke = (name: string, pinned: boolean) =>
    timed(name, null, async () => {
      const answer = await admin.predict(model, pinned ? version : null, options.smoke);
      const problem = smokeProblem(answer, options.smoke.length, options.classes) ?? (answer.version !== version ? `answered by v${answer.version}, not v${version}` : null);
      return { requests: 1, serverErrors: answer.status >= 500 ? 1 : 0, errorRate: null, p95Ms: null, passed: problem === null, detail: problem ?? `${options.smoke.length} rows answered by v${version}, every output valid` };
    });
  /** Routes, waits a step, and judges the new version's traffic in that time. */
  const watch = (name: string, percent: number, kind: 'served' | 'shadow') =>
    timed(name, percent, async () => {
      const before = versionTraffic(await admin.status(), model, version, kind);
      await options.sleep(options.stepMs);
      const after = versionTraffic(await admin.status(), model, version, kind);
      if (!before || !after) return { requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed: false, detail: `v${version} was unloaded from the server during the step` };
      const traffic = trafficBetween(before, after);
      const { maxErrorRate, maxP95Ms, minRequests } = options.thresholds;
      const errorRate = traffic.requests === 0 ? 0 : traffic.serverErrors / traffic.requests;
      const p95 = histogramQuantile(traffic.latency, 0.95);
      const p95Ms = p95 === null ? null : p95 === Infinity ? null : p95 * 1000;
      const measured = { requests: traffic.requests, serverErrors: traffic.serverErrors, errorRate, p95Ms };
      if (traffic.requests < minRequests) return { ...measured, passed: true, detail: `${traffic.requests} requests, fewer than the ${minRequests} a verdict needs: not judged` };
      const problems: string[] = [];
      if (errorRate > maxErrorRate) problems.push(`error rate ${(errorRate * 100).toFixed(2)}% is above ${(maxErrorRate * 100).toFixed(2)}%`);
      if (p95 === Infinity || (p95Ms !== null && p95Ms > maxP95Ms)) problems.push(`p95 latency ${p95 === Infinity ? 'beyond the histogram' : `≤ ${p95Ms} ms`} is above ${maxP95Ms} ms`);
      const summary = `${traffic.requests} requests, ${traffic.serverErrors} server errors (${(errorRate * 100).toFixed(2)}%), p95 ≤ ${p95Ms ?? '?'} ms`;
      return { ...measured, passed: problems.length === 0, detail: problems.length === 0 ? summary : `${summary}: ${problems.join('; ')}` };
    });

  let loaded = false;
  try {
    await timed(`load v${version}`, null, async () => {
      await admin.load(model, version, options.modelFile, options.contract);
      loaded = true;
      return { requests: null, serverErrors: null, errorRate: null, p95Ms: null, passed: true, detail: `loaded beside ${previous === null ? 'nothing: the first version of the model, serving at once' : `v${previous}, which keeps serving`}` };
    });
    await smoke(`smoke test of v${version}`, true);
    if (previous === null) {
      await smoke(`smoke test through the routing`, false);
      return { result: 'succeeded', reason: null, previousVersion: previous, steps };
    }
    if (options.strategy === 'shadow') {
      await admin.route(model, { primary: previous, shadow: { version, percent: options.shadowPercent } });
      await watch(`shadow ${options.shadowPercent}%`, options.shadowPercent, 'shadow');
      return { result: 'succeeded', reason: null, previousVersion: previous, steps };
    }
    if (options.strategy === 'canary') {
      for (const percent of options.canarySteps) {
        await admin.route(model, percent >= 100 ? { primary: version } : { primary: previous, canary: { version, percent } });
        await watch(percent >= 100 ? `all traffic to v${version}` : `canary ${percent}%`, percent, 'served');
      }
    } else {
      await admin.route(model, { primary: version });
    }
    await smoke(`smoke test through the routing`, false);
    await unloadStandbys(options, previous);
    return { result: 'succeeded', reason: null, previousVersion: previous, steps };
  } catch (error) {
    if (!(error instanceof RolloutFailure || error instanceof ServeAdminError)) throw error;
    const reason = error.message;
    log(`rolling back: ${reason}`);
    if (previous !== null) await admin.route(model, { primary: previous });
    if (loaded) await admin.unload(model, version);
    log(previous === null ? `${model} v${version} unloaded: the model is not served` : `${model} is back on v${previous}; v${version} unloaded`);
    return { result: 'rolled-back', reason, previousVersion: previous, steps };
  }
}

/** Keeps the new version and the one before it; older standbys only hold memory. */
async function unloadStandbys(options: RolloutOptions, previous: string): Promise<void> {
  const status = await options.admin.status();
  const model = status.models.find((entry) => entry.name === options.model);
  for (const entry of model?.versions ?? []) {
    if (entry.version === options.version || entry.version === previous) continue;
    if (model?.routing.shadow?.version === entry.version) continue;
    await options.admin.unload(options.model, entry.version);
    options.log(`unloaded v${entry.version}: v${previous} stays loaded for an instant switch back`);
  }
}
