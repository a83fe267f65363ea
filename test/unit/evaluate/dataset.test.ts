import { describe, expect, it } from 'vitest';
import { DatasetStream } from '../../../src/evaluate/dataset.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

async function textValues(file: string, column: string): Promise<(string | null)[]> {
  const values: (string | null)[] = [];
  for await (const chunk of new DatasetStream([file], [{ name: column, decoding: 'string' }], 1_000).chunks()) {
    const data = chunk.columns.get(column)!;
    if (data.kind !== 'string') throw new Error('read as numbers');
    values.push(...data.values.slice(chunk.start, chunk.start + chunk.rows));
  }
  return values;
}

describe('text columns of a CSV file', () => {
  it('reads every value as written, whether it repeats, collides with another in the cache of recent values, or is long or not ASCII', async () => {
    // Few labels repeated, thousands of distinct ids (more than the cache has slots), long and non-ASCII values, quoted ones.
    const labels = ['rain', 'sun', 'fog', 'drizzle', 'snow'];
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const label = i % 97 === 0 ? 'pluie fine, très' : i % 89 === 0 ? 'x'.repeat(40 + (i % 3)) : labels[(i * 7) % 5];
      return { id: `id-${(i * 7919) % 5_000}`, label };
    });
    const quoted = (text: string) => (text.includes(',') ? `"${text}"` : text);
    const file = await scratch.file('labels.csv', `id,label\n${rows.map((r) => `${r.id},${quoted(r.label)}`).join('\n')}\n`);
    expect(await textValues(file, 'label')).toEqual(rows.map((r) => r.label));
    expect(await textValues(file, 'id')).toEqual(rows.map((r) => r.id));
  });
});
