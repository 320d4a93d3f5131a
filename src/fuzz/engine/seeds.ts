import { basename } from 'node:path';
import { severityOf } from '../../findings/index.js';
import { decode } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { stripDerived } from '../mutate/slots.js';
import type { CarriedInput } from './wire.js';

export interface SeedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * A corpus file as a campaign input: parsed with the schema, so that field-level mutation
 * can work on its value, when it decodes completely without errors; raw bytes otherwise.
 * A seed's value is its source, not its decoded form: a file whose layout is not the
 * encoder's (gaps, another order) re-encodes to different bytes, which a mutant may do.
 */
export function seedInput(seed: SeedFile, schema: FormatSchema): CarriedInput {
  const how = `corpus:${basename(seed.name)}`;
  try {
    const d = decode(schema, seed.bytes);
    // The value without its derived fields (counts, offsets, pool, CRC), so that a mutant's are derived again.
    if (d.complete && !d.issues.some((i) => severityOf(i) === 'error')) return { bytes: seed.bytes, value: stripDerived(schema, d.value), how, seed: true };
  } catch {
    // A decoder throw is found again (and reported) when the seed runs.
  }
  return { bytes: seed.bytes, how, seed: true };
}
