/** Shared by the differential tests: compare the compiled fast path with the interpreter, and generate inputs. */
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';
import type { FieldPath } from '../../src/findings/index.js';
import type { FastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import type { FormatSchema } from '../../src/schema/index.js';
import { buildCcf, type CcfSpec, type Crit, type InstanceSpec } from '../helpers/ccf-bytes.js';

/** Every path to a node of a decoded value (objects by key, arrays by index), the root first. */
export function nodePaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodePaths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) out.push(...nodePaths(v, [...prefix, k]));
  }
  return out;
}

/** Paths that are no node at all (or, for some schemas, a node the interpreter does not place). */
const oddPaths = (paths: FieldPath[]): FieldPath[] => [
  ['nope'], ['nope', 0], [0],
  ...paths.filter((p) => p.length > 0).slice(0, 40).flatMap((p): FieldPath[] => [[...p, 'nope'], [...p, 99999], [...p, -1], [...p, '0']]),
];

/**
 * Decodes with both paths. When the fast path answers, the interpreter must have found the
 * file clean (complete, no issues), and both must agree on the value (Uint8Array by content)
 * and on the location of every node. Returns whether the fast path answered.
 */
export function expectAgree(schema: FormatSchema, fast: FastDecoder, bytes: Uint8Array, mustDecode = false): boolean {
  const slow = decode(schema, bytes);
  const quick = fast.decode(bytes);
  if (mustDecode) {
    expect(slow.issues).toEqual([]);
    expect(quick, 'the fast path bailed on a clean file').not.toBeNull();
  }
  if (!quick) return false;
  expect(slow.issues).toEqual([]);
  expect(slow.complete).toBe(true);
  expect(quick.value).toStrictEqual(slow.value);
  expect([quick.complete, quick.issues, quick.size]).toEqual([true, [], bytes.length]);
  const paths = nodePaths(slow.value);
  for (const p of [...paths, ...oddPaths(paths)]) {
    expect(quick.locate(p), `locate ${JSON.stringify(p)}`).toEqual(slow.locate(p));
  }
  for (const p of paths) {
    expect(quick.pointerOf(p), `pointerOf ${JSON.stringify(p)}`).toEqual(slow.pointerOf(p));
    expect(quick.isPartial(p)).toBe(false);
  }
  return true;
}

/** Whether the interpreter decodes `bytes` completely with no issues. */
export const cleanForInterpreter = (schema: FormatSchema, bytes: Uint8Array): boolean => {
  const d = decode(schema, bytes);
  return d.complete && d.issues.length === 0;
};

// ---- CCF v1 -------------------------------------------------------------------------------

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const text = fc.oneof(fc.constantFrom('', 'cmd.exe', 'ünïcødé', '\u{1F600}x'), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const crit: fc.Arbitrary<Crit> = fc.oneof(
  fc.constant({ op: 'ANY' as const }),
  u64.map((value) => ({ op: 'EQ_INT' as const, value })),
  fc.tuple(u64, u64).map(([lo, hi]) => ({ op: 'RANGE_INT' as const, lo, hi })),
  fc.record({ op: fc.constantFrom('EQ_STR' as const, 'PREFIX_STR' as const, 'REGEX' as const), str: text }),
);
const instance: fc.Arbitrary<InstanceSpec> = fc.record({
  id: fc.nat({ max: 0xffffffff }),
  type: fc.nat({ max: 0xffff }),
  action: fc.nat({ max: 255 }),
  criteria: fc.array(crit, { maxLength: 6 }),
});

/** A structurally well-formed CCF file: decoding does not judge ids, kinds or order, so any values do. */
export const ccfSpec: fc.Arbitrary<CcfSpec & { order: 'asc' | 'reverse' | 'first' }> = fc.record({
  types: fc.array(fc.record({ id: fc.nat({ max: 0xffff }), kinds: fc.array(fc.constantFrom('INT' as const, 'STR' as const, 7), { maxLength: 6 }) }), { minLength: 1, maxLength: 4 }),
  instances: fc.array(instance, { maxLength: 8 }),
  extraPool: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  order: fc.constantFrom('asc' as const, 'reverse' as const, 'first' as const),
});

/** Builds the file; the index may list the records backwards or all point at the first one. */
export function ccfBytes(spec: CcfSpec & { order?: 'asc' | 'reverse' | 'first' }): Uint8Array {
  const { layout } = buildCcf(spec);
  const offs = layout.recordOffsets;
  const index = spec.order === 'reverse' ? [...offs].reverse() : spec.order === 'first' ? offs.map(() => offs[0]!) : offs;
  return buildCcf({ ...spec, index }).bytes;
}

/** A copy with a few bytes overwritten, cut or appended. */
export const mutation = fc.record({
  writes: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 4 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
  append: fc.uint8Array({ maxLength: 6 }),
});
export function mutate(bytes: Uint8Array, m: { writes: [number, number][]; cut: number | undefined; append: Uint8Array }): Uint8Array {
  const out = Uint8Array.from([...bytes, ...m.append]);
  for (const [at, v] of m.writes) if (out.length) out[at % out.length] = v;
  return m.cut === undefined ? out : out.slice(0, m.cut % (out.length + 1));
}

/** Bytes skewed to small values, so that counts and lengths read from them often fit. */
export const smallishBytes = (maxLength: number, minLength = 0): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 255 })), { minLength, maxLength }).map((a) => Uint8Array.from(a));

// ---- sigpack v1 (big-endian TLV), laid out by hand ----------------------------------------------

export type SigRecord = { tag: 1 | 4; text: string } | { tag: 2; score: number } | { tag: 3; digest: Uint8Array };
const enc = new TextEncoder();

export const sigRecord: fc.Arbitrary<SigRecord> = fc.oneof(
  fc.record({ tag: fc.constantFrom(1 as const, 4 as const), text }),
  fc.record({ tag: fc.constant(2 as const), score: fc.nat({ max: 0xffffffff }) }),
  fc.record({ tag: fc.constant(3 as const), digest: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
);

export function sigpackBytes(records: readonly SigRecord[]): Uint8Array {
  const body: number[] = [];
  for (const r of records) {
    const payload = r.tag === 2 ? [r.score >>> 24, (r.score >>> 16) & 255, (r.score >>> 8) & 255, r.score & 255] : r.tag === 3 ? [...r.digest] : [...enc.encode(r.text)];
    body.push(r.tag, payload.length >> 8, payload.length & 255, ...payload);
  }
  const head = new Uint8Array(14);
  const v = new DataView(head.buffer);
  v.setUint32(0, 0x53504b31);
  v.setUint16(4, 2);
  v.setUint16(8, records.length);
  v.setUint32(10, body.length);
  const all = new Uint8Array(14 + body.length + 4);
  all.set(head);
  all.set(body, 14);
  new DataView(all.buffer).setUint32(all.length - 4, crc32(all.subarray(0, all.length - 4)));
  return all;
}
