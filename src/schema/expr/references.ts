import type { Expr } from './ast.js';

/** The text of a reference expression (`_parent.template.field_kinds[_index]`), undefined for anything else. */
export function referenceText(e: Expr): string | undefined {
  switch (e.kind) {
    case 'name': return e.name;
    case 'member': { const o = referenceText(e.object); return o === undefined ? undefined : `${o}.${e.name}`; }
    case 'index': {
      const o = referenceText(e.object);
      const i = e.index.kind === 'int' ? String(e.index.value) : referenceText(e.index);
      return o === undefined || i === undefined ? undefined : `${o}[${i}]`;
    }
    default: return undefined;
  }
}

/**
 * Each field reference, let and limit an expression reads, outermost first, with its text: what a
 * message or an explanation shows the value of. Not those inside offsetof/sizeof/end, which name a
 * place rather than read a value. `indexOperands`: also the references inside a computed index
 * (`field_kinds[_index]` reads `_index` too).
 */
export function forEachReference(e: Expr, out: (text: string, e: Expr) => void, indexOperands = false): void {
  const text = referenceText(e);
  if (text !== undefined && (e.kind === 'name' || e.kind === 'member' || e.kind === 'index')) {
    if (indexOperands && e.kind === 'index' && e.index.kind !== 'int') forEachReference(e.index, out, indexOperands);
    out(text, e);
    return;
  }
  switch (e.kind) {
    case 'unary': forEachReference(e.operand, out, indexOperands); break;
    case 'binary': forEachReference(e.left, out, indexOperands); forEachReference(e.right, out, indexOperands); break;
    case 'cond': for (const part of [e.test, e.then, e.else]) forEachReference(part, out, indexOperands); break;
    case 'call': if (e.fn !== 'offsetof' && e.fn !== 'sizeof' && e.fn !== 'end') for (const a of e.args) forEachReference(a, out, indexOperands); break;
    default: break;
  }
}
