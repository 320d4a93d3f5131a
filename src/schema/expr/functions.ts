import type { FieldPath } from '../../findings/index.js';
import type { Expr } from './ast.js';
import { describe, EvalError } from './eval-error.js';
import { keyIndex, indexKey } from './key-index.js';
import { int, latin1Bytes, normalise, toNumber } from './operators.js';
import type { Scope } from './scope.js';

type Value = unknown;
const utf8 = new TextEncoder();

export interface Evaluators {
  value(e: Expr, scope: Scope): Value;
  ref(e: Expr, scope: Scope): { readonly value: Value; readonly path: FieldPath | null };
}

/** The expression language's functions; `ev` evaluates arguments (values, or field references for offsetof/sizeof/end). */
export function callFunction(fn: string, args: readonly Expr[], scope: Scope, ev: Evaluators): Value {
  switch (fn) {
    case 'len': {
      const v = ev.value(args[0]!, scope);
      if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
      if (typeof v === 'string') return utf8.encode(v).length;
      throw new EvalError(`len() of ${describe(v)}`);
    }
    case 'offsetof': case 'sizeof': case 'end': {
      const ref = ev.ref(args[0]!, scope);
      if (!ref.path) throw new EvalError(`${fn}() needs a field, not a computed value`);
      const loc = scope.locate(ref.path);
      if (!loc) throw new EvalError(`${fn}() of a field that was not decoded`);
      // A struct cut short has no size: comparing the bytes it got would blame the consequence.
      if (loc.partial && fn !== 'offsetof') throw new EvalError(`${fn}() of a field whose decoding stopped part-way`);
      return fn === 'offsetof' ? loc.offset : fn === 'sizeof' ? loc.size : loc.offset + loc.size;
    }
    case 'lookup': case 'has': {
      const arr = ev.value(args[0]!, scope);
      const key = ev.value(args[1]!, scope);
      const want = ev.value(args[2]!, scope);
      if (!Array.isArray(arr) || typeof key !== 'string') throw new EvalError(`${fn}() takes an array, a key name and a value`);
      const found = keyIndex(arr, key).get(indexKey(want));
      return fn === 'has' ? found !== undefined : found ?? null;
    }
    case 'find': case 'rfind': return findBytes(fn, args, scope, ev);
    case 'min': case 'max': {
      const a = int(ev.value(args[0]!, scope));
      const b = int(ev.value(args[1]!, scope));
      return normalise(fn === 'min' ? (a < b ? a : b) : a > b ? a : b);
    }
  }
  throw new EvalError(`unknown function ${fn}`);
}


/**
 * `find(needle, from, to)` / `rfind(...)`: where `needle` first / last occurs in [from, to) of the
 * current stream (positions relative to it, like `_io.pos`), or -1. A plain byte search (Buffer's
 * indexOf), linear in the window: no pattern language, nothing to backtrack. This locates records
 * found by scanning, such as a ZIP end record behind an archive comment.
 */
function findBytes(fn: 'find' | 'rfind', args: readonly Expr[], scope: Scope, ev: Evaluators): Value {
  const io = scope.io;
  if (!io) throw new EvalError(`${fn}() needs the stream being read`);
  const needle = latin1Bytes(ev.value(args[0]!, scope));
  if (!needle) throw new EvalError(`${fn}() looks for bytes or a byte string`);
  const size = io.end - io.start;
  const from = Math.max(0, Math.min(size, toNumber(ev.value(args[1]!, scope))));
  const to = Math.max(from, Math.min(size, toNumber(ev.value(args[2]!, scope))));
  if (needle.length === 0 || needle.length > to - from) return -1;
  const window = Buffer.from(io.bytes.buffer, io.bytes.byteOffset + io.start + from, to - from);
  const at = fn === 'find' ? window.indexOf(needle) : window.lastIndexOf(needle);
  return at < 0 ? -1 : from + at;
}
