import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncodeError, encode, pack, parseSource, unpack } from '../../src/encode/index.js';
import { thrownBy } from '../helpers/thrown.js';
import { loadSchema, packageRoot } from '../../src/schema/index.js';
import { compressedTextChunk, iccChunk, makePng, pngChunk, textChunk } from '../examples/make-png.js';
import { makeZip } from '../examples/make-zip.js';
import { GZIP } from './construct-schemas.js';
import { assertClean, assertRoundTrip } from './laws.js';

/* pack(unpack(file)) on real PNG and ZIP files made with Node's zlib (the example schemas). */

const png = loadSchema(join(packageRoot(), 'schemas/examples/png.yaml'));
const zip = loadSchema(join(packageRoot(), 'schemas/examples/zip.yaml'));

describe('pack(unpack(file)): PNG', () => {
  it('a plain image, from the minimal source (lengths, CRCs and the signature recomputed)', () => {
    const text = assertRoundTrip(png, makePng());
    expect(text).toContain('minimal source');
    expect(text).not.toMatch(/\b(length|crc|signature):/);
  });

  it('text, compressed text, an ICC profile and split image data', () => {
    const file = makePng({ before: [textChunk('Title', 'caf\u00e9'), compressedTextChunk('Comment', 'hello '.repeat(20)), iccChunk('sRGB')], idatChunks: 3 });
    expect(assertRoundTrip(png, file)).toContain('minimal source');
  });

  it('compressed text that node:zlib would compress differently keeps its bytes in $compressed', () => {
    const data = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from('hello '.repeat(20)), { level: 1 })]);
    const text = assertRoundTrip(png, makePng({ before: [pngChunk('zTXt', data)] }));
    expect(text).toContain('$compressed');
    expect(text).toContain('minimal source');
  });

  it('a parsed source keeps $compressed: encoding it again gives the same file (the shrinker re-encodes parsed sources)', () => {
    const data = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from('hello '.repeat(20)), { level: 0 })]);
    const file = makePng({ before: [pngChunk('zTXt', data)] });
    const value = parseSource(png, unpack(png, file), 'unpacked.yaml');
    expect(Buffer.from(encode(png, value)).equals(file)).toBe(true);
  });

  it('a wrong CRC is pinned, the others recomputed', () => {
    const file = makePng();
    file[32] = file[32]! ^ 0xff; // the last byte of IHDR's CRC
    const text = assertRoundTrip(png, file);
    expect(text.match(/crc:/g)).toHaveLength(1);
  });

  it('an edited value is packed again: the CRC follows it', () => {
    const text = assertRoundTrip(png, makePng({ before: [textChunk('Title', 'abc')] }));
    const bytes = pack(png, text.replace('text: abc', 'text: abcd'), 'edited.yaml');
    expect(Buffer.from(bytes).toString('latin1')).toContain('abcd');
    assertClean(png, bytes);
    expect(assertRoundTrip(png, bytes)).toContain('minimal source');
  });
});

describe('pack(unpack(file)): ZIP', () => {
  const entries = [
    { name: 'a.txt', data: Buffer.from('hello hello hello hello') },
    { name: 'stored.bin', data: Buffer.from([1, 2, 3]), method: 0 as const },
    { name: 'caf\u00e9.txt', data: Buffer.from('x'.repeat(300)), utf8: true, comment: 'entry comment' },
  ];

  it('local files, the central directory and the end record where their offsets say, from the minimal source', () => {
    const text = assertRoundTrip(zip, makeZip(entries));
    expect(text).toContain('minimal source');
    expect(text).not.toMatch(/\b(name_len|signature):/);
    // The directory's CRC-32 is a checksum of the (decompressed) data; the local header's is a plain copy.
    expect(text.match(/crc32:/g)).toHaveLength(entries.length);
  });

  it('an archive comment (the end record is found by rfind, and written last)', () => {
    expect(assertRoundTrip(zip, makeZip(entries, 'an archive comment, PK and all'))).toContain('minimal source');
  });
});

