import type { FieldDef } from '../../schema/index.js';
import { compareArray } from './compare-array.js';
import { compareLeaf } from './compare-leaf.js';
import { changedAt, childLabel, type DiffContext, type StructAt } from './diff-context.js';
import { onlyIn } from './only-in.js';
import { sameValue } from './same-value.js';
import { fieldsOf, holdsStructs, isRecord, own, scopeOf, structOf, type FieldSlot } from './struct-fields.js';
import type { FieldChange } from './types.js';

const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * Compares one struct both files have: its own plain values become one `changed` entry (listed
 * before what is inside it, so the list follows the file), then each struct and array of
 * structs in it is compared in turn.
 */
export function compareStruct(ctx: DiffContext, o: StructAt, n: StructAt, label: string): void {
  const fields: FieldChange[] = [];
  let emitted = false;
  const emit = (): void => {
    if (emitted) return;
    emitted = true;
    ctx.sink.push(changedAt(ctx, label, o.path, n.path, fields));
  };
  const inside: Array<() => void> = [];
  for (const { o: os, n: ns } of unionSlots(fieldsOf(ctx.schema, o.def, o.path, o.scope), fieldsOf(ctx.schema, n.def, n.path, n.scope))) {
    const slot = (ns ?? os)!;
    const id = slot.field.id;
    const ov = os ? own(o.obj, id) : undefined;
    const nv = ns ? own(n.obj, id) : undefined;
    if (absent(ov) && absent(nv)) continue;
    const structs = (!os || holdsStructs(os.field)) && (!ns || holdsStructs(ns.field));
    if (structs) inside.push(() => compareHeld(ctx, slot.field, ov, nv, o, n, childLabel(label, id)));
    else fields.push(...compareLeaf(ctx, slot, ov, nv, o, n, fields, emit));
  }
  if (fields.length > 0) emit();
  for (const next of inside) next();
}

/** Fields by id: the new struct's order, then those only the old one has (another switch case). */
function unionSlots(old: readonly FieldSlot[], now: readonly FieldSlot[]): Array<{ o?: FieldSlot; n?: FieldSlot }> {
  const byId = new Map<string, { o?: FieldSlot; n?: FieldSlot }>();
  for (const n of now) if (!byId.has(n.field.id)) byId.set(n.field.id, { n });
  for (const o of old) {
    const e = byId.get(o.field.id);
    if (e === undefined) byId.set(o.field.id, { o });
    else if (e.o === undefined) byId.set(o.field.id, { ...e, o });
  }
  return [...byId.values()];
}

/** A field holding one struct or an array of them. */
function compareHeld(ctx: DiffContext, field: FieldDef, ov: unknown, nv: unknown, o: StructAt, n: StructAt, label: string): void {
  const oPath = [...o.path, field.id];
  const nPath = [...n.path, field.id];
  if (field.repeat !== undefined || Array.isArray(ov) || Array.isArray(nv)) {
    compareArray(ctx, field, Array.isArray(ov) ? ov : [], Array.isArray(nv) ? nv : [], o, n, label);
    return;
  }
  const od = isRecord(ov) ? structOf(ctx.schema, field, o.scope, oPath) : undefined;
  const nd = isRecord(nv) ? structOf(ctx.schema, field, n.scope, nPath) : undefined;
  if (isRecord(ov) && isRecord(nv) && od && nd) {
    compareStruct(ctx, { def: od, obj: ov, path: oPath, scope: scopeOf(o.scope, ov, oPath, undefined, od) },
      { def: nd, obj: nv, path: nPath, scope: scopeOf(n.scope, nv, nPath, undefined, nd) }, label);
  } else if (!absent(ov) && !absent(nv)) {
    // A struct whose case cannot be chosen (an unknown tag): compared as a whole.
    if (!sameValue(ov, nv)) ctx.sink.push(changedAt(ctx, label, oPath, nPath, [{ field: field.id, old: '{…}', new: '{…}', note: 'no struct to compare by (unknown case)' }]));
  } else if (!absent(nv)) {
    ctx.sink.push(onlyIn(ctx, 'added', label, field, nv, n, nPath, undefined));
  } else {
    ctx.sink.push(onlyIn(ctx, 'removed', label, field, ov, o, oPath, undefined));
  }
}
