import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftReport, type ColumnDrift } from '../../../src/contracts/drift.js';
import { runDriftCheck } from '../../../src/steps/drift-check.js';
import { runValidateData } from '../../../src/steps/validate-data.js';
import { KllSketch } from '../../../src/stats/sketch/index.js';
import { writeParquet } from '../../helpers/duckdb.js';
import { flights3m, scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const [header, ...days] = (await readFile(seattleWeather, 'utf8')).trimEnd().split('\n');
const year = (y: number) => scratch.file(`seattle-${y}.csv`, `${header}\n${days.filter((d) => d.startsWith(String(y))).join('\n')}\n`);

function column(report: DriftReport, name: string): ColumnDrift {
  const found = report.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${report.columns.map((c) => c.name).join(', ')}`);
  return found;
}

/** A deterministic shuffle (LCG), so a seed names one split. */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

describe('drift-check on real data', () => {
  it('finds the drift between seattle-weather 2012 and 2015, and its report satisfies the schema', async () => {
    const report = DriftReport.parse(await runDriftCheck({ reference: [await year(2012)], current: [await year(2015)] }));
    expect(report.enoughData).toBe(true);
    expect(report.drifted).toBe(true);
    // 366 reference rows: auto uses tests (KS, chi-square) as Evidently does below 1,000 rows.
    expect(column(report, 'weather')).toMatchObject({ kind: 'categorical', method: 'chi2', drifted: true });
    expect(column(report, 'temp_max')).toMatchObject({ kind: 'numeric', method: 'ks', drifted: true });
    expect(column(report, 'temp_max').pValue).toBeLessThan(0.001);
    expect(report.columns.map((c) => c.name)).not.toContain('date');
  });

  it('finds no drift between random halves of the same data, at the documented false-positive rate', async () => {
    const seeds = 40;
    let columnTests = 0;
    let falsePositives = 0;
    let datasetDrifts = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const rows = shuffled(days, seed);
      const half = Math.floor(rows.length / 2);
      const a = await scratch.file(`half-a-${seed}.csv`, `${header}\n${rows.slice(0, half).join('\n')}\n`);
      const b = await scratch.file(`half-b-${seed}.csv`, `${header}\n${rows.slice(half).join('\n')}\n`);
      const report = await runDriftCheck({ reference: [a], current: [b] });
      const checked = report.columns.filter((c) => c.status === 'ok');
      columnTests += checked.length;
      falsePositives += checked.filter((c) => c.drifted).length;
      datasetDrifts += Number(report.drifted);
    }
    // Each test has a 5% false-positive rate (p < 0.05; exact KS is conservative with ties).
    // 200 tests: a binomial(200, 0.05) exceeds 20 with probability below 0.2%.
    expect(columnTests).toBe(seeds * 5);
    expect(falsePositives).toBeLessThanOrEqual(20);
    // Three of five columns must drift together for a dataset verdict.
    expect(datasetDrifts).toBe(0);
  });

  it('compares flights month by month: a random split shows nothing, January against June shows seasonal drift', async () => {
    const sample = async (name: string, where: string) => {
      const file = path.join(scratch.dir, `${name}.parquet`);
      await writeParquet(file, `SELECT * FROM (SELECT * FROM '${flights3m}' WHERE ${where}) USING SAMPLE 40000 ROWS (reservoir, 7)`);
      return file;
    };
    const january = await sample('january', 'month(date) = 1');
    const june = await sample('june', 'month(date) = 6');
    const januaryAgain = await sample('january-again', 'month(date) = 1 AND hash(date, delay, origin) % 2 = 0');
    const seasonal = await runDriftCheck({ reference: [january], current: [june] });
    const random = await runDriftCheck({ reference: [january], current: [januaryAgain] });
    // Timestamps always move on, so `date` is not checked unless asked for; Parquet declares its type.
    expect(seasonal.columns.map((c) => c.name).sort()).toEqual(['delay', 'destination', 'distance', 'origin']);
    expect(random.drifted).toBe(false);
    expect(random.columns.every((c) => !c.drifted)).toBe(true);
    for (const name of ['delay', 'origin', 'destination', 'distance']) {
      expect(column(seasonal, name).statistic!, name).toBeGreaterThan(column(random, name).statistic!);
    }
    // Delays shift between winter and summer: a 0.05 threshold on the normed Wasserstein distance flags it.
    const config = await scratch.file('delay.yml', 'columns:\n  delay: { threshold: 0.05 }\n');
    const tuned = await runDriftCheck({ reference: [january], current: [june], config, columns: ['delay'] });
    expect(column(tuned, 'delay')).toMatchObject({ method: 'wasserstein-normed', drifted: true });
    expect(column(tuned, 'delay').significance).toBeLessThan(0.05);
    const tunedRandom = await runDriftCheck({ reference: [january], current: [januaryAgain], config, columns: ['delay'] });
    expect(column(tunedRandom, 'delay').drifted).toBe(false);
  });
});

describe('prediction and label columns', () => {
  it('report their role, and performance where labels arrived (concept drift)', async () => {
    const withPrediction = (rows: string[], predict: (weather: string, i: number) => string) =>
      [`${header},predicted`, ...rows.map((row, i) => `${row},${predict(row.split(',')[5], i)}`)].join('\n');
    const reference = await scratch.file('pred-ref.csv', withPrediction(days.filter((d) => d.startsWith('2012')), (w, i) => (i % 10 === 0 ? 'sun' : w)));
    const current = await scratch.file('pred-cur.csv', withPrediction(days.filter((d) => d.startsWith('2015')), (w, i) => (i % 2 === 0 ? 'sun' : w)));
    const report = await runDriftCheck({ reference: [reference], current: [current], predictionColumn: 'predicted', labelColumn: 'weather' });
    expect(column(report, 'predicted').role).toBe('prediction');
    expect(column(report, 'weather').role).toBe('label');
    const rows2012 = days.filter((d) => d.startsWith('2012'));
    const rows2015 = days.filter((d) => d.startsWith('2015'));
    const accuracy = (rows: string[], every: number) => rows.filter((row, i) => i % every !== 0 || row.split(',')[5] === 'sun').length / rows.length;
    expect(report.performance).toMatchObject({ metric: 'accuracy', currentRows: 365 });
    expect(report.performance!.reference).toBeCloseTo(accuracy(rows2012, 10), 12);
    expect(report.performance!.current).toBeCloseTo(accuracy(rows2015, 2), 12);
    expect(report.performance!.change!).toBeLessThan(-0.2);
    const unlabelled = await runDriftCheck({ reference: [reference], current: [current] });
    expect(unlabelled.performance).toBeNull();
  });
});

describe('verdicts need enough data, and bad input gets a per-column status', () => {
  it('too few current rows: enoughData false and no drift verdict', async () => {
    const few = await scratch.file('few.csv', `${header}\n${days.slice(0, 20).join('\n')}\n`);
    const report = await runDriftCheck({ reference: [seattleWeather], current: [few] });
    expect(report).toMatchObject({ enoughData: false, drifted: false, currentRows: 20 });
    expect(report.columns.every((c) => c.status === 'not-enough-data' && !c.drifted)).toBe(true);
  });

  it('empty current data (a header only) gives no verdict, not a crash', async () => {
    const empty = await scratch.file('empty-current.csv', `${header}\n`);
    const report = await runDriftCheck({ reference: [seattleWeather], current: [empty] });
    expect(report).toMatchObject({ enoughData: false, drifted: false, currentRows: 0 });
    expect(new Set(report.columns.map((c) => c.status))).toEqual(new Set(['all-missing']));
  });

  it('a missing column, an all-null column, a constant column and mismatched types', async () => {
    const reference = await scratch.file('ref.csv', ['a,b,c,d,e', ...Array.from({ length: 300 }, (_, i) => `${i},${i % 7},,5,${i % 3}`)].join('\n'));
    const current = await scratch.file('cur.csv', ['a,c,d,e', ...Array.from({ length: 300 }, (_, i) => `${i},,5,x${i % 3}`)].join('\n'));
    const report = await runDriftCheck({ reference: [reference], current: [current] });
    expect(column(report, 'a')).toMatchObject({ status: 'ok', drifted: false });
    expect(column(report, 'b')).toMatchObject({ status: 'missing-in-current', message: 'column "b" is missing from the current data' });
    expect(column(report, 'c')).toMatchObject({ status: 'all-missing' });
    expect(column(report, 'd')).toMatchObject({ status: 'ok', statistic: 0, drifted: false });
    expect(column(report, 'e')).toMatchObject({ status: 'type-mismatch' });
    expect(column(report, 'e').message).toMatch(/no valid integer values in the current/);
  });

  it('rejects unknown columns and bad configuration with a message naming the input', async () => {
    await expect(runDriftCheck({ reference: [seattleWeather], current: [seattleWeather], columns: ['nope'] })).rejects.toThrow(/column "nope" is not in the reference/);
    const config = await scratch.file('bad.yml', 'method: kolmogorov\n');
    await expect(runDriftCheck({ reference: [seattleWeather], current: [seattleWeather], config })).rejects.toThrow(/bad\.yml:1: method: Invalid option/);
    const wrong = await scratch.file('wrong.yml', 'columns:\n  weather: { method: ks }\n');
    const report = await runDriftCheck({ reference: [seattleWeather], current: [seattleWeather], config: wrong });
    expect(column(report, 'weather')).toMatchObject({ status: 'type-mismatch', method: 'ks' });
  });
});

describe('the sketch path (reference is a saved profile)', () => {
  it('agrees with the exact path within the sketches\' error bounds', async () => {
    const profile = path.join(scratch.dir, 'profile.json');
    await runValidateData({ data: [seattleWeather], contract: await inferredContract(), profileOut: profile });
    const current = await year(2015);
    for (const method of ['ks', 'wasserstein-normed', 'psi', 'jensenshannon'] as const) {
      const exact = await runDriftCheck({ reference: [seattleWeather], current: [current], method });
      const sketched = await runDriftCheck({ reference: [profile], current: [current], method });
      expect(sketched.reference.kind).toBe('profile');
      for (const name of ['precipitation', 'temp_max', 'temp_min', 'wind']) {
        const e = column(exact, name);
        const s = column(sketched, name);
        expect(s.approximate).toBe(true);
        expect(e.approximate).toBe(false);
        const epsilon = 2 * KllSketch.rankError(200);
        // D within ε_ref + ε_cur; distances built from bin shares within a few ε.
        const tolerance = method === 'ks' ? epsilon : method === 'psi' ? 0.05 : 4 * epsilon;
        expect(Math.abs(s.statistic! - e.statistic!), `${method} ${name}: exact ${e.statistic}, sketch ${s.statistic}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});

async function inferredContract(): Promise<string> {
  const { runInferContract } = await import('../../../src/steps/profile.js');
  const out = path.join(scratch.dir, 'contract.yml');
  await runInferContract({ data: [seattleWeather], out });
  return out;
}
