import { clip } from './clip.js';
import { EncodeError } from './encode-error.js';
import { describe } from './int.js';
import { ChildPath, pathOf, type LazyPath } from './locations.js';

const utf8 = new TextEncoder();

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Bytes from a Uint8Array, a string (its UTF-8), `{hex: "..."}` or a list of byte values. */
export function toBytes(v: unknown, path: LazyPath): Uint8Array {
  if (v instanceof Uint8Array) return v.slice();
  if (typeof v === 'string') return utf8.encode(v);
  if (isMap(v) && Object.keys(v).length === 1 && typeof v.hex === 'string') return fromHex(v.hex, new ChildPath(path, 'hex'));
  if (Array.isArray(v) && v.every((b) => (typeof b === 'number' || typeof b === 'bigint') && b >= 0 && b <= 255)) {
    return Uint8Array.from(v.map(Number));
  }
  throw new EncodeError(`expected bytes (a string, or {hex: "..."}), got ${describe(v)}`, pathOf(path));
}

/**
 * A repeated `u1` field given as `{hex: "..."}`: its elements, one per byte. unpack prints long
 * byte lists so (see HEX_LIST_MIN in format.ts): the yaml package keeps about 1 KB per list item
 * while it parses, two hex digits cost next to nothing. Anything else: undefined (a list, or an error later).
 */
export function byteList(v: unknown, path: LazyPath): number[] | undefined {
  if (!isMap(v) || Object.keys(v).length !== 1 || typeof v.hex !== 'string') return undefined;
  return Array.from(fromHex(v.hex, new ChildPath(path, 'hex')));
}

export function fromHex(text: string, path: LazyPath): Uint8Array {
  // One linear scan: a regex with a repeated group overflowed the stack on an 8 MB append_hex.
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 95 /* _ */ || c === 58 /* : */) continue;
    const d = hexDigit(c);
    if (d < 0) throw new EncodeError(`${clip(JSON.stringify(text))} has a character that is not a hex digit (${JSON.stringify(text[i])} at ${i + 1})`, pathOf(path));
    if (high < 0) high = d;
    else { out[n++] = (high << 4) | d; high = -1; }
  }
  if (high >= 0) throw new EncodeError(`${clip(JSON.stringify(text))} is not an even number of hex digits`, pathOf(path));
  return out.slice(0, n);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
