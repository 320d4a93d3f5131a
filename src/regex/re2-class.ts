import { type CharSet, charSetFromPairs, complementSet, foldAsciiCase, unionSets } from './char-set.js';
import { readEscape } from './re2-escapes.js';
import { POSIX_CLASSES } from './re2-named-classes.js';

export interface ParsedClass {
  readonly set: CharSet;
  /** Just past the closing bracket (or the end of the pattern if it has none). */
  readonly end: number;
}

/** One element of a bracket class: a single character (which may start a range) or a set. */
interface ClassAtom {
  readonly set: CharSet;
  readonly single: number | null;
  readonly end: number;
}

/**
 * Reads the bracket class whose '[' is at `at`: negation, ranges, escapes, \pX and [:posix:].
 * A ']' right after '[' or '[^' is a literal, as in RE2.
 */
export function readBracketClass(source: string, at: number, caseInsensitive: boolean): ParsedClass {
  let pos = at + 1;
  const negated = source[pos] === '^';
  if (negated) pos += 1;
  const pairs: number[] = [];
  let sets: CharSet = [];
  let first = true;
  while (pos < source.length && !(source[pos] === ']' && !first)) {
    first = false;
    const atom = readClassAtom(source, pos);
    pos = atom.end;
    const isRange = atom.single !== null && source[pos] === '-' && pos + 1 < source.length && source[pos + 1] !== ']';
    if (!isRange) {
      if (atom.single !== null) pairs.push(atom.single, atom.single);
      else sets = unionSets(sets, atom.set);
      continue;
    }
    const upper = readClassAtom(source, pos + 1);
    pos = upper.end;
    if (upper.single !== null) {
      pairs.push(atom.single!, upper.single);
    } else {
      // Not a range after all ([a-\d]): the '-' is literal.
      pairs.push(atom.single!, atom.single!, 0x2d, 0x2d);
      sets = unionSets(sets, upper.set);
    }
  }
  let set = unionSets(charSetFromPairs(pairs), sets);
  if (caseInsensitive) set = foldAsciiCase(set);
  return { set: negated ? complementSet(set) : set, end: Math.min(source.length, pos + 1) };
}

function readClassAtom(source: string, pos: number): ClassAtom {
  if (source.startsWith('[:', pos)) {
    const close = source.indexOf(':]', pos + 2);
    if (close >= 0) {
      const rawName = source.slice(pos + 2, close);
      const negated = rawName.startsWith('^');
      const name = negated ? rawName.slice(1) : rawName;
      // hasOwn: a hostile "[[:constructor:]]" must not find Object.prototype members.
      const named = Object.hasOwn(POSIX_CLASSES, name) ? POSIX_CLASSES[name]! : [];
      return { set: negated ? complementSet(named) : named, single: null, end: close + 2 };
    }
  }
  if (source[pos] === '\\') {
    const escape = readEscape(source, pos, true);
    if (escape.kind === 'assert') return { set: [], single: null, end: escape.end };
    return { set: escape.set, single: escape.single ? escape.set[0]! : null, end: escape.end };
  }
  const codePoint = source.codePointAt(pos)!;
  return { set: [codePoint, codePoint], single: codePoint, end: pos + (codePoint > 0xffff ? 2 : 1) };
}
