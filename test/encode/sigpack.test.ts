/** The encoder is generic: the second bundled schema (big-endian TLV records) round-trips too. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, encodeDetailed, pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { bundledSchemaDir, loadSchema } from '../../src/schema/index.js';

const file = join(bundledSchemaDir(), 'sigpack-v1.yaml');
const RUNS = { numRuns: 150 };
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const record = fc.oneof(
  text.map((t) => ({ tag: 'NAME', body: { text: t } })),
  fc.nat({ max: 0xffffffff }).map((score) => ({ tag: 'THRESHOLD', body: { score } })),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((digest) => ({ tag: 'SHA256', body: { digest } })),
  text.map((t) => ({ tag: 'PATTERN', body: { text: t } })),
);
const sigpack = fc.record({ flags: fc.nat({ max: 3 }), records: fc.array(record, { minLength: 1, maxLength: 20 }) }, { requiredKeys: ['records'] });

describe.skipIf(!existsSync(file))('sigpack-v1 (big-endian TLV)', () => {
  const schema = existsSync(file) ? loadSchema(file) : undefined!;

  it('packs a hand-written source to big-endian bytes with derived lengths and a CRC', () => {
    const bytes = pack(schema, 'records:\n  - { tag: NAME, body: { text: abc } }\n  - { tag: THRESHOLD, body: { score: 7 } }\n', 's.yaml');
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('SPK1');
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(v.getUint16(4, false)).toBe(2); // version
    expect(v.getUint16(8, false)).toBe(2); // record_count
    expect(v.getUint32(10, false)).toBe(3 + 3 + 3 + 4); // body_size
    expect([...bytes.subarray(14, 20)]).toEqual([1, 0, 3, 0x61, 0x62, 0x63]);
    expect([...bytes.subarray(20, 27)]).toEqual([2, 0, 4, 0, 0, 0, 7]);
    expect(bytes.length).toBe(27 + 4);
    expect(decode(schema, bytes).issues).toEqual([]);
  });

  it('re-packs a name that is not valid UTF-8 from its raw bytes', () => {
    const bytes = pack(schema, 'records:\n  - { tag: NAME, body: { text: abc } }\n$edit: { patch: [{ offset: 17, hex: ff }] }\n', 's.yaml');
    const source = unpack(schema, bytes);
    expect(source).toContain('{ tag: NAME, body: { text: { hex: ff6263 } } }');
    expect(same(pack(schema, source, 'unpacked.yaml'), bytes)).toBe(true);
  });

  it('decodes generated values with no issues, equal to the value with derived fields filled in', () => {
    fc.assert(fc.property(sigpack, (value) => {
      const r = encodeDetailed(schema, value);
      const d = decode(schema, r.bytes);
      expect(d.complete).toBe(true);
      expect(d.issues).toEqual([]);
      expect(d.value).toEqual(r.value);
    }), RUNS);
  });

  it('unpacks to a minimal source that packs back byte for byte', () => {
    fc.assert(fc.property(sigpack, (value) => {
      const bytes = encode(schema, value);
      const source = unpack(schema, bytes);
      expect(source.startsWith('# sigpack-v1: ')).toBe(true);
      expect(source).not.toMatch(/WARNING|INCOMPLETE|record_count|length:|crc:/);
      expect(same(pack(schema, source, 'unpacked.yaml'), bytes)).toBe(true);
    }), RUNS);
  });

  it('unpacks damaged files without throwing, and re-packs every one it can fully decode', () => {
    const damage = fc.record({ at: fc.nat(), byte: fc.nat({ max: 255 }), cut: fc.nat() });
    fc.assert(fc.property(sigpack, damage, (value, { at, byte, cut }) => {
      const bytes = encode(schema, value).slice();
      bytes[at % bytes.length] = byte;
      const damaged = cut % 3 === 0 ? bytes.slice(0, cut % bytes.length) : bytes;
      const source = unpack(schema, damaged);
      if (decode(schema, damaged).complete) expect(same(pack(schema, source, 'unpacked.yaml'), damaged)).toBe(true);
      else expect(source).toMatch(/^# INCOMPLETE/m);
    }), RUNS);
  });
});
