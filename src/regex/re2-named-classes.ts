import { type CharSet, charSetFromPairs, complementSet, FULL_SET, MAX_CODE_POINT, unionSets } from './char-set.js';

/** The Perl classes as RE2 defines them: ASCII only, unlike JavaScript's Unicode-aware \s. */
export const PERL_CLASSES: Readonly<Record<string, CharSet>> = {
  d: charSetFromPairs([0x30, 0x39]),
  s: charSetFromPairs([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20]),
  w: charSetFromPairs([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]),
};

const ASCII_PUNCT = [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e];

/** RE2's POSIX bracket classes ([[:alpha:]] and friends), all ASCII. */
export const POSIX_CLASSES: Readonly<Record<string, CharSet>> = {
  alnum: charSetFromPairs([0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a]),
  alpha: charSetFromPairs([0x41, 0x5a, 0x61, 0x7a]),
  ascii: charSetFromPairs([0x00, 0x7f]),
  blank: charSetFromPairs([0x09, 0x09, 0x20, 0x20]),
  cntrl: charSetFromPairs([0x00, 0x1f, 0x7f, 0x7f]),
  digit: charSetFromPairs([0x30, 0x39]),
  graph: charSetFromPairs([0x21, 0x7e]),
  lower: charSetFromPairs([0x61, 0x7a]),
  print: charSetFromPairs([0x20, 0x7e]),
  punct: charSetFromPairs(ASCII_PUNCT),
  space: charSetFromPairs([0x09, 0x0d, 0x20, 0x20]),
  upper: charSetFromPairs([0x41, 0x5a]),
  word: charSetFromPairs([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]),
  xdigit: charSetFromPairs([0x30, 0x39, 0x41, 0x46, 0x61, 0x66]),
};

const NON_ASCII: CharSet = [0x80, MAX_CODE_POINT];

/** The ASCII members of each Unicode general category, keyed by its first letter. */
const ASCII_PART_BY_CATEGORY: Readonly<Record<string, readonly number[]>> = {
  L: [0x41, 0x5a, 0x61, 0x7a],
  N: [0x30, 0x39],
  P: ASCII_PUNCT,
  S: ASCII_PUNCT,
  Z: [0x20, 0x20],
  C: [0x00, 0x1f, 0x7f, 0x7f],
};

/**
 * A stand-in for \p{name}. The ReDoS analysis needs only which characters a class could share
 * with its neighbours, not the exact Unicode tables, so every Unicode class is approximated as
 * its ASCII members (exact where it matters, for ASCII-heavy patterns) plus all of non-ASCII.
 * Over-approximating can only add overlaps, that is, err towards a hazard.
 */
export function unicodeClassApproximation(name: string, negated: boolean): CharSet {
  const set = name === 'Any' ? FULL_SET : unionSets(NON_ASCII, asciiPartOf(name));
  return negated ? complementSet(set) : set;
}

function asciiPartOf(name: string): CharSet {
  if (name === 'Latin') return charSetFromPairs(ASCII_PART_BY_CATEGORY.L ?? []);
  if (name === 'Common') return charSetFromPairs([0x00, 0x40, 0x5b, 0x60, 0x7b, 0x7f]);
  if (name === 'Lu') return charSetFromPairs([0x41, 0x5a]);
  if (name === 'Ll') return charSetFromPairs([0x61, 0x7a]);
  // General categories are one or two letters (L, Nd); any other name is a script.
  const isCategory = name.length === 1 || name.length === 2;
  const asciiPart = isCategory && Object.hasOwn(ASCII_PART_BY_CATEGORY, name[0]!) ? ASCII_PART_BY_CATEGORY[name[0]!]! : [];
  return charSetFromPairs(asciiPart);
}
