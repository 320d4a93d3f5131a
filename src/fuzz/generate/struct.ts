import { type AssertDef, type FieldDef, type IntType, type Scope, type StreamIo, type StructDef } from '../../schema/index.js';
import { below, bigBetween, chance, pick, type Source } from './choice.js';
import type { Gen } from './context.js';
import { caseIn, holds, touched, tryCount, tryValue } from './eval.js';
import { genArray } from './arrays.js';
import { genExtField, genOneExt } from './ext-gen.js';
import type { KeyHint } from './hints.js';
import { asValue, drawInt, fits, intRange } from './ints.js';
import type { FieldPlan, StructPlan } from './plan.js';
import type { Quick } from './quick-eval.js';
import { eqTarget, sizeOwnStream } from './ext-struct.js';
import { drawScope } from './scope.js';
import { drawString, sizedString } from './strings.js';

/** The unique key of the array an element belongs to, and the keys its earlier elements took. */
export interface Uniq { readonly key: string; readonly used: Set<string> }
/** What the fields of one struct share while it is generated. */
export interface Frame {
  keyHint: KeyHint | undefined;
  readonly uniq: Uniq | undefined;
  /** The size of the struct's own stream (a `size` substream), when known: `size_eos` and `repeat: eos` fill it. */
  readonly stream?: number | undefined;
  /** Its fields' plans, for measuring what is drawn before a field that takes the rest of the stream. */
  readonly fields?: readonly FieldPlan[] | undefined;
}

/** What a struct drawn by ext-gen.ts carries: its stream, its arguments, fields fixed in advance. */
export interface StructExtra {
  readonly io: StreamIo | undefined;
  readonly params: Record<string, unknown> | undefined;
  readonly stream: number | undefined;
  /** Fields set before the others are drawn (the value a repeat_until ends on). */
  readonly preset: Record<string, unknown> | undefined;
}


/** A struct value; regenerated (a few times) while one of its asserts fails, unless the file is noisy. */
export function genStruct(g: Gen, struct: StructDef, parent: Scope | null, index: number | undefined, uniq?: Uniq, extra?: StructExtra): Record<string, unknown> {
  const attempts = parent ? 10 : 3;
  const mark = g.pins.length;
  const early = g.provisional.length;
  const sp = structPlan(g, struct);
  // Reused by every attempt: neither outlives it.
  const frame: Frame = extra ? { keyHint: undefined, uniq, stream: extra.stream, fields: sp.fields } : { keyHint: undefined, uniq };
  const asserts: AssertDef[] = [];
  for (let a = 1; ; a++) {
    // Setting an array's length is a builtin call even when it does not change it.
    if (g.pins.length !== mark) g.pins.length = mark;
    if (g.provisional.length !== early) g.provisional.length = early;
    const obj: Record<string, unknown> = extra?.preset ? { ...extra.preset } : {};
    const scope = drawScope(parent, obj, index, struct.lets, extra);
    if (asserts.length) asserts.length = 0;
    for (const x of struct.asserts) asserts.push(x);
    frame.keyHint = undefined;
    fillPlanned(g, sp, obj, scope, frame, asserts, sp.distinct && !extra?.preset);
    if (extra?.io) sizeOwnStream(sp, obj, scope, frame);
    deriveEarly(g, sp, obj, scope);
    if (a >= attempts || asserts.length === 0 || chance(g.src, g.noise * 4) || judged(sp.judges, asserts, scope)) return obj;
  }
}


/** Every judgeable assert holds (or cannot be computed yet), checked in order. */
function judged(judges: ReadonlyMap<AssertDef, Quick>, asserts: readonly AssertDef[], scope: Scope): boolean {
  for (const x of asserts) {
    const judge = judges.get(x);
    if (judge && judge(scope) === false) return false;
  }
  return true;
}

function structPlan(g: Gen, struct: StructDef): StructPlan {
  // A struct outside schema.types (never, for loaded schemas) is planned from its fields' plans.
  return g.plan.structs.get(struct) ?? { fields: struct.fields.map((f) => g.plan.fields.get(f)!), early: [], distinct: false, judges: g.plan.judges };
}

/**
 * Computes the derived fields of a finished struct that need no layout (counts such as
 * `len(field_kinds)`, constants), so that later rules can read them; `finish` removes them.
 */
function deriveEarly(g: Gen, sp: StructPlan, obj: Record<string, unknown>, scope: Scope): void {
  for (const p of sp.early) {
    const f = p.def;
    if (obj[f.id] !== undefined) continue;
    const v = tryValue(f.derive!, scope);
    if (typeof v !== 'number' && typeof v !== 'bigint') continue;
    obj[f.id] = v;
    g.provisional.push({ obj, key: p.key });
  }
  touched(scope);
}

/** Removes what `deriveEarly` added: the encoder derives it again from the final value. */
export function finish(g: Gen): void {
  // Last added, first deleted, by a unique-string key: V8 then deletes the newest property of an
  // object without turning it into a (slow) dictionary. The fields left, and their order, are the same.
  for (let i = g.provisional.length - 1; i >= 0; i--) {
    const s = g.provisional[i]!;
    delete s.obj[s.key];
  }
  g.provisional.length = 0;
}

