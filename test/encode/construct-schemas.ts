import { parseSchema, type FormatSchema } from '../../src/schema/index.js';

/* Small schemas, one per construct of the schema language (issue 10), for the encoder's tests. */

export const schemaOf = (types: string, top = ''): FormatSchema => parseSchema(`format: t\nendian: be\nroot: file\n${top}types:\n${types}`, 'x.yaml');

export const COND = schemaOf(`  file:
    seq:
      - { id: flags, type: u1 }
      - { id: extra, type: u2, if: (flags & 1) != 0 }
      - { id: crc, type: u2, if: (flags & 2) != 0, checksum: { algo: crc32-low16, from: 0, to: 1, code: CRC_MISMATCH } }
      - { id: tail, type: u1 }
`);

export const REPEATS = schemaOf(`  file:
    seq:
      - { id: items, type: item, repeat: until, repeat_until: _.kind == 0 }
      - { id: rest, type: u1, repeat: eos }
  item:
    seq:
      - { id: kind, type: u1 }
      - { id: v, type: u1, if: kind != 0 }
`);

export const SIZED = schemaOf(`  file:
    seq:
      - { id: len, type: u1 }
      - { id: body, type: body, size: len }
      - { id: after, type: u1 }
  body:
    seq:
      - { id: a, type: u2 }
      - { id: rest, type: bytes, size_eos: true }
`);

export const TERMS = schemaOf(`  file:
    seq:
      - { id: name, type: strz }
      - { id: tag, type: bytes, terminator: 0x2f, include: true }
      - { id: word, type: str, terminator: 0x20, consume: false }
      - { id: sp, type: u1 }
      - { id: fixed, type: str, size: 6, terminator: 0 }
`);

export const SWITCH = schemaOf(`  file:
    seq:
      - { id: chunks, type: chunk, repeat: eos }
  chunk:
    seq:
      - { id: len, type: u1 }
      - { id: kind, type: str, size: 2, encoding: ascii }
      - id: body
        size: len
        type:
          switch_on: kind
          cases: { '"AB"': ab, '"CD"': cd(len), _: opaque(len) }
  ab:
    seq:
      - { id: x, type: u2 }
  cd:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n - 1 }
      - { id: last, type: u1 }
  opaque:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n }
`);

export const BYTES_SWITCH = schemaOf(`  file:
    seq:
      - { id: kind, type: bytes, size: 2 }
      - id: body
        type:
          switch_on: kind
          cases: { '"AB"': one, 7: seven, _: other }
  one:
    seq:
      - { id: x, type: u1 }
  seven:
    seq:
      - { id: y, type: u2 }
  other:
    seq:
      - { id: z, type: u4 }
`);

export const BITS = schemaOf(`  file:
    seq:
      - { id: a, type: b3 }
      - { id: b, type: b5 }
      - { id: c, type: b4 }
      - { id: d, type: u1 }
      - { id: e, type: b40, bit_endian: le }
`, 'bit_endian: be\n');

export const TEXT = schemaOf(`  file:
    seq:
      - { id: n, type: u1 }
      - { id: name, type: str, size: n, encoding: utf-16le }
      - { id: dos, type: str, size: 2, encoding: cp437 }
      - { id: be, type: str, size: 2, encoding: utf-16be }
      - { id: l1, type: strz, encoding: latin1 }
`);

export const MAGIC = schemaOf(`  file:
    seq:
      - { id: magic, contents: "PK\\x03\\x04" }
      - { id: v, type: u1 }
`);

export const PROCESS = schemaOf(`  file:
    seq:
      - { id: clen, type: u2 }
      - { id: data, type: bytes, size: clen, process: { algo: zlib, limit: 1000 } }
      - { id: crc, type: u4, checksum: { algo: crc32, of: data, code: CRC_MISMATCH } }
      - { id: tail, type: inner, size_eos: true, process: { algo: deflate, limit: 1000 } }
  inner:
    seq:
      - { id: count, type: u1, derive: len(items) }
      - { id: items, type: u2, repeat: count }
`);

