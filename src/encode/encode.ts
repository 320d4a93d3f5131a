import type { FormatSchema, Locate } from '../schema/index.js';
import { applyChecksums } from './checksums.js';
import { deriveAll } from './derive.js';
import { applyEdits, parseEdits } from './edit.js';
import { EncodeError } from './encode-error.js';
import { buildTree } from './normalize.js';
import { assemblePools, locateViews } from './pools.js';
import { resetScopes } from './tree.js';
import { fillHoles, writeLayout } from './write.js';
import { missing } from './holes.js';

export interface Encoded {
  /** The file, after any `$edit`. */
  readonly bytes: Uint8Array;
  /** The value with every derived field, pool and checksum filled in (decoder conventions). */
  readonly value: Record<string, unknown>;
  /** offsetof/sizeof for any node of `value`, as written (before any `$edit`). */
  readonly locate: Locate;
}

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
  const tree = buildTree(schema, input);
  const { value } = tree;
  const edits = parseEdits(tree.edit);
  // 1. what needs no layout: counts, lengths, constants; then the pools, then what depends on them.
  deriveAll(tree, 'values');
  const views = assemblePools(tree);
  const early = deriveAll(tree, 'values');
  // An `if` still undecided would leave the layout unknown.
  const undecided = tree.conds[0];
  if (undecided) throw missing(early, undecided.path);
  // 2. the layout, with zeros for the integers still to derive.
  const layout = writeLayout(tree, early);
  locateViews(views, layout.locations);
  tree.env.layout = layout.buf.subarray(0, layout.len);
  // 3. offsets, sizes and _io.size, written into the zeros.
  resetScopes(tree, { ioSize: layout.len, locations: layout.locations });
  const bytes = fillHoles(layout, deriveAll(tree, 'layout'));
  // 4. checksums, over the final bytes.
  applyChecksums(tree, bytes, layout.locations);
  return { bytes: applyEdits(bytes, edits), value, locate: layout.locations.locate };
}
