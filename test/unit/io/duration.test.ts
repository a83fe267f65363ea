import { describe, expect, it } from 'vitest';
import { DataContract } from '../../../src/contracts/data-contract.js';
import { RolloutSettings } from '../../../src/contracts/deploy.js';
import { durationFlag } from '../../../src/cli/commands/serve.js';
import { ConfigurationError } from '../../../src/errors.js';
import { parseDuration } from '../../../src/io/duration.js';

describe('parseDuration', () => {
  it('reads a number and a unit into milliseconds, whole or decimal', () => {
    const all = ['ms', 's', 'm', 'h', 'd', 'w'] as const;
    expect(['500ms', '30s', '1.5m', '2h', '7d', '1w'].map((text) => parseDuration(text, all))).toEqual([500, 30_000, 90_000, 7_200_000, 604_800_000, 604_800_000]);
  });

  it('takes only the units the use names, and nothing around the duration', () => {
    expect(parseDuration('500ms', ['s', 'm'])).toBeNull();
    expect(parseDuration('2w', ['ms', 's', 'm'])).toBeNull();
    expect(parseDuration(' 30s', ['s'])).toBeNull();
    expect(parseDuration('30', ['s'])).toBeNull();
    expect(parseDuration('-5s', ['s'])).toBeNull();
    expect(parseDuration('1e3s', ['s'])).toBeNull();
  });
});

describe('the durations ghml reads', () => {
  it('a rollout step in ms, s or m, and no longer unit', () => {
    expect(RolloutSettings.parse({ 'step-duration': '500ms' })['step-duration']).toBe(500);
    expect(RolloutSettings.parse({ 'step-duration': '5m' })['step-duration']).toBe(300_000);
    expect(RolloutSettings.safeParse({ 'step-duration': '1h' }).error?.issues[0].message).toBe('must be a duration such as 60s, 5m or 500ms');
  });

  it("a contract's freshness max-age in s to w, and not in ms", () => {
    const contract = (maxAge: string) => ({ version: 1, columns: [{ name: 'at', type: 'timestamp' }], dataset: { freshness: { column: 'at', 'max-age': maxAge } } });
    expect(DataContract.safeParse(contract('7d')).success).toBe(true);
    expect(DataContract.safeParse(contract('500ms')).error?.issues[0].message).toBe('a duration such as 30m, 36h or 7d');
  });

  it('a serve flag in any unit, or 0, and a clear error naming the flag otherwise', () => {
    expect(durationFlag('2w', 'log-max-age')).toBe(1_209_600_000);
    expect(durationFlag('0', 'drain-grace')).toBe(0);
    expect(durationFlag(undefined, 'drain-grace')).toBeUndefined();
    expect(() => durationFlag('ten seconds', 'drain-grace')).toThrow(ConfigurationError);
    expect(() => durationFlag('ten seconds', 'drain-grace')).toThrow('--drain-grace "ten seconds" is not a duration: give a number and a unit (ms, s, m, h, d, w), e.g. 30s or 1h, or 0');
  });
});
