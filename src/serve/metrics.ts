import type { LatencyHistogram, VersionTraffic } from '../contracts/serve.js';

/**
 * The server's counters, kept as plain numbers in maps keyed by their labels, and written in the
 * Prometheus text format (version 0.0.4) on `GET /metrics`. The same counters answer the admin
 * status the deploy Action compares between canary steps, so the two can never disagree.
 */

/** Upper bounds in seconds: fine below 10 ms, where a model like the example answers. */
const LATENCY_BOUNDS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Routes whose requests run a model; their counts make a version's traffic. */
const INFERENCE_ROUTES = new Set(['infer', 'predict']);
export const SHADOW_ROUTE = 'shadow';

/** One route, model and version: requests by status code, and the latency histogram. */
interface Series {
  route: string;
  model: string;
  version: string;
  codes: Map<number, { count: number; rows: number }>;
  counts: number[];
  sum: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string | number>): string {
  return `{${Object.entries(pairs).map(([name, value]) => `${name}="${escapeLabel(String(value))}"`).join(',')}}`;
}

function emptyTraffic(): VersionTraffic {
  return { requests: 0, rows: 0, clientErrors: 0, serverErrors: 0, latency: { bounds: LATENCY_BOUNDS, counts: new Array<number>(LATENCY_BOUNDS.length + 1).fill(0), sum: 0 } };
}

export class Metrics {
  /** route → model → version → series: nested maps of strings the server holds anyway, so recording builds no key. */
  private readonly series = new Map<string, Map<string, Map<string, Series>>>();
  private readonly incidents = new Map<string, { model: string; version: string; count: number }>();
  throttled = 0;
  unauthorized = 0;

  /** One answered request: its route, the model version that answered (empty when none), status and time. */
  record(route: string, model: string, version: string, code: number, seconds: number, rows: number): void {
    let byModel = this.series.get(route);
    if (!byModel) this.series.set(route, (byModel = new Map()));
    let byVersion = byModel.get(model);
    if (!byVersion) byModel.set(model, (byVersion = new Map()));
    let series = byVersion.get(version);
    if (!series) byVersion.set(version, (series = { route, model, version, codes: new Map(), counts: new Array<number>(LATENCY_BOUNDS.length + 1).fill(0), sum: 0 }));
    let status = series.codes.get(code);
    if (!status) series.codes.set(code, (status = { count: 0, rows: 0 }));
    status.count++;
    status.rows += rows;
    let bucket = 0;
    while (bucket < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[bucket]) bucket++;
    series.counts[bucket]++;
    series.sum += seconds;
  }

  private *all(): Generator<Series> {
    for (const byModel of this.series.values()) for (const byVersion of byModel.values()) yield* byVersion.values();
  }

  incident(model: string, version: string): void {
    const key = `${model}\u0000${version}`;
    const entry = this.incidents.get(key) ?? { model, version, count: 0 };
    entry.count++;
    this.incidents.set(key, entry);
  }

  /** A version's traffic: answered (inference routes) or mirrored to it as a shadow. */
  traffic(model: string, version: string, kind: 'served' | 'shadow'): VersionTraffic {
    const traffic = emptyTraffic();
    const routes = kind === 'shadow' ? [SHADOW_ROUTE] : [...INFERENCE_ROUTES];
    for (const route of routes) {
      const series = this.series.get(route)?.get(model)?.get(version);
      if (!series) continue;
      for (const [code, { count, rows }] of series.codes) {
        traffic.requests += count;
        traffic.rows += rows;
        if (code >= 500) traffic.serverErrors += count;
        else if (code >= 400) traffic.clientErrors += count;
      }
      series.counts.forEach((count, bucket) => (traffic.latency.counts[bucket] += count));
      traffic.latency.sum += series.sum;
    }
    return traffic;
  }

