import { mkdir, open, readdir, stat, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { LineBuffer, type TakenBytes } from './line-buffer.js';

/**
 * The prediction log: JSON Lines that `ghml drift-check --current <file>` reads as they are.
 *
 * The server encodes a request's lines into a buffer once its answer is sent; they are written off
 * the request path, by a timer or once enough bytes wait, one flush at a time so lines stay in
 * order. A flush writes whole lines in a single write call, so a process killed at any moment
 * leaves every complete line intact and at most one partial line at the end of the file; the next
 * start cuts that partial line off before anything else is written to the directory.
 *
 * Files are named `<stream>-<UTC time>-<counter>.jsonl` and rotate by size and by age. When the disk falls so
 * far behind that `maxBufferedBytes` wait, new lines are dropped and counted rather than letting the
 * server run out of memory.
 */

export interface PredictionLogOptions {
  directory: string;
  /** The file name prefix: `predictions` for served traffic, `shadow` for shadow traffic. */
  stream: string;
  maxFileBytes?: number;
  maxFileAgeMs?: number;
  flushIntervalMs?: number;
  /** A flush starts at once when this many bytes wait. */
  flushBytes?: number;
  /** Past this many bytes waiting, new lines are dropped (and counted). */
  maxBufferedBytes?: number;
}

export const DEFAULT_LOG_OPTIONS = {
  maxFileBytes: 64 * 1024 * 1024,
  maxFileAgeMs: 60 * 60 * 1000,
  flushIntervalMs: 200,
  flushBytes: 4 * 1024 * 1024,
  maxBufferedBytes: 256 * 1024 * 1024,
};

/** Writes the bytes in one call; only a short write (a full disk) takes more. */
export async function writeAll(handle: FileHandle, { views, size }: Pick<TakenBytes, 'views' | 'size'>): Promise<void> {
  let { bytesWritten } = await handle.writev(views);
  if (bytesWritten === size) return;
  const rest = Buffer.concat(views, size).subarray(bytesWritten);
  for (let offset = 0; offset < rest.length; offset += bytesWritten) ({ bytesWritten } = await handle.write(rest, offset, rest.length - offset));
}

function fileTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Cuts a partial last line (a write cut short by a crash) off every log file in the directory, so
 * each file is whole JSON Lines again. Returns the files repaired and the bytes cut.
 */
export async function repairLogDirectory(directory: string): Promise<{ file: string; bytes: number }[]> {
  const repaired: { file: string; bytes: number }[] = [];
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl'));
  for (const name of names) {
    const file = path.join(directory, name);
    const { size } = await stat(file);
    if (size === 0) continue;
    const handle = await open(file, 'r');
    let keep = size;
    try {
      // Read backwards in blocks to the last newline: usually found in the first block.
      const block = Buffer.alloc(64 * 1024);
      for (let end = size; end > 0; ) {
        const start = Math.max(0, end - block.length);
        const { bytesRead } = await handle.read(block, 0, end - start, start);
        const newline = block.subarray(0, bytesRead).lastIndexOf(0x0a);
        if (newline >= 0) {
          keep = start + newline + 1;
          break;
        }
        end = start;
        if (end === 0) keep = 0;
      }
    } finally {
      await handle.close();
    }
    if (keep < size) {
      await truncate(file, keep);
      repaired.push({ file, bytes: size - keep });
    }
  }
  return repaired;
}

export class PredictionLog {
  private readonly options: Required<PredictionLogOptions>;
  private buffer = new LineBuffer();
  private pendingLines = 0;
  private handle: FileHandle | undefined;
  private fileOpenedAt = 0;
  private fileBytes = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private filesOpened = 0;
  /** The file being written, once the first flush opened it. */
  file: string | null = null;
  lines = 0;
  dropped = 0;

  constructor(
    options: PredictionLogOptions,
    private readonly onError: (error: unknown) => void,
  ) {
    this.options = { ...DEFAULT_LOG_OPTIONS, ...options };
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  get directory(): string {
    return this.options.directory;
  }

  get stream(): string {
    return this.options.stream;
  }

  /** Queues `lines` whole lines, which `write` puts into the buffer, for the next flush. */
  append(lines: number, write: (buffer: LineBuffer) => void): void {
    if (this.closed) return;
    if (this.buffer.size > this.options.maxBufferedBytes) {
      this.dropped += lines;
      return;
    }
    write(this.buffer);
    this.pendingLines += lines;
    if (this.buffer.size >= this.options.flushBytes && !this.flushing) setImmediate(() => void this.flush());
  }

  /** Writes what waits; resolves once it is on disk (or failed, which is counted and reported). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.pendingLines > 0 ? this.flush() : undefined));
    if (this.pendingLines === 0) return Promise.resolve();
    const lines = this.pendingLines;
    const taken = this.buffer.take();
    this.pendingLines = 0;
    this.flushing = this.write(taken, lines).finally(() => {
      this.flushing = undefined;
      this.buffer.recycle(taken.chunks);
    });
    return this.flushing;
  }

  private async write({ views, size }: Pick<TakenBytes, 'views' | 'size'>, lines: number): Promise<void> {
    try {
      await this.rotateIfDue(size);
      await writeAll(this.handle!, { views, size });
      this.fileBytes += size;
      this.lines += lines;
    } catch (error) {
      this.dropped += lines;
      this.onError(error);
    }
  }

  private async rotateIfDue(incoming: number): Promise<void> {
    const now = Date.now();
    const due = !this.handle || (this.fileBytes > 0 && this.fileBytes + incoming > this.options.maxFileBytes) || now - this.fileOpenedAt >= this.options.maxFileAgeMs;
    if (!due) return;
    await this.handle?.close();
    this.handle = undefined;
    await mkdir(this.options.directory, { recursive: true });
    // Names sort in the order the files were written: by time, then by a counter within the second.
    const file = path.join(this.options.directory, `${this.options.stream}-${fileTime(new Date(now))}-${String(this.filesOpened++).padStart(6, '0')}.jsonl`);
    // 'a': never truncate a file another run left, even if the names met.
    this.handle = await open(file, 'a');
    this.file = file;
    this.fileOpenedAt = now;
    this.fileBytes = 0;
  }

  /** Flushes everything and closes the file; later lines are ignored. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }
}