/** Generates the fields of `struct` (and of the inline cases it selects) that `obj` lacks and the encoder does not derive. */
export function fillFields(g: Gen, struct: StructDef, obj: Record<string, unknown>, scope: Scope, frame: Frame, asserts: AssertDef[]): void {
  fillPlanned(g, structPlan(g, struct), obj, scope, frame, asserts, false);
}

/** fillFields; `fresh`: `obj` is new and no two fields share an id, so none is set before it is drawn. */
function fillPlanned(g: Gen, sp: StructPlan, obj: Record<string, unknown>, scope: Scope, frame: Frame, asserts: AssertDef[], fresh: boolean): void {
  for (const p of sp.fields) {
    const f = p.def;
    if (p.cases && f.inline) {
      const c = caseIn(p, scope);
      if (c) {
        for (const x of c.asserts) asserts.push(x);
        fillPlanned(g, structPlan(g, c), obj, scope, frame, asserts, fresh);
      }
      continue;
    }
    if (p.skip) {
      if (p.pinnable) g.pins.push({ obj, field: f });
      continue;
    }
    if (!fresh && obj[f.id] !== undefined) continue;
    obj[f.id] = p.ext ? genExtField(g, f, p, scope, frame) : f.repeat ? genArray(g, f, p, scope, frame) : genOne(g, f, p, scope, frame, undefined);
    touched(scope);
    if (frame.uniq?.key === f.id) frame.keyHint = g.keyed.get(Number(obj[f.id]));
  }
}

/** One value (or one element of a repeated field). */
export function genOne(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame, index: number | undefined): unknown {
  const t = f.type;
  if (p.ext && t.kind !== 'int') return genOneExt(g, f, p, scope, frame, index);
  switch (t.kind) {
    case 'int':
      if (frame.uniq?.key === f.id) return drawKey(g, f, p, t.int, frame.uniq);
      return intFor(g, f, p, t.int, scope);
    case 'str': {
      const n = f.view || !f.size || !p.sizeKnown || chance(g.src, g.noise) ? undefined : tryCount(f.size, scope);
      return n === undefined ? drawString(g.src, f.pattern !== undefined, g.hostile, g.maxString) : sizedString(g.src, n);
    }
    case 'bytes': {
      const n = (f.size && p.sizeKnown && !chance(g.src, g.noise) ? tryCount(f.size, scope) : undefined) ?? below(g.src, 17);
      return randomBytes(g.src, Math.min(n, 1 << 16));
    }
    case 'bits': return undefined; // always ext
    case 'struct': return genStruct(g, p.struct!, scope, index);
    case 'switch': {
      const c = caseIn(p, scope);
      return c ? genStruct(g, c, scope, index) : {};
    }
  }
}

function intFor(g: Gen, f: FieldDef, p: FieldPlan, t: IntType, scope: Scope): number | bigint {
  const en = p.en;
  if (p.lookups.length && !chance(g.src, g.noise * 3)) {
    const keys = keysOf(tryValue(p.lookups[0]!.arr, scope), p.lookups[0]!.key).filter((k) => fits(k, t));
    if (keys.length) return asValue(pick(g.src, keys), t);
  }
  if (p.eqs.length && g.plan.anyExt) {
    const same = eqTarget(p, scope);
    if (same !== undefined && fits(same, t) && !chance(g.src, g.noise * 3)) return asValue(same, t);
  }
  let v = drawInt(g.src, f, t, en, g.ints, g.noise);
  if (p.checks.length) {
    const obj = scope.object as Record<string, unknown>;
    for (let i = 0; i < 3; i++) {
      obj[f.id] = asValue(v, t);
      touched(scope);
      if (p.checks.every((c) => holds(c, scope))) break;
      v = drawInt(g.src, f, t, en, g.ints, g.noise);
    }
  }
  return asValue(v, t);
}


/** The unique key of an array element: a hinted key not used yet, mostly; never a repeat unless noisy. */
function drawKey(g: Gen, f: FieldDef, p: FieldPlan, t: IntType, uniq: Uniq): number | bigint {
  if (g.keys.length && !chance(g.src, 0.2)) {
    const free = g.keys.filter((k) => !uniq.used.has(String(k)) && fits(BigInt(k), t));
    if (free.length) return asValue(BigInt(pick(g.src, free)), t);
  }
  const en = p.en;
  let v = drawInt(g.src, f, t, en, g.ints, g.noise);
  for (let i = 0; i < 3 && uniq.used.has(String(v)); i++) v = drawInt(g.src, f, t, en, g.ints, g.noise);
  if (uniq.used.has(String(v)) && !chance(g.src, g.noise * 4)) v = bigBetween(g.src, ...intRange(t));
  return asValue(v, t);
}

function keysOf(arr: unknown, key: string): bigint[] {
  const out: bigint[] = [];
  if (!Array.isArray(arr)) return out;
  for (const el of arr) {
    const k = typeof el === 'object' && el !== null ? (el as Record<string, unknown>)[key] : undefined;
    if (typeof k === 'number' && Number.isInteger(k)) out.push(BigInt(k));
    else if (typeof k === 'bigint') out.push(k);
  }
  return out;
}

export function randomBytes(src: Source, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = src.u32() & 0xff;
  return b;
}
