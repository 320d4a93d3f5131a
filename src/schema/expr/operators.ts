import { describe, EvalError } from './eval-error.js';

type Value = unknown;

export function truthy(v: Value): boolean {
  if (typeof v !== 'boolean') throw new EvalError(`${describe(v)} used as a condition`);
  return v;
}

export function unary(op: '!' | '-' | '~', v: Value): Value {
  if (op === '!') return !truthy(v);
  const n = int(v);
  const r = op === '-' ? -n : ~n;
  if (r > INT_MAX || r < INT_MIN) throw new EvalError(OVERFLOW.error);
  return normalise(r);
}

/**
 * Integers have a magnitude below 2^128: twice the widest field (u8/s8), so the product of two
 * field values is exact, and a schema cannot build numbers of millions of bits (a chain of lets
 * that square each other took minutes, or ended in "Maximum BigInt size exceeded"). A result
 * outside the range is an evaluation error, as a division by zero is; literals outside it are
 * syntax errors.
 */
export const INT_BITS = 128;
export const INT_MAX = (1n << BigInt(INT_BITS)) - 1n;
export const INT_MIN = -INT_MAX;
const OVERFLOW = { error: `integer overflow: the result does not fit in ${INT_BITS} bits (a magnitude below 2^${INT_BITS})` } as const;

/** `n` when it fits in INT_BITS, else the overflow error. */
function bounded(n: bigint): number | bigint | typeof OVERFLOW {
  return n > INT_MAX || n < INT_MIN ? OVERFLOW : normalise(n);
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
  if (a instanceof Uint8Array || b instanceof Uint8Array) return sameBytes(a, b);
  return a === b || (a == null && b == null);
}

/** Bytes equal bytes, or a string literal read as Latin-1 (`magic == "PK\x03\x04"`). */
function sameBytes(a: Value, b: Value): boolean {
  const x = latin1Bytes(a);
  const y = latin1Bytes(b);
  if (!x || !y || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** A bytes value, or a string whose characters are all bytes (Latin-1); undefined otherwise. */
export function latin1Bytes(v: Value): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v !== 'string') return undefined;
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
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
  const r = integerBinary(op, int(a), int(b));
  if (typeof r === 'object') throw new EvalError(r.error);
  return r;
}

/**
 * `x op y` for the comparison and arithmetic operators, on integers; `{ error }` where the
 * language refuses (a division by zero, a shift out of range). Shared with the generator's
 * compiled expressions, which must give exactly these results.
 */
export function integerBinary(op: string, x: bigint, y: bigint): number | bigint | boolean | { readonly error: string } {
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '+': return bounded(x + y);
    case '-': return bounded(x - y);
    case '*': return bounded(x * y);
    case '/': return y === 0n ? DIVISION_BY_ZERO : bounded(x / y);
    case '%': return y === 0n ? DIVISION_BY_ZERO : normalise(x % y);
    case '&': return normalise(x & y);
    case '|': return normalise(x | y);
    case '^': return normalise(x ^ y);
    case '<<': return y > 64n || y < 0n ? SHIFT_OUT_OF_RANGE : bounded(x << y);
    case '>>': return y > 64n || y < 0n ? SHIFT_OUT_OF_RANGE : normalise(x >> y);
  }
  return { error: `unknown operator ${op}` };
}

const DIVISION_BY_ZERO = { error: 'division by zero' } as const;
const SHIFT_OUT_OF_RANGE = { error: 'shift out of range' } as const;
