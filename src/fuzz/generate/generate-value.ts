import type { FormatSchema } from '../../schema/index.js';
import type { Rng } from '../_internals/rng.js';
import type { Source } from './choice.js';
import { newGen, type GenerateOptions } from './context.js';
import type { EdgeHints } from './hints.js';
import { applyPin } from './pins.js';
import { finish, genStruct } from './struct.js';

/** Same generator as `valueArbitrary`, as a plain PRNG-driven function, for the hot loop (no fast-check overhead). */
export function generateValue(schema: FormatSchema, hints: EdgeHints, rng: Rng, options?: GenerateOptions): Record<string, unknown> {
  return generateFrom(schema, hints, rng, options);
}

/**
 * A well-formed-biased value of the schema's root type, for `encode`: derived fields are left
 * out (the encoder fills them) except, in some noisy files, one pinned to a wrong value.
 */
export function generateFrom(schema: FormatSchema, hints: EdgeHints, src: Source, options?: GenerateOptions): Record<string, unknown> {
  const g = newGen(schema, hints, src, options);
  const value = genStruct(g, schema.types.get(schema.root)!, null, undefined);
  finish(g);
  applyPin(g);
  return value;
}
