import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluateBool, evaluateSize, type CompiledExpr, type Scope } from '../../schema/index.js';
import { Stop, type DecodeContext } from './decode-context.js';
import type { DecodeStream } from './stream.js';

/** Where a node goes: the object or array that holds it, under which key, and that holder's path. */
export interface Slot {
  readonly container: object;
  readonly key: string | number;
  readonly parentPath: FieldPath;
}

/**
 * A Stop from inside a field whose extent was known before it was read (a substream, processed
 * bytes): the failure was reported, and the enclosing sequence can go on at `end`.
 */
export class SkipTo extends Stop {
  constructor(readonly end: number) {
    super();
  }
}

/** The file offset of position `pos` of `io`: itself, or the compressed field for decompressed bytes. */
export const fileOffset = (io: DecodeStream, pos: number): number => io.origin?.offset ?? pos;

export function evalSize(ctx: DecodeContext, io: DecodeStream, expr: CompiledExpr, scope: Scope, path: () => FieldPath, offset: number, what: string): number {
  try {
    return evaluateSize(expr, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return ctx.cannotEvaluate(path(), fileOffset(io, offset), what, expr.source, e.message);
  }
}

export function evalBool(ctx: DecodeContext, io: DecodeStream, expr: CompiledExpr, scope: Scope, path: FieldPath, offset: number, what: string): boolean {
  try {
    return evaluateBool(expr, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return ctx.cannotEvaluate(path, fileOffset(io, offset), what, expr.source, e.message);
  }
}
