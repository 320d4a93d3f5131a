/**
 * The other schemas shipped in schemas/ (e.g. the big-endian TLV format sigpack-v1), if any:
 * the fast path must agree with the interpreter wherever it answers. Skipped when there are none.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { cleanForInterpreter, expectAgree, sigpackBytes, sigRecord, smallishBytes } from './differential-helpers.js';

// Consumer models (*.consumer.yaml) sit beside the format schemas but are not format schemas.
const others = readdirSync('schemas').filter((f) => f.endsWith('.yaml') && !f.endsWith('.consumer.yaml') && f !== 'ccf-v1.yaml');

describe.skipIf(others.length === 0)('fast path and interpreter agree on the other schemas', () => {
  describe.each(others)('%s', (file) => {
    const schema = loadSchema(`schemas/${file}`);
    const fast = compileFastDecoder(schema);

    it('compiles, or bails on everything', () => {
      if (fast.unsupported !== undefined) expect(fast.decode(new Uint8Array(64))).toBeNull();
      else expect(fast.getCode()).toContain('dataView');
    });

    it('never throws, and agrees whenever it answers, on arbitrary bytes', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => { expect(() => fast.decode(bytes)).not.toThrow(); }), { numRuns: 200 });
      fc.assert(fc.property(smallishBytes(300), (bytes) => { expectAgree(schema, fast, bytes); }), { numRuns: 300 });
    });

    it.runIf(schema.format === 'sigpack-v1')('declines sigpack: its records are an array sized in bytes (repeat_bytes), read by the interpreter', () => {
      expect(fast.unsupported).toMatch(/repeat_bytes/);
    });

    it.runIf(schema.format === 'sigpack-v1' && fast.unsupported === undefined)('generated packs: answers on every clean one, bails on truncations', () => {
      let clean = 0;
      fc.assert(fc.property(fc.array(sigRecord, { minLength: 1, maxLength: 8 }), fc.nat(), (records, cut) => {
        const bytes = sigpackBytes(records);
        const ok = cleanForInterpreter(schema, bytes);
        if (ok) clean++;
        expectAgree(schema, fast, bytes, ok);
        expectAgree(schema, fast, bytes.slice(0, cut % bytes.length));
      }), { numRuns: 200 });
      expect(clean).toBeGreaterThan(0);
      expect(fast.stats.fast).toBeGreaterThanOrEqual(clean);
      expect(fast.stats.bailed).toBeGreaterThan(0);
    });
  });
});
