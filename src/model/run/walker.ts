import { MAX_NESTING } from '../../budget/limits.js';
import type { FieldPath } from '../../findings/index.js';
import {
  EvalError, INT_WIDTH, childScope, elementScope, evaluateInt, evaluateSize,
  type CompiledExpr, type FieldDef, type Scope, type StructDef,
} from '../../schema/index.js';
import { readInt } from '../../parse/decode/read-int.js';
import { HALT, SPENT, type ModelRun } from './state.js';
import { checkLookup } from './lookup.js';
import { checkContent, readView } from './read-view.js';

/** The struct being read: its definition (an inline case's, for its fields), value, path, scope and start. */
export interface StructCtx {
  readonly def: StructDef;
  readonly obj: Record<string, unknown>;
  readonly path: FieldPath;
  readonly scope: Scope;
  readonly start: number;
}

/**
 * Reads one root field with trust (the consumer's load): counts, sizes, offsets and tags are
 * followed as the layout says, with no rule checked. A read outside the file buffer is a crash
 * at that read (the fault is kept only if it is the first); reading goes on wherever the layout
 * still says where things are, so the static analysis sees everything a consumer would decode.
 */
export function readRootField(run: ModelRun, field: FieldDef, scope: Scope): void {
  run.recordPath = [field.id];
  try {
    if (field.at) {
      if (field.repeat) readPlacedArray(run, field, run.rootValue, [], scope);
      else {
        const at = size(field.at, scope);
        run.recordOffset = at;
        run.rootValue[field.id] = readOne(run, field, at, run.rootValue, field.id, [], scope, undefined, undefined, true).value;
      }
      return;
    }
    if (run.cursor < 0) return;
    run.recordOffset = run.cursor;
    run.cursor = readInline(run, field, run.rootValue, run.cursor, [], scope, true);
  } catch (e) {
    if (e !== HALT) throw e;
    if (!field.at) run.cursor = -1; // later fields at the cursor cannot be located
  }
}

function size(e: CompiledExpr, scope: Scope): number {
  try {
    return evaluateSize(e, scope);
  } catch (err) {
    if (err instanceof EvalError) throw HALT;
    throw err;
  }
}

function spend(run: ModelRun, path: FieldPath, offset: number): void {
  if (run.budget.spendNode()) return;
  run.spentAt ??= { path, offset };
  throw SPENT;
}

/** A field at the cursor: one value or an array. Returns the cursor after it. */
function readInline(run: ModelRun, field: FieldDef, obj: Record<string, unknown>, cursor: number, path: FieldPath, scope: Scope, atRoot: boolean, ctx?: StructCtx): number {
  if (!field.repeat) {
    const r = readOne(run, field, cursor, obj, field.id, path, scope, undefined, ctx, atRoot);
    if (!(field.type.kind === 'switch' && field.inline)) obj[field.id] = r.value;
    return r.end;
  }
  const arrayPath = [...path, field.id];
  const items: unknown[] = [];
  obj[field.id] = items;
  run.placeAlways(obj, field.id, cursor);
  const t = field.type;
  if (t.kind === 'int') run.intArrays.set(items, { start: cursor, width: INT_WIDTH[t.int] });
  // Elements of a record array (or of any root array) are records: a bad read is reported at them.
  const records = atRoot || t.kind === 'struct' || t.kind === 'switch';
  const savedPath = run.recordPath;
  const savedOffset = run.recordOffset;
  try {
    const end = field.repeatBytes ? cursor + size(field.repeatBytes, scope) : Infinity;
    const count = field.repeatBytes ? Infinity : Number(evaluateCount(field.repeat, scope));
    for (let i = 0; i < count && cursor < end; i++) {
      spend(run, arrayPath, cursor);
      if (records) {
        run.recordPath = [...arrayPath, i];
        run.recordOffset = cursor;
      }
      const r = readOne(run, field, cursor, items, i, arrayPath, scope, i, undefined, false);
      items.push(r.value);
      if (t.kind !== 'int') run.placeAlways(items, i, cursor);
      if (r.end <= cursor && field.repeatBytes) throw HALT; // an element of no bytes would loop for ever
      cursor = r.end;
    }
  } finally {
    run.recordPath = savedPath;
    run.recordOffset = savedOffset;
  }
  return cursor;
}

function evaluateCount(e: CompiledExpr, scope: Scope): number | bigint {
  try {
    const v = evaluateInt(e, scope);
    if (v < 0) throw HALT;
    return v;
  } catch (err) {
    if (err instanceof EvalError) throw HALT;
    throw err;
  }
}

/** Records placed each at its own offset (`at: index[_index]`): each one independent of the others. */
function readPlacedArray(run: ModelRun, field: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): void {
  const arrayPath = [...path, field.id];
  const items: unknown[] = [];
  obj[field.id] = items;
  const count = Number(evaluateCount(field.repeat!, scope));
  for (let i = 0; i < count; i++) {
    spend(run, arrayPath, 0);
    let at: number;
    try {
      at = evaluateSize(field.at!, elementScope(scope, i));
    } catch (e) {
      if (e instanceof EvalError) break; // the offsets themselves were not read (a short index)
      throw e;
    }
    run.recordPath = [...arrayPath, i];
    run.recordOffset = at;
    try {
      items.push(readOne(run, field, at, items, i, arrayPath, scope, i, undefined, false).value);
      run.placeAlways(items, i, at);
    } catch (e) {
      if (e !== HALT) throw e;
      items.push(null);
    }
  }
}

