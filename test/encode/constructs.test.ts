import { deflateRawSync, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encode, EncodeError, pack } from '../../src/encode/index.js';
import { BIT_LENGTH, BITS, IO_DERIVE, BYTES_SWITCH, COND, MAGIC, PARAMS, PROCESS, REPEATS, SEARCH, SIZED, SUBSTREAM_SUM, SUMS, SWITCH, TERMS, TEXT, schemaOf } from './construct-schemas.js';
import type { FormatSchema } from '../../src/schema/index.js';
import { checksum } from '../../src/codec/checksum.js';
import { thrownBy } from '../helpers/thrown.js';
import { assertClean, assertPacks, assertRoundTrip, hex } from './laws.js';

/* pack of each construct of the schema language (issue 10), on small schemas. */

describe('pack: if', () => {
  it('writes a field whose value is given, and leaves out one that is absent', () => {
    assertPacks(COND, 'flags: 1\nextra: 0x0102\ntail: 9\n', '01 0102 09');
    assertPacks(COND, 'flags: 0\nextra: null\ntail: 9\n', '00 09');
  });

  it('computes a checksum under an if when the condition holds, and writes nothing when not', () => {
    const crc = (crc32Of([2]) & 0xffff).toString(16).padStart(4, '0');
    assertPacks(COND, 'flags: 2\ntail: 9\n', `02 ${crc} 09`);
    assertPacks(COND, 'flags: 0\ntail: 9\n', '00 09');
  });
});

describe('pack: repeat until and eos', () => {
  it('writes the elements as given', () => {
    assertPacks(REPEATS, 'items: [{ kind: 1, v: 5 }, { kind: 0 }]\nrest: [7, 8]\n', '01 05 00 07 08');
  });
});

describe('pack: size on a struct', () => {
  it('derives the size field from what the struct writes', () => {
    assertPacks(SIZED, 'body: { a: 1, rest: "xy" }\nafter: 7\n', '04 0001 7879 07');
  });

  it('pads with zeros up to a larger size the source pins', () => {
    assertPacks(SIZED, 'len: 6\nbody: { a: 1, rest: "" }\nafter: 7\n', '06 0001 00000000 07');
  });
});

describe('pack: terminators', () => {
  it('writes strz, include, consume: false and a size-bounded terminated string', () => {
    assertPacks(TERMS, 'name: ab\ntag: x/\nword: hi\nsp: 0x20\nfixed: ok\n', '616200 782f 6869 20 6f6b00000000');
    // include: true with a value that lacks its terminator gets one.
    assertPacks(TERMS, 'name: ""\ntag: x\nword: ""\nsp: 0x20\nfixed: abcdef\n', '00 782f 20 616263646566');
  });
});

describe('pack: switches', () => {
  it('chooses text cases, the default case, and binds the arguments of parametric cases', () => {
    const src = 'chunks:\n  - { kind: AB, body: { x: 0x0102 } }\n  - { kind: CD, body: { data: "pq", last: 9 } }\n  - { kind: ZZ, body: { data: "hello" } }\n';
    assertPacks(SWITCH, src, '02 4142 0102  03 4344 7071 09  05 5a5a 68656c6c6f');
  });

  it('compares a bytes tag as Latin-1 text, and falls back to the default for any other tag', () => {
    assertPacks(BYTES_SWITCH, 'kind: { hex: "4142" }\nbody: { x: 5 }\n', '4142 05');
    assertPacks(BYTES_SWITCH, 'kind: { hex: "0909" }\nbody: { z: 1 }\n', '0909 00000001');
  });
});

describe('pack: bit fields', () => {
  it('packs consecutive bit fields into shared bytes, big- and little-endian, and starts a byte-aligned field at the next byte', () => {
    assertPacks(BITS, 'a: 5\nb: 3\nc: 15\nd: 0x11\ne: 0x0102030405\n', 'a3 f0 11 0504030201');
  });

  it('derives a length held in a bit field from the layout', () => {
    assertPacks(BIT_LENGTH, 'kind: 5\nbody: abc\n', '0035 616263');
  });

  it('refuses a value wider than its bits', () => {
    expect(thrownBy(EncodeError, () => pack(BITS, 'a: 8\nb: 0\nc: 0\nd: 0\ne: 0\n', 's.yaml')).message).toMatch(/a: 8 does not fit in 3 bits/);
  });
});

