import { formatPath, type FieldPath, type PathSegment } from '../../findings/index.js';
import {
  childScope, chooseCase, elementScope, evaluate, evaluateRef,
  type FieldDef, type Scope, type StructDef,
} from '../../schema/index.js';
import { describeLeaf } from './describe-value.js';
import { fitToChildren } from './fit-extent.js';
import { childPath, type TreeBuilder } from './tree-builder.js';
import { walkValue } from './walk-value.js';
import type { ViewNodeKind } from './types.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Deeper than this the walk goes on without the schema (the decoder stops at MAX_NESTING anyway). */
const MAX_DEPTH = 400;

/** Where the walk is: the node's id and depth, its path as segments (for the decoder) and as text. */
export interface At {
  readonly id: number;
  readonly depth: number;
  readonly segs: PathSegment[];
  readonly path: string;
}

/**
 * Walks a decoded struct with its schema type: each field becomes a node (an inline switch's
 * chosen case adds its fields here, as the decoder merged them). Keys the schema cannot account
 * for (a switch whose tag cannot be evaluated any more) are still shown, without types.
 */
export function walkStruct(b: TreeBuilder, def: StructDef, obj: Record<string, unknown>, scope: Scope, at: At): void {
  const lost = walkFields(b, def, obj, scope, at, 0);
  if (lost) {
    const seen = new Set<string>();
    collectIds(b, def, scope, seen, 0);
    for (const key of Object.keys(obj)) if (!seen.has(key)) walkValue(b, obj[key], key, at);
  }
}

function walkFields(b: TreeBuilder, def: StructDef, obj: Record<string, unknown>, scope: Scope, at: At, inlineDepth: number): boolean {
  let lost = false;
  for (const field of def.fields) {
    if (field.type.kind === 'switch' && field.inline) {
      const chosen = inlineDepth < 16 ? chosenCase(b, field, scope) : undefined;
      if (chosen) lost = walkFields(b, chosen, obj, scope, at, inlineDepth + 1) || lost;
      else lost = true;
      continue;
    }
    if (!hasOwn(obj, field.id)) continue; // not decoded: where reading stopped says why
    const v = obj[field.id];
    if (v === undefined || (v === null && field.cond)) continue; // `if` false: the field is not in this file
    at.segs.push(field.id);
    try {
      if (field.repeat && Array.isArray(v)) walkArray(b, field, v, scope, at);
      else walkElement(b, field, v, scope, at, field.id, childPath(at.path, field.id), undefined);
    } finally {
      at.segs.pop();
    }
  }
  return lost;
}

/** The fields an inline switch may have merged, whichever case it chose (for the leftover keys). */
function collectIds(b: TreeBuilder, def: StructDef, scope: Scope, out: Set<string>, depth: number): void {
  for (const f of def.fields) {
    if (f.type.kind !== 'switch' || !f.inline) out.add(f.id);
    else if (depth < 16) {
      const chosen = chosenCase(b, f, scope);
      if (chosen) collectIds(b, chosen, scope, out, depth + 1);
    }
  }
}

/** The struct a switch chose, found again by the decoder's rule; undefined when its tag cannot be evaluated. */
function chosenCase(b: TreeBuilder, field: FieldDef, scope: Scope): StructDef | undefined {
  const t = field.type;
  if (t.kind !== 'switch') return undefined;
  try {
    const target = chooseCase(t, evaluate(t.on, scope));
    return target ? b.schema.types.get(target.struct) : undefined;
  } catch {
    return undefined; // the decoder reported why it could not choose
  }
}

function walkArray(b: TreeBuilder, field: FieldDef, items: unknown[], scope: Scope, at: At): void {
  const path = childPath(at.path, field.id);
  const loc = b.decoded.locate(at.segs);
  const type = typeName(field);
  const id = b.emit(at.id, at.depth + 1, {
    name: field.id, path, kind: 'array', type, offset: loc?.offset ?? 0, size: loc?.size ?? 0, value: undefined,
    meaning: `${items.length} × ${type}`, partial: loc?.partial, count: items.length, placedBy: undefined, innerOffset: undefined, doc: field.doc,
  });
  if (id < 0) {
    b.skip(items);
    b.truncated--; // the array itself was counted by emit
    return;
  }
  const primitive = field.type.kind === 'int' || field.type.kind === 'bits';
  const inner: At = { id, depth: at.depth + 1, segs: at.segs, path };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || item === undefined) continue; // placed outside the file: reported as a finding
    if (primitive && !b.canEmit(inner.depth + 1)) {
      b.truncated += items.length - i; // plain numbers: count them, do not walk them
      break;
    }
    at.segs.push(i);
    try {
      // A plain number needs no scope of its own (its pointer, if any, is the decoder's record).
      walkElement(b, field, item, primitive ? scope : elementScope(scope, i), inner, `[${i}]`, childPath(path, i), i);
    } finally {
      at.segs.pop();
    }
  }
  if (loc === undefined) placedExtent(b, id, items.length, at.segs);
  else fitToChildren(b.nodes, id, false);
}

