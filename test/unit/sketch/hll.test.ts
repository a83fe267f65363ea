import { describe, expect, it } from 'vitest';
import { HllState } from '../../../src/contracts/sketches.js';
import { hash64, hashString64 } from '../../../src/stats/sketch/hash.js';
import { HyperLogLog } from '../../../src/stats/sketch/hll.js';
import { seededRandom } from './support.js';

function relativeError(estimate: number, exact: number): number {
  return (estimate - exact) / exact;
}

describe('HyperLogLog', () => {
  const standardError = HyperLogLog.standardError(12);

  it('estimates 0 when empty', () => {
    expect(new HyperLogLog().estimate()).toBe(0);
  });

  it('counts small sets (near) exactly', () => {
    const sketch = new HyperLogLog();
    for (let n = 1; n <= 20; n++) {
      sketch.addString(`customer-${n}`);
      expect(Math.round(sketch.estimate())).toBe(n);
    }
    // Beyond that, two values sometimes share a register and go unseen; linear counting corrects on average.
    let totalError = 0;
    for (let n = 21; n <= 100; n++) {
      sketch.addString(`customer-${n}`);
      expect(Math.abs(sketch.estimate() - n)).toBeLessThan(2);
      totalError += Math.abs(sketch.estimate() - n);
    }
    expect(totalError / 80).toBeLessThan(1);
    // Three standard errors of linear counting with 1000 values in 4096 registers.
    for (let n = 101; n <= 1000; n++) {
      sketch.addString(`customer-${n}`);
      expect(Math.abs(relativeError(sketch.estimate(), n))).toBeLessThan(0.035);
    }
  });

  it.each([10, 1_000, 100_000, 1_000_000])('estimates %i distinct numbers within 3 standard errors', (distinct) => {
    const sketch = new HyperLogLog();
    for (let i = 0; i < distinct; i++) sketch.addNumber(i * 0.25);
    expect(Math.abs(relativeError(sketch.estimate(), distinct))).toBeLessThan(3 * standardError);
  });

  it.each([10, 1_000, 100_000])('estimates %i distinct strings within 3 standard errors', (distinct) => {
    const sketch = new HyperLogLog();
    for (let i = 0; i < distinct; i++) sketch.addString(`user-${i}@example.com`);
    expect(Math.abs(relativeError(sketch.estimate(), distinct))).toBeLessThan(3 * standardError);
  });

  it.each([4, 8, 14, 16, 18])('keeps within 3 standard errors at precision %i', (precision) => {
    const random = seededRandom(precision);
    const sketch = new HyperLogLog(precision);
    const distinct = 50_000;
    for (let i = 0; i < distinct; i++) sketch.addNumber(random());
    expect(Math.abs(relativeError(sketch.estimate(), distinct))).toBeLessThan(3 * HyperLogLog.standardError(precision));
  });

  it('is unbiased, with the documented standard error, over many independent sets', () => {
    const distinct = 10_000;
    const sets = 40;
    const errors: number[] = [];
    for (let set = 0; set < sets; set++) {
      const sketch = new HyperLogLog();
      for (let i = 0; i < distinct; i++) sketch.addNumber(set * 1e6 + i + 0.5);
      errors.push(relativeError(sketch.estimate(), distinct));
    }
    const mean = errors.reduce((sum, e) => sum + e, 0) / sets;
    const spread = Math.sqrt(errors.reduce((sum, e) => sum + (e - mean) ** 2, 0) / (sets - 1));
    expect(Math.abs(mean)).toBeLessThan((3 * standardError) / Math.sqrt(sets));
    expect(spread).toBeGreaterThan(0.6 * standardError);
    expect(spread).toBeLessThan(1.4 * standardError);
  });

  it('ignores repeats, and hashes -0 as 0', () => {
    const once = new HyperLogLog();
    const thrice = new HyperLogLog();
    for (let i = 0; i < 5000; i++) once.addNumber(i);
    for (let round = 0; round < 3; round++) for (let i = 4999; i >= 0; i--) thrice.addNumber(i === 0 ? -0 : i);
    expect(thrice.toState()).toEqual(once.toState());
  });

  it('addString is addHash of the string’s 64-bit hash', () => {
    const viaString = new HyperLogLog(10);
    const viaHash = new HyperLogLog(10);
    for (let i = 0; i < 3000; i++) {
      viaString.addString(`k${i}`);
      hashString64(`k${i}`);
      viaHash.addHash(hash64[0], hash64[1]);
    }
    expect(viaHash.toState()).toEqual(viaString.toState());
  });

  it('uses the low half of the hash when the high half has no one bit after the index', () => {
    const sketch = new HyperLogLog(4);
    sketch.addHash(0x10000000, 0);
    sketch.addHash(0x20000000, 0x00008000);
    const registers = Buffer.from(sketch.toState().registers, 'base64');
    expect(registers[1]).toBe(61);
    expect(registers[2]).toBe(28 + 16 + 1);
  });

  it('merges to the sketch of the union', () => {
    const left = new HyperLogLog();
    const right = new HyperLogLog();
    const union = new HyperLogLog();
    for (let i = 0; i < 60_000; i++) left.addString(`id-${i}`);
    for (let i = 40_000; i < 100_000; i++) right.addString(`id-${i}`);
    for (let i = 0; i < 100_000; i++) union.addString(`id-${i}`);
    left.merge(right);
    expect(left.toState()).toEqual(union.toState());
    expect(Math.abs(relativeError(left.estimate(), 100_000))).toBeLessThan(3 * standardError);
  });

  it('refuses to merge sketches of different precision', () => {
    expect(() => new HyperLogLog(12).merge(new HyperLogLog(14))).toThrow(/different precision \(12 and 14\)/);
  });

  it('rejects precision outside 4..18', () => {
    for (const precision of [3, 19, 12.5]) expect(() => new HyperLogLog(precision)).toThrow(RangeError);
  });

  describe('state', () => {
    const sketch = new HyperLogLog(8);
    for (let i = 0; i < 2000; i++) sketch.addNumber(i);

    it('matches the HllState schema, with 2^precision register bytes', () => {
      const state = HllState.parse(sketch.toState());
      expect(state.precision).toBe(8);
      expect(Buffer.from(state.registers, 'base64')).toHaveLength(256);
    });

    it('round-trips through JSON', () => {
      const restored = HyperLogLog.fromState(JSON.parse(JSON.stringify(sketch.toState())));
      expect(restored.toState()).toEqual(sketch.toState());
      expect(restored.estimate()).toBe(sketch.estimate());
    });

    const registers = Buffer.from(sketch.toState().registers, 'base64');
    const withRegister = (value: number): string => {
      const copy = Buffer.from(registers);
      copy[7] = value;
      return copy.toString('base64');
    };
    const malformed: [string, HllState, RegExp][] = [
      ['precision out of range', { precision: 20, registers: '' }, /precision must be an integer from 4 to 18/],
      ['too few registers', { precision: 9, registers: registers.toString('base64') }, /needs 512 register bytes, got 256/],
      ['text that is not base64', { precision: 8, registers: `${registers.toString('base64').slice(0, -4)}!!!!` }, /not canonical base64/],
      ['a register above the largest rank', { precision: 8, registers: withRegister(58) }, /register 7 is 58/],
    ];
    it.each(malformed)('rejects %s', (_, state, message) => {
      expect(HyperLogLog.fromState({ precision: 8, registers: withRegister(57) }).precision).toBe(8);
      expect(() => HyperLogLog.fromState(state)).toThrow(message);
      expect(() => HyperLogLog.fromState(state)).toThrow(/^Malformed HyperLogLog sketch state: /);
    });
  });
});
