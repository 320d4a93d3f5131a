import type { FieldPath } from '../../findings/index.js';
import { childScope, rootScope, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';
import { caseOf } from '../generate/eval.js';
import { impliedLength } from '../generate/ext-plan.js';

/** One declared field of one struct value (present or not). */
export interface Slot {
  /** The struct value that holds (or would hold) the field. */
  readonly holder: Record<string, unknown>;
  readonly field: FieldDef;
  /** The struct, or the inline switch case, that declares the field. */
  readonly owner: StructDef;
  /** The struct that `holder` is a value of (the parent of inline cases). */
  readonly struct: StructDef;
  readonly scope: Scope;
  /** Path of `holder`. */
  readonly at: FieldPath;
}

const noLocate = (): undefined => undefined;
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Visits every field slot of a value tree in declaration order, choosing switch cases as the encoder does. */
export function visitSlots(schema: FormatSchema, root: Record<string, unknown>, visit: (s: Slot) => void): void {
  const struct = schema.types.get(schema.root)!;
  walk(schema, struct, struct, root, [], rootScope(root, NaN, noLocate, struct.lets), visit);
}

function walk(schema: FormatSchema, struct: StructDef, owner: StructDef, obj: Record<string, unknown>, at: FieldPath, scope: Scope, visit: (s: Slot) => void): void {
  for (const f of owner.fields) {
    if (f.type.kind === 'switch' && f.inline) {
      const c = caseOf(schema, f, scope);
      if (c) walk(schema, struct, c, obj, at, scope, visit);
      continue;
    }
    visit({ holder: obj, field: f, owner, struct, scope, at });
    const t = f.type;
    if (t.kind !== 'struct' && t.kind !== 'switch') continue;
    const v = obj[f.id];
    const p = [...at, f.id];
    const structOf = (s: Scope): StructDef | undefined => (t.kind === 'struct' ? schema.types.get(t.struct) : caseOf(schema, f, s));
    if (f.repeat && Array.isArray(v)) {
      v.forEach((el: unknown, i) => {
        const s = structOf(scope);
        if (s && isRecord(el)) walk(schema, s, s, el, [...p, i], childScope(scope, el, [...p, i], i, s.lets), visit);
      });
    } else if (!f.repeat && isRecord(v)) {
      const s = structOf(scope);
      if (s) walk(schema, s, s, v, p, childScope(scope, v, p, undefined, s.lets), visit);
    }
  }
}

/** Derived fields, checksums and pools: what the encoder recomputes. */
export const isDerived = (f: FieldDef): boolean => f.derive !== undefined || f.checksum !== undefined || f.pool;

/** Removes every derived field, so the encoder recomputes counts, offsets, sizes (implied ones too), pools and checksums. */
export function stripDerived(schema: FormatSchema, root: Record<string, unknown>): Record<string, unknown> {
  visitSlots(schema, root, (s) => {
    // A length a substream or compressed field measures (its plain `size`) too: kept, a mutated body would always mismatch it.
    if (isDerived(s.field) || impliedLength(s.owner, s.field)) delete s.holder[s.field.id];
  });
  return root;
}

/** A deep copy (bytes copied, bigints kept). */
export function cloneValue<T>(v: T): T {
  if (v instanceof Uint8Array) return v.slice() as T;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = cloneValue(v[k]);
    return out as T;
  }
  return v;
}
