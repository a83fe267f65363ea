import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The hex sha256 of text or bytes in memory. */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The hex sha256 of a file, read as a stream: memory stays flat whatever its size. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
