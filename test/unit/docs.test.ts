import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_PAGE, REFERENCE_END, REFERENCE_START, referenceOf, REGENERATE, renderPolicyReference, spliceReference } from '../../scripts/generate-policy-reference.js';
import { repoRoot } from '../helpers/temp.js';

/**
 * The relative link targets of a markdown text, with the line each is on: inline links and images
 * (`[text](target)`), reference definitions (`[name]: target`) and HTML `href`/`src`. Code — fenced
 * blocks and inline spans — is skipped, because a path in an example is not a link.
 */
function relativeLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence !== undefined) return;
    const prose = text.replace(/(`+)[^`]*?\1/g, '');
    const targets = [
      ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<([^>]+)>[^)]*\)/g)].map((match) => match[1]),
      ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*([^)<\s]+)(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
      ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?([^>\s]+)>?/g)].map((match) => match[1]),
      ...[...prose.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1]),
    ];
    for (const target of targets) {
      // Absolute URLs (https:, mailto:, …), protocol-relative ones and anchors within the page are not files.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#')) continue;
      links.push({ target, line: index + 1 });
    }
  });
  return links;
}

/** The links of a markdown file that point at no file or directory; an anchor or query after the path is not checked. */
function brokenLinks(markdown: string, file: string, root: string, exists: (target: string) => boolean = existsSync): string[] {
  return relativeLinks(markdown).flatMap(({ target, line }) => {
    const pathPart = decodeURI(target.replace(/[#?].*$/, ''));
    const resolved = pathPart.startsWith('/') ? path.join(root, pathPart) : path.resolve(path.dirname(file), pathPart);
    return exists(resolved) ? [] : [`${path.relative(root, file)}:${line}: ${target}`];
  });
}

async function markdownFiles(): Promise<string[]> {
  const inDirectory = async (directory: string, name?: string) => {
    const entries = await readdir(path.join(repoRoot, directory), { withFileTypes: true }).catch(() => []);
    return name === undefined
      ? entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => path.join(repoRoot, directory, entry.name))
      : entries.filter((entry) => entry.isDirectory() && existsSync(path.join(repoRoot, directory, entry.name, name))).map((entry) => path.join(repoRoot, directory, entry.name, name));
  };
  return [
    path.join(repoRoot, 'README.md'),
    path.join(repoRoot, 'CONTRIBUTING.md'),
    ...(await inDirectory('docs')),
    ...(await inDirectory('actions', 'README.md')),
  ].sort();
}

describe('docs/policy.md', () => {
  it('holds the reference generated from the policy schema', async () => {
    const page = await readFile(POLICY_PAGE, 'utf8');
    expect(page.includes(REFERENCE_START) && page.includes(REFERENCE_END), `docs/policy.md lost its ${REFERENCE_START} markers`).toBe(true);
    expect(referenceOf(page) === renderPolicyReference(), `docs/policy.md is stale: run \`${REGENERATE}\` and commit`).toBe(true);
  });

  it('lists every key of the schema, with its default', () => {
    const reference = renderPolicyReference();
    for (const key of ['registry-branch', 'stages', 'risk-tiers.<tier>.approvals', 'risk-tiers.<tier>.also-required', 'models.<model>.risk', 'gates.<stage>.open-drift-issues', 'drift.close-issue-after', 'enforce-stage-order', 'deployments.<stage>.strategy']) {
      expect(reference).toContain(`### \`${key}\``);
    }
    expect(reference).toContain('- **Default:** `[staging, production]`');
  });

  it('replaces only what lies between the markers', () => {
    const page = `# Title\n\nProse.\n\n${REFERENCE_START}\nold\n${REFERENCE_END}\n\nMore prose.\n`;
    const spliced = spliceReference(page, 'new\n');
    expect(spliced).toBe(`# Title\n\nProse.\n\n${REFERENCE_START}\nnew\n${REFERENCE_END}\n\nMore prose.\n`);
    expect(referenceOf(spliced)).toBe('new\n');
    expect(() => spliceReference('# No markers\n', 'new\n')).toThrow(/must hold/);
  });
});

describe('relative links in the documentation', () => {
  it('point at files that exist', async () => {
    const broken: string[] = [];
    for (const file of await markdownFiles()) broken.push(...brokenLinks(await readFile(file, 'utf8'), file, repoRoot));
    expect(broken, 'these relative links point at no file').toEqual([]);
  });

  it('covers the README, CONTRIBUTING, docs/ and every Action README', async () => {
    const files = (await markdownFiles()).map((file) => path.relative(repoRoot, file));
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/README.md', 'docs/policy.md', 'actions/train/README.md']));
  });

  it('finds a broken link in running text, and only there', () => {
    const root = '/repo';
    const file = '/repo/docs/page.md';
    const present = new Set(['/repo/docs/app.md', '/repo/README.md', '/repo/schemas/policy.json']);
    const markdown = [
      'See [the app](app.md#running-it), [the README](../README.md), ![schema](/schemas/policy.json "title"),',
      'the [anchor](#here) and [GitHub](https://github.com).',
      'But [the missing page](missing.md) is broken, and so is [this one][ref].',
      '',
      '[ref]: ./gone/page.md',
      '',
      'Code is not a link: `[x](nowhere.md)`.',
      '```md',
      '[also code](nowhere-either.md)',
      '```',
      '<a href="absent.md">html</a>',
    ].join('\n');
    expect(brokenLinks(markdown, file, root, (target) => present.has(target))).toEqual([
      'docs/page.md:3: missing.md',
      'docs/page.md:5: ./gone/page.md',
      'docs/page.md:11: absent.md',
    ]);
  });
});
