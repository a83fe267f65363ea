import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory of ghml's own package.json: the nearest one named "ghml" above this code, which
 * runs from src/ under tsx and from dist/ (or its chunks/) when bundled. The bundled Actions, the
 * lock file and the example live beside it.
 */
export function ghmlPackageRoot(): string {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ghml') return (cached = directory);
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`no package.json named "ghml" above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}
