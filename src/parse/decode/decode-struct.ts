import { MAX_NESTING } from '../../budget/limits.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import { childScope, rememberScopeExtra, type FieldDef, type Scope, type ScopeExtra, type StructDef } from '../../schema/index.js';
import { STOP, Stop, type DecodeContext } from './decode-context.js';
import { decodeArray, decodePlaced } from './decode-array.js';
import { SkipTo, evalBool, type Slot } from './decode-common.js';
import { decodeOne } from './decode-one.js';
import { streamOf } from './stream.js';

/**
 * Decodes `struct` at `offset` into a new object placed in `slot`; returns it and where it ended.
 * `extra` gives it its own stream (a substream, decompressed bytes) or parameters; both are
 * remembered with the object, so checks that build its scope again after the decode see them.
 * A failure inside a sequence stops that sequence but not fields placed with `at`,
 * which do not depend on the cursor.
 */
export function decodeStruct(ctx: DecodeContext, struct: StructDef, offset: number, slot: Slot, parent: Scope, index: number | undefined, extra?: ScopeExtra): { obj: Record<string, unknown>; end: number } {
  const obj: Record<string, unknown> = {};
  const path = [...slot.parentPath, slot.key];
  const scope = childScope(parent, obj, path, index, struct.lets, extra);
  if (extra) rememberScopeExtra(obj, extra);
  const io = streamOf(scope);
  ctx.placeIn(io, slot.container, slot.key, offset, 0);
  ctx.locations.enter(slot.container, slot.key, obj);
  try {
    const end = nested(ctx, path, offset, () => decodeFieldsInto(ctx, struct, obj, offset, path, scope));
    ctx.placeIn(io, slot.container, slot.key, offset, Math.max(0, end - offset));
    ctx.locations.leave(slot.container, slot.key);
    return { obj, end };
  } catch (e) {
    if (e instanceof Stop) {
      ctx.partial.add(formatPath(path));
      ctx.placeIn(io, slot.container, slot.key, offset, 0, true);
      attach(slot, obj);
    }
    throw e;
  }
}

/**
 * A struct that stopped part-way still goes in its slot, with what it did read, so the checks
 * can report on those fields (a bad length at the length, not only the truncation it caused).
 * `isPartial` marks it; an array's element goes at its own index (the array ends there).
 */
function attach(slot: Slot, obj: Record<string, unknown>): void {
  if (Array.isArray(slot.container)) {
    if (slot.container.length === slot.key) slot.container.push(obj);
  } else {
    (slot.container as Record<string | number, unknown>)[slot.key] = obj;
  }
}

/**
 * Runs `decodeInner` one level deeper. Recursive types (a tree through `repeat`, a cycle through
 * `at: 0`) would otherwise recurse as deep as a hostile file says, and overflow the stack: past
 * MAX_NESTING levels this record is not decoded, with a DECODE_BUDGET finding at its path (its
 * siblings still are).
 */
export function nested(ctx: DecodeContext, path: FieldPath, offset: number, decodeInner: () => number): number {
  if (ctx.depth >= MAX_NESTING) {
    ctx.complete = false;
    ctx.report('DECODE_BUDGET', path, offset, { budget: 'depth', limit: MAX_NESTING, stage: 'decode' });
    throw STOP;
  }
  ctx.depth++;
  try {
    return decodeInner();
  } finally {
    ctx.depth--;
  }
}

/**
 * Decodes `struct`'s fields into `obj` (shared with inline switch cases). Returns the cursor after
 * them. The stream's `pos` is moved to the cursor before each field, so `_io.pos` and `_io.eof`
 * in its expressions see where it starts.
 */
export function decodeFieldsInto(ctx: DecodeContext, struct: StructDef, obj: Record<string, unknown>, offset: number, path: FieldPath, scope: Scope): number {
  const io = streamOf(scope);
  let cursor = offset;
  let lost = false;
  for (const field of struct.fields) {
    if (lost && !field.at && !field.view) continue;
    io.pos = cursor;
    try {
      // `if` false: the key is there with null, and nothing is read (a bit run goes on past it).
      if (field.cond && !evalBool(ctx, io, field.cond, scope, [...path, field.id], cursor, 'if')) {
        obj[field.id] = null;
        continue;
      }
      if (field.view) ctx.pendingViews.push({ scope, field, path: [...path, field.id], holder: obj });
      else if (field.at) decodePlaced(ctx, field, obj, path, scope);
      else cursor = decodeInline(ctx, field, obj, cursor, path, scope);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      // A substream or processed field that failed inside still ends where its size says.
      if (field.at) continue; // placed: the cursor never depended on it
      if (e instanceof SkipTo && !field.repeat) cursor = e.end;
      else lost = true;
    }
  }
  if (lost) throw STOP;
  return cursor;
}

function decodeInline(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, cursor: number, path: FieldPath, scope: Scope): number {
  if (field.repeat) return decodeArray(ctx, field, obj, cursor, [...path, field.id], scope);
  const r = decodeOne(ctx, field, cursor, { container: obj, key: field.id, parentPath: path }, scope, undefined, obj);
  if (!(field.type.kind === 'switch' && field.inline)) obj[field.id] = r.value;
  return r.end;
}
