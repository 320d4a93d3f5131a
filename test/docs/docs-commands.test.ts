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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type CommandSandbox } from './command-sandbox.js';
import { docCommands } from './doc-commands.js';
import { documentationFiles } from './doc-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = documentationFiles(ROOT)
  .map((doc) => ({ doc, commands: docCommands(readFileSync(join(ROOT, doc), 'utf8')).filter((c) => c.notRun === undefined) }))
  .filter(({ commands }) => commands.length > 0);

it('the docs hold runnable commands (the marking rule still finds them)', () => {
  expect(DOCS.map(({ doc }) => doc)).toContain('README.md');
});

describe.each(DOCS)('$doc', ({ doc, commands }) => {
  let sandbox: CommandSandbox;
  beforeAll(() => { sandbox = createSandbox(ROOT); });
  afterAll(() => sandbox.dispose());

  it.each(commands.map((c) => ({ ...c, where: `${doc}:${c.line}` })))('$where: $command', ({ command, exit, where }) => {
    const r = sandbox.run(command);
    const tail = (s: string) => s.split('\n').slice(-8).join('\n');
    expect({ where, ran: r.ran, exit: r.status, stderr: tail(r.stderr) }).toEqual({ where, ran: r.ran, exit, stderr: expect.any(String) as unknown });
  });
});
