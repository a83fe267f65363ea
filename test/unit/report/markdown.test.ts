import { describe, expect, it } from 'vitest';
import { fitToLimit, fitWithMarkers } from '../../../src/report/markdown.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`).join('\n');

describe('cutting text to a size limit', () => {
  it('cuts at a line boundary with a note, and closes a code block the cut falls inside', () => {
    const text = `### Verdict\n\n\`\`\`mermaid\nxychart-beta\n${rows(200)}\n\`\`\`\n\nafter`;
    const cut = fitToLimit(text, 2000);
    expect(cut.length).toBeLessThanOrEqual(2000);
    expect(cut).toMatch(/\| row \d+ \| x+ \|\n```\n\n_… cut to fit GitHub's size limit; the full report is in the report file\._\n$/);
    expect(fitToLimit(`${rows(200)}`, 2000)).not.toContain('```');
    expect(fitToLimit('short', 10)).toBe('short');
  });

  it('keeps hidden markers whole after a cut, within the limit', () => {
    const markers = ['<!-- ghml:drift-report:drift/a/b/1.json -->', '<!-- ghml:drift-report:drift/a/b/2.json -->'];
    const fitted = fitWithMarkers(rows(5000), markers, 65_535);
    expect(fitted.length).toBeLessThanOrEqual(65_535);
    expect(fitted).toContain("_… cut to fit GitHub's size limit");
    expect(fitted.endsWith(`\n\n${markers[0]}\n\n${markers[1]}`)).toBe(true);
    expect(fitWithMarkers('short', markers, 65_535)).toBe(`short\n\n${markers.join('\n\n')}`);
    expect(() => fitWithMarkers('short', markers, 50)).toThrow('more than the limit');
  });
});
