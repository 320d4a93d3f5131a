import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateBytes, inflateBounded } from '../../src/codec/index.js';

describe('inflateBounded', () => {
  it('round-trips zlib and raw deflate', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('zlib' as const, 'deflate' as const), (raw, algo) => {
      const r = inflateBounded(deflateBytes(raw, algo), algo, raw.length);
      expect(r.error).toBeUndefined();
      expect(r.bytes).toEqual(raw);
    }));
  });

  it('stops at the limit: too large is not corrupt', () => {
    const bomb = deflateSync(Buffer.alloc(10_000_000));
    const r = inflateBounded(bomb, 'zlib', 1000);
    expect(r).toMatchObject({ tooLarge: true });
    expect(r.bytes).toBeUndefined();
    expect(inflateBounded(deflateBytes(new Uint8Array(1001), 'deflate'), 'deflate', 1000).tooLarge).toBe(true);
    expect(inflateBounded(deflateBytes(new Uint8Array(1000), 'deflate'), 'deflate', 1000).bytes).toHaveLength(1000);
  });

  it('a limit of 0 admits only empty output', () => {
    expect(inflateBounded(deflateBytes(new Uint8Array(0), 'zlib'), 'zlib', 0).bytes).toHaveLength(0);
    expect(inflateBounded(deflateBytes(new Uint8Array(1), 'zlib'), 'zlib', 0).tooLarge).toBe(true);
  });

  it('corrupt or cut data is an error, not too large', () => {
    expect(inflateBounded(new Uint8Array([1, 2, 3, 4]), 'zlib', 100)).toMatchObject({ tooLarge: false, error: expect.stringContaining('zlib') });
    const cut = deflateBytes(new Uint8Array(500).fill(7), 'zlib').subarray(0, 5);
    expect(inflateBounded(cut, 'zlib', 1000).tooLarge).toBe(false);
    // A zlib stream (with its two-byte header) is not raw deflate.
    expect(inflateBounded(deflateBytes(new Uint8Array(10), 'zlib'), 'deflate', 100).bytes).toBeUndefined();
  });

  it('never throws on random input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom('zlib' as const, 'deflate' as const), (raw, algo) => {
      const r = inflateBounded(raw, algo, 256);
      expect(r.bytes !== undefined || typeof r.error === 'string').toBe(true);
      if (r.bytes) expect(r.bytes.length).toBeLessThanOrEqual(256);
    }));
  });
});
