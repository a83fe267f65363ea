import { z } from 'zod';

/**
 * A sweep: a search space of training parameters that `ghml train plan` turns into a GitHub Actions
 * matrix, so trials run in parallel on a pool of runners. People write it (kebab-case keys).
 */

/** GitHub Actions runs at most 256 jobs from one matrix. */
export const MAX_TRIALS = 256;

export const ParameterSpace = z
  .strictObject({
    value: z.json().optional().describe('A constant: every trial gets this value.'),
    values: z.array(z.json()).min(1).optional().describe('A list to choose from: every value in a grid, one at random per trial otherwise.'),
    min: z.number().optional().describe('Lower end of a range (inclusive).'),
    max: z.number().optional().describe('Upper end of a range (inclusive).'),
    scale: z.enum(['linear', 'log']).default('linear').describe('log: spaced or sampled evenly in log space (min must be > 0).'),
    type: z.enum(['float', 'int']).default('float').describe('int: values are rounded to whole numbers.'),
    count: z.number().int().min(2).optional().describe('Points of a range in a grid, from min to max.'),
  })
  .superRefine((space, ctx) => {
    const kinds = [space.value !== undefined, space.values !== undefined, space.min !== undefined || space.max !== undefined].filter(Boolean).length;
    if (kinds !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of value, values, or min and max' });
    else if (space.min !== undefined || space.max !== undefined) {
      if (space.min === undefined || space.max === undefined) ctx.addIssue({ code: 'custom', message: 'a range needs both min and max' });
      else if (space.min > space.max) ctx.addIssue({ code: 'custom', message: `min (${space.min}) is above max (${space.max})` });
      else if (space.scale === 'log' && space.min <= 0) ctx.addIssue({ code: 'custom', message: 'a log scale needs min > 0' });
    }
  })
  .describe('One parameter: a constant (value), a list (values), or a range (min, max, scale, type, count).');
export type ParameterSpace = z.infer<typeof ParameterSpace>;

export const Sweep = z
  .strictObject({
    version: z.literal(1),
    method: z.enum(['grid', 'random']).describe('grid: every combination. random: max-trials draws, reproducible from seed.'),
    seed: z.number().int().default(0).describe('Seed of the random draws.'),
    'max-trials': z.number().int().min(1).max(MAX_TRIALS).optional().describe('Trials to draw (random, required), or the most a grid may have.'),
    metric: z
      .strictObject({ name: z.string().min(1), goal: z.enum(['max', 'min']) })
      .optional()
      .describe('The metric `ghml train select` ranks trials by, unless --metric says otherwise.'),
    parameters: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a parameter name is letters, digits, _, . and -'), ParameterSpace),
  })
  .superRefine((sweep, ctx) => {
    if (sweep.method === 'random' && sweep['max-trials'] === undefined) {
      ctx.addIssue({ code: 'custom', path: ['max-trials'], message: 'a random sweep needs max-trials' });
    }
    if (sweep.method === 'grid') {
      for (const [name, space] of Object.entries(sweep.parameters)) {
        if (space.min !== undefined && space.count === undefined) {
          ctx.addIssue({ code: 'custom', path: ['parameters', name, 'count'], message: 'a range in a grid needs count (how many points from min to max)' });
        }
      }
    }
  })
  .describe('A ghml sweep: the search space `ghml train plan` turns into a GitHub Actions matrix.');
export type Sweep = z.infer<typeof Sweep>;
