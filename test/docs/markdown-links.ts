import { scanMarkdown, withoutInlineCode } from './scan-markdown.js';

export interface MarkdownLink {
  readonly line: number;
  readonly target: string;
}

const INLINE = /!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;
const AUTOLINK = /<([a-z][a-z0-9+.-]*:[^\s<>]*)>/gi;

/**
 * Every link target in a Markdown file outside code: inline links and images `[t](target)`,
 * reference definitions `[t]: target` and autolinks `<scheme:…>`.
 */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of scanMarkdown(markdown).prose) {
    const prose = withoutInlineCode(text);
    const ref = REFERENCE.exec(prose);
    if (ref) links.push({ line, target: ref[1]! });
    for (const m of prose.matchAll(INLINE)) links.push({ line, target: m[1]! });
    for (const m of prose.matchAll(AUTOLINK)) links.push({ line, target: m[1]! });
  }
  return links;
}
