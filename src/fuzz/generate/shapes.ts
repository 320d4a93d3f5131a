import type { CompiledExpr, Expr, StructDef } from '../../schema/index.js';

/** `lookup(ARR, 'KEY', FIELD) != null` (or `has(...)`): FIELD should be one of the keys in ARR. */
export interface LookupShape { readonly arr: CompiledExpr; readonly key: string }
/** `G1 || G2 || FIELD == TARGET`: unless a guard holds, FIELD must equal TARGET. */
export interface EqShape { readonly guards: readonly CompiledExpr[]; readonly target: CompiledExpr }

const wrap = (ast: Expr, source: string): CompiledExpr => ({ source, ast });

/** A name that is a `let` of the struct (and not one of its fields) stands for the let's expression. */
function expand(e: Expr, struct: StructDef): Expr {
  if (e.kind !== 'name') return e;
  const letExpr = struct.lets?.[e.name];
  if (!letExpr || struct.fields.some((f) => f.id === e.name)) return e;
  return letExpr.ast;
}

const isName = (e: Expr, name: string): boolean => e.kind === 'name' && e.name === name;

export function matchLookup(rule: CompiledExpr, field: string, struct: StructDef): LookupShape | undefined {
  let e = rule.ast;
  if (e.kind === 'binary' && e.op === '!=') {
    if (e.right.kind === 'null') e = e.left;
    else if (e.left.kind === 'null') e = e.right;
    else return undefined;
  }
  e = expand(e, struct);
  if (e.kind !== 'call' || (e.fn !== 'lookup' && e.fn !== 'has')) return undefined;
  const [arr, key, value] = e.args;
  if (!arr || key?.kind !== 'str' || !value || !isName(value, field)) return undefined;
  return { arr: wrap(arr, rule.source), key: key.value };
}

function disjuncts(e: Expr, out: Expr[]): Expr[] {
  if (e.kind === 'binary' && e.op === '||') {
    disjuncts(e.left, out);
    disjuncts(e.right, out);
  } else out.push(e);
  return out;
}

export function matchEq(rule: CompiledExpr, field: string): EqShape | undefined {
  const parts = disjuncts(rule.ast, []);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind !== 'binary' || p.op !== '==') continue;
    const target = isName(p.left, field) ? p.right : isName(p.right, field) ? p.left : undefined;
    if (!target) continue;
    const guards = parts.filter((_, j) => j !== i).map((g) => wrap(g, rule.source));
    return { guards, target: wrap(target, rule.source) };
  }
  return undefined;
}

/** Every identifier and member name an expression mentions. */
export function namesIn(e: Expr, out: Set<string>): Set<string> {
  switch (e.kind) {
    case 'name': out.add(e.name); break;
    case 'member': out.add(e.name); namesIn(e.object, out); break;
    case 'index': namesIn(e.object, out); namesIn(e.index, out); break;
    case 'call': for (const a of e.args) namesIn(a, out); break;
    case 'unary': namesIn(e.operand, out); break;
    case 'binary': namesIn(e.left, out); namesIn(e.right, out); break;
    case 'cond': namesIn(e.test, out); namesIn(e.then, out); namesIn(e.else, out); break;
    default: break;
  }
  return out;
}
