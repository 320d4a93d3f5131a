import type { FieldPath } from '../../findings/index.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';
import { isDerived, isRecord, visitSlots, type Slot } from './slots.js';

/** A place in a value a field-level mutation can change. */
export interface Node {
  /**
   * 'value': an int, bit field, str or bytes (maybe one element of an array); 'array': a whole
   * repeated field; 'element': one struct element; 'cond': a field with an `if` (present or null).
   */
  readonly kind: 'value' | 'array' | 'element' | 'cond';
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly field: FieldDef;
  readonly slot: Slot;
  readonly path: FieldPath;
}

export interface Nodes {
  readonly values: Node[];
  readonly arrays: Node[];
  readonly elements: Node[];
  /** Fields with an `if`, whose presence a mutation may flip (none in schemas without `if`). */
  readonly conds: Node[];
}

/** The nodes of a value: `derived` selects the fields the encoder derives (to pin), else the others. */
export function collectNodes(schema: FormatSchema, root: Record<string, unknown>, derived: boolean): Nodes {
  const out: Nodes = { values: [], arrays: [], elements: [], conds: [] };
  visitSlots(schema, root, (slot) => {
    const f = slot.field;
    const v = slot.holder[f.id];
    if (v === undefined || isDerived(f) !== derived || (derived && f.type.kind !== 'int')) return;
    const path = [...slot.at, f.id];
    if (f.cond && !derived) out.conds.push({ kind: 'cond', holder: slot.holder, key: f.id, field: f, slot, path });
    if (v === null && f.cond) return;
    const scalar = f.type.kind === 'int' || f.type.kind === 'bits' || f.type.kind === 'str' || f.type.kind === 'bytes';
    if (!f.repeat) {
      if (scalar) out.values.push({ kind: 'value', holder: slot.holder, key: f.id, field: f, slot, path });
      return;
    }
    if (!Array.isArray(v)) return;
    out.arrays.push({ kind: 'array', holder: slot.holder, key: f.id, field: f, slot, path });
    for (let i = 0; i < v.length; i++) {
      if (scalar) out.values.push({ kind: 'value', holder: v, key: i, field: f, slot, path: [...path, i] });
      else if (isRecord(v[i])) out.elements.push({ kind: 'element', holder: v, key: i, field: f, slot, path: [...path, i] });
    }
  });
  return out;
}

/** The object at `path` in `root` (undefined when the path does not lead to an object or array). */
export function objectAt(root: unknown, path: FieldPath): Record<string, unknown> | unknown[] | undefined {
  let v: unknown = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return Array.isArray(v) || isRecord(v) ? v : undefined;
}
