import type { FieldPath } from '../findings/index.js';
import { evaluateRef, type CompiledExpr, type Expr, type Scope } from '../schema/index.js';
import type { CheckContext } from './check-context.js';

/** The functions whose answer depends on where a node ends or how many elements were read. */
const EXTENT_FUNCTIONS: ReadonlySet<string> = new Set(['sizeof', 'end', 'len']);

/**
 * Whether a rule measures a node whose decoding stopped part-way: `sizeof`, `end` or `len` of a
 * struct cut short, or of an array whose last element was. Its size or count is then what the
 * decoder got to, not what the file declares, so a failure would be a consequence of the
 * decoder's own error (TRUNCATED, an unknown tag), not a finding of its own: such a rule is
 * counted as unevaluated, like a rule over a field that was never read. Fields the cut struct did
 * read are still checked (their values are whole).
 */
export function measuresPartial(ctx: CheckContext, rule: CompiledExpr, scope: Scope): boolean {
  if (ctx.complete) return false;
  return visit(rule.ast, (arg) => {
    let ref;
    try {
      ref = evaluateRef({ source: '', ast: arg }, scope);
    } catch {
      return false; // the rule's own evaluation reports what cannot be read
    }
    return ref.path !== null && cutShort(ctx, ref.path, ref.value);
  });
}

function cutShort(ctx: CheckContext, path: FieldPath, value: unknown): boolean {
  if (ctx.isPartial(path)) return true;
  return Array.isArray(value) && value.length > 0 && ctx.isPartial([...path, value.length - 1]);
}

function visit(e: Expr, measured: (arg: Expr) => boolean): boolean {
  switch (e.kind) {
    case 'call':
      if (EXTENT_FUNCTIONS.has(e.fn) && e.args.length === 1 && measured(e.args[0]!)) return true;
      return e.args.some((a) => visit(a, measured));
    case 'unary': return visit(e.operand, measured);
    case 'binary': return visit(e.left, measured) || visit(e.right, measured);
    case 'cond': return visit(e.test, measured) || visit(e.then, measured) || visit(e.else, measured);
    case 'member': return visit(e.object, measured);
    case 'index': return visit(e.object, measured) || visit(e.index, measured);
    default: return false;
  }
}
