// One bundler config for every entry point: one ESM file per Action, the CLI and the app, with
// shared chunks. Native addons stay outside the bundle (DESIGN §4): onnxruntime-node is loaded at
// run time from node_modules or, on a runner, from the tool cache.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const entryPoints = {
  cli: 'src/cli/main.ts',
  'validate-data': 'src/actions/validate-data/index.ts',
  train: 'src/actions/train/index.ts',
  'drift-check': 'src/actions/drift-check/index.ts',
  register: 'src/actions/register/index.ts',
  evaluate: 'src/actions/evaluate/index.ts',
  'model-thread-worker': 'src/model/model-thread-worker.ts',
  'ranking-worker': 'src/evaluate/ranking-worker.ts',
  deploy: 'src/actions/deploy/index.ts',
  app: 'app/index.ts',
};

/** Bundles the entry points (and `extraEntryPoints`, for benchmarks) into `outdir`, emptied first. */
export async function bundle(outdir = path.join(root, 'dist'), extraEntryPoints = {}) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { ...entryPoints, ...extraEntryPoints },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external: ['onnxruntime-node'],
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);",
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  await bundle(outdir);
}
