/** Bit order inside a byte run: 'be' takes bits from each byte's most significant end, 'le' from its least. */
export type BitEndian = 'be' | 'le';

/** Stream bit `k` (counted from the first byte's start), in the given bit order. */
export function bitAt(bytes: Uint8Array, k: number, endian: BitEndian): number {
  const byte = bytes[k >>> 3]!;
  return endian === 'be' ? (byte >> (7 - (k & 7))) & 1 : (byte >> (k & 7)) & 1;
}

/**
 * Reads an unsigned `n`-bit integer (1..64) starting `bitOffset` bits into `bytes`, with Kaitai's
 * semantics: big-endian (readBitsIntBe) takes the next bits from the top of each byte and the
 * first bit read is the value's most significant; little-endian (readBitsIntLe) takes them from
 * the bottom and the first bit read is the least significant. Up to 32 bits the value is a
 * number, past that a bigint (the model's convention). The caller checks the bytes are there.
 */
export function readBits(bytes: Uint8Array, bitOffset: number, n: number, endian: BitEndian): number | bigint {
  if (n > 53) {
    let v = 0n;
    if (endian === 'be') for (let i = 0; i < n; i++) v = (v << 1n) | BigInt(bitAt(bytes, bitOffset + i, 'be'));
    else for (let i = n - 1; i >= 0; i--) v = (v << 1n) | BigInt(bitAt(bytes, bitOffset + i, 'le'));
    return v;
  }
  // Below 2^53 a number holds the value exactly: multiply instead of shifting (shifts are 32-bit).
  let v = 0;
  if (endian === 'be') for (let i = 0; i < n; i++) v = v * 2 + bitAt(bytes, bitOffset + i, 'be');
  else for (let i = n - 1; i >= 0; i--) v = v * 2 + bitAt(bytes, bitOffset + i, 'le');
  return n > 32 ? BigInt(v) : v;
}

/** Reads `n` bits big-endian (Kaitai's readBitsIntBe). */
export const readBitsIntBe = (bytes: Uint8Array, bitOffset: number, n: number): number | bigint => readBits(bytes, bitOffset, n, 'be');
/** Reads `n` bits little-endian (Kaitai's readBitsIntLe). */
export const readBitsIntLe = (bytes: Uint8Array, bitOffset: number, n: number): number | bigint => readBits(bytes, bitOffset, n, 'le');
