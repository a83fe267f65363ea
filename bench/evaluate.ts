// evaluate on generated Seattle-weather-like data: ghml's whole evaluation (reading, mapping, the
// model, metrics) against a bare loop of session.run over the same batches, in one run, on 1 M
// rows; then peak RSS on 10 M rows, in a process of its own. The bootstrap is off (0 resamples) in
// both: it costs O(resamples × rows) on its own, about 70 ms a resample per million rows.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { BATCH_ROWS } from '../src/data/batch.js';
import { DatasetStream } from '../src/evaluate/dataset.js';
import { runEvaluate } from '../src/steps/evaluate.js';
import { EXAMPLE_MODEL, trainExampleModel } from '../test/helpers/example-model.js';
import { uniform, writeLinesOnce } from './generate.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.tmp', 'bench');

/**
 * Rows like seattle-weather's: each a day drawn at random from the real data, its numbers moved by
 * a little noise (deterministic: an LCG with a fixed seed), so the label still follows the features.
 */
async function generateWeather(file: string, rows: number): Promise<void> {
  const [header, ...days] = (await readFile(EXAMPLE_MODEL.data, 'utf8')).trim().split('\n');
  const fields = days.map((line) => line.split(','));
  const next = uniform(20240601);
  await writeLinesOnce(file, header, rows, () => {
    const [date, precipitation, tempMax, tempMin, wind, weather] = fields[Math.floor(next() * fields.length)];
    const noisy = (value: string, scale: number, min = -Infinity) => Math.max(min, Number(value) + (next() - 0.5) * scale).toFixed(1);
    return `${date},${noisy(precipitation, 0.4, 0)},${noisy(tempMax, 1)},${noisy(tempMin, 1)},${noisy(wind, 0.4, 0)},${weather}`;
  });
}

async function evaluateOnce(model: string, file: string): Promise<number> {
  const started = performance.now();
  const report = await runEvaluate({ model, data: [file], label: 'weather', bootstrap: 0 });
  if (report.rows === 0) throw new Error('no rows');
  return (performance.now() - started) / 1000;
}

if (process.argv[2] === 'child') {
  const [model, file] = process.argv.slice(3);
  const seconds = await evaluateOnce(model, file);
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}

await mkdir(work, { recursive: true });
const model = await trainExampleModel();
const million = path.join(work, 'weather-1000000.csv');
const tenMillion = path.join(work, 'weather-10000000.csv');
console.log('generating 1 M and 10 M weather rows (once; kept in .tmp/bench)…');
await generateWeather(million, 1_000_000);
await generateWeather(tenMillion, 10_000_000);

// The same batches ghml feeds: the feature columns of each chunk of BATCH_ROWS rows, as float32 tensors.
const columns = EXAMPLE_MODEL.features;
const tensors: ort.Tensor[] = [];
const stream = new DatasetStream([million], columns.map((name) => ({ name, decoding: 'number' as const })), BATCH_ROWS);
const readStarted = performance.now();
for await (const chunk of stream.chunks()) {
  const data = new Float32Array(chunk.rows * columns.length);
  columns.forEach((name, j) => {
    const values = (chunk.columns.get(name) as { values: Float64Array }).values;
    for (let i = 0; i < chunk.rows; i++) data[i * columns.length + j] = values[chunk.start + i];
  });
  tensors.push(new ort.Tensor('float32', data, [chunk.rows, columns.length]));
}
const readSeconds = (performance.now() - readStarted) / 1000;

const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3 });
const fetches = [EXAMPLE_MODEL.outputs.label, EXAMPLE_MODEL.outputs.probabilities];
async function bareLoop(): Promise<number> {
  const started = performance.now();
  for (const features of tensors) await session.run({ features }, fetches);
  return (performance.now() - started) / 1000;
}

// Warm both paths once, then alternate, keeping each one's best of three.
await bareLoop();
await evaluateOnce(model, million);
let bare = Infinity;
let ghml = Infinity;
for (let i = 0; i < 3; i++) {
  bare = Math.min(bare, await bareLoop());
  ghml = Math.min(ghml, await evaluateOnce(model, million));
}
await session.release();

const perRow = (seconds: number) => `${((seconds / 1_000_000) * 1e9).toFixed(0)} ns`;
console.log(`\n1,000,000 rows, ${tensors.length} batches of ${BATCH_ROWS} rows, bootstrap off; best of 3:\n`);
console.log('| | seconds | per row |');
console.log('|---|---|---|');
console.log(`| bare loop of session.run (label + probabilities) | ${bare.toFixed(3)} | ${perRow(bare)} |`);
console.log(`| ghml evaluate (read, map, run, metrics, report) | ${ghml.toFixed(3)} | ${perRow(ghml)} |`);
console.log(`| of which reading the CSV and building the tensors (timed alone) | ${readSeconds.toFixed(3)} | ${perRow(readSeconds)} |`);
const rest = ghml - bare - readSeconds;
console.log(`| of which the rest: labels, checks, metrics (ranking 5 classes), curves, latency, report | ${rest.toFixed(3)} | ${perRow(rest)} |`);
console.log(`\noverhead of ghml over the bare loop: ${(((ghml - bare) / bare) * 100).toFixed(0)}% (${perRow(ghml - bare)} a row; target 25%)`);
// onnxruntime-node's session.run calls the native run on the JS thread (in a setImmediate), so
// nothing else ghml does on that thread can overlap the model: reading alone bounds the overhead.
console.log(`reading alone is ${((readSeconds / bare) * 100).toFixed(0)}% of the bare loop: session.run holds the JS thread while the model runs, so no reading overlaps it`);

const { stdout } = await run(process.execPath, ['--import', 'tsx', import.meta.filename, 'child', model, tenMillion], { cwd: root, maxBuffer: 1 << 20 });
const big = JSON.parse(stdout.trim().split('\n').pop()!) as { seconds: number; peakRssMiB: number };
const keptBytes = 4 + 8 * EXAMPLE_MODEL.classes.length + 4;
console.log(`\n10,000,000 rows (bootstrap off), own process: ${big.seconds.toFixed(1)} s, peak RSS ${big.peakRssMiB.toFixed(0)} MiB`);
console.log(
  `(the metrics keep the label, ${EXAMPLE_MODEL.classes.length} float64 probabilities and the model's label: ${keptBytes} bytes a row, ` +
    `${((10_000_000 * keptBytes) / 2 ** 20).toFixed(0)} MiB in arrays that double as they fill; ranking a class adds about 16 bytes a row while it sorts)`,
);
