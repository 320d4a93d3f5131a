import type { EnumDef, FieldDef, IntType } from '../../schema/index.js';
import { INT_WIDTH } from '../../schema/index.js';
import { bigBetween, below, chance, pick, weighted, type Source } from './choice.js';

const RANGES: Record<IntType, readonly [bigint, bigint]> = {
  u1: [0n, 0xffn], u2: [0n, 0xffffn], u4: [0n, 0xffffffffn], u8: [0n, 0xffffffffffffffffn],
  s1: [-0x80n, 0x7fn], s2: [-0x8000n, 0x7fffn], s4: [-0x80000000n, 0x7fffffffn], s8: [-(2n ** 63n), 2n ** 63n - 1n],
};

export const intRange = (t: IntType): readonly [bigint, bigint] => RANGES[t];

/** The decoder's convention: number up to 4 bytes, bigint for 8. */
export function asValue(n: bigint, t: IntType): number | bigint {
  return INT_WIDTH[t] === 8 ? n : Number(n);
}

/** Boundary values of a type: 0, max, max-1, sign edges (built once per type, not per draw). */
const EDGES = {} as Record<IntType, readonly bigint[]>;
for (const t of Object.keys(RANGES) as IntType[]) {
  const [lo, hi] = RANGES[t];
  EDGES[t] = [hi, 0n, hi - 1n, lo, hi >> 1n, (hi >> 1n) + 1n, 0xffn, 0x100n, 0x7fn, 0x80n];
}

function typeEdge(src: Source, t: IntType): bigint {
  const v = pick(src, EDGES[t]);
  return fits(v, t) ? v : RANGES[t][1];
}

/** An integer anyone might care about: small, a hint, a type edge, or anything. */
export function edgeInt(src: Source, t: IntType, hints: readonly number[]): bigint {
  switch (weighted(src, [3, 3, 2, 2])) {
    case 0: return BigInt(below(src, 4));
    case 1: {
      const h = hints.length ? BigInt(pick(src, hints)) : 0n;
      return fits(h, t) ? h : typeEdge(src, t);
    }
    case 2: return typeEdge(src, t);
    default: return bigBetween(src, RANGES[t][0], RANGES[t][1]);
  }
}

export function fits(n: bigint, t: IntType): boolean {
  const r = RANGES[t];
  return n >= r[0] && n <= r[1];
}

/**
 * An integer for field `f` (one of its elements when repeated), shaped by its `valid` rules and
 * enum: well-formed, or (with probability `noise`) just outside what the rules allow.
 */
export function drawInt(src: Source, f: FieldDef, t: IntType, en: EnumDef | undefined, hints: readonly number[], noise: number): bigint {
  const out = chance(src, noise);
  let v: bigint | undefined;
  for (const rule of f.valid) {
    const r = rule.rule;
    if (r.kind === 'eq') v = out ? r.value + pick(src, [1n, -1n, 0x100n]) : r.value;
    else if (r.kind === 'in' && r.values.length) v = out ? edgeInt(src, t, hints) : pick(src, r.values);
    else if (r.kind === 'mask') v = out ? r.allowed + 1n + bigBetween(src, 0n, 0xffn) : bigBetween(src, 0n, RANGES[t][1]) & (chance(src, 0.5) ? r.allowed : 0n);
    else if (r.kind === 'range') v = inRange(src, t, r.min ?? RANGES[t][0], r.max ?? RANGES[t][1], hints, out);
    else continue;
    break;
  }
  if (v === undefined && en && en.byValue.size) v = enumValue(src, en, out);
  if (v === undefined) v = edgeInt(src, t, hints);
  return fits(v, t) ? v : bigBetween(src, RANGES[t][0], RANGES[t][1]);
}

function inRange(src: Source, t: IntType, min: bigint, max: bigint, hints: readonly number[], out: boolean): bigint {
  if (out) return chance(src, 0.5) ? max + 1n : min - 1n;
  switch (weighted(src, [3, 2, 2, 2])) {
    case 0: return min + BigInt(below(src, 4)) > max ? min : min + BigInt(below(src, 4));
    case 1: {
      const ok = hints.filter((h) => BigInt(h) >= min && BigInt(h) <= max);
      return ok.length ? BigInt(pick(src, ok)) : min;
    }
    case 2: return chance(src, 0.5) ? max : min;
    default: return bigBetween(src, min, max > RANGES[t][1] ? RANGES[t][1] : max);
  }
}

/** An enum's values and some it does not define, as bigints once (not one BigInt per draw). */
const ENUMS = new WeakMap<EnumDef, { values: bigint[]; outside: bigint[] }>();

/** An enum's value (its first one more often: often the wildcard or default), or an undefined one. */
export function enumValue(src: Source, en: EnumDef, out: boolean): bigint {
  let e = ENUMS.get(en);
  if (!e) {
    const values = [...en.byValue.keys()];
    const top = Math.max(...values);
    const outside = [top + 1, top + 2, 0xff, 0x7f, ...[0, 1, 2, 3].filter((x) => !en.byValue.has(x))];
    ENUMS.set(en, (e = { values: values.map((x) => BigInt(x)), outside: outside.map((x) => BigInt(x)) }));
  }
  const { values } = e;
  if (out) return pick(src, e.outside);
  return chance(src, 0.25) ? values[0]! : pick(src, values);
}
