/** Mermaid charts, which GitHub renders in job summaries, issues and pull request comments. */

const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

function compact(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

export interface BarSeries {
  title: string;
  /** Category labels along the x axis. */
  labels: string[];
  values: number[];
  yLabel?: string;
}

/** A bar chart (`xychart-beta`), e.g. a histogram with one bar per bin. */
export function barChart(series: BarSeries): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(series.title)}`,
    `  x-axis [${series.labels.map(quote).join(', ')}]`,
    `  y-axis ${quote(series.yLabel ?? 'rows')}`,
    `  bar [${series.values.map((v) => compact(v)).join(', ')}]`,
    '```',
  ].join('\n');
}

export interface ComparisonSeries {
  title: string;
  labels: string[];
  /** Drawn as bars. */
  reference: number[];
  /** Drawn as a line over the bars. */
  current: number[];
  yLabel?: string;
}

/** Reference as bars and current as a line on the same axes: a shift shows as the line leaving the bars. */
export function comparisonChart(series: ComparisonSeries): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(series.title)}`,
    `  x-axis [${series.labels.map(quote).join(', ')}]`,
    `  y-axis ${quote(series.yLabel ?? 'share')}`,
    `  bar [${series.reference.map((v) => compact(v)).join(', ')}]`,
    `  line [${series.current.map((v) => compact(v)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Bin labels for histogram edges: the left edge of each bin, shortened. */
export function binLabels(edges: number[], format: (value: number) => string = compact): string[] {
  return edges.slice(0, -1).map((edge) => format(edge));
}
