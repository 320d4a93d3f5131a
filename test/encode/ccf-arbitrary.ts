/** fast-check generators of CCF v1 values (the encoder's input) and their byte-builder oracle specs. */
import fc from 'fast-check';
import type { CcfSpec, Crit } from '../helpers/ccf-bytes.js';

export type KindName = 'INT' | 'STR';
export type Criterion =
  | { op: 'ANY' }
  | { op: 'EQ_INT'; value: bigint }
  | { op: 'RANGE_INT'; lo: bigint; hi: bigint }
  | { op: 'EQ_STR' | 'PREFIX_STR' | 'REGEX'; text: string };
export interface TypeValue { type_id: number; field_kinds: KindName[] }
export interface InstanceValue { instance_id: number; type_id: number; action: 'log' | 'block' | 'kill'; criteria: Criterion[] }
export interface CcfValue { header: { content_seq?: bigint; channel?: number; flags?: number }; types: TypeValue[]; instances: InstanceValue[] }

export const OPS = { ANY: 0, EQ_INT: 1, RANGE_INT: 2, EQ_STR: 3, PREFIX_STR: 4, REGEX: 5 } as const;
export const ACTIONS = { log: 0, block: 1, kill: 2 } as const;

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
/** Strings up to 40 characters, with a few common ones so that interning is exercised. */
export const text = fc.oneof(
  fc.constantFrom('', 'cmd.exe', '^cmd', 'C:\\Windows\\', 'ünïcødé', '\\\\.\\pipe\\x'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => s.length <= 40),
);

const intCriterion: fc.Arbitrary<Criterion> = fc.oneof(
  fc.constant({ op: 'ANY' as const }),
  u64.map((value) => ({ op: 'EQ_INT' as const, value })),
  fc.tuple(u64, u64).map(([a, b]) => ({ op: 'RANGE_INT' as const, lo: a < b ? a : b, hi: a < b ? b : a })),
);
const strCriterion: fc.Arbitrary<Criterion> = fc.oneof(
  fc.constant({ op: 'ANY' as const }),
  fc.record({ op: fc.constantFrom('EQ_STR' as const, 'PREFIX_STR' as const, 'REGEX' as const), text }),
);

function instanceOf(t: TypeValue): fc.Arbitrary<Omit<InstanceValue, 'instance_id'>> {
  return fc.record({
    type_id: fc.constant(t.type_id),
    action: fc.constantFrom('log' as const, 'block' as const, 'kill' as const),
    criteria: fc.tuple(...t.field_kinds.map((k) => (k === 'INT' ? intCriterion : strCriterion))),
  });
}

/** Template types with 1..64 field kinds; instances whose criteria match their type's kinds. */
export const ccfValue: fc.Arbitrary<CcfValue> = fc
  .uniqueArray(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map((id) => fc.array(fc.constantFrom<KindName>('INT', 'STR'), { minLength: 1, maxLength: 64 }).map((field_kinds) => ({ type_id: id, field_kinds })))))
  .chain((types) => fc.record({
    header: fc.record({ content_seq: u64, channel: fc.integer({ min: 0, max: 0xffff }), flags: fc.constantFrom(0, 1) }, { requiredKeys: [] }),
    types: fc.constant(types),
    instances: fc.array(fc.nat({ max: types.length - 1 }).chain((i) => instanceOf(types[i]!)), { maxLength: 8 })
      .map((list) => list.map((inst, n) => ({ instance_id: 1000 + n, ...inst }))),
  }));

/** The same file for the hand-written byte builder (test/helpers/ccf-bytes.ts). */
export function toSpec(v: CcfValue): CcfSpec {
  return {
    types: v.types.map((t) => ({ id: t.type_id, kinds: t.field_kinds })),
    instances: v.instances.map((i) => ({
      id: i.instance_id, type: i.type_id, action: ACTIONS[i.action],
      criteria: i.criteria.map((c): Crit => ('text' in c ? { op: c.op, str: c.text } : c)),
    })),
    header: { content_seq: v.header.content_seq ?? 0n, channel: v.header.channel ?? 291, flags: v.header.flags ?? 0 },
  };
}

/** The value in the decoder's conventions: enum names as numbers. */
export function asDecoded(v: CcfValue): Record<string, unknown> {
  return {
    header: { ...v.header },
    types: v.types.map((t) => ({ ...t, field_kinds: t.field_kinds.map((k) => (k === 'INT' ? 1 : 2)) })),
    instances: v.instances.map((i) => ({ ...i, action: ACTIONS[i.action], criteria: i.criteria.map((c) => ({ ...c, op: OPS[c.op] })) })),
  };
}

/** Every key of `part` is in `whole` with the same value (numbers and bigints compared by value). */
export function contains(whole: unknown, part: unknown): boolean {
  if ((typeof part === 'number' || typeof part === 'bigint') && (typeof whole === 'number' || typeof whole === 'bigint')) return BigInt(part) === BigInt(whole);
  if (Array.isArray(part)) return Array.isArray(whole) && whole.length === part.length && part.every((p, i) => contains(whole[i], p));
  if (typeof part === 'object' && part !== null) {
    return typeof whole === 'object' && whole !== null && Object.entries(part).every(([k, p]) => contains((whole as Record<string, unknown>)[k], p));
  }
  return whole === part;
}