describe('pack: text encodings', () => {
  it('writes UTF-16, CP437 and Latin-1, and derives a byte size from the encoded text', () => {
    assertPacks(TEXT, 'name: hé\ndos: ÇÜ\nbe: "Ω"\nl1: ÿ\n', '04 6800e900 809a 03a9 ff00');
  });

  it('refuses a character the encoding cannot carry', () => {
    expect(thrownBy(EncodeError, () => pack(TEXT, 'name: a\ndos: "€x"\nbe: ab\nl1: x\n', 's.yaml')).message).toMatch(/dos: .*cp437 cannot encode/);
  });
});

describe('pack: contents', () => {
  it('writes the magic bytes from the schema, and a pinned wrong magic as given', () => {
    assertPacks(MAGIC, 'v: 1\n', '504b0304 01');
    assertPacks(MAGIC, 'magic: { hex: "504b0506" }\nv: 1\n', '504b0506 01');
  });
});

describe('pack: process', () => {
  const src = 'data: "hello hello hello"\ntail: { items: [1, 2, 3] }\n';

  it('compresses bytes and structs, derives the compressed size, and checksums the decompressed bytes', () => {
    const bytes = pack(PROCESS, src, 's.yaml');
    const clen = bytes[0]! * 256 + bytes[1]!;
    expect(Buffer.from(inflateSync(bytes.subarray(2, 2 + clen))).toString()).toBe('hello hello hello');
    const crc = Buffer.from(bytes.subarray(2 + clen, 6 + clen)).readUInt32BE();
    expect(crc).toBe(crc32Of([...Buffer.from('hello hello hello')]));
    expect(hex(inflateRawSync(bytes.subarray(6 + clen)))).toBe('03000100020003');
  });

  it('writes the $compressed bytes while they decompress to the value, and compresses again once it changes', () => {
    const stored = deflateSync(Buffer.from('hello hello hello'), { level: 0 });
    const tail = deflateRawSync(Buffer.from('03000100020003', 'hex'), { level: 0 });
    const kept = `$compressed: { data: { hex: "${hex(stored)}" }, tail: { hex: "${hex(tail)}" } }\n`;
    const bytes = pack(PROCESS, `data: "hello hello hello"\n${kept}tail: { items: [1, 2, 3] }\n`, 's.yaml');
    expect(hex(bytes.subarray(2, 2 + stored.length))).toBe(hex(stored));
    expect(hex(bytes.subarray(bytes.length - tail.length))).toBe(hex(tail));
    const changed = pack(PROCESS, `data: "hello hello HELLO"\n${kept}tail: { items: [1, 2, 3, 4] }\n`, 's.yaml');
    const clen = changed[0]! * 256 + changed[1]!;
    expect(hex(changed.subarray(2, 2 + clen))).toBe(hex(deflateSync(Buffer.from('hello hello HELLO'))));
    expect(hex(inflateRawSync(changed.subarray(6 + clen)))).toBe('0400010002000300' + '04');
  });
});

describe('pack: checksums', () => {
  it('computes adler32 of a field, crc16-ccitt and sha256 of a range', () => {
    const bytes = pack(SUMS, 'data: abcde\n', 's.yaml');
    expect(Buffer.from(bytes.subarray(5, 9)).readUInt32BE()).toBe(0x05c801f0); // Adler-32 of "abcde"
    expect(Buffer.from(bytes.subarray(11)).toString('hex')).toBe(createHash('sha256').update('abcde').digest('hex'));
    expect(bytes.length).toBe(5 + 4 + 2 + 32);
  });
});

describe('pack: checksums in a substream', () => {
  it('takes from/to relative to the sized struct the field is in', () => {
    const sum = checksum('crc16-ccitt', Buffer.from('ab')).toString(16).padStart(4, '0');
    assertPacks(SUBSTREAM_SUM, 'pre: 9\nbody: { data: ab }\n', `09 04 6162 ${sum}`);
  });
});

describe('pack: derivations that read _io', () => {
  it('see the stream of their struct: a sized struct\'s substream, or the file', () => {
    assertPacks(IO_DERIVE, 'body: { a: 9 }\n', '06 03 09 03 02 05');
    assertPacks(IO_DERIVE, 'len: 5\nbody: { a: 9 }\n', '08 05 09 05 02 0000 07');
  });
});

describe('pack: at with rfind', () => {
  it('writes the record a search locates after everything else, without inverting the search', () => {
    assertPacks(SEARCH, 'data: abc\nend: { comment: hi }\n', '5a5a 616263 454e 02 6869');
  });
});

describe('pack: parametric types', () => {
  it('binds the arguments in the child scope when deriving', () => {
    assertPacks(PARAMS, 'k: 2\npart: { data: xyz }\n', '02 78797a 06');
  });
});

