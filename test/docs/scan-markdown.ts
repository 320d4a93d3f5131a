/** One line of a Markdown file, with its 1-based line number. */
export interface MarkdownLine {
  readonly line: number;
  readonly text: string;
}

/** A fenced code block: its info string (`sh`, `json`, …) and its lines, fences excluded. */
export interface CodeFence {
  readonly info: string;
  /** The line of the opening fence. */
  readonly line: number;
  readonly lines: readonly MarkdownLine[];
  /** The line of the closing fence; undefined when the block runs to the end of the file. */
  readonly end?: number;
}

export interface ScannedMarkdown {
  /** Lines outside code fences (inline code spans are still in them). */
  readonly prose: readonly MarkdownLine[];
  readonly fences: readonly CodeFence[];
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([^`\s]*)/;

/**
 * Splits Markdown into prose lines and fenced code blocks. Fences may be indented (inside a list
 * item); a fence closes on a line of the same character at least as long, as in CommonMark.
 */
export function scanMarkdown(text: string): ScannedMarkdown {
  const prose: MarkdownLine[] = [];
  const fences: CodeFence[] = [];
  let open: { marker: string; info: string; line: number; lines: MarkdownLine[] } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const m = FENCE.exec(raw);
    if (open) {
      const closes = m !== null && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length && m[2] === '';
      if (closes) {
        fences.push({ info: open.info, line: open.line, lines: open.lines, end: line });
        open = undefined;
      } else {
        open.lines.push({ line, text: raw });
      }
    } else if (m) {
      open = { marker: m[1]!, info: m[2]!.toLowerCase(), line, lines: [] };
    } else {
      prose.push({ line, text: raw });
    }
  });
  // An unclosed fence runs to the end of the file (CommonMark); keep its lines checkable.
  if (open) fences.push({ info: open.info, line: open.line, lines: open.lines });
  return { prose, fences };
}

/** The contents of the inline code spans of a prose line (`like this`). */
export function inlineCodeSpans(text: string): string[] {
  return [...text.matchAll(/(`+)([^`]+?)\1(?!`)/g)].map((m) => m[2]!.trim());
}

/** A prose line with its inline code spans blanked out, so links inside code are not links. */
export function withoutInlineCode(text: string): string {
  return text.replace(/(`+)([^`]+?)\1(?!`)/g, (s) => ' '.repeat(s.length));
}
