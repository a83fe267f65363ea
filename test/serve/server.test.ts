import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerStatus } from '../../src/contracts/serve.js';
import { SERVE_DEFAULTS, startServe, type RunningServer } from '../../src/steps/serve.js';
import { runDriftCheck } from '../../src/steps/drift-check.js';
import { trainExampleModel } from '../helpers/example-model.js';
import { scratchDirectory, seattleWeather } from '../helpers/temp.js';
import { ADMIN_TOKEN, call, CLIENT_TOKEN, contractFile, handmadeModel, inferBody, weatherRows } from './support.js';

/** The server in this process, on loopback: every route, and every way a request can be wrong. */

const scratch = await scratchDirectory();
const logDir = path.join(scratch.dir, 'log');
let running: RunningServer;
let base: string;
const messages: string[] = [];

beforeAll(async () => {
  running = await startServe({
    modelFile: await trainExampleModel(scratch.dir),
    name: 'weather',
    version: '1',
    contractFile,
    host: '127.0.0.1',
    port: 0,
    logDirectory: logDir,
    logFlushMs: 20,
    rateLimit: 50,
    burst: 40,
    maxBodyBytes: 64 * 1024,
    env: { GHML_SERVE_TOKENS: `${CLIENT_TOKEN},other-token-0123456789abcdef`, GHML_ADMIN_TOKEN: ADMIN_TOKEN },
    say: (message) => messages.push(message),
  });
  base = running.url;
});
afterAll(() => running.stop(0));

const infer = (body: unknown, token = CLIENT_TOKEN) => call(base, 'POST', '/v2/models/weather/infer', { body, token });
const predict = (body: unknown, token = CLIENT_TOKEN) => call(base, 'POST', '/v1/models/weather/predict', { body, token });
const admin = (method: string, route: string, body?: unknown) => call(base, method, `/admin/v1${route}`, { body, token: ADMIN_TOKEN });

async function stillServing(): Promise<void> {
  const answer = await infer(inferBody(weatherRows(1)), 'other-token-0123456789abcdef');
  expect(answer.status).toBe(200);
}

describe('ghml serve over the Open Inference Protocol', () => {
  it('answers health, server and model metadata', async () => {
    expect(await call(base, 'GET', '/v2/health/live')).toMatchObject({ status: 200, json: { live: true } });
    expect(await call(base, 'GET', '/v2/health/ready')).toMatchObject({ status: 200, json: { ready: true } });
    const metadata = await call(base, 'GET', '/v2/models/weather', { token: CLIENT_TOKEN });
    expect(metadata.json).toMatchObject({
      name: 'weather',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [{ name: 'label', datatype: 'BYTES', shape: [-1] }, { name: 'probabilities', datatype: 'FP32', shape: [-1, 5] }],
      parameters: { features: ['precipitation', 'temp_max', 'temp_min', 'wind'], classes: ['drizzle', 'fog', 'rain', 'snow', 'sun'] },
    });
    expect(await call(base, 'GET', '/v2/models/weather/ready', { token: CLIENT_TOKEN })).toMatchObject({ status: 200, json: { ready: true, version: '1' } });
    expect(await call(base, 'GET', '/v2/models/weather/versions/1/ready', { token: CLIENT_TOKEN })).toMatchObject({ status: 200 });
  });

  it('infers flat and nested tensors, by model and by version, and answers the outputs asked for', async () => {
    const rows = weatherRows(3);
    const nested = await infer({ id: 'req-1', ...(inferBody(rows) as object) });
    expect(nested.status).toBe(200);
    expect(nested.json).toMatchObject({ model_name: 'weather', model_version: '1', id: 'req-1' });
    const [label, probabilities] = nested.json.outputs;
    expect(label).toMatchObject({ name: 'label', datatype: 'BYTES', shape: [3] });
    expect(label.data.every((value: string) => ['drizzle', 'fog', 'rain', 'snow', 'sun'].includes(value))).toBe(true);
    expect(probabilities).toMatchObject({ name: 'probabilities', datatype: 'FP32', shape: [3, 5] });
    for (let i = 0; i < 3; i++) expect(probabilities.data.slice(i * 5, i * 5 + 5).reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);

    const flat = await call(base, 'POST', '/v2/models/weather/versions/1/infer', {
      token: CLIENT_TOKEN,
      body: { inputs: [{ name: 'features', shape: [3, 4], datatype: 'FP32', data: rows.flat() }], outputs: [{ name: 'label' }] },
    });
    expect(flat.status).toBe(200);
    expect(flat.json.outputs).toEqual([label]);
    // Answers are written out, not stringified: the same text all the same.
    expect(nested.text).toBe(JSON.stringify(nested.json));
    expect(flat.text).toBe(JSON.stringify(flat.json));
  });

  it('answers rows for people, the same predictions as the tensors', async () => {
    const [row] = weatherRows(1, 5);
    const answer = await predict({ rows: [{ precipitation: row[0], temp_max: row[1], temp_min: row[2], wind: row[3], date: '2016-01-01' }] });
    expect(answer.status).toBe(200);
    const [prediction] = answer.json.predictions;
    const tensors = await infer(inferBody([row]));
    expect(prediction.label).toBe(tensors.json.outputs[0].data[0]);
    expect(Object.keys(prediction.probabilities)).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(prediction.probabilities.sun).toBeCloseTo(tensors.json.outputs[1].data[4], 8);
    expect(answer.text).toBe(JSON.stringify(answer.json));
  });
});

