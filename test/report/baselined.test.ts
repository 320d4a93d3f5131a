import fc from 'fast-check';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { applyBaseline, type BaselineEntry } from '../../src/baseline/index.js';
import { FINDING_CODES, type BuiltinCode, type Finding } from '../../src/findings/index.js';
import { fingerprint, renderReport, type JsonReport } from '../../src/report/index.js';
import type { FileReport, ValidationReport } from '../../src/report/model.js';
import { visibleLength } from '../../src/report/text-layout.js';
import { brokenFile, brokenReport, julyCrash, julyReport } from './fixtures.js';
import { sarifErrors, xmlErrors, xmlTexts } from './well-formed.js';

/**
 * Findings a baseline accepted (FileReport.baselined) are shown, marked, in every format, and never
 * fail the gate. Before this, every renderer ignored the field: the accepted findings vanished from
 * all four reports (only a count on stderr said they existed), so every test below failed.
 */

const REASON = 'the July 2024 file, kept as a regression test';
const SHA = 'c'.repeat(64);

/** The July crash, its one finding accepted until the end of January 2027. */
const julyKnown: FileReport = {
  ...julyCrash, sha256: SHA, verdict: 'pass', findings: [],
  baselined: [{ finding: julyCrash.findings[0]!, reason: REASON, expires: '2027-01-31' }],
};

/** The broken file with BAD_MAGIC (the reject's fault) and both BAD_OFFSETs accepted; the rest is new. */
const brokenPartly: FileReport = {
  ...brokenFile,
  findings: brokenFile.findings.filter((f) => f.code !== 'BAD_MAGIC' && f.code !== 'BAD_OFFSET'),
  baselined: brokenFile.findings.filter((f) => f.code === 'BAD_MAGIC' || f.code === 'BAD_OFFSET').map((finding) => ({ finding, reason: 'legacy header, fixed in 7.20' })),
};

const knownReport: ValidationReport = { ...julyReport, files: [julyKnown] };
const partlyReport: ValidationReport = { ...brokenReport, files: [brokenPartly] };
const render = (r: ValidationReport, format: 'text' | 'json' | 'sarif' | 'junit', width?: number) =>
  renderReport(r, format, { color: false, ...(width !== undefined ? { width } : {}) });

describe('text: a baselined section per file', () => {
  it('gives the count and each accepted finding with its reason and date; the file passes', () => {
    const text = render(knownReport, 'text');
    expect(text).toContain('PASS corpus/july/c-00000291.ccf\n  no new findings\n  baselined: 1 known finding, not counted by the gate\n');
    expect(text).toContain(`    error    OOB_INPUT_READ  instances[1].criteria[20] @ 412 (0x19c)\n      on agent-7.11\n      reason: ${REASON} (until 2027-01-31)\n`);
    // The crash is still shown (the simulation says so), marked as the known one.
    expect(text).toContain('OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c) (baselined)');
    expect(text).toMatch(/summary 1 file: 1 pass, 0 warn, 0 fail; 0 errors, 0 warnings; 1 baselined\n$/);
  });

  it('names the first three and counts the rest; new findings stay under their headings', () => {
    const many: FileReport = { ...brokenPartly, baselined: [...brokenPartly.baselined!, ...brokenPartly.baselined!] };
    const text = render({ ...partlyReport, files: [many] }, 'text', 100);
    expect(text).toContain('  baselined: 6 known findings, not counted by the gate\n');
    expect(text.match(/reason: legacy header, fixed in 7\.20/g)).toHaveLength(3);
    expect(text).toContain('    … and 3 more baselined findings\n');
    expect(text).toMatch(/structure\n {4}error {4}REGEX_INVALID/);
    expect(text).toContain('BAD_MAGIC at header.magic @ 0 (0x0) (baselined)');
  });

  it('without a baseline, no section and no mark', () => {
    const text = render(julyReport, 'text');
    expect(text).not.toMatch(/baselined/);
    expect(text).toContain('  no findings\n');
  });

  it('fits any width, escapes what the reason carries, and never prints a raw ESC', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.string({ maxLength: 300, unit: 'binary' }), (width, reason) => {
      const file: FileReport = { ...julyKnown, baselined: [{ finding: julyCrash.findings[0]!, reason }] };
      const text = render({ ...julyReport, files: [file] }, 'text', width);
      const columns = Math.max(40, width);
      for (const line of text.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(columns);
      expect(text).not.toContain('\u001b');
    }), { numRuns: 150 });
  });
});

