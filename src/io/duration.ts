/**
 * Durations as people write them in ghml's inputs, flags and contracts: a number and a unit,
 * `500ms`, `30s`, `1.5h`, `7d`. Each use names the units that make sense for it (a rollout step in
 * weeks does not), and the same parser reads them all.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

/** A duration in one of `units`: a number and the unit, nothing around them. */
export function durationPattern(units: readonly DurationUnit[]): RegExp {
  return new RegExp(`^(\\d+(?:\\.\\d+)?)(${units.join('|')})$`);
}

/** A duration written in one of `units`, in milliseconds; null when the text is not one. */
export function parseDuration(text: string, units: readonly DurationUnit[]): number | null {
  const match = durationPattern(units).exec(text);
  return match === null ? null : Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
}
