import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { build } from 'esbuild';

/** Uniform numbers in [0, 1) from a linear congruential generator: the same seed, the same numbers. */
export function uniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Writes a header and `rows` generated lines to `file`, unless it exists already: generated data is
 * kept between runs. Written aside and renamed, so an interrupted run never leaves a short file
 * that looks done.
 */
export async function writeLinesOnce(file: string, header: string, rows: number, line: (row: number) => string): Promise<void> {
  if ((await stat(file).catch(() => undefined))?.size) return;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  await rename(partial, file);
}

/**
 * A synthetic CSV of `rows` rows with the column kinds real tables have: an integer id, a
 * timestamp, two floats, a category, free text, a boolean, and some missing values. Deterministic,
 * so every run measures the same bytes; another seed and an amount scale give a "current" dataset
 * that drifted.
 */
export async function generateCsv(file: string, rows: number, options: { seed?: number; amountScale?: number } = {}): Promise<void> {
  const next = uniform(options.seed ?? 42);
  const scale = options.amountScale ?? 1;
  const categories = ['north', 'south', 'east', 'west', 'central', 'harbor', 'airport', 'valley'];
  const start = Date.UTC(2012, 0, 1);
  await writeLinesOnce(file, 'id,at,amount,score,region,note,active', rows, (i) => {
    const u = next();
    const amount = i % 50 === 0 ? '' : (scale * Math.exp(3 + 1.5 * (next() + next() + next() - 1.5))).toFixed(2);
    const at = new Date(start + Math.floor(u * 4 * 365 * 86_400_000)).toISOString().slice(0, 19);
    return `${i},${at},${amount},${(next() * 2 - 1).toFixed(6)},${categories[Math.floor(next() * categories.length)]},item ${Math.floor(next() * 100000)},${next() < 0.3 ? 'true' : 'false'}`;
  });
}

/**
 * bench/worker.ts bundled into `work`, so each measured run is a plain Node process of its own,
 * without the TypeScript loader's start-up and memory in the figures.
 */
export async function buildWorker(root: string, work: string): Promise<string> {
  const worker = path.join(work, 'worker.mjs');
  await build({
    entryPoints: [path.join(root, 'bench/worker.ts')],
    outfile: worker,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@duckdb/node-api'],
    nodePaths: [path.join(root, 'node_modules')],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return worker;
}
