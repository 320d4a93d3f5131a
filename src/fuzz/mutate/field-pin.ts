import { formatPath } from '../../findings/index.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';
import type { Rng } from '../_internals/rng.js';
import { edgeInt, intRange } from '../generate/index.js';
import { planFor } from '../generate/plan.js';
import type { MutationContext } from './context.js';
import { collectNodes, objectAt, type Node } from './nodes.js';
import { cloneValue, isDerived, isRecord, visitSlots } from './slots.js';

/**
 * Pins one derived integer (a count, an offset, a length, a constant, the checksum) of `value`
 * to a wrong value, taken from `full` (the same value with every derived field filled in):
 * the encoder writes it as given and derives everything else. Undefined when there is none.
 */
export function pinDerived(value: Record<string, unknown>, full: Readonly<Record<string, unknown>>, rng: Rng, ctx: MutationContext): string | undefined {
  const nodes = collectNodes(ctx.schema, full as Record<string, unknown>, true).values;
  if (nodes.length === 0) return undefined;
  const defs: FieldDef[] = [];
  for (const n of nodes) if (!defs.includes(n.field)) defs.push(n.field);
  const field = rng.pick(defs);
  const node = rng.pick(nodes.filter((n) => n.field === field));
  const holder = objectAt(value, node.slot.at);
  if (!isRecord(holder) || field.type.kind !== 'int') return undefined;
  const v = wrong(node, field.type.int, rng, ctx);
  if (typeof node.key === 'number') {
    const arr = cloneValue(node.holder as unknown[]);
    arr[node.key] = v;
    holder[field.id] = arr;
  } else holder[field.id] = v;
  // A count that a derived array's length comes from: pin that array as it is, or the encoder would build one of length v.
  if (planFor(ctx.schema).drivers.has(field.id)) pinDerivedArrays(ctx.schema, value, full);
  return `pin:${formatPath(node.path)}=${String(v)}`;
}

function wrong(node: Node, t: Parameters<typeof intRange>[0], rng: Rng, ctx: MutationContext): number | bigint {
  const cur = node.holder[node.key as never] as unknown;
  const c = typeof cur === 'bigint' ? cur : BigInt(typeof cur === 'number' ? cur : 0);
  const [lo, hi] = intRange(t);
  let v: bigint;
  switch (rng.below(4)) {
    case 0: v = c + (rng.chance(0.5) ? 1n : -1n); break;
    case 1: v = c + BigInt(rng.int(2, 256)) * (rng.chance(0.5) ? 1n : -1n); break;
    default: v = edgeInt(rng, t, ctx.hints.ints);
  }
  if (v === c) v = c + 1n;
  if (v < lo || v > hi) v = v < lo ? hi : lo;
  return t === 'u8' || t === 's8' ? v : Number(v);
}

/**
 * Pins every derived array (an index of record offsets) as `full` has it: a pinned count that
 * such an array's length is computed from could not be encoded otherwise.
 */
export function pinDerivedArrays(schema: FormatSchema, value: Record<string, unknown>, full: Readonly<Record<string, unknown>>): void {
  visitSlots(schema, full as Record<string, unknown>, (s) => {
    if (!s.field.repeat || !isDerived(s.field)) return;
    const holder = objectAt(value, s.at);
    if (isRecord(holder) && holder[s.field.id] === undefined) holder[s.field.id] = cloneValue(s.holder[s.field.id]);
  });
}