export const SUMS = schemaOf(`  file:
    seq:
      - { id: data, type: bytes, size: 5 }
      - { id: c1, type: u4, checksum: { algo: adler32, of: data, code: CRC_MISMATCH } }
      - { id: c2, type: u2, checksum: { algo: crc16-ccitt, from: 0, to: 5, code: CRC_MISMATCH } }
      - { id: c3, type: bytes, size: 32, checksum: { algo: sha256, from: 0, to: 5, code: CRC_MISMATCH } }
`);

export const SEARCH = schemaOf(`  file:
    seq:
      - { id: magic, contents: "ZZ" }
      - { id: data, type: bytes, size: 3 }
      - { id: end, type: eocd, at: 'rfind("EN", 0, _io.size)' }
  eocd:
    seq:
      - { id: sig, contents: "EN" }
      - { id: comment_len, type: u1 }
      - { id: comment, type: str, size: comment_len }
`);

export const PARAMS = schemaOf(`  file:
    seq:
      - { id: k, type: u1 }
      - { id: part, type: piece(k + 1) }
  piece:
    params: [{ id: n, type: int }]
    seq:
      - { id: data, type: bytes, size: n }
      - { id: doubled, type: u1, derive: n * 2 }
`);

/** A checksum over a range of a sized struct's own stream. */
export const SUBSTREAM_SUM = schemaOf(`  file:
    seq:
      - { id: pre, type: u1 }
      - { id: len, type: u1 }
      - { id: body, type: body, size: len }
  body:
    seq:
      - { id: data, type: bytes, size: 2 }
      - { id: sum, type: u2, checksum: { algo: crc16-ccitt, from: 0, to: 2, code: CRC_MISMATCH } }
`);

/** A length in a bit field, implied by the size it gives (filled in after the layout). */
export const BIT_LENGTH = schemaOf(`  file:
    seq:
      - { id: len, type: b12 }
      - { id: kind, type: b4 }
      - { id: body, type: bytes, size: len }
`);

/** gzip (RFC 1952): optional header fields under flag bits, FHCRC (low 16 bits of a CRC-32), raw deflate data, CRC-32 and ISIZE of the decompressed data. */
export const GZIP = parseSchema(`format: gz
endian: le
root: file
types:
  file:
    seq:
      - { id: magic, contents: "\\x1f\\x8b" }
      - { id: method, type: u1 }
      - { id: flags, type: u1 }
      - { id: mtime, type: u4 }
      - { id: xfl, type: u1 }
      - { id: os, type: u1 }
      - { id: extra_len, type: u2, if: (flags & 4) != 0 }
      - { id: extra, type: bytes, size: extra_len, if: (flags & 4) != 0 }
      - { id: name, type: strz, encoding: latin1, if: (flags & 8) != 0 }
      - { id: comment, type: strz, encoding: latin1, if: (flags & 16) != 0 }
      - { id: hcrc, type: u2, if: (flags & 2) != 0, checksum: { algo: crc32-low16, from: 0, to: offsetof(hcrc), code: CRC_MISMATCH } }
      - { id: data, type: bytes, size: _io.size - _io.pos - 8, process: { algo: deflate, limit: 1000000 } }
      - { id: crc, type: u4, checksum: { algo: crc32, of: data, code: CRC_MISMATCH } }
      - { id: isize, type: u4, derive: len(data) }
`, 'gzip.yaml');

/** Derivations that read their stream: `_io.size` and `_io.pos` of a sized struct's substream, and of the file. */
export const IO_DERIVE = schemaOf(`  file:
    seq:
      - { id: total, type: u1, derive: _io.size }
      - { id: len, type: u1 }
      - { id: body, type: body, size: len }
      - { id: here, type: u1, derive: _io.pos }
  body:
    seq:
      - { id: a, type: u1 }
      - { id: size_here, type: u1, derive: _io.size }
      - { id: pos_here, type: u1, derive: _io.pos }
`);
