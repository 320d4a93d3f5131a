import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/**
 * Issue 10, trap "part-decoded structs go unchecked": a struct whose decoding stops part-way must
 * still have the fields it read checked, so the finding lands on the cause (the length over its
 * limit), not only on its consequence (the data the length claims is not there).
 */
const chunks = parseSchema(`
format: chunks
endian: be
root: file
types:
  file:
    seq:
      - { id: count, type: u1 }
      - { id: chunks, type: chunk, repeat: count }
  chunk:
    seq:
      - { id: length, type: u4, valid: [{ max: 0x7FFFFFFF, code: BAD_VALUE }] }
      - { id: kind, type: u1, valid: [{ in: [1, 2], code: BAD_VALUE }] }
      - { id: data, type: bytes, size: length }
      - { id: crc, type: u4 }
    asserts:
      - { rule: 'crc != 0xFFFFFFFF', code: CONSTRAINT }
`, 'chunks.yaml');

const header = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

describe('a part-decoded struct still has the fields it read checked', () => {
  it('a PNG-like chunk length of 0x90000000 is BAD_VALUE at the length, beside TRUNCATED at the data', () => {
    const bytes = Uint8Array.from([2, ...header(1), 1, 7, 0, 0, 0, 0, ...header(0x90000000), 1, 1, 2, 3]);
    const r = validateBytes('c.bin', bytes, { schema: chunks });
    const found = r.findings.map((f) => [f.code, f.path]);
    expect(found).toContainEqual(['BAD_VALUE', 'chunks[1].length']);
    expect(found).toContainEqual(['TRUNCATED', 'chunks[1].data']);
    const bad = r.findings.find((f) => f.code === 'BAD_VALUE')!;
    expect(bad.offset).toBe(11);
    expect(bad.message).toBe('length is 2415919104, allowed at most 2,147,483,647');
    // The assert over the crc the decode never reached is counted, not reported as a finding of its own.
    expect(r.findings.some((f) => f.code === 'CONSTRAINT' && f.path === 'chunks[1]')).toBe(false);
  });

  it('every field read before the stop is checked, the first chunk as well as the cut one', () => {
    const bytes = Uint8Array.from([2, ...header(1), 9, 7, 0, 0, 0, 0, ...header(0x90000000), 5, 1, 2, 3]);
    const found = validateBytes('c.bin', bytes, { schema: chunks }).findings.map((f) => [f.code, f.path]);
    expect(found).toEqual(expect.arrayContaining([
      ['BAD_VALUE', 'chunks[0].kind'], ['BAD_VALUE', 'chunks[1].length'], ['BAD_VALUE', 'chunks[1].kind'], ['TRUNCATED', 'chunks[1].data'],
    ]));
  });

  it('a single (non-array) struct cut short is checked too', () => {
    const one = parseSchema(`
format: one
endian: be
root: file
types:
  file:
    seq:
      - { id: head, type: chunk }
  chunk:
    seq:
      - { id: length, type: u4, valid: [{ max: 0x7FFFFFFF, code: BAD_VALUE }] }
      - { id: data, type: bytes, size: length }
`, 'one.yaml');
    const found = validateBytes('o.bin', Uint8Array.from([...header(0x90000000), 1, 2]), { schema: one }).findings.map((f) => [f.code, f.path]);
    expect(found).toEqual(expect.arrayContaining([['BAD_VALUE', 'head.length'], ['TRUNCATED', 'head.data']]));
  });

  it("a rule that measures the cut struct (sizeof, end, len) is counted, not reported: its size is the decoder's stop, not the file's", () => {
    const tlv = parseSchema(`
format: tlv
endian: be
root: file
types:
  file:
    seq:
      - { id: count, type: u1 }
      - { id: records, type: record, repeat: count }
    asserts:
      - { rule: len(records) == count, code: BAD_COUNT }
  record:
    seq:
      - { id: length, type: u2, valid: [{ max: 100, code: BAD_VALUE }] }
      - { id: body, type: body }
    asserts:
      - { rule: length == sizeof(body), path: length, code: SIZE_MISMATCH }
  body:
    seq:
      - { id: text, type: bytes, size: _parent.length }
`, 'tlv.yaml');
    const ok = validateBytes('t.bin', Uint8Array.from([1, 0, 2, 9, 9]), { schema: tlv });
    expect(ok.verdict).toBe('pass');
    // The second record claims 1,024 bytes: TRUNCATED, and BAD_VALUE on its length (the cause).
    // Not SIZE_MISMATCH (sizeof(body) is where the decode stopped) nor BAD_COUNT (both records are there).
    const r = validateBytes('t.bin', Uint8Array.from([2, 0, 2, 9, 9, 4, 0, 1, 2, 3]), { schema: tlv });
    expect(r.findings.map((f) => [f.code, f.path]).sort()).toEqual([['BAD_VALUE', 'records[1].length'], ['TRUNCATED', 'records[1].body.text']]);
  });
});
