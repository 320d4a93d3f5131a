/**
 * Fitting text reports to a terminal width. Lines are measured without their colour codes; every
 * value that could hold an ESC byte of its own has been escaped before it gets here (safe-text.ts),
 * so any ESC in a line is one of ours.
 */

/** Narrower than this, nothing useful fits: a smaller width asked for is raised to it. */
export const MIN_WIDTH = 40;
/** The width when the caller gives none (a pipe, a file, a CI log). */
export const DEFAULT_WIDTH = 80;

export function clampWidth(width: number | undefined): number {
  if (width === undefined || !Number.isFinite(width)) return DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.floor(width));
}

const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a line takes on screen: code points, colour codes left out. */
export function visibleLength(line: string): number {
  let n = 0;
  for (const _ of line.replace(SGR, '')) n++;
  return n;
}

/**
 * Greedy word wrap to `width` columns. Runs of spaces inside a line are kept (they align
 * columns); a line breaks only at spaces. A word longer than a line is broken across lines rather
 * than overflowing (paths and patterns have no spaces to break at).
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens = text.trim().split(/( +)/);
  for (let i = 0; i < tokens.length; i += 2) {
    const word = tokens[i]!;
    const gap = i > 0 ? tokens[i - 1]! : '';
    if (word === '') continue;
    const len = visibleLength(word);
    if (line !== '' && visibleLength(line) + gap.length + len <= width) {
      line += gap + word;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    if (len <= width) {
      line = word;
      continue;
    }
    const pieces = breakWord(word, width);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A line that fits stays; a longer one wraps, its continuation lines indented by `indent` more. */
export function fit(line: string, width: number, indent = 2): string[] {
  if (visibleLength(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const first = wrap(line.slice(lead.length), width - lead.length);
  if (first.length <= 1) return first.map((l) => lead + l);
  const more = ' '.repeat(Math.min(lead.length + indent, width - MIN_WIDTH / 2));
  const rest = wrap(first.slice(1).join(' '), width - more.length);
  return [lead + first[0], ...rest.map((l) => more + l)];
}

/** Keeps the end of a long value (a file's name matters more than its folders): `…/story/july.bin`. */
export function truncateStart(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `…${chars.slice(chars.length - (width - 1)).join('')}`;
}

function breakWord(word: string, width: number): string[] {
  // Colour codes are never split: a coloured word is short (a code, a verdict).
  if (word.includes('\u001b')) return [word];
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}
