import type { ColumnDrift, ConcreteDriftMethod, DriftConfig, DriftMethod } from '../contracts/drift.js';
import {
  benjaminiHochberg,
  bonferroni,
  chi2,
  decileEdges,
  jensenShannon,
  kstwoSf,
  ks,
  psi,
  psiCategorical,
  PSI_EPSILON,
  twoProportionZ,
  wasserstein,
  wassersteinNormed,
  WASSERSTEIN_MIN_SCALE,
} from '../stats/drift/index.js';
import type { KllSketch } from '../stats/sketch/index.js';
import type { ColumnSample } from './collect.js';

/**
 * Per-column drift: choose a method, compute its statistic from exact samples or from sketches,
 * and compare with the threshold. Tests (ks, chi2, z) drift when p < threshold; distances
 * (wasserstein, wasserstein-normed, jensenshannon, psi) when the distance >= threshold.
 */

export type ColumnKind = ColumnDrift['kind'];

export interface MethodInfo {
  kinds: ColumnKind[];
  /** 'p-value' methods drift below the threshold, 'distance' methods at or above it. */
  verdict: 'p-value' | 'distance';
  defaultThreshold: number;
  description: string;
}

/** The defaults table (also in the drift-check README). */
export const methods: Record<ConcreteDriftMethod, MethodInfo> = {
  ks: { kinds: ['numeric'], verdict: 'p-value', defaultThreshold: 0.05, description: 'two-sample Kolmogorov–Smirnov (scipy ks_2samp, method auto)' },
  chi2: { kinds: ['categorical', 'binary'], verdict: 'p-value', defaultThreshold: 0.05, description: 'Pearson chi-square on reference vs current counts' },
  z: { kinds: ['binary'], verdict: 'p-value', defaultThreshold: 0.05, description: 'pooled two-proportion z-test' },
  wasserstein: { kinds: ['numeric'], verdict: 'distance', defaultThreshold: 0.1, description: 'first Wasserstein distance, in the column\'s units' },
  'wasserstein-normed': { kinds: ['numeric'], verdict: 'distance', defaultThreshold: 0.1, description: 'Wasserstein distance / reference standard deviation' },
  jensenshannon: { kinds: ['numeric', 'categorical', 'binary'], verdict: 'distance', defaultThreshold: 0.1, description: 'Jensen–Shannon distance, base 2 (numeric: over the reference deciles)' },
  psi: { kinds: ['numeric', 'categorical', 'binary'], verdict: 'distance', defaultThreshold: 0.1, description: 'population stability index over reference deciles or categories' },
};

/** Below this many reference values `auto` uses statistical tests, above it distances (as Evidently does). */
export const AUTO_TEST_MAX_ROWS = 1000;

export function autoMethod(kind: ColumnKind, referenceCount: number): ConcreteDriftMethod {
  if (referenceCount <= AUTO_TEST_MAX_ROWS) return kind === 'numeric' ? 'ks' : kind === 'binary' ? 'z' : 'chi2';
  return kind === 'numeric' ? 'wasserstein-normed' : 'jensenshannon';
}

export function columnKind(reference: ColumnSample, current: ColumnSample): ColumnKind {
  const categories = categoryUnion(reference, current);
  if (categories && (!reference.numeric || categories.length <= 5)) return categories.length <= 2 ? 'binary' : 'categorical';
  return 'numeric';
}

function categoryUnion(reference: ColumnSample, current: ColumnSample): string[] | undefined {
  if (!reference.counts || !current.counts) return undefined;
  const union = new Map(reference.counts);
  for (const [value, count] of current.counts) union.set(value, (union.get(value) ?? 0) + count);
  // Most frequent first, so charts show what matters; ties by value for a stable order.
  return [...union].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
}

export interface Comparison {
  statistic: number;
  /** The method's own p-value (tests), or null (distances). */
  pValue: number | null;
  /**
   * For distances, the p-value of the matching test (KS for numbers, chi-square for categories).
   * A distance verdict also needs it below the significance level, so sampling noise alone (large
   * for columns with many categories) does not raise an alarm.
   */
  significance: number | null;
  distribution: NonNullable<ColumnDrift['distribution']>;
}

const CHART_CATEGORIES = 12;

function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

