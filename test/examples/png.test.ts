import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedTextChunk, iccChunk, makePng, pngChunk, textChunk } from './make-png.js';
import { codesAt, flip, validateExample } from './validate-example.js';

/** Rewrites a chunk's CRC after a corruption, so that only the corruption itself is wrong. */
function fixCrc(png: Buffer, chunkStart: number): void {
  const length = png.readUInt32BE(chunkStart);
  png.writeUInt32BE(crc32(png.subarray(chunkStart + 4, chunkStart + 8 + length)), chunkStart + 8 + length);
}

/** Offset of the n-th chunk (0 = IHDR). */
function chunkAt(png: Buffer, n: number): number {
  let at = 8;
  for (let i = 0; i < n; i++) at += 12 + png.readUInt32BE(at);
  return at;
}

const time = (): Buffer => pngChunk('tIME', Uint8Array.from([0x07, 0xe8, 7, 19, 4, 9, 30]));
const phys = (): Buffer => pngChunk('pHYs', Uint8Array.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));

describe('schemas/examples/png.yaml on PNG files made with zlib', () => {
  it('passes a real PNG with text, compressed text, an ICC profile and image data over three IDAT chunks', () => {
    const png = makePng({ width: 16, height: 9, idatChunks: 3, before: [textChunk('Title', 'Channel File 291 – July'), compressedTextChunk('Comment', 'x'.repeat(5000)), iccChunk('sRGB'), phys(), time()] });
    const report = validateExample('png', png);
    expect(codesAt(report)).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('reports a wrong signature at the signature (contents)', () => {
    const png = makePng();
    png[1] = 0x51;
    expect(codesAt(validateExample('png', png))).toContain('BAD_MAGIC signature');
  });

  it('reports a chunk whose CRC is wrong at that chunk (a schema-defined code)', () => {
    const png = makePng({ before: [textChunk('k', 'v')] });
    flip(png, chunkAt(png, 1) + 8, 0xff); // the keyword's first byte: still Latin-1, but no longer what the CRC covers
    const report = validateExample('png', png);
    expect(codesAt(report)).toEqual(['PNG_CHUNK_CRC chunks[1].crc']);
    expect(report.findings[0]!.severity).toBe('error');
    expect(report.findings[0]!.message).toMatch(/^the chunk's CRC-32 is 0x[0-9A-F]+, its type and data give 0x[0-9A-F]+$/);
  });

  it('reports an IDAT length of 0x90000000 at the length rule, the cause, beside the truncation (trap: part-decoded structs)', () => {
    const png = makePng();
    png.writeUInt32BE(0x90000000, chunkAt(png, 1));
    const codes = codesAt(validateExample('png', png));
    expect(codes).toContain('BAD_VALUE chunks[1].length');
    expect(codes.some((c) => c.startsWith('TRUNCATED chunks[1]'))).toBe(true);
  });

  it('reports a PNG that ends without IEND', () => {
    const png = makePng();
    const codes = codesAt(validateExample('png', png.subarray(0, png.length - 12)));
    expect(codes).toContain('PNG_ORDER (file)');
  });

  it('reports compressed text that does not inflate at the text, and no other finding', () => {
    const png = makePng({ before: [compressedTextChunk('Comment', 'hello hello hello')] });
    const start = chunkAt(png, 1);
    flip(png, start + 8 + 'Comment'.length + 2 + 3, 0x55);
    fixCrc(png, start);
    expect(codesAt(validateExample('png', png))).toEqual(['PNG_BAD_ZLIB chunks[1].body.text']);
  });

  it('reads the decompressed ICC profile and checks its size field', () => {
    const png = makePng({ before: [iccChunk('bad', 100, 99)] });
    const report = validateExample('png', png);
    expect(codesAt(report)).toEqual(['SIZE_MISMATCH chunks[1].body.profile.size']);
    // Inside decompressed bytes, the finding points at the compressed data in the file.
    expect(report.findings[0]!.offset).toBeGreaterThan(chunkAt(png, 1));
    expect(report.findings[0]!.offset).toBeLessThan(chunkAt(png, 2));
  });

  it('reports a palette image of 16 bits and a month 13 at their fields', () => {
    const png = makePng({ before: [pngChunk('tIME', Uint8Array.from([0x07, 0xe8, 13, 19, 4, 9, 30]))] });
    png[chunkAt(png, 0) + 8 + 8] = 16;
    png[chunkAt(png, 0) + 8 + 9] = 3;
    fixCrc(png, chunkAt(png, 0));
    expect(codesAt(validateExample('png', png)).sort()).toEqual(['BAD_VALUE chunks[0].body.bit_depth', 'BAD_VALUE chunks[1].body.month']);
  });
});

describe('pack and unpack of real PNG files', () => {
  it('unpack then pack gives the same bytes', async () => {
    const { pack, unpack } = await import('../../src/encode/index.js');
    const { exampleSchema } = await import('./validate-example.js');
    const schema = exampleSchema('png');
    for (const png of [makePng(), makePng({ width: 7, height: 5, idatChunks: 2, before: [textChunk('Author', 'Zoë'), compressedTextChunk('Comment', 'x'.repeat(300)), iccChunk('sRGB'), phys(), time()] })]) {
      const source = unpack(schema, png);
      expect(Buffer.from(pack(schema, source, 'png.yaml')).equals(png)).toBe(true);
    }
  });
});
