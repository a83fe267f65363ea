// ghml serve under load on loopback, against a bare node:http server that calls session.run
// directly (the baseline), in the same run: single-row and 64-row Open Inference Protocol requests,
// with bearer tokens, throttling, contract validation, metrics and the prediction log all on.
// ghml serve runs bundled, as users run it, from a bundle of the sources made for this run (the
// committed dist/ may lag them). Each server runs in a process of its own and autocannon in
// another, so the load generator never shares an event loop with what it measures. Two numbers per
// case: throughput at full load (16 connections), and latency at a fixed 1,000 requests/s.
// Throughput on a machine shared with other work swings from run to run, so requests per CPU second
// of the server process (every thread, from /proc) is measured beside it: what each server costs,
// whatever else runs. `GHML_BENCH_SECONDS` sets the length of each measurement.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
// @ts-expect-error the build script is plain JavaScript, run by node directly
import { bundle } from '../scripts/build.mjs';
import { trainExampleModel } from '../test/helpers/example-model.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.tmp', 'bench-serve');
const TOKEN = 'bench-token-0123456789abcdef';
const SECONDS = Number(process.env.GHML_BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 16;
const FIXED_RATE = 1000;

/** The baseline: what a hand-written server does with the same request, and nothing more. */
async function baseline(model: string): Promise<void> {
  const session = await ort.InferenceSession.create(readFileSync(model), { executionProviders: ['cpu'], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const input = body.inputs[0];
      // A loop, not Array.prototype.flat, which would make the baseline slower than it need be.
      const values: number[] = [];
      for (const row of input.data as (number | number[])[]) {
        if (Array.isArray(row)) for (const value of row) values.push(value);
        else values.push(row);
      }
      const feeds = { features: new ort.Tensor('float32', Float32Array.from(values), input.shape) };
      const results = await session.run(feeds);
      const outputs = Object.entries(results).map(([name, tensor]) => ({ name, shape: tensor.dims, data: Array.from(tensor.data as Float32Array) }));
      const answer = JSON.stringify({ model_name: 'weather', outputs });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    console.log(`listening on http://127.0.0.1:${address.port}`);
  });
}

if (process.argv[2] === 'baseline') {
  await baseline(process.argv[3]);
} else {
  await main();
}

interface Started {
  child: ChildProcess;
  url: string;
}

function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening: ${stderr}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** Requests answered per second of CPU the server process used (all its threads). */
  requestsPerCpuSecond: number;
}

/** CPU seconds a process has used so far, from /proc (user and system, every thread). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function load(server: Started, route: string, body: string, options: { rate?: number; seconds?: number }): Promise<LoadResult> {
  const url = `${server.url}${route}`;
  const args = [path.join(root, 'node_modules/autocannon/autocannon.js'), '--json', '-c', String(CONNECTIONS), '-d', String(options.seconds ?? SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-H', `authorization=Bearer ${TOKEN}`, '-b', body];
  if (options.rate !== undefined) args.push('-R', String(options.rate));
  args.push(url);
  const cpuBefore = cpuSeconds(server.child.pid!);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
  const result = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number; timeouts: number };
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.non2xx + result.timeouts,
    requestsPerCpuSecond: result.requests.total / cpu,
  };
}

function inferBody(rows: number): string {
  const data: number[][] = [];
  for (let i = 0; i < rows; i++) data.push([Math.round((i % 7) * 3.1 * 10) / 10, 10 + (i % 13), 2 + (i % 9), 1 + ((i * 7) % 50) / 10]);
  return JSON.stringify({ inputs: [{ name: 'features', shape: [rows, 4], datatype: 'FP32', data }] });
}

async function main(): Promise<void> {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const model = await trainExampleModel(work);
  const distDir = path.join(work, 'dist');
  await bundle(distDir);
  const logDir = path.join(work, 'prediction-log');
  const env = { ...process.env, GHML_SERVE_TOKENS: TOKEN };
  console.log(`${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, autocannon with ${CONNECTIONS} connections`);
  console.log(`Full load: the best of ${ROUNDS} rounds of ${SECONDS} s per server, the servers taking turns, so a burst of other work on the machine`);
  console.log('does not decide the comparison. Other processes may share this machine: compare within one run, not across runs.\n');

  const servers = {
    baseline: await startProcess(['--import', 'tsx', import.meta.filename, 'baseline', model], env),
    'ghml serve': await startProcess([path.join(distDir, 'cli.js'), 'serve', '--model', model, '--name', 'weather', '--contract', 'examples/seattle-weather/contract.yml', '--port', '0', '--log-dir', logDir, '--rate-limit', '1000000', '--burst', '1000000', '--drain-grace', '0'], env),
  };
  const names = Object.keys(servers) as (keyof typeof servers)[];
  const rows: string[][] = [];
  try {
    for (const size of [1, 64]) {
      const body = inferBody(size);
      const route = '/v2/models/weather/infer';
      const full: Record<string, LoadResult> = {};
      const fixed: Record<string, LoadResult> = {};
      const efficiency: Record<string, number> = {};
      for (const name of names) await load(servers[name], route, body, { rate: 500, seconds: 2 });
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of names) {
          const result = await load(servers[name], route, body, {});
          if (!full[name] || result.requestsPerSecond > full[name].requestsPerSecond) full[name] = result;
          if (!efficiency[name] || result.requestsPerCpuSecond > efficiency[name]) efficiency[name] = result.requestsPerCpuSecond;
        }
      }
      for (const name of names) fixed[name] = await load(servers[name], route, body, { rate: FIXED_RATE });
      for (const name of names) {
        rows.push([
          `${size}`,
          name,
          full[name].requestsPerSecond.toFixed(0),
          `${((100 * full[name].requestsPerSecond) / full.baseline.requestsPerSecond).toFixed(0)}%`,
          `${full[name].p99}`,
          efficiency[name].toFixed(0),
          `${((100 * efficiency[name]) / efficiency.baseline).toFixed(0)}%`,
          `${fixed[name].requestsPerSecond.toFixed(0)}`,
          `${fixed[name].p50}`,
          `${fixed[name].p99}`,
          `${full[name].failures + fixed[name].failures}`,
        ]);
      }
      const ratio = full['ghml serve'].requestsPerSecond / full.baseline.requestsPerSecond;
      const cpuRatio = efficiency['ghml serve'] / efficiency.baseline;
      console.log(`${size} row(s): ghml serve at ${(100 * ratio).toFixed(0)}% of the baseline's throughput, ${(100 * cpuRatio).toFixed(0)}% of its requests per CPU second (target ≥ 70%); p99 ${fixed['ghml serve'].p99} ms at ${FIXED_RATE} requests/s (target < 10 ms)`);
    }
  } finally {
    for (const name of names) await stopProcess(servers[name].child);
  }
  const files = await readdir(logDir);
  let bytes = 0;
  for (const file of files) bytes += (await stat(path.join(logDir, file))).size;
  console.log(`prediction log: ${files.length} file(s), ${(bytes / 1e6).toFixed(1)} MB\n`);
  const header = ['rows/request', 'server', 'req/s (full load)', 'of baseline', 'p99 ms (full load)', 'req per CPU s', 'of baseline', `req/s (at ${FIXED_RATE}/s)`, `p50 ms (at ${FIXED_RATE}/s)`, `p99 ms (at ${FIXED_RATE}/s)`, 'failed'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  await rm(work, { recursive: true, force: true });
}
