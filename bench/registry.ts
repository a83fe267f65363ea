/**
 * Time per registry operation as history grows: 10, 1,000 and 10,000 versions of one model, among
 * 100 other models. Run with `npx tsx bench/registry.ts` (or `npm run bench -- registry`).
 *
 * Against the sandbox (real HTTP, real octokit, a real git repository behind a GitHub-shaped API)
 * and against a repository on disk through the git CLI. The registry branch is seeded with
 * `git fast-import`; registration then runs for real: number, release, nine assets, version record.
 *
 * The anchor is GTO, which keeps its registry in git tags: "If you have ~1500 git tags in your
 * repo, most of the commands will take 6-12 seconds" (iterative/gto#156, 2022-05-31). That figure
 * is quoted, not measured here: GTO is not installed on this machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalGitRegistryStore } from '../src/registry/local-git-store.js';
import { Registry } from '../src/registry/registry.js';
import { startSandbox } from '../src/sandbox/index.js';
import { runRegister } from '../src/steps/register.js';
import { seedRegistry } from '../test/integration/registry/seed.js';
import { githubPorts, registerOptions, registrationInputs } from '../test/integration/registry/support.js';

const SIZES = [10, 1_000, 10_000];
const OTHER_MODELS = 100;
const READS = 20;
const REGISTRATIONS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function models(versions: number) {
  return [
    { name: 'bench', versions, aliases: { staging: versions, production: Math.max(1, versions - 1) } },
    ...Array.from({ length: OTHER_MODELS }, (_, index) => ({ name: `other-${index}`, versions: 3, aliases: { production: 3 } })),
  ];
}

interface Row {
  versions: number;
  adapter: string;
  register: number | null;
  resolve: number;
  show: number;
  calls: { register: number | null; resolve: number; show: number };
}

async function sandboxRow(versions: number, work: string): Promise<Row> {
  const sandbox = await startSandbox({ validate: false });
  try {
    const commit = (await sandbox.repo.git(['rev-parse', 'main'])).trim();
    await seedRegistry(sandbox.repo.gitDir, 'ghml/registry', commit, models(versions));
    const ports = githubPorts(sandbox);
    const registry = new Registry(ports.store, 'ghml/registry');
    const inputs = await registrationInputs(path.join(work, `inputs-${versions}`), commit, { model: 'bench' });
    const calls = () => [...sandbox.callLog.values()].reduce((sum, count) => sum + count, 0);
    const counted = async (work: () => Promise<unknown>) => {
      const before = calls();
      await work();
      return calls() - before;
    };
    const register = () => runRegister(registerOptions(inputs, path.join(work, 'scratch'), 'bench'), ports);
    const resolve = () => registry.resolve({ model: 'bench', kind: 'alias', alias: 'production' });
    const show = () => registry.resolve({ model: 'bench', kind: 'version', version: Math.ceil(versions / 2) });
    return {
      versions,
      adapter: 'GitHub API (sandbox)',
      register: await timed(REGISTRATIONS, register),
      resolve: await timed(READS, resolve),
      show: await timed(READS, show),
      calls: { register: await counted(register), resolve: await counted(resolve), show: await counted(show) },
    };
  } finally {
    await sandbox.close();
  }
}

async function localRow(versions: number, work: string): Promise<Row> {
  const repository = path.join(work, `local-${versions}`);
  execFileSync('git', ['init', '-q', '-b', 'main', repository]);
  execFileSync('git', ['-C', repository, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--allow-empty', '-m', 'start']);
  const commit = execFileSync('git', ['-C', repository, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  await seedRegistry(path.join(repository, '.git'), 'ghml/registry', commit, models(versions));
  const registry = new Registry(await LocalGitRegistryStore.open(repository), 'ghml/registry');
  return {
    versions,
    adapter: 'local git',
    // A repository on disk has no releases: what registration costs there is taking the number.
    register: await timed(REGISTRATIONS, () => registry.reserveVersion('bench', {})),
    resolve: await timed(READS, () => registry.resolve({ model: 'bench', kind: 'alias', alias: 'production' })),
    show: await timed(READS, () => registry.resolve({ model: 'bench', kind: 'version', version: Math.ceil(versions / 2) })),
    calls: { register: null, resolve: 0, show: 0 },
  };
}

const work = await mkdtemp(path.join(tmpdir(), 'ghml-bench-registry-'));
try {
  const rows: Row[] = [];
  for (const versions of SIZES) {
    rows.push(await sandboxRow(versions, work));
    rows.push(await localRow(versions, work));
  }
  const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ms`);
  console.log(`Median time per operation; one model with N versions among ${OTHER_MODELS} others.`);
  console.log('register: the whole registration on GitHub (number, draft release, 9 assets uploaded and verified, publish, version record); on disk, taking the number.');
  console.log('resolve: model@production. show: model@v<N/2>. calls: REST requests made by one operation.\n');
  console.log('| versions | store | register | resolve | show | calls (register / resolve / show) |');
  console.log('|---:|---|---:|---:|---:|---|');
  for (const row of rows) {
    const calls = row.adapter === 'local git' ? 'no API' : `${row.calls.register} / ${row.calls.resolve} / ${row.calls.show}`;
    console.log(`| ${row.versions.toLocaleString('en-US')} | ${row.adapter} | ${ms(row.register)} | ${ms(row.resolve)} | ${ms(row.show)} | ${calls} |`);
  }
  console.log('\nAnchor (quoted, not measured here): GTO, registry in git tags, 6–12 s per command at ~1,500 tags (iterative/gto#156).');
} finally {
  await rm(work, { recursive: true, force: true });
}
