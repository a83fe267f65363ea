import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { once } from 'node:events';

/**
 * A synthetic CSV of `rows` rows with the column kinds real tables have: an integer id, a
 * timestamp, two floats, a category, free text, a boolean, and some missing values. Deterministic
 * (an LCG), so every run measures the same bytes; another seed and an amount scale give a
 * "current" dataset that drifted.
 */
export async function generateCsv(file: string, rows: number, options: { seed?: number; amountScale?: number } = {}): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing && existing.size > 0) return;
  // Written aside and renamed, so an interrupted run never leaves a short file that looks done.
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let state = options.seed ?? 42;
  const scale = options.amountScale ?? 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const categories = ['north', 'south', 'east', 'west', 'central', 'harbor', 'airport', 'valley'];
  const start = Date.UTC(2012, 0, 1);
  out.write('id,at,amount,score,region,note,active\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const u = next();
    const amount = i % 50 === 0 ? '' : (scale * Math.exp(3 + 1.5 * (next() + next() + next() - 1.5))).toFixed(2);
    const at = new Date(start + Math.floor(u * 4 * 365 * 86_400_000)).toISOString().slice(0, 19);
    chunk += `${i},${at},${amount},${(next() * 2 - 1).toFixed(6)},${categories[Math.floor(next() * categories.length)]},item ${Math.floor(next() * 100000)},${next() < 0.3 ? 'true' : 'false'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  await rename(partial, file);
}
