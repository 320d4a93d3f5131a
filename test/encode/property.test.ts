import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, encodeDetailed, pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { buildCcf, type CcfSpec, type Crit } from '../helpers/ccf-bytes.js';
import { asDecoded, ccfValue, contains, text, toSpec } from './ccf-arbitrary.js';

const schema = loadSchema(defaultSchemaPath());
const RUNS = { numRuns: 150 };
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('encode ∘ decode (generated CCF values)', () => {
  it('decodes with no issues to the value with its derived fields filled in', () => {
    fc.assert(fc.property(ccfValue, (v) => {
      const r = encodeDetailed(schema, v);
      const d = decode(schema, r.bytes);
      expect(d.complete).toBe(true);
      expect(d.issues).toEqual([]);
      expect(d.value).toEqual(r.value);
      expect(contains(d.value, asDecoded(v))).toBe(true);
    }), RUNS);
  });

  it('writes the same bytes as the hand-written builder', () => {
    fc.assert(fc.property(ccfValue, (v) => same(encode(schema, v), buildCcf(toSpec(v)).bytes)), RUNS);
  });
});

describe('unpack ∘ pack', () => {
  it('reproduces every encoded file byte for byte, from a source without derived fields', () => {
    fc.assert(fc.property(ccfValue, (v) => {
      const bytes = encode(schema, v);
      const source = unpack(schema, bytes);
      expect(source).not.toMatch(/WARNING|INCOMPLETE|every field is pinned|^crc:|^pool:|^index:/m);
      expect(same(pack(schema, source, 'unpacked.yaml'), bytes)).toBe(true);
    }), RUNS);
  });

  /** Files from the byte builder with the oddities a canonical layout does not produce by itself. */
  const oddSpec: fc.Arbitrary<CcfSpec> = ccfValue.chain((v) => {
    const base = toSpec(v);
    const criteria = base.instances.flatMap((i) => i.criteria);
    return fc.record({
      extraPool: fc.option(text, { nil: undefined }),
      header: fc.record({ file_size: fc.nat(), pool_size: fc.nat(), reserved: fc.nat({ max: 0xffff }), version: fc.nat({ max: 3 }) }, { requiredKeys: [] }),
      crc: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
      refs: fc.array(fc.record({ off: fc.nat({ max: 200 }), len: fc.nat({ max: 20 }) }), { minLength: criteria.length, maxLength: criteria.length }),
      useRef: fc.array(fc.boolean(), { minLength: criteria.length, maxLength: criteria.length }),
    }).map(({ extraPool, header, crc, refs, useRef }) => {
      let n = 0;
      const instances = base.instances.map((i) => ({
        ...i,
        criteria: i.criteria.map((c): Crit => {
          const k = n++;
          return 'str' in c && useRef[k] ? { op: c.op, ref: refs[k]! } : c;
        }),
      }));
      return { ...base, instances, header: { ...base.header, ...header }, ...(extraPool === undefined ? {} : { extraPool }), ...(crc === undefined ? {} : { crc }) };
    });
  });

  it('reproduces files with wrong header fields, odd pools, stray references and bad CRCs', () => {
    fc.assert(fc.property(oddSpec, (spec) => {
      const bytes = buildCcf(spec).bytes;
      fc.pre(decode(schema, bytes).complete);
      const source = unpack(schema, bytes);
      // A pool_size that does not cover the strings leaves bytes no field describes: only an $edit can keep them.
      const covered = spec.header?.pool_size === undefined || spec.header.pool_size === buildCcf({ ...spec, header: {} }).layout.poolSize;
      if (covered) expect(source).not.toMatch(/WARNING/);
      else if (/WARNING/.test(source)) expect(source).toMatch(/^\$edit:/m);
      expect(same(pack(schema, source, 'unpacked.yaml'), bytes)).toBe(true);
    }), RUNS);
  });

  it('unpacks damaged files without throwing, and re-packs every one it can fully decode', () => {
    const damage = fc.array(fc.record({ at: fc.nat(), byte: fc.nat({ max: 255 }) }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(ccfValue, damage, fc.option(fc.nat(), { nil: undefined }), (v, hits, cut) => {
      const bytes = encode(schema, v).slice();
      for (const { at, byte } of hits) bytes[at % bytes.length] = byte;
      const damaged = cut === undefined ? bytes : bytes.slice(0, cut % bytes.length);
      const source = unpack(schema, damaged);
      if (decode(schema, damaged).complete) expect(same(pack(schema, source, 'unpacked.yaml'), damaged)).toBe(true);
      else expect(source).toMatch(/^# INCOMPLETE/m);
    }), RUNS);
  });
});
