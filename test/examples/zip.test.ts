import { describe, expect, it } from 'vitest';
import { makeZip, type ZipEntry } from './make-zip.js';
import { codesAt, flip, validateExample } from './validate-example.js';

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const ENTRIES: readonly ZipEntry[] = [
  { name: 'channel-291.txt', data: text('template instances\n'.repeat(200)) },
  { name: 'stored.bin', data: Uint8Array.from({ length: 300 }, (_, i) => i & 0xff), method: 0 },
  { name: 'résumé-ünïcode.md', data: text('# UTF-8 name\n'), utf8: true, comment: 'entry comment' },
];
/** Offset of the end record in an archive with `comment`. */
const endAt = (zip: Buffer, comment: string): number => zip.length - 22 - comment.length;
const centralAt = (zip: Buffer, comment: string): number => zip.readUInt32LE(endAt(zip, comment) + 16);

describe('schemas/examples/zip.yaml on ZIP archives made with zlib', () => {
  it('passes a real archive with deflated, stored and UTF-8-named entries', () => {
    expect(codesAt(validateExample('zip', makeZip(ENTRIES)))).toEqual([]);
  });

  it('passes an archive with an archive comment: the end record is found by scanning back (rfind)', () => {
    const comment = 'Built 2024-07-19 04:09 UTC. '.repeat(40);
    const zip = makeZip(ENTRIES, comment);
    const report = validateExample('zip', zip);
    expect(codesAt(report)).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('reports an archive whose end record is cut off', () => {
    const zip = makeZip(ENTRIES);
    expect(codesAt(validateExample('zip', zip.subarray(0, zip.length - 20)))).toContain('ZIP_NO_END (file)');
  });

  it('reports a directory CRC-32 that does not match the inflated data', () => {
    const zip = makeZip(ENTRIES);
    const crcAt = centralAt(zip, '') + 16;
    zip.writeUInt32LE((zip.readUInt32LE(crcAt) ^ 1) >>> 0, crcAt);
    const codes = codesAt(validateExample('zip', zip));
    expect(codes).toContain('ZIP_CRC central_dir.entries[0].crc32');
    // The local header still has the true CRC: it disagrees with the directory.
    expect(codes).toContain('ZIP_MISMATCH files[0].crc32');
  });

  it('reports deflated data that does not inflate (or inflates to other bytes) at that file', () => {
    const zip = makeZip(ENTRIES);
    flip(zip, 30 + 'channel-291.txt'.length + 2, 0xff);
    const codes = codesAt(validateExample('zip', zip));
    expect(codes.some((c) => c === 'ZIP_BAD_DEFLATE files[0].deflated' || c === 'ZIP_CRC central_dir.entries[0].crc32')).toBe(true);
  });

  it('reports a directory uncompressed size that the data does not inflate to', () => {
    const zip = makeZip(ENTRIES);
    const at = centralAt(zip, '') + 24;
    zip.writeUInt32LE(zip.readUInt32LE(at) + 1, at);
    expect(codesAt(validateExample('zip', zip))).toContain('SIZE_MISMATCH files[0].deflated');
  });

  it('reports a month 13 in a DOS date (a bit field) and a local method that is not the directory\'s', () => {
    const zip = makeZip(ENTRIES);
    const dateAt = centralAt(zip, '') + 14;
    zip.writeUInt16LE((zip.readUInt16LE(dateAt) & ~(0xf << 5)) | (13 << 5), dateAt);
    zip.writeUInt16LE(0, 8); // the first local header says stored; its directory entry says deflated
    const codes = codesAt(validateExample('zip', zip));
    expect(codes).toContain('BAD_VALUE central_dir.entries[0].modified.month');
    expect(codes).toContain('ZIP_MISMATCH files[0].method');
  });
});

describe('pack and unpack of real ZIP archives', () => {
  it('unpack then pack gives the same bytes, archive comment included', async () => {
    const { pack, unpack } = await import('../../src/encode/index.js');
    const { exampleSchema } = await import('./validate-example.js');
    const schema = exampleSchema('zip');
    for (const zip of [makeZip(ENTRIES), makeZip(ENTRIES, 'an archive comment')]) {
      const source = unpack(schema, zip);
      expect(Buffer.from(pack(schema, source, 'zip.yaml')).equals(zip)).toBe(true);
    }
  });
});
