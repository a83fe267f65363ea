import { writeFile } from 'node:fs/promises';
import { request as httpRequest, Agent } from 'node:http';
import path from 'node:path';
import { CLASSES, FEATURES } from '../../examples/seattle-weather/pipeline.js';
import { logisticRegressionToOnnx } from '../../src/model/logistic-regression-onnx.js';
import { repoRoot } from '../helpers/temp.js';

export const contractFile = path.join(repoRoot, 'examples/seattle-weather/contract.yml');
export const CLIENT_TOKEN = 'client-token-0123456789abcdef';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

/**
 * A weather model made by hand in the example's ONNX layout (features [N, 4] → label, probabilities
 * [N, 5]): a second version to switch to, or, with `broken`, one whose probabilities are NaN, which
 * ONNX Runtime runs without complaint and the server must never return.
 */
export async function handmadeModel(dir: string, name: string, options: { broken?: boolean; favour?: string } = {}): Promise<string> {
  const favoured = CLASSES.indexOf(options.favour ?? 'sun');
  const bytes = logisticRegressionToOnnx({
    features: FEATURES,
    classes: CLASSES,
    mean: [3, 16, 8, 3],
    scale: [6, 7, 5, 1.5],
    weights: FEATURES.map((_, j) => CLASSES.map((__, k) => (j === 0 && k === 2 ? 1.5 : j === 1 && k === 4 ? 0.8 : 0.1 * (k - j)))),
    intercepts: CLASSES.map((_, k) => (options.broken ? Number.NaN : k === favoured ? 1 : 0)),
    epoch: 1,
  });
  const file = path.join(dir, `${name}.onnx`);
  await writeFile(file, bytes);
  return file;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** One HTTP request on loopback; `agent` keeps connections alive across requests of a load loop. */
export function call(base: string, method: string, route: string, options: { body?: unknown; raw?: string | Buffer; token?: string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<Answer> {
  const url = new URL(route, base);
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string | number> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    if (headers['transfer-encoding'] === undefined) headers['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent: options.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

export function inferBody(rows: number[][]): unknown {
  return { inputs: [{ name: 'features', shape: [rows.length, 4], datatype: 'FP32', data: rows }] };
}

/** Rows of plausible Seattle days, deterministic. */
export function weatherRows(count: number, offset = 0): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + offset;
    return [(k * 7) % 23, 5 + ((k * 3) % 25), (k * 5) % 15, 1 + ((k * 11) % 70) / 10];
  });
}

export { startServeProcess, type ServeProcess } from '../../src/serve/process.js';
