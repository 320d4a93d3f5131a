import { type CharSet, complementSet, FULL_SET, singleChar } from './char-set.js';
import type { AssertionKind } from './regex-ast.js';
import { PERL_CLASSES, unicodeClassApproximation } from './re2-named-classes.js';

/** A backslash escape: characters it matches, or a zero-width assertion; `end` is just past it. */
export type Escape =
  | { readonly kind: 'chars'; readonly set: CharSet; readonly single: boolean; readonly end: number }
  | { readonly kind: 'assert'; readonly assertion: AssertionKind; readonly end: number };

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { a: 0x07, f: 0x0c, t: 0x09, n: 0x0a, r: 0x0d, v: 0x0b };
const ASSERTION_ESCAPES: Readonly<Record<string, AssertionKind>> = { A: 'start', z: 'end', b: 'wordBoundary', B: 'notWordBoundary' };

/**
 * Reads the escape whose backslash is at `at`. Lenient by design: it only ever sees patterns
 * RE2 accepted (or random input in tests), so anything unknown is read as a literal.
 */
export function readEscape(source: string, at: number, inClass: boolean): Escape {
  const letterAt = at + 1;
  if (letterAt >= source.length) return literal(0x5c, letterAt);
  const letter = source[letterAt]!;
  const perl = PERL_CLASSES[letter.toLowerCase()];
  if (perl !== undefined && 'dswDSW'.includes(letter)) {
    return { kind: 'chars', set: letter === letter.toUpperCase() ? complementSet(perl) : perl, single: false, end: letterAt + 1 };
  }
  if (letter === 'p' || letter === 'P') return readUnicodeClass(source, letterAt, letter === 'P');
  const assertion = ASSERTION_ESCAPES[letter];
  if (assertion !== undefined && !inClass) return { kind: 'assert', assertion, end: letterAt + 1 };
  if (letter === 'C') return { kind: 'chars', set: FULL_SET, single: false, end: letterAt + 1 };
  if (letter === 'x') return readHexEscape(source, letterAt + 1);
  if (letter >= '0' && letter <= '7') return readOctalEscape(source, letterAt);
  const control = CONTROL_ESCAPES[letter];
  if (control !== undefined) return literal(control, letterAt + 1);
  const codePoint = source.codePointAt(letterAt)!;
  return literal(codePoint, letterAt + (codePoint > 0xffff ? 2 : 1));
}

function literal(codePoint: number, end: number): Escape {
  return { kind: 'chars', set: singleChar(codePoint), single: true, end };
}

function readUnicodeClass(source: string, letterAt: number, negatedByLetter: boolean): Escape {
  let name: string;
  let end: number;
  if (source[letterAt + 1] === '{') {
    const close = source.indexOf('}', letterAt + 2);
    end = close < 0 ? source.length : close + 1;
    name = source.slice(letterAt + 2, close < 0 ? source.length : close);
  } else {
    name = source[letterAt + 1] ?? '';
    end = Math.min(source.length, letterAt + 2);
  }
  const negatedByCaret = name.startsWith('^');
  const set = unicodeClassApproximation(negatedByCaret ? name.slice(1) : name, negatedByLetter !== negatedByCaret);
  return { kind: 'chars', set, single: false, end };
}

function readHexEscape(source: string, from: number): Escape {
  if (source[from] === '{') {
    const close = source.indexOf('}', from + 1);
    const end = close < 0 ? source.length : close + 1;
    return literal(clampCodePoint(parseInt(source.slice(from + 1, end - 1), 16)), end);
  }
  let end = from;
  while (end < from + 2 && isHexDigit(source[end])) end += 1;
  return literal(clampCodePoint(parseInt(source.slice(from, end), 16)), end);
}

function readOctalEscape(source: string, from: number): Escape {
  let end = from;
  while (end < from + 3 && source[end] !== undefined && source[end]! >= '0' && source[end]! <= '7') end += 1;
  return literal(clampCodePoint(parseInt(source.slice(from, end), 8)), end);
}

function isHexDigit(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'));
}

function clampCodePoint(value: number): number {
  return Number.isFinite(value) && value >= 0 && value <= 0x10ffff ? value : 0xfffd;
}
