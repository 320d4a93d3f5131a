import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { MutationContext } from './context.js';
import { fieldMutation } from './field.js';
import { flipBytes } from './flip.js';
import { rawMutation } from './raw.js';

/** Default share of calls that try a field-level mutation first (when the input has or decodes to a value). */
const FIELD_SHARE = 0.7;

/**
 * One mutation of `input`; deterministic given rng state. Never throws (a mutation that cannot
 * apply falls back to a raw one). Field-level mutants carry their `value`, so mutating them again
 * needs no decoding.
 */
export function mutate(input: FuzzInput, rng: Rng, ctx: MutationContext): FuzzInput {
  try {
    if (rng.chance(ctx.fieldShare ?? FIELD_SHARE)) {
      const m = fieldMutation(input, rng, ctx);
      if (m) return m;
    }
    return rawMutation(input, rng, ctx);
  } catch {
    return flipBytes(input, rng);
  }
}
