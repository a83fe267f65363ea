import type { Routing } from '../contracts/serve.js';
import type { ServedVersion } from './served-model.js';

/**
 * What answers which request. A routing table is never changed in place: the admin API builds a new
 * one and swaps it in with one assignment, so every request sees either the old table or the new
 * one, and keeps the version it was routed to until it has been answered.
 */

export interface ModelTable {
  name: string;
  versions: ReadonlyMap<string, ServedVersion>;
  routing: Routing;
}

export type RoutingTable = ReadonlyMap<string, ModelTable>;

export type Route = 'primary' | 'canary' | 'pinned';

export interface Routed {
  version: ServedVersion;
  route: Route;
  /** The version to mirror this request to, when the draw says so. */
  shadow: ServedVersion | null;
}

/** Picks the version for one request; `random` is a draw in [0, 1). */
export function route(table: ModelTable, random: () => number = Math.random): Routed {
  const { routing, versions } = table;
  const canary = routing.canary && routing.canary.percent > 0 && random() * 100 < routing.canary.percent ? versions.get(routing.canary.version) : undefined;
  const version = canary ?? versions.get(routing.primary)!;
  const shadow = routing.shadow && routing.shadow.percent > 0 && random() * 100 < routing.shadow.percent ? (versions.get(routing.shadow.version) ?? null) : null;
  return { version, route: canary ? 'canary' : 'primary', shadow };
}

/** The versions a routing names that are not loaded, for a 409. */
export function unloadedVersions(routing: Routing, versions: ReadonlyMap<string, ServedVersion>): string[] {
  return [...routedVersions(routing)].filter((version) => !versions.has(version));
}

export function routedVersions(routing: Routing): Set<string> {
  return new Set([routing.primary, routing.canary?.version, routing.shadow?.version].filter((version): version is string => version !== undefined));
}

/** Each loaded version's role and share of requests, for the metrics. */
export function roles(table: ModelTable): { version: string; role: string; percent: number }[] {
  const { routing } = table;
  const canaryPercent = routing.canary?.percent ?? 0;
  return [...table.versions.keys()].map((version) => {
    if (version === routing.primary) return { version, role: 'primary', percent: 100 - canaryPercent };
    if (version === routing.canary?.version) return { version, role: 'canary', percent: canaryPercent };
    if (version === routing.shadow?.version) return { version, role: 'shadow', percent: routing.shadow.percent };
    return { version, role: 'standby', percent: 0 };
  });
}
