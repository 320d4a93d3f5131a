import type { FieldPath } from '../findings/index.js';
import { childScope, rootScope, type FieldDef, type FormatSchema, type Locate, type Scope, type StructDef } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { chooseCase, isMap } from './normalize.js';

/** One non-struct field (int, bytes, str, view; maybe repeated) of one struct instance. */
export class FieldVisit {
  constructor(
    readonly field: FieldDef,
    /** The struct that declares it (an inline case's own struct for its fields). */
    readonly struct: StructDef,
    readonly obj: Record<string, unknown>,
    /** The path of the struct that holds it. */
    readonly parent: FieldPath,
    /** The scope of the struct that holds it. */
    readonly scope: Scope,
  ) {}

  /** The path of the field itself (built on demand: walks visit every field of large files). */
  get path(): FieldPath {
    return [...this.parent, this.field.id];
  }
}

type Visitor = (v: FieldVisit) => void;

/**
 * Visits every int/bytes/str/view field of a value tree in declaration order (the decoder's
 * traversal order), descending into structs, arrays of structs and switch cases; `onStruct`,
 * if given, sees each struct and switch field before its contents.
 */
export function walk(schema: FormatSchema, root: Record<string, unknown>, ioSize: number, locate: Locate, visit: Visitor, onStruct?: Visitor): void {
  const struct = schema.types.get(schema.root)!;
  walkFields(schema, struct, root, [], rootScope(root, ioSize, locate, struct.lets), visit, onStruct);
}

function walkFields(schema: FormatSchema, struct: StructDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, visit: Visitor, onStruct: Visitor | undefined): void {
  for (const f of struct.fields) {
    const t = f.type;
    if (t.kind === 'switch' && f.inline) {
      const c = softCase(schema, f, scope, path);
      if (c) walkFields(schema, c, obj, path, scope, visit, onStruct);
      continue;
    }
    if (t.kind !== 'struct' && t.kind !== 'switch') {
      visit(new FieldVisit(f, struct, obj, path, scope));
      continue;
    }
    onStruct?.(new FieldVisit(f, struct, obj, path, scope));
    const p = [...path, f.id];
    const v = Object.prototype.hasOwnProperty.call(obj, f.id) ? obj[f.id] : undefined; // not a `constructor` from the prototype
    const structOf = (): StructDef | undefined => (t.kind === 'struct' ? schema.types.get(t.struct) : softCase(schema, f, scope, p));
    if (f.repeat && Array.isArray(v)) {
      v.forEach((el: unknown, i) => {
        const s = structOf();
        if (s && isMap(el)) walkFields(schema, s, el, [...p, i], childScope(scope, el, [...p, i], i, s.lets), visit, onStruct);
      });
    } else if (!f.repeat && isMap(v)) {
      const s = structOf();
      if (s) walkFields(schema, s, v, p, childScope(scope, v, p, undefined, s.lets), visit, onStruct);
    }
  }
}

/** The chosen case, or undefined when the tag cannot be evaluated (a partial decoded value). */
export function softCase(schema: FormatSchema, f: FieldDef, scope: Scope, path: FieldPath): StructDef | undefined {
  try {
    return chooseCase(schema, f, scope, path);
  } catch (e) {
    if (e instanceof EncodeError) return undefined;
    throw e;
  }
}
