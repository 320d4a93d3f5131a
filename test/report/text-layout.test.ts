import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampWidth, fit, truncateStart, visibleLength, wrap } from '../../src/report/text-layout.js';

describe('fitting text to a width', () => {
  it('wraps at spaces, keeps runs of spaces inside a line, and breaks words longer than a line', () => {
    expect(wrap('error    CODE  path', 80)).toEqual(['error    CODE  path']);
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never splits a surrogate pair, and measures without colour codes', () => {
    expect(wrap('😀'.repeat(5), 2)).toEqual(['😀😀', '😀😀', '😀']);
    expect(visibleLength('\u001b[31merror\u001b[39m')).toBe(5);
  });

  it('indents continuation lines under the first', () => {
    expect(fit('    name  crash  OOB_INPUT_READ at instances[5].criteria[20] @ 358 (0x166)', 45, 2)).toEqual([
      '    name  crash  OOB_INPUT_READ at',
      '      instances[5].criteria[20] @ 358 (0x166)',
    ]);
  });

  it('keeps the end of a long file name', () => {
    expect(truncateStart('corpus/ccf/story/2024-07-19-0409-channel-291.bin', 20)).toBe('…409-channel-291.bin');
    expect([...truncateStart('a'.repeat(100), 20)]).toHaveLength(20);
  });

  it('takes 80 columns by default and never fewer than 40', () => {
    expect(clampWidth(undefined)).toBe(80);
    expect(clampWidth(Number.NaN)).toBe(80);
    expect(clampWidth(10)).toBe(40);
    expect(clampWidth(132.7)).toBe(132);
  });

  it('fits any text into any width from 40 up, losing no word', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '  ', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), maxLength: 60 }), fc.integer({ min: 40, max: 120 }), (text, width) => {
        const lines = fit(`    ${text}`, width, 4);
        for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});
