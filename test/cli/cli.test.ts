import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
const SPRING = 'corpus/ccf/story/2024-04-24-spring.bin';

describe('preflight validate', () => {
  it('reports the July file as a crash of the 20-input consumer, with the blast radius, and exits 1', () => {
    const r = runCli(['validate', JULY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('OOB_INPUT_READ  instances[5].criteria[20] @ 358 (0x166)');
    expect(r.stdout).toMatch(/blast radius: crash on agent-7\.11 — 8,500,000 of 9,700,000 endpoints \(87\.6%\)/);
  });

  it('passes the spring file with a warning (exit 0), and fails it with --strict (exit 1)', () => {
    expect(runCli(['validate', SPRING]).status).toBe(0);
    expect(runCli(['validate', '--strict', SPRING]).status).toBe(1);
  });

  it('prints one JSON document of the public shape', () => {
    const r = runCli(['validate', '--format', 'json', JULY, SPRING]);
    const doc = JSON.parse(r.stdout) as { files: { verdict: string; consumers: { outcome: string }[] }[] };
    expect(doc.files.map((f) => f.verdict)).toEqual(['fail', 'warn']);
    expect(doc.files[0]!.consumers.map((c) => c.outcome)).toEqual(['crash', 'load']);
  });

  it('writes SARIF atomically with -o, leaving no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
    const out = join(dir, 'report.sarif');
    expect(runCli(['validate', '--format', 'sarif', '-o', out, JULY]).status).toBe(1);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('takes --profile instead of the default fleet', () => {
    const r = runCli(['validate', '--format', 'json', '--profile', 'profiles/default/agent-7.16.yaml', JULY]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0].consumers).toHaveLength(1);
  });

  it('exits 2 with one clear line for a missing file, a bad option, a broken schema or profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'format: x\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: a, type: u3 }\n');
    writeFileSync(join(dir, 'bad-profile.yaml'), 'name: x\npopulation: -4\ntemplates: {}\nops: [ANY]\nlimits: { max_instances: 1, max_file_size: 1, regex_max_length: 1 }\n');
    const cases = [
      [['validate', 'no-such.bin'], /no-such\.bin: no such file/],
      [['validate', '--format', 'xml', JULY], /argument 'xml' is invalid/],
      [['validate', '--schema', join(dir, 'bad.yaml'), JULY], /bad\.yaml:6:\d+: types\.file\.seq\[0\]\.type/],
      [['validate', '--profile', join(dir, 'bad-profile.yaml'), JULY], /bad-profile\.yaml:2:\d+: population: must be between 0 and/],
    ] as const;
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      // A missing file is a per-file error report (contract C): on stdout with the text report.
      expect(r.stderr + r.stdout).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('preflight pack and unpack', () => {
  it('unpack then pack reproduces a corpus file byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
    const source = runCli(['unpack', JULY]).stdout;
    writeFileSync(join(dir, 'july.yaml'), source);
    expect(runCli(['pack', join(dir, 'july.yaml'), '-o', join(dir, 'july.bin')]).status).toBe(0);
    expect(readFileSync(join(dir, 'july.bin')).equals(readFileSync(JULY))).toBe(true);
  });

  it('a broken source names the file, the line and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
    writeFileSync(join(dir, 's.yaml'), 'types:\n  - { type_id: 2, field_kinds: [STR] }\ninstances:\n  - { instance_id: 1, type_id: 2, action: log, criteria: [{ op: NOPE }] }\n');
    const r = runCli(['pack', join(dir, 's.yaml'), '-o', join(dir, 's.bin')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/s\.yaml:4: instances\[0\]\.criteria\[0\]\.op/);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });
});

describe('--help', () => {
  it.each(['validate', 'pack', 'unpack'])('%s --help shows its options and an example', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).toMatch(/Examples?:\n\s+\$ preflight /);
  });
});
