/**
 * A column of integers as the page embeds it: each a LEB128 varint (7 bits a byte; signed ones
 * zigzag-mapped first), the bytes in base64. Small numbers, the common case once offsets and
 * parents are deltas, take one byte, 1.3 characters, where JSON takes three or four. Arithmetic
 * rather than bit operations, so offsets past 2^31 survive.
 */
export function encodeColumn(values: readonly number[], signed = false): string {
  const out: number[] = [];
  for (const v of values) {
    let n = signed ? (v >= 0 ? v * 2 : -v * 2 - 1) : v;
    if (!Number.isSafeInteger(n) || n < 0) n = 0;
    while (n >= 128) {
      out.push((n % 128) + 128);
      n = Math.floor(n / 128);
    }
    out.push(n);
  }
  return Buffer.from(out).toString('base64');
}

/** The inverse, for tests (the page has its own copy in client/file-data.ts). */
export function decodeColumn(text: string, count: number, signed = false): number[] {
  const bytes = Buffer.from(text, 'base64');
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++] ?? 0;
      n += (b % 128) * scale;
      if (b < 128) break;
      scale *= 128;
    }
    out.push(signed ? (n % 2 === 0 ? n / 2 : -(n + 1) / 2) : n);
  }
  return out;
}
