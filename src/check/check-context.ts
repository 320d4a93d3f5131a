import type { WorkBudget } from '../budget/work-budget.js';
import type { IssueSink } from '../findings/capped-issues.js';
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
  /** Set once the checks stopped for a budget or limit: later steps return at once. */
  stopped: boolean;
}

/** Records an issue; its byte offset is the node's own, or its nearest located ancestor's. */
export function raise(ctx: CheckContext, code: FindingCode, path: FieldPath, details?: Record<string, unknown>, severity?: Severity): void {
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

/** Sizes or offsets a rule needs; undefined when the data they come from was not decoded (already reported). */
export function sizesOrSkip(scope: Scope, ...exprs: readonly CompiledExpr[]): number[] | undefined {
  try {
    return exprs.map((e) => evaluateSize(e, scope));
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}
