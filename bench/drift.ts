// drift-check on real and generated data: time and peak RSS of the exact path (raw reference) and
// the sketch path (reference profile), each in a process of its own. The per-column KS comparison
// with scipy is in bench/ks.ts.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inferContract } from '../src/data/infer.js';
import { runValidateData } from '../src/steps/validate-data.js';
import { buildWorker, generateCsv } from './generate.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.tmp', 'bench');
const rows = Number(process.env.GHML_BENCH_ROWS ?? 10_000_000);

await mkdir(work, { recursive: true });
const worker = await buildWorker(root, work);

async function measure(...args: string[]): Promise<{ seconds: number; rows: number; peakRssMiB: number; columns: string }> {
  const { stdout, stderr } = await run(process.execPath, [worker, 'drift', ...args], { maxBuffer: 1 << 20 });
  return { ...JSON.parse(stdout.trim().split('\n').pop()!), columns: stderr.trim() };
}

const flights = path.join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');
const months: Record<string, string> = {};
{
  const { writeParquet } = await import('../test/helpers/duckdb.js');
  for (const [name, month] of [['january', 1], ['february', 2]] as const) {
    months[name] = path.join(work, `flights-${name}.parquet`);
    await writeParquet(months[name], `SELECT * FROM '${flights}' WHERE month(date) = ${month}`);
  }
}
console.log(`generating two ${rows.toLocaleString('en-US')}-row CSVs (once; kept in .tmp/bench)…`);
const reference = path.join(work, `generated-${rows}.csv`);
const current = path.join(work, `generated-${rows}-drifted.csv`);
await generateCsv(reference, rows);
await generateCsv(current, rows, { seed: 7, amountScale: 1.2 });

await generateCsv(path.join(work, 'generated-sample.csv'), 100_000);
const profiles: Record<string, string> = {};
for (const [name, file] of [['january', months.january], ['generated', reference]] as const) {
  profiles[name] = path.join(work, `${name}.profile.json`);
  const contract = path.join(work, `${name}.drift-contract.json`);
  await writeFile(contract, JSON.stringify((await inferContract({ files: [name === 'generated' ? path.join(work, 'generated-sample.csv') : file] })).contract));
  await runValidateData({ data: [file], contract, profileOut: profiles[name] });
}

console.log('\n| comparison | path | current rows | seconds | peak RSS |');
console.log('|---|---|---|---|---|');
const cases: [string, string, string, string][] = [
  ['flights January vs February', 'exact', months.january, months.february],
  ['flights January vs February', 'sketch', profiles.january, months.february],
  [`generated ${rows.toLocaleString('en-US')} vs ${rows.toLocaleString('en-US')}`, 'exact', reference, current],
  [`generated ${rows.toLocaleString('en-US')} vs ${rows.toLocaleString('en-US')}`, 'sketch', profiles.generated, current],
];
for (const [name, kind, ref, cur] of cases) {
  const result = await measure(ref, cur);
  console.log(`| ${name} | ${kind} | ${result.rows.toLocaleString('en-US')} | ${result.seconds.toFixed(2)} | ${result.peakRssMiB.toFixed(0)} MiB |`);
  console.error(`  ${result.columns}`);
}
