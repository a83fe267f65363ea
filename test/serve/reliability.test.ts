import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runDriftCheck } from '../../src/steps/drift-check.js';
import { trainExampleModel } from '../helpers/example-model.js';
import { scratchDirectory, seattleWeather } from '../helpers/temp.js';
import { ADMIN_TOKEN, call, CLIENT_TOKEN, contractFile, handmadeModel, inferBody, startServeProcess, weatherRows, type ServeProcess } from './support.js';

/**
 * `ghml serve` as a process (the bundled CLI) under load on loopback: version switches while
 * requests run, SIGKILL in the middle of the log, SIGTERM with a request half sent. Every load
 * loop stops by itself after a fixed time.
 */

const scratch = await scratchDirectory();
const model = await trainExampleModel(scratch.dir);
const env = { GHML_SERVE_TOKENS: CLIENT_TOKEN, GHML_ADMIN_TOKEN: ADMIN_TOKEN };
const started: ServeProcess[] = [];

afterAll(async () => {
  for (const server of started) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
});

/** No drain grace unless `args` give one: a test that stops a server need not wait for load balancers. */
async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServeProcess(['--model', model, '--name', 'weather', '--model-version', '1', '--contract', contractFile, '--rate-limit', '0', '--drain-grace', '0', ...args], env);
  started.push(server);
  return server;
}

interface LoadTally {
  answered: number;
  rows: number;
  failures: string[];
  versions: Map<string, number>;
}

function newTally(): LoadTally {
  return { answered: 0, rows: 0, failures: [], versions: new Map() };
}

/** `clients` keep-alive clients sending `rows`-row requests back to back until `stop` resolves; `tally` can be watched meanwhile. */
async function loadUntil(url: string, stop: Promise<unknown>, clients: number, rows: number, tally = newTally()): Promise<LoadTally> {
  let stopping = false;
  void stop.then(() => (stopping = true));
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; !stopping; i++) {
        try {
          const answer = await call(url, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(rows, client * 1000 + i)), token: CLIENT_TOKEN, agent });
          if (answer.status !== 200) tally.failures.push(`${answer.status} ${answer.text}`);
          else {
            tally.answered++;
            tally.rows += rows;
            tally.versions.set(answer.json.model_version, (tally.versions.get(answer.json.model_version) ?? 0) + 1);
          }
        } catch (error) {
          tally.failures.push((error as Error).message);
          if (stopping) break;
        }
      }
    }),
  );
  agent.destroy();
  return tally;
}

/** An inference request whose body stops after 100 bytes until `finish` sends the rest. */
function halfSentRequest(url: string, id: string, rows: number): { finish(): void; answer: Promise<{ status: number; text: string }> } {
  const body = JSON.stringify({ id, ...(inferBody(weatherRows(rows)) as object) });
  let outgoing: ReturnType<typeof httpRequest>;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    outgoing = httpRequest(`${url}/v2/models/weather/infer`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, text }));
    });
    outgoing.on('error', reject);
    outgoing.write(body.slice(0, 100));
    outgoing.flushHeaders();
  });
  return { finish: () => outgoing.end(body.slice(100)), answer };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function logLines(directory: string): Promise<{ complete: string[]; partial: string }> {
  const files = (await readdir(directory)).filter((name) => name.startsWith('predictions-')).sort();
  const text = (await Promise.all(files.map((name) => readFile(path.join(directory, name), 'utf8')))).join('');
  const cut = text.lastIndexOf('\n') + 1;
  return { complete: text.slice(0, cut).split('\n').filter(Boolean), partial: text.slice(cut) };
}

