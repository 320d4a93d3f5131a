/** docs/diff.md shows real output: each diff it prints is what the renderer prints today. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack } from '../../../src/encode/index.js';
import { loadSchema } from '../../../src/schema/index.js';
import { diffFiles, renderDiffText } from '../../../src/triage/diff/index.js';
import { defaultConsumers } from '../../helpers/consumers.js';
import { bytesOf, ccfSchema, ROOT } from './helpers.js';

const DOC = readFileSync(join(ROOT, 'docs/diff.md'), 'utf8');

/** Files the doc builds with `preflight pack SOURCE -o NAME` before it diffs them. */
const BUILT: Record<string, string> = {
  'spring-regex.bin': 'docs/diff/spring-regex.source.yaml',
  'spring-inserted.bin': 'docs/diff/spring-inserted.source.yaml',
};

interface Shown { readonly args: string[]; readonly output: string[]; readonly cut: boolean }

/** Each `$ npx preflight diff ...` line of a sh block with the output lines after it (up to `...` or the fence). */
function shownDiffs(): Shown[] {
  const out: Shown[] = [];
  const lines = DOC.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\$ npx preflight diff (.*?)(\s+#.*)?$/.exec(lines[i]!);
    if (!m) continue;
    const output: string[] = [];
    let cut = false;
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('```') && !lines[j]!.startsWith('$ '); j++) {
      if (lines[j] === '...') { cut = true; break; }
      output.push(lines[j]!);
    }
    if (output.length > 0) out.push({ args: m[1]!.trim().split(/\s+/), output, cut });
  }
  return out;
}

function bytesFor(file: string): Uint8Array {
  const source = BUILT[file];
  return source === undefined ? bytesOf(file) : pack(ccfSchema(), readFileSync(join(ROOT, source), 'utf8'), source);
}

describe('docs/diff.md', () => {
  const shown = shownDiffs();

  it('shows the story diffs', () => {
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it.each(shown.map((s) => [s.args.join(' '), s] as const))('%s: the output shown is the output', (_, s) => {
    const schemaAt = s.args.indexOf('--schema');
    const schemaFile = schemaAt >= 0 ? join(ROOT, s.args[schemaAt + 1]!) : undefined;
    const files = s.args.filter((a, i) => !a.startsWith('--') && (i === 0 || !s.args[i - 1]!.startsWith('--')));
    const schema = schemaFile ? loadSchema(schemaFile) : ccfSchema();
    const d = diffFiles({ schema, consumers: schemaFile ? defaultConsumers(schemaFile, schema) : defaultConsumers(), oldBytes: bytesFor(files[0]!), newBytes: bytesFor(files[1]!) });
    const text = renderDiffText(d, { old: files[0]!, new: files[1]! }, false).trimEnd().split('\n');
    expect(s.cut ? text.slice(0, s.output.length) : text).toEqual(s.output);
  });
});
