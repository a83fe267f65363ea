/**
 * Non-cryptographic hashes for the sketches. A HyperLogLog register is a function of the hash of a
 * value, and registers are stored in data profiles and merged with registers computed later, so
 * these functions are part of the serialized format: the same value must hash the same on every
 * run, platform and version. Changing any constant here breaks merging with existing profiles.
 *
 * Two independent 32-bit lanes: lane A is a MurmurHash3-style mix, lane B an xxHash32-style
 * mix with other multipliers. The 32-bit functions return lane A; the 64-bit ones write both lanes
 * into `hash64`, so that hashing allocates nothing.
 */

import { float64Bits, loadFloat64Bits } from '../float-bits.js';

/** The last 64-bit hash as two unsigned 32-bit halves: [0] is the high (lane A), [1] the low (lane B). */
export const hash64 = new Uint32Array(2);

const SEED_A = 0x3c6ef372;
const SEED_B = 0xa54ff53a;
const MURMUR_C1 = 0xcc9e2d51;
const MURMUR_C2 = 0x1b873593;
const XX_P1 = 0x9e3779b1;
const XX_P2 = 0x85ebca77;
const XX_P3 = 0xc2b2ae3d;
const XX_P4 = 0x27d4eb2f;

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

function scrambleA(word: number): number {
  return Math.imul(rotateLeft(Math.imul(word, MURMUR_C1), 15), MURMUR_C2);
}

function absorbA(h: number, word: number): number {
  return (Math.imul(rotateLeft(h ^ scrambleA(word), 13), 5) + 0xe6546b64) | 0;
}

function finishA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function absorbB(h: number, word: number): number {
  return Math.imul(rotateLeft((h + Math.imul(word, XX_P3)) | 0, 17), XX_P4);
}

function finishB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, XX_P2);
  h ^= h >>> 13;
  h = Math.imul(h, XX_P3);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of two 32-bit words (unsigned 32-bit result); the building block of hashNumber. */
export function hashWords(first: number, second: number): number {
  return finishA(absorbA(absorbA(SEED_A, first), second) ^ 8);
}

function hashWordsB(first: number, second: number): number {
  return finishB(absorbB(absorbB((SEED_B + XX_P1) | 0, second), first) ^ 8);
}

/** Unsigned 32-bit hash of the float64 bit pattern of x. */
export function hashNumber(x: number): number {
  loadFloat64Bits(x);
  return hashWords(float64Bits[1], float64Bits[0]);
}

/** 64-bit hash of x into `hash64`; hash64[0] equals hashNumber(x). */
export function hashNumber64(x: number): void {
  loadFloat64Bits(x);
  const low = float64Bits[1];
  const high = float64Bits[0];
  hash64[0] = hashWords(low, high);
  hash64[1] = hashWordsB(low, high);
}

/** Unsigned 32-bit hash of the UTF-16 code units of s. */
export function hashString(s: string): number {
  const length = s.length;
  let h = SEED_A;
  let i = 0;
  for (; i + 1 < length; i += 2) h = absorbA(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < length) h ^= scrambleA(s.charCodeAt(i));
  return finishA(h ^ length);
}

/** 64-bit hash of s into `hash64`; hash64[0] equals hashString(s). Both lanes in one pass over s. */
export function hashString64(s: string): void {
  const length = s.length;
  let a = SEED_A;
  let b = (SEED_B + XX_P1) | 0;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const word = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = absorbA(a, word);
    b = absorbB(b, word);
  }
  if (i < length) {
    const unit = s.charCodeAt(i);
    a ^= scrambleA(unit);
    b = Math.imul(rotateLeft(b ^ Math.imul(unit, XX_P1), 11), XX_P2);
  }
  hash64[0] = finishA(a ^ length);
  hash64[1] = finishB(b ^ length);
}
