import { formatPath, type FieldPath, type Issue } from '../../findings/index.js';
import { rootScope, type FormatSchema, type Locate } from '../../schema/index.js';
import { DecodeContext, OutOfBudget, Stop, type DecodeOptions } from './decode-context.js';
import { decodeFieldsInto } from './decode-struct.js';
import { resolveViews } from './resolve-views.js';
import { DecodeStream } from './stream.js';

export interface Decoded {
  /** The decoded value; partial when `complete` is false. */
  readonly value: Record<string, unknown>;
  readonly complete: boolean;
  /** Findings about the layout itself: truncation, offsets outside the file, unknown tags (empty when a sink was given). */
  readonly issues: readonly Issue[];
  readonly locate: Locate;
  /** For a record placed by a pointer, the pointer's path (instances[3] ← index[3]). */
  readonly pointerOf: (path: FieldPath) => FieldPath | undefined;
  /** True for a struct whose decoding stopped part-way (its size is unknown). */
  readonly isPartial: (path: FieldPath) => boolean;
  readonly size: number;
  /**
   * For a node read from decompressed bytes (`process`), its offset inside them (its location is
   * the compressed field's); undefined for every other node. Absent from the fast path's result.
   */
  readonly innerOffset?: (path: FieldPath) => number | undefined;
  /**
   * Empties the decode (its tree, where each node sits, its pointers): for a caller that is done
   * with it and keeps nothing of it. Why not leave it to the GC: V8's optimising compiler holds the
   * functions it is compiling (`locate`, `pointerOf`) in handles until its job is installed, which
   * on a busy machine can be long after the caller returned, and each reaches the whole decode
   * (15 MB for 1 MiB of random bytes read as CCF). Emptied, such a handle keeps a few bytes.
   */
  readonly release?: () => void;
}

/**
 * The diagnostic decoder: interprets the schema over the bytes, checking every read,
 * recording where each node sits, and going on past local failures where it can.
 */
export function decode(schema: FormatSchema, bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const value: Record<string, unknown> = {};
  const ctx = new DecodeContext(schema, bytes, value, options);
  const root = schema.types.get(schema.root)!;
  const scope = rootScope(value, bytes.length, ctx.locate, root.lets, new DecodeStream(bytes, 0, bytes.length, undefined, undefined, ctx.view));
  try {
    decodeFieldsInto(ctx, root, value, 0, [], scope);
  } catch (e) {
    if (!(e instanceof Stop) && !(e instanceof OutOfBudget)) throw e;
  }
  resolveViews(ctx);
  return {
    value, complete: ctx.complete, issues: ctx.ownIssues, locate: ctx.locate, size: bytes.length,
    pointerOf: (path) => ctx.pointers.get(path.join('\u0000')),
    isPartial: (path) => ctx.partial.has(formatPath(path)),
    innerOffset: (path) => (path.length === 0 ? undefined : ctx.inner?.locate(path)?.offset),
    release: () => {
      ctx.release();
      for (const key of Object.keys(value)) delete value[key];
    },
  };
}