describe('bad requests get the right status and message, and the server keeps serving', () => {
  it('400 for malformed JSON, a body without rows or inputs, and every problem of every row against the contract', async () => {
    const malformed = await call(base, 'POST', '/v1/models/weather/predict', { raw: '{"rows": [', token: CLIENT_TOKEN });
    expect(malformed).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^the body is not valid JSON/) } });
    expect((await predict({ row: [] })).json.error).toMatch(/the body has no "rows" list/);
    expect((await infer({ rows: [] })).json.error).toMatch(/the body has no "inputs" list/);

    const wrong = await predict({
      rows: [
        { precipitation: 1, temp_max: 'warm', temp_min: 3, wind: 2 },
        { precipitation: -4, temp_max: 12, wind: 2, humidity: 80 },
        { precipitation: 0, temp_max: 12, temp_min: 3, wind: 2, weather: 'hail' },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatch(/^5 problems in the request: row 0 "temp_max": got "warm", expected a number from -20 to 45/);
    expect(wrong.json.problems).toEqual([
      { row: 0, field: 'temp_max', value: 'warm', expected: 'a number from -20 to 45' },
      { row: 1, field: 'precipitation', value: -4, expected: 'a number from 0 to 100' },
      { row: 1, field: 'temp_min', value: null, expected: 'a number from -25 to 35' },
      { row: 1, field: 'humidity', value: 80, expected: expect.stringMatching(/^no field "humidity": the contract declares precipitation, temp_max, temp_min, wind, date, weather/) },
      { row: 2, field: 'weather', value: 'hail', expected: 'one of drizzle, fog, rain, snow, sun' },
    ]);
    await stillServing();
  });

  it('400 for tensors of the wrong name, datatype, shape or values', async () => {
    const rows = weatherRows(2);
    const tensor = (overrides: object) => ({ inputs: [{ name: 'features', shape: [2, 4], datatype: 'FP32', data: rows, ...overrides }] });
    expect((await infer(tensor({ name: 'x' }))).json.error).toBe('the model has no input "x": its inputs are "features"');
    expect((await infer(tensor({ datatype: 'FP64' }))).json.error).toBe('input "features" has datatype "FP64"; the model takes FP32');
    expect((await infer(tensor({ shape: [2, 3] }))).json.error).toMatch(/has shape \[2, 3\]; the model takes \[rows, 4\] \(precipitation, temp_max, temp_min, wind\)/);
    expect((await infer(tensor({ shape: [3, 4] }))).json.error).toBe('input "features" has 8 values for shape [3, 4], which holds 12');
    const values = await infer(tensor({ data: [[0, 10, 5, 3], [0, 10, 'cold', 99]] }));
    expect(values.status).toBe(400);
    expect(values.json.problems).toEqual([
      { row: 1, field: 'temp_min', value: 'cold', expected: 'a number from -25 to 35' },
      { row: 1, field: 'wind', value: 99, expected: 'a number from 0 to 20' },
    ]);
    await stillServing();
  });

  it('413 for a body over the limit, 404 for an unknown model or route, 400 for a path that does not decode, 405 for a wrong method', async () => {
    const huge = await call(base, 'POST', '/v2/models/weather/infer', { raw: `{"inputs": [${'0,'.repeat(100_000)}0]}`, token: CLIENT_TOKEN });
    expect(huge).toMatchObject({ status: 413, json: { error: 'the request body is 200015 bytes; this server takes at most 65536' } });
    const chunked = await call(base, 'POST', '/v2/models/weather/infer', { raw: Buffer.alloc(200_000, 0x20), token: CLIENT_TOKEN, headers: { 'transfer-encoding': 'chunked' } });
    expect(chunked).toMatchObject({ status: 413, json: { error: 'the request body is larger than 65536 bytes, the most this server takes' } });
    const unknown = await call(base, 'POST', '/v2/models/churn/infer', { body: inferBody(weatherRows(1)), token: CLIENT_TOKEN });
    expect(unknown).toMatchObject({ status: 404, json: { error: 'no model "churn" here: this server serves "weather"' } });
    expect((await call(base, 'POST', '/v2/models/weather/versions/7/infer', { body: inferBody(weatherRows(1)), token: CLIENT_TOKEN })).json.error).toBe('weather has no version "7" loaded: loaded are 1');
    expect((await call(base, 'GET', '/v3/anything', { token: CLIENT_TOKEN })).status).toBe(404);
    expect(await call(base, 'POST', '/v2/models/%E0%A4%A/infer', { body: inferBody(weatherRows(1)), token: CLIENT_TOKEN })).toMatchObject({ status: 400, json: { error: 'the path /v2/models/%E0%A4%A/infer is not valid percent-encoding' } });
    expect(await call(base, 'GET', '/v2/models/weather/infer', { token: CLIENT_TOKEN })).toMatchObject({ status: 405, headers: { allow: 'POST' } });
    await stillServing();
  });

  it('401 without a token or with a wrong one, never saying which tokens exist; the admin API wants the admin token', async () => {
    const none = await call(base, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(1)) });
    expect(none).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer realm="ghml"' }, json: { error: 'this server needs a bearer token: send Authorization: Bearer <token>' } });
    expect((await infer(inferBody(weatherRows(1)), 'wrong-token-0123456789abcdef')).json.error).toBe('the bearer token is not valid here');
    expect((await call(base, 'GET', '/admin/v1/status', { token: CLIENT_TOKEN })).status).toBe(401);
    expect(messages.join('\n')).not.toContain(CLIENT_TOKEN);
    await stillServing();
  });

  it('names the port that is taken, the default one included', async () => {
    const options = { modelFile: await trainExampleModel(scratch.dir), name: 'weather', logDirectory: null, env: { GHML_SERVE_TOKENS: CLIENT_TOKEN }, say: () => undefined };
    const taken = Number(new URL(base).port);
    await expect(startServe({ ...options, port: taken })).rejects.toThrow(`port ${taken} on 127.0.0.1 is taken: choose another with --port`);
    // Hold the default port (or find it held already), then start without a port.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.once('error', () => resolve()).listen(SERVE_DEFAULTS.port, '127.0.0.1', resolve));
    try {
      await expect(startServe(options)).rejects.toThrow(`port ${SERVE_DEFAULTS.port} on 127.0.0.1 is taken: choose another with --port`);
    } finally {
      holder.close();
    }
  });

  it('429 with Retry-After once a client spends its burst, while other clients are served', async () => {
    const token = 'burst-token-0123456789abcdef';
    const limited = await startServe({
      modelFile: await trainExampleModel(scratch.dir),
      name: 'weather',
      port: 0,
      logDirectory: null,
      rateLimit: 1,
      burst: 3,
      env: { GHML_SERVE_TOKENS: `${token},${CLIENT_TOKEN}` },
      say: () => undefined,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited.url, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(1)), token })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const throttled = await call(limited.url, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(1)), token });
      expect(throttled.headers['retry-after']).toBe('1');
      expect(throttled.json.error).toBe('too many requests from this client: try again in 1 s');
      expect((await call(limited.url, 'POST', '/v2/models/weather/infer', { body: inferBody(weatherRows(1)), token: CLIENT_TOKEN })).status).toBe(200);
      expect((await call(limited.url, 'GET', '/metrics')).text).toMatch(/^ghml_serve_throttled_total 3$/m);
    } finally {
      await limited.stop(0);
    }
  });
});

