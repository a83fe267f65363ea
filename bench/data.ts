// validate-data against DuckDB's SUMMARIZE on the same files, in one run: time, ratio and peak RSS.
// Real data (vega-datasets flights-3m.parquet) and a generated 10-million-row CSV.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inferContract } from '../src/data/infer.js';
import { buildWorker, generateCsv } from './generate.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.tmp', 'bench');
const rows = Number(process.env.GHML_BENCH_ROWS ?? 10_000_000);

interface Measurement {
  tool: string;
  seconds: number;
  rows: number;
  peakRssMiB: number;
}

async function measure(worker: string, args: string[]): Promise<Measurement> {
  const { stdout } = await run(process.execPath, [worker, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

await mkdir(work, { recursive: true });
const worker = await buildWorker(root, work);

const csv = path.join(work, `generated-${rows}.csv`);
const sample = path.join(work, 'generated-sample.csv');
console.log(`generating ${rows.toLocaleString('en-US')} CSV rows (once; kept in .tmp/bench)…`);
await generateCsv(csv, rows);
await generateCsv(sample, 100_000);
const flights = path.join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');

const datasets = [
  { name: `generated CSV, ${rows.toLocaleString('en-US')} rows × 7`, file: csv, contractFrom: sample, target: 1.5 },
  { name: 'flights-3m.parquet, 3,000,000 rows × 5', file: flights, contractFrom: flights, target: 2 },
];

console.log('\nvalidate-data (profile + contract checks) vs DuckDB SUMMARIZE, both single-threaded\n');
console.log('| data | ghml s | DuckDB s | ratio | target | ghml peak RSS |');
console.log('|---|---|---|---|---|---|');
for (const dataset of datasets) {
  const { contract } = await inferContract({ files: [dataset.contractFrom] });
  const contractFile = path.join(work, `${path.basename(dataset.file)}.contract.json`);
  await writeFile(contractFile, JSON.stringify(contract));
  const ghml = await measure(worker, ['ghml', contractFile, dataset.file]);
  const duckdb = await measure(worker, ['duckdb', dataset.file]);
  if (ghml.rows !== duckdb.rows) throw new Error(`row counts differ: ghml ${ghml.rows}, DuckDB ${duckdb.rows}`);
  const ratio = ghml.seconds / duckdb.seconds;
  console.log(
    `| ${dataset.name} | ${ghml.seconds.toFixed(2)} | ${duckdb.seconds.toFixed(2)} | ${ratio.toFixed(2)}× | ≤ ${dataset.target}× | ${ghml.peakRssMiB.toFixed(0)} MiB |`,
  );
}
