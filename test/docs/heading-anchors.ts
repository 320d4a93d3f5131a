import { scanMarkdown } from './scan-markdown.js';

/**
 * The `#anchor` of every heading, as GitHub makes them (github-slugger): the heading's text
 * with Markdown links reduced to their text, lower-cased, every character that is not a letter,
 * digit, mark, `_`, `-` or space removed, spaces turned into `-`; a repeated slug gets `-1`, `-2`…
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of scanMarkdown(markdown).prose) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!m) continue;
    const plain = m[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = plain.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}
