import { describe, expect, it } from 'vitest';
import { DataContract, type DataContractInput } from '../../../src/contracts/data-contract.js';
import type { Finding } from '../../../src/contracts/validation-report.js';
import { ValidationReport } from '../../../src/contracts/validation-report.js';
import { DataProfile } from '../../../src/contracts/data-profile.js';
import { validateData } from '../../../src/data/validate.js';
import { scratchDirectory, seattleWeather } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

function contract(input: Omit<DataContractInput, 'version'>): DataContract {
  return DataContract.parse({ version: 1, ...input });
}

async function validate(csv: string, input: Omit<DataContractInput, 'version'>, now?: Date) {
  const file = await scratch.file(`data-${Math.random().toString(36).slice(2)}.csv`, csv);
  const { report, profile } = await validateData({ files: [file], contract: contract(input), now });
  // Every document ghml writes must satisfy its own schema.
  ValidationReport.parse(report);
  DataProfile.parse(profile);
  return { report, profile, file };
}

function only(findings: Finding[], expectation: Finding['expectation']): Finding {
  const matching = findings.filter((f) => f.expectation === expectation);
  expect(matching, JSON.stringify(findings, null, 2)).toHaveLength(1);
  return matching[0];
}

describe('column expectations', () => {
  it('type: text in an integer column fails at its row, with the value', async () => {
    const { report, file } = await validate('n\n1\n2\nthree\n4.5\n', { columns: [{ name: 'n', type: 'integer' }] });
    expect(report.valid).toBe(false);
    const finding = only(report.findings, 'type');
    expect(finding.failures).toBe(2);
    expect(finding.examples).toEqual([
      { file, row: 3, value: 'three' },
      { file, row: 4, value: '4.5' },
    ]);
    expect(finding.message).toContain('column "n": 2 rows broke "type"');
  });

  it('nullable: false fails on every empty value', async () => {
    const { report } = await validate('a,b\n1,x\n,y\n,z\n', { columns: [{ name: 'a', type: 'number', nullable: false }, { name: 'b', type: 'string' }] });
    expect(only(report.findings, 'nullable').failures).toBe(2);
  });

  it('max-missing: "at most 30% missing" fails at 40% and holds at 30%', async () => {
    const columns = [{ name: 'x', type: 'number' as const, 'max-missing': 0.3 }];
    const failing = await validate('x\n1\n\n\n\n5\n6\n7\n8\n\n10\n', { columns });
    expect(only(failing.report.findings, 'max-missing').observed).toBe('40.0% missing (4 of 10)');
    const holding = await validate('x\n1\n\n\n4\n5\n6\n7\n8\n\n10\n', { columns });
    expect(holding.report.valid).toBe(true);
  });

  it('min and max, for numbers and timestamps', async () => {
    const { report } = await validate('v,t\n-1,2015-01-01\n5,2016-01-02\n11,2015-06-01\n', {
      columns: [
        { name: 'v', type: 'number', min: 0, max: 10 },
        { name: 't', type: 'timestamp', max: '2015-12-31' },
      ],
    });
    const findings = report.findings.map((f) => [f.expectation, f.column, f.failures, f.examples[0].value]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ['min', 'v', 1, '-1'],
        ['max', 'v', 1, '11'],
        ['max', 't', 1, '2016-01-02T00:00:00.000Z'],
      ]),
    );
    expect(report.findings).toHaveLength(3);
  });

  it('allowed-values for categories, numbers and booleans', async () => {
    const { report } = await validate('w,k,b\nsun,1,true\nhail,2,false\nrain,3,true\n', {
      columns: [
        { name: 'w', type: 'category', 'allowed-values': ['sun', 'rain'] },
        { name: 'k', type: 'integer', 'allowed-values': [1, 2] },
        { name: 'b', type: 'boolean', 'allowed-values': [true] },
      ],
    });
    const byColumn = Object.fromEntries(report.findings.map((f) => [f.column, f.examples.map((e) => e.value)]));
    expect(byColumn).toEqual({ w: ['hail'], k: ['3'], b: ['false'] });
  });

  it('pattern matches the whole value', async () => {
    const { report } = await validate('code\nAB-12\nab-12\nAB-123x\n', { columns: [{ name: 'code', type: 'string', pattern: '[A-Z]{2}-\\d+' }] });
    expect(only(report.findings, 'pattern').examples.map((e) => e.value)).toEqual(['ab-12', 'AB-123x']);
  });

  it('unique reports each repeat, for numbers and strings', async () => {
    const { report } = await validate('id,name\n1,a\n2,b\n1,c\n3,a\n1,d\n', {
      columns: [
        { name: 'id', type: 'integer', unique: true },
        { name: 'name', type: 'string', unique: true },
      ],
    });
    const byColumn = Object.fromEntries(report.findings.map((f) => [f.column, f.examples.map((e) => e.row)]));
    expect(byColumn).toEqual({ id: [3, 5], name: [4] });
  });

  it('mean, stddev and quantile ranges', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const csv = `x\n${values.join('\n')}\n`;
    const holding = await validate(csv, {
      columns: [{ name: 'x', type: 'number', mean: { min: 500, max: 501 }, stddev: { min: 288, max: 289 }, quantiles: [{ quantile: 0.5, min: 490, max: 510 }] }],
    });
    expect(holding.report.valid).toBe(true);
    const failing = await validate(csv, {
      columns: [{ name: 'x', type: 'number', mean: { max: 100 }, stddev: { min: 300 }, quantiles: [{ quantile: 0.9, max: 500 }] }],
    });
    expect(failing.report.findings.map((f) => f.expectation).sort()).toEqual(['mean', 'quantile', 'stddev']);
    expect(only(failing.report.findings, 'mean').observed).toBe('mean 500.5');
  });
});

