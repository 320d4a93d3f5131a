import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { modelCode, type CodeCatalog, type Finding } from '../../src/findings/index.js';
import { renderReport, toJsonReport } from '../../src/report/index.js';
import type { ValidationReport } from '../../src/report/model.js';
import { sarifErrors, xmlErrors } from './well-formed.js';

/** A format's own codes, as a consumer model's `codes:` defines them. */
const codes: CodeCatalog = new Map([
  ['SIG_PATTERN_OVERFLOW', {
    severity: 'error', kind: 'consumer', title: "pattern overflows the scanner's buffer",
    message: 'a pattern of {length} bytes overflows the {max}-byte buffer',
    meaning: 'A pattern longer than the **scanner** buffer overwrites what follows it.', fix: 'Split the pattern.',
  }],
  ['SIG_SKEW', { severity: 'warning', kind: 'hazard', title: 'a record kind older scanners skip', message: 'kind {kind} is skipped' }],
]);

const overflow: Finding = {
  code: modelCode('SIG_PATTERN_OVERFLOW'), severity: 'error', message: 'a pattern of 300 bytes overflows the 256-byte buffer',
  path: 'records[2].pattern', offset: 40, profile: 'scanner-2.3', details: { length: 300, max: 256 },
};
const skew: Finding = { code: modelCode('SIG_SKEW'), severity: 'warning', message: 'kind 4 is skipped', path: 'records[3]', offset: 90, profile: 'scanner-2.3' };

const report: ValidationReport = {
  tool: { name: 'preflight', version: '0.1.0' },
  schema: { name: 'sigpack-v1', source: 'schemas/sigpack-v1.yaml' },
  fleet: [{ name: 'scanner-2.3', population: 10, source: 'profiles/sigpack-v1/scanner-2.3.yaml' }],
  files: [{
    file: 'corpus/sigpack/overflow.bin', verdict: 'fail', findings: [overflow, skew],
    totals: { SIG_PATTERN_OVERFLOW: 1, SIG_SKEW: 1 },
    consumers: [{ profile: 'scanner-2.3', outcome: 'crash', population: 10, fault: { code: overflow.code, path: overflow.path, offset: 40, message: overflow.message } }],
  }],
  codes,
};

describe('codes a consumer model defines reach every report', () => {
  it('SARIF: a rule per code with the model\'s title, help, fix, level and kind, linked to docs/findings.md', () => {
    const text = renderReport(report, 'sarif', { color: false, homeUri: 'https://example.org/p' });
    expect(sarifErrors(text)).toEqual([]);
    const run = (JSON.parse(text) as Log).runs[0]!;
    const rule = run.tool.driver.rules!.find((r) => r.id === 'SIG_PATTERN_OVERFLOW')!;
    expect(rule.shortDescription?.text).toBe("pattern overflows the scanner's buffer");
    expect(rule.fullDescription?.text).toBe('A pattern longer than the scanner buffer overwrites what follows it.');
    expect(rule.help?.markdown).toContain('**Typical fix:** Split the pattern.');
    expect(rule.defaultConfiguration?.level).toBe('error');
    expect(rule.properties?.tags).toEqual(['consumer']);
    expect(rule.helpUri).toBe('https://example.org/p/docs/findings.md#codes-a-consumer-model-defines');
    const hazard = run.tool.driver.rules!.find((r) => r.id === 'SIG_SKEW')!;
    expect(hazard).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { tags: ['hazard'] } });
    expect(run.results!.map((r) => [r.ruleId, r.level])).toEqual([['SIG_PATTERN_OVERFLOW', 'error'], ['SIG_SKEW', 'warning']]);
  });

  it('JSON, JUnit and text carry the code, severity and message like a built-in one', () => {
    const json = toJsonReport(report);
    expect(json.files[0]!.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      ['SIG_PATTERN_OVERFLOW', 'error', 'a pattern of 300 bytes overflows the 256-byte buffer'], ['SIG_SKEW', 'warning', 'kind 4 is skipped'],
    ]);
    expect(json.summary.findings).toEqual({ error: 1, warning: 1 });
    const junit = renderReport(report, 'junit', { color: false });
    expect(xmlErrors(junit)).toEqual([]);
    expect(junit).toContain('SIG_PATTERN_OVERFLOW');
    const text = renderReport(report, 'text', { color: false });
    expect(text).toContain('SIG_PATTERN_OVERFLOW');
    expect(text).toContain('a pattern of 300 bytes overflows the 256-byte buffer');
  });

  it('a report without its catalogue still gives every code a valid rule', () => {
    const { codes: _, ...bare } = report;
    const text = renderReport(bare, 'sarif', { color: false });
    expect(sarifErrors(text)).toEqual([]);
    expect((JSON.parse(text) as Log).runs[0]!.tool.driver.rules!.map((r) => r.id)).toEqual(['SIG_PATTERN_OVERFLOW', 'SIG_SKEW']);
  });
});
