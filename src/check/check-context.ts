import type { WorkBudget } from '../budget/work-budget.js';
import { CappedIssues, type IssueSink } from '../findings/capped-issues.js';
import type { FieldPath, FindingCode, Severity } from '../findings/index.js';
import { EvalError, evaluateSize, type CompiledExpr, type FormatSchema, type Locate, type Scope } from '../schema/index.js';

/** What every check sees: the schema, the decoded value, where its nodes sit, and the raw bytes. */
export interface CheckContext {
  readonly schema: FormatSchema;
  readonly bytes: Uint8Array;
  readonly locate: Locate;
  /** The pointer field that placed a record (instances[3] ← index[3]), for reporting offsets at their source. */
  readonly pointerOf: (path: FieldPath) => FieldPath | undefined;
  /** A record whose decoding stopped part-way has no known end: placement does not judge past it. */
  readonly isPartial: (path: FieldPath) => boolean;
  readonly issues: IssueSink;
  /** Shared with the decoder: the checks stop (with a DECODE_BUDGET finding) when the file's time runs out. */
  readonly budget: WorkBudget;
  /** Set once the checks ran out of time: later steps return at once. */
  stopped: boolean;
  /** Whether the whole file was decoded: if not, rules over the missing part cannot be evaluated. */
  readonly complete: boolean;
  /** Rules that could not be evaluated over data the decoder did not produce (see cannotEvaluate). */
  unevaluated: number;
  /** A node's offset inside the decompressed bytes it was read from (undefined elsewhere), when the decoder knows it. */
  readonly innerOffset?: ((path: FieldPath) => number | undefined) | undefined;
}

/** Records an issue; its byte offset is the node's own, or its nearest located ancestor's. */
export function raise(ctx: CheckContext, code: FindingCode, path: FieldPath, details?: Record<string, unknown>, severity?: Severity): void {
  // Past its code's cap an issue is only counted: locating it would cost more than the check.
  if (ctx.issues instanceof CappedIssues && !ctx.issues.wants(code)) {
    ctx.issues.countOnly(code);
    return;
  }
  // Inside decompressed data the offset is the compressed field's: say where inside it too.
  const inner = ctx.innerOffset?.(path);
  if (inner !== undefined && details?.inner_offset === undefined) details = { ...details, inner_offset: inner };
  ctx.issues.push({
    code, path, offset: offsetOf(ctx, path),
    ...(details ? { details } : {}),
    ...(severity ? { severity } : {}),
  });
}

export function offsetOf(ctx: CheckContext, path: FieldPath): number {
  for (let n = path.length; n >= 0; n--) {
    const loc = ctx.locate(n === path.length ? path : path.slice(0, n));
    if (loc) return loc.offset;
  }
  return 0;
}

/**
 * A rule that could not be evaluated on this file (an index out of range, a value of the wrong
 * kind, a size that does not fit). On a fully decoded file that is a CONSTRAINT finding saying
 * which rule and why: a rule is never skipped silently. When the decode stopped part-way, the
 * missing data is the reason and the decoder already reported it as an error (TRUNCATED,
 * BAD_OFFSET, an unknown tag, DECODE_BUDGET), which fails the file; repeating that once per rule
 * and element would bury it, so such rules are counted (`unevaluated`) instead.
 */
export function cannotEvaluate(ctx: CheckContext, path: FieldPath, rule: string, reason: string, message?: string): void {
  if (!ctx.complete) {
    ctx.unevaluated++;
    return;
  }
  raise(ctx, 'CONSTRAINT', path, { rule, values: `could not be evaluated: ${reason}`, unevaluated: true, reason, ...(message !== undefined ? { message } : {}) });
}

/** Sizes or offsets a rule needs; undefined (after cannotEvaluate) when they cannot be computed. */
export function sizesOrSkip(ctx: CheckContext, path: FieldPath, rule: string, scope: Scope, ...exprs: readonly CompiledExpr[]): number[] | undefined {
  try {
    return exprs.map((e) => evaluateSize(e, scope));
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    cannotEvaluate(ctx, path, rule, e.message);
    return undefined;
  }
}

/** The optional plain-sentence `message` of an assert or valid rule (contract D), when the schema gives one. */
export function messageOf(def: { readonly message?: string | undefined }): string | undefined {
  return typeof def.message === 'string' ? def.message : undefined;
}

/**
 * `stream` for the details of a rule evaluated inside a `size` substream or decompressed data, where
 * `_io.size` is not the file's size: messages then say whose size it is.
 */
export function streamDetail(ctx: CheckContext, scope: Scope): { stream?: 'substream' | 'decompressed' } {
  const io = scope.io;
  if (!io) return {};
  if (io.bytes !== ctx.bytes) return { stream: 'decompressed' };
  return io.start === 0 && io.end === ctx.bytes.length ? {} : { stream: 'substream' };
}
