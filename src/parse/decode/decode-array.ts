import type { FieldPath } from '../../findings/index.js';
import { INT_WIDTH, elementScope, itemScope, type FieldDef, type Scope } from '../../schema/index.js';
import { Stop, type DecodeContext } from './decode-context.js';
import { evalBool, evalSize, fileOffset } from './decode-common.js';
import { decodeOne } from './decode-one.js';
import { minElementSize, placeAt } from './decode-place.js';
import { streamOf, type DecodeStream } from './stream.js';

/** An array read at the cursor: by count, by byte size, until an element says so, or to the stream's end. */
export function decodeArray(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, cursor: number, arrayPath: FieldPath, scope: Scope): number {
  const io = streamOf(scope);
  if (field.repeatKind === 'until' || field.repeatKind === 'eos') return decodeOpenArray(ctx, io, field, obj, cursor, arrayPath, scope);
  if (field.repeatBytes) return decodeSizedArray(ctx, io, field, obj, cursor, arrayPath, scope);
  const count = evalSize(ctx, io, field.repeat!, scope, () => arrayPath, cursor, 'repeat');
  const minSize = minElementSize(ctx, field);
  const items: unknown[] = [];
  obj[field.id] = items;
  const start = cursor;
  // Never trust a declared count: it must fit in what is left before we loop on it.
  if (minSize > 0 && count * minSize > io.end - cursor) {
    ctx.complete = false;
    ctx.reportAt(io, 'TRUNCATED', arrayPath, cursor, { needed: count * minSize, at: cursor, available: Math.max(0, io.end - cursor), what: `${count} × ${field.id}` });
  }
  contiguous(ctx, io, field, items);
  let cut = false;
  try {
    for (let i = 0; i < count; i++) {
      const r = decodeOne(ctx, field, cursor, { container: items, key: i, parentPath: arrayPath }, scope, i, undefined);
      items.push(r.value);
      cursor = r.end;
    }
    keepExact(ctx, field, obj, items);
  } catch (e) {
    cut = e instanceof Stop;
    throw e;
  } finally {
    ctx.placeIn(io, obj, field.id, start, cursor - start, cut);
  }
  return cursor;
}

/**
 * An array grown by push keeps up to half its length spare; a copy holds exactly its elements.
 * Worth it for integer arrays, which a hostile file makes by the million: 1 MiB of random bytes
 * read as CCF decodes to a million one-byte integers, 10.2 MB of array where 8 MB is exact.
 */
function keepExact(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, items: unknown[]): void {
  if (field.type.kind !== 'int' || items.length < 32 || obj[field.id] !== items) return;
  const copy = items.slice();
  obj[field.id] = copy;
  ctx.locations.replaceArray(items, copy);
  ctx.inner?.replaceArray(items, copy);
}

/** Integers read one after another are located from the array's start: no entry per element. */
function contiguous(ctx: DecodeContext, io: DecodeStream, field: FieldDef, items: unknown[]): void {
  if (field.type.kind === 'int' && !io.origin) ctx.locations.setElementWidth(items, INT_WIDTH[field.type.int]);
}

/** An array that fills exactly `repeat_bytes` bytes: elements are read until they are consumed. */
function decodeSizedArray(ctx: DecodeContext, io: DecodeStream, field: FieldDef, obj: Record<string, unknown>, start: number, arrayPath: FieldPath, scope: Scope): number {
  const total = evalSize(ctx, io, field.repeatBytes!, scope, () => arrayPath, start, 'repeat_bytes');
  const items: unknown[] = [];
  obj[field.id] = items;
  ctx.placeIn(io, obj, field.id, start, total);
  ctx.need(io, start, total, arrayPath.slice(0, -1), field.id, `${field.id} (${total} bytes)`);
  const end = start + total;
  let cursor = start;
  while (cursor < end) {
    const r = decodeOne(ctx, field, cursor, { container: items, key: items.length, parentPath: arrayPath }, scope, items.length, undefined);
    items.push(r.value);
    // An element that consumes nothing would loop for ever: the schema cannot size this array.
    if (r.end <= cursor) return ctx.cannotEvaluate(arrayPath, fileOffset(io, cursor), 'repeat_bytes', field.repeatBytes!.source, 'an element took no bytes');
    cursor = r.end;
  }
  if (cursor > end) {
    ctx.reportAt(io, 'SIZE_MISMATCH', [...arrayPath, items.length - 1], cursor, {
      rule: `${field.id} fits in ${field.repeatBytes!.source} bytes`, values: `the last element ends ${cursor - end} byte(s) past it`,
    }, ctx.locate([...arrayPath, items.length - 1])?.offset ?? cursor);
  }
  return end;
}

