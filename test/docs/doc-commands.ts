import { scanMarkdown } from './scan-markdown.js';

/** A preflight command line found in a shell code block of a doc. */
export interface DocCommand {
  /** 1-based line of the doc where the command starts. */
  readonly line: number;
  /** The command as a shell line: prompt, `npx` and the trailing comment removed. */
  readonly command: string;
  /** The exit code the doc gives (`# exit N`), 0 when it gives none. */
  readonly exit: number;
  /** Why the line is not run (a placeholder, `# not run`), or undefined when it is runnable. */
  readonly notRun?: string;
}

/** Info strings of the code blocks whose command lines are commands a reader types. */
const SHELL_BLOCKS = new Set(['sh', 'shell', 'bash', 'console', 'shell-session']);

/** Placeholders a reader must fill in: `<bucket>`, `…`, `...`, `${{ github.run_id }}`. */
const PLACEHOLDER = /<[\w.-]+>|…|\.\.\.|\$\{\{/;

/**
 * The preflight command lines of a doc. The marking rule (stated at the top of
 * docs-commands.test.ts too):
 *
 * - only code blocks fenced as `sh`, `shell`, `bash` or `console` hold commands;
 * - a line (after an optional `$ ` prompt) that starts with `preflight ` or `npx preflight ` is a
 *   command; a trailing `\` continues it on the next line; other lines (output, `npm …`) are not;
 * - a comment `# … exit N` after it gives the exit code it must end with; without one, 0;
 * - a command holding a placeholder (`<name>`, `…`, `...`, `${{ … }}`) or a comment with
 *   `not run` is not run: it is still listed, with the reason.
 */
export function docCommands(markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const fence of scanMarkdown(markdown).fences) {
    if (!SHELL_BLOCKS.has(fence.info)) continue;
    for (let i = 0; i < fence.lines.length; i++) {
      const start = fence.lines[i]!;
      let text = start.text.trim().replace(/^\$\s+/, '');
      if (!/^(npx\s+)?preflight(\s|$)/.test(text)) continue;
      while (text.endsWith('\\') && i + 1 < fence.lines.length) {
        text = `${text.slice(0, -1).trimEnd()} ${fence.lines[++i]!.text.trim()}`;
      }
      const { code, comment } = splitComment(text);
      const command = code.replace(/^npx\s+/, '');
      const exit = /\bexit\s+(\d+)\b/.exec(comment)?.[1];
      const placeholder = PLACEHOLDER.exec(command)?.[0];
      const notRun = /\bnot run\b/i.test(comment) ? 'marked "not run"'
        : placeholder !== undefined ? `placeholder ${placeholder}` : undefined;
      commands.push({ line: start.line, command, exit: exit === undefined ? 0 : Number(exit), ...(notRun ? { notRun } : {}) });
    }
  }
  return commands;
}

/** Splits a shell line at its first `#` that starts a comment (outside quotes, after a blank). */
function splitComment(text: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return { code: text.slice(0, i).trim(), comment: text.slice(i + 1) };
  }
  return { code: text.trim(), comment: '' };
}