describe('dataset expectations', () => {
  it('required and unexpected columns', async () => {
    const { report } = await validate('a,c\n1,2\n', {
      columns: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }],
    });
    expect(only(report.findings, 'required-column').column).toBe('b');
    expect(only(report.findings, 'unexpected-column').column).toBe('c');
    const warned = await validate('a,c\n1,2\n', { columns: [{ name: 'a', type: 'number' }], dataset: { 'unexpected-columns': 'warn' } });
    expect(warned.report.valid).toBe(true);
    expect(warned.report.expectations.warnings).toBe(1);
  });

  it('row-count range, and no rows at all always fails', async () => {
    const { report } = await validate('a\n1\n2\n', { columns: [{ name: 'a', type: 'number' }], dataset: { 'row-count': { min: 3 } } });
    expect(only(report.findings, 'row-count').observed).toBe('2 rows');
    const headerOnly = await validate('a,b\n', { columns: [{ name: 'a', type: 'number' }, { name: 'b', type: 'string' }] });
    expect(headerOnly.report.valid).toBe(false);
    expect(only(headerOnly.report.findings, 'row-count').message).toMatch(/no rows/);
  });

  it('primary key: no missing part and no repeat', async () => {
    const { report } = await validate('store,day,sales\n1,2015-01-01,5\n1,2015-01-02,6\n2,2015-01-01,7\n1,2015-01-01,8\n,2015-01-03,1\n', {
      columns: [
        { name: 'store', type: 'integer' },
        { name: 'day', type: 'timestamp' },
        { name: 'sales', type: 'number' },
      ],
      dataset: { 'primary-key': ['store', 'day'] },
    });
    const finding = only(report.findings, 'primary-key');
    expect(finding.examples.map((e) => e.row)).toEqual([4, 5]);
    expect(finding.failures).toBe(2);
  });

  it('freshness measures the newest timestamp against now', async () => {
    const input = {
      columns: [{ name: 'at', type: 'timestamp' as const }],
      dataset: { freshness: { column: 'at', 'max-age': '2d' } },
    };
    const csv = 'at\n2015-12-01\n2015-12-30T12:00:00Z\n';
    expect((await validate(csv, input, new Date('2016-01-01T00:00:00Z'))).report.valid).toBe(true);
    const stale = await validate(csv, input, new Date('2016-01-05T00:00:00Z'));
    expect(only(stale.report.findings, 'freshness').observed).toBe('newest 2015-12-30T12:00:00.000Z');
  });

  it('a ragged row is a readable-data failure naming the row, and the rest is still checked', async () => {
    const { report } = await validate('a,b\n1,2\n3\n4,x\n', { columns: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }] });
    expect(only(report.findings, 'readable').examples.map((e) => e.row)).toEqual([2]);
    expect(only(report.findings, 'type').examples.map((e) => e.row)).toEqual([3]);
  });
});

describe('real data', () => {
  it('seattle-weather passes a faithful contract and fails a tightened one', async () => {
    const faithful = contract({
      name: 'seattle-weather',
      columns: [
        { name: 'date', type: 'timestamp', nullable: false, unique: true, min: '2012-01-01', max: '2015-12-31' },
        { name: 'precipitation', type: 'number', min: 0 },
        { name: 'temp_max', type: 'number', min: -10, max: 40 },
        { name: 'temp_min', type: 'number', min: -10, max: 40 },
        { name: 'wind', type: 'number', min: 0 },
        { name: 'weather', type: 'category', 'allowed-values': ['drizzle', 'fog', 'rain', 'snow', 'sun'] },
      ],
      dataset: { 'row-count': { min: 1000 }, 'primary-key': ['date'] },
    });
    const { report, profile } = await validateData({ files: [seattleWeather], contract: faithful });
    expect(report.valid).toBe(true);
    expect(report.rows).toBe(1461);
    expect(profile.columns.find((c) => c.name === 'weather')?.frequent?.values[0]).toEqual({ value: 'rain', count: 641 });

    const tightened = contract({ ...faithful, columns: faithful.columns.map((c) => (c.name === 'wind' ? { ...c, max: 8 } : c)) });
    const failed = await validateData({ files: [seattleWeather], contract: tightened });
    expect(failed.report.valid).toBe(false);
    // awk -F, 'NR>1 && $5>8' seattle-weather.csv | wc -l → 7
    expect(only(failed.report.findings, 'max').failures).toBe(7);
  });
});