describe('outputs that fail validation', () => {
  it('answer 500 and log an incident, never the bad answer; the other version keeps answering', async () => {
    const broken = await handmadeModel(scratch.dir, 'broken', { broken: true });
    const bytes = await readFile(broken);
    const load = await admin('PUT', '/models/weather/versions/nan', { sha256: createHash('sha256').update(bytes).digest('hex'), model: bytes.toString('base64') });
    expect(load.status).toBe(201);
    const answer = await call(base, 'POST', '/v2/models/weather/versions/nan/infer', { body: { id: 'doomed', ...(inferBody(weatherRows(2)) as object) }, token: CLIENT_TOKEN });
    expect(answer.status).toBe(500);
    expect(answer.json.error).toMatch(/^weather vnan failed to give a valid answer; incident [0-9a-f-]{36} is logged$/);
    expect(answer.text).not.toMatch(/NaN|null/);
    const status = ServerStatus.parse((await admin('GET', '/status')).json);
    expect(status.incidents.at(-1)).toMatchObject({ model: 'weather', version: 'nan', requestId: 'doomed', reason: 'output "probabilities" holds NaN at row 0', id: answer.json.incident });
    expect(messages.some((message) => message.startsWith(`incident ${answer.json.incident}`))).toBe(true);
    expect((await call(base, 'GET', '/metrics')).text).toContain('ghml_serve_incidents_total{model="weather",version="nan"} 1');
    expect((await admin('DELETE', '/models/weather/versions/nan')).status).toBe(200);
    await stillServing();
  });
});

