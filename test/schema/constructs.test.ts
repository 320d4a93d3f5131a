import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCase, loadSchema, parseSchema, SchemaError, type FieldDef } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

const errorOf = (text: string, file = 'broken.yaml'): SchemaError => thrownBy(SchemaError, () => parseSchema(text, file));
const schema = (types: string, top = ''): string => `format: t\nroot: file\n${top}types:\n${types}`;
const field = (text: string, type: string, id: string): FieldDef => parseSchema(text, 'x.yaml').types.get(type)!.fields.find((f) => f.id === id)!;

const ALL = schema(`  file:
    seq:
      - { id: magic, contents: "\\x89PNG\\r\\n\\x1a\\n" }
      - { id: flags, type: b3 }
      - { id: level, type: b5, bit_endian: le }
      - { id: name, type: strz, encoding: latin1 }
      - { id: chunks, type: chunk, repeat: until, repeat_until: _.kind == "IEND" || _io.eof }
      - { id: extra, type: u2, if: len(chunks) > 1 }
      - { id: packed, type: inner(3), size: 10, process: { algo: zlib, limit: 4096 } }
      - { id: rest, type: bytes, size_eos: true }
  chunk:
    seq:
      - { id: length, type: u4, valid: [{ max: 0x7FFFFFFF, code: BAD_VALUE }] }
      - { id: kind, type: str, size: 4, encoding: ascii }
      - id: body
        size: length
        type:
          switch_on: kind
          cases: { '"IHDR"': header, 0x10: header, _: opaque(length) }
      - { id: crc, type: u4, checksum: { algo: crc32, from: 'offsetof(kind)', to: 'end(body)', code: CRC_MISMATCH } }
  header:
    seq:
      - { id: w, type: u4 }
  opaque:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n }
  inner:
    params: [{ id: k }]
    seq:
      - { id: items, type: u1, repeat: eos }
`);

