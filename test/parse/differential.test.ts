/**
 * The compiled fast path (src/parse/compile) against the interpreter (src/parse/decode):
 * same value and same locations wherever the fast path answers, and it answers on clean files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { buildCcf, patch, truncate, type CcfSpec, type InstanceSpec } from '../helpers/ccf-bytes.js';
import { ccfBytes, ccfSpec, expectAgree, mutate, mutation, smallishBytes } from './differential-helpers.js';

const schema = loadSchema('schemas/ccf-v1.yaml');
const fast = compileFastDecoder(schema);

const handBuilt: Record<string, CcfSpec & { order?: 'asc' | 'reverse' | 'first' }> = {
  'no instances': { types: [{ id: 1, kinds: ['INT'] }], instances: [] },
  'every opcode': {
    types: [{ id: 2, kinds: ['STR', 'INT', 'STR', 'STR', 'INT', 'STR'] }],
    instances: [{ type: 2, action: 1, criteria: [{ op: 'EQ_STR', str: 'svchost.exe' }, { op: 'EQ_INT', value: 2n ** 64n - 1n }, { op: 'PREFIX_STR', str: 'C:\\Win' }, { op: 'REGEX', str: '^a+$' }, { op: 'RANGE_INT', lo: 5, hi: 9 }, { op: 'ANY' }] }],
  },
  'unicode, empty and shared strings': {
    types: [{ id: 3, kinds: ['STR', 'STR', 'STR'] }],
    instances: [
      { type: 3, criteria: [{ op: 'EQ_STR', str: 'ünïcødé \u{1F600}' }, { op: 'EQ_STR', str: '' }, { op: 'EQ_STR', str: 'x' }] },
      { type: 3, criteria: [{ op: 'PREFIX_STR', str: 'x' }, { op: 'REGEX', str: 'ünïcødé \u{1F600}' }, { op: 'ANY' }] },
    ],
  },
  'records listed backwards, no criteria, unknown type': {
    types: [{ id: 1, kinds: ['INT'] }, { id: 9, kinds: [] }],
    instances: [{ type: 1, criteria: [{ op: 'ANY' }] }, { type: 9, criteria: [] }, { type: 77, criteria: [{ op: 'EQ_INT', value: 1 }] }],
    order: 'reverse',
  },
  'every index entry pointing at one record, bytes after the strings': {
    types: [{ id: 1, kinds: ['STR'] }],
    instances: [{ type: 1, criteria: [{ op: 'EQ_STR', str: 'a' }] }, { type: 1, criteria: [{ op: 'EQ_STR', str: 'b' }] }],
    order: 'first',
    extraPool: 'tail',
  },
  'string references anywhere inside the pool': {
    types: [{ id: 1, kinds: ['STR', 'STR'] }],
    instances: [{ type: 1, criteria: [{ op: 'EQ_STR', ref: { off: 0, len: 4 } }, { op: 'REGEX', ref: { off: 2, len: 0 } }] }],
    extraPool: 'abcd',
  },
};

describe('fast path and interpreter agree (CCF v1)', () => {
  it('compiles the reference schema', () => {
    expect(fast.unsupported).toBeUndefined();
    expect(compileFastDecoder(schema)).toBe(fast); // compiled once per schema
  });

  it.each(Object.entries(handBuilt))('hand-built file: %s', (_name, spec) => {
    const before = fast.stats.fast;
    expectAgree(schema, fast, ccfBytes(spec), true);
    expect(fast.stats.fast).toBe(before + 1); // the fast path really ran
  });

  it('reads a Buffer, or a view that does not start at its ArrayBuffer\'s start, like the interpreter', () => {
    const bytes = ccfBytes(handBuilt['every opcode']!);
    const host = new Uint8Array(bytes.length + 7);
    host.set(bytes, 3);
    expectAgree(schema, fast, host.subarray(3, 3 + bytes.length), true);
    expectAgree(schema, fast, Buffer.from(bytes), true);
  });

  it('generated well-formed files (fast-check)', () => {
    fc.assert(fc.property(ccfSpec, (spec) => { expectAgree(schema, fast, ccfBytes(spec), true); }), { numRuns: 200 });
    expect(fast.stats.fast).toBeGreaterThan(200);
  });

  it('mutated files: bails, or agrees with a clean interpreter decode', () => {
    fc.assert(fc.property(ccfSpec, mutation, (spec, m) => { expectAgree(schema, fast, mutate(ccfBytes(spec), m)); }), { numRuns: 300 });
  });

  it('bails on every truncation of a file the interpreter finds truncated', () => {
    const bytes = ccfBytes(handBuilt['every opcode']!);
    const before = fast.stats.bailed;
    for (let n = 0; n < bytes.length; n++) {
      const cut = truncate(bytes, n);
      const answered = expectAgree(schema, fast, cut);
      if (!decode(schema, cut).complete) expect(answered).toBe(false);
    }
    expect(fast.stats.bailed).toBeGreaterThan(before);
  });

  it('bails where the interpreter reports: string outside the pool, bad UTF-8, unknown opcode', () => {
    const clean = ccfBytes(handBuilt['every opcode']!);
    const oob = ccfBytes({ types: [{ id: 1, kinds: ['STR'] }], instances: [{ type: 1, criteria: [{ op: 'EQ_STR', ref: { off: 3, len: 9 } }] }] });
    const badUtf8 = ccfBytes({ types: [{ id: 1, kinds: ['STR'] }], instances: [{ type: 1, criteria: [{ op: 'EQ_STR', str: 'é' }] }] });
    const poolAt = new DataView(badUtf8.buffer).getUint32(28, true);
    const firstOp = buildCcf(handBuilt['every opcode']!).layout.criterionOffsets[0]![0]!;
    for (const bytes of [oob, patch(badUtf8, poolAt, 0xff), patch(clean, firstOp, 9)]) {
      expect(decode(schema, bytes).issues.length).toBeGreaterThan(0);
      expect(fast.decode(bytes)).toBeNull();
    }
  });

  it('never throws, and agrees whenever it answers, on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => { expect(() => fast.decode(bytes)).not.toThrow(); }), { numRuns: 300 });
    fc.assert(fc.property(smallishBytes(300), (bytes) => { expectAgree(schema, fast, bytes); }), { numRuns: 300 });
  });

  it('gives up quickly on hostile counts instead of looping', () => {
    const base = ccfBytes({ types: [{ id: 1, kinds: ['INT'] }], instances: [{ type: 1, criteria: [{ op: 'ANY' }] }] });
    // 20 000 index entries all pointing at one record of 255 criteria: over the interpreter's node budget.
    const big: InstanceSpec = { type: 1, criteria: Array.from({ length: 255 }, () => ({ op: 'ANY' as const })) };
    const amplified = ccfBytes({ types: [{ id: 1, kinds: ['INT'] }], instances: [big, ...Array.from({ length: 20_000 }, () => ({ type: 1, criteria: [] }))], order: 'first' });
    const hostile = [patch(base, 24, 0xffff, 2), patch(base, 28, 0xffffffff, 4), amplified];
    const t0 = performance.now();
    for (const bytes of hostile) expect(fast.decode(bytes)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(decode(schema, amplified).issues.map((i) => i.code)).toContain('DECODE_BUDGET');
  });

  it('stops at the interpreter\'s node budget, not at a budget of its own', () => {
    // ~2 KiB whose 500 index entries all point at one record of 30 criteria: some 45 000 nodes.
    const record: InstanceSpec = { type: 1, criteria: Array.from({ length: 30 }, () => ({ op: 'ANY' as const })) };
    const bytes = ccfBytes({ types: [{ id: 1, kinds: ['INT'] }], instances: [record, ...Array.from({ length: 499 }, () => ({ type: 1, criteria: [] }))], order: 'first' });
    expect(decode(schema, bytes).issues.map((i) => i.code)).toEqual(['DECODE_BUDGET']);
    expect(fast.decode(bytes)).toBeNull();
  });
});
