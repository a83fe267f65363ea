import { describe, expect, it } from 'vitest';
import type { Batch, ColumnPlan } from '../../../src/data/batch.js';
import { parseBoolean, parseFromString, parseNumber, parseTimestamp } from '../../../src/data/parse.js';
import { readAllBatches } from '../../helpers/read-batches.js';
import { scratchDirectory } from '../../helpers/temp.js';

/**
 * The reader parses plain records (no doubled quote, a field per header column, the record whole
 * in its buffer) in one pass over their bytes, and hands any other record to its general path.
 * These tests aim at the seams between the two.
 */

const scratch = await scratchDirectory();

const number = (name: string): ColumnPlan => ({ name, decoding: 'number' });
const text = (name: string): ColumnPlan => ({ name, decoding: 'string' });

/** The values of a number column, or the invalid text where a value is invalid. */
function numbers(batches: Batch[], column = 0): (number | string | null)[] {
  return batches.flatMap((batch) => {
    const data = batch.columns[column];
    if (data?.kind !== 'number') throw new Error('not a number column');
    return Array.from(data.values, (value, row) => (data.status[row] === 0 ? value : data.status[row] === 1 ? null : data.invalidText.get(row)!));
  });
}

/** The values of a string column, null where missing. */
function texts(batches: Batch[], column = 1): (string | null)[] {
  return batches.flatMap((batch) => {
    const data = batch.columns[column];
    if (data?.kind !== 'string') throw new Error('not a string column');
    return data.values;
  });
}

describe('CSV reader, plain records and the records around them', () => {
  it('reads short decimals to the same double as Number() does', async () => {
    let seed = 1;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values = ['0', '-0', '0.0', '5.', '.5', '-.5', '000000000000012', '999999999999999', '0.000000000000001', '-123456789.012345', '9007199254740993', '1234567890.1234567'];
    for (let i = 0; i < 20_000; i++) {
      const digits = String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 15))));
      const point = Math.floor(random() * (digits.length + 1));
      values.push(`${random() < 0.3 ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`);
    }
    const file = await scratch.file('decimals.csv', `x,y\n${values.map((value) => `${value},${value}`).join('\n')}\n`);
    const { batches } = await readAllBatches(file, [number('x'), { name: 'y', decoding: 'integer' }]);
    const read = numbers(batches);
    values.forEach((value, i) => expect(Object.is(read[i], Number(value)), value).toBe(true));
    const integers = numbers(batches, 1);
    values.forEach((value, i) => expect(integers[i]).toEqual(Number.isSafeInteger(Number(value)) ? Number(value) : value));
  });

  it('forgets the invalid values of a record that turns out to be ragged', async () => {
    const file = await scratch.file('ragged-invalid.csv', 'a,b\nx,y,z\n1,2\nbad,3,4\n5,6\n');
    const { batches, issues } = await readAllBatches(file, [number('a'), number('b')]);
    expect(issues.map((issue) => issue.row)).toEqual([1, 3]);
    expect(batches.map((batch) => [batch.firstRow, batch.rows])).toEqual([
      [2, 1],
      [4, 1],
    ]);
    for (const batch of batches) for (const column of batch.columns) expect(column?.invalidText.size).toBe(0);
    expect(numbers(batches)).toEqual([1, 5]);
  });

  it('reads quoted fields, with and without doubled quotes, as the general path does', async () => {
    const file = await scratch.file('quoted.csv', 'n,s\n"1.5","a"\n"","b""c"\n"1""2",""\n" 7 ","line\nbreak"\n');
    const { batches, issues } = await readAllBatches(file, [number('n'), text('s')]);
    expect(issues).toEqual([]);
    expect(numbers(batches)).toEqual([1.5, null, '1"2', 7]);
    expect(texts(batches)).toEqual(['a', 'b"c', null, 'line\nbreak']);
  });

  it('reads LF, CRLF and lone CR line ends, blank lines and a stray quote', async () => {
    const file = await scratch.file('line-ends.csv', 'a,b\r\n1,x\r\n\r\n2,y\r3,z\n"4"q,w\n5,a"b\n');
    const { batches, issues, rows } = await readAllBatches(file, [number('a'), text('b')]);
    expect(issues).toEqual([{ row: 4, column: null, message: expect.stringMatching(/text follows a closing quote/) }]);
    expect(numbers(batches)).toEqual([1, 2, 3, 5]);
    expect(texts(batches)).toEqual(['x', 'y', 'z', 'a"b']);
    expect(rows).toBe(5);
  });

  it('reads records that straddle a buffer refill, quoted newlines included', async () => {
    const lines = ['id,note,score'];
    for (let i = 0; i < 60_000; i++) lines.push(i % 7 === 0 ? `${i},"multi\nline ""${i}""",${i / 4}` : `${i},plain ${i % 50},${i / 4}`);
    const file = await scratch.file('straddle.csv', `${lines.join('\n')}\n`);
    const { batches, issues } = await readAllBatches(file, [number('id'), text('note'), number('score')]);
    expect(issues).toEqual([]);
    const ids = numbers(batches);
    const notes = texts(batches);
    const scores = numbers(batches, 2);
    expect(ids).toEqual(Array.from({ length: 60_000 }, (_, i) => i));
    expect(scores).toEqual(Array.from({ length: 60_000 }, (_, i) => i / 4));
    expect(notes).toEqual(Array.from({ length: 60_000 }, (_, i) => (i % 7 === 0 ? `multi\nline "${i}"` : `plain ${i % 50}`)));
  });
});

