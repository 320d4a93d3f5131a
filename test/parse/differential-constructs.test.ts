/**
 * Every layout construct the compiler handles (inline/placed × single/repeat × int/bytes/str/
 * struct/switch, inline and non-inline switches, views of views, lets, _parent, _index, _io,
 * lookups over arrays still being filled, both byte orders), checked against the interpreter
 * on inputs skewed so that most of them decode completely.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { cleanForInterpreter, expectAgree, smallishBytes } from './differential-helpers.js';

const KITCHEN = `
format: kitchen
endian: le
root: file
types:
  file:
    let: { half: _io.size / 2, odd: n % 2 }
    seq:
      - { id: n, type: u1 }
      - { id: small, type: s1 }
      - { id: words, type: u2, endian: be, repeat: n % 4 }
      - { id: blob_len, type: u1 }
      - { id: blob, type: bytes, size: blob_len % 8 }
      - { id: name, type: str, size: 3 }
      - { id: strict, type: str, size: 2, utf8_code: BAD_UTF8 }
      - { id: parts, type: part, repeat: n % 3 }
      - { id: kinds, type: { switch_on: small & 1, cases: { 0: a, 1: b } }, repeat: 2 }
      - { id: one, type: { switch_on: odd, cases: { 0: a, 1: b } } }
      - { id: strs, type: str, size: 2, repeat: n % 3 }
      - { id: blobs, type: bytes, size: _index + 1, repeat: 2 }
      - { id: elems, type: elem, repeat: 3 }
      - { id: found, type: u1, repeat: "has(parts, 'k', 1) ? 1 : 0" }
      - { id: at_int, type: s4, at: half }
      - { id: at_ints, type: u2, repeat: 3, at: _index * 2 }
      - { id: at_bytes, type: bytes, size: 2, repeat: 2, at: _index + 1 }
      - { id: at_str, type: str, size: 4, at: 0 }
      - { id: at_rec, type: part, at: 1 }
      - { id: at_recs, type: elem, repeat: 2, at: _index * 3 }
      - { id: at_sw, type: { switch_on: odd, cases: { 0: a, 1: b } }, at: 2 }
      - { id: at_sws, type: { switch_on: odd, cases: { 0: c, 1: b } }, repeat: 2, at: 4 + _index }
      - { id: tail, type: s8 }
      - { id: big, type: u8, endian: be }
      - { id: pool, type: bytes, size: 8, at: 0 }
      - { id: v1, type: str, view: pool, at: n % 4, size: 2 }
      - { id: v2, type: bytes, view: _root.pool, at: 1, size: 3 }
      - { id: v3, type: bytes, view: v2, at: 1, size: 2 }
  part:
    let: { m: _parent.n + k }
    seq:
      - { id: k, type: u1 }
      - { id: w, type: s2, endian: be }
      - { id: body, type: { switch_on: k % 3, cases: { 0: a, 1: b, 2: c } }, inline: true }
      - { id: extra, type: u1, repeat: m % 2 }
      - { id: prev, type: u1, repeat: len(_parent.parts) % 2 }
  elem:
    seq:
      - { id: e, type: u1 }
      - { id: pos, type: u1, repeat: _index % 2 }
      - { id: label, type: str, size: _index, at: _index }
  a: { seq: [{ id: x, type: u1 }] }
  b:
    seq:
      - { id: y, type: u2 }
      - { id: z, type: s1 }
      - { id: vb, type: str, view: _root.pool, at: y % 4, size: 1 }
  c: { seq: [] }
`;

describe('fast path and interpreter agree on every construct', () => {
  const schema = parseSchema(KITCHEN, 'kitchen.yaml');
  const fast = compileFastDecoder(schema);

  it('compiles', () => {
    expect(fast.unsupported).toBeUndefined();
  });

  it('answers on every input the interpreter decodes cleanly, with the same value and locations', () => {
    let clean = 0;
    fc.assert(fc.property(smallishBytes(160, 40), (bytes) => {
      const ok = cleanForInterpreter(schema, bytes);
      if (ok) clean++;
      expectAgree(schema, fast, bytes, ok);
    }), { numRuns: 400 });
    expect(clean).toBeGreaterThan(50);
    expect(fast.stats.fast).toBe(clean);
  });

  it('bails (or agrees) on short and arbitrary inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => { expectAgree(schema, fast, bytes); }), { numRuns: 300 });
    expect(fast.stats.bailed).toBeGreaterThan(0);
  });
});
