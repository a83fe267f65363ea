/**
 * Bytes of log lines waiting to be written, encoded straight into large buffers. Building lines as
 * JavaScript strings and joining them cost more than the model itself at tens of thousands of lines
 * a second (string ropes to flatten, then a copy into a Buffer, and the garbage of both); here keys
 * are copied as bytes encoded once, numbers are written digit by digit, and runs of keys with
 * fixed-width values between them are copied whole and filled in.
 */

const CHUNK_BYTES = 1 << 20;
/** Chunks kept for reuse once written: a fresh megabyte each time would make V8 collect garbage for the external memory alone. */
const SPARE_CHUNKS = 16;
const ZERO = 0x30;
const DOT = 0x2e;
const EMPTY = Buffer.alloc(0);
/** `000` to `999`, three bytes each. */
const THREE_DIGITS = Buffer.from(Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0')).join(''));

/** Bytes taken for writing: `views` in order, and the `chunks` they lie in, to give back once written. */
export interface TakenBytes {
  views: Buffer[];
  chunks: Buffer[];
  size: number;
}

export class LineBuffer {
  private filled: Buffer[] = [];
  private filledChunks: Buffer[] = [];
  private spare: Buffer[] = [];
  private chunk: Buffer = EMPTY;
  private position = 0;
  /** Bytes waiting, over every chunk. */
  size = 0;

  private room(bytes: number): void {
    if (this.position + bytes <= this.chunk.length) return;
    if (this.position > 0) {
      this.filled.push(this.chunk.subarray(0, this.position));
      this.filledChunks.push(this.chunk);
    }
    this.chunk = this.fresh(bytes);
    this.position = 0;
  }

  private fresh(bytes: number): Buffer {
    return bytes <= CHUNK_BYTES ? (this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)) : Buffer.allocUnsafe(bytes);
  }

  /** Bytes encoded beforehand (keys, a request's common fields). */
  bytes(source: Uint8Array): void {
    const length = source.length;
    this.room(length);
    this.chunk.set(source, this.position);
    this.position += length;
    this.size += length;
  }

  /** Text that may hold any character. */
  text(value: string): void {
    this.room(value.length * 3);
    const written = this.chunk.write(value, this.position, 'utf8');
    this.position += written;
    this.size += written;
  }

  /** A non-negative whole number below 2^53. */
  whole(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const chunk = this.chunk;
    let position = this.position + digits;
    do {
      chunk[--position] = ZERO + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
    this.position += digits;
    this.size += digits;
  }

  /**
   * A number as JSON.stringify writes it (null for NaN and infinities). Values with up to six
   * decimals, as measured values usually are, are written by integer arithmetic: m / 10^k is the
   * double nearest to the decimal m·10^-k, so when it equals the value, that decimal with the
   * fewest decimals k is the shortest text that reads back as the value, which is what String gives.
   */
  number(value: number): void {
    if (!Number.isFinite(value)) return this.ascii('null');
    const negative = value < 0;
    const magnitude = negative ? -value : value;
    if (magnitude < 1e-6 || magnitude >= 1e15) return this.ascii(String(value));
    let scale = 1;
    let decimals = 0;
    let scaled = Math.round(magnitude);
    while (scaled / scale !== magnitude) {
      if (decimals === 6) return this.ascii(String(value));
      scale *= 10;
      decimals++;
      scaled = Math.round(magnitude * scale);
    }
    if (scaled > Number.MAX_SAFE_INTEGER) return this.ascii(String(value));
    if (negative) this.ascii('-');
    const whole = Math.floor(scaled / scale);
    this.whole(whole);
    if (decimals === 0) return;
    this.room(decimals + 1);
    const chunk = this.chunk;
    const start = this.position;
    chunk[start] = DOT;
    let fraction = scaled - whole * scale;
    for (let k = decimals; k >= 1; k--) {
      chunk[start + k] = ZERO + (fraction % 10);
      fraction = Math.floor(fraction / 10);
    }
    this.position += decimals + 1;
    this.size += decimals + 1;
  }

  /** Text known to be ASCII (numbers, literals). */
  ascii(value: string): void {
    const length = value.length;
    this.room(length);
    const chunk = this.chunk;
    let position = this.position;
    for (let k = 0; k < length; k++) chunk[position++] = value.charCodeAt(k);
    this.position = position;
    this.size += length;
  }

  /**
   * Copies a template holding fixed-width fields and returns where it starts in the current chunk,
   * for `probabilityAt` to fill in: one copy for a run of keys instead of one per key.
   */
  place(template: Uint8Array): number {
    this.room(template.length);
    const start = this.position;
    this.chunk.set(template, start);
    this.position += template.length;
    this.size += template.length;
    return start;
  }

  /**
   * Writes a value in [0, 1] as `d.dddddd` (eight characters: 0.025527, 1.000000) over the
   * placeholder `0.000000` at `at`: only the digits that differ from it, three at a time.
   */
  probabilityAt(at: number, value: number): void {
    const millionths = Math.min(1e6, Math.max(0, Math.round(value * 1e6)));
    const chunk = this.chunk;
    if (millionths === 1e6) {
      chunk[at] = ZERO + 1;
      return;
    }
    const thousandths = (millionths / 1000) | 0;
    const high = thousandths * 3;
    const low = (millionths - thousandths * 1000) * 3;
    chunk[at + 2] = THREE_DIGITS[high];
    chunk[at + 3] = THREE_DIGITS[high + 1];
    chunk[at + 4] = THREE_DIGITS[high + 2];
    chunk[at + 5] = THREE_DIGITS[low];
    chunk[at + 6] = THREE_DIGITS[low + 1];
    chunk[at + 7] = THREE_DIGITS[low + 2];
  }

  /** Everything written so far, in order; the buffer starts empty again. */
  take(): TakenBytes {
    const views = this.filled;
    const chunks = this.filledChunks;
    if (this.position > 0) {
      views.push(this.chunk.subarray(0, this.position));
      chunks.push(this.chunk);
      // The next write takes a chunk, a spare one when there is one.
      this.chunk = EMPTY;
    }
    const taken = { views, chunks, size: this.size };
    this.filled = [];
    this.filledChunks = [];
    this.position = 0;
    this.size = 0;
    return taken;
  }

  /** Chunks whose bytes are on disk, for reuse. */
  recycle(chunks: Buffer[]): void {
    for (const chunk of chunks) if (chunk.length === CHUNK_BYTES && this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
  }
}