describe('byte parsers', () => {
  const bytes = (text: string) => [Buffer.from(text, 'latin1'), 0, text.length] as const;

  /** Date.UTC, but reading years 0 to 99 as written, as ISO 8601 does (Date.UTC takes them for 1900 to 1999). */
  const utc = (year: number, ...rest: [number, number, number?, number?, number?, number?]) => {
    const date = new Date(Date.UTC(2000, ...rest));
    date.setUTCFullYear(year);
    return date.getTime();
  };

  it('take timestamps to epoch milliseconds, years before 100 and leap days included', () => {
    for (const [text, expected] of [
      ['2016-02-29', Date.UTC(2016, 1, 29)],
      ['2000-02-29T23:59:60Z', Date.UTC(2000, 1, 29, 23, 59, 60)],
      ['1969-12-31 23:59:59.999', Date.UTC(1969, 11, 31, 23, 59, 59, 999)],
      ['0100-03-01T00:00-01:30', Date.UTC(100, 2, 1) + 90 * 60_000],
      ['0012-06-01', utc(12, 5, 1)],
      ['0099-12-31T12:00Z', utc(99, 11, 31, 12)],
      ['0000-02-29', utc(0, 1, 29)],
      ['9999-12-31T23:59:59.9995+14:00', Date.UTC(9999, 11, 31, 23, 59, 59, 1000) - 14 * 3_600_000],
    ] as const) {
      expect(parseTimestamp(...bytes(text)), text).toBe(expected);
    }
    expect(parseTimestamp(...bytes('2015-02-29'))).toBeNaN();
  });

  it('read a string whole, also where its UTF-8 runs past the scratch buffer in the middle of a character', () => {
    // 63 digits and a 3-byte character: 66 bytes, of which a 64-byte buffer holds the digits alone.
    for (const text of [`${'1'.repeat(63)}€`, `${'1'.repeat(63)}€${'1'.repeat(36)}`, `${'1'.repeat(61)}😀`]) {
      expect(parseFromString(parseNumber, text), text).toBeNaN();
    }
    expect(parseFromString(parseNumber, '1'.repeat(60))).toBe(Number('1'.repeat(60)));
    expect(parseFromString(parseTimestamp, `2015-06-01T12:00:00${' '.repeat(50)}`)).toBe(Date.UTC(2015, 5, 1, 12));
  });

  it('fold boolean words to lower case byte by byte', () => {
    expect(['TRUE', 'tRuE', ' yes\t', 'Y', '1'].map((word) => parseBoolean(...bytes(word)))).toEqual([1, 1, 1, 1, 1]);
    expect(['FALSE', 'No', 'n', 'f', '0', '\x10'].map((word) => parseBoolean(...bytes(word)))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['', 'tru', 'truee', 'yess', '2', 'nope'].map((word) => parseBoolean(...bytes(word)))).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
  });
});