function categoricalDistribution(categories: string[], ref: Float64Array, cur: Float64Array): Comparison['distribution'] {
  const labels = categories.slice(0, CHART_CATEGORIES);
  const r = shares(ref);
  const c = shares(cur);
  const rest = (values: number[]) => values.slice(CHART_CATEGORIES).reduce((sum, v) => sum + v, 0);
  if (categories.length > CHART_CATEGORIES) {
    return { labels: [...labels, 'other'], reference: [...r.slice(0, CHART_CATEGORIES), rest(r)], current: [...c.slice(0, CHART_CATEGORIES), rest(c)] };
  }
  return { labels, reference: r, current: c };
}

function compareCategorical(method: ConcreteDriftMethod, reference: ColumnSample, current: ColumnSample): Comparison {
  const categories = categoryUnion(reference, current)!;
  const ref = Float64Array.from(categories, (value) => reference.counts!.get(value) ?? 0);
  const cur = Float64Array.from(categories, (value) => current.counts!.get(value) ?? 0);
  const distribution = categoricalDistribution(categories, ref, cur);
  switch (method) {
    case 'chi2': {
      const result = chi2(ref, cur);
      return { statistic: result.statistic, pValue: result.pValue, significance: null, distribution };
    }
    case 'z': {
      // A binary column has at most two categories: the proportion of the first is the test's.
      const result = twoProportionZ(ref[0], reference.count, cur[0], current.count);
      return { statistic: result.statistic, pValue: result.pValue, significance: null, distribution };
    }
    case 'jensenshannon':
      return { statistic: jensenShannon(ref, cur), pValue: null, significance: chi2(ref, cur).pValue, distribution };
    case 'psi':
      return { statistic: psiCategorical(ref, cur).value, pValue: null, significance: chi2(ref, cur).pValue, distribution };
    default:
      throw new Error(`${method} is not a categorical method`);
  }
}

