import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { writeParquet } from '../../helpers/duckdb.js';
import { readAllBatches } from '../../helpers/read-batches.js';
import { flights3m, scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

describe('JSON Lines reader', () => {
  it('reads objects, nulls and absent keys as missing, and keeps JSON types strict', async () => {
    const file = await scratch.file(
      'rows.jsonl',
      ['{"id": 1, "name": "a", "ok": true}', '', '{"id": 2, "name": null}', '{"id": "3", "name": 5, "ok": false, "extra": 1}'].join('\n'),
    );
    const { columns, batches, issues } = await readAllBatches(file, [
      { name: 'id', decoding: 'integer' },
      { name: 'name', decoding: 'string' },
      { name: 'ok', decoding: 'boolean' },
    ]);
    expect(issues).toEqual([]);
    expect(columns).toEqual(['id', 'name', 'ok', 'extra']);
    const [id, name, ok] = batches[0].columns;
    expect(id?.kind === 'number' && [...id.status]).toEqual([0, 0, 2]);
    expect(id?.invalidText.get(2)).toBe('3');
    expect(name?.kind === 'string' && name.values).toEqual(['a', null, '5']);
    expect(ok?.kind === 'number' && [...ok.status]).toEqual([0, 1, 0]);
  });

  it('skips a line that is not JSON, naming its row, and goes on', async () => {
    const file = await scratch.file('broken.jsonl', '{"a": 1}\n{"a": 2\n[1,2]\n{"a": 4}\n');
    const { rows, batches, issues } = await readAllBatches(file, [{ name: 'a', decoding: 'number' }]);
    expect(rows).toBe(4);
    expect(issues.map((i) => i.row)).toEqual([2, 3]);
    expect(issues[0].message).toMatch(/^line is not valid JSON \(.+\): the row is skipped$/);
    expect(issues[1].message).toBe('line is not a JSON object: the row is skipped');
    expect(batches.map((b) => [b.firstRow, b.rows])).toEqual([[1, 1], [4, 1]]);
  });
});

describe('Parquet reader', () => {
  it('reads typed columns, nulls and timestamps one row group at a time', async () => {
    const file = `${scratch.dir}/small.parquet`;
    await writeParquet(
      file,
      `SELECT i AS id, CASE WHEN i % 10 = 0 THEN NULL ELSE i * 0.5 END AS score,
              'c' || (i % 3)::VARCHAR AS category, TIMESTAMP '2015-01-01' + INTERVAL (i) HOUR AS at, i % 2 = 0 AS even
       FROM range(5000) t(i)`,
      'COMPRESSION zstd, ROW_GROUP_SIZE 2048',
    );
    const { columns, rows, batches } = await readAllBatches(file, [
      { name: 'id', decoding: 'integer' },
      { name: 'score', decoding: 'number' },
      { name: 'category', decoding: 'string' },
      { name: 'at', decoding: 'timestamp' },
      { name: 'even', decoding: 'boolean' },
      { name: 'absent', decoding: 'number' },
    ]);
    expect(columns).toEqual(['id', 'score', 'category', 'at', 'even']);
    expect(rows).toBe(5000);
    expect(batches.length).toBeGreaterThan(1);
    const first = batches[0];
    const [id, score, category, at, even, absent] = first.columns;
    expect(id?.kind === 'number' && id.values[7]).toBe(7);
    expect(score?.kind === 'number' && [score.status[0], score.values[3]]).toEqual([1, 1.5]);
    expect(category?.kind === 'string' && category.values[4]).toBe('c1');
    expect(at?.kind === 'number' && at.values[2]).toBe(Date.UTC(2015, 0, 1, 2));
    expect(even?.kind === 'number' && [even.values[0], even.values[1]]).toEqual([1, 0]);
    expect(absent).toBeUndefined();
  });

  it('reads the 3-million-row flights file in bounded batches', async () => {
    const { rows, batches } = await readAllBatches(flights3m, [{ name: 'delay', decoding: 'integer' }]);
    expect(rows).toBe(3_000_000);
    expect(Math.max(...batches.map((b) => b.rows))).toBeLessThan(300_000);
  });

  it('rejects a truncated file with a message naming it', async () => {
    const bytes = await readFile(flights3m);
    const truncated = await scratch.file('truncated.parquet', bytes.subarray(0, 100_000));
    await expect(readAllBatches(truncated, [])).rejects.toThrow(/truncated\.parquet: cannot read the Parquet footer .*truncated or not Parquet/);
    const notParquet = await scratch.file('text.parquet', 'id,name\n1,a\n');
    await expect(readAllBatches(notParquet, [])).rejects.toThrow(/text\.parquet: cannot read the Parquet footer/);
    expect((await stat(truncated)).size).toBe(100_000);
  });

  it('reports a corrupt column chunk as a data error naming the column', async () => {
    const file = `${scratch.dir}/corrupt.parquet`;
    await writeParquet(file, 'SELECT i AS id, i * 2 AS twice FROM range(5000) t(i)', 'COMPRESSION zstd');
    const bytes = Buffer.from(await readFile(file));
    // Overwrite bytes inside the first column chunk's compressed pages, keeping the footer intact.
    bytes.fill(0xab, 40, 400);
    const corrupt = await scratch.file('corrupt-pages.parquet', bytes);
    await expect(readAllBatches(corrupt, [{ name: 'id', decoding: 'integer' }])).rejects.toThrow(/corrupt-pages\.parquet, column "id": cannot decode column "id"/);
  });
});
