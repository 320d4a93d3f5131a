import { describe, expect, it } from 'vitest';
import { parseSchema, type FormatSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/** `items` has `count` bytes; the rules read items[2], which exists only when count > 2. */
const schemaText = `
format: rules
endian: le
root: file
types:
  file:
    seq:
      - { id: count, type: u1 }
      - id: items
        type: u1
        repeat: count
        valid: [{ expr: 'items[2] != 7', code: BAD_VALUE }]
    asserts:
      - { rule: 'items[2] < 100', code: CONSTRAINT }
`;
const schema = parseSchema(schemaText, 'rules.yaml');
const run = (s: FormatSchema, bytes: number[]) => validateBytes('r.bin', Uint8Array.from(bytes), { schema: s });

describe('issue 7 §2: a rule that cannot be evaluated on a file is a finding, never skipped', () => {
  it('an index out of range on a fully decoded file is a CONSTRAINT finding that says why (it used to pass)', () => {
    const r = run(schema, [2, 1, 1]);
    expect(r.verdict).toBe('fail');
    const unevaluable = r.findings.filter((f) => f.code === 'CONSTRAINT' && f.details?.unevaluated === true);
    // The assert once, and the valid rule once per element.
    expect(unevaluable.map((f) => [f.path, f.details?.rule])).toEqual([
      ['(file)', 'items[2] < 100'], ['items[0]', 'items[2] != 7'], ['items[1]', 'items[2] != 7'],
    ]);
    expect(String(unevaluable[0]!.details?.reason)).not.toBe('');
  });

  it('the same rules pass when they can be evaluated and hold', () => {
    expect(run(schema, [3, 1, 1, 1]).verdict).toBe('pass');
    expect(run(schema, [3, 1, 1, 7]).findings.map((f) => f.code)).toEqual(['BAD_VALUE', 'BAD_VALUE', 'BAD_VALUE']);
  });

  it('on a truncated file the rules over the missing data are not repeated: TRUNCATED fails the file', () => {
    const r = run(schema, [9, 1]);
    expect(r.verdict).toBe('fail');
    expect(new Set(r.findings.map((f) => f.code))).toEqual(new Set(['TRUNCATED']));
  });

  it("puts the rule's message (contract D) in details.message", () => {
    const withMessages = parseSchema(schemaText, 'rules.yaml');
    const file = withMessages.types.get('file')!;
    Object.assign(file.asserts[0]!, { message: 'the third item must be small' });
    Object.assign(file.fields[1]!.valid[0]!, { message: 'the third item must not be 7' });
    const bad = run(withMessages, [3, 1, 1, 200]).findings.find((f) => f.code === 'CONSTRAINT')!;
    expect(bad.details?.message).toBe('the third item must be small');
    const seven = run(withMessages, [3, 1, 1, 7]).findings.find((f) => f.code === 'BAD_VALUE')!;
    expect(seven.details?.message).toBe('the third item must not be 7');
    const unevaluable = run(withMessages, [2, 1, 1]).findings.find((f) => f.details?.unevaluated === true)!;
    expect(unevaluable.details?.message).toBe('the third item must be small');
  });
});

describe('a checksum whose range is not inside the file is not passed', () => {
  const summed = parseSchema(`
format: summed
endian: le
root: file
types:
  file:
    seq:
      - { id: end, type: u1 }
      - { id: sum, type: u4, checksum: { algo: crc32, from: 0, to: end, code: CRC_MISMATCH } }
`, 'summed.yaml');

  it('reports CONSTRAINT (could not be evaluated) instead of skipping the check (it used to pass)', () => {
    const r = run(summed, [200, 0, 0, 0, 0]);
    expect(r.verdict).toBe('fail');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: 'sum', details: expect.objectContaining({ unevaluated: true }) })]);
  });
});

describe('a rule over data the decode did not produce never leaves the file passing', () => {
  // A schema that makes an offset outside the file only a warning (GAP): the decode stops short of
  // `rec` without an error, so the assert over it is what must keep the file from passing.
  const lenient = parseSchema(`
format: lenient
endian: le
root: file
types:
  file:
    seq:
      - { id: off, type: u1 }
      - { id: rec, type: u1, at: off, at_code: GAP }
    asserts:
      - { rule: 'rec < 100', code: CONSTRAINT }
`, 'lenient.yaml');

  it('adds one CONSTRAINT (could not be evaluated) when nothing else fails the file', () => {
    const r = run(lenient, [200]);
    expect(r.findings.map((f) => f.code)).toEqual(['CONSTRAINT', 'GAP']);
    expect(r.verdict).toBe('fail');
  });
});
