import type { Expr, FieldDef, StructDef } from '../../schema/index.js';
import type { ElementPin, UntilPin } from './ext-plan.js';

/* The rule shapes ext-plan.ts reads from a schema's conditions, repeat_until rules, asserts and valid rules. */

/** `NAME == INT` (either way round) in a condition, through `&&`, `||` and `!`. */
export function comparisons(e: Expr, out: [string, number][]): [string, number][] {
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
    comparisons(e.left, out);
    comparisons(e.right, out);
  } else if (e.kind === 'unary') comparisons(e.operand, out);
  else if (e.kind === 'binary' && (e.op === '==' || e.op === '!=')) {
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      if (a.kind === 'name' && b.kind === 'int' && Number.isSafeInteger(Number(b.value))) out.push([a.name, Number(b.value)]);
    }
  }
  return out;
}

/** `_ == C` or `_.field == C` among the disjuncts of a repeat_until rule: the value the last element is pinned to. */
export function untilPin(e: Expr): UntilPin | undefined {
  if (e.kind === 'binary' && e.op === '||') return untilPin(e.left) ?? untilPin(e.right);
  if (e.kind !== 'binary' || e.op !== '==') return undefined;
  const side = (x: Expr): string | undefined | null =>
    x.kind === 'name' && x.name === '_' ? undefined
      : x.kind === 'member' && x.object.kind === 'name' && x.object.name === '_' ? x.name : null;
  const lit = (x: Expr): bigint | string | boolean | undefined =>
    x.kind === 'int' ? BigInt(x.value) : x.kind === 'str' || x.kind === 'bool' ? x.value : undefined;
  for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
    const field = side(a);
    const value = lit(b);
    if (field !== null && value !== undefined) return { field, value };
  }
  return undefined;
}

/** An integer with a rule `F == _io.size` (an ICC profile's size field). */
export function isIoSizeEq(f: FieldDef): boolean {
  if (f.type.kind !== 'int' || f.repeat) return false;
  return f.valid.some((v) => {
    if (v.rule.kind !== 'expr') return false;
    const e = v.rule.expr.ast;
    if (e.kind !== 'binary' || e.op !== '==') return false;
    const io = (x: Expr): boolean => x.kind === 'member' && x.name === 'size' && x.object.kind === 'name' && x.object.name === '_io';
    const me = (x: Expr): boolean => x.kind === 'name' && x.name === f.id;
    return (me(e.left) && io(e.right)) || (io(e.left) && me(e.right));
  });
}


/** `ID[N].F == C` and `ID[len(ID) - 1].F == C` among the struct's asserts (each alone, or a conjunct). */
export function pinsOf(s: StructDef, id: string): ElementPin[] | undefined {
  const out: ElementPin[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'binary' && e.op === '&&') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (e.kind !== 'binary' || e.op !== '==') return;
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      const value = b.kind === 'int' ? BigInt(b.value) : b.kind === 'str' || b.kind === 'bool' ? b.value : undefined;
      if (value === undefined || a.kind !== 'member' || a.object.kind !== 'index') continue;
      const arr = a.object.object;
      if (arr.kind !== 'name' || arr.name !== id) continue;
      const index = indexOf(a.object.index, id);
      if (index !== undefined) out.push({ index, field: a.name, value });
    }
  };
  for (const x of s.asserts) visit(x.rule.ast);
  return out.length ? out : undefined;
}

function indexOf(e: Expr, id: string): number | 'last' | undefined {
  if (e.kind === 'int') return Number(e.value);
  const isLen = (x: Expr): boolean => x.kind === 'call' && x.fn === 'len' && x.args[0]?.kind === 'name' && x.args[0].name === id;
  if (e.kind === 'binary' && e.op === '-' && isLen(e.left) && e.right.kind === 'int' && Number(e.right.value) === 1) return 'last';
  return undefined;
}


/** `len(ID) >= N`, `len(ID) > N`, `len(ID) <= N`, `len(ID) < N` among the struct's asserts (alone or conjuncts). */
export function lengthsOf(s: StructDef, id: string): { min: number; max: number } | undefined {
  let min = 0;
  let max = Infinity;
  const isLen = (x: Expr): boolean => x.kind === 'call' && x.fn === 'len' && x.args[0]?.kind === 'name' && x.args[0].name === id;
  const visit = (e: Expr): void => {
    if (e.kind !== 'binary') return;
    if (e.op === '&&') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (!isLen(e.left) || e.right.kind !== 'int') return;
    const n = Number(e.right.value);
    if (e.op === '>=') min = Math.max(min, n);
    else if (e.op === '>') min = Math.max(min, n + 1);
    else if (e.op === '<=') max = Math.min(max, n);
    else if (e.op === '<') max = Math.min(max, n - 1);
  };
  for (const x of s.asserts) visit(x.rule.ast);
  return min > 0 || max < Infinity ? { min, max: Math.max(min, max) } : undefined;
}
