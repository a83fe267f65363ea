/**
 * The bit pattern of a float64 as two unsigned 32-bit words, the same on every platform: typed
 * arrays use the machine's byte order, so which word is high is fixed here once.
 */

const float64 = new Float64Array(1);
const words = new Uint32Array(float64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = littleEndian ? 0 : 1;
const HIGH = 1 - LOW;

/** The words of x's canonical pattern: [0] high, [1] low; one pattern for ±0 and one for every NaN. */
export const float64Bits = new Uint32Array(2);

/** Writes x's canonical bit pattern into `float64Bits`; allocates nothing. */
export function loadFloat64Bits(x: number): void {
  if (x !== x) {
    float64Bits[0] = 0x7ff80000;
    float64Bits[1] = 0;
    return;
  }
  float64[0] = x === 0 ? 0 : x;
  float64Bits[0] = words[HIGH];
  float64Bits[1] = words[LOW];
}
