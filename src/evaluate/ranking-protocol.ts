import type { RankedClass } from '../stats/metrics/index.js';

/** The messages between a `RankingThread` and its worker. */

export interface ClassScores {
  /** the class's index, which is also its label code */
  positive: number;
  name: string;
  /** the class's probability on every row */
  scores: Float64Array;
}

export type ToRankingWorker = { kind: 'rank'; id: number; labels: Int32Array; classes: ClassScores[]; curvePoints: number | undefined };

export type FromRankingWorker =
  | { kind: 'ranked'; id: number; ranked: { positive: number; ranked: RankedClass }[] }
  | { kind: 'failed'; id: number; message: string };
