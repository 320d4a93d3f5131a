import type { TextEncoding } from '../schema/model.js';
import { CP437_BYTE } from './cp437.js';

const utf8 = new TextEncoder();

/** True when `s` has a lone UTF-16 surrogate, which no Unicode encoding can carry. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function singleByte(s: string, byteOf: (code: number) => number | undefined): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = byteOf(s.charCodeAt(i));
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/**
 * Encodes `s` in `encoding`; undefined when a character has no encoding there (a non-ASCII
 * character in ascii, a lone surrogate in UTF-8), so the encoder can say so instead of writing
 * a replacement that would not decode back to the value.
 */
export function encodeText(s: string, encoding: TextEncoding = 'utf-8'): Uint8Array | undefined {
  switch (encoding) {
    case 'utf-8':
      return hasLoneSurrogate(s) ? undefined : utf8.encode(s);
    case 'utf-16le': case 'utf-16be': {
      if (hasLoneSurrogate(s)) return undefined;
      const out = new Uint8Array(s.length * 2);
      const le = encoding === 'utf-16le';
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[2 * i + (le ? 0 : 1)] = c & 0xff;
        out[2 * i + (le ? 1 : 0)] = c >> 8;
      }
      return out;
    }
    case 'latin1':
      return singleByte(s, (c) => (c < 0x100 ? c : undefined));
    case 'ascii':
      return singleByte(s, (c) => (c < 0x80 ? c : undefined));
    case 'cp437':
      return singleByte(s, (c) => CP437_BYTE.get(c));
  }
}