describe('ghml serve under load', () => {
  it('switches blue/green and runs a canary while requests run, failing none', async () => {
    const server = await serve(['--no-log']);
    const second = await readFile(await handmadeModel(scratch.dir, 'green', { favour: 'rain' }));
    const admin = (method: string, route: string, body: unknown) => call(server.url, method, `/admin/v1${route}`, { body, token: ADMIN_TOKEN });
    const switches = (async () => {
      await sleep(150);
      const loaded = await admin('PUT', '/models/weather/versions/2', { sha256: createHash('sha256').update(second).digest('hex'), model: second.toString('base64') });
      expect(loaded.status).toBe(201);
      for (const percent of [10, 50, 100]) {
        expect((await admin('PUT', '/models/weather/routing', { primary: '1', canary: { version: '2', percent } })).status).toBe(200);
        await sleep(150);
      }
      expect((await admin('PUT', '/models/weather/routing', { primary: '2' })).status).toBe(200);
      await sleep(150);
      // Back to blue at once, and blue's session was never released.
      expect((await admin('PUT', '/models/weather/routing', { primary: '1' })).status).toBe(200);
      await sleep(150);
      expect((await admin('PUT', '/models/weather/routing', { primary: '2' })).status).toBe(200);
      expect((await admin('DELETE', '/models/weather/versions/1', undefined)).status).toBe(200);
      await sleep(150);
    })();
    const tally = await loadUntil(server.url, switches, 6, 8);
    await switches;
    expect(tally.failures).toEqual([]);
    expect(tally.answered).toBeGreaterThan(100);
    expect(tally.versions.get('1')).toBeGreaterThan(10);
    expect(tally.versions.get('2')).toBeGreaterThan(10);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('leaves every complete line of the log readable when killed with SIGKILL, and the next start repairs the rest', async () => {
    const logDir = path.join(scratch.dir, 'killed');
    const server = await serve(['--log-dir', logDir]);
    const progress = newTally();
    // Killed mid-load once several flushes have happened, however slow the machine is today.
    const kill = (async () => {
      const started = Date.now();
      while ((progress.answered < 150 || Date.now() - started < 800) && Date.now() - started < 8_000) await sleep(50);
      server.child.kill('SIGKILL');
    })();
    const tally = await loadUntil(server.url, kill, 6, 32, progress);
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(tally.answered).toBeGreaterThanOrEqual(150);
    const { complete, partial } = await logLines(logDir);
    const rows = complete.map((line) => JSON.parse(line));
    expect(rows.length).toBeGreaterThan(0);
    // Lines are written after the answer, and at most one flush interval of them is lost.
    expect(rows.length).toBeLessThanOrEqual(tally.rows);
    expect(rows.every((row) => row.model === 'weather' && typeof row.probability_sun === 'number')).toBe(true);

    const again = await serve(['--log-dir', logDir]);
    if (partial !== '') await expect.poll(() => again.stderr()).toMatch(/cut a partial last line/);
    const repaired = await logLines(logDir);
    expect(repaired).toEqual({ complete, partial: '' });
    const files = (await readdir(logDir)).filter((name) => name.startsWith('predictions-')).map((name) => path.join(logDir, name));
    const report = await runDriftCheck({ reference: [seattleWeather], current: files, contract: contractFile });
    expect(report.columns.find((column) => column.name === 'wind')?.status).toBe('ok');
    again.child.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  });

  it('answers a request still arriving when SIGTERM comes, then flushes the log and exits 0; garbage on the socket harms nothing', async () => {
    const logDir = path.join(scratch.dir, 'drained');
    const server = await serve(['--log-dir', logDir, '--drain-timeout', '5s']);
    const garbage = connect(Number(new URL(server.url).port), '127.0.0.1');
    garbage.end('NOT HTTP AT ALL\r\n\r\n');
    const late = halfSentRequest(server.url, 'late', 16);
    await sleep(300);
    server.child.kill('SIGTERM');
    await sleep(300);
    late.finish();
    const { status, text } = await late.answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ id: 'late', model_version: '1' });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/SIGTERM: draining requests in flight\n.*stopped/s);
    const { complete } = await logLines(logDir);
    expect(complete.map((line) => JSON.parse(line)).filter((row) => row.request_id === 'late')).toHaveLength(16);
  });

  it('turns not-ready on SIGTERM and serves through the drain grace, then refuses connections while it answers the requests in flight', async () => {
    const logDir = path.join(scratch.dir, 'graceful');
    const graceMs = 2000;
    const server = await serve(['--log-dir', logDir, '--drain-grace', `${graceMs}ms`]);
    const port = Number(new URL(server.url).port);
    expect((await call(server.url, 'GET', '/v2/health/ready')).status).toBe(200);
    const inFlight = halfSentRequest(server.url, 'in-flight', 16);
    await sleep(200);
    const signalled = Date.now();
    server.child.kill('SIGTERM');

    // The grace: not ready, so load balancers take the server out, yet every request is answered,
    // each answer closing its connection.
    await expect.poll(async () => (await call(server.url, 'GET', '/v2/health/ready')).status).toBe(503);
    const duringGrace = await call(server.url, 'POST', '/v2/models/weather/infer', { body: { id: 'during-grace', ...(inferBody(weatherRows(2)) as object) }, token: CLIENT_TOKEN });
    expect(duringGrace.status).toBe(200);
    expect(duringGrace.headers.connection).toBe('close');

    // Then the drain: new connections are refused while the request in flight still runs.
    await expect.poll(() => connectionRefused(port), { timeout: graceMs + 5000 }).toBe(true);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(graceMs);
    expect(server.child.exitCode).toBeNull();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ id: 'in-flight' });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/SIGTERM: not ready; serving 2 s more while load balancers notice, then draining requests in flight\n.*stopped/s);

    const requestIds = (await logLines(logDir)).complete.map((line) => JSON.parse(line).request_id);
    expect(requestIds.filter((id) => id === 'during-grace')).toHaveLength(2);
    expect(requestIds.filter((id) => id === 'in-flight')).toHaveLength(16);
  });
});
