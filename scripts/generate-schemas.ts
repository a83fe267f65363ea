// Writes schemas/*.json from the zod contracts, so the JSON Schemas users and editors see are the
// ones the code enforces. CI fails when the committed files differ from a fresh run.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { documentSchemas } from '../src/contracts/index.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function generateSchemas(outdir = path.join(root, 'schemas')): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  for (const [name, { schema, io }] of Object.entries(documentSchemas)) {
    const json = {
      $id: `https://ghml.dev/schemas/${name}.json`,
      ...z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'throw' }),
    };
    await writeFile(path.join(outdir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await generateSchemas(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
}
