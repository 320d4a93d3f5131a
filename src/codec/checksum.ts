import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { ChecksumAlgo } from '../schema/model.js';

/**
 * The checksums a schema may declare (`checksum: {algo}`), as pure functions of the bytes:
 * - `crc32`: CRC-32/ISO-HDLC (zlib, PNG, gzip, ZIP): reflected poly 0xEDB88320, init and xorout 0xFFFFFFFF.
 * - `crc32-low16`: the low 16 bits of that CRC-32 (gzip's FHCRC header checksum).
 * - `crc16-ccitt`: CRC-16/CCITT-FALSE (also called CRC-16/IBM-3740): poly 0x1021, init 0xFFFF,
 *   not reflected, no final xor; check value 0x29B1 for "123456789". (XMODEM, KERMIT and X.25
 *   are other CRC-16s with the same polynomial; a format that uses one of them cannot say so yet.)
 * - `adler32`: zlib's Adler-32 (RFC 1950), initial value 1.
 * - `sha256`: the 32-byte digest (stored in a 32-byte bytes field).
 * Integer checksums are bigints, so they compare exactly with a u8 as well as with a u4 field.
 */
export function checksum(algo: 'sha256', bytes: Uint8Array): Uint8Array;
export function checksum(algo: Exclude<ChecksumAlgo, 'sha256'>, bytes: Uint8Array): bigint;
export function checksum(algo: ChecksumAlgo, bytes: Uint8Array): bigint | Uint8Array;
export function checksum(algo: ChecksumAlgo, bytes: Uint8Array): bigint | Uint8Array {
  switch (algo) {
    case 'crc32': return BigInt(crc32(bytes));
    case 'crc32-low16': return BigInt(crc32(bytes) & 0xffff);
    case 'crc16-ccitt': return BigInt(crc16Ccitt(bytes));
    case 'adler32': return BigInt(adler32(bytes));
    case 'sha256': return new Uint8Array(createHash('sha256').update(bytes).digest());
  }
}

/** Every algorithm a schema may name, for loaders and tests. */
export const CHECKSUM_ALGOS: readonly ChecksumAlgo[] = ['crc32', 'crc32-low16', 'crc16-ccitt', 'adler32', 'sha256'];

// zlib.crc32 is native (Node >= 20.15, as package.json requires); the table is for a runtime without it.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function crc32(bytes: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(bytes) >>> 0 : crc32ByTable(bytes);
}

/** The portable CRC-32, exported so the tests hold it to the native one. */
export function crc32ByTable(bytes: Uint8Array): number {
  const table = crc32Table();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

let CRC32_TABLE: Uint32Array | undefined;
function crc32Table(): Uint32Array {
  if (CRC32_TABLE) return CRC32_TABLE;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return (CRC32_TABLE = t);
}

let CRC16_TABLE: Uint16Array | undefined;
function crc16Ccitt(bytes: Uint8Array): number {
  if (!CRC16_TABLE) {
    CRC16_TABLE = new Uint16Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n << 8;
      for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
      CRC16_TABLE[n] = c;
    }
  }
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Sums reduced every 5552 bytes (zlib's NMAX): the largest run whose sums cannot pass 2^53. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
