import { Document, Scalar, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FieldPath } from '../findings/index.js';
import { childScope, rootScope, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../schema/index.js';
import { EDIT_KEY, isMap as isPlainMap } from './normalize.js';
import { softCase } from './walk.js';

export interface FormatOptions {
  /** Comment lines printed at the top of the source. */
  readonly comment?: string | readonly string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const noLocate = (): undefined => undefined;
/** Small collections of scalars print on one line (`{ op: REGEX, text: "^cmd" }`). */
const FLOW_MAX_ITEMS = 12;
/**
 * A `u1` list longer than this, most of whose values have no enum name, prints as `{hex: ...}`
 * (pack reads it back, normalize.ts): the yaml package holds about 1 KB per list item while it
 * parses a source, so 90 KB of random bytes read as CCF, printed one number an item, took pack to
 * 205 MB. Lists of named values (a real file's field kinds) keep their names.
 */
export const HEX_LIST_MIN = 16;

/**
 * Prints a value as a readable source: fields in schema order, enum values by name,
 * bytes as text when they are printable UTF-8 (else `{hex: ...}`), u8 beyond 2^53 as digit strings.
 * Lenient with partial values: absent fields are left out, unknown keys printed as they are.
 */
export function formatSource(schema: FormatSchema, value: Record<string, unknown>, options: FormatOptions = {}): string {
  const root = schema.types.get(schema.root)!;
  const plain = struct(schema, root, value, rootScope(value, NaN, noLocate, root.lets), []);
  const doc = new Document(null);
  doc.contents = doc.createNode(plain, { aliasDuplicateObjects: false }) as Node;
  flowify(doc.contents, true);
  const lines = options.comment === undefined ? [] : typeof options.comment === 'string' ? options.comment.split('\n') : options.comment;
  if (lines.length) doc.commentBefore = lines.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Bottom-up: a collection prints on one line when everything in it does and it is small. Returns its scalar count, or -1. */
function flowify(node: unknown, top: boolean): number {
  if (isScalar(node) || node === null) return 1;
  if (!isMap(node) && !isSeq(node)) return -1;
  const items = isMap(node) ? node.items.map((p) => p.value) : node.items;
  let n = 0;
  for (const item of items) {
    const c = flowify(item, false);
    n = n < 0 || c < 0 ? -1 : n + c;
  }
  const flat = n >= 0 && (isSeq(node) ? items.every((i) => isScalar(i) || i === null) : n <= FLOW_MAX_ITEMS);
  if (flat && !top) node.flow = true;
  return flat && !top ? n : -1;
}

function struct(schema: FormatSchema, s: StructDef, obj: Record<string, unknown>, scope: Scope, path: FieldPath): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields(schema, s, obj, scope, path, out);
  for (const [k, v] of Object.entries(obj)) if (!(k in out) && v !== undefined) out[k] = k === EDIT_KEY ? v : loose(v);
  return out;
}

function fields(schema: FormatSchema, s: StructDef, obj: Record<string, unknown>, scope: Scope, path: FieldPath, out: Record<string, unknown>): void {
  for (const f of s.fields) {
    if (f.type.kind === 'switch' && f.inline) {
      const c = softCase(schema, f, scope, path);
      if (c) fields(schema, c, obj, scope, path, out);
      continue;
    }
    const v = Object.prototype.hasOwnProperty.call(obj, f.id) ? obj[f.id] : undefined; // not a `constructor` from the prototype
    if (v === undefined) continue;
    const p = [...path, f.id];
    if (f.repeat && isByteList(schema, f, v)) out[f.id] = { hex: Buffer.from(v).toString('hex') };
    else out[f.id] = f.repeat && Array.isArray(v) ? v.map((el: unknown, i) => one(schema, f, el, scope, [...p, i], i)) : one(schema, f, v, scope, p, undefined);
  }
}

function isByteList(schema: FormatSchema, f: FieldDef, v: unknown): v is number[] {
  if (f.type.kind !== 'int' || f.type.int !== 'u1' || !Array.isArray(v) || v.length <= HEX_LIST_MIN) return false;
  const names = f.enumName ? schema.enums.get(f.enumName)?.byValue : undefined;
  let named = 0;
  for (let i = 0; i < v.length; i++) {
    const b: unknown = v[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) return false; // a hole or null too
    if (names?.has(b)) named++;
  }
  return 2 * named < v.length;
}

function one(schema: FormatSchema, f: FieldDef, v: unknown, scope: Scope, path: FieldPath, index: number | undefined): unknown {
  if (v === null || v === undefined) return null;
  const t = f.type;
  if (t.kind === 'int' && (typeof v === 'number' || typeof v === 'bigint')) {
    const name = f.enumName ? schema.enums.get(f.enumName)?.byValue.get(Number(v)) : undefined;
    if (name !== undefined) return name;
    if (f.valid.some((r) => r.rule.kind === 'eq' && r.rule.value >= 0x100n)) {
      const s = new Scalar(v);
      s.format = 'HEX';
      return s;
    }
    return integer(v);
  }
  if (v instanceof Uint8Array) return bytes(v);
  if (typeof v === 'string') return quoted(v);
  if ((t.kind === 'struct' || t.kind === 'switch') && isPlainMap(v)) {
    const s = t.kind === 'struct' ? schema.types.get(t.struct) : softCase(schema, f, scope, path);
    return s ? struct(schema, s, v, childScope(scope, v, path, index, s.lets), path) : loose(v);
  }
  return loose(v);
}

function integer(v: number | bigint): number | string {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : String(v);
}

/** Printable UTF-8 as text; anything else as hex. */
function bytes(b: Uint8Array): unknown {
  try {
    const text = strictUtf8.decode(b);
    if (!/[\u0000-\u0008\u000b-\u001f\u007f\ufffd\ufeff]/.test(text)) return quoted(text);
  } catch {
    // not UTF-8
  }
  return { hex: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') };
}

/** Text with line breaks or control characters is double-quoted, so that they print as escapes. */
function quoted(text: string): unknown {
  if (!/[\u0000-\u001f]/.test(text)) return text;
  const s = new Scalar(text);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

/** A value the schema does not describe here (a partial decode): printed as faithfully as it can be. */
function loose(v: unknown): unknown {
  if (typeof v === 'bigint') return integer(v);
  if (v instanceof Uint8Array) return bytes(v);
  if (Array.isArray(v)) return v.map(loose);
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, loose(x)]));
  return v;
}
