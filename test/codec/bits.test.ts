import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBits, readBitsIntBe, readBitsIntLe, writeBits } from '../../src/codec/index.js';

describe('readBits (Kaitai semantics)', () => {
  it('big-endian: from the top of each byte, first bit most significant', () => {
    const b = new Uint8Array([0b1011_0010, 0b0111_1111]);
    expect(readBitsIntBe(b, 0, 1)).toBe(1);
    expect(readBitsIntBe(b, 1, 3)).toBe(0b011);
    expect(readBitsIntBe(b, 4, 8)).toBe(0b0010_0111);
    expect(readBitsIntBe(b, 0, 16)).toBe(0xb27f);
  });

  it('little-endian: from the bottom of each byte, first bit least significant', () => {
    const b = new Uint8Array([0b1011_0010, 0b0111_1111]);
    expect(readBitsIntLe(b, 0, 1)).toBe(0);
    expect(readBitsIntLe(b, 1, 3)).toBe(0b001);
    expect(readBitsIntLe(b, 4, 8)).toBe(0b1111_1011);
    expect(readBitsIntLe(b, 0, 16)).toBe(0x7fb2);
  });

  it('numbers up to 32 bits, bigints past that', () => {
    const b = new Uint8Array(9).fill(0xff);
    expect(readBits(b, 0, 32, 'be')).toBe(0xffffffff);
    expect(readBits(b, 3, 33, 'le')).toBe(0x1ffffffffn);
    expect(readBits(b, 1, 64, 'be')).toBe(0xffffffffffffffffn);
    expect(readBits(b, 7, 64, 'le')).toBe(0xffffffffffffffffn);
  });
});

describe('writeBits', () => {
  it('round-trips any value at any offset, keeping the neighbouring bits', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('be' as const, 'le' as const),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.uint8Array({ minLength: 12, maxLength: 12 }),
      (n, at, endian, value, background) => {
        const v = value & ((1n << BigInt(n)) - 1n);
        const b = background.slice();
        writeBits(b, at, n, endian, v);
        const read = readBits(b, at, n, endian);
        expect(BigInt(read)).toBe(v);
        expect(typeof read).toBe(n > 32 ? 'bigint' : 'number');
        // Bits outside [at, at + n) are untouched.
        for (let k = 0; k < 96; k++) {
          if (k >= at && k < at + n) continue;
          expect(readBits(b, k, 1, endian)).toBe(readBits(background, k, 1, endian));
        }
      }));
  });

  it('consecutive fields share bytes', () => {
    const b = new Uint8Array(2);
    writeBits(b, 0, 3, 'be', 0b101);
    writeBits(b, 3, 9, 'be', 0b1_1111_0000);
    expect([...b]).toEqual([0b1011_1111, 0b0000_0000]);
    const l = new Uint8Array(1);
    writeBits(l, 0, 3, 'le', 0b101);
    writeBits(l, 3, 5, 'le', 0b11010);
    expect(l[0]).toBe(0b1101_0101);
  });
});
