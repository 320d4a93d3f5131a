import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, stderrLines } from './run-cli.js';

const SIGPACK = ['--schema', 'schemas/sigpack-v1.yaml'];
const OVERFLOW = 'corpus/sigpack/pattern-overflow.bin';

interface JsonReport {
  summary: { blastRadius: { crash: { profiles: string[] }; fleetPopulation: number } };
  files: { verdict: string; findings: { code: string; severity: string; message: string; profile?: string }[]; consumers: { profile: string; outcome: string }[] }[];
}

/** A schema copied to a folder with nothing beside it: a format without a consumer model. */
function schemaWithoutModel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-nomodel-'));
  copyFileSync(join(ROOT, 'schemas', 'sigpack-v1.yaml'), join(dir, 'sigpack-v1.yaml'));
  return join(dir, 'sigpack-v1.yaml');
}

describe('validate runs the consumer model beside the schema (issue 9)', () => {
  it('sigpack: the default fleet of its model, its own codes in JSON and SARIF, and a blast radius', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-sigpack-'));
    const sarif = join(dir, 'out.sarif');
    const r = runCli(['validate', ...SIGPACK, OVERFLOW, '--format', 'json', '--sarif', sarif]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(doc.summary.blastRadius.crash.profiles).toEqual(['scanner-2.3']);
    expect(doc.summary.blastRadius.fleetPopulation).toBeGreaterThan(0);
    const file = doc.files[0]!;
    expect(file.consumers.map((c) => [c.profile, c.outcome])).toEqual([['scanner-2.3', 'crash'], ['scanner-2.4', 'load']]);
    expect(file.findings).toEqual([expect.objectContaining({ code: 'SIG_PATTERN_OVERFLOW', severity: 'error', profile: 'scanner-2.3' })]);
    expect(file.findings[0]!.message).toMatch(/overflows/);
    const rule = (JSON.parse(readFileSync(sarif, 'utf8')) as Log).runs[0]!.tool.driver.rules!.find((x) => x.id === 'SIG_PATTERN_OVERFLOW')!;
    expect(rule.help?.text).toMatch(/\w/);
    expect(rule.helpUri).toMatch(/findings\.md#codes-a-consumer-model-defines$/);
  });

  it('--profile and --fleet are read through the model: a sigpack profile works, a CCF profile is refused with file, line and key', () => {
    const one = runCli(['validate', ...SIGPACK, '--profile', 'profiles/sigpack-v1/scanner-2.4.yaml', OVERFLOW, '--format', 'json']);
    expect(one.status).toBe(0);
    expect((JSON.parse(one.stdout) as JsonReport).files[0]!.consumers.map((c) => c.profile)).toEqual(['scanner-2.4']);
    const wrong = runCli(['validate', ...SIGPACK, '--profile', 'profiles/default/agent-7.11.yaml', OVERFLOW]);
    expect(wrong.status).toBe(2);
    expect(stderrLines(wrong)).toEqual([expect.stringMatching(/^preflight: profiles\/default\/agent-7\.11\.yaml:\d+:\d+: \S+: /)]);
  });

  it('a schema without a model: structural checks only, one note on stderr, exit as the findings say', () => {
    const schema = schemaWithoutModel();
    const r = runCli(['validate', '--schema', schema, 'corpus/sigpack/clean.bin', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: schema sigpack-v1 has no consumer model \(sigpack-v1\.consumer\.yaml\): structural checks only/)]);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(doc.files[0]!.consumers).toEqual([]);
    expect(doc.summary.blastRadius.fleetPopulation).toBe(0);
  });

  it('a schema without a model and --fleet or --profile: exit 2, one line', () => {
    const schema = schemaWithoutModel();
    for (const extra of [['--fleet', 'profiles/sigpack-v1'], ['--profile', 'profiles/sigpack-v1/scanner-2.3.yaml']]) {
      const r = runCli(['validate', '--schema', schema, ...extra, 'corpus/sigpack/clean.bin']);
      expect(r.status).toBe(2);
      expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: --profile and --fleet need a consumer model, and schema sigpack-v1 has none/)]);
    }
  });

  it('a broken model beside the schema is an error with file, line and key, not a silent structural run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-badmodel-'));
    mkdirSync(join(dir, 'profiles'));
    copyFileSync(join(ROOT, 'schemas', 'sigpack-v1.yaml'), join(dir, 'sigpack-v1.yaml'));
    writeFileSync(join(dir, 'sigpack-v1.consumer.yaml'), readFileSync(join(ROOT, 'schemas', 'sigpack-v1.consumer.yaml'), 'utf8').replace(/^schema: .*$/m, 'schema: sigpack-v1\nsurprise: 1'));
    const r = runCli(['validate', '--schema', join(dir, 'sigpack-v1.yaml'), 'corpus/sigpack/clean.bin']);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: .*sigpack-v1\.consumer\.yaml:\d+:\d+: surprise: /)]);
  });

  it('a baseline may accept a code the model defines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-modelbaseline-'));
    const b = join(dir, 'baseline.yaml');
    expect(runCli(['validate', ...SIGPACK, OVERFLOW, '--write-baseline', b]).status).toBe(1);
    expect(readFileSync(b, 'utf8')).toContain('SIG_PATTERN_OVERFLOW');
    writeFileSync(b, readFileSync(b, 'utf8').replaceAll('TODO: say why this finding is accepted', 'known, fixed in 2.4'));
    const gated = runCli(['validate', ...SIGPACK, OVERFLOW, '--baseline', b, '--format', 'json']);
    expect(gated.status).toBe(0);
    // The same baseline against the CCF schema: SIG_ codes are unknown there.
    const ccf = runCli(['validate', 'corpus/ccf/codes/clean.bin', '--baseline', b]);
    expect(ccf.status).toBe(2);
    expect(ccf.stderr).toMatch(/unknown finding code "SIG_PATTERN_OVERFLOW"/);
  });
});
