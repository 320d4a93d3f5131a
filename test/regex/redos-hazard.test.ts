import { describe, expect, it } from 'vitest';
import { re2SyntaxError, redosHazard, regexCacheStats } from '../../src/regex/index.js';

const BUDGET_PREFIX = 'analysis exceeded its budget; treat as unsafe: ';
const HAZARD = /^(analysis exceeded its budget; treat as unsafe: )?(nested quantifier|quantified alternation|adjacent overlapping quantifiers)/;

describe('redosHazard', () => {
  it.each([
    ['(a+)+$', 'nested quantifier: (a+)+ can match the same text in exponentially many ways'],
    ['^(\\d+)*$', 'nested quantifier: (\\d+)* can match the same text in exponentially many ways'],
    ['\\d+\\d+$', 'adjacent overlapping quantifiers \\d+\\d+: polynomial backtracking'],
    ['.*.*=.*', 'adjacent overlapping quantifiers .*.*: polynomial backtracking'],
    ['a.*b.*c', 'adjacent overlapping quantifiers .*b.*: polynomial backtracking'],
  ])('flags %s with a precise reason', (pattern, reason) => {
    // The detector may run out of its 50 ms on a loaded machine; that adds a prefix, never removes the hazard.
    expect([reason, `${BUDGET_PREFIX}${reason}`]).toContain(redosHazard(pattern));
  });

  it.each([
    '(a|aa)+$',
    '(\\w+\\s?)+$',
    '^(\\w+\\s?)+$',
    '(x+x+)+y',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '^(.*?,){11}P',
    '(a|a?)+$',
    '^(\\s*a\\s*)+$',
    '^\\w+(?:\\.?\\w+)*$',
    '^(?:a{1,5})+$',
    '(a?){30}a{30}',
    '^(?:x|y)+x+$',
    '(?:a|b)*a(?:a|b)*$',
    '\\s*#?\\s*$',
    '^\\s*(\\w+)\\s*=\\s*(.*)\\s*$',
    // RE2-only syntax is translated, not a reason to give up.
    '(?i)(A+)+$',
    '(?P<word>a+)+b',
    '[[:alpha:]]+[[:alnum:]]+$',
    '\\Qab\\E(?:[a-z]+)+$',
    '(?s)(.+)+\\z',
    '(?U)(a+)+$',
  ])('flags %s', (pattern) => {
    expect(re2SyntaxError(pattern)).toBeNull();
    expect(redosHazard(pattern)).toMatch(HAZARD);
  });

  it('says so when the detector ran out of budget and only the structural rules found the hazard', () => {
    expect(redosHazard('(a|aa)+$')).toBe(
      'analysis exceeded its budget; treat as unsafe: quantified alternation (a|aa)+: branches start with the same character, so it can match the same text in exponentially many ways',
    );
  });

  it.each([
    '^[a-z]+\\.exe$',
    '\\\\pipe\\\\[A-Za-z0-9_]{1,64}',
    'abc',
    'cmd\\.exe',
    '^C:\\\\Windows\\\\',
    'psexesvc|paexec',
    '^\\\\\\\\\\.\\\\pipe\\\\[a-f0-9]{8}$',
    '^[A-Z]:\\\\Users\\\\[^\\\\]+\\\\AppData\\\\',
    '(?i)^[a-z]+\\.(exe|dll|sys)$',
    '^(?:\\d{1,3}\\.){3}\\d{1,3}$',
    '(?s)<script>.*</script>',
    '.*foo.*',
    '^.*\\.exe$',
    '\\w+@\\w+\\.com',
    '[a-z]+[0-9]+',
    '\\s+$',
    'a{1,64}a{1,64}$',
    '(?:\\\\[^\\\\]*)+$',
    '^(?:[^"]|"")*"$',
    '^([^,]*,)*x$',
    // Loops separated by a delimiter the second cannot consume: linear, though redos-detector objects.
    '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$',
    '^(\\w+\\.)*\\w+$',
    '^(?:[a-z0-9-]+\\.)+[a-z]{2,}$',
    '^[a-z]+(?:_[a-z]+)*_[a-z]+$',
    // The structural rules object, redos-detector proves them safe.
    '(a+b+)+c',
    '(ab|a)*c',
    '(a*)*',
  ])('passes %s', (pattern) => {
    expect(re2SyntaxError(pattern)).toBeNull();
    expect(redosHazard(pattern)).toBeNull();
  });

  it('does not run the detector when the structural rules find nothing', () => {
    const before = regexCacheStats().detectorRuns;
    expect(redosHazard(`^[a-z]+\\.exe${Math.random()}$`)).toBeNull();
    expect(regexCacheStats().detectorRuns).toBe(before);
  });

  it('memoises: one detector run per distinct pattern', () => {
    const pattern = `(a+)+memo${Math.random()}$`;
    const before = regexCacheStats();
    const first = redosHazard(pattern);
    expect(redosHazard(pattern)).toBe(first);
    const after = regexCacheStats();
    expect(after.detectorRuns - before.detectorRuns).toBe(1);
    expect(after.redos.hits - before.redos.hits).toBe(1);
  });

  it('analyses patterns over 4096 characters structurally, without the detector', () => {
    const before = regexCacheStats().detectorRuns;
    expect(redosHazard(`${'x'.repeat(5000)}(a+)+$`)).toMatch(/^nested quantifier: \(a\+\)\+/);
    expect(redosHazard(`${'x'.repeat(5000)}[a-z]+$`)).toBeNull();
    expect(regexCacheStats().detectorRuns).toBe(before);
  });

  it('analyses deeply nested patterns structurally, in linear time', () => {
    const before = regexCacheStats().detectorRuns;
    const started = performance.now();
    expect(redosHazard(`${'(?:'.repeat(5000)}a+${')+'.repeat(5000)}`)).toMatch(/^nested quantifier/);
    expect(redosHazard(`${'('.repeat(20)}a${')'.repeat(20)}`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(regexCacheStats().detectorRuns).toBe(before);
  });

  it('stays linear on a huge hostile pattern', () => {
    const pattern = Array.from({ length: 20_000 }, (_, i) => `[${String.fromCharCode(0x4e00 + i)}]x?`).join('');
    const started = performance.now();
    expect(redosHazard(pattern)).toBeNull();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
