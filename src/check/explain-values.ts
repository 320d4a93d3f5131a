import { evaluate, type CompiledExpr, type Expr, type Scope } from '../schema/index.js';

/** "header.file_size = 120, _io.size = 124": the values a failed rule was made of, for its message. */
export function explainValues(rule: CompiledExpr, scope: Scope): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  collect(rule.ast, (text, e) => {
    if (seen.has(text) || parts.length >= 6) return;
    seen.add(text);
    try {
      const v = evaluate({ source: text, ast: e }, scope);
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === null) parts.push(`${text} = ${String(v)}`);
    } catch {
      // A value that cannot be read is simply left out of the explanation.
    }
  });
  return parts.join(', ');
}

function collect(e: Expr, out: (text: string, e: Expr) => void): void {
  const text = render(e);
  if (text !== undefined && (e.kind === 'name' || e.kind === 'member' || e.kind === 'index')) {
    out(text, e);
    return;
  }
  switch (e.kind) {
    case 'unary': collect(e.operand, out); break;
    case 'binary': collect(e.left, out); collect(e.right, out); break;
    case 'cond': collect(e.test, out); collect(e.then, out); collect(e.else, out); break;
    case 'call': if (e.fn !== 'offsetof' && e.fn !== 'sizeof' && e.fn !== 'end') e.args.forEach((a) => collect(a, out)); break;
    default: break;
  }
}

function render(e: Expr): string | undefined {
  switch (e.kind) {
    case 'name': return e.name;
    case 'member': { const o = render(e.object); return o === undefined ? undefined : `${o}.${e.name}`; }
    case 'index': {
      const o = render(e.object);
      const i = e.index.kind === 'int' ? String(e.index.value) : render(e.index);
      return o === undefined || i === undefined ? undefined : `${o}[${i}]`;
    }
    default: return undefined;
  }
}
