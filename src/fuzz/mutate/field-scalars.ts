import { formatPath } from '../../findings/index.js';
import type { FieldDef, FormatSchema, IntType, Scope, StructDef } from '../../schema/index.js';
import type { Rng } from '../_internals/rng.js';
import { HOSTILE_STRINGS, drawInt, drawString, edgeInt, fillMissing, generateStruct, intRange } from '../generate/index.js';
import { drawBits } from '../generate/bits.js';
import { caseOf, touched } from '../generate/eval.js';
import { planFor } from '../generate/plan.js';
import { quickOf } from '../generate/quick-eval.js';
import { fitString } from './field-text.js';
import type { MutationContext } from './context.js';
import type { Node } from './nodes.js';
import { isRecord } from './slots.js';

/** Changes an int, str or bytes node in place; returns its `how`. */
export function mutateValue(node: Node, rng: Rng, ctx: MutationContext): string {
  const f = node.field;
  const cur = node.holder[node.key as never] as unknown;
  const t = f.type;
  let shown: string;
  if (t.kind === 'int') {
    const v = newInt(cur, f, t.int, rng, ctx);
    set(node, v);
    const name = f.enumName ? ctx.schema.enums.get(f.enumName)?.byValue.get(Number(v)) : undefined;
    shown = name ?? String(v);
    if (isRecord(node.holder)) reconcile(ctx, rng, node.slot.struct, node.holder, node.slot.scope, rng.chance(0.3));
  } else if (t.kind === 'bits') {
    const v = newBits(cur, f, t.bits, rng, ctx);
    set(node, v);
    shown = String(v);
    if (isRecord(node.holder)) reconcile(ctx, rng, node.slot.struct, node.holder, node.slot.scope, rng.chance(0.3));
  } else if (t.kind === 'str') {
    const plan = planFor(ctx.schema).fields.get(f);
    const [v, what] = plan?.tagKeys && rng.chance(0.5) ? otherKey(cur, plan.tagKeys, rng) : newString(cur, f.pattern !== undefined, rng);
    set(node, fitString(v, f, rng));
    shown = what;
    // A text switch tag: the payload follows its new case (or, sometimes, is dropped and redrawn).
    if (plan?.tagKeys && isRecord(node.holder)) reconcile(ctx, rng, node.slot.struct, node.holder, node.slot.scope, rng.chance(0.3));
  } else {
    const b = cur instanceof Uint8Array ? cur : new Uint8Array(0);
    const n = rng.chance(0.5) ? rng.int(0, 40) : b.length;
    const out = new Uint8Array(n);
    out.set(b.subarray(0, n));
    if (n > 0) out[rng.below(n)] = rng.below(256);
    set(node, out);
    shown = `bytes(${n})`;
    if (planFor(ctx.schema).fields.get(f)?.tagKeys && isRecord(node.holder)) reconcile(ctx, rng, node.slot.struct, node.holder, node.slot.scope, rng.chance(0.3));
  }
  return `${formatPath(node.path)}=${shown}`;
}

const set = (node: Node, v: unknown): void => {
  (node.holder as Record<string | number, unknown>)[node.key] = v;
};

function newInt(cur: unknown, f: FieldDef, t: IntType, rng: Rng, ctx: MutationContext): number | bigint {
  const en = f.enumName ? ctx.schema.enums.get(f.enumName) : undefined;
  const [lo, hi] = intRange(t);
  const c = typeof cur === 'bigint' ? cur : BigInt(typeof cur === 'number' ? cur : 0);
  let v: bigint;
  const x = rng.below(8);
  if (en && rng.chance(0.5)) {
    const others = [...en.byValue.keys()].filter((k) => BigInt(k) !== c);
    v = others.length ? BigInt(rng.pick(others)) : drawInt(rng, f, t, en, ctx.hints.ints, 1);
  } else if (x < 3) v = edgeInt(rng, t, ctx.hints.ints);
  else if (x < 5) v = c + BigInt(rng.chance(0.7) ? 1 : rng.int(2, 16)) * (rng.chance(0.5) ? 1n : -1n);
  else if (x < 7) v = drawInt(rng, f, t, en, ctx.hints.ints, 0.3);
  else v = rng.chance(0.5) ? lo : hi;
  if (v < lo) v = hi;
  if (v > hi) v = lo;
  return t === 'u8' || t === 's8' ? v : Number(v);
}