describe('the schema language loads every construct', () => {
  it('builds the model of each new key', () => {
    const s = parseSchema(ALL, 'all.yaml');
    const file = s.types.get('file')!;
    const [magic, flags, level, name, chunks, extra, packed, rest] = file.fields;
    expect([...magic!.contents!.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(magic!.contents!.code).toBe('BAD_MAGIC');
    expect(flags!.type).toEqual({ kind: 'bits', bits: 3, bitEndian: 'be' });
    expect(level!.type).toEqual({ kind: 'bits', bits: 5, bitEndian: 'le' });
    expect(name!.type).toEqual({ kind: 'str', encoding: 'latin1' });
    expect(name!.terminator).toBe(0);
    expect(chunks!.repeatKind).toBe('until');
    expect(chunks!.repeatUntil!.source).toContain('IEND');
    expect(extra!.cond!.source).toBe('len(chunks) > 1');
    expect(packed!.process).toEqual({ algo: 'zlib', limit: 4096, code: 'BAD_VALUE' });
    expect(packed!.type).toMatchObject({ kind: 'struct', struct: 'inner' });
    expect(rest!.sizeEos).toBe(true);
    const body = s.types.get('chunk')!.fields[2]!;
    expect(body.type.kind).toBe('switch');
    if (body.type.kind !== 'switch') return;
    expect(chooseCase(body.type, 'IHDR')).toEqual({ struct: 'header', args: undefined });
    expect(chooseCase(body.type, Uint8Array.from([0x49, 0x48, 0x44, 0x52]))?.struct).toBe('header');
    expect(chooseCase(body.type, 16)?.struct).toBe('header');
    expect(chooseCase(body.type, 'IDAT')?.struct).toBe('opaque');
    expect(chooseCase(body.type, 'IDAT')?.args?.[0]!.source).toBe('length');
    expect(s.types.get('inner')!.fields[0]!.repeatKind).toBe('eos');
  });

  it('reads escapes in byte-string case keys', () => {
    const t = field(schema(`  file:\n    seq:\n      - { id: k, type: bytes, size: 2 }\n      - { id: b, type: { switch_on: k, cases: { '"\\x01\\x02"': e, "'ok'": e } } }\n  e:\n    seq: []\n`), 'file', 'b').type;
    if (t.kind !== 'switch') throw new Error('not a switch');
    expect(chooseCase(t, Uint8Array.from([1, 2]))?.struct).toBe('e');
    expect(chooseCase(t, 'ok')?.struct).toBe('e');
    expect(chooseCase(t, Uint8Array.from([0x5c, 0x78]))).toBeUndefined();
  });

  it('keeps 64-bit literals exact, quoted or not', () => {
    for (const lit of ['0x89504E470D0A1A0A', "'0x89504E470D0A1A0A'", '9894494448401390090']) {
      const f = field(schema(`  file:\n    seq:\n      - { id: m, type: u8, valid: [{ eq: ${lit}, code: BAD_MAGIC }], derive: ${lit} }\n`), 'file', 'm');
      expect(f.valid[0]!.rule).toEqual({ kind: 'eq', value: 0x89504e470d0a1a0an });
      expect(f.derive!.ast).toEqual({ kind: 'int', value: 0x89504e470d0a1a0an });
    }
    const f = field(schema(`  file:\n    seq:\n      - { id: m, type: u8, valid: [{ min: 0x8000000000000001, max: 18446744073709551615, code: BAD_VALUE }, { in: [0xFFFFFFFFFFFFFFFF], code: BAD_VALUE }, { mask: 0xF000000000000001, code: BAD_VALUE }] }\n`), 'file', 'm');
    expect(f.valid.map((v) => v.rule)).toEqual([
      { kind: 'range', min: 0x8000000000000001n, max: 0xffffffffffffffffn },
      { kind: 'in', values: [0xffffffffffffffffn] },
      { kind: 'mask', allowed: 0xf000000000000001n },
    ]);
  });

  it('accepts codes the schema declares, and refuses a redefined built-in', () => {
    const s = parseSchema(schema(`  file:\n    seq:\n      - { id: v, type: u1, valid: [{ eq: 1, code: PNG_BAD_CRC }] }\n`, 'codes:\n  PNG_BAD_CRC: { severity: warning, title: CRC differs, message: "chunk CRC is {actual}" }\n'), 'x.yaml');
    expect(s.codes.get('PNG_BAD_CRC')).toMatchObject({ severity: 'warning', title: 'CRC differs' });
    expect(errorOf(schema(`  file:\n    seq:\n      - { id: v, type: u1, valid: [{ eq: 1, code: PNG_BAD }] }\n`)).message).toMatch(/PNG_BAD is not a finding code/);
    expect(errorOf(schema(`  file:\n    seq: []\n`, 'codes:\n  BAD_MAGIC: { severity: error, title: t, message: m }\n')).message).toMatch(/codes\.BAD_MAGIC: BAD_MAGIC is a built-in code/);
  });
});

describe('a schema that refers to something that does not exist fails at load', () => {
  const seq = (fields: string, more = ''): string => schema(`  file:\n    seq:\n${fields}${more}`);
  it.each([
    ['a misspelled name in if', seq('      - { id: n, type: u1 }\n      - { id: x, type: u1, if: m > 0 }\n'), 'types.file.seq[1].if', /m is not a field or let of file/],
    ['a misspelled member of _ in repeat_until', seq('      - { id: xs, type: item, repeat: until, repeat_until: _.lst == 1 }\n', '  item:\n    seq:\n      - { id: last, type: u1 }\n'), 'types.file.seq[0].repeat_until', /item has no field lst \(did you mean last\?\)/],
    ['_ outside repeat_until', seq('      - { id: n, type: u1, valid: [{ expr: _ == 1, code: BAD_VALUE }] }\n'), 'types.file.seq[0].valid[0].expr', /only available in repeat_until/],
    ['an unknown _io member', seq('      - { id: n, type: u1, if: _io.position == 0 }\n'), 'types.file.seq[0].if', /_io has no position \(it has size, pos and eof\)/],
    ['a misspelled parameter', seq('      - { id: x, type: sized(4) }\n', '  sized:\n    params: [{ id: len }]\n    seq:\n      - { id: d, type: bytes, size: lne }\n'), 'types.sized.seq[0].size', /lne is not a field or let of sized \(did you mean len\?\)/],
    ['a missing argument', seq('      - { id: x, type: sized }\n', '  sized:\n    params: [{ id: len }]\n    seq:\n      - { id: d, type: bytes, size: len }\n'), 'types.file.seq[0].type', /type sized takes 1 parameter\(s\) \(len\), 0 given/],
    ['a misspelled argument', seq('      - { id: n, type: u1 }\n      - { id: x, type: sized(nn) }\n', '  sized:\n    params: [{ id: len }]\n    seq:\n      - { id: d, type: bytes, size: len }\n'), 'types.file.seq[1].type', /nn is not a field or let of file \(did you mean n\?\)/],
    ['a misspelled checksum field', seq('      - { id: d, type: bytes, size: 4 }\n      - { id: c, type: u4, checksum: { algo: adler32, of: dd, code: CRC_MISMATCH } }\n'), 'types.file.seq[1].checksum.of', /dd is not a field/],
    ['a case type that does not exist', seq('      - { id: k, type: u1 }\n      - { id: b, type: { switch_on: k, cases: { _: nothing } } }\n'), 'types.file.seq[1].type.cases', /type nothing is not defined/],
    ['a sha256 in an integer', seq('      - { id: c, type: u4, checksum: { algo: sha256, from: 0, to: 4, code: CRC_MISMATCH } }\n'), 'types.file.seq[0].checksum', /sha256 digest is stored in a bytes field of size 32/],
    ['process without a size', seq('      - { id: z, type: bytes, terminator: 0, process: { algo: zlib } }\n'), 'types.file.seq[0].process', /needs its size/],
    ['repeat until without its condition', seq('      - { id: xs, type: u1, repeat: until }\n'), 'types.file.seq[0].repeat', /needs repeat_until/],
    ['parameters on an inline case', seq('      - { id: k, type: u1 }\n      - { id: b, inline: true, type: { switch_on: k, cases: { 1: sized(4) } } }\n', '  sized:\n    params: [{ id: n }]\n    seq:\n      - { id: d, type: bytes, size: n }\n'), 'types.file.seq[1].type.cases', /inline switch joins its struct: its cases cannot take parameters/],
    ['at with repeat until', seq('      - { id: xs, type: u1, repeat: until, repeat_until: _ == 0, at: 4 }\n'), 'types.file.seq[0].repeat', /repeat: until reads in sequence: no at or view/],
    ['a size on an inline switch', seq('      - { id: k, type: u1 }\n      - { id: b, inline: true, size: 2, type: { switch_on: k, cases: { 1: k2 } } }\n', '  k2:\n    seq: []\n'), 'types.file.seq[1].size', /inline switch joins its struct: it cannot have its own size/],
    ['a size on an integer', seq('      - { id: n, type: u2, size: 4 }\n'), 'types.file.seq[0].size', /integers have their own size/],
  ])('%s', (_what, text, key, message) => {
    const e = errorOf(text);
    expect(e.key).toBe(key);
    expect(e.line).toBeGreaterThan(0);
    expect(e.message).toMatch(message);
  });
});

describe('imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-imports-'));
  writeFileSync(join(dir, 'common.yaml'), schema('  file:\n    seq: []\n  rgb:\n    seq:\n      - { id: r, type: u1 }\n      - { id: g, type: u1 }\n      - { id: b, type: u1 }\n', 'codes:\n  MY_CODE: { severity: error, title: t, message: m }\n'));
  it('brings the types and codes of another schema file', () => {
    const main = join(dir, 'main.yaml');
    writeFileSync(main, 'format: m\nroot: img\nimports: [common.yaml]\ntypes:\n  img:\n    seq:\n      - { id: fg, type: rgb, valid: [{ expr: fg.r < 255, code: MY_CODE }] }\n');
    const s = loadSchema(main);
    expect(s.types.get('rgb')!.fields.map((f) => f.id)).toEqual(['r', 'g', 'b']);
    expect(s.codes.has('MY_CODE')).toBe(true);
  });
  it('names a misspelled member of an imported type in the importing file', () => {
    const main = join(dir, 'main2.yaml');
    writeFileSync(main, 'format: m\nroot: img\nimports: [common.yaml]\ntypes:\n  img:\n    seq:\n      - { id: fg, type: rgb }\n      - { id: x, type: u1, if: fg.gren > 0 }\n');
    expect(thrownBy(SchemaError, () => loadSchema(main)).message).toMatch(/main2\.yaml:8:\d+: types\.img\.seq\[1\]\.if: rgb has no field gren/);
  });
  it('refuses a cycle and a name defined twice', () => {
    writeFileSync(join(dir, 'a.yaml'), 'format: a\nroot: x\nimports: [b.yaml]\ntypes:\n  x:\n    seq: []\n');
    writeFileSync(join(dir, 'b.yaml'), 'format: b\nroot: y\nimports: [a.yaml]\ntypes:\n  y:\n    seq: []\n');
    expect(thrownBy(SchemaError, () => loadSchema(join(dir, 'a.yaml'))).message).toMatch(/import cycle/);
    writeFileSync(join(dir, 'c.yaml'), 'format: c\nroot: rgb\nimports: [common.yaml]\ntypes:\n  rgb:\n    seq: []\n');
    expect(thrownBy(SchemaError, () => loadSchema(join(dir, 'c.yaml'))).message).toMatch(/types\.rgb: type rgb is also defined in an imported file/);
  });
});
