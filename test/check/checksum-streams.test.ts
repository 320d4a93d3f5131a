import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checksum } from '../../src/codec/checksum.js';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

const be32 = (n: bigint | number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, Number(n)); return [...b]; };
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('checksums inside a size substream', () => {
  // A PNG-like chunk: length, then a body substream whose own crc covers its first `length` bytes (relative offsets).
  const schema = parseSchema(`
format: sub
endian: be
root: file
types:
  file:
    seq:
      - { id: pad, type: u1 }
      - { id: length, type: u1 }
      - { id: body, type: body, size: length + 4 }
  body:
    seq:
      - { id: data, type: bytes, size: _parent.length }
      - { id: crc, type: u4, checksum: { algo: crc32, from: 0, to: _parent.length, code: CRC_MISMATCH } }
`, 'sub.yaml');
  const DATA = ascii('123456789');

  it('from/to are relative to the substream; the finding gives absolute offsets', () => {
    expect(validateBytes('s.bin', Uint8Array.from([0, 9, ...DATA, ...be32(0xcbf43926)]), { schema }).verdict).toBe('pass');
    const r = validateBytes('s.bin', Uint8Array.from([0, 9, ...DATA, ...be32(1)]), { schema });
    expect(r.findings.map((f) => [f.code, f.path, f.offset])).toEqual([['CRC_MISMATCH', 'body.crc', 11]]);
    expect(r.findings[0]!.details).toMatchObject({ from: 2, to: 11, computed: 0xcbf43926 });
  });
});

describe('checksums of processed (decompressed) data', () => {
  const schema = parseSchema(`
format: packed
endian: be
root: file
types:
  file:
    seq:
      - { id: size, type: u2 }
      - { id: data, type: bytes, size: size, process: { algo: zlib, limit: 4096 } }
      - { id: crc, type: u4, checksum: { algo: crc32, of: data, code: CRC_MISMATCH } }
      - { id: adler, type: u4, checksum: { algo: adler32, of: data, code: CRC_MISMATCH } }
`, 'packed.yaml');
  const plain = Uint8Array.from(ascii('123456789'));
  const packed = [...deflateSync(plain)];
  const file = (crc: bigint, adler: bigint) => Uint8Array.from([packed.length >> 8, packed.length & 0xff, ...packed, ...be32(crc), ...be32(adler)]);

  it('`of` a processed bytes field covers its decompressed bytes (gzip CRC-32 of the member)', () => {
    expect(validateBytes('p.bin', file(checksum('crc32', plain), checksum('adler32', plain)), { schema }).verdict).toBe('pass');
    const r = validateBytes('p.bin', file(0n, checksum('adler32', plain)), { schema });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['CRC_MISMATCH', 'crc']]);
    expect(r.findings[0]!.message).toBe('stored crc32 0x0, computed 0xcbf43926 of data');
  });

  it('a struct read from decompressed bytes: `of` covers them, and from/to inside it are relative to them', () => {
    const s = parseSchema(`
format: packed-struct
endian: be
root: file
types:
  file:
    seq:
      - { id: size, type: u2 }
      - { id: body, type: inner, size: size, process: { algo: zlib, limit: 4096 } }
      - { id: crc, type: u4, checksum: { algo: crc32, of: body, code: CRC_MISMATCH } }
  inner:
    seq:
      - { id: text, type: bytes, size: 5 }
      - { id: sum, type: u2, checksum: { algo: crc16-ccitt, from: 0, to: 5, code: CRC_MISMATCH } }
`, 'packed-struct.yaml');
    const head = Uint8Array.from(ascii('12345'));
    const good = Uint8Array.from([...head, Number(checksum('crc16-ccitt', head) >> 8n), Number(checksum('crc16-ccitt', head) & 0xffn)]);
    const build = (inner: Uint8Array, crc: bigint) => {
      const z = [...deflateSync(inner)];
      return Uint8Array.from([z.length >> 8, z.length & 0xff, ...z, ...be32(crc)]);
    };
    expect(validateBytes('q.bin', build(good, checksum('crc32', good)), { schema: s }).findings).toEqual([]);
    const badInner = good.slice();
    badInner[6] = badInner[6]! ^ 1;
    const r = validateBytes('q.bin', build(badInner, checksum('crc32', badInner)), { schema: s });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['CRC_MISMATCH', 'body.sum']]);
    // Located at the compressed field in the file, and inside the decompressed bytes by inner_offset.
    expect(r.findings[0]!.details).toMatchObject({ inner_from: 0, inner_to: 5, inner_offset: 5 });
    expect(r.findings[0]!.offset).toBe(2);
    expect(r.findings[0]!.message).toContain('over decompressed bytes 0..5');
    const outer = validateBytes('q.bin', build(good, 7n), { schema: s });
    expect(outer.findings.map((f) => [f.code, f.path])).toEqual([['CRC_MISMATCH', 'crc']]);
  });
});
