/**
 * The reports docs/consumer-models.md shows are real: its shell commands run in order in a
 * sandbox (as test/docs/ runs them; `fuzz` is left out, its figures depend on the machine), and
 * every `text` block of the page that is a validate report (it starts with PASS, WARN, FAIL or
 * `summary`) is found verbatim in what one of them printed. test/docs/ checks their exit codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSandbox } from '../docs/command-sandbox.js';
import { docCommands } from '../docs/doc-commands.js';
import { scanMarkdown } from '../docs/scan-markdown.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs/consumer-models.md'), 'utf8');

it('every validate report docs/consumer-models.md shows is what its commands print', async () => {
  const commands = docCommands(DOC).filter((c) => c.notRun === undefined && !/^preflight fuzz\b/.test(c.command));
  expect(commands.length).toBeGreaterThan(5);
  const sandbox = createSandbox(ROOT);
  const printed: string[] = [];
  try {
    for (const c of commands) printed.push((await sandbox.run(c.command)).stdout);
  } finally {
    sandbox.dispose();
  }
  const reports = scanMarkdown(DOC).fences
    .filter((f) => f.info === 'text' && /^(PASS|WARN|FAIL|summary) /.test(f.lines[0]?.text ?? ''));
  expect(reports.length).toBeGreaterThan(4);
  for (const block of reports) {
    const text = block.lines.map((l) => l.text).join('\n');
    expect(printed.some((out) => out.includes(text)), `docs/consumer-models.md:${block.line}: no command of the page prints\n${text}`).toBe(true);
  }
}, 600_000);
