import { describe, expect, it } from 'vitest';
import { checksum } from '../../src/codec/checksum.js';
import { parseExpr, parseSchema, type ChecksumAlgo, type ChecksumDef, type FormatSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/** Sets a field's checksum rule by hand (the loader's own tests cover the YAML). */
function withChecksum(schema: FormatSchema, type: string, id: string, def: Partial<ChecksumDef>): FormatSchema {
  const field = schema.types.get(type)!.fields.find((f) => f.id === id)!;
  Object.assign(field, { checksum: { ...field.checksum, ...def } });
  return schema;
}

const run = (s: FormatSchema, bytes: Uint8Array) => validateBytes('c.bin', bytes, { schema: s });
const codes = (s: FormatSchema, bytes: Uint8Array) => run(s, bytes).findings.map((f) => f.code);

/** `len` data bytes, then the checksum of bytes 1..1+len as a big-endian integer of `width` bytes. */
function intSchema(algo: ChecksumAlgo, width: 2 | 4): FormatSchema {
  const s = parseSchema(`
format: sums
endian: be
root: file
types:
  file:
    seq:
      - { id: len, type: u1 }
      - { id: data, type: bytes, size: len }
      - { id: sum, type: u${width}, checksum: { algo: crc32, from: 1, to: 1 + len, code: CRC_MISMATCH } }
`, 'sums.yaml');
  return withChecksum(s, 'file', 'sum', { algo });
}

function file(data: number[], sum: bigint, width: number): Uint8Array {
  const out = [data.length, ...data];
  for (let i = width - 1; i >= 0; i--) out.push(Number((sum >> BigInt(8 * i)) & 0xffn));
  return Uint8Array.from(out);
}

const DATA = [...'123456789'].map((c) => c.charCodeAt(0));

describe('checksum rules: every algorithm over a from/to range', () => {
  const cases: [ChecksumAlgo, 2 | 4, bigint][] = [
    ['crc32', 4, 0xcbf43926n], ['crc32-low16', 2, 0x3926n], ['crc16-ccitt', 2, 0x29b1n], ['adler32', 4, 0x091e01den],
  ];
  for (const [algo, width, check] of cases) {
    it(`${algo}: the right sum passes, a wrong one is CRC_MISMATCH with both values and the absolute range`, () => {
      const s = intSchema(algo, width);
      expect(run(s, file(DATA, check, width)).verdict).toBe('pass');
      const bad = run(s, file(DATA, check ^ 1n, width));
      expect(bad.findings).toEqual([expect.objectContaining({ code: 'CRC_MISMATCH', path: 'sum', offset: 10 })]);
      expect(bad.findings[0]!.details).toMatchObject({ algo, stored: Number(check ^ 1n), computed: Number(check), from: 1, to: 10 });
      expect(bad.findings[0]!.message).toBe(`stored ${algo} 0x${(check ^ 1n).toString(16)}, computed 0x${check.toString(16)} over bytes 1..10`);
    });
  }

  it('a u8 field compares exactly (bigint)', () => {
    const s = withChecksum(parseSchema(`
format: wide
endian: le
root: file
types:
  file:
    seq:
      - { id: data, type: bytes, size: 9 }
      - { id: sum, type: u8, checksum: { algo: crc32, from: 0, to: 9, code: CRC_MISMATCH } }
`, 'wide.yaml'), 'file', 'sum', {});
    const bytes = new Uint8Array(17);
    bytes.set(DATA);
    new DataView(bytes.buffer).setBigUint64(9, 0xcbf43926n, true);
    expect(run(s, bytes).verdict).toBe('pass');
  });
});

describe('checksum rules: sha256 in a 32-byte field', () => {
  const schema = () => {
    const s = parseSchema(`
format: digest
endian: le
root: file
types:
  file:
    seq:
      - { id: data, type: bytes, size: 9 }
      - { id: digest, type: bytes, size: 32 }
`, 'digest.yaml');
    return withChecksum(s, 'file', 'digest', { algo: 'sha256', from: parseExpr('0'), to: parseExpr('9'), of: undefined, code: 'CRC_MISMATCH' });
  };

  it('a matching digest passes; another is CRC_MISMATCH with both digests in hex', () => {
    const good = Uint8Array.from([...DATA, ...checksum('sha256', Uint8Array.from(DATA))]);
    expect(run(schema(), good).verdict).toBe('pass');
    const bad = good.slice();
    bad[3] = bad[3]! ^ 0xff;
    const r = run(schema(), bad);
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['CRC_MISMATCH', 'digest']]);
    expect(r.findings[0]!.details?.computed).toBe(Buffer.from(checksum('sha256', bad.subarray(0, 9))).toString('hex'));
    expect(r.findings[0]!.message).not.toContain('undefined');
  });
});

