import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/encode/index.js';
import { schemaOf } from './construct-schemas.js';
import { assertDecodesBack, assertRoundTrip } from './laws.js';

/* The laws on generated values of a schema that mixes the new constructs. */

const MIX = schemaOf(`  file:
    seq:
      - { id: flags, type: b3 }
      - { id: level, type: b5, bit_endian: le }
      - { id: name, type: strz, encoding: latin1 }
      - { id: opt, type: u2, if: (flags & 1) != 0 }
      - { id: recs, type: rec, repeat: until, repeat_until: _.kind == "EN" }
      - { id: crc, type: u4, checksum: { algo: crc32, from: 0, to: _io.size - 4, code: CRC_MISMATCH } }
  rec:
    seq:
      - { id: len, type: u1 }
      - { id: kind, type: str, size: 2, encoding: ascii }
      - id: body
        size: len
        type:
          switch_on: kind
          cases: { '"NU"': num, '"EN"': empty, _: raw(len) }
  num:
    seq:
      - { id: n, type: u4 }
      - { id: big, type: b40 }
      - { id: small, type: b7 }
  empty:
    seq: []
  raw:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n }
`);

const letter = fc.constantFrom(...'ABCDFGHIJKLMOPQRSTVWXYZ');
const rec = fc.oneof(
  fc.record({ kind: fc.constant('NU'), body: fc.record({ n: fc.nat({ max: 0xffffffff }), big: fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }), small: fc.nat({ max: 127 }) }) }),
  fc.record({ kind: fc.tuple(letter, letter).map(([a, b]) => a + b), body: fc.record({ data: fc.uint8Array({ maxLength: 20 }) }) }),
);
const value = fc.record({
  flags: fc.nat({ max: 7 }),
  level: fc.nat({ max: 31 }),
  name: fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  opt: fc.nat({ max: 0xffff }),
  recs: fc.array(rec, { maxLength: 5 }),
}).map((v) => ({ ...v, opt: v.flags & 1 ? v.opt : null, recs: [...v.recs, { kind: 'EN' }] }));

describe('laws on generated values (bits, if, strz, text, default and parametric cases, sized switches, repeat until, crc)', () => {
  it('the decoder reads back the value pack wrote, derived fields filled in', () => {
    fc.assert(fc.property(value, (v) => { assertDecodesBack(MIX, v); }), { numRuns: 150 });
  });

  it('pack(unpack(file)) is byte-identical, from the minimal source', () => {
    fc.assert(fc.property(value, (v) => { expect(assertRoundTrip(MIX, encode(MIX, v))).toContain('minimal source'); }), { numRuns: 100 });
  });
});
