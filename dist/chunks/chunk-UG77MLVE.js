import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);

// src/io/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var cached;
function ghmlPackageRoot() {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const manifest = path.join(directory, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "ghml") return cached = directory;
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`no package.json named "ghml" above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

export {
  ghmlPackageRoot
};
