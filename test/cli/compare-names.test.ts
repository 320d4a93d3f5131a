/** compareNames orders file names exactly as localeCompare does (src/cli/compare-names.ts). */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compareNames } from '../../src/cli/compare-names.js';

const sign = (n: number): number => Math.sign(n);
const plainChar = fc.constantFrom(...'_-.0123456789abcdefghijklmnopqrstuvwxyz');
const anyChar = fc.constantFrom(...'_-.0123456789abcdefghijklmnopqrstuvwxyzABCZ é~ ');

it('gives the sign localeCompare gives, on plain names and on any other name', () => {
  for (const ch of [plainChar, anyChar]) {
    const name = fc.array(ch, { maxLength: 8 }).map((c) => c.join(''));
    fc.assert(fc.property(name, name, (a, b) => sign(compareNames(a, b)) === sign(a.localeCompare(b))), { numRuns: 20_000 });
  }
});

it('sorts a folder listing as before', () => {
  const names = ['copy-0010.bin', 'copy-0002.bin', 'a_b.bin', 'a-b.bin', 'a.b.bin', 'ab.bin', 'B.bin', 'b.bin', '10.bin', '9.bin', 'x.bin'];
  expect([...names].sort(compareNames)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});
