import { elementScope, type FieldDef } from '../../schema/index.js';
import { alignByKey, alignByPosition, type Pair } from './align.js';
import { compareStruct } from './compare-struct.js';
import { changedAt, type DiffContext, type StructAt } from './diff-context.js';
import { displayKey } from './display-value.js';
import { fingerprint } from './fingerprint.js';
import { onlyIn } from './only-in.js';
import { sameValue, similarity } from './same-value.js';
import { isRecord, own, scopeOf, structOf } from './struct-fields.js';

/**
 * An array of structs both files have. Elements are the same element when they have the same
 * value of the schema's key (`unique: {key}`), else by position (aligned around insertions, see
 * alignByPosition). Matched elements are compared inside; the others are added or removed. Both
 * files learn how to name the elements by identity (IdentityMap), for matching findings.
 */
export function compareArray(ctx: DiffContext, field: FieldDef, oa: readonly unknown[], na: readonly unknown[], o: StructAt, n: StructAt, label: string): void {
  const oPath = [...o.path, field.id];
  const nPath = [...n.path, field.id];
  const key = field.unique?.key;
  let pairs: Pair[];
  let oldName: (i: number) => string;
  let newName: (j: number) => string;
  if (key !== undefined) {
    const oKeys = keysOf(oa, key);
    const nKeys = keysOf(na, key);
    pairs = alignByKey(oKeys.canon, nKeys.canon);
    const keyField = keyFieldOf(ctx, field, key);
    const name = (arr: readonly unknown[], keys: KeyTexts) => (i: number): string =>
      `${label}[${displayKey(ctx.schema, key, keyField, isRecord(arr[i]) ? own(arr[i] as Record<string, unknown>, key) : undefined)}${keys.nth[i]! > 1 ? `#${keys.nth[i]}` : ''}]`;
    oldName = name(oa, oKeys);
    newName = name(na, nKeys);
  } else {
    pairs = alignByPosition(oa.map(fingerprint), na.map(fingerprint), (i, j) => similarity(oa[i], na[j]));
    const partner = new Int32Array(oa.length).fill(-1);
    for (const p of pairs) if (p.old !== undefined && p.new !== undefined) partner[p.old] = p.new;
    newName = (j) => `${label}[${j}]`;
    oldName = (i) => (partner[i]! >= 0 ? `${label}[${partner[i]}]` : `${label}[removed ${i}]`);
  }
  ctx.old.ids.register(oPath, oldName);
  ctx.new.ids.register(nPath, newName);
  for (const p of pairs) {
    if (p.old !== undefined && p.new !== undefined) comparePair(ctx, field, oa[p.old], na[p.new], o, n, p.old, p.new, newName(p.new));
    else if (p.new !== undefined) ctx.sink.push(onlyIn(ctx, 'added', newName(p.new), field, na[p.new], n, [...nPath, p.new], p.new));
    else ctx.sink.push(onlyIn(ctx, 'removed', oldName(p.old!).replace(/\[removed (\d+)\]$/, '[$1]'), field, oa[p.old!], o, [...oPath, p.old!], p.old));
  }
}

function comparePair(ctx: DiffContext, field: FieldDef, a: unknown, b: unknown, o: StructAt, n: StructAt, i: number, j: number, label: string): void {
  const oPath = [...o.path, field.id, i];
  const nPath = [...n.path, field.id, j];
  const od = isRecord(a) ? structOf(ctx.schema, field, elementScope(o.scope, i), oPath) : undefined;
  const nd = isRecord(b) ? structOf(ctx.schema, field, elementScope(n.scope, j), nPath) : undefined;
  if (od && nd && isRecord(a) && isRecord(b)) {
    compareStruct(ctx, { def: od, obj: a, path: oPath, scope: scopeOf(o.scope, a, oPath, i, od) },
      { def: nd, obj: b, path: nPath, scope: scopeOf(n.scope, b, nPath, j, nd) }, label);
  } else if (!sameValue(a, b)) {
    // An element whose struct cannot be chosen (an unknown tag, a partial read): compared as a whole.
    ctx.sink.push(changedAt(ctx, label, oPath, nPath, [{ field: '(element)', old: '{…}', new: '{…}', note: 'no struct to compare by (unknown case or partial read)' }]));
  }
}

interface KeyTexts {
  /** The key of each element as a canonical string (type-tagged, so 1 and "1" differ). */
  readonly canon: string[];
  /** Which occurrence of its key each element is (1 for the first): duplicate keys get `#2`. */
  readonly nth: Int32Array;
}

function keysOf(arr: readonly unknown[], key: string): KeyTexts {
  const seen = new Map<string, number>();
  const nth = new Int32Array(arr.length);
  const canon = arr.map((el, i) => {
    const c = canonKey(isRecord(el) ? own(el, key) : undefined);
    const k = (seen.get(c) ?? 0) + 1;
    seen.set(c, k);
    nth[i] = k;
    return c;
  });
  return { canon, nth };
}

function canonKey(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return `n${String(v)}`; // 106 and 106n alike
  if (typeof v === 'string') return `s${v}`;
  if (v instanceof Uint8Array) return `b${Buffer.from(v).toString('hex')}`;
  return '-';
}

/** The key's field definition (for an enum name in the label), from the element struct. */
function keyFieldOf(ctx: DiffContext, field: FieldDef, key: string): FieldDef | undefined {
  const t = field.type;
  const def = t.kind === 'struct' ? ctx.schema.types.get(t.struct) : undefined;
  return def?.fields.find((f) => f.id === key);
}
