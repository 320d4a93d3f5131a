import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../../src/encode/index.js';
import { generateValue } from '../../../src/fuzz/generate/index.js';
import type { FuzzInput } from '../../../src/fuzz/input.js';
import { MAX_BYTES, fieldMutation, flipBytes, mutate } from '../../../src/fuzz/mutate/index.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { decode } from '../../../src/parse/index.js';
import { ccf, corpusInputs, ctxWith, generatedInputs, hints, sigpack } from './setup.js';

const corpus = corpusInputs();
const generated = generatedInputs(20, 1);
const all = [...corpus, ...generated];
const ctx = ctxWith(all);

const anyInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ bytes, how: 'garbage' })),
  fc.constant({ bytes: new Uint8Array(0), how: 'empty' }),
  fc.constantFrom(...all),
  // A value that does not encode, and one that is not the schema's at all.
  fc.constant({ bytes: Uint8Array.of(1, 2, 3), value: { nonsense: 1 }, how: 'bad-value' }),
  fc.constant({ bytes: corpus[0]!.bytes, value: {}, how: 'empty-value' }),
  fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.nat(255)).map(([c, at, b]) => {
    const bytes = c.bytes.slice();
    if (bytes.length) bytes[at % bytes.length] = b;
    return { bytes, how: 'poked' };
  }),
);

