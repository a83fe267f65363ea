// One measurement in a process of its own, so peak RSS belongs to that measurement alone.
// Usage: worker ghml <contract.json> <file>... | worker duckdb <file> | worker drift <reference> <current>
import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataContract } from '../src/contracts/data-contract.js';
import { validateData } from '../src/data/validate.js';
import { runDriftCheck } from '../src/steps/drift-check.js';

const [tool, ...args] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
if (tool === 'ghml') {
  const [contractFile, ...files] = args;
  const contract = DataContract.parse(JSON.parse(await readFile(contractFile, 'utf8')));
  const { report } = await validateData({ files, contract });
  rows = report.rows;
} else if (tool === 'duckdb') {
  // One thread: ghml profiles on one core, so the comparison is per core.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  const source = args[0].endsWith('.parquet') ? `'${args[0]}'` : `read_csv('${args[0]}')`;
  const result = await connection.runAndReadAll(`SUMMARIZE SELECT * FROM ${source}`);
  rows = Number(result.getRowObjects()[0].count);
} else if (tool === 'drift') {
  const report = await runDriftCheck({ reference: [args[0]], current: [args[1]] });
  rows = report.currentRows;
  process.stderr.write(report.columns.map((c) => `${c.name}: ${c.method} ${c.statistic?.toPrecision(3)}${c.drifted ? ' drift' : ''}`).join(', ') + '\n');
} else {
  throw new Error(`unknown tool ${tool}`);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ tool, seconds, rows, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
