import type { FieldPath } from '../../findings/index.js';
import type { CompiledExpr, Expr } from './ast.js';
import { describe, EvalError } from './eval-error.js';
import { callFunction, type Evaluators } from './functions.js';
import { applyBinary, toNumber, truthy, unary } from './operators.js';
import { isNoItem, SCOPE_BRAND, type Scope } from './scope.js';

export { EvalError } from './eval-error.js';

type Value = unknown;
export interface Ref { readonly value: Value; readonly path: FieldPath | null }

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

function lookupName(name: string, scope: Scope): Ref {
  switch (name) {
    case '_root': return { value: scope.root, path: [] };
    case '_parent':
      if (!scope.parent) throw new EvalError('_parent used at the root');
      return { value: scope.parent, path: scope.parent.path };
    case '_index':
      if (scope.index === undefined) throw new EvalError('_index used outside a repeat');
      return { value: scope.index, path: null };
    case '_io': return { value: ioValue(scope), path: null };
    case '_':
      if (isNoItem(scope.item)) throw new EvalError('_ used outside repeat_until');
      return { value: scope.item, path: null };
  }
  if (Object.prototype.hasOwnProperty.call(scope.object, name)) return { value: scope.object[name], path: [...scope.path, name] };
  if (scope.params && Object.prototype.hasOwnProperty.call(scope.params, name)) return { value: scope.params[name], path: null };
  const letExpr = scope.lets && Object.prototype.hasOwnProperty.call(scope.lets, name) ? scope.lets[name] : undefined;
  if (letExpr) {
    const cache = (scope.letCache ??= new Map());
    if (cache.has(name)) {
      const known = cache.get(name);
      // The load refuses same-scope cycles; this guard keeps any other from overflowing the stack.
      if (known === IN_PROGRESS) throw new EvalError(`let ${name} depends on itself`);
      return { value: known, path: null };
    }
    cache.set(name, IN_PROGRESS);
    try {
      const value = evalValue(letExpr.ast, scope);
      // Re-inserted: the cache lists lets in the order they were completed, as it always has.
      cache.delete(name);
      cache.set(name, value);
      return { value, path: null };
    } catch (e) {
      cache.delete(name);
      throw e;
    }
  }
  throw new EvalError(`${name} is not available here`);
}

/**
 * `_io` as a plain object: `size` always; `pos` and `eof` where a stream is being read (the decoder
 * keeps `pos` at its cursor), so after the decode they are the struct's stream end.
 */
function ioValue(scope: Scope): Record<string, unknown> {
  const io = scope.io;
  if (!io) return { size: scope.ioSize };
  return { size: io.end - io.start, pos: io.pos - io.start, eof: io.pos >= io.end };
}

/** Marks a let being evaluated in a scope's cache, so that a let reached again is an error, not a recursion. */
const IN_PROGRESS: unique symbol = Symbol('let in progress');

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

function binary(op: string, le: Expr, re: Expr, scope: Scope): Value {
  if (op === '&&') return truthy(evalValue(le, scope)) && truthy(evalValue(re, scope));
  if (op === '||') return truthy(evalValue(le, scope)) || truthy(evalValue(re, scope));
  return applyBinary(op, evalValue(le, scope), evalValue(re, scope));
}

const EVALUATORS: Evaluators = { value: evalValue, ref: evalRef };

function call(fn: string, args: readonly Expr[], scope: Scope): Value {
  return callFunction(fn, args, scope, EVALUATORS);
}
