/**
 * R.UTF8V (a view's text checked against its pool, src/validate/compile/runtime.ts) gives the
 * answer R.UTF8 gives on the window alone, for pools that are well-formed UTF-8 and pools that
 * are not, and for windows cut anywhere, including inside a character.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { R, RunContext } from '../../src/validate/compile/runtime.js';

// Text with 1- to 4-byte characters, and some bytes that are never UTF-8 or cut a character.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => [...Buffer.from(s, 'utf8')]),
  fc.constantFrom([0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff]),
);
const pool = fc.array(piece, { maxLength: 12 }).map((ps) => Uint8Array.from(ps.flat()));

it('answers as UTF8 on every window of every pool', () => {
  fc.assert(fc.property(pool, fc.nat(8), fc.nat(8), (p, pre, post) => {
    const b = new Uint8Array(pre + p.length + post).fill(0xff);
    b.set(p, pre);
    const ctx = new RunContext();
    for (let o = pre; o <= pre + p.length; o++) {
      for (let n = 0; o + n <= pre + p.length; n++) {
        expect(R.UTF8V(ctx, b, pre, p.length, o, n)).toBe(R.UTF8(b, o, n));
      }
    }
  }), { numRuns: 400 });
});

it('checks the pool again in a new pass, when the same bytes hold another file', () => {
  const b = Uint8Array.from(Buffer.from('héllo', 'utf8'));
  const ctx = new RunContext();
  expect(R.UTF8V(ctx, b, 0, b.length, 0, b.length)).toBe(true);
  b[1] = 0xff;
  ctx.start(undefined as never);
  expect(R.UTF8V(ctx, b, 0, b.length, 0, b.length)).toBe(false);
});
