import type { FieldPath } from '../../findings/index.js';
import {
  EvalError, childScope, elementScope, evaluate, rootScope,
  type FieldDef, type FormatSchema, type Locate, type Scope, type StructDef,
} from '../../schema/index.js';

/** A decoded file as the chains read it: the diagnostic decode's value and locations. */
export interface DecodedFile {
  readonly value: Record<string, unknown>;
  readonly size: number;
  readonly locate: Locate;
}

/** One struct on the way down a path: its definition (a switch's chosen case), value and scope. */
export interface Level {
  readonly def: StructDef;
  readonly obj: Record<string, unknown>;
  readonly scope: Scope;
  readonly path: FieldPath;
}

/** A field of a struct with the struct that declares it (an inline switch's case declares its own). */
export interface OwnedField {
  readonly field: FieldDef;
  readonly owner: StructDef;
}

/** How far a path could be followed through the decoded value. */
export interface PathWalk {
  /** The structs passed through, root first; the last is the innermost struct at or above the path. */
  readonly levels: readonly Level[];
  /** The last named field on the path, with its owner, when it was found. */
  readonly field?: OwnedField;
  /** The value at the end of the path (undefined when the decode did not get there). */
  readonly value: unknown;
  readonly complete: boolean;
}

/**
 * Follows `path` through the decoded value with the schema's definitions beside it, building the
 * same scopes the decoder and the consumer model evaluate their expressions in. Bounded by the
 * path's length; stops where the decode has no value.
 */
export function walkPath(schema: FormatSchema, file: DecodedFile, path: FieldPath): PathWalk {
  const rootDef = schema.types.get(schema.root)!;
  const levels: Level[] = [{ def: rootDef, obj: file.value, scope: rootScope(file.value, file.size, file.locate, rootDef.lets), path: [] }];
  let field: OwnedField | undefined;
  let value: unknown = file.value;
  let i = 0;
  while (i < path.length) {
    const level = levels[levels.length - 1]!;
    const seg = path[i];
    if (typeof seg !== 'string') break;
    const owned = fieldsOf(schema, level.def, level.scope).find((f) => f.field.id === seg);
    if (!owned) break;
    field = owned;
    value = Object.prototype.hasOwnProperty.call(level.obj, seg) ? level.obj[seg] : undefined;
    i++;
    let index: number | undefined;
    if (owned.field.repeat && typeof path[i] === 'number') {
      index = path[i] as number;
      value = Array.isArray(value) ? value[index] : undefined;
      i++;
    } else if (owned.field.repeat) break;
    const def = structOf(schema, owned.field, index === undefined ? level.scope : elementScope(level.scope, index));
    if (!def || value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) continue;
    const obj = value as Record<string, unknown>;
    const at = path.slice(0, i);
    levels.push({ def, obj, path: at, scope: childScope(level.scope, obj, at, index, def.lets) });
  }
  return { levels, ...(field ? { field } : {}), value: i === path.length ? value : undefined, complete: i === path.length };
}

/** A struct's fields, with the fields of the case its inline switches chose (unchosen cases are left out). */
export function fieldsOf(schema: FormatSchema, def: StructDef, scope: Scope | undefined): OwnedField[] {
  const out: OwnedField[] = [];
  for (const field of def.fields) {
    out.push({ field, owner: def });
    if (field.type.kind !== 'switch' || !field.inline) continue;
    const chosen = scope ? chosenCase(schema, field, scope) : undefined;
    const cases = chosen ? [chosen] : [];
    for (const c of cases) for (const f of c.fields) out.push({ field: f, owner: c });
  }
  return out;
}

/** The struct a field holds: its own type, or the case its switch chose. */
export function structOf(schema: FormatSchema, field: FieldDef, scope: Scope): StructDef | undefined {
  const t = field.type;
  if (t.kind === 'struct') return schema.types.get(t.struct);
  if (t.kind === 'switch') return chosenCase(schema, field, scope);
  return undefined;
}

/** The case a switch takes for its tag as the scope reads it (undefined when none applies or the tag cannot be read). */
export function chosenCase(schema: FormatSchema, field: FieldDef, scope: Scope): StructDef | undefined {
  const t = field.type;
  if (t.kind !== 'switch') return undefined;
  let tag: unknown;
  try {
    tag = evaluate(t.on, scope);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
  let name: string | undefined;
  if (typeof tag === 'number' || typeof tag === 'bigint') name = t.cases.get(Number(tag));
  else if (typeof tag === 'string') name = t.textCases?.get(tag);
  else if (tag instanceof Uint8Array) name = t.textCases?.get(Buffer.from(tag).toString('latin1'));
  name ??= t.defaultCase;
  return name === undefined ? undefined : schema.types.get(name);
}

/** The innermost level at or above `path` (the struct whose scope evaluates expressions of a field there). */
export function levelAt(walk: PathWalk): Level {
  return walk.levels[walk.levels.length - 1]!;
}
