import { describe, expect, it } from 'vitest';
import { re2SyntaxError, regexCacheStats } from '../../src/regex/index.js';

describe('re2SyntaxError', () => {
  it.each([
    ['(?P<x>a)', 'RE2 named group'],
    ['[[:alpha:]]', 'POSIX class'],
    ['(?i)abc', 'leading flag group'],
    ['(?i:a)b(?-i)c', 'scoped flags'],
    ['\\pN', 'one-letter Unicode class'],
    ['\\p{Greek}', 'Unicode script'],
    ['\\Qa.b(\\E', 'quoted literal text'],
    ['\\z', 'end of text'],
    ['\\C', 'any byte'],
    ['(?U)a+', 'ungreedy flag'],
    ['a{1000}', 'largest repeat count'],
    ['a{,3}', 'a brace that is not a count is a literal'],
    ['', 'empty pattern'],
    ['abc', 'literal'],
    ['cmd\\.exe', 'escaped dot'],
    ['^[a-z]+\\.exe$', 'anchored class'],
    ['\\\\pipe\\\\[A-Za-z0-9_]{1,64}', 'pipe name'],
    ['^C:\\\\Windows\\\\', 'Windows path prefix'],
  ])('accepts %s (%s)', (pattern) => {
    expect(re2SyntaxError(pattern)).toBeNull();
  });

  it.each([
    ['(', /^missing \): \($/],
    ['([a-z]+', /^missing \)/],
    ['a**', /^bad repetition operator: \*\*$/],
    ['(?=x)', /^invalid perl operator: \(\?=$/],
    ['(?<!x)y', /^invalid perl operator/],
    ['\\1', /^invalid escape sequence: \\1$/],
    ['a{1001}', /^invalid repetition size: \{1001\}$/],
    ['((a{10}){10}){11}', /^invalid repetition size/],
    ['[z-a]', /^invalid character class range: z-a$/],
    ['[[:foo:]]', /^invalid character class range/],
    ['\\p{Klingon}', /^invalid character class range/],
    ['(?P<x>a)(?P<x>b)', /^duplicate capture group name: x$/],
    // JavaScript-only syntax that re2-wasm's RegExp-like class would have translated.
    ['\\u0041', /^invalid escape sequence: \\u$/],
    ['\\cA', /^invalid escape sequence: \\c$/],
  ])('rejects %s', (pattern, reason) => {
    expect(re2SyntaxError(pattern)).toMatch(reason);
  });

  it('does not echo a long pattern back', () => {
    const reason = re2SyntaxError(`(${'a'.repeat(5000)}`);
    expect(reason).toMatch(/^missing \): \(a+…$/);
    expect(reason!.length).toBeLessThan(60);
  });

  it('makes control characters in the echoed fragment visible', () => {
    expect(re2SyntaxError('\u0001(')).toBe('missing ): \\x01(');
  });

  it('memoises: a repeated pattern is a cache hit and compiles no more', () => {
    // \\pN keeps the pattern away from the quick scanner, so that RE2 itself compiles it.
    const pattern = `memo-${Math.random()}\\pN(`;
    const before = regexCacheStats();
    const first = re2SyntaxError(pattern);
    const second = re2SyntaxError(pattern);
    const after = regexCacheStats();
    expect(second).toBe(first);
    expect(after.re2Compiles - before.re2Compiles).toBe(1);
    expect(after.syntax.hits - before.syntax.hits).toBe(1);
  });

  it('frees what each compile allocates in the fixed 16 MiB WASM heap', () => {
    // Each compile of this 1.6 kB literal allocates ~150 kB: leaked, the heap would run out
    // after ~110 and RE2 would have to be replaced (which keeps verdicts right, but is slow).
    const before = regexCacheStats().re2HeapResets;
    for (let i = 0; i < 130; i += 1) expect(re2SyntaxError(`heap-${i}-${'abcdefgh'.repeat(200)}`)).toBeNull();
    expect(regexCacheStats().re2HeapResets).toBe(before);
  });

  it('reports a pattern that exhausts the RE2 heap, then carries on', () => {
    const before = regexCacheStats().re2HeapResets;
    // ~0.1 s to exhaust the heap; \pL{100} does too, but takes ~1 s per attempt. On a loaded
    // machine the 1 s compile budget can run out first: invalid either way (fail closed).
    const verdict = re2SyntaxError('x'.repeat(400_000));
    expect(verdict).toMatch(/^(pattern too large: RE2 ran out of memory compiling it|RE2 did not finish compiling it within 1 s; treat as invalid)$/);
    if (verdict!.startsWith('pattern too large')) expect(regexCacheStats().re2HeapResets).toBeGreaterThan(before);
    expect(re2SyntaxError('after-oom')).toBeNull();
  });

  it('gives up on a compile that would take minutes, then carries on', () => {
    const started = performance.now();
    expect(re2SyntaxError('[a-z]{1,1000}'.repeat(12))).toMatch(/^RE2 did not finish compiling it within 1 s; treat as invalid$/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(re2SyntaxError('after-timeout(')).toMatch(/^missing \)/);
  });
});
