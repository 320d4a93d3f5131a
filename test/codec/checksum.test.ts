import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, crc32ByTable } from '../../src/codec/checksum.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const CHECK = ascii('123456789');

/** Published check values: the CRC catalogue (reveng.sourceforge.io/crc-catalogue), RFC 1950, FIPS 180-2. */
describe('checksum: published check values', () => {
  it('crc32 is CRC-32/ISO-HDLC (check 0xCBF43926)', () => {
    expect(checksum('crc32', CHECK)).toBe(0xcbf43926n);
    expect(checksum('crc32', new Uint8Array())).toBe(0n);
    expect(checksum('crc32', ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339n);
  });

  it('crc32-low16 is the low half of that CRC-32 (gzip FHCRC)', () => {
    expect(checksum('crc32-low16', CHECK)).toBe(0x3926n);
    expect(checksum('crc32-low16', ascii('The quick brown fox jumps over the lazy dog'))).toBe(0xa339n);
  });

  it('crc16-ccitt is CRC-16/CCITT-FALSE (check 0x29B1, init 0xFFFF)', () => {
    expect(checksum('crc16-ccitt', CHECK)).toBe(0x29b1n);
    expect(checksum('crc16-ccitt', new Uint8Array())).toBe(0xffffn);
    expect(checksum('crc16-ccitt', ascii('A'))).toBe(0xb915n);
  });

  it('adler32 is RFC 1950 Adler-32', () => {
    expect(checksum('adler32', CHECK)).toBe(0x091e01den);
    expect(checksum('adler32', ascii('Wikipedia'))).toBe(0x11e60398n);
    expect(checksum('adler32', new Uint8Array())).toBe(1n);
  });

  it('adler32 stays exact over long runs of 0xFF (the sums are reduced in time)', () => {
    const bytes = new Uint8Array(100_000).fill(0xff);
    let a = 1;
    let b = 0;
    for (const x of bytes) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    expect(checksum('adler32', bytes)).toBe(BigInt(((b << 16) | a) >>> 0));
  });

  it('sha256 is the 32-byte digest', () => {
    const abc = checksum('sha256', ascii('abc'));
    expect(abc).toBeInstanceOf(Uint8Array);
    expect(abc.length).toBe(32);
    expect(hex(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(checksum('sha256', new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the portable CRC-32 agrees with zlib', () => {
    expect(crc32ByTable(CHECK)).toBe(0xcbf43926);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => crc32ByTable(b) === zlibCrc32(b) >>> 0), { numRuns: 200 });
  });

  it('a subarray is summed over its own bytes only', () => {
    const framed = new Uint8Array([0xaa, ...CHECK, 0xbb]);
    expect(checksum('crc32', framed.subarray(1, 10))).toBe(0xcbf43926n);
    expect(checksum('crc16-ccitt', framed.subarray(1, 10))).toBe(0x29b1n);
    expect(checksum('adler32', framed.subarray(1, 10))).toBe(0x091e01den);
  });
});
