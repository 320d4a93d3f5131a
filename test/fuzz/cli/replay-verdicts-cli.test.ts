import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketId } from '../../../src/fuzz/index.js';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { AGENT_711, JULY, JULY_KEY, tempDir } from '../helpers.js';
import { sidecarFor } from '../store/sidecar-fixture.js';

/** The July file saved as a reproducer of its bucket, with a sidecar carrying `extra`. */
function savedJuly(extra: Record<string, unknown>): string {
  const bin = join(tempDir(), `${bucketId(JULY_KEY)}.bin`);
  copyFileSync(JULY, bin);
  writeFileSync(bin.replace(/\.bin$/, '.json'), JSON.stringify(sidecarFor(JULY_KEY, 524, extra as never)));
  return bin;
}

/** agent-7.11 with the 21st input the July file needs: on it, the July reproducer is fixed. */
function fixed711(): string {
  const file = join(tempDir(), 'agent-7.11.yaml');
  writeFileSync(file, readFileSync(AGENT_711, 'utf8').replace(/inputs: \[([^\]]*)\]/, 'inputs: [$1, STR]'));
  return file;
}

// Issue 7 §1 and issue 8. Before the fix: `replay X.json` said FIXED with exit 0; replay loaded
// whatever schema and profile paths the sidecar named; with the profile file gone it fell back
// to the bundled fleet without a word; with no profiles given it spoke of "the given profiles";
// with no sidecar, `replay empty.bin` said FIXED (exit 0) though validate fails it.
describe('preflight replay: what it loads and what it says', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('refuses a .json file (a sidecar is not a reproducer), exit 2', () => {
    const bin = savedJuly({});
    const r = runCli(['replay', bin.replace(/\.bin$/, '.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^preflight: .*\.json: this is a sidecar, not a reproducer; replay the \.bin next to it: .*\.bin\n$/);
    expect(r.stdout).toBe('');
  });

  it("does not load the sidecar's profile or schema paths unless --trust-sidecar-paths, and says which it used", () => {
    const notASchema = join(tempDir(), 'schema.yaml');
    writeFileSync(notASchema, 'this: [is not a schema');
    const bin = savedJuly({ profile_source: fixed711() });
    const byDefault = runCli(['replay', bin]);
    expect(byDefault.status).toBe(1); // the bundled agent-7.11 supplies 20 inputs: still fails
    expect(byDefault.stdout).toContain('  schema: bundled ccf-v1\n');
    expect(byDefault.stdout).toMatch(/ {2}profiles: bundled default fleet: agent-7\.11, agent-7\.16 \(the sidecar names .*agent-7\.11\.yaml; --trust-sidecar-paths loads it\)/);
    const trusted = runCli(['replay', '--trust-sidecar-paths', bin]);
    expect(trusted.status).toBe(0);
    expect(trusted.stdout).toContain('  profiles: named by the sidecar: agent-7.11\n');
    expect(trusted.stdout).toContain('FIXED');

    const withBadSchema = savedJuly({ schema: notASchema });
    expect(runCli(['replay', withBadSchema]).status).toBe(1); // the named file is never read
  });

  it('with --trust-sidecar-paths, a profile file that is gone is an error, not a silent fallback', () => {
    const bin = savedJuly({ profile_source: join(tempDir(), 'gone.yaml') });
    const r = runCli(['replay', '--trust-sidecar-paths', bin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^preflight: .*\.json: the profile file it names, .*gone\.yaml, does not exist any more; give --profile or --fleet\n$/);
  });

  it('names the fleet it used when the failing profile is missing from it', () => {
    const key = 'crash|agent-9.0|OOB_INPUT_READ|instances[*].criteria[20]';
    const bin = join(tempDir(), `${bucketId(key)}.bin`);
    copyFileSync(JULY, bin);
    writeFileSync(bin.replace(/\.bin$/, '.json'), JSON.stringify(sidecarFor(key, 524)));
    const none = runCli(['replay', bin]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('it failed on profile agent-9.0, which the bundled default fleet does not include; give --profile FILE');
    expect(none.stderr).not.toContain('given profiles');
    const given = runCli(['replay', '--profile', AGENT_711, bin]);
    expect(given.stderr).toContain('which the given profiles do not include');
  });

  it('without a sidecar, reports the current verdict: an empty file fails (exit 1), a clean one passes', () => {
    const empty = join(tempDir(), 'empty.bin');
    writeFileSync(empty, new Uint8Array(0));
    const r = runCli(['replay', empty]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no sidecar: reporting what the file does now');
    expect(r.stdout).toMatch(/FAILS: validate verdict fail; agent-7\.11: reject \(TRUNCATED[^)]*\); agent-7\.16: reject/);
    expect(r.stdout).not.toContain('FIXED');
    const json = JSON.parse(runCli(['replay', '--format', 'json', empty]).stdout) as { status: string; verdict: string; consumers: { outcome: string }[] };
    expect(json).toMatchObject({ status: 'fails', verdict: 'fail' });
    expect(json.consumers.map((c) => c.outcome)).toEqual(['reject', 'reject']);
  });
});
