import { hash64, hashNumber64, hashString64, hashWords } from '../stats/sketch/index.js';
import { ValueStatus, type Batch } from './batch.js';

/**
 * Exact-as-far-as-64-bit-hashes uniqueness checks. The one expectation whose memory grows with the
 * data: 8 bytes per distinct value (at most half the table full, so up to 16), because telling a
 * repeated value from a new one needs every value seen. Two different values collide with
 * probability about n²/2⁶⁵ — below one in a million up to 6 million distinct values.
 */

/** An open-addressing set of 64-bit hashes in one typed array. */
export class DistinctTracker {
  private table = new Uint32Array(2 * 1024);
  private size = 0;
  /** True when the value is new, false when it was seen before. */
  addNumber(value: number): boolean {
    hashNumber64(value);
    return this.insert(hash64[0], hash64[1]);
  }

  addString(value: string): boolean {
    hashString64(value);
    return this.insert(hash64[0], hash64[1]);
  }

  addPair(hi: number, lo: number): boolean {
    return this.insert(hi >>> 0, lo >>> 0);
  }

  private insert(hi: number, lo: number): boolean {
    // (0, 0) marks an empty slot; move a real (0, 0) hash out of its way.
    if (hi === 0 && lo === 0) lo = 1;
    if ((this.size + 1) * 2 > this.table.length / 2) this.grow();
    const mask = this.table.length / 2 - 1;
    for (let slot = (hi ^ lo) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 2;
      const h = this.table[at];
      const l = this.table[at + 1];
      if (h === 0 && l === 0) {
        this.table[at] = hi;
        this.table[at + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.insert(old[at], old[at + 1]);
    }
  }
}

/** Checks a primary key (one or more columns) per row: no missing part, no repeated key. */
export class RowKeyHasher {
  private readonly seen = new DistinctTracker();

  constructor(private readonly columnIndexes: number[]) {}

  check(batch: Batch, onFailure: (row: number, problem: string, key: string) => void): void {
    const columns = this.columnIndexes.map((index) => batch.columns[index]);
    rows: for (let i = 0; i < batch.rows; i++) {
      let hi = 0x12345678;
      let lo = 0x9abcdef0;
      for (let part = 0; part < columns.length; part++) {
        const column = columns[part];
        let missing: boolean;
        if (column === undefined) missing = true;
        else if (column.kind === 'number') {
          missing = column.status[i] !== ValueStatus.valid;
          if (!missing) hashNumber64(column.values[i]);
        } else {
          const value = column.values[i];
          missing = value === null;
          if (!missing) hashString64(value!);
        }
        if (missing) {
          onFailure(i, 'a key column is missing its value', keyText(columns, i));
          continue rows;
        }
        // Chaining through the running key keeps ("a", "bc") and ("ab", "c") apart.
        hi = hashWords(hi, hash64[0]);
        lo = hashWords(lo, hash64[1]);
      }
      if (!this.seen.addPair(hi, lo)) onFailure(i, 'the key repeats an earlier row', keyText(columns, i));
    }
  }
}

function keyText(columns: Batch['columns'], row: number): string {
  return columns
    .map((column) => {
      if (column === undefined) return 'null';
      if (column.kind === 'number') return column.status[row] === ValueStatus.valid ? String(column.values[row]) : 'null';
      return column.values[row] ?? 'null';
    })
    .join(', ');
}
