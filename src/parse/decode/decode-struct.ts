import { formatPath, type FieldPath } from '../../findings/index.js';
import {
  EvalError, INT_WIDTH, childScope, elementScope, evaluateInt, evaluateRef, evaluateSize,
  type FieldDef, type Scope, type StructDef,
} from '../../schema/index.js';
import { STOP, Stop, type DecodeContext } from './decode-context.js';
import { readInt } from './read-int.js';

const utf8Lossy = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Text is kept (lossily) either way, so a person can read it; invalid UTF-8 is a finding when the schema says so. */
export function decodeText(ctx: DecodeContext, field: FieldDef, raw: Uint8Array, reportPath: FieldPath, reportOffset: number): string {
  if (!field.utf8Code) return utf8Lossy.decode(raw);
  try {
    return utf8Strict.decode(raw);
  } catch {
    ctx.report(field.utf8Code, reportPath, reportOffset, { at: reportOffset });
    return utf8Lossy.decode(raw);
  }
}

/**
 * Decodes `struct` at `offset` into a new object; returns it and where it ended.
 * A failure inside a sequence stops that sequence but not fields placed with `at`,
 * which do not depend on the cursor.
 */
export function decodeStruct(ctx: DecodeContext, struct: StructDef, offset: number, path: FieldPath, parent: Scope, index: number | undefined): { obj: Record<string, unknown>; end: number } {
  const obj: Record<string, unknown> = {};
  const scope = childScope(parent, obj, path, index, struct.lets);
  ctx.place(path, offset, 0);
  try {
    const end = decodeFieldsInto(ctx, struct, obj, offset, path, scope);
    ctx.place(path, offset, Math.max(0, end - offset));
    return { obj, end };
  } catch (e) {
    if (e instanceof Stop) ctx.partial.add(formatPath(path));
    throw e;
  }
}

/** Decodes `struct`'s fields into `obj` (shared with inline switch cases). Returns the cursor after them. */
export function decodeFieldsInto(ctx: DecodeContext, struct: StructDef, obj: Record<string, unknown>, offset: number, path: FieldPath, scope: Scope): number {
  let cursor = offset;
  let lost = false;
  for (const field of struct.fields) {
    const fieldPath = [...path, field.id];
    if (field.view) {
      ctx.pendingViews.push({ scope, field, path: fieldPath, holder: obj });
      continue;
    }
    if (lost && !field.at) continue;
    try {
      if (field.at) decodePlaced(ctx, field, obj, fieldPath, scope);
      else cursor = decodeInline(ctx, field, obj, cursor, fieldPath, scope);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      if (!field.at) lost = true;
    }
  }
  if (lost) throw STOP;
  return cursor;
}