function newString(cur: unknown, isPattern: boolean, rng: Rng): [string | Uint8Array, string] {
  const s = typeof cur === 'string' ? cur : '';
  switch (rng.below(7)) {
    case 0: case 1: {
      const v = drawString(rng, isPattern, 0.35, 300);
      return [v, typeof v === 'string' ? `str(${Buffer.byteLength(v)})` : 'bytes(non-utf8)'];
    }
    case 2: {
      const v = rng.pick(HOSTILE_STRINGS);
      return [v, `hostile(${Buffer.byteLength(v)})`];
    }
    case 3: {
      const target = rng.pick([255, 256, 257, 300]);
      const pad = s.length ? s : 'a';
      const v = pad.repeat(Math.ceil(target / pad.length)).slice(0, target);
      return [v, `grow(${Buffer.byteLength(v)})`];
    }
    case 4: {
      const v = s.slice(0, rng.below(s.length + 1));
      return [v, `shrink(${v.length})`];
    }
    case 5: {
      const at = rng.int(0, s.length);
      const v = s.slice(0, at) + rng.pick(['(', '[', '*', '+', '\\', ')', '{', '?', '|', '$', '^', '\u0000']) + s.slice(at);
      return [v, `meta@${at}`];
    }
    default: {
      const v = s + s;
      return [v, `double(${Buffer.byteLength(v)})`];
    }
  }
}

/**
 * After a field of `obj` changed: removes the fields no longer selected by its switches (all
 * case fields when `drop`), replaces a nested switch value of another case, and generates the
 * payload the new cases need. This is the "change an opcode, keep or drop its payload" fixup.
 */
export function reconcile(ctx: MutationContext, rng: Rng, struct: StructDef, obj: Record<string, unknown>, scope: Scope, drop: boolean): void {
  touched(scope);
  const allowed = new Set<string>();
  allow(ctx.schema, struct, obj, scope, allowed, drop, rng, ctx);
  for (const k of Object.keys(obj)) if (!allowed.has(k)) delete obj[k];
  for (const f of struct.fields) if (f.cond) follow(f, obj, scope, rng);
  fillMissing(ctx.schema, ctx.hints, rng, struct, obj, scope);
}

function allow(schema: FormatSchema, s: StructDef, obj: Record<string, unknown>, scope: Scope, allowed: Set<string>, drop: boolean, rng: Rng, ctx: MutationContext): void {
  for (const f of s.fields) {
    if (f.type.kind !== 'switch') {
      allowed.add(f.id);
      continue;
    }
    const c = caseOf(schema, f, scope);
    if (f.inline) {
      if (c && !drop) allow(schema, c, obj, scope, allowed, drop, rng, ctx);
      continue;
    }
    allowed.add(f.id);
    const child = obj[f.id];
    if (f.repeat || !isRecord(child)) continue;
    const ids = new Set(c ? c.fields.map((x) => x.id) : []);
    if (drop || Object.keys(child).some((k) => !ids.has(k))) obj[f.id] = c ? generateStruct(schema, ctx.hints, rng, c, scope) : {};
  }
}

/**
 * An `if` field after a field its condition reads changed: mostly it follows the condition (a
 * null one that now holds is drawn by fillMissing, a present one that no longer holds becomes
 * null); sometimes it stays as it was, a near miss.
 */
function follow(f: FieldDef, obj: Record<string, unknown>, scope: Scope, rng: Rng): void {
  const holds = quickOf(f.cond!)(scope);
  const v = obj[f.id];
  if (holds === true && v === null && rng.chance(0.8)) delete obj[f.id];
  else if (holds === false && v !== null && v !== undefined && rng.chance(0.8)) obj[f.id] = null;
}

function newBits(cur: unknown, f: FieldDef, bits: number, rng: Rng, ctx: MutationContext): number | bigint {
  const hi = (1n << BigInt(bits)) - 1n;
  const c = typeof cur === 'bigint' ? cur : BigInt(typeof cur === 'number' ? cur : 0);
  let v: bigint;
  const x = rng.below(4);
  if (x === 0) v = rng.pick([0n, 1n, hi, hi - 1n, hi >> 1n]);
  else if (x === 1) v = c + (rng.chance(0.5) ? 1n : -1n);
  else {
    const d = drawBits(rng, f, bits, f.enumName ? ctx.schema.enums.get(f.enumName) : undefined, ctx.hints.ints, 0.3);
    v = BigInt(d);
  }
  v &= hi;
  return bits > 32 ? v : Number(v);
}

/** Another case key of a text switch tag (a case the file did not take), or the same text changed. */
function otherKey(cur: unknown, keys: readonly (number | string)[], rng: Rng): [string, string] {
  const texts = keys.filter((k): k is string => typeof k === 'string' && k !== cur);
  const v = texts.length ? rng.pick(texts) : `${typeof cur === 'string' ? cur : ''}x`;
  return [v, `key(${v})`];
}
