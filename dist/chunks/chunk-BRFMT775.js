import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);

// src/io/digest.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
function sha256Hex(content) {
  return createHash("sha256").update(content).digest("hex");
}
async function sha256OfFile(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

export {
  sha256Hex,
  sha256OfFile
};
