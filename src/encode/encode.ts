import { formatPath } from '../findings/index.js';
import type { FormatSchema, Locate } from '../schema/index.js';
import { applyChecksums, deriveAll, type Pending } from './derive.js';
import { applyEdits, parseEdits } from './edit.js';
import { EncodeError } from './encode-error.js';
import { normalize } from './normalize.js';
import { assemblePools, locateViews } from './pools.js';
import { write } from './write.js';

export interface Encoded {
  /** The file, after any `$edit`. */
  readonly bytes: Uint8Array;
  /** The value with every derived field, pool and checksum filled in (decoder conventions). */
  readonly value: Record<string, unknown>;
  /** offsetof/sizeof for any node of `value`, as written (before any `$edit`). */
  readonly locate: Locate;
}

const noLocate = (): undefined => undefined;

/** Writes the bytes of `value`, deriving what it does not pin. Every problem is an EncodeError. */
export function encode(schema: FormatSchema, value: unknown): Uint8Array {
  return encodeDetailed(schema, value).bytes;
}

export function encodeDetailed(schema: FormatSchema, input: unknown): Encoded {
  try {
    return run(schema, input);
  } catch (e) {
    if (e instanceof EncodeError) throw e;
    throw new EncodeError(`unexpected failure: ${e instanceof Error ? e.message : String(e)}`, []);
  }
}

function run(schema: FormatSchema, input: unknown): Encoded {
  const { value, edit } = normalize(schema, input);
  const edits = parseEdits(edit);
  // 1. what needs no layout: counts, lengths, constants; then the pools, then what depends on them.
  deriveAll(schema, value, 'values', NaN, noLocate);
  const views = assemblePools(schema, value);
  const early = deriveAll(schema, value, 'values', NaN, noLocate);
  // 2. the layout, with zeros for the integers still to derive.
  const layout = write(schema, value, 'layout', reasons(early));
  locateViews(views, layout.locations);
  // 3. offsets, sizes and _io.size.
  const late = deriveAll(schema, value, 'layout', layout.bytes.length, layout.locations.locate(value));
  const final = write(schema, value, 'final', reasons(late));
  if (final.bytes.length !== layout.bytes.length) {
    throw new EncodeError(`a field derived from the layout changed the layout (${layout.bytes.length} → ${final.bytes.length} bytes)`, []);
  }
  locateViews(views, final.locations);
  // 4. checksums, over the final bytes.
  applyChecksums(schema, value, final.bytes, final.locations);
  return { bytes: applyEdits(final.bytes, edits), value, locate: final.locations.locate(value) };
}

function reasons(pending: readonly Pending[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of pending) if (!m.has(formatPath(p.path))) m.set(formatPath(p.path), p.reason);
  return m;
}
