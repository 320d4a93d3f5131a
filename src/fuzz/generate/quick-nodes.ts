import type { Expr, Scope } from '../../schema/index.js';
import { utf8Length } from '../../encode/fast-expr.js';
import { UNKNOWN, arith, equal, indexNumber, minMax, negate } from './quick-ops.js';

/** An expression compiled into closures (see quick-eval.ts): its value in a scope, or UNKNOWN. */
export type Quick = (scope: Scope) => unknown;

/*
 * The closures of the operator nodes, each evaluating its operands as the reference evaluator
 * does: in the same order, stopping where it would throw.
 */

export function index(o: Quick, i: Quick): Quick {
  return (s) => {
    const v = o(s);
    if (v === UNKNOWN) return UNKNOWN;
    const n = indexNumber(i(s)); // UNKNOWN in, UNKNOWN out
    if (n === UNKNOWN) return UNKNOWN;
    if (v === null || v === undefined) return null;
    if (!Array.isArray(v) && !(v instanceof Uint8Array)) return UNKNOWN;
    return n < 0 || n >= v.length ? UNKNOWN : v[n];
  };
}

export function cond(t: Quick, a: Quick, b: Quick): Quick {
  return (s) => {
    const c = t(s);
    return typeof c !== 'boolean' ? UNKNOWN : c ? a(s) : b(s);
  };
}

export function unary(op: '!' | '-' | '~', o: Quick): Quick {
  if (op === '!') return (s) => { const v = o(s); return typeof v === 'boolean' ? !v : UNKNOWN; };
  return (s) => { const v = o(s); return v === UNKNOWN ? UNKNOWN : negate(op, v); };
}

export function binary(op: string, l: Quick, r: Quick): Quick {
  switch (op) {
    case '&&': return (s) => {
      const a = l(s);
      if (typeof a !== 'boolean') return UNKNOWN;
      if (!a) return false;
      const b = r(s);
      return typeof b === 'boolean' ? b : UNKNOWN;
    };
    case '||': return (s) => {
      const a = l(s);
      if (typeof a !== 'boolean') return UNKNOWN;
      if (a) return true;
      const b = r(s);
      return typeof b === 'boolean' ? b : UNKNOWN;
    };
    case '==': case '!=': {
      const not = op === '!=';
      return (s) => {
        const a = l(s);
        if (a === UNKNOWN) return UNKNOWN;
        const b = r(s);
        if (b === UNKNOWN) return UNKNOWN;
        const eq = equal(a, b);
        return eq === UNKNOWN ? UNKNOWN : eq !== not;
      };
    }
  }
  return (s) => {
    const a = l(s);
    if (a === UNKNOWN) return UNKNOWN;
    const b = r(s);
    return b === UNKNOWN ? UNKNOWN : arith(op, a, b);
  };
}

/**
 * `x == 3`, `x >= 3`, `x == null`: one closure fewer, and no operator dispatch, for the comparisons
 * that rules mostly make. The right side is a literal: evaluating it cannot fail or memoise anything.
 */
export function versusConstant(op: string, left: Expr, right: Expr, sub: (x: Expr) => Quick): Quick | undefined {
  const equality = op === '==' || op === '!=';
  if (right.kind === 'null' && equality) {
    const l = sub(left);
    const eq = op === '==';
    return (s) => {
      const a = l(s);
      return a === UNKNOWN ? UNKNOWN : (a === null || a === undefined) === eq;
    };
  }
  if (right.kind !== 'int' || !Number.isSafeInteger(Number(right.value))) return undefined;
  if (!equality && op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return undefined;
  const l = sub(left);
  const k = Number(right.value);
  const kb = BigInt(k);
  const cmp = (a: number | bigint): boolean => {
    switch (op) {
      case '==': return a === k;
      case '!=': return a !== k;
      case '<': return a < k;
      case '<=': return a <= k;
      case '>': return a > k;
      default: return a >= k;
    }
  };
  return (s) => {
    const a = l(s);
    if (typeof a === 'number') return Number.isInteger(a) ? cmp(a) : UNKNOWN;
    if (typeof a === 'bigint') return equality ? (a === kb) === (op === '==') : cmp(a);
    // Not a number: unequal to one, and no operand for an ordering.
    return a === UNKNOWN || !equality ? UNKNOWN : op === '!=';
  };
}

/** len, min and max; undefined for the calls left to the reference. */
export function call(e: Extract<Expr, { kind: 'call' }>, sub: (x: Expr) => Quick): Quick | undefined {
  if (e.fn === 'len') {
    const a = sub(e.args[0]!);
    return (s) => {
      const v = a(s);
      if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
      return typeof v === 'string' ? utf8Length(v) : UNKNOWN;
    };
  }
  if (e.fn === 'min' || e.fn === 'max') {
    const fn = e.fn;
    const a = sub(e.args[0]!);
    const b = sub(e.args[1]!);
    return (s) => {
      const x = a(s);
      // The reference checks the first operand is an integer before it evaluates the second.
      if (typeof x !== 'bigint' && !(typeof x === 'number' && Number.isInteger(x))) return UNKNOWN;
      const y = b(s);
      return y === UNKNOWN ? UNKNOWN : minMax(fn, x, y);
    };
  }
  return undefined;
}
