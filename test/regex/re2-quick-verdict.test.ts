import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { re2SyntaxError, regexCacheStats } from '../../src/regex/index.js';
import { quickRe2Verdict } from '../../src/regex/re2-quick-verdict.js';
import { formatRe2Error } from '../../src/regex/re2-reason.js';
import { compileWithRe2 } from '../../src/regex/re2-worker-client.js';

/** What re2SyntaxError reports from RE2 itself, bypassing the fast path and the cache. */
function re2Verdict(pattern: string): string | null {
  const outcome = compileWithRe2(pattern);
  if (outcome.kind === 'valid') return null;
  if (outcome.kind === 'invalid') return formatRe2Error(outcome.reason);
  return `<no RE2 verdict: ${outcome.kind}>`;
}

const VALID = [
  '', 'abc', 'naïve', 'é', '\u{1F600}+', '.', '^a$', 'a|b', '|', '(a)', '()', '(?:a)', '(?:)', '(?i)abc', '(?i:a)b(?-i)c',
  '(?s).', '(?m)^a$', '(?U)a+', '(?i-s:a)', '(?imsU)a', '(?)', '(?ii)', 'a*', 'a+', 'a?', 'a*?', 'a+?', 'a??', '\\.\\*\\\\\\(\\[\\{',
  '\\d\\D\\w\\W\\s\\S\\b\\B\\A\\z', '\\n\\r\\t\\a\\f\\v', '\\0', '\\12', '\\0777', '\\_', '\\ ', '\\\u0001', 'a\u0000b',
  '[a-z]', '[^a-z]', '[]a]', '[^]a]', '[]-a]', '[a-]', '[-a]', '[a-b-c]', '[\\d-z]', '[\\d\\w\\s.]', '[\\]]', '[\\101-\\132]',
  '[[:alpha:]]', '[[:^digit:]x]', '[[:word:][:xdigit:]]', '[[:alpha:]-z]', '[[:alpha]', '[[:]', '[\u00e9-\u00ff]',
  'a{2}', 'a{2,}', 'a{2,5}', 'a{2,5}?', 'a{0}', 'a{,3}', 'a{01}', 'a{}', 'a{2 }', 'a{1000000000}', '{', 'a*{', 'a{2}{',
  '^*', '$*', '\\b*', 'a(?i)*', '(|a)*', '[a-z]{1,64}', '\\\\pipe\\\\[A-Za-z0-9_]{1,64}', '^C:\\\\Windows\\\\',
];

const INVALID: ReadonlyArray<readonly [string, string]> = [
  ['(', 'missing ): ('],
  ['(abc', 'missing ): (abc'],
  ['(a(b)', 'missing ): (a(b)'],
  ['(?:a', 'missing ): (?:a'],
  [')', 'unexpected ): )'],
  ['(a))b', 'unexpected ): (a))b'],
  ['[', 'missing ]: ['],
  ['[]', 'missing ]: []'],
  ['[^]', 'missing ]: [^]'],
  ['x[a-', 'missing ]: [a-'],
  ['[[:alpha:]', 'missing ]: [[:alpha:]'],
  ['\\', 'trailing \\'],
  ['a\\', 'trailing \\'],
  ['[a-\\', 'trailing \\'],
  ['*a', 'no argument for repetition operator: *'],
  ['(*)', 'no argument for repetition operator: *'],
  ['a|*', 'no argument for repetition operator: *'],
  ['(?i)*', 'no argument for repetition operator: *'],
  ['+?', 'no argument for repetition operator: +?'],
  ['{2}', 'no argument for repetition operator: {2}'],
  ['a**', 'bad repetition operator: **'],
  ['a*+', 'bad repetition operator: *+'],
  ['a*??', 'bad repetition operator: *??'],
  ['a{2}*', 'bad repetition operator: {2}*'],
  ['a*{2}', 'bad repetition operator: *{2}'],
  ['a*{2,1}', 'bad repetition operator: *{2,1}'],
  ['a{2,1}', 'invalid repetition size: {2,1}'],
  ['a{2,1}?', 'invalid repetition size: {2,1}?'],
  ['{2,1}', 'invalid repetition size: {2,1}'],
  ['a{1001}', 'invalid repetition size: {1001}'],
  ['a{1,99999999}', 'invalid repetition size: {1,99999999}'],
  ['\\q', 'invalid escape sequence: \\q'],
  ['\\1', 'invalid escape sequence: \\1'],
  ['\\18', 'invalid escape sequence: \\1'],
  ['\\8', 'invalid escape sequence: \\8'],
  ['\\Z', 'invalid escape sequence: \\Z'],
  ['\\é', 'invalid escape sequence: \\é'],
  ['[\\b]', 'invalid escape sequence: \\b'],
  ['[a-\\d]', 'invalid escape sequence: \\d'],
  ['[z-a]', 'invalid character class range: z-a'],
  ['[a-\\]]', 'invalid character class range: a-\\]'],
  ['[a-[:alpha:]]', 'invalid character class range: a-['],
  ['[[:foo:]]', 'invalid character class range: [:foo:]'],
  ['[[:a]b:]]', 'invalid character class range: [:a]b:]'],
  ['(?<', 'invalid perl operator: (?<'],
  ['(?<name>x)', 'invalid perl operator: (?<'],
  ['(?<=x)', 'invalid perl operator: (?<'],
  ['(?=x)', 'invalid perl operator: (?='],
  ['(?!x)', 'invalid perl operator: (?!'],
  ['(?P=x)', 'invalid perl operator: (?P'],
  ['(?', 'invalid perl operator: (?'],
  ['(?i', 'invalid perl operator: (?i'],
  ['(?-)', 'invalid perl operator: (?-)'],
  ['(?i-:a)', 'invalid perl operator: (?i-:'],
  ['(?--i)', 'invalid perl operator: (?--'],
  ['(?x)', 'invalid perl operator: (?x'],
  ['\u0001(', 'missing ): \\x01('],
  // Counts too large to vouch for as valid still leave later syntax errors decidable.
  [`${'\\W{100}'.repeat(12)}(`, `missing ): ${'\\W{100}'.repeat(5)}\\W{1…`],
  ['a{101}(', 'missing ): a{101}('],
];

