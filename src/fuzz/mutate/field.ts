import { encode } from '../../encode/index.js';
import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { MutationContext } from './context.js';
import { mutateArray, regenerate, spliceDonor } from './field-arrays.js';
import { pinDerived } from './field-pin.js';
import { mutateValue } from './field-scalars.js';
import { MAX_BYTES } from './limits.js';
import { collectNodes } from './nodes.js';
import { cloneValue } from './slots.js';
import { sourceOf } from './source-value.js';

/** Weights of the field-level operations: value, array, element regeneration, donor splice, pin. */
const WEIGHTS = [36, 24, 5, 12, 14] as const;
const TOTAL = WEIGHTS.reduce((a, b) => a + b, 0);

/**
 * One field-level mutation with fixups: change the value (or the decoded bytes) of `input`, then
 * re-encode it so that counts, offsets, sizes, the pool and the checksum agree with the change
 * (except a deliberately pinned one). Undefined when there is no complete value or no encoding.
 */
export function fieldMutation(input: FuzzInput, rng: Rng, ctx: MutationContext): FuzzInput | undefined {
  const sourced = sourceOf(input, ctx.schema);
  if (!sourced) return undefined;
  const value = cloneValue(sourced.source) as Record<string, unknown>;
  const nodes = collectNodes(ctx.schema, value, false);
  let how: string | undefined;
  for (let tries = 0; tries < 4 && how === undefined; tries++) {
    let x = rng.below(TOTAL);
    let op = 0;
    while (x >= WEIGHTS[op]!) x -= WEIGHTS[op++]!;
    if (op === 0 && nodes.values.length) how = mutateValue(rng.pick(nodes.values), rng, ctx);
    else if (op === 1 && nodes.arrays.length) how = mutateArray(rng.pick(nodes.arrays), rng, ctx);
    else if (op === 2 && nodes.elements.length) how = regenerate(rng.pick(nodes.elements), rng, ctx);
    else if (op === 3 && nodes.arrays.length) how = spliceDonor(rng.pick(nodes.arrays), rng, ctx);
    else if (op === 4) {
      const full = sourced.full();
      how = full ? pinDerived(value, full, rng, ctx) : undefined;
    }
  }
  if (how === undefined) return undefined;
  const bytes = tryEncode(ctx, value);
  if (!bytes || bytes.length > MAX_BYTES) return undefined;
  return { bytes, value, how: `field:${how}` };
}

function tryEncode(ctx: MutationContext, value: Record<string, unknown>): Uint8Array | undefined {
  try {
    return encode(ctx.schema, value);
  } catch {
    return undefined;
  }
}
