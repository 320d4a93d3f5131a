import type { FieldPath, Issue } from '../findings/index.js';
import { rootScope, type FormatSchema, type Locate } from '../schema/index.js';
import type { CheckContext } from './check-context.js';
import { checkStruct } from './check-struct.js';

export interface CheckInput {
  readonly value: Record<string, unknown>;
  readonly locate: Locate;
  readonly pointerOf?: (path: FieldPath) => FieldPath | undefined;
  readonly isPartial?: (path: FieldPath) => boolean;
}

/** Question 1 of the spec: every structural rule the schema states, over a decoded (possibly partial) file. */
export function checkStructure(schema: FormatSchema, bytes: Uint8Array, input: CheckInput): Issue[] {
  const root = schema.types.get(schema.root)!;
  const ctx: CheckContext = {
    schema, bytes, locate: input.locate, pointerOf: input.pointerOf ?? (() => undefined),
    isPartial: input.isPartial ?? (() => false), issues: [],
  };
  checkStruct(ctx, root, input.value, rootScope(input.value, bytes.length, input.locate, root.lets));
  return ctx.issues;
}
