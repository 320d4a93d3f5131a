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

const IO = new WeakMap<CompiledExpr, boolean>();

/** Does the expression read its stream (`_io.size`, `_io.pos`, `_io.eof`, find/rfind)? */
export function usesIo(expr: CompiledExpr): boolean {
  let r = IO.get(expr);
  if (r === undefined) IO.set(expr, (r = mentionsIo(expr.ast)));
  return r;
}

function mentionsIo(e: Expr): boolean {
  switch (e.kind) {
    case 'name': return e.name === '_io';
    case 'member': return mentionsIo(e.object);
    case 'index': return mentionsIo(e.object) || mentionsIo(e.index);
    case 'call': return (e.fn as string) === 'find' || (e.fn as string) === 'rfind' || e.args.some(mentionsIo);
    case 'unary': return mentionsIo(e.operand);
    case 'binary': return mentionsIo(e.left) || mentionsIo(e.right);
    case 'cond': return mentionsIo(e.test) || mentionsIo(e.then) || mentionsIo(e.else);
    default: return false;
  }
}
