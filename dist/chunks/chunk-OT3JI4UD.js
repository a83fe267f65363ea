import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);

// src/stats/float-bits.ts
var float64 = new Float64Array(1);
var words = new Uint32Array(float64.buffer);
var littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
var LOW = littleEndian ? 0 : 1;
var HIGH = 1 - LOW;
var float64Bits = new Uint32Array(2);
function loadFloat64Bits(x) {
  if (x !== x) {
    float64Bits[0] = 2146959360;
    float64Bits[1] = 0;
    return;
  }
  float64[0] = x === 0 ? 0 : x;
  float64Bits[0] = words[HIGH];
  float64Bits[1] = words[LOW];
}

export {
  float64Bits,
  loadFloat64Bits
};
