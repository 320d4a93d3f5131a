import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { formatShare } from '../../src/report/format.js';
import { brokenReport, julyReport } from './fixtures.js';

// The start of any CSI sequence: colour codes, and the screen-clearing escape in the fixture.
const ANSI = /\u001b\[/;

describe('renderText', () => {
  const plain = renderText(julyReport, { color: false, width: 100 });
  const lines = plain.split('\n');

  it('states the blast radius against the whole fleet', () => {
    expect(plain).toContain('blast radius: crash on agent-7.11 — 8,500,000 of 9,700,000 endpoints (87.6%)');
    expect(plain).toContain('blast radius: none — every consumer loads the file');
  });

  it('gives each file a verdict header', () => {
    expect(lines).toContain('FAIL corpus/july/c-00000291.ccf');
    expect(lines).toContain('WARN corpus/spring/c-00000270.ccf');
    expect(lines).toContain('PASS corpus/clean/c-00000300.ccf');
  });

  it('prints findings with decimal and hex offsets, naming the consumers they are on', () => {
    const at = lines.findIndex((l) => l.includes('OOB_INPUT_READ  instances[1].criteria[20] @ 412 (0x19c)'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).toMatch(/^ {4}error {4}OOB_INPUT_READ/);
    expect(lines[at - 1]).toBe('  consumer findings');
    expect(lines[at + 1]).toContain('criterion 20 reads inputs[20]');
    expect(lines[at + 2]).toBe('      on agent-7.11');
  });

  it('lists every consumer with outcome, population and fault', () => {
    expect(lines).toContain('    agent-7.11  crash   8,500,000  OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c)');
    expect(lines).toContain('    agent-7.16  load    1,200,000');
  });

  it('ends with a summary over all files', () => {
    expect(lines.at(-2)).toBe('summary 3 files: 1 pass, 1 warn, 1 fail; 1 error, 1 warning');
    expect(plain.endsWith('\n')).toBe(true);
  });

  it('has no colour codes without color, and some with it', () => {
    expect(plain).not.toMatch(ANSI);
    const colored = renderText(julyReport, { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[31m'); // red, for FAIL and crash
  });

  it('stays within the width it is given, 80 by default', () => {
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    const narrow = renderText(julyReport, { color: false });
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // The fault does not fit beside the consumer's row at 80 columns: it moves to the next line.
    expect(narrow).toContain('    agent-7.11  crash   8,500,000\n      OOB_INPUT_READ at instances[1].criteria[20] @ 412 (0x19c)\n');
  });

  it('handles a zero-population fleet, a reject, and structural findings', () => {
    const text = renderText(brokenReport, { color: false, width: 100 });
    expect(text).toContain('blast radius: reject on legacy-6.0 — 0 of 0 endpoints (n/a)');
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toContain('    legacy-6.0  reject  0  BAD_MAGIC at header.magic @ 0 (0x0)');
    expect(text).toContain('  structure\n    error    BAD_MAGIC  header.magic @ 0 (0x0)');
    // Unresolved offset: no "@ -1".
    expect(text).toContain('    error    REGEX_INVALID  pool\n');
    expect(text).toContain('summary 1 file: 0 pass, 0 warn, 1 fail; 4 errors, 1 warning');
  });

  it('neutralises terminal escapes that come from the file under test', () => {
    const text = renderText(brokenReport, { color: false });
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('pattern "\\x1b[2J]]>" does not compile');
  });
});

describe('formatShare', () => {
  it('never claims none or all of the fleet when that is not true', () => {
    expect(formatShare(8_500_000, 9_700_000)).toBe('87.6%');
    expect(formatShare(1, 10_000_000)).toBe('<0.1%');
    expect(formatShare(9_999_999, 10_000_000)).toBe('>99.9%');
    expect(formatShare(5, 5)).toBe('100.0%');
    expect(formatShare(0, 5)).toBe('0.0%');
    expect(formatShare(0, 0)).toBe('n/a');
  });
});
