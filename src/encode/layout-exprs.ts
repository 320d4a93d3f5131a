import type { CompiledExpr, Expr } from '../schema/index.js';

const LAYOUT = new WeakMap<CompiledExpr, boolean>();

/** Does the expression read the layout (offsetof, sizeof, end, _io)? */
export function usesLayout(expr: CompiledExpr): boolean {
  let r = LAYOUT.get(expr);
  if (r === undefined) LAYOUT.set(expr, (r = mentionsLayout(expr.ast)));
  return r;
}

function mentionsLayout(e: Expr): boolean {
  switch (e.kind) {
    case 'name': return e.name === '_io';
    case 'member': return mentionsLayout(e.object);
    case 'index': return mentionsLayout(e.object) || mentionsLayout(e.index);
    case 'call': return e.fn === 'offsetof' || e.fn === 'sizeof' || e.fn === 'end' || e.args.some(mentionsLayout);
    case 'unary': return mentionsLayout(e.operand);
    case 'binary': return mentionsLayout(e.left) || mentionsLayout(e.right);
    case 'cond': return mentionsLayout(e.test) || mentionsLayout(e.then) || mentionsLayout(e.else);
    default: return false;
  }
}
