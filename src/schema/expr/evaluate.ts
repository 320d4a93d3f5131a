import type { FieldPath } from '../../findings/index.js';
import type { CompiledExpr, Expr } from './ast.js';
import { SCOPE_BRAND, type Scope } from './scope.js';

export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

type Value = unknown;
export interface Ref { readonly value: Value; readonly path: FieldPath | null }

const utf8 = new TextEncoder();

/** Evaluates and also returns the field path the value came from, when it is a plain field reference. */
export function evaluateRef(expr: CompiledExpr, scope: Scope): Ref {
  return evalRef(expr.ast, scope);
}

export function evaluate(expr: CompiledExpr, scope: Scope): Value {
  return evalValue(expr.ast, scope);
}

/**
 * The hot path: evaluates without tracking where values came from (no path arrays),
 * falling back to evalRef only for the functions that need a field's location.
 */
function evalValue(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'int': return Number.isSafeInteger(Number(e.value)) ? Number(e.value) : e.value;
    case 'str': case 'bool': return e.value;
    case 'null': return null;
    case 'name': return nameValue(e.name, scope);
    case 'member': return memberValue(evalValue(e.object, scope), e.name);
    case 'index': return indexValue(evalValue(e.object, scope), evalValue(e.index, scope));
    case 'cond': return evalValue(truthy(evalValue(e.test, scope)) ? e.then : e.else, scope);
    case 'unary': return unary(e.op, evalValue(e.operand, scope));
    case 'binary': return binary(e.op, e.left, e.right, scope);
    case 'call': return call(e.fn, e.args, scope);
  }
}

function nameValue(name: string, scope: Scope): Value {
  // Own fields only: `constructor` or `toString` must not resolve to Object.prototype's.
  if (name.charCodeAt(0) !== 95 /* _ */ && Object.prototype.hasOwnProperty.call(scope.object, name)) return scope.object[name];
  return lookupName(name, scope).value;
}

function memberValue(v: Value, name: string): Value {
  if (v === null || v === undefined) return null;
  if (isScope(v)) return nameValue(name, v);
  if (typeof v === 'object' && !(v instanceof Uint8Array) && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name)) {
    return (v as Record<string, unknown>)[name];
  }
  throw new EvalError(`no field ${name}`);
}

function indexValue(v: Value, i: Value): Value {
  const n = toNumber(i);
  if (v === null || v === undefined) return null;
  if (Array.isArray(v) || v instanceof Uint8Array) {
    if (n < 0 || n >= v.length) throw new EvalError(`index ${n} is outside 0..${v.length - 1}`);
    return v[n];
  }
  throw new EvalError('only arrays and bytes can be indexed');
}

/** Evaluates to an integer (number when it fits exactly, else bigint); throws EvalError otherwise. */
export function evaluateInt(expr: CompiledExpr, scope: Scope): number | bigint {
  const v = evaluate(expr, scope);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  throw new EvalError(`${expr.source} is ${describe(v)}, not an integer`);
}

/** An integer usable as a count, size or offset: a safe non-negative number. */
export function evaluateSize(expr: CompiledExpr, scope: Scope): number {
  const v = evaluateInt(expr, scope);
  if (typeof v === 'bigint' || v < 0) throw new EvalError(`${expr.source} is ${v}, not a usable size or offset`);
  return v;
}

export function evaluateBool(expr: CompiledExpr, scope: Scope): boolean {
  const v = evaluate(expr, scope);
  if (typeof v !== 'boolean') throw new EvalError(`${expr.source} is ${describe(v)}, not true or false`);
  return v;
}

function describe(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'a struct' : `${typeof v} ${String(v)}`;
}

function lookupName(name: string, scope: Scope): Ref {
  switch (name) {
    case '_root': return { value: scope.root, path: [] };
    case '_parent':
      if (!scope.parent) throw new EvalError('_parent used at the root');
      return { value: scope.parent, path: scope.parent.path };
    case '_index':
      if (scope.index === undefined) throw new EvalError('_index used outside a repeat');
      return { value: scope.index, path: null };
    case '_io': return { value: { size: scope.ioSize }, path: null };
  }
  if (Object.prototype.hasOwnProperty.call(scope.object, name)) return { value: scope.object[name], path: [...scope.path, name] };
  const letExpr = scope.lets && Object.prototype.hasOwnProperty.call(scope.lets, name) ? scope.lets[name] : undefined;
  if (letExpr) {
    scope.letCache ??= new Map();
    if (!scope.letCache.has(name)) scope.letCache.set(name, evalValue(letExpr.ast, scope));
    return { value: scope.letCache.get(name), path: null };
  }
  throw new EvalError(`${name} is not available here`);
}

function isScope(v: Value): v is Scope {
  return typeof v === 'object' && v !== null && (v as Partial<Scope>)[SCOPE_BRAND] === true;
}

function member(base: Ref, name: string): Ref {
  const v = base.value;
  if (v === null || v === undefined) return { value: null, path: null };
  if (isScope(v)) return lookupName(name, v);
  if (typeof v === 'object' && !(v instanceof Uint8Array) && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name)) {
    return { value: (v as Record<string, unknown>)[name], path: base.path ? [...base.path, name] : null };
  }
  throw new EvalError(`no field ${name}`);
}

