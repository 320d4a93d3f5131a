import { WorkBudget } from '../budget/work-budget.js';
import type { IssueSink } from '../findings/capped-issues.js';
import type { FieldPath, Issue } from '../findings/index.js';
import { rootScope, type FormatSchema, type Locate } from '../schema/index.js';
import type { CheckContext } from './check-context.js';
import { checkStruct } from './check-struct.js';

export interface CheckInput {
  readonly value: Record<string, unknown>;
  readonly locate: Locate;
  readonly pointerOf?: (path: FieldPath) => FieldPath | undefined;
  readonly isPartial?: (path: FieldPath) => boolean;
  /** False when the decode stopped part-way (default true): see cannotEvaluate. */
  readonly complete?: boolean;
  /** A node's offset inside the decompressed bytes it was read from, for details.inner_offset. */
  readonly innerOffset?: (path: FieldPath) => number | undefined;
}

export interface CheckOptions {
  /** Where issues go (default: the returned array). */
  readonly sink?: IssueSink;
  /** The file's budget, shared with the decoder (default: a fresh one with the default limits). */
  readonly budget?: WorkBudget;
  /** Filled in: rules that could not be evaluated because the decode stopped part-way (see cannotEvaluate). */
  readonly stats?: { unevaluated: number };
}

/**
 * Question 1 of the spec: every structural rule the schema states, over a decoded (possibly
 * partial) file. Returns the issues when no sink was given (else an empty array).
 */
export function checkStructure(schema: FormatSchema, bytes: Uint8Array, input: CheckInput, options: CheckOptions = {}): Issue[] {
  const root = schema.types.get(schema.root)!;
  const own: Issue[] = [];
  const ctx: CheckContext = {
    schema, bytes, locate: input.locate, pointerOf: input.pointerOf ?? (() => undefined),
    isPartial: input.isPartial ?? (() => false), issues: options.sink ?? own,
    budget: options.budget ?? new WorkBudget(bytes.length), stopped: false,
    complete: input.complete ?? true, unevaluated: 0, innerOffset: input.innerOffset,
  };
  // The root's stream is the file: find()/rfind() and _io.pos/_io.eof in its lets and asserts need it.
  const io = { bytes, start: 0, end: bytes.length, pos: bytes.length };
  checkStruct(ctx, root, input.value, rootScope(input.value, bytes.length, input.locate, root.lets, io));
  if (options.stats) options.stats.unevaluated += ctx.unevaluated;
  return own;
}
