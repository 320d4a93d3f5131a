/**
 * The compiled validator on small schemas that use what CCF and sigpack do not: lets that read
 * `_index` from element rules, s8/u8 arithmetic, `in`, `mask`, `%`, `&`, min/max, other checksums,
 * contents, lookups by value, placed records with placement and gaps, non-inline switches. Files
 * come from the fuzzer's generator and the encoder, then mutated: whenever the validator says
 * clean, the pipeline's decode and checks find nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../src/budget/work-budget.js';
import { checkStructure } from '../../src/check/index.js';
import { encode } from '../../src/encode/index.js';
import { generateValue } from '../../src/fuzz/generate/index.js';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { parseSchema, type FormatSchema } from '../../src/schema/index.js';
import { compileValidator } from '../../src/validate/compile/index.js';
import { mutate, mutation } from '../parse/differential-helpers.js';

const TOYS: Record<string, string> = {
  arith: `format: arith
endian: be
root: file
types:
  file:
    let:
      half: total / 2
      odd: total % 2 == 1
    seq:
      - { id: magic, type: bytes, size: 2, contents: "AR" }
      - { id: total, type: u2, valid: [{ in: [2, 4, 6, 7, 9], code: BAD_VALUE }] }
      - { id: flags, type: u1, valid: [{ mask: 0x0d, code: RESERVED_NONZERO }] }
      - { id: delta, type: s2, valid: [{ min: -100, max: 100, code: BAD_VALUE }] }
      - { id: big, type: u8 }
      - { id: small, type: s8, valid: [{ expr: 'small < big || small == -1', code: CONSTRAINT }] }
      - id: vals
        type: u1
        repeat: total
        valid: [{ expr: '_index >= half || (vals[_index] & 1) == 0', code: CONSTRAINT }]
      - { id: crc, type: u2, checksum: { algo: crc16-ccitt, from: 0, to: _io.size - 6, code: CRC_MISMATCH } }
      - { id: adler, type: u4, checksum: { algo: adler32, from: 2, to: _io.size - 4, code: CRC_MISMATCH } }
    asserts:
      - { rule: 'min(delta, 0) + max(total, 1) * 2 >= -100', code: CONSTRAINT }
      - { rule: '!odd || (flags & 1) == 1', code: CONSTRAINT }
`,
  indexlet: `format: indexlet
root: file
types:
  file:
    let:
      limit: _index * 2
    seq:
      - { id: n, type: u1, valid: [{ max: 6, code: BAD_COUNT }] }
      - id: xs
        type: u1
        repeat: n
        valid: [{ expr: 'xs[_index] >= limit', code: CONSTRAINT }]
`,
  records: `format: records
root: file
types:
  file:
    seq:
      - { id: count, type: u1, valid: [{ max: 8, code: BAD_COUNT }] }
      - { id: kinds, type: kind, repeat: 2, unique: { key: id, code: DUPLICATE_ID } }
      - { id: offsets, type: u2, repeat: count }
      - id: items
        type: item
        repeat: count
        at: offsets[_index]
        at_code: BAD_OFFSET
        unique: { key: key, code: DUPLICATE_ID }
        placement: { start: end(offsets), end: _io.size, code: BAD_OFFSET, gap_code: GAP }
  kind:
    seq:
      - { id: id, type: u1 }
      - { id: width, type: u1, valid: [{ min: 1, max: 4, code: BAD_VALUE }] }
  item:
    let:
      k: lookup(_root.kinds, 'id', kind)
    seq:
      - { id: key, type: u2 }
      - { id: kind, type: u1, valid: [{ expr: 'k != null', code: CONSTRAINT }] }
      - id: body
        type:
          switch_on: 'k == null ? 0 : k.width'
          cases: { 1: w1, 2: w2, 3: w3, 4: w4 }
        unknown_code: BAD_VALUE
    asserts:
      - { rule: 'sizeof(body) == k.width', code: SIZE_MISMATCH }
  w1:
    seq: [{ id: a, type: u1 }]
  w2:
    seq: [{ id: a, type: u2, valid: [{ expr: 'a != _parent.key', code: CONSTRAINT }] }]
  w3:
    seq: [{ id: a, type: bytes, size: 3 }]
  w4:
    seq: [{ id: a, type: s4 }]
`,
};

function pipelineIssues(schema: FormatSchema, bytes: Uint8Array) {
  const budget = new WorkBudget(bytes.length);
  const decoded = compileFastDecoder(schema).decode(bytes, budget.nodeLimit) ?? decode(schema, bytes, { budget });
  return [...decoded.issues, ...checkStructure(schema, bytes, decoded, { budget })];
}

describe.each(Object.entries(TOYS))('compiled validator, toy schema %s', (name, text) => {
  const schema = parseSchema(text, `${name}.yaml`);
  const v = compileValidator(schema);

  it.runIf(name !== 'indexlet')('is compiled', () => {
    expect(v.unsupported).toBeUndefined();
  });

  it('a clean answer is never wrong, on generated files and their mutants', () => {
    const rng = new Rng(7);
    const files: Uint8Array[] = [];
    for (let k = 0; k < 300; k++) {
      try {
        files.push(encode(schema, generateValue(schema, { ints: [0, 1, 2, 255] }, rng)));
      } catch {
        // a value the encoder cannot pack: skip it
      }
    }
    let clean = 0;
    let agreed = 0;
    const check = (bytes: Uint8Array) => {
      const ok = v.isClean(bytes);
      const none = pipelineIssues(schema, bytes).length === 0;
      if (ok) expect(none, `${name}: said clean, the pipeline disagrees`).toBe(true);
      if (ok) clean++;
      if (ok === none) agreed++;
    };
    for (const bytes of files) check(bytes);
    fc.assert(fc.property(fc.nat({ max: Math.max(0, files.length - 1) }), mutation, (k, m) => {
      if (files.length) check(mutate(files[k]!, m));
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => void check(bytes)), { numRuns: 300 });
    // The compiled ones must also decide: each toy says why when it is not compiled.
    if (v.unsupported === undefined) expect(clean, `${name}: never decided a file`).toBeGreaterThan(0);
    expect(agreed).toBeGreaterThan(0);
  });
});

it('rules it does not compile (unique over integers, placement of records not placed: schemas built by hand, the loader refuses both) leave the schema to the pipeline, never unchecked', () => {
  const schema = (seq: string) => parseSchema(`format: t\nroot: file\ntypes:\n  file:\n    seq:\n${seq}\n  rec:\n    seq:\n      - { id: k, type: u1 }\n`, 't.yaml');
  // The loader refuses unique over integers; a schema built by hand can still say it.
  const ints = schema(`      - { id: xs, type: u1, repeat: 3 }`);
  const file = ints.types.get('file')!;
  const tampered: FormatSchema = { ...ints, types: new Map([...ints.types, ['file', { ...file, fields: [{ ...file.fields[0]!, unique: { key: 'k', code: 'DUPLICATE_ID' } }] }]]) };
  expect(compileValidator(tampered).unsupported).toMatch(/unique/);
  const recs = schema(`      - { id: rs, type: rec, repeat: 2 }`);
  const holder = recs.types.get('file')!;
  const placement = { start: { source: '0', ast: { kind: 'int', value: 0n } }, end: { source: '9', ast: { kind: 'int', value: 9n } }, code: 'BAD_OFFSET', gapCode: undefined } as const;
  const unplaced: FormatSchema = { ...recs, types: new Map([...recs.types, ['file', { ...holder, fields: [{ ...holder.fields[0]!, placement }] }]]) };
  expect(compileValidator(unplaced).unsupported).toMatch(/placement/);
});

it('lets that read _index from an element rule are left to the pipeline (the evaluator shares the let cache there)', () => {
  expect(compileValidator(parseSchema(TOYS['indexlet']!, 'indexlet.yaml')).unsupported).toMatch(/_index/);
});
