import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { MetricSeries, Metrics } from '../contracts/run-record.js';

/**
 * The metrics protocol, the same for any language: the command appends one JSON object per line to
 * the file at $GHML_METRICS, e.g. `{"step": 10, "loss": 0.31, "accuracy": 0.82}`. Every numeric
 * member but `step` is a point of the series of that name; `step` is its x value (without one, a
 * series counts its own points from 1). Other members (strings, booleans, nested objects) are
 * ignored. The command may also write one JSON object of final values to $GHML_FINAL_METRICS;
 * those override the last value of each series.
 */

/** Points kept per series in the run record; enough for a chart, small enough for a registry file. */
export const MAX_POINTS = 200;

export function downsample<T>(points: T[], limit = MAX_POINTS): T[] {
  if (points.length <= limit) return points;
  return Array.from({ length: limit }, (_, i) => points[Math.round((i * (points.length - 1)) / (limit - 1))]);
}

function summarize(name: string, steps: number[], values: number[]): MetricSeries {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    name,
    count: values.length,
    first: values[0],
    last: values[values.length - 1],
    min,
    max,
    points: downsample(steps.map((step, i) => ({ step, value: values[i] }))),
  };
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const excerpt = (line: string) => (line.length > 60 ? `${line.slice(0, 60)}…` : line);

/** Reads the metrics file and the final metrics file; a line that cannot be read is a warning, not a failure. */
export async function readMetrics(metricsFile: string, finalMetricsFile: string): Promise<Metrics> {
  const warnings: string[] = [];
  const series = new Map<string, { steps: number[]; values: number[] }>();
  const lines = createInterface({ input: createReadStream(metricsFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        warnings.push(`metrics line ${lineNumber} is not JSON, skipped: ${excerpt(line)}`);
        continue;
      }
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        warnings.push(`metrics line ${lineNumber} is not a JSON object, skipped: ${excerpt(line)}`);
        continue;
      }
      const record = entry as Record<string, unknown>;
      for (const [name, value] of Object.entries(record)) {
        if (name === 'step' || !isNumber(value)) continue;
        let points = series.get(name);
        if (!points) series.set(name, (points = { steps: [], values: [] }));
        points.steps.push(isNumber(record.step) ? record.step : points.values.length + 1);
        points.values.push(value);
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    warnings.push('the metrics file was removed by the command: no series recorded');
  }

  const final: Record<string, number> = {};
  for (const [name, points] of series) final[name] = points.values[points.values.length - 1];
  const finalText = await readFile(finalMetricsFile, 'utf8').catch(() => undefined);
  if (finalText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(finalText);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      warnings.push(`the final metrics file is not a JSON object, ignored: ${excerpt(finalText.trim())}`);
    } else {
      for (const [name, value] of Object.entries(parsed)) {
        if (isNumber(value)) final[name] = value;
        else warnings.push(`final metric "${name}" is not a number, ignored`);
      }
    }
  }
  return {
    final,
    series: [...series].map(([name, points]) => summarize(name, points.steps, points.values)),
    warnings,
  };
}
