import { MAX_NESTING } from '../../budget/limits.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import {
  EvalError, INT_WIDTH, childScope, elementScope, evaluateInt, evaluateSize,
  type FieldDef, type Scope, type StructDef,
} from '../../schema/index.js';
import { STOP, Stop, type DecodeContext } from './decode-context.js';
import { minElementSize, placeAt } from './decode-place.js';
import { decodeText } from './decode-text.js';
import { readInt } from './read-int.js';

/** Where a node goes: the object or array that holds it, under which key, and that holder's path. */
interface Slot {
  readonly container: object;
  readonly key: string | number;
  readonly parentPath: FieldPath;
}

/**
 * Decodes `struct` at `offset` into a new object placed in `slot`; returns it and where it ended.
 * A failure inside a sequence stops that sequence but not fields placed with `at`,
 * which do not depend on the cursor.
 */
function decodeStruct(ctx: DecodeContext, struct: StructDef, offset: number, slot: Slot, parent: Scope, index: number | undefined): { obj: Record<string, unknown>; end: number } {
  const obj: Record<string, unknown> = {};
  const path = [...slot.parentPath, slot.key];
  const scope = childScope(parent, obj, path, index, struct.lets);
  ctx.place(slot.container, slot.key, offset, 0);
  ctx.locations.enter(slot.container, slot.key, obj);
  try {
    const end = nested(ctx, path, offset, () => decodeFieldsInto(ctx, struct, obj, offset, path, scope));
    ctx.place(slot.container, slot.key, offset, Math.max(0, end - offset));
    ctx.locations.leave(slot.container, slot.key);
    return { obj, end };
  } catch (e) {
    if (e instanceof Stop) ctx.partial.add(formatPath(path));
    throw e;
  }
}

/**
 * Runs `decodeInner` one level deeper. Recursive types (a tree through `repeat`, a cycle through
 * `at: 0`) would otherwise recurse as deep as a hostile file says, and overflow the stack: past
 * MAX_NESTING levels this record is not decoded, with a DECODE_BUDGET finding at its path (its
 * siblings still are).
 */
