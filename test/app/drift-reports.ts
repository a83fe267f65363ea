import type { DriftReport } from '../../src/contracts/drift.js';

/** A drift report as drift-check writes it: one numeric column, drifted or not (and, for oversized reports, more drifted columns). */
export function driftReport(drifted: boolean, createdAt: string, options: { enoughData?: boolean; predictionDrifted?: boolean; driftedColumns?: number } = {}): DriftReport {
  const enoughData = options.enoughData ?? true;
  const column = (name: string, role: 'feature' | 'prediction', isDrifted: boolean) => ({
    name, role, kind: 'numeric' as const, method: 'ks' as const, statistic: isDrifted ? 0.31 : 0.04, pValue: isDrifted ? 0.0004 : 0.62, significance: null,
    threshold: 0.05, drifted: isDrifted, referenceCount: 500, currentCount: enoughData ? 400 : 20, status: 'ok' as const, message: null, approximate: false,
    distribution: { labels: ['0', '12', '24', '36'], reference: [0.25, 0.25, 0.25, 0.25], current: isDrifted ? [0.05, 0.15, 0.3, 0.5] : [0.24, 0.26, 0.25, 0.25] },
  });
  const columns: DriftReport['columns'] = [column('tenure', 'feature', drifted), column('monthly_charges', 'feature', false), column('churn_score', 'prediction', Boolean(options.predictionDrifted))];
  for (let i = 1; i <= (options.driftedColumns ?? 0); i++) columns.push({ ...column(`sensor_reading_${String(i).padStart(4, '0')}`, 'feature', true), distribution: null });
  const driftedCount = columns.filter((entry) => entry.drifted).length;
  return {
    format: 'ghml.drift-report/v1',
    drifted: enoughData && drifted,
    driftShare: driftedCount / columns.length,
    driftShareThreshold: 0.3,
    enoughData,
    minRows: 100,
    referenceRows: 500,
    currentRows: enoughData ? 400 : 20,
    correction: 'none',
    reference: { kind: 'data', fingerprint: 'a'.repeat(64) },
    current: { fingerprint: 'b'.repeat(64), files: ['predictions.jsonl'] },
    createdAt,
    performance: null,
    columns,
  };
}
