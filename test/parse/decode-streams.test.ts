/**
 * Substreams (`size`/`size_eos` on a struct or switch), `at:` inside them, `_io.pos`/`_io.eof`, and
 * `process`: reads bounded by their stream, locations absolute in the file.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string) => parseSchema(`format: t\nroot: file\nendian: be\ntypes:\n${types}`, 't.yaml');
const run = (types: string, bytes: number[] | Uint8Array) => decode(schemaOf(types), Uint8Array.from(bytes));
const codes = (d: ReturnType<typeof run>) => d.issues.map((i) => [i.code, i.path.join('.')]);

describe('size on a struct: a substream', () => {
  const types = `  file:\n    seq:\n      - { id: len, type: u1 }\n      - { id: body, type: rec, size: len }\n      - { id: after, type: u1 }\n  rec:\n    seq:\n      - { id: a, type: u1 }\n`;
  it('the struct reads inside it, the unread rest is skipped, locations are absolute', () => {
    const d = run(types, [3, 7, 8, 9, 5]);
    expect(d.value).toEqual({ len: 3, body: { a: 7 }, after: 5 });
    expect(d.locate(['body'])).toEqual({ offset: 1, size: 3 });
    expect(d.locate(['body', 'a'])).toEqual({ offset: 1, size: 1 });
    expect(d.locate(['after'])).toEqual({ offset: 4, size: 1 });
  });
  it('a read past its end is TRUNCATED at the inner path, naming the substream; the sequence goes on after it', () => {
    const d = run(`  file:\n    seq:\n      - { id: body, type: rec, size: 1 }\n      - { id: after, type: u1 }\n  rec:\n    seq:\n      - { id: a, type: u2 }\n`, [1, 2, 3]);
    expect(codes(d)).toEqual([['TRUNCATED', 'body.a']]);
    expect(d.issues[0]!.details).toMatchObject({ substream: 'body', available: 1, needed: 2 });
    expect(d.value.after).toBe(2);
    expect(d.isPartial(['body'])).toBe(true);
  });
  it('a substream longer than the file is TRUNCATED at the field', () => {
    expect(codes(run(types, [9, 1]))).toEqual([['TRUNCATED', 'body']]);
  });
  it('size_eos and repeat: eos work inside it', () => {
    const d = run(`  file:\n    seq:\n      - { id: body, type: list, size: 4 }\n      - { id: rest, type: bytes, size_eos: true }\n  list:\n    seq:\n      - { id: items, type: u2, repeat: eos }\n`, [0, 1, 0, 2, 9, 9]);
    expect(d.value.body).toEqual({ items: [1, 2] });
    expect([...(d.value.rest as Uint8Array)]).toEqual([9, 9]);
  });
  it('size_eos on a struct takes the rest of the stream', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: body, type: list, size_eos: true }\n  list:\n    seq:\n      - { id: items, type: u1, repeat: eos }\n`, [1, 2, 3]);
    expect(d.value.body).toEqual({ items: [2, 3] });
  });
  it('a switch with a size is a substream too', () => {
    const d = run(`  file:\n    seq:\n      - { id: k, type: u1 }\n      - { id: body, size: 2, type: { switch_on: k, cases: { 1: rec } } }\n      - { id: after, type: u1 }\n  rec:\n    seq:\n      - { id: a, type: u1 }\n`, [1, 7, 8, 9]);
    expect(d.value).toEqual({ k: 1, body: { a: 7 }, after: 9 });
  });
  it('each element of an array of sized structs has its own substream', () => {
    const d = run(`  file:\n    seq:\n      - { id: recs, type: rec, size: 2, repeat: 2 }\n  rec:\n    seq:\n      - { id: a, type: u1 }\n`, [1, 0, 2, 0]);
    expect(d.value.recs).toEqual([{ a: 1 }, { a: 2 }]);
    expect(d.locate(['recs', 1])).toEqual({ offset: 2, size: 2 });
  });
});

describe('at and _io inside a substream', () => {
  it('at: is relative to the substream start', () => {
    const d = run(`  file:\n    seq:\n      - { id: pad, type: u2 }\n      - { id: body, type: rec, size: 3 }\n  rec:\n    seq:\n      - { id: far, type: u1, at: 2 }\n`, [0, 0, 5, 6, 7]);
    expect(d.value.body).toEqual({ far: 7 });
    expect(d.locate(['body', 'far'])).toEqual({ offset: 4, size: 1 });
  });
  it('at: past the substream is the at_code', () => {
    const d = run(`  file:\n    seq:\n      - { id: body, type: rec, size: 2 }\n      - { id: x, type: u1 }\n  rec:\n    seq:\n      - { id: far, type: u1, at: 3 }\n`, [1, 2, 3, 4]);
    expect(codes(d)).toEqual([['BAD_OFFSET', 'body.far']]);
  });
  it('_io.pos, _io.size and _io.eof are those of the current stream', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: body, type: rec, size: 3 }\n  rec:\n    seq:\n      - { id: a, type: u1 }\n      - { id: rest, type: bytes, size: _io.size - _io.pos }\n      - { id: more, type: u1, if: "!_io.eof" }\n`, [9, 1, 2, 3]);
    expect(d.value.body).toMatchObject({ a: 1, more: null });
    expect([...((d.value.body as { rest: Uint8Array }).rest)]).toEqual([2, 3]);
  });
  it('repeat until _io.eof', () => {
    const d = run(`  file:\n    seq:\n      - { id: items, type: u1, repeat: until, repeat_until: _io.eof }\n`, [1, 2, 3]);
    expect(d.value.items).toEqual([1, 2, 3]);
  });
  it('find() at the root scans the file (a ZIP end record behind a comment)', () => {
    const d = run(`  file:\n    let: { at: 'rfind("PK", 0, _io.size)' }\n    seq:\n      - { id: tail, type: u1, at: at + 2 }\n`, [0x50, 0x4b, 1, 0x50, 0x4b, 7]);
    expect(d.value.tail).toBe(7);
  });
});

describe('process', () => {
  const payload = Uint8Array.from([0, 3, 0x61, 0x62, 0x63]);
  const types = (algo: string, limit = 100) => `  file:\n    seq:\n      - { id: len, type: u1 }\n      - { id: z, type: inner, size: len, process: { algo: ${algo}, limit: ${limit} } }\n      - { id: after, type: u1 }\n  inner:\n    seq:\n      - { id: n, type: u2 }\n      - { id: s, type: str, size: n }\n`;
  const file = (comp: Uint8Array) => [comp.length, ...comp, 0xee];
  it('zlib: the struct is read from the decompressed bytes and located at the compressed field', () => {
    const comp = deflateSync(payload);
    const d = run(types('zlib'), file(comp));
    expect(d.issues).toEqual([]);
    expect(d.value).toEqual({ len: comp.length, z: { n: 3, s: 'abc' }, after: 0xee });
    expect(d.locate(['z'])).toEqual({ offset: 1, size: comp.length });
    expect(d.locate(['z', 's'])).toEqual({ offset: 1, size: comp.length });
    // Inside the decompressed bytes each node keeps its own offset, for findings' inner_offset.
    expect(d.innerOffset!(['z', 'n'])).toBe(0);
    expect(d.innerOffset!(['z', 's'])).toBe(2);
    expect(d.innerOffset!(['z'])).toBeUndefined();
    expect(d.innerOffset!(['len'])).toBeUndefined();
  });
  it('raw deflate, into a bytes field', () => {
    const comp = deflateRawSync(payload);
    const d = run(`  file:\n    seq:\n      - { id: z, type: bytes, size_eos: true, process: { algo: deflate, limit: 100 } }\n`, comp);
    expect([...(d.value.z as Uint8Array)]).toEqual([...payload]);
  });
  it('corrupt data is the process code; the sequence goes on after the field', () => {
    const d = run(types('zlib').replace('limit: 100', 'limit: 100, code: BAD_VALUE'), [2, 1, 2, 0xee]);
    expect(codes(d)).toEqual([['BAD_VALUE', 'z']]);
    expect(d.value.after).toBe(0xee);
  });
  it('more than the limit is DECODE_BUDGET at the field, never allocated', () => {
    const comp = deflateSync(new Uint8Array(100_000));
    const d = run(types('zlib', 1000), file(comp));
    expect(codes(d)).toEqual([['DECODE_BUDGET', 'z']]);
    expect(d.issues[0]!.details).toMatchObject({ budget: 'process', limit: 1000 });
    expect(d.value.after).toBe(0xee);
  });
  it('a finding inside lands on the compressed field with inner_offset', () => {
    const comp = deflateSync(Uint8Array.from([0, 9, 0x61]));
    const d = run(types('zlib'), file(comp));
    expect(d.issues).toEqual([expect.objectContaining({ code: 'TRUNCATED', path: ['z', 's'], offset: 1, details: expect.objectContaining({ inner_offset: 2, substream: 'z' }) })]);
  });
});
