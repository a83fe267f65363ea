import { MAX_TRIALS, type ParameterSpace, type Sweep } from '../contracts/sweep.js';
import { ConfigurationError } from '../errors.js';
import { SeededRandom } from '../model/random.js';
import type { Params } from './params.js';

/**
 * Plans a sweep into trials. GitHub Actions' matrix on a pool of self-hosted runners is the
 * distributed engine: the plan is a `matrix` for `strategy.matrix: ${{ fromJSON(...) }}`, one job
 * per trial, and nothing here schedules anything.
 */

export interface Trial {
  trial: number;
  params: Params;
}

export interface Matrix {
  include: Trial[];
}

/** Numbers drawn at random keep 4 significant digits, so trial names in the Actions UI stay readable. */
const readable = (value: number) => Number(value.toPrecision(4));

function rangeValue(space: ParameterSpace, fraction: number): number {
  const min = space.min!;
  const max = space.max!;
  const value = space.scale === 'log' ? Math.exp(Math.log(min) + fraction * (Math.log(max) - Math.log(min))) : min + fraction * (max - min);
  return space.type === 'int' ? Math.min(max, Math.max(min, Math.round(value))) : value;
}

function gridValues(space: ParameterSpace): unknown[] {
  if (space.value !== undefined) return [space.value];
  if (space.values !== undefined) return space.values;
  const count = space.count!;
  const values = Array.from({ length: count }, (_, i) => rangeValue(space, i / (count - 1)));
  // Rounding an int range can make neighbours equal; a grid holds each point once.
  return [...new Set(space.type === 'int' ? values : values.map((v) => Number(v.toPrecision(12))))];
}

function randomValue(space: ParameterSpace, random: SeededRandom): unknown {
  if (space.value !== undefined) return space.value;
  if (space.values !== undefined) return space.values[random.below(space.values.length)];
  if (space.type === 'int') {
    if (space.scale === 'linear') return space.min! + random.below(space.max! - space.min! + 1);
    return rangeValue(space, random.next());
  }
  return readable(rangeValue(space, random.next()));
}

export function planSweep(sweep: Sweep): Trial[] {
  const names = Object.keys(sweep.parameters);
  if (sweep.method === 'random') {
    const random = new SeededRandom(sweep.seed);
    return Array.from({ length: sweep['max-trials']! }, (_, i) => ({
      trial: i + 1,
      params: Object.fromEntries(names.map((name) => [name, randomValue(sweep.parameters[name], random)])),
    }));
  }
  const axes = names.map((name) => gridValues(sweep.parameters[name]));
  const size = axes.reduce((product, axis) => product * axis.length, 1);
  const limit = sweep['max-trials'] ?? MAX_TRIALS;
  if (size > limit) {
    throw new ConfigurationError(
      `the grid has ${size} trials (${names.map((n, i) => `${n}: ${axes[i].length}`).join(' × ')}), more than ${sweep['max-trials'] !== undefined ? `max-trials (${limit})` : `GitHub's ${MAX_TRIALS} jobs per matrix`}: use fewer values, or method: random`,
      { input: 'sweep' },
    );
  }
  const trials: Trial[] = [];
  for (let index = 0; index < size; index++) {
    // The last parameter varies fastest, as in nested loops written in the sweep's order.
    let rest = index;
    const params: Params = {};
    for (let a = axes.length - 1; a >= 0; a--) {
      params[names[a]] = axes[a][rest % axes[a].length];
      rest = Math.floor(rest / axes[a].length);
    }
    trials.push({ trial: index + 1, params: Object.fromEntries(names.map((n) => [n, params[n]])) });
  }
  return trials;
}

export function sweepMatrix(sweep: Sweep): Matrix {
  return { include: planSweep(sweep) };
}
