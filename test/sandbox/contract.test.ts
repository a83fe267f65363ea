import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { operationCoverage, webhookCoverage, withCoverageTable } from '../../src/sandbox/coverage.js';
import { appEvents } from '../../src/sandbox/fixtures.js';
import { operations, subset } from '../../src/sandbox/openapi.js';
import listedOperations from '../../src/sandbox/openapi/operations.json' with { type: 'json' };
import { allRoutes } from '../../src/sandbox/server.js';

const sorted = (values: Iterable<string>) => [...values].sort();

describe('the OpenAPI subset', () => {
  it('holds exactly the operations the sandbox serves, and says where it came from', () => {
    expect(sorted(allRoutes.map((route) => route.operationId))).toEqual(sorted(listedOperations));
    expect(sorted(operations.keys())).toEqual(sorted(listedOperations));
    expect(new Set(allRoutes.map((route) => route.operationId)).size).toBe(allRoutes.length);
    expect(subset['x-ghml-source']).toEqual({
      package: '@octokit/openapi',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      file: 'generated/api.github.com.json',
      extractedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('resolves every $ref inside itself', () => {
    const refs = JSON.stringify(subset).match(/"\$ref":"#\/components\/[^"]+"/g) ?? [];
    const unresolved = refs.map((ref) => ref.slice(9, -1).split('/')).filter(([, , kind, name]) => !subset.components[kind]?.[name]);
    expect(unresolved).toEqual([]);
  });
});

describe('the coverage table', () => {
  it('names a test for every operation and every webhook, and those tests exist', async () => {
    expect(sorted(operationCoverage.map((entry) => entry.operation))).toEqual(sorted(listedOperations));
    const webhooks = sorted(webhookCoverage.map((entry) => entry.webhook));
    expect(webhooks).toEqual(sorted([...appEvents, 'installation']));
    for (const entry of [...operationCoverage, ...webhookCoverage]) {
      const source = await readFile(new URL(`./${entry.file}`, import.meta.url), 'utf8');
      expect(source, `${entry.file} has a test named "${entry.test}"`).toContain(`it('${entry.test}'`);
    }
  });

  it('is the one in src/sandbox/README.md (regenerate with `npx tsx src/sandbox/coverage.ts`)', async () => {
    const readme = await readFile(new URL('../../src/sandbox/README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withCoverageTable(readme));
  });
});
