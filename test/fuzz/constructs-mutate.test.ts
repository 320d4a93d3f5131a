import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../src/check/index.js';
import { encode } from '../../src/encode/index.js';
import { generateValue } from '../../src/fuzz/generate/index.js';
import type { FuzzInput } from '../../src/fuzz/input.js';
import { fieldMutation, mutate, type MutationContext } from '../../src/fuzz/mutate/index.js';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { decode } from '../../src/parse/index.js';
import type { FormatSchema } from '../../src/schema/index.js';
import { CHUNKS, MIXED, NO_HINTS, SCHEMAS, wellFormed } from './constructs-schemas.js';

type V = Record<string, any>;

function inputsOf(schema: FormatSchema, n: number, seed: number): FuzzInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const value = generateValue(schema, NO_HINTS, rng);
    return { bytes: encode(schema, value), value, how: 'generated' };
  });
}

const ctxOf = (schema: FormatSchema, donors: readonly FuzzInput[]): MutationContext => ({ schema, hints: NO_HINTS, donors });

/** Field-level mutants of `inputs` (from their values, and from their bytes decoded), with their `how`. */
function mutants(schema: FormatSchema, inputs: readonly FuzzInput[], n: number, seed: number): FuzzInput[] {
  const rng = new Rng(seed);
  const ctx = ctxOf(schema, inputs);
  const out: FuzzInput[] = [];
  for (let i = 0; i < n; i++) {
    const base = inputs[i % inputs.length]!;
    const m = fieldMutation(i % 2 ? base : { bytes: base.bytes, how: 'bytes' }, rng, ctx);
    if (m) out.push(m);
  }
  return out;
}

const codesOf = (schema: FormatSchema, bytes: Uint8Array): string[] => {
  const d = decode(schema, bytes);
  return [...d.issues, ...checkStructure(schema, bytes, d)].map((i) => i.code);
};

describe.each(SCHEMAS)('field-level mutation of the newer constructs (%s)', (_name, schema) => {
  const inputs = inputsOf(schema, 24, 1);

  it('never throws, on values, decoded bytes and raw bytes, whatever the seed', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.nat(23), (seed, k) => {
      const rng = new Rng(seed);
      const ctx = ctxOf(schema, inputs);
      let cur: FuzzInput = inputs[k]!;
      for (let i = 0; i < 12; i++) {
        cur = mutate(cur, rng, ctx);
        fieldMutation({ bytes: cur.bytes, how: 'bytes' }, rng, ctx);
        decode(schema, cur.bytes);
      }
    }), { numRuns: 40, seed: 2 });
  });

  it('mostly mutates at field level, and the mutants encode and decode', () => {
    const ms = mutants(schema, inputs, 400, 3);
    expect(ms.length).toBeGreaterThan(350);
    for (const m of ms.slice(0, 100)) expect(m.bytes).toEqual(encode(schema, m.value!));
  });

  it('keeps a good share of mutants well-formed, and makes near misses', () => {
    const ms = mutants(schema, inputs.filter((i) => wellFormed(schema, i.value!) === null), 300, 4);
    const good = ms.filter((m) => wellFormed(schema, m.value!) === null).length;
    expect(good / ms.length).toBeGreaterThan(0.3);
    expect(good / ms.length).toBeLessThan(0.97);
  });
});

describe('mutations of each construct', () => {
  const chunks = mutants(CHUNKS, inputsOf(CHUNKS, 24, 5), 1500, 6);
  const mixed = mutants(MIXED, inputsOf(MIXED, 24, 7), 1500, 8);
  const hows = (ms: readonly FuzzInput[], re: RegExp): FuzzInput[] => ms.filter((m) => re.test(m.how));

  it('if: flips a field on and off', () => {
    const off = hows(chunks, /extra\.if=off/);
    const on = hows(chunks, /extra\.if=on/);
    expect(off.length).toBeGreaterThan(5);
    expect(on.length).toBeGreaterThan(5);
    for (const m of off) expect((m.value as V).extra).toBeNull();
    for (const m of on) expect((m.value as V).extra).not.toBeNull();
    expect(hows(mixed, /opt\.if=/).length).toBeGreaterThan(5);
  });

  it('if: a changed condition is mostly followed', () => {
    const ms = hows(chunks, /^field:flags=/);
    expect(ms.length).toBeGreaterThan(10);
    const followed = ms.filter((m) => ((m.value as V).extra === null) === ((m.value as V).flags <= 3)).length;
    expect(followed / ms.length).toBeGreaterThan(0.7);
  });

  it('bit fields: new values within their width', () => {
    const ms = hows(mixed, /^field:(a|b|c)=/);
    expect(ms.length).toBeGreaterThan(10);
    for (const m of ms) {
      const v = m.value as V;
      expect(v.a <= 1 && v.b < 128 && typeof v.c === 'bigint').toBe(true);
    }
  });

  it('text switch tags: another case key, with the payload of its case', () => {
    const ms = hows(chunks, /kind=key\(/);
    expect(ms.length).toBeGreaterThan(5);
    for (const m of ms) for (const c of (m.value as V).chunks) {
      if (c.kind === 'IHDR') expect(Object.keys(c.body).sort()).toEqual(['deep', 'w']);
      if (c.kind === 'IEND') expect(c.body).toEqual({});
    }
  });

  it('text in other encodings stays writable (every mutant of it encodes)', () => {
    expect(hows(mixed, /^field:(dos|be16|asc)=/).length).toBeGreaterThan(10);
    expect(hows(chunks, /^field:name=/).length).toBeGreaterThan(5);
  });

  it('a decoded file leaves the lengths its substreams measure to the encoder: a changed body stays well-formed', () => {
    const ms = hows(chunks, /body\.data=bytes/).filter((m) => !m.how.includes('if='));
    expect(ms.length).toBeGreaterThan(5);
    const good = ms.filter((m) => !codesOf(CHUNKS, m.bytes).some((c) => c === 'TRUNCATED' || c === 'CRC_MISMATCH')).length;
    // Parents include noisy files (a third of generated ones), whose faults their mutants keep.
    expect(good / ms.length).toBeGreaterThan(0.6);
  });

  it('contents and checksums: a changed magic and pinned checksums are reported', () => {
    const magic = hows(chunks, /^field:magic=/);
    expect(magic.length).toBeGreaterThan(3);
    expect(magic.some((m) => codesOf(CHUNKS, m.bytes).includes('BAD_MAGIC'))).toBe(true);
    const pinned = hows(mixed, /^field:pin:(ad|c16|lo16)=/);
    expect(pinned.length).toBeGreaterThan(5);
    expect(pinned.some((m) => codesOf(MIXED, m.bytes).includes('CRC_MISMATCH'))).toBe(true);
  });
});
