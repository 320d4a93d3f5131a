import { inlineCodeSpans, scanMarkdown } from './scan-markdown.js';

/** Shell endings that turn any exit code of the command before them into success. */
const SWALLOW = /\|\|\s*(?:true\b|:(?!\S)|exit\s+0\b)/;

/**
 * Example lines that run preflight and then throw its exit code away (`… || true`): a CI gate
 * written that way passes on a usage error (exit 2) as on a clean release. Checked in every code
 * block (YAML workflows included) and inline code span. One line per problem.
 */
export function silentFailureProblems(doc: string, markdown: string): string[] {
  const scanned = scanMarkdown(markdown);
  const lines = [
    ...scanned.fences.flatMap((f) => f.lines),
    ...scanned.prose.flatMap(({ line, text }) => inlineCodeSpans(text).map((code) => ({ line, text: code }))),
  ];
  return lines
    .filter(({ text }) => /\bpreflight\b/.test(text) && SWALLOW.test(text))
    .map(({ line, text }) => `${doc}:${line}: "${SWALLOW.exec(text)![0]}" hides preflight's exit code: ${text.trim()}`);
}
