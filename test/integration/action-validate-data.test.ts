import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataProfile } from '../../src/contracts/data-profile.js';
import { runStep } from '../../src/sandbox/step-runner.js';
import { repoRoot, scratchDirectory, seattleWeather } from '../helpers/temp.js';

const scratch = await scratchDirectory();
const entry = path.join(repoRoot, 'dist/validate-data.js');

const contract = `version: 1
columns:
  - { name: date, type: timestamp, nullable: false }
  - { name: precipitation, type: number, min: 0 }
  - { name: temp_max, type: number, max: 30 }
  - { name: temp_min, type: number }
  - { name: wind, type: number }
  - { name: weather, type: category, allowed-values: [drizzle, fog, rain, snow, sun] }
`;

describe('the validate-data Action, run as the runner runs it', () => {
  it('sets outputs, annotates failures and writes a job summary with a chart', async () => {
    await scratch.file('contract.yml', contract);
    const result = await runStep({ entry, workspace: scratch.dir, inputs: { data: seattleWeather, contract: 'contract.yml' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.valid).toBe('false');
    expect(result.outputs.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const profile = DataProfile.parse(JSON.parse(await readFile(result.outputs['profile-path'], 'utf8')));
    expect(profile.rows).toBe(1461);
    expect(result.outputs['report-path']).toBe(path.join(result.runnerTemp, 'ghml', 'validation-report.json'));
    const annotation = result.annotations.find((a) => a.level === 'error' && a.properties.title?.includes('max (temp_max)'));
    expect(annotation?.properties.file).toBe(seattleWeather);
    expect(Number(annotation?.properties.line)).toBeGreaterThan(1);
    expect(result.summary).toContain('### ❌ Data invalid: 1 of');
    expect(result.summary).toContain('#### temp_max\n\n```mermaid\nxychart-beta');
    expect(result.stdout).toMatch(/::error::Data invalid/);
  });

  it("annotates at most 10 errors and 10 warnings, most important first, and says how many more in one line and in the summary", async () => {
    // 15 columns that break max: 0 in 1 to 15 rows, one required column missing, 12 undeclared columns.
    const declared = Array.from({ length: 15 }, (_, i) => `a${i + 1}`);
    const undeclared = Array.from({ length: 12 }, (_, i) => `u${i + 1}`);
    const rows = Array.from({ length: 20 }, (_, r) => [...declared.map((_, i) => (r < i + 1 ? 1 : 0)), ...undeclared.map(() => 0)].join(','));
    const data = await scratch.file('wide.csv', `${[...declared, ...undeclared].join(',')}\n${rows.join('\n')}\n`);
    await scratch.file('wide.yml', `version: 1\ndataset: { unexpected-columns: warn }\ncolumns:\n${[...declared.map((name) => `  - { name: ${name}, type: number, max: 0 }`), '  - { name: missing, type: number }'].join('\n')}\n`);
    const result = await runStep({ entry, workspace: scratch.dir, inputs: { data, contract: 'wide.yml' } });
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.level === 'error');
    const warnings = result.annotations.filter((a) => a.level === 'warning');
    expect(errors).toHaveLength(10);
    expect(warnings).toHaveLength(10);
    // The verdict, then the missing column (the whole dataset), then the columns that broke in the most rows.
    expect(errors[0].message).toMatch(/^Data invalid: 16 of \d+ expectations failed/);
    expect(errors[1].properties.title).toBe('ghml validate-data: required-column (missing)');
    expect(errors.slice(2).map((a) => a.properties.title)).toEqual(['a15', 'a14', 'a13', 'a12', 'a11', 'a10', 'a9', 'a8'].map((name) => `ghml validate-data: max (${name})`));
    // 7 errors and 2 warnings more: each in the log as a plain line, and counted in one more line.
    expect(result.stdout).toContain(`error: ${data}:2: column "a1": 1 row broke "max"`);
    expect(result.stdout).toContain(`warning: column "u12" in ${data} is not in the contract`);
    const notices = result.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
    expect(notices).toEqual([expect.stringMatching(/^9 more problems: see the job summary and the validation report \(.*validation-report\.json\)/)]);
    expect(result.summary.split('\n\n')[1]).toMatch(/^> \[!NOTE\]\n> 9 more problems: see the job summary/);
    expect(result.summary).toContain('| error | max | a1 |');
  });

  it('passes on valid data, and with fail-on-invalid false reports without failing', async () => {
    await scratch.file('loose.yml', contract.replace(', max: 30', ''));
    const ok = await runStep({ entry, workspace: scratch.dir, inputs: { data: seattleWeather, contract: 'loose.yml', 'profile-out': 'profile.json' } });
    expect(ok.exitCode).toBe(0);
    expect(ok.outputs).toMatchObject({ valid: 'true', 'profile-path': 'profile.json' });
    const lenient = await runStep({ entry, workspace: scratch.dir, inputs: { data: seattleWeather, contract: 'contract.yml', 'fail-on-invalid': 'false' } });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.outputs.valid).toBe('false');
  });

  it('fails with a configuration error naming the input, without a stack trace', async () => {
    const missing = await runStep({ entry, workspace: scratch.dir, inputs: { data: seattleWeather } });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain('::error::Configuration error in input "contract": input "contract" is required');
    const badNumber = await runStep({ entry, workspace: scratch.dir, inputs: { data: seattleWeather, contract: 'contract.yml', 'max-examples': 'many' } });
    expect(badNumber.stdout).toContain('::error::Configuration error in input "max-examples": must be a whole number');
    expect(missing.stdout + missing.stderr + badNumber.stdout).not.toMatch(/\n\s+at /);
  });
});
