import type { FieldDef } from '../../schema/index.js';
import { fitText } from '../generate/text.js';
import type { Rng } from '../_internals/rng.js';

/**
 * A mutated string made writable in its field's encoding (ascii, latin1, cp437, utf-16): a
 * character the encoder cannot write would make the mutant unencodable, a wasted run. Terminator
 * bytes are kept: text that holds its own terminator is a near miss worth making. UTF-8 fields
 * (every CCF string) are returned as they are, with no draw.
 */
export function fitString<T>(v: T, f: FieldDef, rng: Rng): T | string {
  const t = f.type;
  if (typeof v !== 'string' || t.kind !== 'str' || t.encoding === undefined || t.encoding === 'utf-8') return v;
  return fitText(rng, v, t.encoding, undefined);
}
