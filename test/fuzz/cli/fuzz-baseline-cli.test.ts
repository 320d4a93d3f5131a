import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { AGENT_711, tempDir } from '../helpers.js';

// Issue 8: without a baseline every rerun of a campaign exits 1 forever. With one, only new buckets fail.
describe('preflight fuzz --baseline / --write-baseline', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes the buckets, refuses placeholder reasons, then exits 0 on a rerun that finds only known buckets', () => {
    const dir = tempDir();
    const known = join(dir, 'known.yaml');
    const args = ['fuzz', '--profile', AGENT_711, '--seed', '3', '--runs', '256', '--workers', '1', '--out', join(dir, 'out')];
    const first = runCli([...args, '--write-baseline', known, '--format', 'json']);
    expect(first.status).toBe(1);
    const found = (JSON.parse(first.stdout) as { buckets: unknown[] }).buckets.length;
    expect(found).toBeGreaterThan(0);
    expect(readFileSync(known, 'utf8').match(/bucket: /g)).toHaveLength(found);

    const refused = runCli([...args, '--baseline', known]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/known\.yaml:\d+:\d+: buckets\[0\]\.reason: say why this bucket is accepted/);

    writeFileSync(known, readFileSync(known, 'utf8').replaceAll('TODO: say why this finding is accepted', 'known, fix tracked'));
    const rerun = runCli([...args, '--baseline', known, '--format', 'json']);
    expect(rerun.stderr).toMatch(/accepted by the baseline/);
    const doc = JSON.parse(rerun.stdout) as { buckets: unknown[]; baselined: { reason: string }[]; previous: { still_failing: unknown[] } };
    expect(doc.buckets).toEqual([]);
    expect(doc.previous.still_failing).toEqual([]);
    expect(doc.baselined).toHaveLength(found);
    expect(doc.baselined[0]!.reason).toBe('known, fix tracked');
    expect(rerun.status).toBe(0);
  });

  it('checks the --write-baseline path before the campaign starts', () => {
    const dir = tempDir();
    const r = runCli(['fuzz', '--runs', '10', '--workers', '1', '--out', join(dir, 'out'), '--write-baseline', join(dir, 'no-such-folder', 'k.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^preflight: .*no-such-folder/m);
  });
});
