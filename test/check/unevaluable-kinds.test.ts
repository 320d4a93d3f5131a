import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/**
 * Issue 10: "a rule that cannot be evaluated on a particular file is a finding (CONSTRAINT, with
 * the reason), never silence". One rule of each kind indexes `bounds[n]` with n read from the
 * file: on a file where n is out of range every rule must be reported, with the reason.
 */
const schema = parseSchema(`
format: unevaluable
endian: le
root: file
types:
  file:
    seq:
      - { id: n, type: u1 }
      - { id: bounds, type: u1, repeat: 2 }
      - id: ptrs
        type: u1
        repeat: 2
      - id: recs
        type: rec
        repeat: 2
        at: ptrs[_index]
        placement: { start: 'bounds[n]', end: _io.size, code: BAD_OFFSET, gap_code: GAP }
      - id: value
        type: u1
        at: 5
        valid: [{ expr: 'value < bounds[n]', code: BAD_VALUE }]
      - id: sum
        type: u1
        at: 6
        checksum: { algo: crc32-low16, from: 'bounds[n]', to: _io.size, code: CRC_MISMATCH }
    asserts:
      - { rule: 'bounds[n] <= _io.size', code: CONSTRAINT }
  rec:
    seq:
      - { id: tag, type: u1 }
`, 'unevaluable.yaml');

// n, bounds[2], ptrs[2] → recs at 7 and 8; value at 5, sum at 6.
const file = (n: number) => Uint8Array.from([n, 7, 9, 7, 8, 3, 0, 0xaa, 0xbb]);

describe('every kind of rule that cannot be evaluated is a CONSTRAINT finding with the reason', () => {
  it('n in range: the rules evaluate (and the checksum is judged)', () => {
    const r = validateBytes('u.bin', file(0), { schema });
    expect(r.findings.filter((f) => f.details?.unevaluated === true)).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('CRC_MISMATCH');
  });

  it('n out of range: valid expr, assert, checksum range and placement are each reported, none silently skipped', () => {
    const r = validateBytes('u.bin', file(5), { schema });
    expect(r.verdict).toBe('fail');
    const unevaluable = r.findings.filter((f) => f.code === 'CONSTRAINT' && f.details?.unevaluated === true);
    const byPath = new Map(unevaluable.map((f) => [f.path, f]));
    expect([...byPath.keys()].sort()).toEqual(['(file)', 'recs', 'sum', 'value']);
    for (const f of unevaluable) {
      expect(String(f.details?.reason)).toMatch(/index 5 is outside 0\.\.1/);
      expect(f.message).toContain('could not be evaluated on this file');
      expect(f.message).not.toContain('undefined');
    }
    expect(String(byPath.get('sum')!.details?.rule)).toContain('crc32-low16 checksum from bounds[n]');
    expect(String(byPath.get('recs')!.details?.rule)).toContain('placement from bounds[n]');
    // No rule over it passed: the checksum was not judged either way.
    expect(r.findings.map((f) => f.code)).not.toContain('CRC_MISMATCH');
  });
});
