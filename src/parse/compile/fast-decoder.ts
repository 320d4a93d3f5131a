import type { FormatSchema } from '../../schema/index.js';
import type { Decoded } from '../decode/decode.js';
import { buildParser, type Built } from './build.js';
import { lazyLocations } from './locate.js';
import { DecodeState, nodeBudget } from './runtime.js';
import { resolveViews } from './views.js';

/**
 * A fast decode has the interpreter's result shape (always complete, no issues), so a caller
 * can write `fast.decode(bytes) ?? decode(schema, bytes)`.
 */
export type FastDecoded = Decoded & { readonly complete: true };

const NO_ISSUES = Object.freeze([]) as readonly never[];
const notPartial = (): boolean => false;

export interface FastDecoder {
  /** Decodes a well-formed file; returns null ("bail") on anything unusual — the caller then uses the interpreter. Never throws. */
  decode(bytes: Uint8Array, nodeLimit?: number): FastDecoded | null;
  /** The generated binary-parser code, for inspection (binary-parser's getCode()). */
  getCode(): string;
  /** How many decodes succeeded on the fast path / bailed (so a test can prove the fast path really ran). */
  readonly stats: { fast: number; bailed: number };
  /** Why the schema is not compiled (every decode then bails); undefined when it is. */
  readonly unsupported: string | undefined;
}

const cache = new WeakMap<FormatSchema, FastDecoder>();

/** Compiles `schema` to a binary-parser parser once; later calls with the same schema object reuse it. */
export function compileFastDecoder(schema: FormatSchema): FastDecoder {
  let decoder = cache.get(schema);
  if (!decoder) {
    decoder = create(schema);
    cache.set(schema, decoder);
  }
  return decoder;
}

function create(schema: FormatSchema): FastDecoder {
  const stats = { fast: 0, bailed: 0 };
  const state = new DecodeState();
  let built: Built;
  try {
    built = buildParser(schema, state);
    state.allocate(built.sites, built.frames);
    built.parser.compile();
  } catch (e) {
    // Anything the compiler refuses (or binary-parser rejects) stays with the interpreter.
    const unsupported = e instanceof Error ? e.message : String(e);
    return { stats, unsupported, getCode: () => '', decode: () => (stats.bailed++, null) };
  }
  let busy = false;
  return {
    stats,
    unsupported: undefined,
    getCode: () => built.parser.getCode(),
    decode(bytes: Uint8Array, nodeLimit?: number): FastDecoded | null {
      // The per-decode state is shared by the compiled functions: a nested decode would clobber it.
      if (busy) return (stats.bailed++, null);
      busy = true;
      try {
        state.begin(bytes.length, nodeLimit ?? nodeBudget(bytes.length), built.rootNodes);
        const value = built.parser.parse(bytes) as Record<string, unknown>;
        const views = resolveViews(state);
        const { locate, pointerOf } = lazyLocations(built.plan, value, bytes.length, state.tape, views);
        stats.fast++;
        return { value, complete: true, issues: NO_ISSUES, locate, pointerOf, isPartial: notPartial, size: bytes.length };
      } catch {
        // Bail, a RangeError from a read past the end, an EvalError, a stack overflow: all go to the interpreter.
        stats.bailed++;
        return null;
      } finally {
        state.release();
        busy = false;
      }
    },
  };
}