function countInBins(sorted: Float64Array, edges: Float64Array): Float64Array {
  // Bins [e_{i-1}, e_i): a value on an edge belongs to the bin above, as in psi().
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (bin < edges.length && sorted[i] >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts;
}

function binLabels(edges: ArrayLike<number>, format: (v: number) => string): string[] {
  const labels: string[] = [];
  for (let i = 0; i <= edges.length; i++) labels.push(i === 0 ? `< ${format(edges[0])}` : `≥ ${format(edges[i - 1])}`);
  return labels;
}

const formatEdge = (value: number) => Number(value.toPrecision(3)).toString();

/** Sorts the samples in place: at millions of rows a sorted copy of each side would double the memory. */
function compareNumericExact(method: ConcreteDriftMethod, reference: Float64Array, current: Float64Array): Comparison {
  const sortedReference = reference.sort();
  const sortedCurrent = current.sort();
  const edges = decileEdges(sortedReference);
  const refCounts = countInBins(sortedReference, edges);
  const curCounts = countInBins(sortedCurrent, edges);
  const distribution = { labels: binLabels(edges, formatEdge), reference: shares(refCounts), current: shares(curCounts) };
  const test = ks(sortedReference, sortedCurrent);
  const distance = (statistic: number): Comparison => ({ statistic, pValue: null, significance: test.pValue, distribution });
  switch (method) {
    case 'ks':
      return { statistic: test.statistic, pValue: test.pValue, significance: null, distribution };
    case 'wasserstein':
      return distance(wasserstein(sortedReference, sortedCurrent));
    case 'wasserstein-normed':
      return distance(wassersteinNormed(sortedReference, sortedCurrent));
    case 'jensenshannon':
      return distance(jensenShannon(refCounts, curCounts));
    case 'psi':
      return distance(psi(sortedReference, sortedCurrent).value);
    default:
      throw new Error(`${method} is not a numeric method`);
  }
}

/** The points where a sketch's CDF steps: every item it retains. */
function sketchItems(sketch: KllSketch): number[] {
  return sketch.toState().levels.flat();
}

/**
 * Numeric drift from two quantile sketches. Each CDF is known within the sketch's rank error ε
 * (KllSketch.rankError), so KS's D is within ε_ref + ε_cur of the exact one, and PSI and
 * Jensen–Shannon use bin fractions within 2ε each. Wasserstein integrates |F_ref − F_cur| over the
 * merged step points, within (ε_ref + ε_cur)·(max − min).
 */
function compareNumericSketch(method: ConcreteDriftMethod, reference: ColumnSample, current: ColumnSample): Comparison {
  const grid = Float64Array.from([...sketchItems(reference.sketch), ...sketchItems(current.sketch)]).sort();
  const refCdf = reference.sketch.cdf(Array.from(grid));
  const curCdf = current.sketch.cdf(Array.from(grid));
  const deciles = reference.sketch.quantiles([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  const edges = Float64Array.from(deciles.filter((edge, i) => i === 0 || edge > deciles[i - 1]));
  const binShares = (sketch: KllSketch) => {
    // Share below each edge (F(e⁻) ≈ rank just under e), then differences give bin shares.
    const below = edges.length > 0 ? sketch.cdf(Array.from(edges, (e) => e - Math.abs(e) * 1e-12 - Number.MIN_VALUE)) : [];
    const result: number[] = [];
    let previous = 0;
    for (const cumulative of [...below, 1]) {
      result.push(Math.max(0, cumulative - previous));
      previous = cumulative;
    }
    return result;
  };
  const refShares = binShares(reference.sketch);
  const curShares = binShares(current.sketch);
  const distribution = { labels: binLabels(edges, formatEdge), reference: refShares, current: curShares };
  let d = 0;
  for (let i = 0; i < grid.length; i++) d = Math.max(d, Math.abs(refCdf[i] - curCdf[i]));
  const n = reference.count;
  const m = current.count;
  const ksPValue = kstwoSf(d, Math.round((n * m) / (n + m)));
  const distance = (statistic: number): Comparison => ({ statistic, pValue: null, significance: ksPValue, distribution });
  switch (method) {
    case 'ks':
      return { statistic: d, pValue: ksPValue, significance: null, distribution };
    case 'wasserstein':
    case 'wasserstein-normed': {
      let area = 0;
      for (let i = 0; i + 1 < grid.length; i++) area += Math.abs(refCdf[i] - curCdf[i]) * (grid[i + 1] - grid[i]);
      if (method === 'wasserstein') return distance(area);
      const count = reference.moments.count;
      const populationStd = Math.sqrt((reference.moments.variance * (count - 1)) / count);
      return distance(area / Math.max(populationStd, WASSERSTEIN_MIN_SCALE));
    }
    case 'jensenshannon':
      return distance(jensenShannon(refShares, curShares));
    case 'psi': {
      let value = 0;
      for (let i = 0; i < refShares.length; i++) {
        const r = refShares[i] === 0 ? PSI_EPSILON : refShares[i];
        const c = curShares[i] === 0 ? PSI_EPSILON : curShares[i];
        value += (c - r) * Math.log(c / r);
      }
      return distance(value);
    }
    default:
      throw new Error(`${method} is not a numeric method`);
  }
}

export function compare(method: ConcreteDriftMethod, kind: ColumnKind, reference: ColumnSample, current: ColumnSample): Comparison {
  if (kind !== 'numeric') return compareCategorical(method, reference, current);
  const referenceValues = reference.values;
  const currentValues = current.values;
  if (referenceValues && currentValues) return compareNumericExact(method, referenceValues, currentValues);
  return compareNumericSketch(method, reference, current);
}

export interface MethodChoice {
  method: ConcreteDriftMethod;
  threshold: number;
}

export function chooseMethod(config: DriftConfig, name: string, kind: ColumnKind, referenceCount: number, override?: DriftMethod): MethodChoice {
  const columnConfig = config.columns[name];
  let requested = columnConfig?.method ?? override ?? config.method;
  // A default method for all columns applies where it can; a column's own method is taken as asked.
  if (!columnConfig?.method && requested !== 'auto' && !methods[requested].kinds.includes(kind)) requested = 'auto';
  const method = requested === 'auto' ? autoMethod(kind, referenceCount) : requested;
  const threshold = columnConfig?.threshold ?? config.threshold ?? methods[method].defaultThreshold;
  return { method, threshold };
}

/** Adjusts the p-values of the columns tested with p-value methods, in place. */
export function correctPValues(columns: ColumnDrift[], correction: DriftConfig['correction']): void {
  if (correction === 'none') return;
  const tested = columns.filter((c) => c.status === 'ok' && c.pValue !== null);
  const adjusted = (correction === 'bonferroni' ? bonferroni : benjaminiHochberg)(tested.map((c) => c.pValue!));
  tested.forEach((column, i) => {
    column.pValue = adjusted[i];
  });
}

export function isDrifted(method: ConcreteDriftMethod, threshold: number, column: { statistic: number; pValue: number | null; significance: number | null }, significanceLevel: number): boolean {
  if (methods[method].verdict === 'p-value') return column.pValue! < threshold;
  return column.statistic >= threshold && (column.significance === null || column.significance < significanceLevel);
}
