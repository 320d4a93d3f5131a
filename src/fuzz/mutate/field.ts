import { encode } from '../../encode/index.js';
import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { MutationContext } from './context.js';
import { mutateArray, regenerate, spliceDonor } from './field-arrays.js';
import { flipCond } from './field-cond.js';
import { armEdge, edgeElements } from './field-edge.js';
import { pinDerived } from './field-pin.js';
import { mutateValue } from './field-scalars.js';
import { MAX_BYTES } from './limits.js';
import type { Node } from './nodes.js';
import { nodesOf, rebase } from './rebase.js';
import { cloneValue } from './slots.js';
import { sourceOf } from './source-value.js';

/** Weights of the field-level operations: value, array, element regeneration, donor splice, pin. */
const WEIGHTS = [36, 24, 5, 12, 14] as const;
const TOTAL = WEIGHTS.reduce((a, b) => a + b, 0);
/** Share of mutations that arm an element just past a consumer's supplied count, when the value has one. */
const EDGE_SHARE = 0.35;
/** Share of mutations that flip an `if` field, when the value has one (schemas without `if` draw nothing for it). */
const COND_SHARE = 0.15;

/**
 * One field-level mutation with fixups: change the value (or the decoded bytes) of `input`, then
 * re-encode it so that counts, offsets, sizes, the pool and the checksum agree with the change
 * (except a deliberately pinned one). Undefined when there is no complete value or no encoding.
 */
export function fieldMutation(input: FuzzInput, rng: Rng, ctx: MutationContext): FuzzInput | undefined {
  const sourced = sourceOf(input, ctx.schema);
  if (!sourced) return undefined;
  const source = sourced.source;
  const nodes = nodesOf(ctx.schema, source);
  let value: Record<string, unknown> | undefined;
  let how: string | undefined;
  /** Applies `op` to `node` in a copy-on-write copy of the source; keeps the copy when the op applied. */
  const on = (node: Node, op: (n: Node) => string | undefined): void => {
    const copy = rebase(source, node);
    how = op(copy.node);
    if (how !== undefined) value = copy.root;
  };
  const edges = edgeElements(nodes.elements, ctx.hints);
  if (edges.length > 0 && rng.chance(EDGE_SHARE)) on(rng.pick(edges), (n) => armEdge(n, rng, ctx));
  if (how === undefined && nodes.conds.length > 0 && rng.chance(COND_SHARE)) on(rng.pick(nodes.conds), (n) => flipCond(n, rng, ctx));
  for (let tries = 0; tries < 4 && how === undefined; tries++) {
    let x = rng.below(TOTAL);
    let op = 0;
    while (x >= WEIGHTS[op]!) x -= WEIGHTS[op++]!;
    if (op === 0 && nodes.values.length) on(rng.pick(nodes.values), (n) => mutateValue(n, rng, ctx));
    else if (op === 1 && nodes.arrays.length) on(rng.pick(nodes.arrays), (n) => mutateArray(n, rng, ctx));
    else if (op === 2 && nodes.elements.length) on(rng.pick(nodes.elements), (n) => regenerate(n, rng, ctx));
    else if (op === 3 && nodes.arrays.length) on(rng.pick(nodes.arrays), (n) => spliceDonor(n, rng, ctx));
    else if (op === 4) {
      const full = sourced.full();
      const copy = cloneValue(source) as Record<string, unknown>;
      how = full ? pinDerived(copy, full, rng, ctx) : undefined;
      if (how !== undefined) value = copy;
    }
  }
  return how === undefined || value === undefined ? undefined : encodedMutant(ctx, value, `field:${how}`);
}

/** A mutated value as an input: re-encoded (counts, offsets, pool, CRC derived again); undefined when it does not encode or is too large. */
export function encodedMutant(ctx: MutationContext, value: Record<string, unknown>, how: string): FuzzInput | undefined {
  const bytes = tryEncode(ctx, value);
  return bytes === undefined || bytes.length > MAX_BYTES ? undefined : { bytes, value, how };
}

function tryEncode(ctx: MutationContext, value: Record<string, unknown>): Uint8Array | undefined {
  try {
    return encode(ctx.schema, value);
  } catch {
    return undefined;
  }
}