function index(base: Ref, i: Value): Ref {
  const v = base.value;
  const n = toNumber(i);
  if (v === null || v === undefined) return { value: null, path: null };
  if (Array.isArray(v) || v instanceof Uint8Array) {
    if (n < 0 || n >= v.length) throw new EvalError(`index ${n} is outside 0..${v.length - 1}`);
    return { value: v[n], path: base.path ? [...base.path, n] : null };
  }
  throw new EvalError('only arrays and bytes can be indexed');
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  throw new EvalError(`${describe(v)} is not a usable index`);
}

function evalRef(e: Expr, scope: Scope): Ref {
  switch (e.kind) {
    case 'int': return { value: Number.isSafeInteger(Number(e.value)) ? Number(e.value) : e.value, path: null };
    case 'str': case 'bool': return { value: e.value, path: null };
    case 'null': return { value: null, path: null };
    case 'name': return lookupName(e.name, scope);
    case 'member': return member(evalRef(e.object, scope), e.name);
    case 'index': return index(evalRef(e.object, scope), evalRef(e.index, scope).value);
    case 'cond': return evalRef(truthy(evalRef(e.test, scope).value) ? e.then : e.else, scope);
    case 'unary': return { value: unary(e.op, evalRef(e.operand, scope).value), path: null };
    case 'binary': return { value: binary(e.op, e.left, e.right, scope), path: null };
    case 'call': return { value: call(e.fn, e.args, scope), path: null };
  }
}

function truthy(v: Value): boolean {
  if (typeof v !== 'boolean') throw new EvalError(`${describe(v)} used as a condition`);
  return v;
}

function unary(op: '!' | '-' | '~', v: Value): Value {
  if (op === '!') return !truthy(v);
  const n = int(v);
  return normalise(op === '-' ? -n : ~n);
}

function int(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new EvalError(`${describe(v)} used in arithmetic`);
}

function normalise(n: bigint): number | bigint {
  return n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function equal(a: Value, b: Value): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return int(a) === int(b);
  return a === b || (a == null && b == null);
}

function binary(op: string, le: Expr, re: Expr, scope: Scope): Value {
  if (op === '&&') return truthy(evalValue(le, scope)) && truthy(evalValue(re, scope));
  if (op === '||') return truthy(evalValue(le, scope)) || truthy(evalValue(re, scope));
  const a = evalValue(le, scope);
  const b = evalValue(re, scope);
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

function call(fn: string, args: readonly Expr[], scope: Scope): Value {
  switch (fn) {
    case 'len': {
      const v = evalValue(args[0]!, scope);
      if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
      if (typeof v === 'string') return utf8.encode(v).length;
      throw new EvalError(`len() of ${describe(v)}`);
    }
    case 'offsetof': case 'sizeof': case 'end': {
      const ref = evalRef(args[0]!, scope);
      if (!ref.path) throw new EvalError(`${fn}() needs a field, not a computed value`);
      const loc = scope.locate(ref.path);
      if (!loc) throw new EvalError(`${fn}() of a field that was not decoded`);
      return fn === 'offsetof' ? loc.offset : fn === 'sizeof' ? loc.size : loc.offset + loc.size;
    }
    case 'lookup': case 'has': {
      const arr = evalValue(args[0]!, scope);
      const key = evalValue(args[1]!, scope);
      const want = evalValue(args[2]!, scope);
      if (!Array.isArray(arr) || typeof key !== 'string') throw new EvalError(`${fn}() takes an array, a key name and a value`);
      const found = keyIndex(arr, key).get(indexKey(want));
      return fn === 'has' ? found !== undefined : found ?? null;
    }
    case 'min': case 'max': {
      const a = int(evalValue(args[0]!, scope));
      const b = int(evalValue(args[1]!, scope));
      return normalise(fn === 'min' ? (a < b ? a : b) : a > b ? a : b);
    }
  }
  throw new EvalError(`unknown function ${fn}`);
}

/** lookup() is called once per record against the same table: index each (array, key) once, first entry wins. */
const KEY_INDEXES = new WeakMap<readonly unknown[], Map<string, Map<string, unknown>>>();
const INDEXED_LENGTH = new WeakMap<Map<string, unknown>, number>();

function indexKey(v: Value): string {
  return typeof v === 'number' || typeof v === 'bigint' ? `n${v}` : `${typeof v}:${String(v)}`;
}

function keyIndex(arr: readonly unknown[], key: string): Map<string, unknown> {
  let byKey = KEY_INDEXES.get(arr);
  if (!byKey) KEY_INDEXES.set(arr, (byKey = new Map()));
  let idx = byKey.get(key);
  // Arrays grow while they are being decoded: an index built on a shorter array is stale.
  if (!idx || INDEXED_LENGTH.get(idx) !== arr.length) {
    idx = new Map();
    for (const el of arr) {
      if (typeof el !== 'object' || el === null) continue;
      const k = indexKey((el as Record<string, unknown>)[key]);
      if (!idx.has(k)) idx.set(k, el);
    }
    byKey.set(key, idx);
    INDEXED_LENGTH.set(idx, arr.length);
  }
  return idx;
}
