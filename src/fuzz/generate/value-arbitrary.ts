import fc from 'fast-check';
import type { FormatSchema } from '../../schema/index.js';
import { recordedSource } from './choice.js';
import type { GenerateOptions } from './context.js';
import { generateFrom } from './generate-value.js';
import type { EdgeHints } from './hints.js';

/** Words a CCF-sized value consumes, roughly; past the recorded ones every choice is the simplest. */
const MAX_WORDS = 3000;

/**
 * Well-formed-biased values of the schema's root type, for `encode`. Derived fields are left out
 * (the encoder fills them). Every decision is one recorded 32-bit word, so fast-check shrinks a
 * failing value by shortening and zeroing its words: toward fewer, plainer, well-formed fields.
 */
export function valueArbitrary(schema: FormatSchema, hints: EdgeHints, options?: GenerateOptions): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .array(fc.noBias(fc.integer({ min: 0, max: 0xffffffff })), { maxLength: MAX_WORDS, size: 'max' })
    .map((words) => generateFrom(schema, hints, recordedSource(words), options));
}
