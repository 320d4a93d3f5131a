import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrLines } from './run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
const CRC = 'corpus/ccf/codes/crc-mismatch.bin';

interface JsonFile { verdict: string; findings: { code: string }[] }
const filesOf = (stdout: string): JsonFile[] => (JSON.parse(stdout) as { files: JsonFile[] }).files;

describe('validate --baseline / --write-baseline (issue 8)', () => {
  // Before: both options were unknown (exit 2), and every rerun of a failing file exited 1 forever.
  it('a written baseline, once each reason is given, makes the known findings pass the gate; a new one still fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-baseline-'));
    const b = join(dir, 'baseline.yaml');
    const w = runCli(['validate', JULY, '--write-baseline', b, '--format', 'json']);
    expect(w.status).toBe(1);
    expect(stderrLines(w)).toEqual([expect.stringMatching(/baseline\.yaml: wrote \d+ baseline entr(y|ies); replace each placeholder reason/)]);

    // The placeholder is not a reason: the gate refuses to run (exit 2, file:line: key).
    const refused = runCli(['validate', JULY, '--baseline', b]);
    expect(refused.status).toBe(2);
    expect(stderrLines(refused)).toEqual([expect.stringMatching(/^preflight: .*baseline\.yaml:\d+:\d+: entries\[0\]\.reason: say why/)]);

    writeFileSync(b, readFileSync(b, 'utf8').replaceAll('TODO: say why this finding is accepted', 'the July 2024 file, kept as a test'));
    const gated = runCli(['validate', JULY, '--baseline', b, '--format', 'json']);
    expect(gated.status).toBe(0);
    expect(filesOf(gated.stdout)[0]!.verdict).toBe('pass');
    expect(filesOf(gated.stdout)[0]!.findings).toEqual([]);
    expect(gated.stderr).toMatch(/known finding\(s\) accepted by the baseline/);

    // Another file's findings are new: the gate fails on them only.
    const mixed = runCli(['validate', JULY, CRC, '--baseline', b, '--format', 'json']);
    expect(mixed.status).toBe(1);
    expect(filesOf(mixed.stdout).map((f) => f.verdict)).toEqual(['pass', 'fail']);
  });

  it('an expired entry no longer suppresses its finding, and is reported with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-baseline-'));
    const b = join(dir, 'baseline.json');
    expect(runCli(['validate', CRC, '--write-baseline', b, '-o', join(dir, 'r.txt')]).status).toBe(1);
    const doc = JSON.parse(readFileSync(b, 'utf8')) as { entries: Record<string, string>[] };
    for (const e of doc.entries) Object.assign(e, { reason: 'accepted', expires: '2001-01-01' });
    writeFileSync(b, JSON.stringify(doc, null, 2));
    const r = runCli(['validate', CRC, '--baseline', b, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(filesOf(r.stdout)[0]!.verdict).toBe('fail');
    expect(r.stderr).toMatch(/baseline\.json:\d+: the entry for CRC_MISMATCH at .* expired on 2001-01-01; it no longer suppresses that finding/);
  });

  // Before: accepted findings vanished from every report (only a count on stderr said they existed).
  it('one run shows the accepted findings, marked with their reason, in text, JSON, SARIF and JUnit, and passes the gate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-baseline-'));
    const out = (name: string) => join(dir, name);
    const reason = 'the July 2024 file, kept in the corpus as the story case';
    const r = runCli(['validate', JULY, '--baseline', 'docs/examples/july-baseline.yaml', '--json', out('r.json'), '--sarif', out('r.sarif'), '--junit', out('r.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`PASS ${JULY}\n  no new findings\n  baselined: 1 known finding, not counted by the gate\n`);
    expect(r.stdout).toContain(`      reason: ${reason}\n`);
    expect(r.stdout).toMatch(/; 1 baselined\n$/);

    const json = JSON.parse(readFileSync(out('r.json'), 'utf8')) as { summary: { baselined: number }; files: (JsonFile & { baselined: { code: string; reason: string }[] })[] };
    expect(json.summary.baselined).toBe(1);
    expect(json.files[0]!.findings).toEqual([]);
    expect(json.files[0]!.baselined.map((b) => [b.code, b.reason])).toEqual([['OOB_INPUT_READ', reason]]);

    const results = (JSON.parse(readFileSync(out('r.sarif'), 'utf8')) as { runs: { results: { ruleId: string; suppressions?: unknown }[] }[] }).runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.suppressions])).toEqual([['OOB_INPUT_READ', [{ kind: 'external', status: 'accepted', justification: reason }]]]);

    const xml = readFileSync(out('r.xml'), 'utf8');
    expect(xml).toContain('failures="0" errors="0" skipped="1"');
    expect(xml).toContain(`accepted by the baseline: ${reason}"/>`);
  });

  it('a baseline with an unknown key is refused with file:line:col before any file is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-baseline-'));
    const b = join(dir, 'b.yaml');
    writeFileSync(b, `version: 1\nentries:\n  - code: GAP\n    path: pool\n    sha256: ${'0'.repeat(64)}\n    reason: ok\n    expiry: 2030-01-01\n`);
    const r = runCli(['validate', 'no-such.bin', '--baseline', b]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: .*b\.yaml:7:5: entries\[0\]\.expiry: unknown key/)]);
  });
});
