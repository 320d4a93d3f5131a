import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignSeed } from '../../../src/fuzz/engine/campaign-seed.js';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { AGENT_711, tempDir } from '../helpers.js';

const quick = (out: string): string[] => ['fuzz', '--profile', AGENT_711, '--runs', '64', '--workers', '1', '--out', out];

/** A pid that no process has: one that ran and exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

// Issue 8 (CLI edges) and issue 7 §5. Before the fix: --seed above 2^32 exited 2 (GitHub run
// ids are above it); --workers took 1,000; --shard 3/2 and 0/2 both said "(got 2)"; a bad --out
// gave a stack trace after the campaign had started; two campaigns shared one --out unlocked;
// the text report was about 150 columns wide.
describe('preflight fuzz options', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('takes any integer --seed, hashing those outside 32 bits, and runs the same campaign for both', () => {
    const big = '12345678901234567890';
    const a = runCli([...quick(tempDir()), '--seed', big, '--format', 'json']);
    expect(a.status, a.stderr).toBe(1);
    const docA = JSON.parse(a.stdout) as { seed: number; seed_given: string; buckets: { id: string; size: number }[] };
    expect(docA.seed).toBe(campaignSeed(big));
    expect(docA.seed_given).toBe(big);
    const b = runCli([...quick(tempDir()), '--seed', String(docA.seed), '--format', 'json']);
    const docB = JSON.parse(b.stdout) as typeof docA;
    expect(docB.buckets.map((x) => [x.id, x.size])).toEqual(docA.buckets.map((x) => [x.id, x.size]));
    expect(docB).not.toHaveProperty('seed_given');
    expect(campaignSeed('-3')).toBeGreaterThanOrEqual(0);
    expect(campaignSeed('4294967295')).toBe(4294967295);
    expect(campaignSeed('4294967296')).not.toBe(0);
    const bad = runCli([...quick(tempDir()), '--seed', '12abc']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--seed takes an integer, got "12abc"');
  });

  it('bounds --workers to 4 × the cores and says so; quotes the actual --shard value', () => {
    const max = 4 * availableParallelism();
    const w = runCli([...quick(tempDir()), '--workers', String(max + 1)]);
    expect(w.status).toBe(2);
    expect(w.stderr).toContain(`--workers takes 1..${max} (at most 4 × the ${availableParallelism()} core(s) here), got "${max + 1}"`);
    for (const [shard, why] of [['3/2', 'K must be 1..N'], ['0/2', 'K must be 1..N'], ['2', 'the form is K/N, such as 2/4']]) {
      const r = runCli([...quick(tempDir()), '--shard', shard!]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--shard takes K/N with 1 <= K <= N, got "${shard}" (${why})`);
    }
  });

  it('checks --out before starting: a file, or a path under a file, is one line and exit 2', () => {
    const file = join(tempDir(), 'out.txt');
    writeFileSync(file, 'x');
    const r = runCli(quick(file));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`preflight: ${file}: the output folder is a file, not a folder; give a folder\n`);
    const under = runCli(quick(join(file, 'sub')));
    expect(under.status).toBe(2);
    expect(under.stderr).toMatch(/^preflight: .*out\.txt\/sub: cannot create the output folder: .*out\.txt is a file, not a folder\n$/);
    const crashesFile = tempDir();
    writeFileSync(join(crashesFile, 'crashes'), 'x');
    const part = runCli(quick(crashesFile));
    expect(part.status).toBe(2);
    expect(part.stderr).toBe(`preflight: ${join(crashesFile, 'crashes')}: is a file; the output folder needs a folder there\n`);
  });

  // Root (as tests run) may write anywhere permissions allow; /sys and /proc refuse new folders even to root.
  it.runIf(process.platform === 'linux' && existsSync('/proc/self'))('refuses an --out where no folder can be made, without hanging (/sys, /proc)', () => {
    for (const out of ['/sys/preflight-test-out', '/proc/preflight-test-out']) {
      const r = runCli(quick(out));
      expect(r.status, out).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^preflight: ${out}: cannot create the output folder: [^\\n]+\\n$`));
    }
  });

  it('refuses an --out another live campaign holds, and replaces a stale lock with a note', () => {
    const out = tempDir();
    const lock = join(out, '.preflight.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: 'now', what: 'fuzz campaign', token: 't' }));
    const busy = runCli(quick(out));
    expect(busy.status).toBe(2);
    expect(busy.stderr).toBe(`preflight: ${out}: in use by another fuzz campaign (pid ${process.pid} on ${hostname()}, since now); use another folder, or wait for it to finish\n`);
    expect(existsSync(join(out, 'crashes'))).toBe(false);
    const dead = deadPid();
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), started: 'then', what: 'fuzz campaign', token: 't' }));
    const stale = runCli(quick(out));
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(`preflight: ${out}: replaced a stale lock (process ${dead}, which took it at then, no longer runs)`);
    expect(existsSync(lock)).toBe(false); // released at the end
  });

  it('fits the text report in 80 columns when stdout is not a terminal (only a long path may overflow)', () => {
    const out = join(tempDir(), 'a-rather-long-output-folder-name');
    mkdirSync(out);
    const r = runCli([...quick(out), '--seed', '3']);
    expect(r.status).toBe(1);
    const wide = r.stdout.split('\n').filter((l) => l.length > 80);
    expect(wide.every((l) => /^\s+\S+$/.test(l) && l.includes(out)), wide.join('\n')).toBe(true);
    expect(r.stdout).toContain(join(out, 'crashes'));
  });
});
