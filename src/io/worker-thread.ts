import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of ghml's worker threads. Bundled, its entry is `<name>.js` at the top of the bundle's
 * directory (this code may be in its chunks/; scripts/build.mjs names the entries). From source
 * (tsx, vitest) it is `source`, loaded through a bootstrap that registers tsx in the worker first,
 * since a worker does not take the loader hooks of the thread that starts it.
 */
export function startWorker(name: string, source: URL, workerData: unknown): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (!import.meta.url.endsWith('.ts')) {
    const bundle = path.basename(here) === 'chunks' ? path.dirname(here) : here;
    return new Worker(pathToFileURL(path.join(bundle, `${name}.js`)), { workerData });
  }
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  const registerUrl = pathToFileURL(path.join(path.dirname(manifest), api)).href;
  const bootstrap = `import(${JSON.stringify(registerUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
