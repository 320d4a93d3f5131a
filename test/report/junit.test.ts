import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { brokenReport, julyReport } from './fixtures.js';
import { xmlErrors, xmlTexts } from './well-formed.js';

const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length;

/** Well-formed by a strict XML 1.0 parser (saxes), not by pattern matching. */
function assertBalanced(xml: string): void {
  expect(xmlErrors(xml)).toEqual([]);
}

describe('renderJunit', () => {
  const xml = renderJunit(julyReport);

  it('is balanced XML with a declaration', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    assertBalanced(xml);
    assertBalanced(renderJunit(brokenReport));
  });

  it('has one testsuite per file and structure + one testcase per consumer', () => {
    expect(count(xml, /<testsuite /g)).toBe(3);
    expect(count(xml, /<testcase /g)).toBe(3 * 3);
    expect(count(xml, /name="structure"/g)).toBe(3);
    expect(count(xml, /name="consumer:agent-7.11"/g)).toBe(3);
  });

  it('fails only the crashing consumer, with code, path and offset', () => {
    expect(count(xml, /<failure /g)).toBe(1);
    expect(xml).toMatch(/<testsuites name="preflight" tests="9" failures="1"/);
    expect(xml).toContain('<failure message="crash: OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c)" type="OOB_INPUT_READ">');
  });

  it('keeps warnings out of failures but visible in system-out', () => {
    const spring = xml.slice(xml.indexOf('corpus/spring'), xml.indexOf('corpus/clean'));
    expect(spring).not.toContain('<failure');
    expect(spring).toMatch(/<system-out>[^<]*warning INPUT_COUNT_MISMATCH template_types\[0\] @ 40 \(0x28\)/);
  });

  it('fails structure with the error findings listed, and a rejecting consumer', () => {
    const broken = renderJunit(brokenReport);
    expect(count(broken, /<failure /g)).toBe(2);
    expect(broken).toContain('<failure message="4 structural errors: BAD_MAGIC, BAD_OFFSET, REGEX_INVALID" type="BAD_MAGIC">');
    expect(broken).toContain('error BAD_OFFSET index[1].offset @ 60 (0x3c): offset 9100: past the end of the file');
    expect(broken).toContain('<failure message="reject: BAD_MAGIC at header.magic @ 0 (0x0)" type="BAD_MAGIC">');
    // The GAP warning is output, not a failure.
    expect(broken).toMatch(/<system-out>warning GAP/);
    // Control bytes from the file are shown escaped, and a "]]>" in a message is text like any other.
    expect(xmlTexts(broken, 'failure')[0]).toContain('pattern "\\x1b[2J]]>" does not compile');
  });

  it('starts from a fresh builder on every call', () => {
    expect(renderJunit(julyReport)).toBe(xml);
  });
});