function evalSize(ctx: DecodeContext, expr: NonNullable<FieldDef['size']>, scope: Scope, path: FieldPath, offset: number, what: string): number {
  try {
    return evaluateSize(expr, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    // After a truncation the data an expression needs may simply be missing: that is already reported.
    if (ctx.complete) ctx.report('CONSTRAINT', path, offset, { rule: `${what} ${expr.source}`, values: e.message });
    ctx.complete = false;
    throw STOP;
  }
}

function decodeInline(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, cursor: number, path: FieldPath, scope: Scope): number {
  if (!field.repeat) {
    const r = decodeOne(ctx, field, cursor, path, scope, undefined, obj);
    if (!(field.type.kind === 'switch' && field.inline)) obj[field.id] = r.value;
    return r.end;
  }
  const count = evalSize(ctx, field.repeat, scope, path, cursor, 'repeat');
  const minSize = minElementSize(ctx, field);
  const items: unknown[] = [];
  obj[field.id] = items;
  const start = cursor;
  // Never trust a declared count: it must fit in what is left before we loop on it.
  if (minSize > 0 && count * minSize > ctx.size - cursor) {
    ctx.complete = false;
    ctx.report('TRUNCATED', path, cursor, { needed: count * minSize, at: cursor, available: Math.max(0, ctx.size - cursor), what: `${count} × ${field.id}` });
  }
  try {
    for (let i = 0; i < count; i++) {
      const r = decodeOne(ctx, field, cursor, [...path, i], scope, i, undefined);
      items.push(r.value);
      cursor = r.end;
    }
  } finally {
    ctx.place(path, start, cursor - start);
  }
  return cursor;
}

function decodePlaced(ctx: DecodeContext, field: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): void {
  if (!field.repeat) {
    const at = placeAt(ctx, field, scope, path);
    if (at === undefined) return;
    obj[field.id] = decodeOne(ctx, field, at, path, scope, undefined, obj).value;
    return;
  }
  const count = evalSize(ctx, field.repeat, scope, path, 0, 'repeat');
  const items: unknown[] = [];
  obj[field.id] = items;
  for (let i = 0; i < count; i++) {
    const elemScope = elementScope(scope, i);
    let at: number | undefined;
    try {
      at = placeAt(ctx, field, elemScope, [...path, i]);
    } catch (e) {
      if (e instanceof Stop) break; // the pointers ran out (their array was cut short): nothing more to place
      throw e;
    }
    if (at === undefined) { items.push(null); continue; }
    try {
      items.push(decodeOne(ctx, field, at, [...path, i], scope, i, undefined).value);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      items.push(null);
    }
  }
}

/** Evaluates `at`; an offset outside the file is reported with the field's at_code, at the pointer if known. */
function placeAt(ctx: DecodeContext, field: FieldDef, scope: Scope, path: FieldPath): number | undefined {
  let ref;
  try {
    ref = evaluateRef(field.at!, scope);
  } catch (e) {
    if (e instanceof EvalError) throw STOP;
    throw e;
  }
  const v = ref.value;
  const pointer = ref.path ?? path;
  if (ref.path) ctx.pointers.set(pathKey(path), ref.path);
  const pointerOffset = ctx.locate(pointer)?.offset ?? 0;
  if ((typeof v !== 'number' && typeof v !== 'bigint') || v < 0 || v > ctx.size) {
    ctx.complete = false;
    ctx.report(field.atCode, pointer, pointerOffset, { value: v, reason: `${field.id} would start outside the file (${ctx.size} bytes)` });
    return undefined;
  }
  return Number(v);
}

function pathKey(path: FieldPath): string {
  return path.join('\u0000');
}

function minElementSize(ctx: DecodeContext, field: FieldDef): number {
  const t = field.type;
  if (t.kind === 'int') return INT_WIDTH[t.int];
  if (t.kind === 'struct') return minStructSize(ctx, t.struct, 0);
  return 0;
}

function minStructSize(ctx: DecodeContext, name: string, depth: number): number {
  const s = ctx.schema.types.get(name);
  if (!s || depth > 8) return 0;
  let n = 0;
  for (const f of s.fields) {
    if (f.at || f.view || f.repeat) continue;
    if (f.type.kind === 'int') n += INT_WIDTH[f.type.int];
    else if (f.type.kind === 'struct') n += minStructSize(ctx, f.type.struct, depth + 1);
  }
  return n;
}

/** Decodes one element of a field at `offset`. `inlineInto` receives an inline switch's fields. */
function decodeOne(ctx: DecodeContext, field: FieldDef, offset: number, path: FieldPath, scope: Scope, index: number | undefined, inlineInto: Record<string, unknown> | undefined): { value: unknown; end: number } {
  ctx.countNode(path, offset);
  const t = field.type;
  switch (t.kind) {
    case 'int': {
      const width = INT_WIDTH[t.int];
      ctx.need(offset, width, path, field.id);
      ctx.place(path, offset, width);
      return { value: readInt(ctx.view, offset, t.int, t.endian === 'le'), end: offset + width };
    }
    case 'bytes': case 'str': {
      const size = evalSize(ctx, field.size!, index === undefined ? scope : elementScope(scope, index), path, offset, 'size');
      ctx.need(offset, size, path, field.id);
      ctx.place(path, offset, size);
      const raw = ctx.bytes.subarray(offset, offset + size);
      if (t.kind === 'bytes') return { value: raw, end: offset + size };
      return { value: decodeText(ctx, field, raw, field.reportAtStruct ? scope.path : path, offset), end: offset + size };
    }
    case 'struct': {
      const r = decodeStruct(ctx, ctx.schema.types.get(t.struct)!, offset, path, scope, index);
      return { value: r.obj, end: r.end };
    }
    case 'switch': {
      let tag: number | bigint;
      try {
        tag = evaluateInt(t.on, scope);
      } catch (e) {
        if (e instanceof EvalError) throw STOP;
        throw e;
      }
      const caseName = t.cases.get(Number(tag));
      if (caseName === undefined) {
        const at = field.inline || field.reportAtStruct ? scope.path : path;
        ctx.complete = false;
        ctx.report(t.unknownCode, at, ctx.locate(at)?.offset ?? offset, { actual: tag, allowed: [...t.cases.keys()] });
        throw STOP;
      }
      const caseStruct = ctx.schema.types.get(caseName)!;
      if (field.inline && inlineInto) {
        return { value: undefined, end: decodeFieldsInto(ctx, caseStruct, inlineInto, offset, scope.path, scope) };
      }
      const r = decodeStruct(ctx, caseStruct, offset, path, scope, index);
      return { value: r.obj, end: r.end };
    }
  }
}
