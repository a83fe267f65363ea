import { describe, expect, it } from 'vitest';
import { Aliases, ModelRecord } from '../../../src/contracts/registry.js';
import { DataError } from '../../../src/errors.js';
import { parseDocument, serializeDocument } from '../../../src/registry/documents.js';
import { checkModelName, promotionBranch, releaseTag } from '../../../src/registry/paths.js';
import { parseModelReference, parseVersion } from '../../../src/registry/reference.js';

describe('model names', () => {
  it('takes names that are safe as a path segment and in a tag', () => {
    for (const name of ['churn', 'churn-v2', 'fraud.eu', 'a', '0day', 'x_y', 'a'.repeat(64)]) expect(checkModelName(name)).toBe(name);
    expect(releaseTag('churn', 4)).toBe('model/churn/v4');
    expect(promotionBranch('churn', 'production', 4)).toBe('ghml/promote/churn/production/v4');
  });

  it('refuses path tricks and what git refuses in refs', () => {
    for (const [name, reason] of [
      ['team/churn', 'must be 1–64 characters'],
      ['..', 'must be 1–64 characters'],
      ['a..b', 'must not contain ".."'],
      ['Churn', 'must be 1–64 characters'],
      ['-churn', 'must be 1–64 characters'],
      ['churn.lock', 'must not end with "." or ".lock"'],
      ['churn.', 'must not end with "." or ".lock"'],
      ['a'.repeat(65), 'must be 1–64 characters'],
      ['', 'must be 1–64 characters'],
    ]) {
      expect(() => checkModelName(name), name).toThrow(reason);
    }
  });
});

describe('model references', () => {
  it('reads model, model@v<N>, model@<N> and model@<stage>', () => {
    expect(parseModelReference('churn')).toEqual({ model: 'churn', kind: 'latest' });
    expect(parseModelReference('churn@v12')).toEqual({ model: 'churn', kind: 'version', version: 12 });
    expect(parseModelReference('churn@12')).toEqual({ model: 'churn', kind: 'version', version: 12 });
    expect(parseModelReference('churn@production')).toEqual({ model: 'churn', kind: 'alias', alias: 'production' });
    expect(parseVersion('v3')).toBe(3);
  });

  it('explains what is wrong with a reference', () => {
    expect(() => parseModelReference('churn@')).toThrow('give a version or a stage after @');
    expect(() => parseModelReference('churn@v0')).toThrow('versions start at 1');
    expect(() => parseModelReference('churn@Prod')).toThrow('stage "Prod" must be 1–32 characters');
    expect(() => parseModelReference('../churn@v1')).toThrow('model name "../churn"');
    expect(() => parseVersion('latest')).toThrow('"latest" is not a version');
  });
});

describe('registry documents', () => {
  it('are validated when written and when read, and a bad one is reported with its path', () => {
    expect(serializeDocument(Aliases, { staging: 4, production: 3 })).toBe('{\n  "staging": 4,\n  "production": 3\n}\n');
    expect(() => serializeDocument(Aliases, { staging: 0 })).toThrow('ghml built an invalid registry document: staging: Too small');
    expect(parseDocument(Aliases, '{"staging": 4}', 'x')).toEqual({ staging: 4 });
    expect(() => parseDocument(Aliases, '{"staging": 4', 'repo ghml/registry:models/churn/aliases.json')).toThrow(DataError);
    expect(() => parseDocument(Aliases, '{"staging": 4', 'repo ghml/registry:models/churn/aliases.json')).toThrow(/^repo ghml\/registry:models\/churn\/aliases\.json: is not JSON/);
    expect(() => parseDocument(ModelRecord, '{"format": "ghml.model/v1"}', 'models/churn/model.json')).toThrow('models/churn/model.json: does not match its schema: name: Invalid input');
  });
});
