import type { FieldPath } from '../findings/index.js';
import { EvalError, evaluate, evaluateInt, type FieldDef, type Scope, type StructDef } from '../schema/index.js';
import { cannotEvaluate, type CheckContext } from './check-context.js';

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/**
 * The struct a switch chose, found again after the decode by the decoder's rule: an integer tag
 * among the integer cases, a str tag (or a bytes tag, as Latin-1) among the text cases, else the
 * default `_`. Undefined when no case applies (the decoder reported the unknown tag and decoded
 * nothing there) or, after a CONSTRAINT finding, when the tag cannot be evaluated: the case's
 * rules are then not checked, and that is never silent.
 */
export function chosenCase(ctx: CheckContext, field: FieldDef, scope: Scope, at: FieldPath): StructDef | undefined {
  const t = field.type;
  if (t.kind !== 'switch') return undefined;
  let tag: unknown;
  try {
    tag = t.textCases?.size ? evaluate(t.on, scope) : evaluateInt(t.on, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    cannotEvaluate(ctx, at, `switch on ${t.on.source}`, e.message);
    return undefined;
  }
  let name: string | undefined;
  if (typeof tag === 'number' || typeof tag === 'bigint') name = t.cases.get(Number(tag));
  else if (typeof tag === 'string') name = t.textCases?.get(tag);
  else if (tag instanceof Uint8Array) name = t.textCases?.get(latin1(tag));
  name ??= t.defaultCase;
  return name === undefined ? undefined : ctx.schema.types.get(name);
}
