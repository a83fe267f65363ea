import type { RunRecord } from '../contracts/run-record.js';
import { table } from '../report/markdown.js';
import { downsample } from './metrics.js';

/** The train step's job summary: the verdict, then tables, then the metric curves (DESIGN §4). */

export function formatNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** Points a chart shows: a line of 50 points reads as a curve and keeps its x labels legible. */
const CHART_POINTS = 50;

/** A mermaid line chart (`xychart-beta`) over categorical x labels, so uneven steps stay where they are. */
export function lineChart(title: string, xLabel: string, yLabel: string, points: { x: string; y: number }[]): string {
  const shown = downsample(points, CHART_POINTS);
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis ${quote(xLabel)} [${shown.map((p) => quote(p.x)).join(', ')}]`,
    `  y-axis ${quote(yLabel)}`,
    `  line [${shown.map((p) => formatNumber(p.y)).join(', ')}]`,
    '```',
  ].join('\n');
}

const STATUS_ICON: Record<RunRecord['status'], string> = { succeeded: '✅', failed: '❌', cancelled: '⏹️', 'timed-out': '⏱️' };

export function verdictLine(record: RunRecord): string {
  const took = `${formatNumber(record.durationSeconds)} s`;
  if (record.status === 'succeeded') return `Training run ${record.id} of ${record.model} succeeded in ${took}`;
  return `Training run ${record.id} of ${record.model} ${record.status} after ${took}: ${record.message}`;
}

/** Metric curves drawn in the summary; more would bury the tables under charts. */
const MAX_CHARTS = 8;

export function renderRunSummary(record: RunRecord): string {
  const parts = [`### ${STATUS_ICON[record.status]} ${verdictLine(record)}`];
  const facts: string[][] = [
    ['model', record.model],
    ['command', `\`${record.command}\``],
    ['commit', record.git ? `${record.git.commit.slice(0, 12)}${record.git.branch ? ` on ${record.git.branch}` : ''}${record.git.dirty ? ' (with uncommitted changes)' : ''}` : 'not a git repository'],
    ['seed', String(record.seed)],
  ];
  if (record.modelArtifact) {
    const artifact = record.modelArtifact;
    facts.push(['model file', `${artifact.path} (${artifact.format}, ${formatBytes(artifact.bytes)}, sha256 ${artifact.sha256.slice(0, 12)}…)`]);
    if (artifact.signature) {
      const describe = (values: { name: string; elementType: string; shape: (number | string)[] }[]) => values.map((v) => `${v.name}: ${v.elementType}[${v.shape.join(', ')}]`).join('; ');
      facts.push(['model inputs', describe(artifact.signature.inputs)], ['model outputs', describe(artifact.signature.outputs)]);
    } else if (artifact.signatureUnavailable) facts.push(['model signature', artifact.signatureUnavailable]);
  }
  if (record.data.fingerprint) facts.push(['data', `${record.data.files.length + record.data.otherFiles.length} files, fingerprint ${record.data.fingerprint.slice(0, 12)}…`]);
  if (record.checkpoint) {
    const c = record.checkpoint;
    facts.push(['checkpoint', [c.restoredFrom ? `restored from ${c.restoredFrom}` : 'started afresh', c.saved ? `saved as ${c.key}` : c.problem].filter(Boolean).join('; ')]);
  }
  if (record.trigger.runUrl) facts.push(['workflow run', record.trigger.runUrl]);
  parts.push(table(['', ''], facts));

  const params = Object.entries(record.params);
  if (params.length > 0) parts.push('#### Parameters', table(['parameter', 'value'], params.map(([name, value]) => [name, formatValue(value)])));
  const final = Object.entries(record.metrics.final);
  if (final.length > 0) parts.push('#### Final metrics', table(['metric', 'value'], final.map(([name, value]) => [name, formatNumber(value)])));
  if (record.metrics.warnings.length > 0) parts.push('#### Metrics warnings', record.metrics.warnings.map((w) => `- ${w}`).join('\n'));

  parts.push('#### GPU');
  if (!record.gpu.available) parts.push(`No GPU: ${record.gpu.reason}`);
  else {
    const mean = (v: { mean: number; max: number } | null, unit: string) => (v ? `${formatNumber(v.mean)} ${unit} / ${formatNumber(v.max)} ${unit}` : 'n/a');
    parts.push(
      table(
        ['GPU', 'name', 'utilisation mean / max', 'memory max / total', 'power mean / max', 'temperature max', 'samples'],
        record.gpu.devices.map((d) => [
          String(d.index),
          d.name,
          mean(d.utilizationPercent, '%'),
          `${d.memoryUsedMaxMiB ?? 'n/a'} / ${d.memoryTotalMiB ?? 'n/a'} MiB`,
          mean(d.powerWatts, 'W'),
          d.temperatureMaxC === null ? 'n/a' : `${d.temperatureMaxC} °C`,
          String(d.samples),
        ]),
      ),
      `Driver ${record.gpu.devices[0]?.driverVersion ?? 'unknown'}, CUDA ${record.gpu.cudaVersion ?? 'unknown'}.`,
    );
  }

  const curves = record.metrics.series.filter((s) => s.count > 1).slice(0, MAX_CHARTS);
  if (curves.length > 0) {
    parts.push('#### Metric curves');
    for (const series of curves) parts.push(lineChart(series.name, 'step', series.name, series.points.map((p) => ({ x: formatNumber(p.step), y: p.value }))));
  }
  return `${parts.join('\n\n')}\n`;
}