describe('checksum rules: of a field', () => {
  const schema = () => {
    const s = parseSchema(`
format: of
endian: be
root: file
types:
  file:
    seq:
      - { id: len, type: u1 }
      - { id: data, type: bytes, size: len }
      - { id: sum, type: u4, checksum: { algo: crc32, from: 0, to: 1, code: CRC_MISMATCH } }
`, 'of.yaml');
    return withChecksum(s, 'file', 'sum', { from: undefined, to: undefined, of: parseExpr('data') });
  };

  it("covers the field's bytes", () => {
    expect(run(schema(), file(DATA, 0xcbf43926n, 4)).verdict).toBe('pass');
    const r = run(schema(), file(DATA, 0n, 4));
    expect(r.findings[0]!.details).toMatchObject({ algo: 'crc32', of: 'data', stored: 0, computed: 0xcbf43926 });
    expect(r.findings[0]!.message).toBe('stored crc32 0x0, computed 0xcbf43926 of data');
  });
});

describe('checksum rules that cannot be evaluated are CONSTRAINT findings, never silence', () => {
  it('a range past the end of the file', () => {
    const s = intSchema('crc32', 4);
    withChecksum(s, 'file', 'sum', { to: parseExpr('1 + len + 100') });
    const r = run(s, file(DATA, 0xcbf43926n, 4));
    expect(r.verdict).toBe('fail');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: 'sum', details: expect.objectContaining({ unevaluated: true }) })]);
    expect(r.findings[0]!.message).toContain('is not inside the file (14 bytes)');
  });

  it('a range whose bound indexes out of range', () => {
    const s = intSchema('adler32', 4);
    withChecksum(s, 'file', 'sum', { to: parseExpr('data[20]') });
    const r = run(s, file(DATA, 0x091e01den, 4));
    expect(r.findings.map((f) => [f.code, f.path, f.details?.unevaluated])).toEqual([['CONSTRAINT', 'sum', true]]);
    expect(String(r.findings[0]!.details?.reason)).toMatch(/index 20/);
  });

  it('a reversed range', () => {
    const s = intSchema('crc32', 4);
    withChecksum(s, 'file', 'sum', { from: parseExpr('5'), to: parseExpr('2') });
    expect(codes(s, file(DATA, 0n, 4))).toEqual(['CONSTRAINT']);
  });

  it('of an absent field, or of a value that is not a field', () => {
    const s = intSchema('crc32', 4);
    withChecksum(s, 'file', 'sum', { of: parseExpr('len == 9 ? null : data') });
    const r = run(s, file(DATA, 0xcbf43926n, 4));
    expect(r.findings.map((f) => [f.code, f.details?.unevaluated])).toEqual([['CONSTRAINT', true]]);
    withChecksum(s, 'file', 'sum', { of: parseExpr('len + 1') });
    expect(codes(s, file(DATA, 0xcbf43926n, 4))).toEqual(['CONSTRAINT']);
  });

  it('a sha256 stored in an integer field', () => {
    const s = intSchema('crc32', 4);
    withChecksum(s, 'file', 'sum', { algo: 'sha256' });
    const r = run(s, file(DATA, 0n, 4));
    expect(r.findings.map((f) => f.code)).toEqual(['CONSTRAINT']);
    expect(r.findings[0]!.message).toContain('32 bytes');
  });
});
