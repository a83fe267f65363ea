/**
 * Per-column cost of the two-sample KS test: ghml's ks() against scipy.stats.ks_2samp on the
 * same data, in the same run. Run with `npx tsx bench/ks.ts`.
 *
 * scipy is timed inside Python around the call alone (the data arrive through a temp file), so
 * the ratio compares the computations, not process start-up. Set GHML_PYTHON to use another
 * interpreter than /usr/bin/python3; without scipy there, only ghml's figures are printed.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ks } from '../src/stats/drift/index.js';

const PYTHON = process.env.GHML_PYTHON ?? '/usr/bin/python3';

interface Case {
  name: string;
  reference: Float64Array;
  current: Float64Array;
  repeats: number;
}

/** Roughly normal data from a seeded LCG, so every run times the same input. */
function sample(seed: number, n: number, shift: number): Float64Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return Float64Array.from({ length: n }, () => next() + next() + next() + next() - 2 + shift);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeGhml(c: Case): { seconds: number; pValue: number; method: string } {
  let result = ks(c.reference, c.current);
  ks(c.reference, c.current);
  const times: number[] = [];
  for (let r = 0; r < c.repeats; r++) {
    const start = process.hrtime.bigint();
    result = ks(c.reference, c.current);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: median(times), pValue: result.pValue, method: result.method };
}

const PYTHON_TIMER = `
import json, sys, time
import numpy as np
from scipy import stats
x = np.fromfile(sys.argv[1], dtype='<f8')
y = np.fromfile(sys.argv[2], dtype='<f8')
repeats = int(sys.argv[3])
res = stats.ks_2samp(x, y)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    res = stats.ks_2samp(x, y, alternative='two-sided', method='auto')
    times.append(time.perf_counter() - start)
times.sort()
import scipy
print(json.dumps({"seconds": times[len(times) // 2], "pValue": float(res.pvalue), "scipy": scipy.__version__}))
`;

function timeScipy(c: Case, dir: string): { seconds: number; pValue: number; scipy: string } | undefined {
  const xPath = join(dir, 'x.f64');
  const yPath = join(dir, 'y.f64');
  writeFileSync(xPath, new Uint8Array(c.reference.buffer, c.reference.byteOffset, c.reference.byteLength));
  writeFileSync(yPath, new Uint8Array(c.current.buffer, c.current.byteOffset, c.current.byteLength));
  const run = spawnSync(PYTHON, ['-c', PYTHON_TIMER, xPath, yPath, String(c.repeats)], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

const cases: Case[] = [
  {
    name: '10,000 vs 10,000 (exact)',
    reference: sample(1, 10_000, 0),
    current: sample(2, 10_000, 0.02),
    repeats: 51,
  },
  {
    name: '10,000 vs 9,999 (exact, unequal)',
    reference: sample(3, 10_000, 0),
    current: sample(4, 9_999, 0.02),
    repeats: 21,
  },
  {
    name: '1,000,000 vs 1,000,000 (asymptotic)',
    reference: sample(5, 1_000_000, 0),
    current: sample(6, 1_000_000, 0.002),
    repeats: 5,
  },
];

const dir = mkdtempSync(join(tmpdir(), 'ghml-bench-ks-'));
try {
  const probe = spawnSync(PYTHON, ['-c', 'import scipy'], { encoding: 'utf8' });
  const haveScipy = probe.status === 0;
  if (!haveScipy) console.log(`(${PYTHON} has no scipy: timing ghml only)`);
  const rows: string[][] = [['case', 'ghml ms', 'scipy ms', 'ghml/scipy', 'p (ghml)', 'p (scipy)']];
  let scipyVersion = '';
  for (const c of cases) {
    const ours = timeGhml(c);
    const theirs = haveScipy ? timeScipy(c, dir) : undefined;
    if (theirs) scipyVersion = theirs.scipy;
    rows.push([
      `${c.name} [${ours.method}]`,
      (ours.seconds * 1e3).toFixed(3),
      theirs ? (theirs.seconds * 1e3).toFixed(3) : '-',
      theirs ? (ours.seconds / theirs.seconds).toFixed(2) : '-',
      ours.pValue.toPrecision(10),
      theirs ? theirs.pValue.toPrecision(10) : '-',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  console.log(`node ${process.version}${scipyVersion ? `, scipy ${scipyVersion} (${PYTHON})` : ''}; median of repeats`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
