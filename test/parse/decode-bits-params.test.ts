/** Bit fields (Kaitai semantics) and parametric types in the diagnostic decoder. */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string, head = '') => parseSchema(`format: t\nroot: file\n${head}types:\n${types}`, 't.yaml');
const run = (types: string, bytes: number[], head = '') => decode(schemaOf(types, head), Uint8Array.from(bytes));
const codes = (d: ReturnType<typeof run>) => d.issues.map((i) => [i.code, i.path.join('.')]);

describe('bit fields', () => {
  it('big-endian: consecutive fields share bytes from the top; the next byte-aligned field starts at the next byte', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b3 }\n      - { id: b, type: b7 }\n      - { id: c, type: u1 }\n`, [0b101_11001, 0b11_000000, 0x42]);
    expect(d.value).toEqual({ a: 0b101, b: 0b1100111, c: 0x42 });
    expect(d.locate(['a'])).toEqual({ offset: 0, size: 1 });
    expect(d.locate(['b'])).toEqual({ offset: 0, size: 2 });
    expect(d.locate(['c'])).toEqual({ offset: 2, size: 1 });
  });
  it('little-endian (bit_endian: le on the schema): from the bottom of each byte', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b3 }\n      - { id: b, type: b7 }\n`, [0b11001_101, 0b000000_11], 'bit_endian: le\n');
    expect(d.value).toEqual({ a: 0b101, b: 0b1111001 });
  });
  it('bit_endian on a field', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b4, bit_endian: le }\n      - { id: b, type: b4, bit_endian: le }\n`, [0xab]);
    expect(d.value).toEqual({ a: 0xb, b: 0xa });
  });
  it('more than 32 bits is a bigint', () => {
    const d = run(`  file:\n    seq:\n      - { id: big, type: b40 }\n      - { id: small, type: b32 }\n`, [0xff, 0, 0, 0, 1, 0x80, 0, 0, 0]);
    expect(d.value).toEqual({ big: 0xff00000001n, small: 0x80000000 });
  });
  it('if false in a bit run reads nothing; a nested struct goes on in the run', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b1 }\n      - { id: skip, type: b3, if: a == 0 }\n      - { id: s, type: nib }\n  nib:\n    seq:\n      - { id: n, type: b4 }\n`, [0b1_1010_000]);
    expect(d.value).toEqual({ a: 1, skip: null, s: { n: 0b1010 } });
  });
  it('an array of bit fields, and repeat: eos reads the last byte\'s bits', () => {
    const d = run(`  file:\n    seq:\n      - { id: flags, type: b2, repeat: eos }\n`, [0b11_10_01_00]);
    expect(d.value.flags).toEqual([3, 2, 1, 0]);
  });
  it('a sized read (even of 0 bytes) ends the bit run, as Kaitai\'s read_bytes aligns', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b4 }\n      - { id: s, type: e, size: 0 }\n      - { id: b, type: b4 }\n  e:\n    seq: []\n`, [0xab, 0xcd]);
    expect(d.value).toMatchObject({ a: 0xa, b: 0xc });
  });
  it('past the end is TRUNCATED', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: b4 }\n      - { id: b, type: b12 }\n`, [0xff]);
    expect(codes(d)).toEqual([['TRUNCATED', 'b']]);
  });
});

describe('parametric types', () => {
  const types = `  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: body, type: "blob(n, 1)" }\n      - { id: after, type: u1 }\n  blob:\n    params: [{ id: len, type: int }, { id: extra, type: int }]\n    seq:\n      - { id: data, type: bytes, size: len + extra }\n`;
  it('arguments are bound as names in the child scope, not fields in the tree', () => {
    const d = run(types, [2, 7, 8, 9, 5]);
    expect(Object.keys(d.value.body as object)).toEqual(['data']);
    expect([...((d.value.body as { data: Uint8Array }).data)]).toEqual([7, 8, 9]);
    expect(d.value.after).toBe(5);
  });
  it('per element, with _index', () => {
    const d = run(`  file:\n    seq:\n      - { id: items, type: "blob(_index)", repeat: 3 }\n  blob:\n    params: [{ id: len, type: int }]\n    seq:\n      - { id: data, type: bytes, size: len }\n`, [1, 2, 3]);
    expect((d.value.items as { data: Uint8Array }[]).map((i) => i.data.length)).toEqual([0, 1, 2]);
  });
  it('in switch cases, the default included', () => {
    const d = run(`  file:\n    seq:\n      - { id: k, type: u1 }\n      - { id: body, type: { switch_on: k, cases: { 1: "blob(1)", _: "blob(2)" } } }\n  blob:\n    params: [{ id: len, type: int }]\n    seq:\n      - { id: data, type: bytes, size: len }\n`, [5, 1, 2]);
    expect(((d.value.body as { data: Uint8Array }).data).length).toBe(2);
  });
  it('an argument of the wrong kind is a CONSTRAINT finding', () => {
    const d = run(`  file:\n    seq:\n      - { id: s, type: str, size: 1 }\n      - { id: body, type: "blob(s)" }\n  blob:\n    params: [{ id: len, type: int }]\n    seq:\n      - { id: data, type: bytes, size: 1 }\n`, [0x41, 1]);
    expect(codes(d)).toEqual([['CONSTRAINT', 'body']]);
  });
});