describe('the admin API', () => {
  it('loads a version beside the primary, routes to it and back, refuses what would break serving', async () => {
    const second = await handmadeModel(scratch.dir, 'second', { favour: 'rain' });
    const bytes = await readFile(second);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect((await admin('PUT', '/models/weather/versions/2', { sha256: '0'.repeat(64), model: bytes.toString('base64') })).json.error).toMatch(/^the model sent hashes to [0-9a-f]{64}, not to the sha256 given/);
    const loaded = await admin('PUT', '/models/weather/versions/2', { sha256, model: bytes.toString('base64'), contract: null });
    expect(loaded).toMatchObject({ status: 201, json: { model: 'weather', version: '2', sha256 } });
    expect((await admin('PUT', '/models/weather/versions/2', { sha256, model: bytes.toString('base64') })).status).toBe(200);
    // Loaded, not routed: the primary still answers.
    expect((await infer(inferBody(weatherRows(1)))).json.model_version).toBe('1');
    expect((await admin('PUT', '/models/weather/routing', { primary: '3' })).json.error).toBe('weather has no version 3 loaded: load it before routing to it');
    expect((await admin('PUT', '/models/weather/routing', { primary: '2', canary: { version: '1', percent: 101 } })).status).toBe(400);
    expect((await admin('PUT', '/models/weather/routing', { primary: '2' })).json.routing).toEqual({ primary: '2', canary: null, shadow: null });
    expect((await infer(inferBody(weatherRows(1)))).json.model_version).toBe('2');
    expect((await admin('DELETE', '/models/weather/versions/2')).json.error).toMatch(/^weather v2 is in the routing \(primary 2\): route traffic away from it first/);
    await admin('PUT', '/models/weather/routing', { primary: '1', shadow: { version: '2', percent: 100 } });
    const answer = await infer(inferBody(weatherRows(2)));
    expect(answer.json.model_version).toBe('1');
    const status = ServerStatus.parse((await admin('GET', '/status')).json);
    const model = status.models.find((entry) => entry.name === 'weather')!;
    expect(model.routing).toEqual({ primary: '1', canary: null, shadow: { version: '2', percent: 100 } });
    const v2 = model.versions.find((entry) => entry.version === '2')!;
    await expect.poll(async () => ServerStatus.parse((await admin('GET', '/status')).json).models[0].versions.find((entry) => entry.version === '2')!.shadow.requests).toBeGreaterThan(0);
    expect(v2.contract).toBe(false);
    await admin('PUT', '/models/weather/routing', { primary: '1' });
    expect((await admin('DELETE', '/models/weather/versions/2')).status).toBe(200);
  });
});

