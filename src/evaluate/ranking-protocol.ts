import type { RankedClass } from '../stats/metrics/index.js';

/** The messages between a `RankingThread` and its worker. */

export interface ClassToRank {
  /** the class's index: its column of probabilities, and its label code */
  positive: number;
  name: string;
}

/**
 * Classes to rank over the rows of row-major probabilities [rows, classCount]. The evaluation
 * keeps its rows in shared memory, so they reach the worker without a copy.
 */
export type ToRankingWorker = {
  kind: 'rank';
  id: number;
  labels: Int32Array;
  probabilities: Float32Array | Float64Array;
  classCount: number;
  classes: ClassToRank[];
  curvePoints: number | undefined;
};

export type FromRankingWorker =
  | { kind: 'ranked'; id: number; ranked: { positive: number; ranked: RankedClass }[] }
  | { kind: 'failed'; id: number; message: string };
