import { evaluateSize, type CompiledExpr, type Expr } from '../schema/index.js';
import type { Env, Frame } from './tree.js';

/** What a fast evaluation returns when it cannot answer: the general evaluator must. */
export const SLOW: unique symbol = Symbol('slow');

/**
 * Evaluates one expression shape directly on the frames, for `frame` with `_index` = `index`.
 * Returns exactly what `evaluate` would, or SLOW. Its shapes (literals, own fields, `_root.x`,
 * `_parent.x`, `_io.size`, `len`, `offsetof`/`sizeof`/`end` of a field or `x[_index]`, `+`, `-`)
 * are the derive, case and checksum expressions of typical schemas; everything unusual (a let,
 * an absent field, an error) returns SLOW, and the general evaluator (with a scope) then gives
 * the value or the error. Fast paths read and memoize nothing, so falling back is always safe.
 */
export type Fast = (frame: Frame, index: number | undefined, env: Env) => unknown;

const FAST = new WeakMap<CompiledExpr, Fast | null>();
const own = Object.prototype.hasOwnProperty;

/** The fast evaluation of `expr`, or undefined when its shape has none. */
export function fastOf(expr: CompiledExpr): Fast | undefined {
  let f = FAST.get(expr);
  if (f === undefined) FAST.set(expr, (f = compile(expr.ast) ?? null));
  return f ?? undefined;
}

/** evaluateSize for `frame` (the general one, with its scope, unless the fast form gives a usable size). */
export function fastSize(expr: CompiledExpr, frame: Frame, env: Env): number {
  const v = fastOf(expr)?.(frame, frame.index, env);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : evaluateSize(expr, frame.scope);
}

/** The field `x` of `_root.x`, the only shape of a view's region the pools answer without a scope. */
export function rootFieldOf(expr: CompiledExpr): string | undefined {
  const e = expr.ast;
  return e.kind === 'member' && e.object.kind === 'name' && e.object.name === '_root' && plain(e.name) ? e.name : undefined;
}

/** A field name the evaluator looks up as an own field first (not _root, _index, ...). */
const plain = (name: string): boolean => name.charCodeAt(0) !== 95;

/** The value of own field `name`; SLOW when absent (it may be a let, or an error). */
function field(obj: Record<string, unknown>, name: string): unknown {
  if (!own.call(obj, name)) return SLOW;
  const v = obj[name];
  return v === undefined ? SLOW : v;
}

type Holder = (frame: Frame, env: Env) => Frame | undefined;

/** The frame whose fields `e` names: the current one, `_root` or `_parent`. */
function holder(e: Expr): Holder | undefined {
  if (e.kind !== 'name') return undefined;
  if (e.name === '_root') return (_f, env) => env.root;
  if (e.name === '_parent') return (f) => f.parent;
  return undefined;
}

function compile(e: Expr): Fast | undefined {
  switch (e.kind) {
    case 'int': {
      const v = Number.isSafeInteger(Number(e.value)) ? Number(e.value) : e.value;
      return () => v;
    }
    case 'name': {
      const { name } = e;
      if (name === '_index') return (_f, index) => (index === undefined ? SLOW : index);
      return plain(name) ? (f) => field(f.obj, name) : undefined;
    }
    case 'member': {
      const { name } = e;
      if (e.object.kind === 'name' && e.object.name === '_io' && name === 'size') return (_f, _i, env) => env.ioSize;
      const at = holder(e.object);
      if (!at || !plain(name)) return undefined;
      return (f, _i, env) => {
        const h = at(f, env);
        return h ? field(h.obj, name) : SLOW;
      };
    }
    case 'call': return call(e.fn, e.args);
    case 'binary': {
      if (e.op !== '+' && e.op !== '-') return undefined;
      const l = compile(e.left);
      const r = compile(e.right);
      if (!l || !r) return undefined;
      const minus = e.op === '-';
      return (f, i, env) => {
        const a = l(f, i, env);
        if (typeof a !== 'number' || !Number.isSafeInteger(a)) return SLOW;
        const b = r(f, i, env);
        if (typeof b !== 'number' || !Number.isSafeInteger(b)) return SLOW;
        const x = minus ? a - b : a + b;
        // Exact while safe; the evaluator would give a bigint beyond, and never -0.
        return Number.isSafeInteger(x) ? x + 0 : SLOW;
      };
    }
    default: return undefined;
  }
}

function call(fn: string, args: readonly Expr[]): Fast | undefined {
  if (args.length !== 1) return undefined;
  if (fn === 'len') {
    const a = compile(args[0]!);
    if (!a) return undefined;
    return (f, i, env) => {
      const v = a(f, i, env);
      if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
      return typeof v === 'string' ? utf8Length(v) : SLOW;
    };
  }
  if (fn !== 'offsetof' && fn !== 'sizeof' && fn !== 'end') return undefined;
  const where = placeOf(args[0]!);
  if (!where) return undefined;
  return (f, i, env) => {
    if (!env.locations) return SLOW; // before the layout, the evaluator's locate knows nothing
    const pairs = where(f, i, env);
    if (!pairs) return SLOW;
    const offset = pairs[2 * spot];
    const size = pairs[2 * spot + 1];
    if (offset === undefined || size === undefined) return SLOW;
    return fn === 'offsetof' ? offset : fn === 'sizeof' ? size : offset + size;
  };
}

/**
 * Where a field or element was written: the pairs array holding it (see Frame.locs), with its
 * slot left in `spot` (rather than in a new object: this runs for every offset derived).
 */
type Place = (frame: Frame, index: number | undefined, env: Env) => readonly number[] | undefined;
let spot = 0;

/** Where the field a reference names was written: `x`, `_root.x`, `_parent.x` or `x[_index]`. */
function placeOf(e: Expr): Place | undefined {
  if (e.kind === 'name' && plain(e.name)) {
    const { name } = e;
    return (f) => ownPlace(f, name);
  }
  if (e.kind === 'member' && plain(e.name)) {
    const at = holder(e.object);
    const { name } = e;
    return at ? (f, _i, env) => { const h = at(f, env); return h ? ownPlace(h, name) : undefined; } : undefined;
  }
  if (e.kind === 'index' && e.object.kind === 'name' && plain(e.object.name) && e.index.kind === 'name' && e.index.name === '_index') {
    const { name } = e.object;
    return (f, index) => {
      const v = f.obj[name];
      const pos = f.flat.posOf.get(name);
      if (index === undefined || pos === undefined || !own.call(f.obj, name) || !Array.isArray(v) || index >= v.length || !f.flat.fields[pos]!.repeat) return undefined;
      spot = index;
      return f.elems?.[pos];
    };
  }
  return undefined;
}

function ownPlace(f: Frame, name: string): readonly number[] | undefined {
  const pos = f.flat.posOf.get(name);
  if (pos === undefined || !own.call(f.obj, name)) return undefined;
  spot = pos;
  return f.locs;
}

/** The length of the UTF-8 that TextEncoder gives (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