/** A bit run still open in `io`: its last byte has bits left to read, so the stream is not at its end yet. */
const bitsLeft = (ctx: DecodeContext, io: DecodeStream, cursor: number): boolean =>
  ctx.bitRun !== undefined && ctx.bitRun.io === io && Math.ceil(ctx.bitRun.bit / 8) === cursor && ctx.bitRun.bit % 8 !== 0;

/**
 * `repeat: until` (the element just read is `_`; the last one is kept) and `repeat: eos` (to the
 * end of the current stream, a substream's included). Bounded three ways on a hostile file: a
 * read past the stream's end is TRUNCATED, every element spends a node, and an element that
 * consumes nothing ends the array with a finding (the next one would start at the same place).
 */
function decodeOpenArray(ctx: DecodeContext, io: DecodeStream, field: FieldDef, obj: Record<string, unknown>, start: number, arrayPath: FieldPath, scope: Scope): number {
  const items: unknown[] = [];
  obj[field.id] = items;
  contiguous(ctx, io, field, items);
  const until = field.repeatKind === 'until';
  const bits = field.type.kind === 'bits';
  let cursor = start;
  let cut = false;
  try {
    for (let i = 0; ; i++) {
      if (!until && cursor >= io.end && !bitsLeft(ctx, io, cursor)) break;
      const before = ctx.bitRun?.bit;
      io.pos = cursor;
      const r = decodeOne(ctx, field, cursor, { container: items, key: i, parentPath: arrayPath }, scope, i, undefined);
      items.push(r.value);
      const moved = r.end > cursor || (bits && ctx.bitRun?.bit !== before);
      cursor = r.end;
      io.pos = cursor;
      if (until && evalBool(ctx, io, field.repeatUntil!, itemScope(scope, r.value, i), [...arrayPath, i], cursor, 'repeat_until')) break;
      if (!moved) {
        const what = until ? 'repeat_until' : 'repeat';
        return ctx.cannotEvaluate([...arrayPath, i], fileOffset(io, cursor), what, until ? field.repeatUntil!.source : 'eos', 'an element took no bytes');
      }
    }
  } catch (e) {
    cut = e instanceof Stop;
    throw e;
  } finally {
    // An array cut short by a failed element: where it ends is not known.
    ctx.placeIn(io, obj, field.id, start, cursor - start, cut);
  }
  return cursor;
}

/** A field placed with `at` (each element of an array at its own offset); the cursor does not move. */
export function decodePlaced(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): void {
  // A jump ends any bit run, before and after (Kaitai's seek does).
  ctx.bitRun = undefined;
  try {
    placed(ctx, field, obj, path, scope);
  } finally {
    ctx.bitRun = undefined;
  }
}

function placed(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): void {
  if (!field.repeat) {
    const at = placeAt(ctx, field, scope, [...path, field.id]);
    if (at === undefined) return;
    obj[field.id] = decodeOne(ctx, field, at, { container: obj, key: field.id, parentPath: path }, scope, undefined, obj).value;
    return;
  }
  const io = streamOf(scope);
  const arrayPath = [...path, field.id];
  if (field.repeatKind === 'until' || field.repeatKind === 'eos') {
    // Each element placed by `at` has no "next": only a count can say how many there are.
    return ctx.cannotEvaluate(arrayPath, fileOffset(io, io.pos), 'repeat', field.repeatKind, 'an array placed with at needs a count');
  }
  const count = evalSize(ctx, io, field.repeat, scope, () => arrayPath, 0, 'repeat');
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
      if (field.type.kind === 'int') ctx.placeIn(io, items, i, at, INT_WIDTH[field.type.int]);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      // A struct that stopped part-way is already in its place (decodeStruct); anything else is null.
      if (items.length === i) items.push(null);
    }
  }
}
