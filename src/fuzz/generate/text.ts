import { encodeText } from '../../codec/encode-text.js';
import type { TextEncoding } from '../../schema/index.js';
import { below, type Source } from './choice.js';

/** Characters beyond ASCII worth drawing: Latin-1, CP437 box and Greek, other planes (each kept only where it encodes). */
const BEYOND = 'éüñßÄÖ°±µ¿ÿ╔═╗░▒▓αΓπΣ€Ω中日ĀāŁłŒœ\u{1F600}';
const ALPHABETS = new Map<string, readonly string[]>();

/** The characters text in `enc` may hold, none of whose bytes is the terminator. */
function alphabet(enc: TextEncoding, term: number | undefined): readonly string[] {
  const key = `${enc}/${term ?? ''}`;
  let a = ALPHABETS.get(key);
  if (!a) {
    const candidates: string[] = [];
    for (let c = 0x20; c < 0x7f; c++) candidates.push(String.fromCharCode(c));
    for (const ch of BEYOND) candidates.push(ch);
    // UTF-16 text ended by a zero byte can only hold characters with no zero byte.
    for (let c = 0x101; c < 0x180; c++) candidates.push(String.fromCharCode(c));
    a = candidates.filter((ch) => fits(ch, enc, term));
    ALPHABETS.set(key, a);
  }
  return a;
}

function fits(ch: string, enc: TextEncoding, term: number | undefined): boolean {
  const b = encodeText(ch, enc);
  return b !== undefined && (term === undefined || !b.includes(term));
}

/**
 * `s` made representable: every character the encoding cannot carry, or whose bytes hold the
 * terminator, is replaced by one drawn from those it can. No draw when `s` fits already.
 */
export function fitText(src: Source, s: string, enc: TextEncoding, term: number | undefined): string {
  let out = '';
  let changed = false;
  for (const ch of s) {
    if (fits(ch, enc, term)) out += ch;
    else {
      changed = true;
      const a = alphabet(enc, term);
      if (a.length) out += a[below(src, a.length)]!;
    }
  }
  return changed ? out : s;
}

/** Text of exactly `n` bytes in `enc` (UTF-16: n/2 characters; UTF-8: ASCII; single-byte encodings: any they carry). */
export function sizedText(src: Source, n: number, enc: TextEncoding, term: number | undefined): string {
  const wide = enc === 'utf-16le' || enc === 'utf-16be';
  const pool = sized(enc, term, wide);
  const chars = wide ? n >> 1 : n;
  let s = '';
  for (let i = 0; i < chars && pool.length; i++) s += pool[below(src, pool.length)]!;
  return s;
}

const SIZED = new Map<string, readonly string[]>();

/** The characters of `alphabet` whose encoded size is fixed: one byte (two in UTF-16). */
function sized(enc: TextEncoding, term: number | undefined, wide: boolean): readonly string[] {
  const key = `${enc}/${term ?? ''}`;
  let pool = SIZED.get(key);
  if (!pool) {
    const a = alphabet(enc, term);
    pool = wide ? a.filter((ch) => ch.length === 1) : enc === 'utf-8' ? a.filter((ch) => ch.charCodeAt(0) < 0x80) : a;
    SIZED.set(key, pool);
  }
  return pool;
}
