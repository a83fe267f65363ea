import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';

/**
 * The story the demo tells with real data: Seattle's daily weather, 2012–2015 (vega-datasets).
 * The first model learns from two years; the second from two and a half; both are judged on the
 * same later half-year; then 2015 — a warmer year than any before — arrives at the server.
 */
export const MODEL = 'seattle-weather';
export const LABEL = 'weather';
export const EXAMPLE = 'examples/seattle-weather';

export interface DataWindow {
  file: string;
  /** Days from `from` up to, not including, `until` (ISO dates). */
  from: string;
  until: string;
  description: string;
}

export const windows = {
  trainV1: { file: 'data/weather-2012-2013.csv', from: '2012-01-01', until: '2014-01-01', description: 'v1 training data, 2012–2013' },
  trainV2: { file: 'data/weather-2012-2014h1.csv', from: '2012-01-01', until: '2014-07-01', description: 'v2 training data, 2012 to June 2014' },
  holdout: { file: 'data/weather-2014h2.csv', from: '2014-07-01', until: '2015-01-01', description: 'held out, July–December 2014' },
  replayH1: { file: 'data/weather-2015h1.csv', from: '2015-01-01', until: '2015-07-01', description: 'replayed through the server, January–June 2015' },
  replayH2: { file: 'data/weather-2015h2.csv', from: '2015-07-01', until: '2016-01-01', description: 'replayed through the server, July–December 2015' },
} satisfies Record<string, DataWindow>;

/**
 * The team's policy on the default branch: a high-risk model needs two approvals from the ML
 * leads and one from the risk team for every stage, production needs a passed evaluation and data
 * validation and no open critical drift, and production rolls out as a canary.
 */
export const policyYaml = `# ghml promotion policy (see docs/policy.md)
registry-branch: ghml/registry
stages: [staging, production]
risk-tiers:
  high: { approvals: 2, approvers: ["@octo-org/ml-leads"], also-required: ["@octo-org/risk"] }
models:
  ${MODEL}: { risk: high, owners: ["@octo-org/ml-leads"] }
gates:
  production: { evaluation: required, data-validation: required, open-drift-issues: block }
drift:
  schedule-issue-after: 2
  retrain-workflow: pipeline.yml
deployments:
  staging: { strategy: blue-green }
  production: { strategy: canary }
`;

/** The daily rows of the dataset, split by date into the windows' files under `directory`. */
export async function writeDataWindows(csvFile: string, directory: string): Promise<void> {
  const [header, ...days] = (await readFile(csvFile, 'utf8')).trim().split(/\r?\n/);
  for (const window of Object.values(windows)) {
    // Each line starts with its ISO date, so the lines of a window compare as text.
    const rows = days.filter((line) => line.slice(0, 10) >= window.from && line.slice(0, 10) < window.until);
    const file = path.join(directory, window.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${[header, ...rows].join('\n')}\n`);
  }
}

/** The Seattle weather data shipped by the vega-datasets package, a development dependency of ghml. */
export function seattleWeatherCsv(packageRoot: string): string {
  const file = path.join(packageRoot, 'node_modules/vega-datasets/data/seattle-weather.csv');
  if (!existsSync(file)) throw new ConfigurationError(`the demo's data, ${file}, is missing: run \`npm ci\` in ${packageRoot} (the demo needs the development dependency vega-datasets)`);
  return file;
}

/**
 * The first commit of the demo repository: the example (contract, parameters, thresholds, drift
 * configuration), its workflows, the team's policy, and the data windows.
 */
export async function writeSeedRepository(packageRoot: string, seed: string): Promise<void> {
  await cp(path.join(packageRoot, EXAMPLE), path.join(seed, EXAMPLE), { recursive: true });
  // The example's workflows, where GitHub runs them; the policy names pipeline.yml for retraining.
  await cp(path.join(packageRoot, EXAMPLE, '.github/workflows'), path.join(seed, '.github/workflows'), { recursive: true });
  await writeFile(path.join(seed, '.github/ghml.yml'), policyYaml);
  await writeFile(path.join(seed, '.gitignore'), 'node_modules/\nmodel/\ncheckpoints/\nreports/\n');
  await writeFile(path.join(seed, 'README.md'), `# ml-repo\n\nThe Seattle weather model, trained, registered, promoted and deployed with ghml.\n`);
  await writeDataWindows(seattleWeatherCsv(packageRoot), seed);
}
