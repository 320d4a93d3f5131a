import pc from 'picocolors';
import { escapeControls } from '../../report/format.js';
import { clampWidth, wrap } from '../../report/text-layout.js';
import type { CodeExplanation } from './types.js';

/** Markdown emphasis and code spans to plain text (the help texts are written for SARIF's Markdown). */
function plain(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

/** `explain CODE` for a person: the code, its severity and kind (and who defines it), then what it means, why it matters and the fix. */
export function renderCodeExplanation(x: CodeExplanation, options: { readonly color: boolean; readonly width?: number; readonly format?: string }): string {
  const c = pc.createColors(options.color);
  const width = clampWidth(options.width);
  const owner = options.format !== undefined ? `${escapeControls(options.format, 80)}'s` : "the format's";
  const who = x.origin === 'built-in' ? 'built-in' : `defined by ${owner} ${x.origin === 'schema' ? 'schema' : 'consumer model'}`;
  const section = (title: string, text: string): string[] => [c.bold(title), ...wrap(escapeControls(plain(text), 4_000), width - 2).map((l) => `  ${l}`)];
  return `${[
    `${c.bold(x.code)}  ${x.severity}, ${x.kind}; ${who}`,
    escapeControls(x.title, 400),
    '',
    ...section('What it means', x.meaning),
    '',
    ...section('Why it matters to a consumer', x.whyItMatters),
    '',
    ...section('How to fix the content', x.fix),
  ].join('\n')}\n`;
}