  /** The Prometheus text exposition; `gauges` are the values read at scrape time. */
  render(gauges: { inFlight: number; routing: { model: string; version: string; role: string; percent: number }[]; log: { stream: string; lines: number; dropped: number }[] }): string {
    const out: string[] = [];
    const all = [...this.all()];
    out.push('# HELP ghml_serve_requests_total Requests answered, by route, model version and status code.', '# TYPE ghml_serve_requests_total counter');
    for (const s of all) for (const [code, { count }] of s.codes) out.push(`ghml_serve_requests_total${labels({ route: s.route, model: s.model, version: s.version, code })} ${count}`);
    out.push('# HELP ghml_serve_errors_total Requests answered with an error: client (4xx) or server (5xx).', '# TYPE ghml_serve_errors_total counter');
    for (const s of all) {
      const errors = { client: 0, server: 0 };
      for (const [code, { count }] of s.codes) if (code >= 400) errors[code >= 500 ? 'server' : 'client'] += count;
      for (const [kind, count] of Object.entries(errors)) if (count > 0) out.push(`ghml_serve_errors_total${labels({ route: s.route, model: s.model, version: s.version, kind })} ${count}`);
    }
    out.push('# HELP ghml_serve_rows_total Rows predicted, by route and model version.', '# TYPE ghml_serve_rows_total counter');
    for (const s of all) {
      let rows = 0;
      for (const [code, entry] of s.codes) if (code < 400) rows += entry.rows;
      if (rows > 0) out.push(`ghml_serve_rows_total${labels({ route: s.route, model: s.model, version: s.version })} ${rows}`);
    }
    out.push('# HELP ghml_serve_request_duration_seconds Time from the request\'s arrival to its answer.', '# TYPE ghml_serve_request_duration_seconds histogram');
    for (const s of all) {
      const base = { route: s.route, model: s.model, version: s.version };
      let cumulative = 0;
      LATENCY_BOUNDS.forEach((bound, bucket) => {
        cumulative += s.counts[bucket];
        out.push(`ghml_serve_request_duration_seconds_bucket${labels({ ...base, le: bound })} ${cumulative}`);
      });
      cumulative += s.counts[LATENCY_BOUNDS.length];
      out.push(`ghml_serve_request_duration_seconds_bucket${labels({ ...base, le: '+Inf' })} ${cumulative}`);
      out.push(`ghml_serve_request_duration_seconds_sum${labels(base)} ${s.sum}`);
      out.push(`ghml_serve_request_duration_seconds_count${labels(base)} ${cumulative}`);
    }
    out.push('# HELP ghml_serve_incidents_total Model outputs that failed validation or runs that failed (answered 500, never returned).', '# TYPE ghml_serve_incidents_total counter');
    for (const i of this.incidents.values()) out.push(`ghml_serve_incidents_total${labels({ model: i.model, version: i.version })} ${i.count}`);
    out.push('# HELP ghml_serve_throttled_total Requests refused with 429.', '# TYPE ghml_serve_throttled_total counter', `ghml_serve_throttled_total ${this.throttled}`);
    out.push('# HELP ghml_serve_unauthorized_total Requests refused with 401.', '# TYPE ghml_serve_unauthorized_total counter', `ghml_serve_unauthorized_total ${this.unauthorized}`);
    out.push('# HELP ghml_serve_in_flight_requests Requests being answered now.', '# TYPE ghml_serve_in_flight_requests gauge', `ghml_serve_in_flight_requests ${gauges.inFlight}`);
    out.push('# HELP ghml_serve_routing_percent Share of a model\'s requests each loaded version takes, by role (primary, canary, shadow, standby).', '# TYPE ghml_serve_routing_percent gauge');
    for (const r of gauges.routing) out.push(`ghml_serve_routing_percent${labels({ model: r.model, version: r.version, role: r.role })} ${r.percent}`);
    out.push('# HELP ghml_serve_prediction_log_lines_total Lines written to the prediction log.', '# TYPE ghml_serve_prediction_log_lines_total counter');
    for (const l of gauges.log) out.push(`ghml_serve_prediction_log_lines_total${labels({ stream: l.stream })} ${l.lines}`);
    out.push('# HELP ghml_serve_prediction_log_dropped_total Lines dropped because the disk fell behind or a write failed.', '# TYPE ghml_serve_prediction_log_dropped_total counter');
    for (const l of gauges.log) out.push(`ghml_serve_prediction_log_dropped_total${labels({ stream: l.stream })} ${l.dropped}`);
    return `${out.join('\n')}\n`;
  }
}

/**
 * The latency below which a share `q` of requests fell, read off histogram counts as the upper
 * bound of the bucket it lies in: never below the true value, so a threshold check errs on the
 * side of caution.
 */
export function histogramQuantile(histogram: LatencyHistogram, q: number): number | null {
  const total = histogram.counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let bucket = 0; bucket < histogram.counts.length; bucket++) {
    cumulative += histogram.counts[bucket];
    if (cumulative >= rank) return bucket < histogram.bounds.length ? histogram.bounds[bucket] : Infinity;
  }
  return Infinity;
}
