import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../../src/encode/index.js';
import { generateFrom, generateValue, recordedSource, valueArbitrary } from '../../../src/fuzz/generate/index.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { ccf, hints, isClean, share, sigpack } from './setup.js';

describe('valueArbitrary (CCF)', () => {
  it('always encodes', () => {
    fc.assert(fc.property(valueArbitrary(ccf, hints), (v) => {
      encode(ccf, v);
    }), { numRuns: 200 });
  });

  it('mostly decodes back complete, with no structural finding', () => {
    const values = fc.sample(valueArbitrary(ccf, hints), { numRuns: 200, seed: 42 });
    expect(share(values.map((v) => isClean(ccf, v)))).toBeGreaterThanOrEqual(0.6);
  });

  it('leaves derived fields to the encoder (a noisy file may pin one scalar: never an array or a pool)', () => {
    const values = fc.sample(valueArbitrary(ccf, hints), { numRuns: 100, seed: 7 });
    let withCrc = 0;
    for (const v of values) {
      expect(v).not.toHaveProperty('index');
      expect(v).not.toHaveProperty('pool');
      if ('crc' in v) withCrc++;
    }
    expect(withCrc).toBeLessThan(10);
  });
});

describe('generateValue', () => {
  it('is deterministic per seed, and seeds differ', () => {
    const a = generateValue(ccf, hints, new Rng(7));
    const b = generateValue(ccf, hints, new Rng(7));
    expect(b).toEqual(a);
    expect(encode(ccf, b)).toEqual(encode(ccf, a));
    const others = [1, 2, 3, 4].map((s) => encode(ccf, generateValue(ccf, hints, new Rng(s))));
    expect(new Set(others.map((o) => Buffer.from(o).toString('hex'))).size).toBeGreaterThan(1);
  });

  it('encodes, and at least 70% of files are clean', () => {
    const rng = new Rng(11);
    const clean = Array.from({ length: 500 }, () => isClean(ccf, generateValue(ccf, hints, rng)));
    expect(share(clean)).toBeGreaterThanOrEqual(0.7);
  });

  it('makes the simplest well-formed file from all-zero decisions', () => {
    const v = generateFrom(ccf, hints, recordedSource([]));
    expect(isClean(ccf, v)).toBe(true);
  });

  it('repairs criteria_count == template.field_count: criteria follow the type table', () => {
    const rng = new Rng(3);
    let matched = 0;
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const v = generateValue(ccf, hints, rng) as { types: { type_id: number; field_kinds: unknown[] }[]; instances: { type_id: number; criteria: unknown[] }[] };
      for (const inst of v.instances) {
        const t = v.types.find((x) => x.type_id === inst.type_id);
        if (!t) continue;
        total++;
        if (t.field_kinds.length === inst.criteria.length) matched++;
      }
    }
    expect(total).toBeGreaterThan(200);
    expect(matched / total).toBeGreaterThan(0.9);
  });

  it('sizes the hinted template type around the supplied input counts (19..22 for 20 and 21)', () => {
    const rng = new Rng(5);
    const lengths = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const v = generateValue(ccf, hints, rng) as { types: { type_id: number; field_kinds: unknown[] }[] };
      for (const t of v.types) if (t.type_id === 1) lengths.add(t.field_kinds.length);
    }
    for (const n of [19, 20, 21, 22]) expect(lengths).toContain(n);
  });
});

describe('sigpack-v1 (no code knows it)', () => {
  it('always encodes', () => {
    fc.assert(fc.property(valueArbitrary(sigpack, hints), (v) => {
      encode(sigpack, v);
    }), { numRuns: 200 });
  });

  it('mostly decodes back clean', () => {
    const rng = new Rng(9);
    const clean = Array.from({ length: 300 }, () => isClean(sigpack, generateValue(sigpack, hints, rng)));
    expect(share(clean)).toBeGreaterThanOrEqual(0.6);
  });
});
