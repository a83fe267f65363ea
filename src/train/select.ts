import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RunRecord } from '../contracts/run-record.js';
import { ConfigurationError } from '../errors.js';
import { table } from '../report/markdown.js';
import { formatNumber, formatValue, lineChart } from './report.js';

/** Picks the best of a sweep's runs by one metric, and lays the trials side by side. */

export type Goal = 'max' | 'min';

export interface LoadedRun {
  /** The file the record was read from. */
  source: string;
  record: RunRecord;
}

export interface RankedRun extends LoadedRun {
  /** The run's final value of the metric; null when it failed or did not report it. */
  value: number | null;
}

export interface Selection {
  metric: string;
  goal: Goal;
  best: RankedRun | null;
  /** Best first; runs without a value last. */
  ranked: RankedRun[];
}

async function jsonFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Reads run records from files and directories. A file named on its own must be a run record; in a
 * directory (a downloaded artifact, say) other JSON files are passed over and counted.
 */
export async function loadRunRecords(paths: string[]): Promise<{ runs: LoadedRun[]; skipped: string[] }> {
  if (paths.length === 0) throw new ConfigurationError('no runs given: pass run record files or directories with --runs', { input: 'runs' });
  const runs: LoadedRun[] = [];
  const skipped: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (!info) throw new ConfigurationError(`"${given}" does not exist: --runs takes run record files or directories holding them`, { input: 'runs' });
    const named = !info.isDirectory();
    for (const file of named ? [given] : await jsonFilesUnder(given)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, 'utf8'));
      } catch {
        parsed = undefined;
      }
      const result = RunRecord.safeParse(parsed);
      if (result.success) runs.push({ source: file, record: result.data });
      else if (named) throw new ConfigurationError(`${file} is not a run record (schemas/run-record.json): ${result.error.issues[0]?.message ?? 'not JSON'}`, { input: 'runs' });
      else skipped.push(file);
    }
  }
  return { runs, skipped };
}

export function selectBest(runs: LoadedRun[], metric: string, goal: Goal): Selection {
  const ranked: RankedRun[] = runs.map((run) => ({
    ...run,
    value: run.record.status === 'succeeded' && Number.isFinite(run.record.metrics.final[metric]) ? run.record.metrics.final[metric] : null,
  }));
  ranked.sort((a, b) => {
    if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0);
    return goal === 'max' ? b.value - a.value : a.value - b.value;
  });
  return { metric, goal, best: ranked[0]?.value === null ? null : (ranked[0] ?? null), ranked };
}

/** Other final metrics shown next to the ranking metric, so a trade-off is visible. */
const MAX_OTHER_METRICS = 4;
/** Parameters charted against the metric. */
const MAX_CHARTS = 4;

export function renderSelection(selection: Selection): string {
  const { metric, goal, best, ranked } = selection;
  const parts: string[] = [];
  if (best) {
    parts.push(`### 🏆 Best run ${best.record.id}: ${metric} = ${formatNumber(best.value!)} (${goal} over ${ranked.length} runs)`);
    const params = Object.entries(best.record.params);
    if (params.length > 0) parts.push(`Parameters: ${params.map(([name, value]) => `\`${name}\` = ${formatValue(value)}`).join(', ')}`);
  } else {
    parts.push(`### ❌ No run has a final value of ${metric} (${ranked.length} runs read)`);
  }

  const paramNames = [...new Set(ranked.flatMap((r) => Object.keys(r.record.params)))];
  const others = [...new Set(ranked.flatMap((r) => Object.keys(r.record.metrics.final)))].filter((m) => m !== metric).slice(0, MAX_OTHER_METRICS);
  parts.push(
    table(
      ['rank', 'run', 'status', ...paramNames, metric, ...others],
      ranked.map((run, i) => [
        run.value === null ? '' : String(i + 1),
        run.record.id,
        run.record.status,
        ...paramNames.map((name) => (name in run.record.params ? formatValue(run.record.params[name]) : '')),
        run.value === null ? '' : run === best ? `**${formatNumber(run.value)}**` : formatNumber(run.value),
        ...others.map((m) => (m in run.record.metrics.final ? formatNumber(run.record.metrics.final[m]) : '')),
      ]),
    ),
  );

  const scored = ranked.filter((r) => r.value !== null);
  const charted = paramNames.filter((name) => {
    const values = scored.map((r) => r.record.params[name]);
    return values.every((v) => typeof v === 'number') && new Set(values).size > 1;
  });
  for (const name of charted.slice(0, MAX_CHARTS)) {
    // Several trials can share a value of this parameter; the chart shows the best of them.
    const bestAt = new Map<number, number>();
    for (const run of scored) {
      const x = run.record.params[name] as number;
      const seen = bestAt.get(x);
      if (seen === undefined || (goal === 'max' ? run.value! > seen : run.value! < seen)) bestAt.set(x, run.value!);
    }
    const points = [...bestAt].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x: formatNumber(x), y }));
    parts.push(`#### ${metric} by ${name}`, lineChart(`${metric} by ${name}`, name, metric, points));
  }
  return `${parts.join('\n\n')}\n`;
}

export function selectionJson(selection: Selection): unknown {
  const summary = (run: RankedRun) => ({ id: run.record.id, source: run.source, status: run.record.status, value: run.value, params: run.record.params, final: run.record.metrics.final });
  return {
    metric: selection.metric,
    goal: selection.goal,
    best: selection.best ? summary(selection.best) : null,
    runs: selection.ranked.map(summary),
  };
}
