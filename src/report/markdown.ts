/** Small helpers for GitHub-flavoured markdown within GitHub's size limits (DESIGN §4). */

/** GitHub rejects a step summary over 1 MiB and a check run summary, issue or comment over 65,535 characters. */
export const LIMITS = {
  stepSummaryBytes: 1024 * 1024,
  bodyCharacters: 65_535,
} as const;

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/**
 * Cuts text to a limit at a line boundary and says so, rather than letting GitHub reject it. A code
 * block (a mermaid chart) the cut falls inside is closed, so the note after it reads as text.
 */
export function fitToLimit(text: string, limit: number, unit: 'bytes' | 'characters' = 'characters'): string {
  const size = (s: string) => (unit === 'bytes' ? Buffer.byteLength(s) : s.length);
  if (size(text) <= limit) return text;
  const note = '\n\n_… cut to fit GitHub\'s size limit; the full report is in the report file._\n';
  const closing = '\n```';
  let cut = text.slice(0, Math.max(0, limit - (note.length + closing.length) * 4));
  while (size(cut) + size(closing) + size(note) > limit) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  const lastLine = cut.lastIndexOf('\n');
  const kept = lastLine > 0 ? cut.slice(0, lastLine) : cut;
  const insideCode = (kept.match(/^ {0,3}```/gm) ?? []).length % 2 === 1;
  return `${kept}${insideCode ? closing : ''}${note}`;
}

/** A job summary within GitHub's 1 MiB a step, with a little room left for what the step adds after it. */
export function fitStepSummary(text: string): string {
  return fitToLimit(text, LIMITS.stepSummaryBytes - 1024, 'bytes');
}

/**
 * Cuts text as `fitToLimit` does and appends the hidden markers (`<!-- ghml:… -->`) whole after it,
 * within the limit: a marker is how the app finds what it wrote before, so no cut may take it.
 * Uncut, the result is the text and the markers joined by blank lines.
 */
export function fitWithMarkers(text: string, markers: readonly string[], limit: number): string {
  const trailer = markers.map((marker) => `\n\n${marker}`).join('');
  if (trailer.length >= limit) throw new Error(`${markers.length} markers take ${trailer.length} characters, more than the limit of ${limit}`);
  return `${fitToLimit(text, limit - trailer.length)}${trailer}`;
}