describe('pack: plain schemas are unchanged', () => {
  it('encodes without the extended writer', () => {
    const s = schemaOf('  file:\n    seq:\n      - { id: n, type: u1, derive: len(xs) }\n      - { id: xs, type: u2, repeat: n }\n');
    expect(hex(encode(s, { xs: [1, 2] }))).toBe('0200010002');
  });
});

/* pack(unpack(file)) is byte-identical for files of each construct, the decoder reading them. */

const CASES: Array<[string, FormatSchema, string]> = [
  ['if, with a checksum under it', COND, 'flags: 3\nextra: 0x0102\ntail: 9\n'],
  ['if false', COND, 'flags: 0\ntail: 9\n'],
  ['repeat until and eos', REPEATS, 'items: [{ kind: 1, v: 5 }, { kind: 2, v: 6 }, { kind: 0 }]\nrest: [7, 8]\n'],
  ['size on a struct', SIZED, 'body: { a: 1, rest: "xy" }\nafter: 7\n'],
  ['size on a struct, padded', SIZED, 'len: 9\nbody: { a: 1, rest: "" }\nafter: 7\n'],
  ['terminators', TERMS, 'name: ab\ntag: x/\nword: hi\nsp: 0x20\nfixed: ok\n'],
  ['text, default and parametric cases', SWITCH, 'chunks:\n  - { kind: AB, body: { x: 0x0102 } }\n  - { kind: CD, body: { data: "pq", last: 9 } }\n  - { kind: ZZ, body: { data: "hello" } }\n'],
  ['a bytes tag', BYTES_SWITCH, 'kind: { hex: "4142" }\nbody: { x: 5 }\n'],
  ['the default case', BYTES_SWITCH, 'kind: { hex: "0909" }\nbody: { z: 1 }\n'],
  ['bit fields', BITS, 'a: 5\nb: 3\nc: 15\nd: 0x11\ne: 0x0102030405\n'],
  ['text encodings', TEXT, 'name: hé\ndos: ÇÜ\nbe: "Ω"\nl1: ÿ\n'],
  ['contents', MAGIC, 'v: 1\n'],
  ['process and a checksum of the decompressed bytes', PROCESS, 'data: "hello hello hello"\ntail: { items: [1, 2, 3] }\n'],
  ['checksums', SUMS, 'data: abcde\n'],
  ['a record found by rfind', SEARCH, 'data: abc\nend: { comment: hi }\n'],
  ['parametric types', PARAMS, 'k: 2\npart: { data: xyz }\n'],
  ['a length in a bit field', BIT_LENGTH, 'kind: 5\nbody: abc\n'],
  ['derivations that read _io', IO_DERIVE, 'body: { a: 9 }\n'],
  ['a checksum in a substream', SUBSTREAM_SUM, 'pre: 9\nbody: { data: ab }\n'],
];

describe('pack(unpack(file)) for each construct', () => {
  for (const [name, schema, source] of CASES) {
    it(name, () => {
      const bytes = pack(schema, source, 's.yaml');
      const text = assertRoundTrip(schema, bytes);
      expect(text).toContain('minimal source');
      assertClean(schema, bytes);
    });
  }
});

function crc32Of(bytes: number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('pack: hostile pinned sizes and offsets', () => {
  it('adds no gigabytes of zeros for a pinned size or offset: the pinned value is written as given', () => {
    const bytes = pack(SIZED, 'len: 255\nbody: { a: 1, rest: "" }\nafter: 7\n', 's.yaml');
    expect(bytes.length).toBe(1 + 255 + 1);
    const gap = schemaOf('  file:\n    seq:\n      - { id: off, type: u4 }\n      - { id: rec, type: u1, at: off }\n      - { id: c, type: b8 }\n');
    expect(pack(gap, 'off: 0x10000\nrec: 9\nc: 1\n', 's.yaml').length).toBe(0x10001);
    expect(pack(gap, 'off: 0x10006\nrec: 9\nc: 1\n', 's.yaml').length).toBe(6);
    const big = schemaOf('  file:\n    seq:\n      - { id: n, type: u4 }\n      - { id: body, type: body, size: n }\n  body:\n    seq:\n      - { id: a, type: u1 }\n');
    expect(hex(pack(big, 'n: 0xFFFFFFFF\nbody: { a: 1 }\n', 's.yaml'))).toBe('ffffffff01');
    const placed = schemaOf('  file:\n    seq:\n      - { id: off, type: u4 }\n      - { id: rec, type: u1, at: off }\n      - { id: c, type: b8 }\n');
    expect(hex(pack(placed, 'off: 0xFFFFFFF0\nrec: 9\nc: 1\n', 's.yaml'))).toBe('fffffff00109');
  });
});
