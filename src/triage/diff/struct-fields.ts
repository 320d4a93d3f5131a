import { softCase } from '../../encode/walk.js';
import type { FieldPath } from '../../findings/index.js';
import { childScope, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';

/** One field of a decoded struct, with the struct that declares it (an inline case's own struct for its fields). */
export interface FieldSlot {
  readonly field: FieldDef;
  readonly struct: StructDef;
}

/**
 * The fields a decoded struct holds, in order: the fields of an inline switch's chosen case join
 * the struct (the decoder merges them), so a criterion whose opcode went from ANY to REGEX shows
 * a `text` field that the old one did not have.
 */
export function fieldsOf(schema: FormatSchema, struct: StructDef, path: FieldPath, scope: Scope, depth = 0): FieldSlot[] {
  const out: FieldSlot[] = [];
  for (const field of struct.fields) {
    if (field.type.kind === 'switch' && field.inline) {
      const chosen = depth < 16 ? softCase(schema, field, scope, path) : undefined;
      if (chosen) out.push(...fieldsOf(schema, chosen, path, scope, depth + 1));
    } else {
      out.push({ field, struct });
    }
  }
  return out;
}

/** The struct a (non-inline) struct or switch field holds in this scope; undefined for plain values. */
export function structOf(schema: FormatSchema, field: FieldDef, scope: Scope, path: FieldPath): StructDef | undefined {
  const t = field.type;
  if (t.kind === 'struct') return schema.types.get(t.struct);
  if (t.kind === 'switch') return softCase(schema, field, scope, path);
  return undefined;
}

/** A field that holds structs (one or an array): compared field by field, not as a value. */
export const holdsStructs = (field: FieldDef): boolean => field.type.kind === 'struct' || (field.type.kind === 'switch' && !field.inline);

/** The scope of a struct value inside `parent` (an array element when `index` is given). */
export function scopeOf(parent: Scope, obj: Record<string, unknown>, path: FieldPath, index: number | undefined, struct: StructDef): Scope {
  return childScope(parent, obj, path, index, struct.lets);
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** A field's decoded value, never one from the prototype (`constructor`). */
export function own(obj: Record<string, unknown>, id: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, id) ? obj[id] : undefined;
}
