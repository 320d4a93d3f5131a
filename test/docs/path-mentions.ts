import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inlineCodeSpans, scanMarkdown } from './scan-markdown.js';

/** The repository's top-level folders whose paths docs name in code. */
const TOP = ['src', 'test', 'corpus', 'schemas', 'profiles', 'docs', 'scripts', 'bench'];
const MENTION = new RegExp(`(?<![\\w./~\${}-])((?:${TOP.join('|')})/[\\w./-]*)`, 'g');

/** Characters that, right after a path, make it a pattern or a placeholder, not a file name. */
const PLACEHOLDER_NEXT = new Set(['<', '*', '{', '…', '$', '[']);

/**
 * The problems with the repository paths that a Markdown file names in code (inline code spans
 * and code blocks), one line each: `doc:line: path: no such file or folder`. A path is a token
 * that starts with one of the repository's top-level folders (`corpus/ccf/…`, `src/…`); one
 * followed by `<`, `*`, `{`, `…`, `$` or `[` is a pattern or a placeholder and is not checked. A
 * trailing `.` is sentence punctuation. A path in a glob-free file must exist in the checkout.
 */
export function pathMentionProblems(root: string, doc: string, markdown: string): string[] {
  const problems: string[] = [];
  const scanned = scanMarkdown(markdown);
  const pieces = [
    ...scanned.prose.flatMap(({ line, text }) => inlineCodeSpans(text).map((code) => ({ line, code }))),
    ...scanned.fences.flatMap((f) => f.lines.map(({ line, text }) => ({ line, code: text }))),
  ];
  for (const { line, code } of pieces) {
    for (const m of code.matchAll(MENTION)) {
      if (PLACEHOLDER_NEXT.has(code[m.index + m[0].length] ?? '')) continue;
      const path = m[1]!.replace(/\.+$/, '');
      if (!existsSync(join(root, path))) problems.push(`${doc}:${line}: ${path}: no such file or folder in the repository`);
    }
  }
  return problems;
}

