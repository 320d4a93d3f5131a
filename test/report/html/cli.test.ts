/**
 * `preflight report` as a person runs it: one page written atomically, the diff with two files,
 * a format without a consumer model (the page says so), and one clear line for each mistake.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePng, textChunk } from '../../examples/make-png.js';
import { runCli, stderrLines } from '../../cli/run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
const SPRING = 'corpus/ccf/story/2024-04-24-spring.bin';
const dir = mkdtempSync(join(tmpdir(), 'preflight-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('preflight report', () => {
  it('writes one HTML page for the July file, and nothing else, exit 0', () => {
    const out = join(dir, 'july.html');
    const r = runCli(['report', JULY, '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('OOB_INPUT_READ');
    expect(html).toContain('8,500,000 of 9,700,000 (87.6%)');
    // Written through a temporary file and a rename: nothing left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('preflight-tmp'))).toEqual([]);
  });

  it('with two files, shows what changed from the first to the second', () => {
    const out = join(dir, 'spring-to-july.html');
    const r = runCli(['report', SPRING, JULY, '-o', out]);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('id="diff"');
    expect(html).toContain('agent-7.11: load → crash (WORSE)');
    expect(html).toContain('id="inspector-0"');
    expect(html).toContain('id="inspector-1"');
  });

  it('-o - writes the page to stdout', () => {
    const r = runCli(['report', JULY, '-o', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('a format without a consumer model: structural findings and the tree, and the page says why there are no consumers', () => {
    const png = join(dir, 'note.png');
    writeFileSync(png, makePng({ before: [textChunk('Comment', '<script>alert(1)</script>')] }));
    const out = join(dir, 'png.html');
    const r = runCli(['report', '--schema', 'schemas/examples/png.yaml', png, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('has no consumer model');
    // The text chunk's script is in the tree's data, as text (the page shows it with textContent).
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it.each([
    [['report', JULY], /required option '-o, --output <file>' not specified \(see: preflight report --help\)/],
    [['report', 'no-such-file.bin', '-o', join(dir, 'x.html')], /no-such-file\.bin/],
    [['report', JULY, '-o', join(dir, 'no-such-folder', 'x.html')], /no-such-folder/],
    [['report', JULY, '-o', dir], /is a folder/],
    [['report', '-', '-', '-o', join(dir, 'x.html')], /stdin \(-\) can be read only once/],
    [['report', JULY, '--profile', 'no-such-profile.yaml', '-o', join(dir, 'x.html')], /no-such-profile\.yaml/],
  ])('%j: exit 2 with one line', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^preflight: /);
    expect(lines[0]).toMatch(message);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });
});
