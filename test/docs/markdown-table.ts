/**
 * The body rows of the first Markdown table after the line that starts with `heading` (a
 * heading, or a table's own header row), as trimmed cells without backticks.
 */
export function markdownTable(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith(heading));
  if (at < 0) throw new Error(`no line starting with ${JSON.stringify(heading)}`);
  let i = at;
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, '')));
  }
  return rows;
}
