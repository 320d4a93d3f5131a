import type { BitEndian } from './read-bits.js';

/**
 * Writes the low `n` bits of `value` (1..64 bits) at `bitOffset` bits into `bytes`, so that
 * readBits(bytes, bitOffset, n, endian) gives them back; the other bits of the bytes touched are
 * kept, so consecutive bit fields can be written one after the other into the same bytes.
 * Higher bits of `value` are ignored (the caller checks the value fits).
 */
export function writeBits(bytes: Uint8Array, bitOffset: number, n: number, endian: BitEndian, value: number | bigint): void {
  let v = BigInt(value);
  // Bit i of the value, least significant first: 'be' stores it at the end of the run, 'le' at its start.
  for (let i = 0; i < n; i++) {
    const k = endian === 'be' ? bitOffset + n - 1 - i : bitOffset + i;
    const shift = endian === 'be' ? 7 - (k & 7) : k & 7;
    const byteIndex = k >>> 3;
    if ((v & 1n) === 1n) bytes[byteIndex] = bytes[byteIndex]! | (1 << shift);
    else bytes[byteIndex] = bytes[byteIndex]! & ~(1 << shift) & 0xff;
    v >>= 1n;
  }
}