describe('JSON: a baselined array per file and a count in the summary', () => {
  const doc = JSON.parse(render({ ...julyReport, files: [julyKnown, brokenPartly] }, 'json')) as JsonReport;

  it('lists each accepted finding with its reason and date, out of findings', () => {
    expect(doc.files[0]!.findings).toEqual([]);
    expect(doc.files[0]!.verdict).toBe('pass');
    expect(doc.files[0]!.baselined).toEqual([{
      code: 'OOB_INPUT_READ', severity: 'error', path: 'instances[1].criteria[20]', offset: 412, profile: 'agent-7.11',
      message: julyCrash.findings[0]!.message, reason: REASON, expires: '2027-01-31',
    }]);
    expect(doc.files[1]!.baselined.map((b) => [b.code, b.reason, 'expires' in b])).toEqual([
      ['BAD_MAGIC', 'legacy header, fixed in 7.20', false], ['BAD_OFFSET', 'legacy header, fixed in 7.20', false], ['BAD_OFFSET', 'legacy header, fixed in 7.20', false],
    ]);
  });

  it('counts them in the summary, apart from the findings that count for the gate', () => {
    expect(doc.summary.baselined).toBe(4);
    // Left in the broken file: REGEX_INVALID (error) and GAP (warning).
    expect(doc.summary.findings).toEqual({ error: 1, warning: 1 });
    expect(doc.summary.verdicts).toEqual({ pass: 1, warn: 0, fail: 1, error: 0 });
  });
});

describe('SARIF: accepted findings are suppressed results', () => {
  const text = render({ ...julyReport, files: [julyKnown, brokenPartly] }, 'sarif');
  const run = (JSON.parse(text) as Log).runs[0]!;

  it('stays valid SARIF 2.1.0', () => {
    expect(sarifErrors(text)).toEqual([]);
  });

  it('gives each accepted finding a result with an external suppression holding the reason', () => {
    const suppressed = run.results!.filter((r) => r.suppressions !== undefined);
    expect(suppressed.map((r) => r.ruleId)).toEqual(['OOB_INPUT_READ', 'BAD_MAGIC', 'BAD_OFFSET', 'BAD_OFFSET']);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: REASON, properties: { expires: '2027-01-31' } }]);
    expect(suppressed[1]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'legacy header, fixed in 7.20' }]);
    // Same fingerprint as when it was new: code scanning matches it to the alert it was.
    expect(suppressed[0]!.partialFingerprints).toEqual({ 'preflightFinding/v1': fingerprint(julyCrash.findings[0]!) });
    // New findings carry no suppression.
    expect(run.results!.filter((r) => r.suppressions === undefined).map((r) => r.ruleId)).toEqual(['REGEX_INVALID', 'GAP']);
  });

  it('has a rule for every code a result names, accepted ones included', () => {
    const ids = run.tool.driver.rules!.map((r) => r.id);
    for (const r of run.results!) expect(ids[r.ruleIndex!]).toBe(r.ruleId);
    expect(ids).toContain('OOB_INPUT_READ');
  });
});

describe('JUnit: accepted findings are never failures', () => {
  it('a crash whose fault is accepted is a skipped testcase with the reason', () => {
    const xml = render(knownReport, 'junit');
    expect(xmlErrors(xml)).toEqual([]);
    expect(xml).toContain('<testsuites name="preflight" tests="3" failures="0" errors="0" skipped="1">');
    expect(xml).toContain('<property name="baselined" value="1"/>');
    expect(xml).toContain(`<skipped message="crash: OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c), accepted by the baseline: ${REASON} (until 2027-01-31)"/>`);
    expect(xmlTexts(xml, 'system-out').join('\n')).toContain(`baselined error OOB_INPUT_READ instances[1].criteria[20] @ 412 (0x19c): ${julyCrash.findings[0]!.message} (reason: ${REASON} (until 2027-01-31))`);
  });

  it('a known fault does not hide a new error on the same consumer: that still fails', () => {
    const later = { ...julyCrash.findings[0]!, path: 'instances[7].criteria[20]', offset: 500 };
    const file: FileReport = { ...julyKnown, verdict: 'fail', findings: [later] };
    const xml = render({ ...julyReport, files: [file] }, 'junit');
    expect(xml).toContain('<failure message="crash: 1 new error: OOB_INPUT_READ (the fault, OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c), is baselined)" type="OOB_INPUT_READ">');
    expect(xml).toContain('failures="1" errors="0" skipped="0"');
  });

  it('structure fails on the new error only; the accepted ones are listed, marked', () => {
    const xml = render(partlyReport, 'junit');
    expect(xml).toContain('<failure message="1 structural error: REGEX_INVALID" type="REGEX_INVALID">');
    expect(xml).toMatch(/<testsuite [^>]* tests="2" failures="1" errors="0" skipped="1">/);
    expect(xmlTexts(xml, 'system-out').join('\n')).toContain('baselined error BAD_MAGIC header.magic @ 0 (0x0): magic is 0xdeadbeef');
    const allKnown: FileReport = { ...brokenPartly, findings: [], verdict: 'pass', baselined: brokenFile.findings.map((finding) => ({ finding, reason: 'r' })) };
    const passing = render({ ...partlyReport, files: [allKnown] }, 'junit');
    expect(passing).toContain('failures="0" errors="0" skipped="2"');
    expect(passing).toContain('<skipped message="4 structural errors accepted by the baseline: BAD_MAGIC, BAD_OFFSET, REGEX_INVALID"/>');
  });
});