/** One value of `field` at `offset`, stored by the caller under holder[key]. */
function readOne(run: ModelRun, field: FieldDef, offset: number, holder: object, key: string | number, parentPath: FieldPath, scope: Scope, index: number | undefined, ctx: StructCtx | undefined, atRoot: boolean): { value: unknown; end: number } {
  const t = field.type;
  switch (t.kind) {
    case 'int': {
      const w = INT_WIDTH[t.int];
      if (offset + w > run.len) run.pastEnd(field, offset, w, field.id);
      if (index === undefined) run.place(holder, key, offset);
      return { value: readInt(run.view, offset, t.int, t.endian === 'le'), end: offset + w };
    }
    case 'bytes': case 'str': {
      const n = size(field.size!, index === undefined ? scope : elementScope(scope, index));
      if (atRoot && run.bound.model.copies.has(field.id)) run.copies.set(field.id, { offset, size: n });
      // A read of no bytes reads nothing, wherever it points.
      if (n > 0 && offset + n > run.len) run.pastEnd(field, offset, n, field.id);
      run.place(holder, key, offset);
      const raw = run.bytes.subarray(offset, offset + n);
      const text = UTF8.decode(raw);
      if (ctx) checkContent(run, `${ctx.def.name}.${field.id}`, field.reportAtStruct ? ctx.path : [...parentPath, key], field.reportAtStruct ? ctx.start : offset, n, text, true);
      return { value: t.kind === 'bytes' ? raw : text, end: offset + n };
    }
    case 'struct':
      return readStruct(run, run.bound.model.schema.types.get(t.struct)!, offset, holder, key, parentPath, scope, index);
    case 'switch': {
      let tag: number;
      try {
        tag = Number(evaluateInt(t.on, scope));
      } catch (e) {
        if (e instanceof EvalError) throw HALT;
        throw e;
      }
      const inline = field.inline && ctx !== undefined;
      const at = inline || field.reportAtStruct ? scope.path : [...parentPath, key];
      const atOffset = inline ? ctx.start : offset;
      const dispatch = run.bound.switches.get(`${ctx?.def.name ?? ''}.${field.id}`);
      if (dispatch && !dispatch.implemented.has(tag)) {
        // A tag the consumer does not implement jumps outside its dispatch table: its payload is never read.
        run.cov.hit(run.branches.unimplemented.get(field)!);
        run.crash(dispatch.rule.code, at, atOffset, { actual: tag, implemented: [...dispatch.implemented] });
        throw HALT;
      }
      const caseName = t.cases.get(tag);
      if (caseName === undefined) {
        run.cov.hit(run.branches.unknownTag.get(field)!);
        run.crash(t.unknownCode, at, atOffset, { actual: tag, allowed: [...t.cases.keys()] });
        throw HALT;
      }
      run.cov.hit(run.branches.caseTaken.get(field)!.get(tag)!);
      const caseDef = run.bound.model.schema.types.get(caseName)!;
      if (inline) return { value: undefined, end: nested(run, () => readFields(run, { ...ctx, def: caseDef }, offset)) };
      return readStruct(run, caseDef, offset, holder, key, parentPath, scope, index);
    }
    case 'bits':
      // Refused when the model loads (src/model/load/schema-support.ts).
      throw new Error('bit fields are not read by consumer models');
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

function nested(run: ModelRun, read: () => number): number {
  if (run.depth >= MAX_NESTING) {
    run.spentAt ??= { path: run.recordPath, offset: run.recordOffset };
    throw HALT;
  }
  run.depth++;
  try {
    return read();
  } finally {
    run.depth--;
  }
}

function readStruct(run: ModelRun, def: StructDef, offset: number, holder: object, key: string | number, parentPath: FieldPath, parent: Scope, index: number | undefined): { value: unknown; end: number } {
  const obj: Record<string, unknown> = {};
  const path = [...parentPath, key];
  const scope = childScope(parent, obj, path, index, def.lets);
  run.placeAlways(holder, key, offset);
  const saved = run.placing;
  run.placing = run.bound.located.has(def.name);
  try {
    const end = nested(run, () => readFields(run, { def, obj, path, scope, start: offset }, offset));
    return { value: obj, end };
  } finally {
    run.placing = saved;
  }
}

/** The fields of a struct in order; a halt inside one abandons the rest (their position is unknown). */
export function readFields(run: ModelRun, ctx: StructCtx, start: number): number {
  let cursor = start;
  const inputs = run.bound.model.inputs;
  for (const field of ctx.def.fields) {
    const key = `${ctx.def.name}.${field.id}`;
    if (inputs && inputs.record === ctx.def.name && inputs.reads === field.id) {
      // The record's head is read: it takes part in evaluation and in the hazards from here on.
      run.records.push({ scope: ctx.scope, obj: ctx.obj, path: ctx.path });
    }
    if (field.view) readView(run, ctx, field, key);
    else if (field.at) {
      try {
        const at = size(field.at, ctx.scope);
        ctx.obj[field.id] = readOne(run, field, at, ctx.obj, field.id, ctx.path, ctx.scope, undefined, ctx, false).value;
      } catch (e) {
        if (e !== HALT) throw e;
      }
    } else cursor = readInline(run, field, ctx.obj, cursor, ctx.path, ctx.scope, false, ctx);
    const lookups = run.bound.lookupsAfter.get(key);
    if (lookups) for (const l of lookups) checkLookup(run, ctx, l);
  }
  return cursor;
}
