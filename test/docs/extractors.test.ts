/**
 * The docs checks themselves: each must fail on the mistakes it exists to catch (a link out of
 * the clone, a file that does not exist, a bad anchor, an exit code swallowed, a wrong exit code).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundFuzz } from './bound-fuzz.js';
import { createSandbox, type CommandSandbox } from './command-sandbox.js';
import { docCommands } from './doc-commands.js';
import { headingAnchors } from './heading-anchors.js';
import { linkProblems } from './link-problems.js';
import { markdownLinks } from './markdown-links.js';
import { pathMentionProblems } from './path-mentions.js';
import { scanMarkdown } from './scan-markdown.js';
import { silentFailureProblems } from './silent-failures.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('links', () => {
  const check = (md: string) => linkProblems(ROOT, 'docs/x.md', md);

  it('accepts links to files, folders and headings of the repository', () => {
    expect(check('[a](ccf-v1.md) [b](../corpus/ccf/story/) [c](findings.md#consumer-raised-by-the-simulated-interpreter-one-per-profile) [d](#x)\n## X\n')).toEqual([]);
  });

  it('refuses the ../shared spec link that a clone does not have (issue 8)', () => {
    expect(linkProblems(ROOT, 'README.md', 'spec: [`spec`](../shared/spec/ccf-v1.md)')).toEqual([
      'README.md:1: ../shared/spec/ccf-v1.md: points outside the repository',
    ]);
  });

  it('refuses missing files, unknown anchors, generated folders, http and private hosts', () => {
    expect(check([
      '[a](spec/ccf-v1.md)',
      '[b](ccf-v1.md#no-such-heading)',
      '[c](../dist/cli/main.js)',
      '[d](http://example.com/) <https://localhost:8080/x>',
      '[e](/etc/passwd)',
    ].join('\n'))).toEqual([
      'docs/x.md:1: spec/ccf-v1.md: no such file in the repository',
      'docs/x.md:2: ccf-v1.md#no-such-heading: no heading with anchor #no-such-heading in docs/ccf-v1.md',
      'docs/x.md:3: ../dist/cli/main.js: dist/ is generated (in .gitignore), not in a clone',
      'docs/x.md:4: http://example.com/: only https links may leave the repository',
      'docs/x.md:4: https://localhost:8080/x: "localhost" is not a public site',
      'docs/x.md:5: /etc/passwd: absolute paths do not exist in a clone: use a relative link',
    ]);
  });

  it('does not take code for links', () => {
    expect(markdownLinks('`[a](b)`\n```\n[c](d)\n```\n[e](f)')).toEqual([{ line: 5, target: 'f' }]);
  });
});

describe('anchors', () => {
  it('are GitHub\'s slugs', () => {
    const anchors = headingAnchors('# CCF v1: the format\n## 4. The three questions\n## `$edit`: byte edits\n## A\n## A\n```\n# not a heading\n```');
    expect([...anchors]).toEqual(['ccf-v1-the-format', '4-the-three-questions', 'edit-byte-edits', 'a', 'a-1']);
  });

  it('hold only letters, digits, _ and -', () => {
    fc.assert(fc.property(fc.string(), (title) => {
      for (const a of headingAnchors(`## ${title.replace(/\n/g, ' ')}`)) expect(a).toMatch(/^[\p{L}\p{M}\p{N}_-]*$/u);
    }));
  });
});

describe('markdown scanning', () => {
  it('puts every line either in prose or in exactly one fence', () => {
    const line = fc.oneof(fc.constantFrom('```sh', '```', '~~~', '  ```json', 'text', ''), fc.string({ maxLength: 5 }));
    fc.assert(fc.property(fc.array(line.map((l) => l.replace(/\n/g, ' ')), { maxLength: 30 }), (lines) => {
      const s = scanMarkdown(lines.join('\n'));
      const fenceLines = s.fences.flatMap((f) => [f.line, ...f.lines.map((l) => l.line), ...(f.end === undefined ? [] : [f.end])]);
      const all = [...s.prose.map((l) => l.line), ...fenceLines];
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort((a, b) => a - b)).toEqual(lines.join('\n').split('\n').map((_l, i) => i + 1));
    }));
  });
});

describe('paths named in code', () => {
  it('refuses a file that does not exist (issue 8: july-19.bin)', () => {
    expect(pathMentionProblems(ROOT, 'd.md', 'Run `preflight validate corpus/ccf/story/july-19.bin`.')).toEqual([
      'd.md:1: corpus/ccf/story/july-19.bin: no such file or folder in the repository',
    ]);
    expect(pathMentionProblems(ROOT, 'd.md', '```json\n{"file": "corpus/july/c-00000291.ccf"}\n```')).toEqual([
      'd.md:2: corpus/july/c-00000291.ccf: no such file or folder in the repository',
    ]);
  });

  it('accepts existing paths, patterns and placeholders', () => {
    expect(pathMentionProblems(ROOT, 'd.md', '`corpus/ccf/codes/clean.bin` `src/model/` `corpus/ccf/story/*.bin` `corpus/<name>.bin` `fuzz-out/corpus/x.bin`.')).toEqual([]);
  });
});

describe('silent failures', () => {
  it('refuses `|| true` after preflight (issue 8: the GitHub Actions example)', () => {
    const md = '```yaml\n- run: npx preflight fuzz --seed 1 > f.json || true\n```\n`preflight validate x || :`';
    expect(silentFailureProblems('d.md', md)).toHaveLength(2);
    expect(silentFailureProblems('d.md', '```sh\npreflight validate x || echo failed >&2\n```')).toEqual([]);
  });
});

describe('command marking', () => {
  it('reads prompts, npx, continuations, exit codes and placeholders', () => {
    const md = [
      '```sh',
      '$ preflight validate a.bin   # exit 1',
      'FAIL a.bin',
      'npx preflight pack s.yaml \\',
      '    -o s.bin',
      'preflight replay out/crashes/<bucket>.bin   # still failing? exit 1',
      'preflight fuzz --time 30   # not run: too slow',
      'npm test',
      '```',
      '```text',
      'preflight validate not-a-command.bin',
      '```',
    ].join('\n');
    expect(docCommands(md)).toEqual([
      { line: 2, command: 'preflight validate a.bin', exit: 1 },
      { line: 4, command: 'preflight pack s.yaml -o s.bin', exit: 0 },
      { line: 6, command: 'preflight replay out/crashes/<bucket>.bin', exit: 1, notRun: 'placeholder <bucket>' },
      { line: 7, command: 'preflight fuzz --time 30', exit: 0, notRun: 'marked "not run"' },
    ]);
  });

  it('keeps a # inside quotes as part of the command', () => {
    expect(docCommands('```sh\npreflight validate "a #1.bin" # exit 2\n```')[0]).toMatchObject({ command: 'preflight validate "a #1.bin"', exit: 2 });
  });
});

describe('the command sandbox', () => {
  let sandbox: CommandSandbox;
  beforeAll(() => { sandbox = createSandbox(ROOT); });
  afterAll(() => sandbox.dispose());

  it('runs the checkout\'s CLI on the copied corpus, with the exit code a doc can check', async () => {
    expect((await sandbox.run('preflight validate corpus/ccf/codes/clean.bin')).status).toBe(0);
    expect((await sandbox.run('preflight validate corpus/ccf/story/2024-07-19-0409-channel-291.bin')).status).toBe(1);
  });

  it('fails a doc command that names a file that does not exist', async () => {
    const r = await sandbox.run('preflight validate corpus/ccf/story/july-19.bin');
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain('july-19.bin');
  });

});

describe('fuzz commands in docs', () => {
  it('are bounded to a few hundred seeded runs on one worker', () => {
    expect(boundFuzz('preflight fuzz --time 30 --format json > f.json')).toBe('preflight fuzz --workers 1 --seed 1 --runs 300 --format json > f.json');
    expect(boundFuzz('preflight fuzz --seed 42 --runs 20000 --workers 2')).toBe('preflight fuzz --seed 42 --runs 300 --workers 2');
    expect(boundFuzz('preflight fuzz --runs 50')).toBe('preflight fuzz --workers 1 --seed 1 --runs 50');
    expect(boundFuzz('preflight validate --time-budget 5 x.bin')).toBe('preflight validate --time-budget 5 x.bin');
  });
});
