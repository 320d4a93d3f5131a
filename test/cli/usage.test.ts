import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrLines } from './run-cli.js';

const CLEAN = 'corpus/ccf/codes/clean.bin';
const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';

describe('usage errors exit 2 (issue 8)', () => {
  // Before: a bare `preflight` printed the help on stdout and exited 0.
  it('a bare preflight prints the help on stderr and exits 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: preflight /);
  });

  it('--help and --version still exit 0 on stdout', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  // Before: "error: missing required argument" (and the whole help after it).
  it('commander errors are one line with the preflight: prefix', () => {
    for (const args of [['validate'], ['validate', '--nope', CLEAN], ['pack', 'x.yaml'], ['frobnicate'], ['validate', '--format', 'xml', CLEAN]]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(stderrLines(r), args.join(' ')).toEqual([expect.stringMatching(/^preflight: (?!error:).*\(see: preflight( validate| pack)? --help\)$/)]);
    }
  });
});

describe('output paths are checked before work starts (issue 8)', () => {
  it('a folder, a path under a file, or a missing folder: one line, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-out-'));
    writeFileSync(join(dir, 'plain'), 'keep');
    mkdirSync(join(dir, 'folder'));
    const cases: [string[], RegExp][] = [
      [['validate', CLEAN, '-o', join(dir, 'folder')], /cannot write .*folder: it is a folder/],
      [['validate', CLEAN, '--sarif', join(dir, 'plain', 'r.sarif')], /cannot write .*plain\/r\.sarif: .*plain is a file, not a folder/],
      [['validate', CLEAN, '--json', join(dir, 'no', 'such', 'r.json')], /cannot write .*r\.json: the folder .*\/no does not exist/],
      [['validate', CLEAN, '--write-baseline', join(dir, 'folder')], /it is a folder/],
      [['pack', 'corpus/ccf/codes/clean.yaml', '-o', join(dir, 'gone', 'c.bin')], /the folder .*gone does not exist/],
      [['unpack', CLEAN, '-o', join(dir, 'plain', 'c.yaml')], /plain is a file, not a folder/],
      // The output is checked first: the unreadable input is never reached.
      [['validate', 'no-such.bin', '-o', join(dir, 'folder')], /it is a folder/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(stderrLines(r), args.join(' ')).toEqual([expect.stringMatching(message)]);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(readdirSync(dir).sort()).toEqual(['folder', 'plain']);
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('keep');
  });

  it('two outputs to one place are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-out-'));
    const r = runCli(['validate', CLEAN, '--json', join(dir, 'r'), '--sarif', join(dir, 'r')]);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/r is given as two outputs$/)]);
    expect(runCli(['validate', CLEAN, '--json', '-']).stderr).toBe('preflight: only one output can go to stdout (-)\n');
  });
});

describe('writing through links and devices', () => {
  // Before: the atomic rename replaced a link with a plain file (and /dev/stdout, when stdout
  // was a file, with a file in /dev).
  it('keeps a link a link, and writes /dev/stdout in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-link-'));
    writeFileSync(join(dir, 'target.json'), 'old');
    symlinkSync('target.json', join(dir, 'link.json'));
    expect(runCli(['validate', CLEAN, '--format', 'json', '-o', join(dir, 'link.json')]).status).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8'))).toHaveProperty('files');
    const r = runCli(['validate', CLEAN, '--format', 'json', '-o', '/dev/stdout']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('files');
  });
});

describe('several formats in one run (issue 8)', () => {
  it('writes text to stdout and JSON, SARIF and JUnit to files, all of the same run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-formats-'));
    const r = runCli(['validate', '--no-progress', CLEAN, JULY, '--json', join(dir, 'r.json'), '--sarif', join(dir, 'r.sarif'), '--junit', join(dir, 'r.xml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/PASS corpus\/ccf\/codes\/clean\.bin/);
    expect((JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { files: { verdict: string }[] }).files.map((f) => f.verdict)).toEqual(['pass', 'fail']);
    expect((JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites/);
    expect(readdirSync(dir).sort()).toEqual(['r.json', 'r.sarif', 'r.xml']);
    expect(r.stderr).toBe('');
  });
});

describe('pack and unpack errors (issue 7 §4)', () => {
  it('a huge value in a source comes back bounded, on one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-pack-'));
    const huge = '9'.repeat(5_000_000);
    writeFileSync(join(dir, 's.yaml'), `types:\n  - { type_id: ${huge}, field_kinds: [STR] }\ninstances: []\n`);
    const r = runCli(['pack', join(dir, 's.yaml'), '-o', join(dir, 's.bin')]);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stderr).toMatch(/^preflight: .*s\.yaml:2/);
    expect(existsSync(join(dir, 's.bin'))).toBe(false);
  });

  it('unpack of a file that is not a content file still exits 0 or 2 with one line, never 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-unpack-'));
    writeFileSync(join(dir, 'junk.bin'), Buffer.from('not a ccf file at all'));
    const r = runCli(['unpack', join(dir, 'junk.bin')]);
    expect([0, 2]).toContain(r.status);
    if (r.status === 2) expect(stderrLines(r)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
