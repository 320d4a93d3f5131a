import { describe, EvalError } from './eval-error.js';

type Value = unknown;

export function truthy(v: Value): boolean {
  if (typeof v !== 'boolean') throw new EvalError(`${describe(v)} used as a condition`);
  return v;
}

export function unary(op: '!' | '-' | '~', v: Value): Value {
  if (op === '!') return !truthy(v);
  const n = int(v);
  return normalise(op === '-' ? -n : ~n);
}

export function int(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new EvalError(`${describe(v)} used in arithmetic`);
}

export function normalise(n: bigint): number | bigint {
  return n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

export function equal(a: Value, b: Value): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return int(a) === int(b);
  return a === b || (a == null && b == null);
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  throw new EvalError(`${describe(v)} is not a usable index`);
}

/** A binary operator other than && and || (which short-circuit) applied to two values. */
export function applyBinary(op: string, a: Value, b: Value): Value {
  if (op === '==') return equal(a, b);
  if (op === '!=') return !equal(a, b);
  const x = int(a);
  const y = int(b);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '+': return normalise(x + y);
    case '-': return normalise(x - y);
    case '*': return normalise(x * y);
    case '/': if (y === 0n) throw new EvalError('division by zero'); return normalise(x / y);
    case '%': if (y === 0n) throw new EvalError('division by zero'); return normalise(x % y);
    case '&': return normalise(x & y);
    case '|': return normalise(x | y);
    case '^': return normalise(x ^ y);
    case '<<': if (y > 64n || y < 0n) throw new EvalError('shift out of range'); return normalise(x << y);
    case '>>': if (y > 64n || y < 0n) throw new EvalError('shift out of range'); return normalise(x >> y);
  }
  throw new EvalError(`unknown operator ${op}`);
}

