import { describe, expect, it } from 'vitest';
import { choiceFlag, outputFormats, wholeNumberFlag, type ParsedArgs } from '../../../src/cli/command.js';
import { ConfigurationError } from '../../../src/errors.js';

const args = (values: ParsedArgs['values']): ParsedArgs => ({ values, positionals: [] });

describe('flags shared by the commands', () => {
  it('a whole number, 0 included unless the flag asks for more, each refusal naming the flag', () => {
    expect(wholeNumberFlag(args({ bootstrap: '0' }), 'bootstrap')).toBe(0);
    expect(wholeNumberFlag(args({ limit: '7' }), 'limit', 1)).toBe(7);
    expect(wholeNumberFlag(args({}), 'limit', 1)).toBeUndefined();
    expect(() => wholeNumberFlag(args({ limit: '0' }), 'limit', 1)).toThrow(new ConfigurationError('--limit must be at least 1, not 0', { input: 'limit' }));
    expect(() => wholeNumberFlag(args({ seed: '1.5' }), 'seed')).toThrow('--seed must be a whole number, not "1.5"');
    expect(() => wholeNumberFlag(args({ seed: '-2' }), 'seed')).toThrow('--seed must be a whole number, not "-2"');
  });

  it('a report format, one of text, json and markdown', () => {
    expect(choiceFlag(args({ format: 'json' }), 'format', outputFormats)).toBe('json');
    expect(() => choiceFlag(args({ format: 'yaml' }), 'format', outputFormats)).toThrow('--format "yaml" is not one of text, json, markdown');
  });
});
