/**
 * Every runnable preflight command line of README.md and docs/*.md runs and ends with the exit
 * code the doc gives. The marking rule (doc-commands.ts):
 *
 * - commands live in code blocks fenced as `sh`, `shell`, `bash` or `console`;
 * - a line that starts (after an optional `$ ` prompt) with `preflight ` or `npx preflight ` is a
 *   command; a trailing `\` continues it; other lines (output, `npm …`) are ignored;
 * - `# … exit N` in its comment is the exit code it must end with; no such comment means 0;
 * - a command with a placeholder (`<bucket>`, `…`, `...`, `${{ … }}`), or whose comment says
 *   `not run`, is not run.
 *
 * How they run (command-sandbox.ts): each doc gets a temporary copy of README.md, docs/, corpus/,
 * profiles/ and schemas/, and its commands run there in order through `/bin/sh` (so globs and
 * `> file` work, and a later command can read what an earlier one wrote), with `preflight` on
 * the PATH running this checkout's CLI (dist/ when fresh, else src/ through tsx). Nothing is
 * written into the repository. `preflight fuzz` is bounded: `--time S` becomes `--runs 300`,
 * `--runs N` is cut to 300, and `--seed 1 --workers 1` is added when not given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSandbox } from './command-sandbox.js';
import { docCommands } from './doc-commands.js';
import { documentationFiles } from './doc-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = documentationFiles(ROOT)
  .map((doc) => ({ doc, commands: docCommands(readFileSync(join(ROOT, doc), 'utf8')).filter((c) => c.notRun === undefined) }))
  .filter(({ commands }) => commands.length > 0);

/** Generous for a machine loaded by other work: on an idle 2-core machine with a fresh dist/ the
 *  docs take about 20 s together; under a load average of 20, tsx and all, several minutes. */
const PER_DOC_MS = 900_000;

it('the docs hold runnable commands (the marking rule still finds them)', () => {
  expect(DOCS.map(({ doc }) => doc)).toContain('README.md');
});

// Docs run side by side (each in its own sandbox); the commands of one doc run in order.
it.concurrent.each(DOCS)('$doc: every runnable command exits with its documented code', async ({ doc, commands }) => {
  const sandbox = createSandbox(ROOT);
  try {
    const failures: object[] = [];
    for (const c of commands) {
      const r = await sandbox.run(c.command);
      if (r.status !== c.exit) {
        const output = (r.stderr.trim() !== '' ? r.stderr : r.stdout).trim().split('\n').slice(-6).join('\n');
        failures.push({ where: `${doc}:${c.line}`, ran: r.ran, documented: c.exit, exit: r.status ?? 'killed (timed out)', output });
      }
    }
    expect(failures).toEqual([]);
  } finally {
    sandbox.dispose();
  }
}, PER_DOC_MS);
