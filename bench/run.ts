// `npm run bench`: every benchmark, one after another, each comparing ghml with its reference tool
// in the same run. Pass names to run some: `npm run bench -- data ks`.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const helpers = new Set(['run.ts', 'worker.ts', 'generate.ts', 'evaluate-child.ts', 'mlp-onnx.ts']);
const all = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !helpers.has(file))
  .map((file) => file.slice(0, -3))
  .sort();
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
for (const name of chosen) {
  if (!all.includes(name)) throw new Error(`no benchmark "${name}": choose from ${all.join(', ')}`);
  console.log(`\n## ${name}\n`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`)], { stdio: 'inherit' });
}
