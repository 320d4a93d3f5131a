import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/findings/index.js';
import { hasUnsafe } from '../../src/findings/safe-text.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import type { FileReport, ValidationReport } from '../../src/report/model.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { visibleLength } from '../../src/report/text-layout.js';
import { hostileString } from '../findings/hostile-string.js';
import { julyReport } from './fixtures.js';
import { sarifErrors, xmlErrors, xmlTexts } from './well-formed.js';

/**
 * Issue 8: any string from a file (or a file name, a profile name, an error) must leave every
 * output format well-formed. The strings are fast-check's, over full unicode with lone
 * surrogates, plus pieces known to break formats (`]]>`, ESC sequences, bidi overrides).
 */
function hostileReport(s: string, name = s): ValidationReport {
  const bad: FileReport = {
    file: `dir/${name}.bin`,
    verdict: 'fail',
    findings: [
      { code: 'REGEX_INVALID', severity: 'error', message: renderMessage('REGEX_INVALID', { pattern: s, reason: s }), path: 'instances[0].criteria[1]', offset: 61 },
      { code: 'CONSTRAINT', severity: 'error', message: s, path: s, offset: -1 },
      { code: 'UNKNOWN_OP', severity: 'error', message: s, path: 'instances[0].criteria[2]', offset: 70, profile: name },
      { code: 'GAP', severity: 'warning', message: s, path: '(file)', offset: 9 },
    ],
    totals: { REGEX_INVALID: 1, CONSTRAINT: 3, UNKNOWN_OP: 1, GAP: 1 },
    omitted: { CONSTRAINT: 2 },
    consumers: [{ profile: name, outcome: 'crash', population: 10, fault: { code: 'UNKNOWN_OP', path: s, offset: 70, message: s } }],
    // A baseline's reason is text from a file too (the baseline), shown in every format.
    baselined: [{ finding: { code: 'BAD_VALUE', severity: 'error', message: s, path: s, offset: 12, profile: name }, reason: s, expires: '2030-01-01' }],
  };
  const unreadable: FileReport = { file: name, verdict: 'error', error: `${name}: cannot read: ${s}`, findings: [], consumers: [], totals: {} };
  return { ...julyReport, fleet: [{ name, population: 10, source: name }], files: [bad, unreadable] };
}

describe('every output format stays well-formed, whatever a file holds', () => {
  it('JUnit XML parses with a strict XML parser (saxes)', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        const xml = renderJunit(hostileReport(s));
        expect(xmlErrors(xml)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('JSON parses, and holds no raw control, bidi or invisible character', () => {
    fc.assert(
      fc.property(hostileString(), (s) => {
        const text = renderJson(hostileReport(s));
        const doc = JSON.parse(text) as { files: Array<{ file: string }> };
        // Values are the same once parsed: the file name is given back exactly (unsafe characters only escaped).
        expect(doc.files[1]!.file).toBe(s);
        expect(hasUnsafe(text.replace(/\n/g, ''))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('SARIF parses, stays valid against the SARIF 2.1.0 schema, and holds no raw unsafe character', () => {
    fc.assert(
      fc.property(hostileString(60), (s) => {
        const text = renderSarif(hostileReport(s));
        expect(sarifErrors(text)).toEqual([]);
        expect(hasUnsafe(text.replace(/\n/g, ''))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('text has no raw control character and fits its width', () => {
    fc.assert(
      fc.property(hostileString(), fc.integer({ min: 40, max: 160 }), fc.boolean(), (s, width, color) => {
        const text = renderText(hostileReport(s), { color, width });
        const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
        // Colour codes are ours; nothing else may reach the terminal raw.
        expect(hasUnsafe(plain.replace(/\n/g, ''))).toBe(false);
        for (const line of text.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JUnit: a "]]>" in a message (issue 8)', () => {
  // Before: the builder wrapped text in CDATA and escaped only the first "]]>", so a message with
  // two of them, such as a pattern quoted twice, was "not well-formed (invalid token)".
  it('every occurrence is kept as text, and the document parses', () => {
    const message = renderMessage('REGEX_INVALID', { pattern: '(]]>', reason: 'missing ): (]]>' });
    const report: ValidationReport = {
      ...julyReport,
      files: [{
        file: 'x.bin', verdict: 'fail', totals: { REGEX_INVALID: 1 }, consumers: [],
        findings: [{ code: 'REGEX_INVALID', severity: 'error', message, path: 'pool', offset: 3 }],
      }],
    };
    const xml = renderJunit(report);
    expect(xmlErrors(xml)).toEqual([]);
    expect(xmlTexts(xml, 'failure')).toEqual(['error REGEX_INVALID pool @ 3 (0x3): pattern "(]]>" does not compile: missing ): (]]>']);
  });
});

describe('a 5 MB value', () => {
  it('is cut in every format, with its length', () => {
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const report = hostileReport(huge, 'big');
    for (const out of [renderText(report, { color: false }), renderJunit(report), renderSarif(report), renderJson(report)]) {
      expect(out.length).toBeLessThan(100_000);
    }
    const text = renderText(report, { color: false });
    expect(text.length).toBeLessThan(20_000);
    expect(text).toContain('(5,242,880 chars)');
  });
});
