import { formatPath } from '../../findings/index.js';
import type { FieldDef, Scope } from '../../schema/index.js';
import type { Rng } from '../_internals/rng.js';
import { drawInt, drawString, generateStruct } from '../generate/index.js';
import { drawBits } from '../generate/bits.js';
import { caseOf } from '../generate/eval.js';
import { fitString } from './field-text.js';
import { planFor } from '../generate/plan.js';
import type { MutationContext } from './context.js';
import type { Node } from './nodes.js';
import { nodesOf } from './rebase.js';
import { sourceOf } from './source-value.js';
import { cloneValue } from './slots.js';

/** Longest array a mutation builds, whatever its count's width (struct elements are costly to build and encode). */
const MAX_ELEMENTS = 1024;
const MAX_STRUCT_ELEMENTS = 64;

/** Deletes, inserts, duplicates, swaps elements of an array, or resizes it to an edge length. */
export function mutateArray(node: Node, rng: Rng, ctx: MutationContext): string {
  const arr = node.holder[node.key as never] as unknown[];
  const cap = node.field.type.kind === 'struct' || node.field.type.kind === 'switch' ? MAX_STRUCT_ELEMENTS : MAX_ELEMENTS;
  const limit = Math.min(planFor(ctx.schema).fields.get(node.field)?.count?.limit ?? cap, cap);
  const where = formatPath(node.path);
  const n = arr.length;
  const op = n === 0 ? 1 : rng.below(6);
  if (op === 0) {
    const i = rng.below(n);
    arr.splice(i, 1);
    return `${where}.del[${i}]`;
  }
  if ((op === 1 || op === 2 || op === 3) && n >= limit) return mutateArrayShrink(arr, rng, where);
  if (op === 1) {
    const i = rng.int(0, n);
    arr.splice(i, 0, freshElement(node.field, node.slot.scope, i, rng, ctx));
    return `${where}.ins[${i}]`;
  }
  if (op === 2) {
    const i = rng.below(n);
    arr.splice(i + 1, 0, cloneValue(arr[i]));
    return `${where}.dup[${i}]`;
  }
  if (op === 3) {
    const i = rng.below(n);
    const copy = cloneValue(arr[i]);
    const to = rng.int(0, n);
    arr.splice(to, 0, copy);
    return `${where}.copy[${i}->${to}]`;
  }
  if (op === 4 && n > 1) {
    const i = rng.below(n);
    const j = rng.below(n);
    [arr[i], arr[j]] = [arr[j], arr[i]];
    return `${where}.swap[${i},${j}]`;
  }
  // Resize to a length that matters: a hint (19/20/21/22 for a 20-input consumer), one more or one less.
  const lengths = [...ctx.hints.ints, ...[...(ctx.hints.keyed?.values() ?? [])].flatMap((k) => k.counts), n + 1, n - 1, 0]
    .filter((x) => x >= 0 && x <= limit && x !== n);
  const want = lengths.length ? rng.pick(lengths) : n;
  if (want < n) arr.length = want;
  while (arr.length < want) {
    const i = arr.length;
    arr.push(arr.length > 0 && rng.chance(0.5) ? cloneValue(arr[rng.below(arr.length)]) : freshElement(node.field, node.slot.scope, i, rng, ctx));
  }
  return `${where}.len=${want}`;
}

function mutateArrayShrink(arr: unknown[], rng: Rng, where: string): string {
  const i = rng.below(arr.length);
  arr.splice(i, 1);
  return `${where}.del[${i}]`;
}

/** A new element for `f` (an array field), generated in the scope of the struct that holds the array. */
export function freshElement(f: FieldDef, scope: Scope, index: number, rng: Rng, ctx: MutationContext): unknown {
  const t = f.type;
  if (t.kind === 'struct') return generateStruct(ctx.schema, ctx.hints, rng, ctx.schema.types.get(t.struct)!, scope, index);
  if (t.kind === 'switch') {
    const c = caseOf(ctx.schema, f, scope);
    return c ? generateStruct(ctx.schema, ctx.hints, rng, c, scope, index) : {};
  }
  if (t.kind === 'int') {
    const en = f.enumName ? ctx.schema.enums.get(f.enumName) : undefined;
    const v = drawInt(rng, f, t.int, en, ctx.hints.ints, 0.1);
    return t.int === 'u8' || t.int === 's8' ? v : Number(v);
  }
  if (t.kind === 'bits') return drawBits(rng, f, t.bits, f.enumName ? ctx.schema.enums.get(f.enumName) : undefined, ctx.hints.ints, 0.1);
  if (t.kind === 'str') return fitString(drawString(rng, f.pattern !== undefined, 0.2, 300), f, rng);
  return Uint8Array.from({ length: rng.int(0, 16) }, () => rng.below(256));
}

/** Replaces one struct element with a freshly generated one. */
export function regenerate(node: Node, rng: Rng, ctx: MutationContext): string {
  const arr = node.holder as unknown[];
  const i = node.key as number;
  arr[i] = freshElement(node.field, node.slot.scope, i, rng, ctx);
  return `${formatPath(node.path)}=regen`;
}

/**
 * Takes an element (or, sometimes, the whole array) of the same array field from a donor input:
 * another corpus file's instance, criterion or template type. Undefined when no donor has one.
 */
export function spliceDonor(target: Node, rng: Rng, ctx: MutationContext): string | undefined {
  if (ctx.donors.length === 0) return undefined;
  for (let tries = 0; tries < 3; tries++) {
    const d = rng.below(ctx.donors.length);
    const donor = sourceOf(ctx.donors[d]!, ctx.schema);
    if (!donor) continue;
    const same = nodesOf(ctx.schema, donor.source).arrays
      .filter((a) => a.field === target.field && (a.holder[a.key as never] as unknown[]).length > 0);
    if (same.length === 0) continue;
    const from = rng.pick(same);
    const src = from.holder[from.key as never] as unknown[];
    const arr = target.holder[target.key as never] as unknown[];
    const where = formatPath(target.path);
    if (rng.chance(0.2)) {
      (target.holder as Record<string, unknown>)[target.key as string] = cloneValue(src);
      return `${where}<-d${d}:${formatPath(from.path)}`;
    }
    const j = rng.below(src.length);
    const el = cloneValue(src[j]);
    const i = rng.int(0, arr.length);
    if (arr.length > 0 && rng.chance(0.4)) arr[Math.min(i, arr.length - 1)] = el;
    else arr.splice(i, 0, el);
    return `${where}[${i}]<-d${d}:${formatPath(from.path)}[${j}]`;
  }
  return undefined;
}
