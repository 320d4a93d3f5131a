import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecRunner } from '../../src/exec/runner.js';
import { crashLocation } from '../../src/exec/hits.js';
import { runCli } from '../cli/run-cli.js';
import { buildConsumers, CCF, ROOT, SIGPACK } from './build.js';

beforeAll(buildConsumers, 180_000);

const story = (f: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'corpus', 'ccf', 'story', f)));
const SPRING = story('2024-04-24-spring.bin');
const JULY = story('2024-07-19-0409-channel-291.bin');

describe('a fork server (--fork-server): one process forks a child per crash', () => {
  it('each crash is its input\'s, with its own report, and the same bucket as persistent mode; the server serves on', () => {
    const profile = join(ROOT, 'profiles', 'default', 'agent-7.11.yaml');
    const forked = new ExecRunner({ argv: [CCF, profile, '--fork-server'], persistent: true, timeoutMs: 10_000, name: 'exec' });
    const plain = new ExecRunner({ argv: [CCF, profile, '--persistent'], persistent: true, timeoutMs: 10_000, name: 'exec' });
    try {
      const inputs = [SPRING, JULY, SPRING, JULY, JULY, SPRING];
      const rs = inputs.map((b) => forked.run(b));
      expect(rs.map((r) => r.outcome)).toEqual(['load', 'crash', 'load', 'crash', 'crash', 'load']);
      for (const r of rs.filter((x) => x.outcome === 'crash')) {
        expect(r.stderr.match(/ERROR: AddressSanitizer/g)).toHaveLength(1);
        expect(r.exitCode).toBe(1); // ASan's exit code, as the server saw it
      }
      const ps = inputs.map((b) => plain.run(b));
      expect(rs.map((r) => (r.outcome === 'crash' ? crashLocation(r) : r.outcome))).toEqual(ps.map((r) => (r.outcome === 'crash' ? crashLocation(r) : r.outcome)));
    } finally {
      forked.close();
      plain.close();
    }
  }, 60_000);

  it('fuzz --exec on a fork server ends: the server, alive after its crashes, does not keep the command running', () => {
    const out = mkdtempSync(join(tmpdir(), 'preflight-fork-fuzz-'));
    try {
      const P = 'profiles/default/agent-7.11.yaml';
      const r = runCli(['fuzz', '--profile', P, '--corpus', 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', '--runs', '8', '--seed', '5', '--workers', '1', '--out', out,
        '--exec', `${CCF} ${P} --fork-server`, '--persistent', '--no-color'], { timeoutMs: 90_000 });
      expect(r.status, r.stderr).toBe(1); // crashes found; null would be the run killed at the time limit
      expect(r.stdout).toContain('EXEC_CRASH');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('every sigpack corpus file gives the same outcome and bucket as persistent mode', () => {
    const profile = join(ROOT, 'profiles', 'sigpack-v1', 'scanner-2.3.yaml');
    const dir = join(ROOT, 'corpus', 'sigpack');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort().map((f) => new Uint8Array(readFileSync(join(dir, f))));
    const forked = new ExecRunner({ argv: [SIGPACK, profile, '--fork-server'], persistent: true, timeoutMs: 10_000, name: 'exec' });
    const plain = new ExecRunner({ argv: [SIGPACK, profile, '--persistent'], persistent: true, timeoutMs: 10_000, name: 'exec' });
    try {
      const key = (r: ReturnType<ExecRunner['run']>): string => (r.outcome === 'crash' ? crashLocation(r) : r.outcome);
      const a = files.map((b) => key(forked.run(b)));
      const b = files.map((f) => key(plain.run(f)));
      expect(a).toEqual(b);
      expect(a.filter((k) => k !== 'load' && k !== 'reject').length).toBeGreaterThan(5);
    } finally {
      forked.close();
      plain.close();
    }
  }, 120_000);
});
