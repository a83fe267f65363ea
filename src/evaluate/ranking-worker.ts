import { parentPort } from 'node:worker_threads';
import { rankClassScores, RankingSpace } from '../stats/metrics/index.js';
import type { FromRankingWorker, ToRankingWorker } from './ranking-protocol.js';

/** The worker of a `RankingThread`: ranks the classes it is sent. Bundled on its own as dist/ranking-worker.js. */

const port = parentPort!;
port.on('message', ({ id, labels, probabilities, classCount, classes, curvePoints }: ToRankingWorker) => {
  let answer: FromRankingWorker;
  try {
    const space = new RankingSpace(labels.length);
    const ranked = classes.map(({ positive, name }) => ({
      positive,
      ranked: rankClassScores(probabilities, labels.length, classCount, positive, labels, positive, name, curvePoints, space).ranked,
    }));
    answer = { kind: 'ranked', id, ranked };
  } catch (error) {
    answer = { kind: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
