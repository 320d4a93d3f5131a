import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedLru } from '../../src/regex/bounded-lru.js';
import { patternCacheKey } from '../../src/regex/cache-key.js';
import { charSetFromPairs, complementSet, foldAsciiCase, isSubsetOf, setsIntersect, unionSets } from '../../src/regex/char-set.js';
import { parseRe2 } from '../../src/regex/re2-parser.js';
import { toJsPattern } from '../../src/regex/to-js-pattern.js';

describe('BoundedLru', () => {
  it('holds at most its capacity, and keeps an entry used since the last turnover', () => {
    const lru = new BoundedLru<string, number>(4);
    lru.set('a', 1);
    lru.set('b', 2); // the young generation is full: a and b become the old one
    expect(lru.get('a')).toBe(1); // used: back to the young generation
    lru.set('c', 3); // full again: a and c are now the old generation, b is dropped
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBeLessThanOrEqual(4);
  });

  it('never holds more than its capacity, and keeps null values', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 9 }), fc.array(fc.tuple(fc.boolean(), fc.nat(20))), (capacity, ops) => {
      const lru = new BoundedLru<number, number | null>(capacity);
      for (const [isSet, k] of ops) {
        if (isSet) lru.set(k, k % 3 === 0 ? null : k);
        else {
          const v = lru.get(k);
          if (v !== undefined) expect(v).toBe(k % 3 === 0 ? null : k);
        }
        expect(lru.size).toBeLessThanOrEqual(capacity);
      }
      lru.set(99, null);
      expect(lru.get(99)).toBeNull();
    }));
  });
});

describe('patternCacheKey', () => {
  it('keeps verbatim and digest keys apart, and tells lone surrogates apart', () => {
    const long = 'x'.repeat(5000);
    expect(patternCacheKey(long)).not.toBe(patternCacheKey(long.slice(1)));
    expect(patternCacheKey(`${long}\ud800`)).not.toBe(patternCacheKey(`${long}\udc00`));
    expect(patternCacheKey(patternCacheKey(long))).not.toBe(patternCacheKey(long));
  });
});

describe('char sets', () => {
  it('compute union, complement, overlap, inclusion and ASCII case folding', () => {
    const digits = charSetFromPairs([0x30, 0x39]);
    const hex = charSetFromPairs([0x61, 0x66, 0x30, 0x39]);
    expect(unionSets(digits, charSetFromPairs([0x3a, 0x3a]))).toEqual([0x30, 0x3a]);
    expect(complementSet(complementSet(hex))).toEqual(hex);
    expect(setsIntersect(digits, hex)).toBe(true);
    expect(setsIntersect(digits, complementSet(digits))).toBe(false);
    expect(isSubsetOf(digits, hex)).toBe(true);
    expect(isSubsetOf(hex, digits)).toBe(false);
    expect(foldAsciiCase(charSetFromPairs([0x61, 0x62]))).toEqual([0x41, 0x42, 0x61, 0x62]);
  });

  it('widen, never narrow, when a set has too many ranges', () => {
    const pairs = Array.from({ length: 500 }, (_, i) => [i * 4, i * 4 + 1]).flat();
    const capped = charSetFromPairs(pairs);
    expect(capped.length).toBeLessThanOrEqual(128);
    expect(isSubsetOf(charSetFromPairs(pairs.slice(0, 1000)), capped)).toBe(true);
  });
});

describe('toJsPattern', () => {
  it('renders RE2-only syntax as JavaScript', () => {
    const render = (pattern: string): string => toJsPattern(parseRe2(pattern).root);
    expect(render('(?P<x>a+)+\\z')).toBe('(?:a+)+$');
    expect(render('[[:digit:]]\\Q.*\\E')).toBe('[0-9]\\u{2e}\\u{2a}');
    expect(render('(?i:a)b')).toBe('(?:[Aa])b');
    expect(render('(?U)a+b+?')).toBe('a+?b+');
    expect(render('$?')).toBe('(?:$)?');
  });

  it('always produces a valid JavaScript pattern (compiled, never run)', () => {
    const tokens = fc.constantFrom('a', '(', ')', '|', '*', '+?', '{2,}', '[a-z]', '[^]a-]', '\\pL', '(?i)', '(?P<n>', '\\Q', '\\E', '\\', '{', '[', '^', '$');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(tokens, { maxLength: 40 }).map((t) => t.join(''))), (pattern) => {
        expect(() => new RegExp(toJsPattern(parseRe2(pattern).root), 'u')).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