describe('mutate', () => {
  it('never throws, and returns bounded bytes with a description', () => {
    fc.assert(fc.property(anyInput, fc.integer(), (input, seed) => {
      const rng = new Rng(seed);
      for (let k = 0; k < 4; k++) {
        const out = mutate(input, rng, ctx);
        expect(out.bytes).toBeInstanceOf(Uint8Array);
        expect(out.bytes.length).toBeLessThanOrEqual(MAX_BYTES);
        expect(out.how).toMatch(/^(field|raw):/);
        input = out;
      }
    }), { numRuns: 300 });
  });

  it('is deterministic per rng seed', () => {
    for (const [i, input] of all.entries()) {
      const a = mutate(input, new Rng(i, 3), ctx);
      const b = mutate(input, new Rng(i, 3), ctx);
      expect(b.how).toBe(a.how);
      expect(b.bytes).toEqual(a.bytes);
    }
  });

  it('mixes field-level and raw mutations', () => {
    const rng = new Rng(99);
    const hows = Array.from({ length: 600 }, (_, i) => mutate(all[i % all.length]!, rng, ctx).how);
    const field = hows.filter((h) => h.startsWith('field:')).length / hows.length;
    expect(field).toBeGreaterThan(0.45);
    expect(field).toBeLessThan(0.85);
    expect(hows.some((h) => h.startsWith('raw:'))).toBe(true);
  });

  it('honours fieldShare', () => {
    const rng = new Rng(4);
    const raw = Array.from({ length: 200 }, (_, i) => mutate(all[i % all.length]!, rng, { ...ctx, fieldShare: 0 }).how);
    expect(raw.every((h) => h.startsWith('raw:'))).toBe(true);
  });

  it('caps the output size', () => {
    const big = { bytes: new Uint8Array(MAX_BYTES).fill(7), how: 'big' };
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) expect(mutate(big, rng, ctx).bytes.length).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('splices raw byte ranges from donors', () => {
    const rng = new Rng(8);
    const hows = Array.from({ length: 1000 }, (_, i) => mutate(all[i % all.length]!, rng, ctx).how);
    expect(hows.some((h) => /^raw:splice/.test(h))).toBe(true);
  });
});

describe('field-level mutations', () => {
  const rng = new Rng(21);
  const pairs = Array.from({ length: 600 }, (_, i) => ({ parent: all[i % all.length]!, m: fieldMutation(all[i % all.length]!, rng, ctx) }))
    .filter((p): p is { parent: FuzzInput; m: FuzzInput } => p.m !== undefined);
  const mutants = pairs.map((p) => p.m);

  it('apply to decoded corpus files and to generated values', () => {
    expect(mutants.length).toBeGreaterThan(500);
  });

  it('re-encode with fixups: mutants usually decode completely', () => {
    const complete = mutants.filter((m) => decode(ccf, m.bytes).complete).length;
    expect(complete / mutants.length).toBeGreaterThan(0.75);
  });

  it('carry their value, which encodes to their bytes', () => {
    for (const m of mutants.slice(0, 100)) expect(encode(ccf, m.value!)).toEqual(m.bytes);
  });

  it('cover values, opcodes, arrays, regeneration, donor splices and pinned derived fields', () => {
    const hows = mutants.map((m) => m.how);
    expect(hows.some((h) => /\.op=(ANY|EQ_INT|RANGE_INT|EQ_STR|PREFIX_STR|REGEX|\d+)$/.test(h))).toBe(true);
    expect(hows.some((h) => /\.text=/.test(h))).toBe(true);
    expect(hows.some((h) => /\.(del|ins|dup|copy|swap)\[|\.len=/.test(h))).toBe(true);
    expect(hows.some((h) => /=regen$/.test(h))).toBe(true);
    expect(hows.some((h) => /<-d\d+:/.test(h))).toBe(true);
    expect(hows.some((h) => /^field:pin:/.test(h))).toBe(true);
  });

  it('splice elements from donors into the mutant', () => {
    const spliced = mutants.filter((m) => /<-d\d+:/.test(m.how));
    expect(spliced.length).toBeGreaterThan(10);
  });

  it('keep or drop the payload when an opcode changes, so the mutant still encodes', () => {
    // To a defined opcode: the new case's payload is generated (or kept), so the file decodes completely.
    const named = pairs.filter(({ m }) => /criteria\[\d+\]\.op=[A-Z]/.test(m.how)).filter(({ parent }) => decode(ccf, parent.bytes).complete);
    expect(named.length).toBeGreaterThan(5);
    for (const { m } of named) expect(decode(ccf, m.bytes).complete).toBe(true);
    // To an undefined one (UNKNOWN_OP): no payload at all.
    expect(mutants.some((m) => /criteria\[\d+\]\.op=\d+$/.test(m.how))).toBe(true);
  });

  it('are undefined for undecodable bytes (mutate then falls back to raw)', () => {
    expect(fieldMutation({ bytes: Uint8Array.of(1, 2, 3), how: 'x' }, new Rng(1), ctx)).toBeUndefined();
  });

  it('work for sigpack-v1 too', () => {
    const sctx = { schema: sigpack, hints, donors: [] };
    const r = new Rng(2);
    const inputs = generatedSig(20);
    const outs = inputs.map((input) => fieldMutation(input, r, sctx)).filter((m) => m !== undefined);
    expect(outs.length).toBeGreaterThan(10);
  });
});

describe('flipBytes (the baseline)', () => {
  it('only flips or overwrites a few bytes, keeping the length', () => {
    const rng = new Rng(3);
    for (const input of all) {
      const out = flipBytes(input, rng);
      expect(out.how).toMatch(/^raw:flip/);
      expect(out.value).toBeUndefined();
      expect(out.bytes.length).toBe(input.bytes.length);
      let diff = 0;
      for (let i = 0; i < out.bytes.length; i++) if (out.bytes[i] !== input.bytes[i]) diff++;
      expect(diff).toBeLessThanOrEqual(4);
    }
    expect(flipBytes({ bytes: new Uint8Array(0), how: 'e' }, rng).bytes.length).toBe(1);
  });

  it('is deterministic per rng seed', () => {
    expect(flipBytes(corpus[0]!, new Rng(5))).toEqual(flipBytes(corpus[0]!, new Rng(5)));
  });
});

function generatedSig(n: number): FuzzInput[] {
  const rng = new Rng(77);
  return Array.from({ length: n }, () => {
    const value = generateValue(sigpack, hints, rng);
    return { bytes: encode(sigpack, value), value, how: 'generated' };
  });
}