/** Any mix of findings, any subset accepted through applyBaseline: the reports agree with the gate. */
describe('accepted findings never fail the gate, in any format', () => {
  const codes = Object.keys(FINDING_CODES) as BuiltinCode[];
  const findingArb = fc.record({
    code: fc.constantFrom(...codes), path: fc.constantFrom('header.magic', 'instances[0].criteria[3]', 'instances[1].criteria[3]', 'pool'),
    profile: fc.option(fc.constantFrom('a-1', 'b-2'), { nil: undefined }), offset: fc.integer({ min: -1, max: 500 }),
  }).map(({ code, path, profile, offset }): Finding => ({
    code, path, offset, severity: FINDING_CODES[code].severity, message: `m ${code}`, ...(profile !== undefined ? { profile } : {}),
  }));

  it('the JUnit failure count and SARIF unsuppressed errors follow the recomputed verdict; every finding stays visible', () => {
    fc.assert(fc.property(fc.array(findingArb, { maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (findings, accept) => {
      const consumers = (['a-1', 'b-2'] as const).map((profile) => {
        const fault = findings.find((f) => f.profile === profile && f.severity === 'error');
        return fault === undefined
          ? { profile, outcome: 'load' as const, population: 1, fault: null }
          : { profile, outcome: 'crash' as const, population: 1, fault: { code: fault.code, path: fault.path, offset: fault.offset, message: fault.message } };
      });
      const file: FileReport = {
        file: 'f.bin', sha256: SHA, findings, consumers, totals: {},
        verdict: findings.some((f) => f.severity === 'error') ? 'fail' : findings.length > 0 ? 'warn' : 'pass',
      };
      const entries: BaselineEntry[] = findings.filter((_, i) => accept[i]).map((f, i) => ({
        code: f.code, path: f.path, sha256: SHA, reason: `r${i}`, line: i + 1, ...(f.profile !== undefined ? { profile: f.profile } : {}),
      }));
      const gated = applyBaseline([file], { source: 'b.yaml', entries, buckets: [] }, '2026-01-01').files[0]!;
      const report: ValidationReport = { ...julyReport, fleet: [{ name: 'a-1', population: 1, source: 'a' }, { name: 'b-2', population: 1, source: 'b' }], files: [gated] };
      const accepted = gated.baselined ?? [];
      expect(gated.findings.length + accepted.length).toBe(findings.length);

      const xml = render(report, 'junit');
      expect(xmlErrors(xml)).toEqual([]);
      const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)![1]);
      // A consumer crashes only on one of this file's error findings, so failing testcases exist exactly when the file fails.
      expect(failures > 0).toBe(gated.verdict === 'fail');

      const sarif = render(report, 'sarif');
      expect(sarifErrors(sarif)).toEqual([]);
      const results = (JSON.parse(sarif) as Log).runs[0]!.results!;
      expect(results).toHaveLength(findings.length);
      const openErrors = results.filter((r) => r.suppressions === undefined && r.level === 'error').length;
      expect(openErrors > 0).toBe(gated.verdict === 'fail');
      expect(results.filter((r) => r.suppressions !== undefined)).toHaveLength(accepted.length);

      const json = JSON.parse(render(report, 'json')) as JsonReport;
      expect(json.files[0]!.baselined).toHaveLength(accepted.length);
      expect(json.summary.baselined).toBe(accepted.length);
    }), { numRuns: 200 });
  });
});
