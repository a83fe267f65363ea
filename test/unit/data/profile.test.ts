import { describe, expect, it } from 'vitest';
import { DataContract } from '../../../src/contracts/data-contract.js';
import { DataProfile, type ColumnProfile } from '../../../src/contracts/data-profile.js';
import { inferContract } from '../../../src/data/infer.js';
import { mergeProfiles } from '../../../src/data/merge.js';
import { validateData } from '../../../src/data/validate.js';
import { KllSketch } from '../../../src/stats/sketch/index.js';
import { writeParquet } from '../../helpers/duckdb.js';
import { scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

/** Splits seattle-weather into shards of consecutive rows, each with the header. */
async function shards(count: number): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const [header, ...rows] = (await readFile(seattleWeather, 'utf8')).trimEnd().split('\n');
  const size = Math.ceil(rows.length / count);
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(await scratch.file(`shard-${count}-${i}.csv`, `${header}\n${rows.slice(i * size, (i + 1) * size).join('\n')}\n`));
  return files;
}

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

describe('contract inference', () => {
  it('infers types, presence, ranges and categories from seattle-weather, and the data passes its own contract', async () => {
    const { contract, profile } = await inferContract({ files: [seattleWeather], name: 'seattle-weather' });
    DataContract.parse(contract);
    DataProfile.parse(profile);
    expect(contract.columns.map((c) => [c.name, c.type])).toEqual([
      ['date', 'timestamp'],
      ['precipitation', 'number'],
      ['temp_max', 'number'],
      ['temp_min', 'number'],
      ['wind', 'number'],
      ['weather', 'category'],
    ]);
    expect(contract.columns.find((c) => c.name === 'weather')?.['allowed-values']).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(contract.columns.find((c) => c.name === 'precipitation')).toMatchObject({ min: 0, max: 55.9, nullable: false });
    const { report } = await validateData({ files: [seattleWeather], contract });
    expect(report.findings).toEqual([]);
  });

  it('infers integer, boolean, string and missing shares, and the round trip passes', async () => {
    const rows = ['id,flag,label,score'];
    for (let i = 0; i < 200; i++) rows.push(`${i},${i % 2 ? 'yes' : 'no'},name-${i},${i % 4 === 0 ? '' : i / 10}`);
    const file = await scratch.file('mixed.csv', `${rows.join('\n')}\n`);
    const { contract } = await inferContract({ files: [file] });
    expect(contract.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['flag', 'boolean'],
      ['label', 'string'],
      ['score', 'number'],
    ]);
    expect(contract.columns[3]).toMatchObject({ nullable: true, 'max-missing': 0.25 });
    expect((await validateData({ files: [file], contract })).report.valid).toBe(true);
  });

  it('takes column types from a Parquet schema rather than from the values', async () => {
    const file = `${scratch.dir}/typed.parquet`;
    await writeParquet(file, "SELECT i AS id, i * 0.5 AS score, i % 2 = 0 AS even, TIMESTAMP '2015-01-01' + INTERVAL (i) DAY AS at, DATE '2015-01-01' + i::INTEGER AS day, 'c' || (i % 3)::VARCHAR AS kind FROM range(100) t(i)");
    const { contract } = await inferContract({ files: [file] });
    expect(contract.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['score', 'number'],
      ['even', 'boolean'],
      ['at', 'timestamp'],
      ['day', 'timestamp'],
      ['kind', 'category'],
    ]);
    expect((await validateData({ files: [file], contract })).report.valid).toBe(true);
  });
});

describe('profile merge', () => {
  it('the merge of shard profiles equals the profile of the whole: exactly for counts and moments, within the sketch bound for quantiles', async () => {
    const contract = (await inferContract({ files: [seattleWeather] })).contract;
    const whole = (await validateData({ files: [seattleWeather], contract })).profile;
    const { readFile } = await import('node:fs/promises');
    const [, ...lines] = (await readFile(seattleWeather, 'utf8')).trimEnd().split('\n');
    for (const count of [2, 5, 8]) {
      const parts = [];
      for (const file of await shards(count)) parts.push((await validateData({ files: [file], contract })).profile);
      // Profiles travel between jobs as JSON: merge what a reader would get back.
      const merged = mergeProfiles(parts.map((p) => DataProfile.parse(JSON.parse(JSON.stringify(p)))));
      expect(merged.rows).toBe(whole.rows);
      for (const column of whole.columns) {
        const m = merged.columns.find((c) => c.name === column.name) as ColumnProfile;
        expect([m.count, m.missing, m.invalid]).toEqual([column.count, column.missing, column.invalid]);
        expect(m.frequent?.values).toEqual(column.frequent?.values);
        expect(Math.abs(m.distinct.estimate - column.distinct.estimate)).toBeLessThanOrEqual(column.distinct.estimate * 0.05);
        if (!column.numeric || !m.numeric) continue;
        expect([m.numeric.min, m.numeric.max]).toEqual([column.numeric.min, column.numeric.max]);
        expect(Math.abs(m.numeric.mean - column.numeric.mean)).toBeLessThanOrEqual(Math.abs(column.numeric.mean) * 1e-12);
        expect(Math.abs(m.numeric.variance - column.numeric.variance)).toBeLessThanOrEqual(column.numeric.variance * 1e-12);
        const index = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind'].indexOf(column.name);
        const sorted = lines.map((l) => l.split(',')[index]).map((v) => (index === 0 ? Date.parse(v) : Number(v))).sort((a, b) => a - b);
        const bound = KllSketch.rankError(m.numeric.sketch.k) * sorted.length;
        for (const { quantile, value } of m.numeric.quantiles) {
          // The reported value's rank must be within the sketch's rank error of the requested rank.
          const below = sorted.filter((v) => v < value).length;
          const atMost = sorted.filter((v) => v <= value).length;
          const target = quantile * sorted.length;
          expect(Math.max(below - target, target - atMost, 0)).toBeLessThanOrEqual(bound + 1);
          expect(Number.isFinite(exactQuantile(sorted, quantile))).toBe(true);
        }
      }
    }
  });

  it('counts a column absent from one shard as missing there, and refuses mismatched types', async () => {
    const a = await scratch.file('a.csv', 'x,y\n1,2\n3,4\n');
    const b = await scratch.file('b.csv', 'x\n5\n');
    const pa = (await inferContract({ files: [a] })).profile;
    const pb = (await inferContract({ files: [b] })).profile;
    const merged = mergeProfiles([pb, pa]);
    expect(merged.columns.map((c) => [c.name, c.count, c.missing])).toEqual([
      ['x', 3, 0],
      ['y', 2, 1],
    ]);
    const text = await scratch.file('c.csv', 'x\nhello\n');
    const pc = (await inferContract({ files: [text] })).profile;
    expect(() => mergeProfiles([pa, pc], ['a.json', 'c.json'])).toThrow(/column "x" is integer in an earlier profile but string in c\.json/);
  });
});
