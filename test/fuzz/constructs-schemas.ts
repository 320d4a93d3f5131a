import { checkStructure } from '../../src/check/index.js';
import { encodeDetailed } from '../../src/encode/index.js';
import { firstDifference } from '../../src/fuzz/engine/_internals/deep-diff.js';
import type { EdgeHints } from '../../src/fuzz/generate/index.js';
import { decode } from '../../src/parse/index.js';
import { parseSchema, type FormatSchema } from '../../src/schema/index.js';

/** Small schemas that use every newer construct, for the generation and mutation tests. */

/** PNG-like: magic, bit fields, strz, if, chunks until IEND with a text-tag switch in a sized body, a CRC of it, a processed struct. */
export const CHUNKS = parseSchema(`format: chunks
root: file
types:
  file:
    seq:
      - { id: magic, contents: "PK" }
      - { id: flags, type: b3 }
      - { id: level, type: b5 }
      - { id: name, type: strz, encoding: latin1 }
      - { id: extra, type: u2, if: flags > 3 }
      - { id: chunks, type: chunk, repeat: until, repeat_until: _.kind == "IEND" }
      - { id: packed, type: inner, size_eos: true, process: { algo: zlib, limit: 4096 } }
  chunk:
    seq:
      - { id: length, type: u4 }
      - { id: kind, type: str, size: 4, encoding: ascii }
      - id: body
        size: length
        type:
          switch_on: kind
          cases: { '"IHDR"': header, '"IEND"': empty, _: opaque(length) }
      - { id: crc, type: u4, checksum: { algo: crc32, of: body, code: CRC_MISMATCH } }
  header:
    seq:
      - { id: w, type: u4, valid: [{ min: 1, max: 1000, code: BAD_VALUE }] }
      - { id: deep, type: b40 }
  empty:
    seq: []
  opaque:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n }
  inner:
    seq:
      - { id: title, type: str, encoding: utf-16le, terminator: 0 }
      - { id: items, type: u2, repeat: eos }
`, 'chunks.yaml');

/** The rest: a fixed-size substream filled by repeat eos, an int switch with a default, a bytes tag, encodings, terminators, checksums of every algorithm, deflate, size_eos. */
export const MIXED = parseSchema(`format: mixed
root: file
bit_endian: le
types:
  file:
    seq:
      - { id: sig, type: bytes, size: 4 }
      - { id: hdr, type: fixed, size: 12 }
      - { id: nums, type: u1, repeat: until, repeat_until: _ == 0 }
      - { id: a, type: b1 }
      - { id: b, type: b7 }
      - { id: c, type: b64 }
      - { id: kind, type: u1 }
      - id: body
        type:
          switch_on: kind
          cases: { 1: one, 2: two, _: other }
      - { id: tag, type: bytes, size: 2 }
      - id: tagged
        type:
          switch_on: tag
          cases: { '"AB"': one, '"CD"': two }
      - { id: dos, type: str, size: 8, encoding: cp437 }
      - { id: be16, type: str, size: 6, encoding: utf-16be }
      - { id: asc, type: str, terminator: 0x0a, encoding: ascii }
      - { id: inc, type: bytes, terminator: 0x3b, include: true }
      - { id: digest, type: bytes, size: 32, checksum: { algo: sha256, from: 0, to: 4, code: CRC_MISMATCH } }
      - { id: ad, type: u4, checksum: { algo: adler32, of: dos, code: CRC_MISMATCH } }
      - { id: c16, type: u2, checksum: { algo: crc16-ccitt, from: 0, to: 8, code: CRC_MISMATCH } }
      - { id: lo16, type: u2, checksum: { algo: crc32-low16, of: asc, code: CRC_MISMATCH } }
      - { id: zlen, type: u2 }
      - { id: z, type: bytes, size: zlen, process: { algo: deflate, limit: 1000 } }
      - { id: opt, type: one, if: kind == 1 }
      - { id: tail, type: bytes, size_eos: true }
  fixed:
    seq:
      - { id: v, type: u2 }
      - { id: rest, type: u2, repeat: eos }
  one:
    seq:
      - { id: x, type: u1 }
  two:
    seq:
      - { id: y, type: u2 }
      - { id: s, type: strz }
  other:
    seq:
      - { id: raw, type: bytes, size: 3 }
`, 'mixed.yaml');

export const SCHEMAS: readonly (readonly [string, FormatSchema])[] = [['chunks', CHUNKS], ['mixed', MIXED]];
export const NO_HINTS: EdgeHints = { ints: [0, 1, 2, 255] };

/** What went wrong when `value` is packed and read back; null when it decodes complete, with no finding, to the packed value. */
export function wellFormed(schema: FormatSchema, value: Record<string, unknown>): string | null {
  const { bytes, value: filled } = encodeDetailed(schema, value);
  const d = decode(schema, bytes);
  if (!d.complete || d.issues.length) return `decode: ${d.issues.map((i) => `${i.code} at ${i.path.join('.')}`).join(', ')}`;
  const findings = checkStructure(schema, bytes, d);
  if (findings.length) return `checks: ${findings.map((i) => `${i.code} at ${i.path.join('.')}`).join(', ')}`;
  const diff = firstDifference(d.value, filled);
  return diff === null ? null : `round trip differs at ${diff.join('.')}`;
}
