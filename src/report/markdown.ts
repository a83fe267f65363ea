/** Small helpers for GitHub-flavoured markdown within GitHub's size limits (DESIGN §4). */

/** GitHub rejects a step summary over 1 MiB and a check run summary, issue or comment over 65,535 characters. */
export const LIMITS = {
  stepSummaryBytes: 1024 * 1024,
  bodyCharacters: 65_535,
  annotationsPerRequest: 50,
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

/** Cuts text to a limit at a line boundary and says so, rather than letting GitHub reject it. */
export function fitToLimit(text: string, limit: number, unit: 'bytes' | 'characters' = 'characters'): string {
  const size = (s: string) => (unit === 'bytes' ? Buffer.byteLength(s) : s.length);
  if (size(text) <= limit) return text;
  const note = '\n\n_… cut to fit GitHub\'s size limit; the full report is in the report file._\n';
  let cut = text.slice(0, Math.max(0, limit - note.length * 4));
  while (size(cut) + size(note) > limit) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  const lastLine = cut.lastIndexOf('\n');
  return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}${note}`;
}
