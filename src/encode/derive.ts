import { crc32 } from 'node:zlib';
import type { FieldPath } from '../findings/index.js';
import {
  EvalError, elementScope, evaluate, evaluateSize,
  type CompiledExpr, type Expr, type FieldType, type FormatSchema, type Locate, type Scope,
} from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { toInt, writeInt } from './int.js';
import { ChildPath, pathOf, type LazyPath, type Locations } from './locations.js';
import { toBytes } from './normalize.js';
import { walk, type FieldVisit } from './walk.js';

const MISSING = 'missing (and the schema has no derive for it)';

/** A field still without a value, and why. */
export interface Pending { readonly path: FieldPath; readonly reason: string }

/**
 * Derives every absent field it can, walking the tree again while that makes progress on
 * fields that failed. In the 'values' phase, derivations that need the layout
 * (offsetof, sizeof, end, _io) are left for the 'layout' phase.
 */
export function deriveAll(schema: FormatSchema, root: Record<string, unknown>, phase: 'values' | 'layout', ioSize: number, locate: Locate): Pending[] {
  for (;;) {
    let progress = false;
    const pending: Pending[] = [];
    walk(schema, root, ioSize, locate, (v) => {
      if (deriveField(v, phase, pending)) progress = true;
    });
    if (!progress || pending.length === 0) return pending;
  }
}

function deriveField(v: FieldVisit, phase: 'values' | 'layout', pending: Pending[]): boolean {
  const { field: f, obj, scope } = v;
  if (f.view || f.checksum) return false;
  let progress = false;
  if (f.repeat) {
    if (obj[f.id] === undefined) {
      if (!f.derive) { pending.push({ path: v.path, reason: MISSING }); return false; }
      try {
        obj[f.id] = new Array<unknown>(evaluateSize(f.repeat, scope)).fill(undefined);
        progress = true;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        pending.push({ path: v.path, reason: `its length ${f.repeat.source} cannot be computed yet: ${e.message}` });
        return false;
      }
    }
    const arr = obj[f.id] as unknown[];
    for (let i = 0; i < arr.length; i++) {
      if (arr[i] !== undefined) continue;
      const value = attempt(f.derive!, elementScope(scope, i), phase, new ChildPath(v.path, i), f.type, pending);
      if (value !== undefined) { arr[i] = value; progress = true; }
    }
  } else if (obj[f.id] === undefined) {
    if (!f.derive) { pending.push({ path: v.path, reason: MISSING }); return false; }
    const value = attempt(f.derive, scope, phase, v, f.type, pending);
    if (value !== undefined) { obj[f.id] = value; progress = true; }
  }
  if (progress) delete scope.letCache; // lets computed before this field existed may be stale
  return progress;
}

/** The derived value, or undefined (recorded in `pending` unless it only waits for the layout). */
function attempt(expr: CompiledExpr, scope: Scope, phase: 'values' | 'layout', path: LazyPath, type: FieldType, pending: Pending[]): unknown {
  if (phase === 'values' && usesLayout(expr)) return undefined;
  let v: unknown;
  try {
    v = evaluate(expr, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    pending.push({ path: pathOf(path), reason: `cannot derive ${expr.source}: ${e.message}` });
    return undefined;
  }
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) {
    pending.push({ path: pathOf(path), reason: `cannot derive ${expr.source}: it depends on a value not known yet` });
    return undefined;
  }
  if (type.kind === 'int') return toInt(v, type.int, path);
  if (type.kind === 'bytes') return toBytes(v, pathOf(path));
  if (type.kind === 'str' && typeof v === 'string') return v;
  throw new EncodeError(`derive ${expr.source} gave a value that does not fit a ${type.kind} field`, pathOf(path));
}

const LAYOUT = new WeakMap<CompiledExpr, boolean>();

/** Does the expression read the layout (offsetof, sizeof, end, _io)? */
export function usesLayout(expr: CompiledExpr): boolean {
  let r = LAYOUT.get(expr);
  if (r === undefined) LAYOUT.set(expr, (r = mentionsLayout(expr.ast)));
  return r;
}

function mentionsLayout(e: Expr): boolean {
  switch (e.kind) {
    case 'name': return e.name === '_io';
    case 'member': return mentionsLayout(e.object);
    case 'index': return mentionsLayout(e.object) || mentionsLayout(e.index);
    case 'call': return e.fn === 'offsetof' || e.fn === 'sizeof' || e.fn === 'end' || e.args.some(mentionsLayout);
    case 'unary': return mentionsLayout(e.operand);
    case 'binary': return mentionsLayout(e.left) || mentionsLayout(e.right);
    case 'cond': return mentionsLayout(e.test) || mentionsLayout(e.then) || mentionsLayout(e.else);
    default: return false;
  }
}

/** Fills absent checksum fields, in declaration order, and patches them into `bytes`. */
export function applyChecksums(schema: FormatSchema, root: Record<string, unknown>, bytes: Uint8Array, locations: Locations): void {
  walk(schema, root, bytes.length, locations.locate(root), (v) => {
    const { field: f, obj, scope } = v;
    if (!f.checksum || obj[f.id] !== undefined) return;
    if (f.type.kind !== 'int' || f.repeat) throw new EncodeError('a checksum field must be a single integer', v.path);
    let from: number;
    let to: number;
    try {
      from = evaluateSize(f.checksum.from, scope);
      to = evaluateSize(f.checksum.to, scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      throw new EncodeError(`cannot compute the checksum range: ${e.message}`, v.path);
    }
    if (from > to || to > bytes.length) throw new EncodeError(`checksum range ${from}..${to} is outside the ${bytes.length} bytes`, v.path);
    const value = toInt(crc32(bytes.subarray(from, to)), f.type.int, v);
    obj[f.id] = value;
    const loc = locations.get(obj, f.id);
    if (!loc) throw new EncodeError('the checksum field was not written', v.path);
    writeInt(bytes, loc.offset, value, f.type.int, f.type.endian === 'le');
  });
}
