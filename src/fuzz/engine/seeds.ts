import { basename } from 'node:path';
import { severityOf } from '../../findings/index.js';
import { decode } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { CarriedInput } from './wire.js';

export interface SeedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * A corpus file as a campaign input: parsed with the schema, so that field-level mutation
 * can work on its value, when it decodes completely without errors; raw bytes otherwise.
 */
export function seedInput(seed: SeedFile, schema: FormatSchema): CarriedInput {
  const how = `corpus:${basename(seed.name)}`;
  try {
    const d = decode(schema, seed.bytes);
    if (d.complete && !d.issues.some((i) => severityOf(i) === 'error')) return { bytes: seed.bytes, value: d.value, how };
  } catch {
    // A decoder throw is found again (and reported) when the seed runs.
  }
  return { bytes: seed.bytes, how };
}
