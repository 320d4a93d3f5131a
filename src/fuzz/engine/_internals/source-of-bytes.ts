import { parseSource, unpack } from '../../../encode/index.js';
import type { FormatSchema } from '../../../schema/index.js';

/**
 * The source value of a file (derived fields left out, as `preflight unpack` prints it),
 * for structural shrinking of inputs that came as bytes: a corpus file, a raw mutation.
 * undefined when the file does not decode completely or needs byte edits to re-pack.
 */
export function sourceOfBytes(schema: FormatSchema, bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const text = unpack(schema, bytes);
    const value = parseSource(schema, text, 'reproducer');
    return '$edit' in value ? undefined : value;
  } catch {
    return undefined;
  }
}
