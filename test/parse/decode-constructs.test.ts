/**
 * The diagnostic decoder on each construct of the schema language (issue 10), through small
 * schemas: values, locations, and the findings a hostile file gets.
 */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string, head = '') => parseSchema(`format: t\nroot: file\n${head}types:\n${types}`, 't.yaml');
const run = (types: string, bytes: number[] | Uint8Array, head = '') => decode(schemaOf(types, head), Uint8Array.from(bytes));
const codes = (d: ReturnType<typeof run>) => d.issues.map((i) => [i.code, i.path.join('.')]);

describe('if', () => {
  const types = `  file:\n    seq:\n      - { id: flag, type: u1 }\n      - { id: extra, type: u2, if: flag == 1 }\n      - { id: tail, type: u1 }\n`;
  it('reads the field when the condition holds', () => {
    const d = run(types, [1, 2, 0, 9]);
    expect(d.value).toEqual({ flag: 1, extra: 2, tail: 9 });
    expect(d.locate(['tail'])).toEqual({ offset: 3, size: 1 });
  });
  it('is null (key present) and reads nothing when it does not', () => {
    const d = run(types, [0, 9]);
    expect(d.value).toEqual({ flag: 0, extra: null, tail: 9 });
    expect(d.complete).toBe(true);
  });
  it('a condition that cannot be evaluated is a finding', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: x, type: u1, if: 10 / n == 1 }\n`, [0, 1]);
    expect(codes(d)).toEqual([['CONSTRAINT', 'x']]);
  });
});

describe('repeat: until', () => {
  const types = `  file:\n    seq:\n      - { id: items, type: u1, repeat: until, repeat_until: _ == 0 }\n      - { id: after, type: u1 }\n`;
  it('reads until the element just read says so, and keeps that element', () => {
    const d = run(types, [3, 2, 0, 7]);
    expect(d.value).toEqual({ items: [3, 2, 0], after: 7 });
    expect(d.locate(['items'])).toEqual({ offset: 0, size: 3 });
    expect(d.locate(['items', 1])).toEqual({ offset: 1, size: 1 });
  });
  it('stops at the end of the stream with TRUNCATED when the condition never holds', () => {
    const d = run(types, [3, 2, 1]);
    expect(codes(d)).toEqual([['TRUNCATED', 'items.3']]);
    expect(d.value.items).toEqual([3, 2, 1]);
  });
  it('_ is a struct element; _index counts', () => {
    const d = run(`  file:\n    seq:\n      - { id: recs, type: rec, repeat: until, repeat_until: _.kind == 0 || _index == 9 }\n  rec:\n    seq:\n      - { id: kind, type: u1 }\n      - { id: len, type: u1 }\n      - { id: data, type: bytes, size: len }\n`, [1, 1, 0xaa, 0, 0]);
    expect(d.issues).toEqual([]);
    expect((d.value.recs as unknown[]).length).toBe(2);
  });
  it('an element that takes no bytes ends the array with a finding instead of looping', () => {
    const d = run(`  file:\n    seq:\n      - { id: recs, type: e, repeat: until, repeat_until: "false" }\n  e:\n    seq:\n      - { id: d, type: bytes, size: 0 }\n`, [1, 2]);
    expect(codes(d)).toEqual([['CONSTRAINT', 'recs.0']]);
    expect(d.issues[0]!.details).toMatchObject({ values: 'an element took no bytes' });
  });
});

describe('repeat: eos', () => {
  it('reads elements to the end of the file', () => {
    const d = run(`  file:\n    seq:\n      - { id: head, type: u1 }\n      - { id: items, type: u2, repeat: eos }\n`, [9, 1, 0, 2, 0]);
    expect(d.value).toEqual({ head: 9, items: [1, 2] });
    expect(d.complete).toBe(true);
  });
  it('an element cut by the end is TRUNCATED', () => {
    const d = run(`  file:\n    seq:\n      - { id: items, type: u2, repeat: eos }\n`, [1, 0, 2]);
    expect(codes(d)).toEqual([['TRUNCATED', 'items.1']]);
  });
  it('an empty file gives an empty array', () => {
    expect(run(`  file:\n    seq:\n      - { id: items, type: u1, repeat: eos }\n`, []).value).toEqual({ items: [] });
  });
  it('elements that take no bytes end with a finding', () => {
    const d = run(`  file:\n    seq:\n      - { id: recs, type: e, repeat: eos }\n  e:\n    seq:\n      - { id: d, type: bytes, size: 0 }\n`, [1]);
    expect(codes(d)).toEqual([['CONSTRAINT', 'recs.0']]);
  });
});

describe('terminators', () => {
  it('strz: the string without its zero, the cursor past it; located with the zero', () => {
    const d = run(`  file:\n    seq:\n      - { id: name, type: strz }\n      - { id: n, type: u1 }\n`, [0x61, 0x62, 0, 5]);
    expect(d.value).toEqual({ name: 'ab', n: 5 });
    expect(d.locate(['name'])).toEqual({ offset: 0, size: 3 });
  });
  it('include and consume', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: bytes, terminator: 0x2c, include: true }\n      - { id: b, type: str, terminator: 0x2c, consume: false }\n      - { id: c, type: u1 }\n`, [1, 0x2c, 0x41, 0x2c]);
    expect([...(d.value.a as Uint8Array)]).toEqual([1, 0x2c]);
    expect(d.value.b).toBe('A');
    expect(d.value.c).toBe(0x2c);
  });
  it('a missing terminator is TRUNCATED', () => {
    const d = run(`  file:\n    seq:\n      - { id: name, type: strz }\n`, [0x61, 0x62]);
    expect(codes(d)).toEqual([['TRUNCATED', 'name']]);
  });
  it('with a size, the size bounds the search and a missing terminator is no error (Kaitai)', () => {
    const d = run(`  file:\n    seq:\n      - { id: a, type: strz, size: 4 }\n      - { id: b, type: strz, size: 2 }\n      - { id: c, type: u1 }\n`, [0x61, 0, 0x62, 0x63, 0x64, 0x65, 7]);
    expect(d.value).toEqual({ a: 'a', b: 'de', c: 7 });
    expect(d.issues).toEqual([]);
  });
  it('a 100,000-byte name is one read, not a recursion (the old workaround died with RangeError)', () => {
    const bytes = new Uint8Array(100_001).fill(0x41);
    bytes[100_000] = 0;
    const d = run(`  file:\n    seq:\n      - { id: name, type: strz }\n`, bytes);
    expect((d.value.name as string).length).toBe(100_000);
  });
});

