import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/serve/line-buffer.js';
import { PredictionLog, repairLogDirectory } from '../../src/serve/prediction-log.js';
import { isoTime } from '../../src/serve/served-model.js';
import { scratchDirectory } from '../helpers/temp.js';

const scratch = await scratchDirectory();

function written(buffer: LineBuffer): string {
  return Buffer.concat(buffer.take().views).toString('utf8');
}

async function linesIn(directory: string, prefix: string): Promise<string[][]> {
  const files = (await readdir(directory)).filter((name) => name.startsWith(prefix)).sort();
  return Promise.all(files.map(async (name) => (await readFile(path.join(directory, name), 'utf8')).split('\n').filter(Boolean)));
}

describe('the line buffer', () => {
  it('writes numbers exactly as JSON.stringify does', () => {
    const values = [0, -0, 1, -1, 12.2, 4.7, 0.1, 0.1 + 0.2, 1e-7, 123456.789012, 1e15, 1e21, -3.25, 0.000001, 999999.999999, 5e-324, Number.MAX_VALUE, 2 ** 53, Number.NaN, Infinity, -Infinity];
    let state = 42;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20_000; i++) {
      values.push(Math.round((next() - 0.5) * 10 ** Math.floor(next() * 12)) / 10 ** Math.floor(next() * 8), (next() - 0.5) * 10 ** Math.floor(next() * 10), Math.fround(next() * 50));
    }
    const buffer = new LineBuffer();
    for (const value of values) {
      buffer.number(value);
      buffer.ascii(',');
    }
    expect(written(buffer)).toBe(values.map((value) => JSON.stringify(value)).join(',') + ',');
  });

  it('fills fixed-width probabilities into a copied template, and spans chunks without losing a byte', () => {
    const buffer = new LineBuffer();
    const template = Buffer.from('{"p":0.000000,"q":0.000000}\n');
    for (const [p, q] of [[0.0255274, 0.9744726], [1, 0], [0.5, 1e-9], [1.0000004, -1e-9]]) {
      const at = buffer.place(template);
      buffer.probabilityAt(at + 5, p);
      buffer.probabilityAt(at + 18, q);
    }
    expect(written(buffer)).toBe('{"p":0.025527,"q":0.974473}\n{"p":1.000000,"q":0.000000}\n{"p":0.500000,"q":0.000000}\n{"p":1.000000,"q":0.000000}\n');
    const text = 'é'.repeat(300_000);
    for (let i = 0; i < 4; i++) buffer.text(text);
    const taken = buffer.take();
    expect(taken.views.length).toBeGreaterThan(1);
    expect(Buffer.concat(taken.views).toString('utf8')).toBe(text.repeat(4));
    expect(taken.size).toBe(2_400_000);
  });
});

describe('the time of a line', () => {
  it('is written as toISOString writes it, within a second and across seconds, days and years', () => {
    const times = [0, 999.9, 1000, 1000.5, 1_767_225_599_999.7, 1_767_225_600_000, 1_767_225_600_001.2, 1_767_225_600_010, 1_767_225_600_100, Date.now()];
    for (let k = 0; k < 1000; k++) times.push(1.7e12 + k * 7_919.37);
    expect(times.map(isoTime)).toEqual(times.map((time) => new Date(time).toISOString()));
  });
});

describe('the prediction log', () => {
  it('rotates by size, keeping lines whole and in order across files', async () => {
    const directory = path.join(scratch.dir, 'by-size');
    const log = new PredictionLog({ directory, stream: 'predictions', maxFileBytes: 2_000, flushIntervalMs: 5 }, (error) => {
      throw error;
    });
    for (let i = 0; i < 200; i++) {
      log.append(1, (buffer) => buffer.text(`{"n":${i},"pad":"${'x'.repeat(40)}"}\n`));
      if (i % 20 === 19) await log.flush();
    }
    await log.close();
    const files = await linesIn(directory, 'predictions-');
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.flat().map((line) => JSON.parse(line).n)).toEqual([...Array(200).keys()]);
    expect(log.lines).toBe(200);
  });

  it('rotates by age', async () => {
    const directory = path.join(scratch.dir, 'by-age');
    const log = new PredictionLog({ directory, stream: 'shadow', maxFileAgeMs: 30, flushIntervalMs: 1_000 }, () => undefined);
    log.append(1, (buffer) => buffer.text('{"n":0}\n'));
    await log.flush();
    await sleep(50);
    log.append(1, (buffer) => buffer.text('{"n":1}\n'));
    await log.close();
    expect(await linesIn(directory, 'shadow-')).toEqual([['{"n":0}'], ['{"n":1}']]);
  });

  it('drops and counts lines rather than buffer without bound when the disk falls behind', async () => {
    const log = new PredictionLog({ directory: path.join(scratch.dir, 'full'), stream: 'predictions', maxBufferedBytes: 100, flushIntervalMs: 1_000 }, () => undefined);
    for (let i = 0; i < 10; i++) log.append(2, (buffer) => buffer.text(`${'{"row":1}\n'.repeat(2)}`.padEnd(40, ' ')));
    // Three appends fill it past 100 bytes; the other seven are dropped whole.
    expect(log.dropped).toBe(14);
    await log.close();
    expect(log.lines).toBe(6);
  });

  it('cuts the partial line a crash left off each file on the next start, and nothing else', async () => {
    const directory = path.join(scratch.dir, 'crashed');
    await mkdir(directory, { recursive: true });
    const whole = '{"n":1}\n{"n":2}\n';
    await writeFile(path.join(directory, 'predictions-a.jsonl'), `${whole}{"n":3,"lab`);
    await writeFile(path.join(directory, 'predictions-b.jsonl'), whole);
    await writeFile(path.join(directory, 'predictions-c.jsonl'), '{"no newline at all"');
    await appendFile(path.join(directory, 'notes.txt'), 'not a log');
    const repaired = await repairLogDirectory(directory);
    expect(repaired.map((entry) => [path.basename(entry.file), entry.bytes]).sort()).toEqual([['predictions-a.jsonl', 11], ['predictions-c.jsonl', 20]]);
    expect(await readFile(path.join(directory, 'predictions-a.jsonl'), 'utf8')).toBe(whole);
    expect(await readFile(path.join(directory, 'predictions-b.jsonl'), 'utf8')).toBe(whole);
    expect(await readFile(path.join(directory, 'predictions-c.jsonl'), 'utf8')).toBe('');
  });
});
