import { integerBinary, normalise as normal } from '../../schema/expr/operators.js';

/**
 * The operators of the expression language, as the reference evaluator (src/schema/expr) defines
 * them, for quick-eval: a value, or UNKNOWN where it throws an EvalError. Safe integers stay
 * numbers (the reference converts every operand to a bigint: most of its cost); anything else
 * takes the reference's own bigint route.
 */

/** Where the reference evaluator would throw an EvalError. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Maybe<T> = T | typeof UNKNOWN;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The reference's int(): the bigint of an integer value. */
export function big(v: unknown): Maybe<bigint> {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return UNKNOWN;
}


export function equal(a: unknown, b: unknown): Maybe<boolean> {
  const na = typeof a === 'number';
  const nb = typeof b === 'number';
  if ((na || typeof a === 'bigint') && (nb || typeof b === 'bigint')) {
    if ((na && !Number.isInteger(a)) || (nb && !Number.isInteger(b))) return UNKNOWN;
    // Integral doubles compare exactly (and -0 equals 0, as 0n does).
    return na && nb ? a === b : BigInt(a as number | bigint) === BigInt(b as number | bigint);
  }
  return a === b || (a == null && b == null);
}

/** `a op b` for the arithmetic and comparison operators (not &&, ||, ==, !=). */
export function arith(op: string, a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Number.isInteger(a) || !Number.isInteger(b)) return UNKNOWN;
    switch (op) {
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
    }
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
      // A safe double result is the exact one (a larger true result rounds to 2^53 or beyond); `+ 0`: never -0.
      const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : NaN;
      if (Number.isSafeInteger(r)) return r + 0;
    }
  }
  const x = big(a);
  const y = big(b);
  if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
  const r = integerBinary(op, x, y);
  return typeof r === 'object' ? UNKNOWN : r;
}

export function negate(op: '-' | '~', v: unknown): unknown {
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    const r = op === '-' ? -v : -v - 1;
    if (Number.isSafeInteger(r)) return r + 0;
  }
  const n = big(v);
  if (n === UNKNOWN) return UNKNOWN;
  return normal(op === '-' ? -n : ~n);
}

export function minMax(fn: 'min' | 'max', a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    return (fn === 'min' ? (a < b ? a : b) : a > b ? a : b) + 0;
  }
  const x = big(a);
  const y = big(b);
  if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
  return normal(fn === 'min' ? (x < y ? x : y) : x > y ? x : y);
}

/** The reference's toNumber(), for an index. */
export function indexNumber(v: unknown): Maybe<number> {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' && v <= MAX && v >= -MAX) return Number(v);
  return UNKNOWN;
}
