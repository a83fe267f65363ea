import type { Worker } from 'node:worker_threads';
import { startWorker, WorkerCalls } from '../io/worker-thread.js';
import type { ClassificationEvaluation, RankedClass } from '../stats/metrics/index.js';
import type { FromRankingWorker, ToRankingWorker } from './ranking-protocol.js';

/**
 * A worker thread that ranks classes. Ranking is most of the metrics' cost after the last row
 * (a sort of every row's score per class) and needs every row, so it cannot overlap the model;
 * on two threads the classes are ranked side by side, and the other passes over the rows run
 * beside the worker's share.
 */
export class RankingThread {
  private readonly calls: WorkerCalls<FromRankingWorker>;

  private constructor(private readonly worker: Worker) {
    this.calls = new WorkerCalls<FromRankingWorker>(
      worker,
      (answer) => (answer.kind === 'failed' ? new Error(`ranking in a worker thread failed: ${answer.message}`) : null),
      'the ranking worker thread',
    );
  }

  static start(): RankingThread {
    return new RankingThread(startWorker('ranking-worker', new URL('./ranking-worker.ts', import.meta.url), null));
  }

  /**
   * Ranks classes `ks` of `evaluation` in the worker; the rankings, by class, for `adoptRanking`.
   * The evaluation's rows are cloned to the worker unless they are in shared memory, as an
   * accumulator's are.
   */
  async rank(evaluation: ClassificationEvaluation, ks: readonly number[]): Promise<Map<number, RankedClass>> {
    const answer = await this.calls.call(
      (id): ToRankingWorker => ({
        kind: 'rank',
        id,
        labels: evaluation.labels,
        probabilities: evaluation.probabilities!,
        classCount: evaluation.classes.length,
        classes: ks.map((k) => ({ positive: k, name: String(evaluation.classes[k]) })),
        curvePoints: evaluation.curvePoints,
      }),
    );
    if (answer.kind !== 'ranked') throw new Error(`unexpected answer ${answer.kind} to a ranking`);
    return new Map(answer.ranked.map(({ positive, ranked }) => [positive, ranked]));
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The share of the classes the worker ranks. This thread also makes the passes over the rows for
 * the losses and the calibration bins, which cost about half a ranking per class (on a million
 * rows, about 17 ms a class against 33 ms to rank one), so three quarters of the classes on the
 * worker leave both threads about as much to do.
 */
const WORKER_SHARE = 0.75;

/**
 * Ranks the classes `evaluation`'s metrics on all rows need on two threads: the worker takes
 * `WORKER_SHARE` of them (at least one), this thread the rest and then the passes over the rows
 * for the losses and the calibration bins.
 */
export async function rankOnTwoThreads(evaluation: ClassificationEvaluation, thread: RankingThread): Promise<void> {
  if (evaluation.probabilities === null) return;
  const ks = evaluation.rankedClasses;
  const theirs = ks.slice(0, Math.max(1, Math.round(WORKER_SHARE * ks.length)));
  const pending = thread.rank(evaluation, theirs);
  // Handled below, once this thread's share is done.
  pending.catch(() => undefined);
  evaluation.rankClasses(ks.slice(theirs.length));
  evaluation.measureRows();
  for (const [k, ranked] of await pending) evaluation.adoptRanking(k, ranked);
}
