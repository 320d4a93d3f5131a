import type { FieldPath } from '../findings/index.js';
import {
  EvalError, childScope, evaluateInt, rootScope,
  type FieldDef, type FormatSchema, type Locate, type Scope, type StructDef,
} from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { describe, toInt } from './int.js';

export const EDIT_KEY = '$edit';
const noLocate: Locate = () => undefined;
const utf8 = new TextEncoder();

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * Checks a value against the schema and copies it into the decoder's conventions:
 * enum names become numbers, ints number/bigint by width, bytes Uint8Array.
 * Absent (or null) fields stay absent: the encoder derives them.
 */
export function normalize(schema: FormatSchema, input: unknown): { value: Record<string, unknown>; edit: unknown } {
  if (!isMap(input)) throw new EncodeError(`the value must be a map of the ${schema.root} fields, got ${describe(input)}`, []);
  const root = schema.types.get(schema.root)!;
  const obj: Record<string, unknown> = {};
  structInto(schema, root, input, obj, [], rootScope(obj, NaN, noLocate, root.lets), true);
  return { value: obj, edit: input[EDIT_KEY] };
}

function structInto(schema: FormatSchema, struct: StructDef, raw: Record<string, unknown>, obj: Record<string, unknown>, path: FieldPath, scope: Scope, isRoot: boolean): void {
  const known = new Set<string>();
  fillFields(schema, struct, raw, obj, path, scope, known);
  for (const key of Object.keys(raw)) {
    if (known.has(key) || (isRoot && key === EDIT_KEY)) continue;
    throw new EncodeError(`unknown field "${key}" in ${struct.name} (its fields: ${[...known].join(', ') || 'none'})`, [...path, key]);
  }
}

function fillFields(schema: FormatSchema, struct: StructDef, raw: Record<string, unknown>, obj: Record<string, unknown>, path: FieldPath, scope: Scope, known: Set<string>): void {
  for (const f of struct.fields) {
    if (f.type.kind === 'switch' && f.inline) {
      const c = chooseCase(schema, f, scope, path);
      if (c) fillFields(schema, c, raw, obj, path, scope, known);
      continue;
    }
    known.add(f.id);
    let v = raw[f.id];
    // An absent struct is an empty one: each of its fields is then derived (or reported missing).
    if ((v === undefined || v === null) && !f.repeat && (f.type.kind === 'struct' || f.type.kind === 'switch')) v = {};
    if (v === undefined || v === null) continue;
    obj[f.id] = field(schema, f, v, [...path, f.id], scope);
  }
}

/** The struct a switch selects; undefined for a tag with no case (written with no payload). */
export function chooseCase(schema: FormatSchema, f: FieldDef, scope: Scope, path: FieldPath): StructDef | undefined {
  if (f.type.kind !== 'switch') return undefined;
  let tag: number | bigint;
  try {
    tag = evaluateInt(f.type.on, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new EncodeError(`cannot choose the case of ${f.id}: ${e.message}`, path);
  }
  const name = f.type.cases.get(Number(tag));
  return name === undefined ? undefined : schema.types.get(name);
}

function field(schema: FormatSchema, f: FieldDef, v: unknown, path: FieldPath, scope: Scope): unknown {
  if (!f.repeat) return one(schema, f, v, path, scope, undefined);
  if (!Array.isArray(v)) throw new EncodeError(`expected a list, got ${describe(v)}`, path);
  return v.map((el: unknown, i) => {
    if (el !== null && el !== undefined) return one(schema, f, el, [...path, i], scope, i);
    if (f.derive || f.checksum) return undefined;
    throw new EncodeError('missing element (and the schema has no derive for it)', [...path, i]);
  });
}

function one(schema: FormatSchema, f: FieldDef, v: unknown, path: FieldPath, scope: Scope, index: number | undefined): unknown {
  const t = f.type;
  switch (t.kind) {
    case 'int': return toInt(v, t.int, path, f.enumName ? schema.enums.get(f.enumName) : undefined);
    case 'bytes': return toBytes(v, path);
    case 'str':
      if (typeof v === 'string') return v;
      // Raw bytes are accepted too, for text that is not valid UTF-8 (hostile test files).
      if (v instanceof Uint8Array || (isMap(v) && typeof v.hex === 'string')) return toBytes(v, path);
      throw new EncodeError(`expected a string, got ${describe(v)}`, path);
    case 'struct': case 'switch': {
      if (!isMap(v)) throw new EncodeError(`expected a map, got ${describe(v)}`, path);
      const struct = t.kind === 'struct' ? schema.types.get(t.struct)! : chooseCase(schema, f, scope, path);
      const obj: Record<string, unknown> = {};
      if (!struct) {
        if (Object.keys(v).length) throw new EncodeError(`the tag of ${f.id} has no case, so it takes no fields`, path);
        return obj;
      }
      structInto(schema, struct, v, obj, path, childScope(scope, obj, path, index, struct.lets), false);
      return obj;
    }
  }
}

/** Bytes from a Uint8Array, a string (its UTF-8), `{hex: "..."}` or a list of byte values. */
export function toBytes(v: unknown, path: FieldPath): Uint8Array {
  if (v instanceof Uint8Array) return v.slice();
  if (typeof v === 'string') return utf8.encode(v);
  if (isMap(v) && Object.keys(v).length === 1 && typeof v.hex === 'string') return fromHex(v.hex, [...path, 'hex']);
  if (Array.isArray(v) && v.every((b) => (typeof b === 'number' || typeof b === 'bigint') && b >= 0 && b <= 255)) {
    return Uint8Array.from(v.map(Number));
  }
  throw new EncodeError(`expected bytes (a string, or {hex: "..."}), got ${describe(v)}`, path);
}

export function fromHex(text: string, path: FieldPath): Uint8Array {
  const clean = text.replace(/[\s_:]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new EncodeError(`${JSON.stringify(text)} is not an even number of hex digits`, path);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
