import { describe, expect, it } from 'vitest';
import { codeInfo, modelCode, renderMessage, severityOf, toFinding, type CodeCatalog } from '../../src/findings/index.js';

const SIG_TOO_LONG = modelCode('SIG_TOO_LONG');
const SIG_SKEW = modelCode('SIG_SKEW');
const catalog: CodeCatalog = new Map([
  ['SIG_TOO_LONG', { severity: 'error', kind: 'consumer', title: "pattern overflows the matcher's buffer", message: 'a pattern of {length} bytes overflows the {max}-byte buffer' }],
  ['SIG_SKEW', { severity: 'warning', kind: 'hazard', title: 'a record kind only newer scanners handle', message: 'kind {kind} is unknown to {name}', fix: 'Ship it after the fleet updates.' }],
]);

describe('finding codes a consumer model defines', () => {
  it('render their message template with the finding details, numbers grouped', () => {
    expect(renderMessage(SIG_TOO_LONG, { length: 70000, max: 256 }, catalog)).toBe('a pattern of 70,000 bytes overflows the 256-byte buffer');
  });

  it('show a {name:hex} placeholder in hex: integers 0x upper-case, bytes and digests as hex digits', () => {
    const crc: CodeCatalog = new Map([['OWN_CRC', { severity: 'error', kind: 'structure', origin: 'schema', title: 'crc', message: 'stored {stored:hex}, computed {computed:hex} ({computed})' }]]);
    const OWN_CRC = modelCode('OWN_CRC');
    expect(renderMessage(OWN_CRC, { stored: 0, computed: 3406164368 }, crc)).toBe('stored 0x0, computed 0xCB05F190 (3,406,164,368)');
    expect(renderMessage(OWN_CRC, { stored: 0xffffffffffffffffn, computed: -1 }, crc)).toBe('stored 0xFFFFFFFFFFFFFFFF, computed -0x1 (-1)');
    expect(renderMessage(OWN_CRC, { stored: Uint8Array.from([0x89, 0x50]), computed: 'ba7816bf' }, crc)).toBe('stored 8950, computed ba7816bf (ba7816bf)');
    expect(renderMessage(OWN_CRC, { stored: new Uint8Array(100), computed: 'not hex' }, crc)).toMatch(/^stored 0{128}… \(100 bytes\), computed not hex/);
    // An unknown format is left as written; a missing detail still falls back.
    const odd: CodeCatalog = new Map([['ODD', { severity: 'error', kind: 'consumer', title: 'odd title', message: '{a:oct} and {a}' }]]);
    expect(renderMessage(modelCode('ODD'), { a: 8 }, odd)).toBe('{a:oct} and 8');
    expect(renderMessage(OWN_CRC, { stored: 1 }, crc)).toBe('crc');
  });

  it('fall back to the title when a placeholder has no detail, never a sentence with a hole', () => {
    expect(renderMessage(SIG_TOO_LONG, { length: 3 }, catalog)).toBe("pattern overflows the matcher's buffer");
    expect(renderMessage(SIG_TOO_LONG, undefined, catalog)).toBe("pattern overflows the matcher's buffer");
  });

  it('escape and bound values from the file like any other message', () => {
    const m = renderMessage(SIG_SKEW, { kind: 7, name: '\u001b[31mred\u202e' + 'x'.repeat(500) }, catalog);
    expect(m).not.toMatch(/[\u001b\u202e]/);
    expect(m.length).toBeLessThan(400);
  });

  it('escape the model author\'s own text too (title and template), whatever the details', () => {
    const hostile: CodeCatalog = new Map([['X_CODE', { severity: 'error', kind: 'consumer', title: 'bad\u001b[2J\u202etitle', message: 'no {detail}\u0007 here' }]]);
    const X = modelCode('X_CODE');
    for (const d of [undefined, {}, { detail: 1 }]) expect(renderMessage(X, d, hostile)).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('take their severity from the catalogue; a code no catalogue knows is an error, never a pass', () => {
    expect(severityOf({ code: SIG_SKEW, path: [], offset: 0 }, catalog)).toBe('warning');
    expect(severityOf({ code: SIG_SKEW, path: [], offset: 0 })).toBe('error');
    expect(toFinding({ code: SIG_SKEW, path: ['records', 2], offset: 9, details: { kind: 3, name: 'scanner-2.3' }, profile: 'scanner-2.3' }, catalog))
      .toMatchObject({ code: 'SIG_SKEW', severity: 'warning', message: 'kind 3 is unknown to scanner-2.3', path: 'records[2]' });
    expect(renderMessage(SIG_SKEW, { kind: 3 })).toBe('finding SIG_SKEW');
  });

  it('sit next to the built-in codes, which keep their own information', () => {
    expect(codeInfo('OOB_INPUT_READ', catalog)?.kind).toBe('consumer');
    expect(codeInfo('SIG_SKEW', catalog)?.kind).toBe('hazard');
    expect(codeInfo('SIG_SKEW')).toBeUndefined();
  });
});
