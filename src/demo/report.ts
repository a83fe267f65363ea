import { table } from '../report/markdown.js';
import type { Chart, StoryStep } from './narration.js';

export interface DemoReport {
  title: string;
  /** The sandbox's web origin, and what ran, for the report's header. */
  sandboxUrl: string;
  repository: string;
  seconds: number;
  steps: StoryStep[];
  charts: Chart[];
}

const formatValue = (value: number, unit: Chart['unit']) => (unit === 'share' ? `${(value * 100).toFixed(1)}%` : value.toFixed(3));

export function renderDemoMarkdown(report: DemoReport): string {
  const lines = [
    `# ${report.title}`,
    '',
    `${report.steps.length} steps in ${report.seconds.toFixed(1)} s on the sandbox at ${report.sandboxUrl} (repository ${report.repository}).`,
    '',
    table(['#', 'step', 'what was checked', 'where to look'], report.steps.map((step) => [String(step.index), step.title, step.detail, step.links.map((link) => `[${link.label}](${link.url})`).join('<br>')])),
  ];
  for (const chart of report.charts) {
    const rows = chart.categories.map((category, i) => [category, ...chart.series.map((series) => formatValue(series.values[i], chart.unit))]);
    lines.push('', `## ${chart.title}`, '', table(['', ...chart.series.map((series) => series.name)], rows));
  }
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const palette = ['#0969da', '#bf8700', '#1a7f37', '#cf222e'];

/** A grouped bar chart as inline SVG: one group per category, one bar per series. */
export function renderBarChart(chart: Chart): string {
  const width = 720;
  const height = 260;
  const margin = { top: 30, right: 10, bottom: 40, left: 50 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(...chart.series.flatMap((series) => series.values), chart.unit === 'share' ? 0 : Number.MIN_VALUE) || 1;
  const top = chart.unit === 'share' ? Math.min(1, Math.ceil(max * 10) / 10) : max * 1.1;
  const group = plotWidth / chart.categories.length;
  const bar = (group * 0.8) / chart.series.length;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">`,
    `<line x1="${margin.left}" y1="${y(0)}" x2="${width - margin.right}" y2="${y(0)}" stroke="#57606a"/>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${margin.left - 6}" y="${y(tick * top) + 4}" text-anchor="end" font-size="11" fill="#57606a">${escapeHtml(formatValue(tick * top, chart.unit))}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const x0 = margin.left + i * group + group * 0.1;
    chart.series.forEach((series, s) => {
      const value = series.values[i];
      parts.push(`<rect x="${(x0 + s * bar).toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${palette[s % palette.length]}"><title>${escapeHtml(`${series.name}, ${category}: ${formatValue(value, chart.unit)}`)}</title></rect>`);
    });
    parts.push(`<text x="${(x0 + group * 0.4).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(category)}</text>`);
  });
  chart.series.forEach((series, s) => {
    parts.push(`<rect x="${margin.left + s * 150}" y="8" width="10" height="10" fill="${palette[s % palette.length]}"/><text x="${margin.left + s * 150 + 14}" y="17" font-size="12">${escapeHtml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The same report as one HTML page with its charts inline: no script, no fetches. */
export function renderDemoHtml(report: DemoReport): string {
  const rows = report.steps
    .map((step) => `<tr><td>${step.index}</td><td>${escapeHtml(step.title)}</td><td>${escapeHtml(step.detail)}</td><td>${step.links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join('<br>')}</td><td>${step.seconds.toFixed(1)} s</td></tr>`)
    .join('\n');
  const charts = report.charts.map((chart) => `<section><h2>${escapeHtml(chart.title)}</h2>${renderBarChart(chart)}</section>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<style>
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1f2328; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td, th { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
svg { max-width: 720px; width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p>${report.steps.length} steps in ${report.seconds.toFixed(1)} s on the sandbox at <a href="${escapeHtml(report.sandboxUrl)}">${escapeHtml(report.sandboxUrl)}</a> (repository ${escapeHtml(report.repository)}).</p>
<table>
<thead><tr><th>#</th><th>step</th><th>what was checked</th><th>where to look</th><th>time</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${charts}
</body>
</html>
`;
}