const DEFERRED = [
  '\\pL', '\\p{Greek}', '\\PL', '[\\pL]', '\\x41', '\\x{41}', '\\u0041', '\\Qa.b\\E', '\\C', '(?P<x>a)', '(?P<x', 'a{101}', '\\W{100}'.repeat(12),
  '(a{2}){3}', 'a{2}(?i){3}', 'é{2}', '\ud800', 'a\udc00(', 'a'.repeat(513),
];

describe('quickRe2Verdict', () => {
  it.each(VALID)('decides %j is valid, as RE2 does', (pattern) => {
    expect(quickRe2Verdict(pattern)).toBeNull();
    expect(re2Verdict(pattern)).toBeNull();
  });

  it.each(INVALID)('decides %j is invalid with RE2\'s own message', (pattern, reason) => {
    expect(quickRe2Verdict(pattern)).toBe(reason);
    expect(re2Verdict(pattern)).toBe(reason);
  });

  it.each(DEFERRED)('leaves %j to RE2', (pattern) => {
    expect(quickRe2Verdict(pattern)).toBeUndefined();
  });

  it('never throws, and stays fast on hostile input', () => {
    const hostile = ['('.repeat(512), ')'.repeat(512), '[[:'.repeat(170), '[:'.repeat(256), '(?i'.repeat(170), '\\'.repeat(511), 'a{1'.repeat(170)];
    const started = performance.now();
    for (const pattern of hostile) {
      const quick = quickRe2Verdict(pattern);
      if (quick !== undefined) expect(quick).toBe(re2Verdict(pattern));
    }
    expect(quickRe2Verdict(42 as unknown as string)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

const META = [
  ...'ab()[]{}*+?|^$.\\-,019dwsqbBAzDWSnE:i<=!PUm_ é\t',
  '\u{1F600}', '\u0001', '[:alpha:]', '[:', ':]', '(?', '(?i', '(?P', '{1,2}', '{2}', '{0,}', '\\d', '\\1', '\\0',
];
const metaPattern = fc.array(fc.constantFrom(...META), { maxLength: 16 }).map((parts) => parts.join(''));
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 24 });
const SEEDS = ['^[a-z]+\\.exe$', '\\\\pipe\\\\[A-Za-z0-9_]{1,64}', '(?i)cmd(\\.exe)?\\s+/c', '[[:alpha:]][[:digit:]]{2,3}', '(?:foo|bar)*?baz{2}'];
/** A realistic pattern with a few bytes inserted or deleted, as the fuzzer mutates them. */
const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 0x7f }), fc.boolean()), { maxLength: 4 }))
  .map(([seed, edits]) => edits.reduce((text, [at, code, remove]) => {
    const i = at % (text.length + 1);
    return remove ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + String.fromCharCode(code) + text.slice(i);
  }, seed));

describe('quickRe2Verdict against RE2 (differential)', () => {
  it.each([
    ['metacharacter-heavy patterns', metaPattern, 900],
    ['printable ASCII', printable, 600],
    ['mutated realistic patterns', mutated, 300],
    ['arbitrary Unicode', fc.string({ unit: 'binary', maxLength: 12 }), 200],
  ] as const)('agrees with RE2 wherever it decides: %s', (_name, patterns, numRuns) => {
    let decided = 0;
    fc.assert(
      fc.property(patterns as fc.Arbitrary<string>, (pattern) => {
        const quick = quickRe2Verdict(pattern);
        if (quick === undefined) return;
        decided += 1;
        expect(quick).toBe(re2Verdict(pattern));
      }),
      { numRuns },
    );
    // Not vacuous: the fast path must decide most of what the fuzzer produces.
    expect(decided / numRuns).toBeGreaterThan(0.5);
  });
});

describe('re2SyntaxError fast path', () => {
  it('decides plain and broken patterns without RE2, and caches the verdicts', () => {
    const suffix = String(Math.random()).slice(2);
    const before = regexCacheStats();
    expect(re2SyntaxError(`plain-${suffix}`)).toBeNull();
    expect(re2SyntaxError(`(abc-${suffix}`)).toBe(`missing ): (abc-${suffix}`);
    expect(re2SyntaxError(`plain-${suffix}`)).toBeNull();
    const after = regexCacheStats();
    expect(after.quickVerdicts - before.quickVerdicts).toBe(2);
    expect(after.re2Compiles - before.re2Compiles).toBe(0);
    expect(after.syntax.hits - before.syntax.hits).toBe(1);
  });

  it('still sends what the scanner leaves alone to RE2', () => {
    const before = regexCacheStats();
    expect(re2SyntaxError(`\\pL-${Math.random()}`)).toBeNull();
    const after = regexCacheStats();
    expect(after.quickVerdicts - before.quickVerdicts).toBe(0);
    expect(after.re2Compiles - before.re2Compiles).toBe(1);
  });
});
