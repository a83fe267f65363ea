import { describe, expect, it } from 'vitest';
import type { ColumnPlan, ReadIssue } from '../../../src/data/batch.js';
import { readerFor } from '../../../src/data/reader.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

async function readAll(file: string, plan: ColumnPlan[]) {
  const { reader, fingerprint } = readerFor(file);
  const issues: ReadIssue[] = [];
  const rows: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  await reader.open();
  try {
    for await (const batch of reader.batches(plan, (issue) => issues.push(issue))) {
      for (let i = 0; i < batch.rows; i++) {
        const row: Record<string, unknown> = {};
        plan.forEach((column, c) => {
          const data = batch.columns[c];
          if (!data) return;
          row[column.name] = data.kind === 'number' ? (data.status[i] === 0 ? data.values[i] : data.status[i] === 1 ? null : { invalid: data.invalidText.get(i) }) : (data.values[i] ?? (data.invalidText.has(i) ? { invalid: data.invalidText.get(i) } : null));
        });
        rows.push(row);
        rowNumbers.push(batch.firstRow + i);
      }
    }
  } finally {
    await reader.close();
  }
  return { header: reader.columns, rows, rowNumbers, issues, fingerprint: await fingerprint() };
}

const text = (name: string): ColumnPlan => ({ name, decoding: 'string' });
const number = (name: string): ColumnPlan => ({ name, decoding: 'number' });

describe('CSV reader', () => {
  it('reads quoted fields with delimiters, doubled quotes and embedded newlines, and a BOM', async () => {
    const file = await scratch.file('quoted.csv', '\uFEFFid,comment,score\r\n1,"hello, world",1.5\r\n2,"she said ""hi""",2\r\n3,"two\nlines",-3e2\r\n');
    const { header, rows, rowNumbers, issues } = await readAll(file, [number('id'), text('comment'), number('score')]);
    expect(header).toEqual(['id', 'comment', 'score']);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { id: 1, comment: 'hello, world', score: 1.5 },
      { id: 2, comment: 'she said "hi"', score: 2 },
      { id: 3, comment: 'two\nlines', score: -300 },
    ]);
    expect(rowNumbers).toEqual([1, 2, 3]);
  });

  it('reads a last row without a newline, and treats empty fields as missing', async () => {
    const file = await scratch.file('last.csv', 'a,b\n1,\n,x');
    const { rows } = await readAll(file, [number('a'), text('b')]);
    expect(rows).toEqual([{ a: 1, b: null }, { a: null, b: 'x' }]);
  });

  it('marks NaN, Infinity and text in a number column invalid, keeping the text', async () => {
    const file = await scratch.file('bad-numbers.csv', 'x\n1\nNaN\nInfinity\n-inf\ntwelve\n1e400\n');
    const { rows } = await readAll(file, [number('x')]);
    expect(rows).toEqual([{ x: 1 }, { x: { invalid: 'NaN' } }, { x: { invalid: 'Infinity' } }, { x: { invalid: '-inf' } }, { x: { invalid: 'twelve' } }, { x: { invalid: '1e400' } }]);
  });

  it('parses numbers exactly as JavaScript does, including long mantissas', async () => {
    const values = ['0.1', '123456789.123456789', '-0.000001', '9007199254740993', '1.7976931348623157e308', '5e-324', '.5', '+7', '00012'];
    const file = await scratch.file('numbers.csv', `x\n${values.join('\n')}\n`);
    const { rows } = await readAll(file, [number('x')]);
    expect(rows.map((r) => r.x)).toEqual(values.map(Number));
  });

  it('skips a ragged row with an issue naming the row, and keeps row numbers of the rest', async () => {
    const file = await scratch.file('ragged.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n');
    const { rows, rowNumbers, issues } = await readAll(file, [number('a'), number('b')]);
    expect(rows).toEqual([{ a: 1, b: 2 }, { a: 7, b: 8 }]);
    expect(rowNumbers).toEqual([1, 4]);
    expect(issues.map((i) => i.row)).toEqual([2, 3]);
    expect(issues[0].message).toMatch(/row has 1 fields, the header has 2/);
  });

  it('reports a byte that is not UTF-8 in a string column as an invalid value at its row', async () => {
    const bytes = Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x61, 0xff, 0x62]), Buffer.from('\nfine\n')]);
    const file = await scratch.file('latin1.csv', bytes);
    const { rows } = await readAll(file, [text('name')]);
    expect(rows[0]).toEqual({ name: 'ok' });
    expect(rows[1].name).toEqual({ invalid: expect.stringContaining('not valid UTF-8') });
    expect(rows[2]).toEqual({ name: 'fine' });
  });

  it('reports an unclosed quote at the end of the file', async () => {
    const file = await scratch.file('unclosed.csv', 'a,b\n1,"open\n2,3\n');
    const { rows, issues } = await readAll(file, [number('a'), text('b')]);
    expect(rows).toEqual([]);
    expect(issues).toEqual([{ row: 1, column: null, message: expect.stringMatching(/quoted field is not closed/) }]);
  });

  it('rejects an empty file and a duplicated header name', async () => {
    const empty = await scratch.file('empty.csv', '');
    await expect(readAll(empty, [])).rejects.toThrow(/empty\.csv: the file is empty/);
    const dup = await scratch.file('dup.csv', 'a,a\n1,2\n');
    await expect(readAll(dup, [])).rejects.toThrow(/dup\.csv, row 0: the header names column "a" twice/);
  });

  it('streams records that cross chunk boundaries, in batches of constant size', async () => {
    const lines = ['id,label'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},"label ${i}, with comma"`);
    const file = await scratch.file('big.csv', `${lines.join('\n')}\n`);
    const { rows, fingerprint } = await readAll(file, [number('id'), text('label')]);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toEqual({ id: 99_999, label: 'label 99999, with comma' });
    expect(fingerprint.rows).toBe(100_000);
    expect(fingerprint.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses timestamps and booleans', async () => {
    const file = await scratch.file('types.csv', 'when,flag\n2015-06-01,true\n2015-06-01T12:30:00Z,No\n2015-06-01 12:30:00.250+02:00,1\n2015-02-30,maybe\n');
    const { rows } = await readAll(file, [
      { name: 'when', decoding: 'timestamp' },
      { name: 'flag', decoding: 'boolean' },
    ]);
    expect(rows).toEqual([
      { when: Date.UTC(2015, 5, 1), flag: 1 },
      { when: Date.UTC(2015, 5, 1, 12, 30), flag: 0 },
      { when: Date.UTC(2015, 5, 1, 10, 30, 0, 250), flag: 1 },
      { when: { invalid: '2015-02-30' }, flag: { invalid: 'maybe' } },
    ]);
  });
});

describe('file fingerprints', () => {
  it('are the sha256 of the whole file, whether it was read whole, in part, or by random access', async () => {
    const { createHash } = await import('node:crypto');
    const { readFile } = await import('node:fs/promises');
    const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
    const whole = await scratch.file('whole.csv', 'a\n1\n2\n');
    expect((await readAll(whole, [number('a')])).fingerprint.sha256).toBe(await sha(whole));
    const { reader, fingerprint } = readerFor(await scratch.file('partial.csv', `a\n${'1\n'.repeat(300_000)}`));
    await reader.open();
    await reader.close();
    expect((await fingerprint()).sha256).toBe(await sha(reader.path));
  });
});
