/** Generated and mutated CCF files, and profiles, for the differential test. */
import fc from 'fast-check';
import type { ConsumerProfile, InputKind, OpName } from '../oracle/index.js';
import { OP_NAMES } from '../oracle/index.js';
import { encode } from '../../src/encode/index.js';
import type { FormatSchema } from '../../src/schema/index.js';
import { ccfValue, type CcfValue, type KindName } from '../encode/ccf-arbitrary.js';
import { buildCcf, type CcfSpec, type Crit, type Kind } from '../helpers/ccf-bytes.js';

export type Edit =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number }
  | { kind: 'word'; at: number; width: 1 | 2 | 4; value: number }
  | { kind: 'cut'; at: number };

/** Values a consumer's trust goes wrong on: zero, small, the file's own size, the top of the range. */
const interesting = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 40, 255, 256, 0xffff, 0xffffffff), fc.nat({ max: 2048 }));

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), width: fc.constantFrom(1 as const, 2 as const, 4 as const), value: interesting }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

export function applyEdits(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let out = Array.from(bytes);
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'flip' && out.length > 0) out[at]! ^= e.mask;
    else if (e.kind === 'insert') out.splice(at, 0, e.byte);
    else if (e.kind === 'delete') out.splice(at, 1);
    else if (e.kind === 'cut') out = out.slice(0, at);
    else if (e.kind === 'word') for (let b = 0; b < e.width && at + b < out.length; b++) out[at + b] = (e.value >>> (8 * b)) & 0xff;
  }
  return Uint8Array.from(out);
}

/** A profile over the file's own type ids (and others): few or many inputs of either kind, some opcodes, small or large limits. */
export function profileFor(v: CcfValue, name: string): fc.Arbitrary<ConsumerProfile> {
  const ids = [...v.types.map((t) => t.type_id), 0, 1, 2];
  const kind = fc.constantFrom<InputKind>('INT', 'STR');
  return fc.record({
    templates: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 4 }).chain((keys) => fc.tuple(...keys.map((k) => {
      const declared = v.types.find((t) => t.type_id === k)?.field_kinds;
      const exact = declared ? fc.constant(declared as InputKind[]) : fc.array(kind, { maxLength: 8 });
      const near = declared ? fc.nat({ max: declared.length + 2 }).chain((n) => fc.array(kind, { minLength: n, maxLength: n }).map((extra) => [...declared, ...extra].slice(0, n) as InputKind[])) : exact;
      return fc.oneof(exact, near, fc.array(kind, { maxLength: 66 })).map((inputs) => [k, inputs] as const);
    }))),
    ops: fc.oneof(fc.constant([...OP_NAMES]), fc.subarray([...OP_NAMES], { minLength: 1 })),
    maxInstances: fc.oneof({ weight: 4, arbitrary: fc.constant(4096) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) }),
    maxFileSize: fc.oneof({ weight: 4, arbitrary: fc.constant(1048576) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }) }),
    regex: fc.oneof(fc.constant(256), fc.integer({ min: 1, max: 12 })),
  }).map((r) => ({
    name, population: 1, source: '(generated)',
    templates: new Map(r.templates.map(([k, inputs]) => [k, { inputs }])),
    ops: new Set(r.ops as OpName[]),
    limits: { max_instances: r.maxInstances, max_file_size: r.maxFileSize, regex_max_length: r.regex },
  }));
}

/** A file from the encoder (schema-derived, well-formed), its profile, and edits to damage it. */
export function caseArbitrary(schema: FormatSchema): fc.Arbitrary<{ bytes: Uint8Array; profile: ConsumerProfile }> {
  return ccfValue.chain((v) => fc.record({
    profile: profileFor(v, 'generated'),
    edits: fc.oneof(fc.constant([] as Edit[]), fc.array(edit, { minLength: 1, maxLength: 6 })),
  }).map(({ profile, edits }) => ({ bytes: applyEdits(encode(schema, v), edits), profile })));
}

/**
 * Files from the hand-written byte builder with what the encoder would not write: duplicate and
 * unknown type ids, field kinds other than INT and STR, counts that disagree, undefined or cut
 * opcodes, string references anywhere, index entries pointing anywhere, pools that lie.
 */
export function hostileArbitrary(): fc.Arbitrary<{ bytes: Uint8Array; profile: ConsumerProfile }> {
  const small = fc.nat({ max: 40 });
  const crit: fc.Arbitrary<Crit> = fc.oneof(
    fc.constant({ op: 'ANY' as const }),
    fc.record({ op: fc.constant('EQ_INT' as const), value: fc.nat() }),
    fc.record({ op: fc.constant('RANGE_INT' as const), lo: fc.nat(), hi: fc.nat() }),
    fc.record({ op: fc.constantFrom('EQ_STR' as const, 'PREFIX_STR' as const, 'REGEX' as const), str: fc.constantFrom('a', '(', 'x'.repeat(20), '[z-a]', '^ok$') }),
    fc.record({ op: fc.constantFrom('EQ_STR' as const, 'REGEX' as const), ref: fc.record({ off: small, len: small }) }),
    fc.record({ op: fc.constant('RAW' as const), bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 4 }) }),
  );
  const kind = fc.constantFrom<Kind>('INT', 'STR', 'INT', 'STR', 0, 3);
  const spec: fc.Arbitrary<CcfSpec> = fc.record({
    types: fc.array(fc.record({ id: fc.nat({ max: 3 }), kinds: fc.array(kind, { minLength: 1, maxLength: 6 }), fieldCount: fc.option(fc.nat({ max: 8 }), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
    instances: fc.array(fc.record({ type: fc.nat({ max: 4 }), criteria: fc.array(crit, { maxLength: 7 }), criteriaCount: fc.option(fc.nat({ max: 8 }), { nil: undefined }) }), { maxLength: 6 }),
    header: fc.option(fc.record({ pool_size: small, pool_offset: fc.nat({ max: 600 }), type_count: fc.nat({ max: 6 }), instance_count: fc.nat({ max: 8 }) }, { requiredKeys: [] }), { nil: undefined }),
    index: fc.option(fc.array(fc.nat({ max: 600 }), { maxLength: 8 }), { nil: undefined }),
    extraPool: fc.option(fc.constantFrom('', 'zz', '(((('), { nil: undefined }),
  }, { requiredKeys: ['types', 'instances'] });
  return spec.chain((s) => {
    const value: CcfValue = { header: {}, types: [...new Map(s.types.map((t) => [t.id, t])).values()].map((t) => ({ type_id: t.id, field_kinds: t.kinds.filter((k): k is KindName => k === 'INT' || k === 'STR') })), instances: [] };
    return fc.record({ profile: profileFor(value, 'hostile'), edits: fc.oneof(fc.constant([] as Edit[]), fc.array(edit, { maxLength: 2 })) })
      .map(({ profile, edits }) => ({ bytes: applyEdits(buildCcf(s).bytes, edits), profile }));
  });
}
