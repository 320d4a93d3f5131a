import { isUtf8 as nativeIsUtf8 } from 'node:buffer';

/**
 * Whether bytes[start, end) are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), the rule behind BAD_UTF8: a plain loop over the bytes.
 */
export function isUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; cp = b & 0x0f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; cp = b & 0x07; }
    else return false;
    if (i + need >= end) return false; // the sequence runs past the string
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/**
 * A checker for the strings of one pool, bytes[poolStart, poolEnd): what a hand-written
 * validator would do. When the whole pool is well-formed UTF-8 (one native simdutf pass,
 * Node's buffer.isUtf8), a string inside it is well-formed exactly when neither its first byte
 * nor the byte after it is a continuation byte (it does not cut a character); otherwise each
 * string is checked byte by byte.
 */
export function poolStringChecker(bytes: Uint8Array, poolStart: number, poolEnd: number): (start: number, end: number) => boolean {
  if (!nativeIsUtf8(bytes.subarray(poolStart, poolEnd))) return (start, end) => isUtf8(bytes, start, end);
  const cuts = (i: number): boolean => i < poolEnd && (bytes[i]! & 0xc0) === 0x80;
  return (start, end) => start === end || (!cuts(start) && !cuts(end));
}