describe('switch on text and bytes, with a default', () => {
  const types = `  file:\n    seq:\n      - { id: kind, type: str, size: 4, encoding: ascii }\n      - id: body\n        type:\n          switch_on: kind\n          cases: { '"IHDR"': ihdr, '"IEND"': empty, _: other }\n  ihdr:\n    seq:\n      - { id: w, type: u1 }\n  empty:\n    seq: []\n  other:\n    seq:\n      - { id: raw, type: bytes, size: 2 }\n`;
  it('a str tag selects its text case', () => {
    expect(run(types, [0x49, 0x48, 0x44, 0x52, 7]).value.body).toEqual({ w: 7 });
  });
  it('any other tag takes the default', () => {
    const d = run(types, [0x74, 0x45, 0x58, 0x74, 1, 2]);
    expect([...((d.value.body as { raw: Uint8Array }).raw)]).toEqual([1, 2]);
  });
  it('a bytes tag is compared as Latin-1', () => {
    const d = run(`  file:\n    seq:\n      - { id: magic, type: bytes, size: 2 }\n      - id: body\n        type: { switch_on: magic, cases: { '"PK"': zip, "\\"\\xff\\xfe\\"": bom } }\n  zip:\n    seq:\n      - { id: z, type: u1 }\n  bom:\n    seq:\n      - { id: b, type: u1 }\n`, [0xff, 0xfe, 3]);
    expect(d.value.body).toEqual({ b: 3 });
  });
  it('no case and no default is the unknown code', () => {
    const d = run(`  file:\n    seq:\n      - { id: kind, type: str, size: 1 }\n      - { id: body, type: { switch_on: kind, cases: { '"A"': a } } }\n  a:\n    seq: []\n`, [0x42]);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'BAD_VALUE', path: ['body'], details: { actual: 'B', allowed: ['A'] } })]);
  });
  it('an integer switch may have a default too', () => {
    const d = run(`  file:\n    seq:\n      - { id: k, type: u1 }\n      - { id: body, type: { switch_on: k, cases: { 1: a, _: a } } }\n  a:\n    seq:\n      - { id: x, type: u1 }\n`, [9, 4]);
    expect(d.value.body).toEqual({ x: 4 });
  });
});

describe('encodings', () => {
  const field = (enc: string, size: number) => run(`  file:\n    seq:\n      - { id: s, type: str, size: ${size}, encoding: ${enc}, utf8_code: BAD_UTF8 }\n`, enc === 'utf-16be' ? [0, 0x41, 0, 0xe9] : [0x41, 0xe9]);
  it('reads each encoding', () => {
    expect(field('latin1', 2).value.s).toBe('Aé');
    expect(field('cp437', 2).value.s).toBe('AΘ');
    expect(field('utf-16be', 4).value.s).toBe('Aé');
  });
  it('invalid data in the encoding is the utf8_code finding, the text kept lossily', () => {
    const d = field('ascii', 2);
    expect(d.value.s).toBe('A\uFFFD');
    expect(codes(d)).toEqual([['BAD_UTF8', 's']]);
  });
});

describe('contents', () => {
  it('reads the magic bytes (the mismatch is the checks\' finding)', () => {
    const d = run(`  file:\n    seq:\n      - { id: magic, contents: [0x89, "PNG"] }\n      - { id: n, type: u1 }\n`, [0x89, 0x50, 0x4e, 0x47, 1]);
    expect([...(d.value.magic as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(d.value.n).toBe(1);
  });
  it('short magic is TRUNCATED', () => {
    expect(codes(run(`  file:\n    seq:\n      - { id: magic, contents: "PK\\x03\\x04" }\n`, [0x50, 0x4b]))).toEqual([['TRUNCATED', 'magic']]);
  });
});

describe('if with at and views', () => {
  it('a placed field behind a false condition is null, and the cursor is unchanged', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: far, type: u1, at: 3, if: n == 1 }\n      - { id: next, type: u1 }\n`, [0, 5, 6, 7]);
    expect(d.value).toEqual({ n: 0, far: null, next: 5 });
  });
  it('a view behind a false condition is null', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: pool, type: bytes, size: 2 }\n      - { id: v, type: str, view: pool, at: 0, size: 1, if: n == 1 }\n`, [0, 0x41, 0x42]);
    expect(d.value.v).toBeNull();
    expect(run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: pool, type: bytes, size: 2 }\n      - { id: v, type: str, view: pool, at: 1, size: 1, if: n == 1 }\n`, [1, 0x41, 0x42]).value.v).toBe('B');
  });
  it('a placed substream that fails inside does not move the cursor', () => {
    const d = run(`  file:\n    seq:\n      - { id: far, type: rec, at: 1, size: 1 }\n      - { id: next, type: u1 }\n  rec:\n    seq:\n      - { id: a, type: u2 }\n`, [9, 8]);
    expect(d.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['TRUNCATED', 'far.a']]);
    expect(d.value.next).toBe(9);
  });
});
