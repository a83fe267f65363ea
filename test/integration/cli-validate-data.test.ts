import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataProfile } from '../../src/contracts/data-profile.js';
import { ValidationReport } from '../../src/contracts/validation-report.js';
import { ghml as runGhml } from '../helpers/cli.js';
import { writeParquet } from '../helpers/duckdb.js';
import { scratchDirectory, seattleWeather } from '../helpers/temp.js';

const scratch = await scratchDirectory();
const ghml = (...args: string[]) => runGhml(scratch.dir, ...args);

const contractYaml = `version: 1
name: seattle-weather
columns:
  - { name: date, type: timestamp, nullable: false, unique: true }
  - { name: precipitation, type: number, min: 0 }
  - { name: temp_max, type: number }
  - { name: temp_min, type: number }
  - { name: wind, type: number, max: 8 }
  - { name: weather, type: category, allowed-values: [drizzle, fog, rain, snow, sun] }
`;

describe('ghml validate-data', () => {
  it('exits 0 on valid data and writes a profile and report that satisfy their schemas', async () => {
    const contract = await scratch.file('ok.yml', contractYaml.replace(', max: 8', ''));
    const result = await ghml('validate-data', '--data', seattleWeather, '--contract', contract, '--profile-out', 'out/profile.json', '--report-out', 'out/report.json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Data valid: \d+ expectations held on 1,461 rows in 1 file\.\n$/);
    const profile = DataProfile.parse(JSON.parse(await readFile(path.join(scratch.dir, 'out/profile.json'), 'utf8')));
    const report = ValidationReport.parse(JSON.parse(await readFile(path.join(scratch.dir, 'out/report.json'), 'utf8')));
    expect(profile.fingerprint).toBe(report.fingerprint);
    expect(profile.rows).toBe(1461);
  });

  it('exits 1 on invalid data, naming the column, the rows and the first example', async () => {
    const contract = await scratch.file('tight.yml', contractYaml);
    const result = await ghml('validate-data', '--data', seattleWeather, '--contract', contract);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Data invalid: 1 of');
    expect(result.stdout).toMatch(/column "wind": 7 rows broke "max": expected at most 8 \(first: .*seattle-weather\.csv row \d+, value "\d+(\.\d+)?"\)/);
  });

  it('prints JSON and markdown reports', async () => {
    const contract = await scratch.file('tight2.yml', contractYaml);
    const json = await ghml('validate-data', '--data', seattleWeather, '--contract', contract, '--format', 'json');
    expect(ValidationReport.parse(JSON.parse(json.stdout)).valid).toBe(false);
    const markdown = await ghml('validate-data', '--data', seattleWeather, '--contract', contract, '--format', 'markdown');
    expect(markdown.stdout).toContain('### ❌ Data invalid');
    expect(markdown.stdout).toContain('```mermaid\nxychart-beta');
    expect(markdown.stdout).toContain('| error | max | wind |');
  });

  it('reads Parquet and JSON Lines as one dataset with CSV', async () => {
    const parquet = path.join(scratch.dir, 'part.parquet');
    await writeParquet(parquet, "SELECT DATE '2016-01-01' + i::INTEGER AS date, 1.5 AS precipitation, 10.0 AS temp_max, 2.0 AS temp_min, 3.0 AS wind, 'rain' AS weather FROM range(10) t(i)");
    const jsonl = await scratch.file('part.jsonl', '{"date":"2016-02-01","precipitation":0,"temp_max":5,"temp_min":1,"wind":2,"weather":"sun"}\n');
    const contract = await scratch.file('mixed.yml', contractYaml.replace(', max: 8', ''));
    const result = await ghml('validate-data', '--data', seattleWeather, '--data', parquet, '--data', jsonl, '--contract', contract);
    expect(result.stdout).toContain('on 1,472 rows in 3 files');
    expect(result.code).toBe(0);
  });
});

describe('bad input gets a clear message and the right exit code, never a stack trace', () => {
  const cases: [string, () => Promise<string[]>, number, RegExp][] = [
    ['no --contract', async () => ['validate-data', '--data', seattleWeather], 2, /--contract is required: name the data contract file/],
    ['an unknown flag', async () => ['validate-data', '--dta', 'x.csv'], 2, /Unknown option '--dta'.*ghml validate-data --help/],
    ['a data file that does not exist', async () => ['validate-data', '--data', 'missing.csv', '--contract', await scratch.file('c1.yml', contractYaml)], 2, /data file "missing\.csv" does not exist/],
    ['an unknown extension', async () => ['validate-data', '--data', await scratch.file('data.xlsx', 'x'), '--contract', await scratch.file('c2.yml', contractYaml)], 2, /cannot tell the format of .*data\.xlsx.*name it \.csv/],
    ['a contract that is not YAML', async () => ['validate-data', '--data', seattleWeather, '--contract', await scratch.file('bad.yml', 'version: 1\ncolumns: [\n  - name: a\n')], 2, /bad\.yml:\d+: data contract is not valid YAML or JSON/],
    ['an unknown column type', async () => ['validate-data', '--data', seattleWeather, '--contract', await scratch.file('type.yml', 'version: 1\ncolumns:\n  - name: a\n    type: float\n')], 2, /type\.yml:4: columns\[0\]\.type: Invalid option: expected one of "integer"\|"number"/],
    ['a misspelled key', async () => ['validate-data', '--data', seattleWeather, '--contract', await scratch.file('key.yml', 'version: 1\ncolumns:\n  - name: a\n    type: number\n    max_missing: 0.3\n')], 2, /key\.yml:3: columns\[0\]: Unrecognized key: "max_missing"/],
    ['an empty data file', async () => ['validate-data', '--data', await scratch.file('empty.csv', ''), '--contract', await scratch.file('c3.yml', contractYaml)], 1, /empty\.csv: the file is empty: a CSV file needs a header row/],
    ['a header-only file', async () => ['validate-data', '--data', await scratch.file('header.csv', 'date,precipitation,temp_max,temp_min,wind,weather\n'), '--contract', await scratch.file('c4.yml', contractYaml)], 1, /the data has no rows/],
    ['a number column holding text', async () => ['validate-data', '--data', await scratch.file('text.csv', 'date,precipitation,temp_max,temp_min,wind,weather\n2012-01-01,lots,1,1,1,rain\n'), '--contract', await scratch.file('c5.yml', contractYaml)], 1, /column "precipitation": 1 row broke "type": expected a valid number \(first: .*text\.csv row 1, value "lots"\)/],
    ['a corrupt Parquet file', async () => ['validate-data', '--data', await scratch.file('corrupt.parquet', 'PAR1 not really'), '--contract', await scratch.file('c6.yml', contractYaml)], 1, /corrupt\.parquet: cannot read the Parquet footer/],
    ['an unknown command', async () => ['validate-dta'], 2, /unknown command "validate-dta"/],
  ];
  for (const [name, args, code, message] of cases) {
    it(name, async () => {
      const result = await ghml(...(await args()));
      expect(result.code, result.stdout + result.stderr).toBe(code);
      expect(result.stdout + result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('ghml profile', () => {
  it('infer writes a contract the same data then passes; merge combines shard profiles', async () => {
    const inferred = await ghml('profile', 'infer', '--data', seattleWeather, '--out', 'inferred.yml');
    expect(inferred.code).toBe(0);
    expect(inferred.stdout).toContain('weather: category');
    const check = await ghml('validate-data', '--data', seattleWeather, '--contract', 'inferred.yml', '--profile-out', 'whole.json');
    expect(check.code).toBe(0);
    const merged = await ghml('profile', 'merge', '--profile', 'whole.json', '--profile', 'whole.json', '--out', 'twice.json');
    expect(merged).toMatchObject({ code: 0 });
    const twice = DataProfile.parse(JSON.parse(await readFile(path.join(scratch.dir, 'twice.json'), 'utf8')));
    expect(twice.rows).toBe(2922);
    const missing = await ghml('profile', 'merge', '--profile', 'nope.json', '--out', 'x.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/data profile "nope\.json" cannot be read/);
  });
});
