/**
 * Differential checks of the encoder's internals (per-schema plans, frames built once, fast
 * expression paths with the evaluator as fallback, locations kept on the frames, derived
 * integers patched into the layout) against oracles that share none of them: the hand-written
 * byte builder and the diagnostic decoder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, encodeDetailed } from '../../src/encode/index.js';
import { walk } from '../../src/encode/walk.js';
import type { FieldPath } from '../../src/findings/index.js';
import { decode } from '../../src/parse/index.js';
import { bundledSchemaDir, defaultSchemaPath, loadSchema, type FormatSchema } from '../../src/schema/index.js';
import { buildCcf, type CcfSpec } from '../helpers/ccf-bytes.js';
import { ccfValue, toSpec, type CcfValue } from './ccf-arbitrary.js';

const schema = loadSchema(defaultSchemaPath());
const RUNS = { numRuns: 150 };
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Every path to a node of a value (objects by key, arrays by index), the root first. */
function nodePaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodePaths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) out.push(...nodePaths(v, [...prefix, k]));
  }
  return out;
}

/** The value without the fields the schema derives (as the fuzzer mutates it), in fresh objects. */
function stripDerived(s: FormatSchema, value: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(value);
  walk(s, copy, NaN, () => undefined, ({ field: f, obj }) => {
    if (!f.view && (f.derive !== undefined || f.pool || f.checksum !== undefined)) delete obj[f.id];
  });
  return copy;
}

/** Values a canonical layout still writes as given: wrong header fields, counts and CRCs. */
const pinned = ccfValue.chain((v) => fc.record({
  header: fc.record({
    magic: fc.nat({ max: 0xffffffff }), version: fc.nat({ max: 0xffff }), header_size: fc.nat({ max: 0xffff }), reserved: fc.nat({ max: 0xffff }),
    type_count: fc.nat({ max: 0xffff }), pool_offset: fc.nat({ max: 0xffffffff }), pool_size: fc.nat({ max: 0xffffffff }), file_size: fc.nat({ max: 0xffffffff }),
  }, { requiredKeys: [] }),
  crc: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
  fieldCounts: fc.array(fc.option(fc.nat({ max: 255 }), { nil: undefined }), { minLength: v.types.length, maxLength: v.types.length }),
  criteriaCounts: fc.array(fc.option(fc.nat({ max: 255 }), { nil: undefined }), { minLength: v.instances.length, maxLength: v.instances.length }),
}).map((p) => ({ v, ...p })));

describe('encode against the byte builder, with pinned values', () => {
  it('writes pinned header fields, counts and CRCs as given and derives the rest like the builder', () => {
    fc.assert(fc.property(pinned, ({ v, header, crc, fieldCounts, criteriaCounts }) => {
      const value = {
        ...v,
        header: { ...v.header, ...header },
        types: v.types.map((t, i) => (fieldCounts[i] === undefined ? t : { ...t, field_count: fieldCounts[i] })),
        instances: v.instances.map((inst, i) => (criteriaCounts[i] === undefined ? inst : { ...inst, criteria_count: criteriaCounts[i] })),
        ...(crc === undefined ? {} : { crc }),
      };
      const base = toSpec(v);
      const spec: CcfSpec = {
        ...base,
        header: { ...base.header, ...header },
        types: base.types.map((t, i) => ({ ...t, fieldCount: fieldCounts[i] })),
        instances: base.instances.map((inst, i) => ({ ...inst, criteriaCount: criteriaCounts[i] })),
        ...(crc === undefined ? {} : { crc }),
      };
      expect(same(encode(schema, value), buildCcf(spec).bytes)).toBe(true);
    }), RUNS);
  });
});

describe('encode against the decoder', () => {
  const agree = (s: FormatSchema, v: unknown): void => {
    const r = encodeDetailed(s, v);
    const d = decode(s, r.bytes);
    expect(d.value).toEqual(r.value);
    for (const p of nodePaths(d.value)) expect(r.locate(p), `locate ${JSON.stringify(p)}`).toEqual(d.locate(p));
    for (const p of [['nope'], ['types', 99], ['header', 'magic', 0], ['index', -1], ['index', 0.5]] as FieldPath[]) {
      expect(r.locate(p)).toEqual(d.locate(p));
    }
  };

  it('locates every node where the decoder does (CCF)', () => {
    fc.assert(fc.property(ccfValue, (v) => agree(schema, v)), RUNS);
  });

  const file = join(bundledSchemaDir(), 'sigpack-v1.yaml');
  it.skipIf(!existsSync(file))('locates every node where the decoder does (sigpack: switches, sizeof, big-endian)', () => {
    const sigpack = loadSchema(file);
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const record = fc.oneof(
      text.map((t) => ({ tag: 'NAME', body: { text: t } })),
      fc.nat({ max: 0xffffffff }).map((score) => ({ tag: 'THRESHOLD', body: { score } })),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((digest) => ({ tag: 'SHA256', body: { digest } })),
      text.map((t) => ({ tag: 'PATTERN', body: { text: t } })),
    );
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), (records) => agree(sigpack, { records })), RUNS);
  });

  it('re-encodes a decoded file byte for byte, fully pinned or with its derived fields left out (the fuzzer\'s input)', () => {
    fc.assert(fc.property(ccfValue, (v: CcfValue) => {
      const bytes = encode(schema, { ...v, header: {} }); // header fields all have a derive: left out, they take it
      const full = decode(schema, bytes).value;
      expect(same(encode(schema, full), bytes)).toBe(true);
      expect(same(encode(schema, stripDerived(schema, full)), bytes)).toBe(true);
    }), RUNS);
  });
});