describe('pack(unpack(file)): damaged files are still rebuilt byte for byte', () => {
  const p = makePng({ before: [textChunk('T', 'x'), compressedTextChunk('C', 'hello')] });
  const z = makeZip([{ name: 'a', data: Buffer.from('hello hello') }], 'cmt');
  const corrupt = Buffer.from(z);
  corrupt[40] = corrupt[40]! ^ 0xff;
  const files: Array<[string, typeof png, Uint8Array]> = [
    ...[5, 20, 40, 60, p.length - 3].map((n): [string, typeof png, Uint8Array] => [`a PNG cut at ${n}`, png, p.subarray(0, n)]),
    ['a zTXt chunk that is not zlib', png, makePng({ before: [pngChunk('zTXt', Buffer.from('C\0\0not zlib at all', 'latin1'))] })],
    ['bytes after IEND', png, Buffer.concat([makePng(), Buffer.from('junk')])],
    ...[10, 40, z.length - 5].map((n): [string, typeof png, Uint8Array] => [`a ZIP cut at ${n}`, zip, z.subarray(0, n)]),
    ['a ZIP with corrupt deflated data', zip, corrupt],
    ['an empty ZIP', zip, makeZip([])],
    ['not a ZIP', zip, Buffer.from('hello world')],
  ];
  for (const [name, schema, bytes] of files) it(name, () => { assertRoundTrip(schema, bytes); });
});

describe('pack(unpack(file)): gzip', () => {
  /** A gzip member with the optional header fields the flags ask for (FHCRC, FEXTRA, FNAME, FCOMMENT). */
  function member(flags: number, text: string, level = 6): Buffer {
    const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, flags, 1, 2, 3, 4, 0, 3])];
    if (flags & 4) parts.push(Buffer.from([3, 0]), Buffer.from('xyz'));
    if (flags & 8) parts.push(Buffer.from('name.txt\0', 'latin1'));
    if (flags & 16) parts.push(Buffer.from('a comment\0', 'latin1'));
    if (flags & 2) {
      const c = Buffer.alloc(2);
      c.writeUInt16LE(crc32(Buffer.concat(parts)) & 0xffff);
      parts.push(c);
    }
    const data = Buffer.from(text);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(data), 0);
    trailer.writeUInt32LE(data.length, 4);
    return Buffer.concat([...parts, deflateRawSync(data, { level }), trailer]);
  }

  const files: Array<[string, Buffer]> = [
    ['gzipSync output', gzipSync(Buffer.from('abc'.repeat(100)))],
    ['no optional fields', member(0, 'hello hello')],
    ['FHCRC, FEXTRA, FNAME and FCOMMENT', member(2 | 4 | 8 | 16, 'hello hello')],
    ['data deflated at level 1', member(8, 'hello '.repeat(40), 1)],
  ];
  for (const [name, file] of files) {
    it(name, () => {
      const text = assertRoundTrip(GZIP, file);
      expect(text).toContain('minimal source');
      expect(text).not.toMatch(/\b(hcrc|crc|isize|extra_len|magic):/);
      assertClean(GZIP, file);
    });
  }
});

describe('unpack of a hostile ZIP', () => {
  it('refuses with a reason, not a RangeError, a file whose overlapping entries would print gigabytes', () => {
    const one = makeZip([{ name: 'a', data: new Uint8Array(1 << 20), method: 0 }]);
    const endAt = one.length - 22;
    const cdAt = one.readUInt32LE(endAt + 16);
    const entry = one.subarray(cdAt, endAt);
    const copies = 100;
    const end = Buffer.from(one.subarray(endAt));
    end.writeUInt16LE(copies, 8);
    end.writeUInt16LE(copies, 10);
    end.writeUInt32LE(entry.length * copies, 12);
    const file = Buffer.concat([one.subarray(0, cdAt), ...Array.from({ length: copies }, () => entry), end]);
    expect(thrownBy(EncodeError, () => unpack(zip, file)).message).toMatch(/more than 64 Mi characters/);
  });
});
