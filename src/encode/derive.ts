import { EvalError, elementScope, evaluate, type CompiledExpr, type Scope } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { SLOW, fastSize } from './fast-expr.js';
import { toBits, toInt } from './int.js';
import { ChildPath, pathOf, type LazyPath } from './locations.js';
import { resolveConds } from './conds.js';
import { toBytes } from './normalize.js';
import { resetScopes, type Env, type Tree, type Visit } from './tree.js';

export { usesLayout } from './layout-exprs.js';

const MISSING = 'missing (and the schema has no derive for it)';

/** A field still without a value, and why (its path is built only if a message needs it). */
export interface Pending { readonly where: LazyPath; readonly reason: string }

/**
 * Derives every absent field it can, going over them again while that makes progress on
 * fields that failed. In the 'values' phase, derivations that need the layout
 * (offsetof, sizeof, end, _io) are left for the 'layout' phase. Only the fields normalize
 * left incomplete are visited (in traversal order); those completed since are dropped.
 */
export function deriveAll(tree: Tree, phase: 'values' | 'layout'): Pending[] {
  if (phase === 'layout' && tree.lateDerive.length) {
    tree.toDerive = merge(tree.toDerive, tree.lateDerive);
    tree.lateDerive = [];
  }
  for (;;) {
    resetScopes(tree);
    const pending: Pending[] = [];
    // `if` fields whose condition holds join the lists (values phase only: the layout is written after it).
    let progress = phase === 'values' && tree.conds.length > 0 && resolveConds(tree, pending);
    const list = tree.toDerive;
    let kept = 0;
    for (const v of list) {
      const r = deriveField(v, phase, pending, tree.env);
      if (r & PROGRESS) progress = true;
      if (r & INCOMPLETE) list[kept++] = v;
    }
    list.length = kept;
    if (!progress || pending.length === 0) return pending;
  }
}

/** Two lists of visits, each in traversal order, as one. */
export function merge(a: readonly Visit[], b: readonly Visit[]): Visit[] {
  const out: Visit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.seq < b[j]!.seq ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** An array the encoder fills by derivation has at most this many elements (the count can be a hostile pinned field). */
export const MAX_DERIVED_ELEMENTS = 1 << 20;

/** What deriveField did: derived something, and/or left something to derive. */
const PROGRESS = 1;
const INCOMPLETE = 2;

/** Derives what the field of `v` lacks (nothing, when it is complete: then it is dropped from the list). */
function deriveField(v: Visit, phase: 'values' | 'layout', pending: Pending[], env: Env): number {
  const { f, frame } = v;
  const { def } = f;
  const { obj } = frame;
  let progress = false;
  let incomplete = false;
  if (f.repeat) {
    if (obj[f.id] === undefined) {
      if (!f.derive) { pending.push({ where: v, reason: MISSING }); return INCOMPLETE; }
      try {
        const count = fastSize(def.repeat!, frame, env);
        // The count may be a pinned header field of a hostile file: never allocate what it claims.
        if (count > MAX_DERIVED_ELEMENTS) {
          throw new EncodeError(`${def.repeat!.source} is ${count}: more than ${MAX_DERIVED_ELEMENTS.toLocaleString('en-US')} elements to derive; give the array`, pathOf(new ChildPath(frame, f.id)));
        }
        obj[f.id] = new Array<unknown>(count).fill(undefined);
        progress = true;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        pending.push({ where: v, reason: `its length ${def.repeat!.source} cannot be computed yet: ${e.message}` });
        return INCOMPLETE;
      }
    }
    const arr = obj[f.id] as unknown[];
    for (let i = 0; i < arr.length; i++) {
      if (arr[i] !== undefined) continue;
      const value = attempt(f.derive!, v, i, phase, pending, env);
      if (value !== undefined) { arr[i] = value; progress = true; } else incomplete = true;
    }
  } else if (obj[f.id] === undefined) {
    if (!f.derive) { pending.push({ where: v, reason: MISSING }); return INCOMPLETE; }
    const value = attempt(f.derive, v, undefined, phase, pending, env);
    if (value !== undefined) { obj[f.id] = value; progress = true; } else incomplete = true;
  }
  // Lets computed before this field existed may be stale.
  if (progress && frame.builtScope) (frame.builtScope as { letCache?: unknown }).letCache = undefined;
  return (progress ? PROGRESS : 0) | (incomplete ? INCOMPLETE : 0);
}

/**
 * The derived value of the field of `v` (of its element `element`), or undefined (recorded in
 * `pending` unless it only waits for the layout).
 */
function attempt(expr: CompiledExpr, v: Visit, element: number | undefined, phase: 'values' | 'layout', pending: Pending[], env: Env): unknown {
  const { f, frame } = v;
  if (phase === 'values' && f.deriveUsesLayout) return undefined;
  // `_io` inside a sized struct is its substream, which the fast form (the file's size) does not know.
  const ownStream = f.deriveUsesIo && env.layout !== undefined && frame.stream.end - frame.stream.start !== env.ioSize;
  const fast = ownStream ? undefined : f.deriveFast; // of expr, the field's derive
  let value = fast ? fast(frame, element ?? frame.index, env) : SLOW;
  if (value === SLOW) {
    try {
      const scope = f.deriveUsesIo && env.layout ? ioScope(v, element, env.layout) : frame.scope;
      value = evaluate(expr, element === undefined ? scope : elementScope(scope, element));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      pending.push({ where: where(v, element), reason: `cannot derive ${expr.source}: ${e.message}` });
      return undefined;
    }
  }
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) {
    pending.push({ where: where(v, element), reason: `cannot derive ${expr.source}: it depends on a value not known yet` });
    return undefined;
  }
  const type = f.def.type;
  // Not quickInt for strings: enum names are for sources; a derive's value is taken literally.
  if (type.kind === 'int') return (typeof value === 'number' || typeof value === 'bigint' ? f.quickInt(value) : undefined) ?? toInt(value, type.int, where(v, element));
  if (type.kind === 'bytes') return toBytes(value, where(v, element));
  if (type.kind === 'bits') return toBits(value, type.bits, where(v, element));
  if (type.kind === 'str' && typeof value === 'string') return value;
  throw new EncodeError(`derive ${expr.source} gave a value that does not fit a ${type.kind} field`, pathOf(where(v, element)));
}

/** The scope of the field of `v` reading its stream as written: `_io.pos` is where the field is. */
function ioScope(v: Visit, element: number | undefined, layout: Uint8Array): Scope {
  const { frame } = v;
  const { start, end } = frame.stream;
  const at = element === undefined ? frame.locs[2 * v.pos] : frame.elems?.[v.pos]?.[2 * element];
  return frame.scopeWithIo({ bytes: layout, start, end, pos: at ?? start });
}

/** The path of the field of `v`, or of its element. */
const where = (v: Visit, element: number | undefined): LazyPath => (element === undefined ? v : new ChildPath(v, element));
