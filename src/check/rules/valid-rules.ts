import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluateBool, type FieldDef, type FormatSchema, type Scope, type ValidDef } from '../../schema/index.js';
import { cannotEvaluate, messageOf, raise, streamDetail, type CheckContext } from '../check-context.js';
import { explainValues } from '../explain-values.js';
import { measuresPartial } from '../partial-operands.js';

/** Applies a field's `valid` rules to one value (one element, for arrays). */
export function checkValid(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath, scope: Scope): void {
  const at = field.reportAtStruct ? scope.path : path;
  for (const v of field.valid) {
    const failure = v.rule.kind === 'expr' ? exprFailure(ctx, v, scope, at) : intFailure(ctx.schema, field, v, value);
    if (!failure) continue;
    const message = messageOf(v);
    raise(ctx, v.code, at, { [field.id]: value, actual: value, ...failure, ...(message !== undefined ? { message } : {}) }, v.severity);
  }
}

function exprFailure(ctx: CheckContext, v: ValidDef, scope: Scope, at: FieldPath): Record<string, unknown> | null {
  if (v.rule.kind !== 'expr') return null;
  try {
    if (evaluateBool(v.rule.expr, scope)) return null;
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    cannotEvaluate(ctx, at, v.rule.expr.source, e.message, messageOf(v));
    return null;
  }
  if (measuresPartial(ctx, v.rule.expr, scope)) {
    ctx.unevaluated++;
    return null;
  }
  return { rule: v.rule.expr.source, values: explainValues(v.rule.expr, scope), ...streamDetail(ctx, scope) };
}

function intFailure(schema: FormatSchema, field: FieldDef, v: ValidDef, value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'number' && typeof value !== 'bigint') return null;
  const n = BigInt(value);
  const r = v.rule;
  switch (r.kind) {
    case 'eq': return n === r.value ? null : { expected: r.value };
    case 'range':
      return (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max) ? null : { min: r.min ?? '-', max: r.max ?? '∞' };
    case 'in': return r.values.includes(n) ? null : { allowed: r.values.map(String).join(', ') };
    case 'mask': return (n & ~r.allowed) === 0n ? null : { mask: r.allowed };
    case 'enum': {
      const e = schema.enums.get(field.enumName!)!;
      if (e.byValue.has(Number(n))) return null;
      return { allowed: allowedText(e.byValue) };
    }
    default: return null;
  }
}

/** "1 (INT), 2 (STR)": made once per enum, not once per bad value (a hostile file has millions). */
const ALLOWED = new WeakMap<ReadonlyMap<number, string>, string>();
function allowedText(byValue: ReadonlyMap<number, string>): string {
  let text = ALLOWED.get(byValue);
  if (text === undefined) ALLOWED.set(byValue, (text = [...byValue].map(([k, name]) => `${k} (${name})`).join(', ')));
  return text;
}
