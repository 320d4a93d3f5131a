/**
 * Issue 12, bad paths: `report` given a path it cannot read names it on one line, still makes the
 * page of the files it can read (which lists the unreadable ones), and exits 2, as validate does;
 * `diff` names both of two bad paths. Never a stack.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, stderrLines } from '../../cli/run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
const SPRING = 'corpus/ccf/story/2024-04-24-spring.bin';
const dir = mkdtempSync(join(tmpdir(), 'preflight-report-bad-'));
mkdirSync(join(dir, 'empty'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report with unreadable paths among good files', () => {
  it('FILE1 BAD FILE2: one line naming BAD, the page of FILE1 and FILE2 (no diff: they are not a pair), exit 2', () => {
    const out = join(dir, 'three.html');
    const bad = join(dir, 'missing.bin');
    const r = runCli(['report', SPRING, bad, JULY, '-o', out]);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual([expect.stringMatching(new RegExp(`^preflight: .*${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*no such file`))]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('2024-04-24-spring.bin');
    expect(html).toContain('2024-07-19-0409-channel-291.bin');
    expect(html).toContain('OOB_INPUT_READ');
    expect(html).toMatch(new RegExp(`Not in this report: [^<]*${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
    expect(html).not.toContain('id="diff"');
  });

  it('a folder, an empty folder and a missing file: one line each, the good file still reported, exit 2', () => {
    const out = join(dir, 'mixed.html');
    const bads = [join(dir, 'empty'), 'corpus/ccf', join(dir, 'nope.bin')];
    const r = runCli(['report', ...bads, JULY, '-o', out]);
    expect(r.status).toBe(2);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(3);
    bads.forEach((b, i) => expect(lines[i]).toContain(b));
    expect(lines.slice(0, 2).every((l) => /is a folder/.test(l))).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('2024-07-19-0409-channel-291.bin');
  });

  it('only unreadable paths: one line each, no page, exit 2', () => {
    const out = join(dir, 'none.html');
    const r = runCli(['report', join(dir, 'a.bin'), join(dir, 'b.bin'), '-o', out]);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('diff with two unreadable paths', () => {
  it('names both, one line each, exit 2', () => {
    const [a, b] = [join(dir, 'old-missing.bin'), join(dir, 'empty')];
    const r = runCli(['diff', a, b]);
    expect(r.status).toBe(2);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(a);
    expect(lines[1]).toContain(b);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
