import type { FieldPath } from '../findings/index.js';
import type { FieldDef, FormatSchema, StructDef } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { encodeDetailed, type Encoded } from './encode.js';
import { isMap } from './normalize.js';
import { clone } from './value-utils.js';

/** Attempts at pruning what still does not encode; each removes one node. */
const MAX_PRUNES = 64;
/** Partial values are as deep as the decoder went (it stops long before this). */
const MAX_DEPTH = 256;

/**
 * A value that encodes, made from what a partial decode could read. The decoder leaves holes
 * where it stopped: `null` elements (a record it could not read), and fields after the stop
 * left out. The encoder derives counts, offsets and sizes, but a field with no derivation must
 * be given, so each hole becomes the emptiest value of its field (0, "", [] or an empty struct).
 * What still does not encode (a case that needs fields the file never had) is pruned, one node
 * at a time, at the path the encoder names. The result packs; the bytes it packs to are then
 * brought back to the file's by an `$edit` (see unpack).
 */
export function repairForEncoding(schema: FormatSchema, partial: Record<string, unknown>): { value: Record<string, unknown>; encoded: Encoded; pruned: string[] } | undefined {
  const value = clone(partial) as Record<string, unknown>;
  fill(schema, schema.types.get(schema.root)!, value, 0);
  const pruned: string[] = [];
  for (let i = 0; i <= MAX_PRUNES; i++) {
    try {
      return { value, encoded: encodeDetailed(schema, value), pruned };
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      if (!prune(value, e.path)) break;
      pruned.push(`${e.path.length ? e.path.join('.') : '(file)'}: ${e.reason}`);
    }
  }
  // Last resort: the emptiest file the schema describes, every byte then restored by `$edit`.
  const empty: Record<string, unknown> = {};
  fill(schema, schema.types.get(schema.root)!, empty, 0);
  try {
    return { value: empty, encoded: encodeDetailed(schema, empty), pruned: [...pruned, '(file): nothing of the decoded value could be encoded'] };
  } catch (e) {
    if (e instanceof EncodeError) return undefined;
    throw e;
  }
}

/** Gives each field the schema cannot derive an empty value where the partial value has none. */
function fill(schema: FormatSchema, struct: StructDef, obj: Record<string, unknown>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const f of struct.fields) {
    const t = f.type;
    if (t.kind === 'switch' && f.inline) {
      const c = caseOf(schema, f, obj);
      if (c) fill(schema, c, obj, depth + 1);
      continue;
    }
    const v = obj[f.id];
    if (v === null && f.cond) continue; // its `if` was false: not written
    if (v === undefined || v === null) {
      // An array is given even when derivable: its derived count may be a hostile pinned field.
      if (derivable(f) && !f.repeat) continue;
      obj[f.id] = emptyOf(f);
    }
    const now = obj[f.id];
    if (f.repeat && Array.isArray(now)) {
      // A record the decoder could not read is left out (`$edit` restores its bytes).
      const kept = now.filter((el) => el !== null && el !== undefined);
      obj[f.id] = kept;
      if (t.kind === 'struct' || t.kind === 'switch') for (const el of kept) if (isMap(el)) fillStruct(schema, f, el, obj, depth);
    } else if (isMap(now) && (t.kind === 'struct' || t.kind === 'switch')) fillStruct(schema, f, now, obj, depth);
  }
}

function fillStruct(schema: FormatSchema, f: FieldDef, el: Record<string, unknown>, holder: Record<string, unknown>, depth: number): void {
  const s = f.type.kind === 'struct' ? schema.types.get(f.type.struct) : caseOf(schema, f, holder);
  if (s) fill(schema, s, el, depth + 1);
}

/** The case a switch's tag selects, when the tag is a plain field of `obj` (as in the bundled schemas). */
function caseOf(schema: FormatSchema, f: FieldDef, obj: Record<string, unknown>): StructDef | undefined {
  if (f.type.kind !== 'switch') return undefined;
  const on = f.type.on.ast;
  if (on.kind !== 'name' || !Object.prototype.hasOwnProperty.call(obj, on.name)) return undefined;
  const tag = obj[on.name];
  if (typeof tag !== 'number' && typeof tag !== 'bigint') return undefined;
  const name = f.type.cases.get(Number(tag));
  return name === undefined ? undefined : schema.types.get(name);
}

const derivable = (f: FieldDef): boolean => f.derive !== undefined || f.pool || f.checksum !== undefined || f.view !== undefined || f.contents !== undefined;

function emptyOf(f: FieldDef): unknown {
  if (f.repeat) return [];
  switch (f.type.kind) {
    case 'int': case 'bits': return 0;
    case 'bytes': return new Uint8Array(0);
    case 'str': return '';
    default: return {};
  }
}

/** Removes the node at `path` (an array element is spliced out); false when there is nothing left to remove. */
function prune(root: Record<string, unknown>, path: FieldPath): boolean {
  if (path.length === 0) return false;
  let holder: unknown = root;
  for (const seg of path.slice(0, -1)) {
    holder = Array.isArray(holder) || isMap(holder) ? (holder as Record<string | number, unknown>)[seg] : undefined;
    if (holder === undefined || holder === null) return prune(root, path.slice(0, -1));
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(holder) && typeof last === 'number' && last < holder.length) {
    holder.splice(last, 1);
    return true;
  }
  if (isMap(holder) && Object.prototype.hasOwnProperty.call(holder, last)) {
    delete holder[last];
    return true;
  }
  return prune(root, path.slice(0, -1));
}
