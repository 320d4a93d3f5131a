// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on a terminal (colour codes take none). */
export const visibleLength = (s: string): number => s.replace(ANSI, '').length;

/**
 * Word-wraps `text` to `width` columns. Every line starts with `indent`; continuation lines
 * are indented two more columns; runs of spaces in a wrapped line become one. A word longer than the line (a path) gets a line of its own
 * and is not cut, so it can still be copied.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  // A line that fits keeps its spacing (column padding).
  if (visibleLength(indent + text) <= width) return [indent + text];
  const lines: string[] = [];
  const hang = `${indent}  `;
  let line = indent;
  let empty = true;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const candidate = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      lines.push(line);
      line = `${hang}${word}`;
    } else line = candidate;
    empty = false;
  }
  lines.push(line);
  return lines;
}
