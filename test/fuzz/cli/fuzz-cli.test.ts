import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { branchTable } from '../../../src/model/index.js';
import { AGENT_711, model, tempDir } from '../helpers.js';

interface Entry { id: string; profile: string; fault: string; location: string; hits: number; first_found_ms: number; reproducer: string; size: number }
interface Doc {
  seed: number; runs: number; elapsed_ms: number; execs_per_sec: number; coverage: { branches: number; of: number; features: number };
  buckets: Entry[]; soundness: Entry[]; robustness: Entry[]; previous: { still_failing: string[]; fixed: string[]; skipped: string[] };
}

describe('preflight fuzz', { timeout: CLI_TEST_TIMEOUT }, () => {
  const out = tempDir();
  const args = ['fuzz', '--profile', AGENT_711, '--seed', '3', '--runs', '256', '--workers', '1', '--out', out];

  it('prints one JSON document of the public shape, saves reproducers atomically, exits 1 on findings', () => {
    const r = runCli([...args, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    for (const key of ['seed', 'runs', 'elapsed_ms', 'execs_per_sec', 'coverage', 'buckets', 'soundness', 'robustness']) expect(doc).toHaveProperty(key);
    expect(doc).toMatchObject({ seed: 3, runs: 256, soundness: [], robustness: [] });
    expect(doc.coverage.of).toBe(branchTable(model).names.length); // every decision of the CCF consumer model
    expect(doc.buckets.length).toBeGreaterThan(3);
    for (const b of doc.buckets) {
      expect(Object.keys(b)).toEqual(expect.arrayContaining(['profile', 'fault', 'location', 'hits', 'first_found_ms', 'reproducer', 'size']));
      expect(b.profile).toBe('agent-7.11');
      expect(readFileSync(b.reproducer).length).toBe(b.size);
      const sidecar = JSON.parse(readFileSync(b.reproducer.replace(/\.bin$/, '.json'), 'utf8')) as Record<string, unknown>;
      expect(sidecar).toMatchObject({ fault: b.fault, location: b.location, seed: 3, size: b.size, command: `preflight replay ${b.reproducer}` });
    }
    const names = readdirSync(join(out, 'crashes'));
    expect(names.every((n) => /^[A-Za-z0-9._-]+\.(bin|json)$/.test(n))).toBe(true);
    expect(names).toHaveLength(2 * doc.buckets.length);
    expect(readdirSync(join(out, 'corpus')).length).toBeGreaterThan(0);
  });

  it('reruns the saved reproducers first (the failure database), then prints the text report', () => {
    const r = runCli(args);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/saved reproducers rerun: \d+; \d+ still fail, 0 fixed/);
    expect(r.stdout).toMatch(/SOUNDNESS[^\n]*: none/);
    expect(r.stdout).toMatch(/CRASHES[^\n]*: \d+/);
    expect(r.stdout).toContain('seed 3: rerun with --seed 3');
    expect(r.stdout).not.toContain('\r'); // no progress line when not on a terminal
    expect(existsSync(join(out, 'fixed'))).toBe(false);
  });

  it('exits 2 with one line on usage errors', () => {
    for (const bad of [['--runs', '5', '--time', '5'], ['--shard', '3/2']]) {
      const r = runCli(['fuzz', '--profile', AGENT_711, '--out', tempDir(), ...bad]);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('preflight fuzz without a consumer model', () => {
  it('says so in one line and exits 2 instead of running blind', () => {
    const dir = tempDir();
    const schemaFile = join(dir, 'plain.yaml');
    writeFileSync(schemaFile, 'format: plain-v1\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: magic, type: u4 }\n');
    const r = runCli(['fuzz', '--schema', schemaFile, '--runs', '10', '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^preflight: fuzz needs consumers to run inputs against: schema plain-v1 has no consumer model \(plain\.consumer\.yaml\)[^\n]*\n$/);
    expect(existsSync(join(dir, 'out', 'crashes'))).toBe(false);
  });
});