function nested(ctx: DecodeContext, path: FieldPath, offset: number, decodeInner: () => number): number {
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

/** Decodes `struct`'s fields into `obj` (shared with inline switch cases). Returns the cursor after them. */
export function decodeFieldsInto(ctx: DecodeContext, struct: StructDef, obj: Record<string, unknown>, offset: number, path: FieldPath, scope: Scope): number {
  let cursor = offset;
  let lost = false;
  for (const field of struct.fields) {
    if (field.view) {
      ctx.pendingViews.push({ scope, field, path: [...path, field.id], holder: obj });
      continue;
    }
    if (lost && !field.at) continue;
    try {
      if (field.at) decodePlaced(ctx, field, obj, path, scope);
      else cursor = decodeInline(ctx, field, obj, cursor, path, scope);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      if (!field.at) lost = true;
    }
  }
  if (lost) throw STOP;
  return cursor;
}

function evalSize(ctx: DecodeContext, expr: NonNullable<FieldDef['size']>, scope: Scope, path: () => FieldPath, offset: number, what: string): number {
  try {
    return evaluateSize(expr, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return ctx.cannotEvaluate(path(), offset, what, expr.source, e.message);
  }
}

function decodeInline(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, cursor: number, path: FieldPath, scope: Scope): number {
  if (!field.repeat) {
    const r = decodeOne(ctx, field, cursor, { container: obj, key: field.id, parentPath: path }, scope, undefined, obj);
    if (!(field.type.kind === 'switch' && field.inline)) obj[field.id] = r.value;
    return r.end;
  }
  const arrayPath = [...path, field.id];
  if (field.repeatBytes) return decodeSizedArray(ctx, field, obj, cursor, arrayPath, scope);
  const count = evalSize(ctx, field.repeat, scope, () => arrayPath, cursor, 'repeat');
  const minSize = minElementSize(ctx, field);
  const items: unknown[] = [];
  obj[field.id] = items;
  const start = cursor;
  // Never trust a declared count: it must fit in what is left before we loop on it.
  if (minSize > 0 && count * minSize > ctx.size - cursor) {
    ctx.complete = false;
    ctx.report('TRUNCATED', arrayPath, cursor, { needed: count * minSize, at: cursor, available: Math.max(0, ctx.size - cursor), what: `${count} × ${field.id}` });
  }
  if (field.type.kind === 'int') ctx.locations.setElementWidth(items, INT_WIDTH[field.type.int]);
  try {
    for (let i = 0; i < count; i++) {
      const r = decodeOne(ctx, field, cursor, { container: items, key: i, parentPath: arrayPath }, scope, i, undefined);
      items.push(r.value);
      cursor = r.end;
    }
  } finally {
    ctx.place(obj, field.id, start, cursor - start);
  }
  return cursor;
}

/** An array that fills exactly `repeat_bytes` bytes: elements are read until they are consumed. */
function decodeSizedArray(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, start: number, arrayPath: FieldPath, scope: Scope): number {
  const total = evalSize(ctx, field.repeatBytes!, scope, () => arrayPath, start, 'repeat_bytes');
  const items: unknown[] = [];
  obj[field.id] = items;
  ctx.place(obj, field.id, start, total);
  ctx.need(start, total, arrayPath.slice(0, -1), field.id, `${field.id} (${total} bytes)`);
  const end = start + total;
  let cursor = start;
  while (cursor < end) {
    const r = decodeOne(ctx, field, cursor, { container: items, key: items.length, parentPath: arrayPath }, scope, items.length, undefined);
    items.push(r.value);
    // An element that consumes nothing would loop for ever: the schema cannot size this array.
    if (r.end <= cursor) return ctx.cannotEvaluate(arrayPath, cursor, 'repeat_bytes', field.repeatBytes!.source, 'an element took no bytes');
    cursor = r.end;
  }
  if (cursor > end) {
    ctx.report('SIZE_MISMATCH', [...arrayPath, items.length - 1], ctx.locate([...arrayPath, items.length - 1])?.offset ?? cursor, {
      rule: `${field.id} fits in ${field.repeatBytes!.source} bytes`, values: `the last element ends ${cursor - end} byte(s) past it`,
    });
  }
  return end;
}

function decodePlaced(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): void {
  if (!field.repeat) {
    const at = placeAt(ctx, field, scope, [...path, field.id]);
    if (at === undefined) return;
    obj[field.id] = decodeOne(ctx, field, at, { container: obj, key: field.id, parentPath: path }, scope, undefined, obj).value;
    return;
  }
  const arrayPath = [...path, field.id];
  const count = evalSize(ctx, field.repeat, scope, () => arrayPath, 0, 'repeat');
  const items: unknown[] = [];
  obj[field.id] = items;
  for (let i = 0; i < count; i++) {
    let at: number | undefined;
    try {
      at = placeAt(ctx, field, elementScope(scope, i), [...arrayPath, i]);
    } catch (e) {
      if (e instanceof Stop) break; // cannotEvaluate said why (or the pointers' own array was cut short)
      throw e;
    }
    if (at === undefined) {
      // An element outside the file produces no node but costs as much to report: it spends one,
      // so a count of 2^32 - 1 stops at the budget (OutOfBudget ends this loop) instead of running on.
      ctx.countNode(arrayPath, i, 0);
      items.push(null);
      continue;
    }
    try {
      items.push(decodeOne(ctx, field, at, { container: items, key: i, parentPath: arrayPath }, scope, i, undefined).value);
      // Placed integers are not contiguous: each needs its own location (inline arrays compute theirs).
      if (field.type.kind === 'int') ctx.place(items, i, at, INT_WIDTH[field.type.int]);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      items.push(null);
    }
  }
}

/** Decodes one element of a field at `offset` into `slot`. `inlineInto` receives an inline switch's fields. */
function decodeOne(ctx: DecodeContext, field: FieldDef, offset: number, slot: Slot, scope: Scope, index: number | undefined, inlineInto: Record<string, unknown> | undefined): { value: unknown; end: number } {
  ctx.countNode(slot.parentPath, slot.key, offset);
  const t = field.type;
  switch (t.kind) {
    case 'int': {
      const width = INT_WIDTH[t.int];
      ctx.need(offset, width, slot.parentPath, slot.key, field.id);
      // Elements of an integer array are located from the array's start: no entry per element.
      if (index === undefined) ctx.place(slot.container, slot.key, offset, width);
      return { value: readInt(ctx.view, offset, t.int, t.endian === 'le'), end: offset + width };
    }
    case 'bytes': case 'str': {
      const size = evalSize(ctx, field.size!, index === undefined ? scope : elementScope(scope, index), () => [...slot.parentPath, slot.key], offset, 'size');
      ctx.need(offset, size, slot.parentPath, slot.key, field.id);
      ctx.place(slot.container, slot.key, offset, size);
      const raw = ctx.bytes.subarray(offset, offset + size);
      if (t.kind === 'bytes') return { value: raw, end: offset + size };
      const path = [...slot.parentPath, slot.key];
      return { value: decodeText(ctx, field, raw, field.reportAtStruct ? scope.path : path, offset), end: offset + size };
    }
    case 'struct': {
      const r = decodeStruct(ctx, ctx.schema.types.get(t.struct)!, offset, slot, scope, index);
      return { value: r.obj, end: r.end };
    }
    case 'switch': {
      let tag: number | bigint;
      try {
        tag = evaluateInt(t.on, scope);
      } catch (e) {
        if (e instanceof EvalError) return ctx.cannotEvaluate([...slot.parentPath, slot.key], offset, 'switch_on', t.on.source, e.message);
        throw e;
      }
      const caseName = t.cases.get(Number(tag));
      if (caseName === undefined) {
        const at = field.inline || field.reportAtStruct ? scope.path : [...slot.parentPath, slot.key];
        ctx.complete = false;
        ctx.report(t.unknownCode, at, ctx.locate(at)?.offset ?? offset, { actual: tag, allowed: [...t.cases.keys()] });
        throw STOP;
      }
      const caseStruct = ctx.schema.types.get(caseName)!;
      if (field.inline && inlineInto) {
        return { value: undefined, end: nested(ctx, scope.path, offset, () => decodeFieldsInto(ctx, caseStruct, inlineInto, offset, scope.path, scope)) };
      }
      const r = decodeStruct(ctx, caseStruct, offset, slot, scope, index);
      return { value: r.obj, end: r.end };
    }
  }
}