/**
 * An array whose elements are each placed by a pointer has no extent of its own: it takes the
 * hull of its elements' locations (all of them, kept as nodes or not), and remembers their
 * ranges, so the hex dump colours the records rather than the gaps between them.
 */
function placedExtent(b: TreeBuilder, id: number, count: number, segs: PathSegment[]): void {
  const node = b.nodes[id]!;
  const spans: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    segs.push(i);
    const loc = b.decoded.innerOffset?.(segs) === undefined ? b.decoded.locate(segs) : undefined;
    segs.pop();
    if (loc && loc.size > 0) spans.push([loc.offset, Math.min(loc.offset + loc.size, b.bytes.length)]);
  }
  // A record that stopped part-way has no size in its location: its node covers what it read.
  for (let c = id + 1; c < b.nodes.length && b.nodes[c]!.depth > node.depth; c++) {
    const child = b.nodes[c]!;
    if (child.parent === id && child.partial && child.size > 0) spans.push([child.offset, child.offset + child.size]);
  }
  node.scattered = true;
  if (spans.length === 0) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, z] of spans) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, z);
  }
  node.offset = Math.min(lo, b.bytes.length);
  node.size = Math.max(0, hi - node.offset);
  if (node.depth === 1) b.elementSpans.set(id, spans);
}

/** One value of a field (the field itself, or one element of its array), at `at.segs`. */
function walkElement(b: TreeBuilder, field: FieldDef, v: unknown, scope: Scope, parent: At, name: string, path: string, index: number | undefined): void {
  const segs = parent.segs;
  const loc = b.decoded.locate(segs);
  const innerOffset = b.decoded.innerOffset?.(segs);
  const pointer = pointerPath(b, field, scope, segs);
  const placedBy = pointer && formatPath(pointer);
  if (pointer) b.notePointer(placedBy!, pointer, path);
  const depth = parent.depth + 1;
  const offset = loc?.offset ?? 0;
  const size = loc?.size ?? 0;
  const partial = loc?.partial;
  const doc = index === undefined ? field.doc : undefined;
  const t = field.type;
  if ((t.kind === 'struct' || t.kind === 'switch') && isRecord(v)) {
    const def = t.kind === 'struct' ? b.schema.types.get(t.struct) : chosenCase(b, field, scope);
    const meaning = placedBy !== undefined ? `placed by ${placedBy}` : undefined;
    // Every NodeInit is written with the same keys in the same order: one shape, no spread.
    const id = b.emit(parent.id, depth, { name, path, kind: t.kind, type: def?.name, offset, size, value: undefined, meaning, partial, count: undefined, placedBy, innerOffset, doc });
    if (id < 0) {
      b.skip(v);
      b.truncated--;
      return;
    }
    const at: At = { id, depth, segs, path };
    if (depth > MAX_DEPTH || !def) {
      for (const key of Object.keys(v)) walkValue(b, v[key], key, at);
    } else {
      walkStruct(b, def, v, childScope(scope, v, [...segs], index, def.lets), at);
    }
    fitToChildren(b.nodes, id, loc === undefined);
    return;
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    walkValue(b, v, name, parent); // a shape the schema does not explain: shown as it is
    return;
  }
  const raw = loc && innerOffset === undefined && (typeof v === 'object' || typeof v === 'string') ? b.bytes.subarray(loc.offset, loc.offset + loc.size) : undefined;
  const leaf = describeLeaf(b.schema, field, v, raw);
  b.emit(parent.id, depth, { name, path, kind: leafKind(t.kind, v), type: typeName(field), offset, size, value: leaf.value, meaning: leaf.meaning, partial, count: undefined, placedBy, innerOffset, doc });
}

/** The pointer that placed this node: the decoder's record for `at`, the offset field for a view into a pool. */
function pointerPath(b: TreeBuilder, field: FieldDef, scope: Scope, segs: PathSegment[]): FieldPath | undefined {
  if (!field.at) return undefined;
  if (!field.view) return b.decoded.pointerOf(segs);
  try {
    return evaluateRef(field.at, scope).path ?? undefined;
  } catch {
    return undefined;
  }
}

function leafKind(kind: FieldDef['type']['kind'], v: unknown): ViewNodeKind {
  if (kind === 'int' || kind === 'bits' || kind === 'str' || kind === 'bytes') return kind;
  return typeof v === 'number' || typeof v === 'bigint' ? 'int' : v instanceof Uint8Array ? 'bytes' : typeof v === 'string' ? 'str' : 'value';
}

/** The schema type as written: `u4`, `b3`, `str`, `bytes`, a struct's name, `switch`. */
function typeName(field: FieldDef): string {
  const t = field.type;
  switch (t.kind) {
    case 'int': return t.int;
    case 'bits': return `b${t.bits}`;
    case 'struct': return t.struct;
    case 'switch': return 'switch';
    default: return t.kind;
  }
}
