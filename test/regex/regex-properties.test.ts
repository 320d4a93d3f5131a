import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { re2SyntaxError, redosHazard, regexCacheStats } from '../../src/regex/index.js';

/** Tokens that make random strings look like (and often be) RE2 patterns, RE2-only syntax included. */
const REGEX_TOKENS = [
  'a', 'b', 'x', '(', ')', '|', '*', '+', '?', '*?', '{2,}', '{1,3}', '{0}', '[a-z]', '[^\\d]', '\\d', '\\w', '\\s', '.',
  '^', '$', '(?:', '(?i)', '(?P<n>', '(?i:', '\\Qa+\\E', '\\pL', '\\p{Greek}', '[[:alpha:]]', '\\z', '\\C', '\\b', '\\x{1F600}',
];
const regexLike = fc.array(fc.constantFrom(...REGEX_TOKENS), { maxLength: 30 }).map((tokens) => tokens.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 300 });

describe('regex checks on arbitrary input', () => {
  it('re2SyntaxError never throws and answers null or a one-line reason', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, regexLike), (pattern) => {
        const reason = re2SyntaxError(pattern);
        expect(reason === null || (typeof reason === 'string' && reason.length > 0 && !reason.includes('\n'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('redosHazard never throws, answers promptly, and runs the detector at most once per distinct pattern', () => {
    const seen = new Set<string>();
    const runsBefore = regexCacheStats().detectorRuns;
    let slowest = 0;
    fc.assert(
      fc.property(fc.oneof(anyText, regexLike), (pattern) => {
        for (let call = 0; call < 2; call += 1) {
          const started = performance.now();
          const reason = redosHazard(pattern);
          slowest = Math.max(slowest, performance.now() - started);
          expect(reason === null || (typeof reason === 'string' && reason.length > 0)).toBe(true);
        }
        seen.add(pattern);
      }),
      { numRuns: 200 },
    );
    expect(regexCacheStats().detectorRuns - runsBefore).toBeLessThanOrEqual(seen.size);
    // The detector's budget is 50 ms; allow for set-up, GC pauses and a loaded runner.
    expect(slowest).toBeLessThan(1500);
  });

  it('redosHazard agrees with itself on RE2-valid patterns however it is called', () => {
    fc.assert(
      fc.property(regexLike.filter((pattern) => re2SyntaxError(pattern) === null), (pattern) => {
        expect(redosHazard(pattern)).toBe(redosHazard(pattern));
      }),
      { numRuns: 200 },
    );
  });
});