describe('metrics and the prediction log', () => {
  it('exposes requests, errors and latency per route and version in the Prometheus text format', async () => {
    const text = (await call(base, 'GET', '/metrics')).text;
    expect(text).toMatch(/^# TYPE ghml_serve_requests_total counter$/m);
    expect(text).toMatch(/^ghml_serve_requests_total\{route="infer",model="weather",version="1",code="200"\} \d+$/m);
    expect(text).toMatch(/^ghml_serve_errors_total\{route="predict",model="weather",version="1",kind="client"\} \d+$/m);
    expect(text).toMatch(/^ghml_serve_request_duration_seconds_bucket\{route="infer",model="weather",version="1",le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^ghml_serve_routing_percent\{model="weather",version="1",role="primary"\} 100$/m);
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="[^"]*",?)*\})? [\d.e+-]+|\w+(\{.*\})? \d+)$/);
  });

  it('writes one line per predicted row, flat, which drift-check reads as current data', async () => {
    await infer({ id: 'for-the-log', ...(inferBody(weatherRows(120, 40)) as object) });
    await expect.poll(async () => (await readdir(logDir)).length).toBeGreaterThan(0);
    const files = (await readdir(logDir)).filter((name) => name.startsWith('predictions-')).map((name) => path.join(logDir, name));
    await expect.poll(async () => (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('').includes('"request_id":"for-the-log","model":"weather","model_version":"1","route":"primary"')).toBe(true);
    const lines = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('').trim().split('\n').map((line) => JSON.parse(line));
    const ours = lines.filter((line) => line.request_id === 'for-the-log');
    expect(ours).toHaveLength(120);
    expect(Object.keys(ours[0])).toEqual(['time', 'request_id', 'model', 'model_version', 'route', 'latency_ms', 'row', 'precipitation', 'temp_max', 'temp_min', 'wind', 'label', 'probability_drizzle', 'probability_fog', 'probability_rain', 'probability_snow', 'probability_sun']);
    expect(ours.map((line) => line.row)).toEqual([...Array(120).keys()]);
    expect(ours[3]).toMatchObject({ precipitation: weatherRows(1, 43)[0][0], temp_max: weatherRows(1, 43)[0][1] });
    const report = await runDriftCheck({ reference: [seattleWeather], current: files, contract: contractFile, minRows: 50 });
    expect(report.enoughData).toBe(true);
    expect(report.columns.filter((column) => column.status === 'ok').map((column) => column.name).sort()).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
  });
});
