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

/**
 * Calls to a worker thread, answered by messages carrying the call's id, in any order. Messages
 * without an id (logs, notices) are left to other listeners; every call still waiting fails when
 * the worker throws or exits.
 */
export class WorkerCalls<Answer extends { id: number }> {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly worker: Worker,
    /** The error an answer reports, or null for an answer that succeeded. */
    failure: (answer: Answer) => Error | null,
    /** The worker, for messages: "the model's worker thread". */
    what: string,
  ) {
    worker.on('message', (message: Partial<Answer>) => {
      if (typeof message.id !== 'number') return;
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      const error = failure(message as Answer);
      if (error) waiting?.reject(error);
      else waiting?.resolve(message as Answer);
    });
    const failAll = (error: Error) => {
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`${what} exited (code ${code}) before it answered`)));
  }

  /** Posts the message `request` makes of a new id, moving `transfer`; the answer with that id. */
  call(request: (id: number) => unknown, transfer: readonly ArrayBuffer[] = []): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage(request(id), transfer);
    });
  }
}
