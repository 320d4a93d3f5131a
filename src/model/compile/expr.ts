import { INT_WIDTH, type Expr, type IntType } from '../../schema/index.js';
import { LIMITS } from '../load/model-exprs.js';
import { Frame, Gen, Unsupported, num, type Slot } from './gen.js';
import type { Stores } from './stores.js';

/**
 * What an expression is while it is compiled: JavaScript over locals with the evaluator's exact
 * result (integers as numbers: only fields of at most 4 bytes and arithmetic whose bounds stay
 * safe are compiled), or a compile-time handle (a scope, a struct read into locals, an array).
 * Anything the evaluator could answer differently is Unsupported: that model is interpreted.
 */
export type Val =
  | { readonly k: 'int'; readonly code: string; readonly lo: bigint; readonly hi: bigint; readonly nullable: boolean }
  | { readonly k: 'bool'; readonly code: string }
  | { readonly k: 'null' }
  | { readonly k: 'scope'; readonly frame: Frame }
  | { readonly k: 'obj'; readonly frame: Frame; readonly guard: string | undefined }
  | { readonly k: 'ref'; readonly store: number; readonly code: string; readonly nullable: boolean }
  | { readonly k: 'intarr'; readonly start: string; readonly count: string; readonly type: IntType; readonly le: boolean; readonly guard: string | undefined }
  | { readonly k: 'refarr'; readonly store: number; readonly count: string; readonly guard: string | undefined }
  | { readonly k: 'io' }
  | { readonly k: 'limits' }
  | { readonly k: 'str'; readonly value: string };

export const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export const INT_RANGE: Readonly<Record<IntType, readonly [bigint, bigint]>> = {
  u1: [0n, 255n], s1: [-128n, 127n], u2: [0n, 65535n], s2: [-32768n, 32767n],
  u4: [0n, 4294967295n], s4: [-2147483648n, 2147483647n], u8: [0n, 0n], s8: [0n, 0n],
};

/**
 * JavaScript reading an integer of `t` at `at` (bounds checked by the caller) from the bytes
 * themselves: no DataView to allocate per file. u8/s8 are bigints in the evaluator: not compiled.
 */
export function intGetter(t: IntType, le: boolean, at: string): string {
  const b = (i: number): string => (i === 0 ? `bytes[${at}]` : `bytes[${at} + ${i}]`);
  const word = (n: number): string => {
    const order = Array.from({ length: n }, (_, i) => (le ? i : n - 1 - i));
    return order.map((byte, i) => (i === 0 ? b(byte) : `${b(byte)} << ${8 * i}`)).join(' | ');
  };
  switch (t) {
    case 'u1': return b(0);
    case 's1': return `(${b(0)} << 24 >> 24)`;
    case 'u2': return `(${word(2)})`;
    case 's2': return `((${word(2)}) << 16 >> 16)`;
    case 'u4': return `((${word(4)}) >>> 0)`;
    case 's4': return `(${word(4)})`;
    default: throw new Unsupported(`a ${t} field used in an expression (the evaluator reads it as a bigint)`);
  }
}

export interface ExprEnv {
  readonly gen: Gen;
  readonly stores: Stores;
  /** Evaluated now on behalf of a later moment (input binding): a field not read yet is not known then. */
  readonly deferred: boolean;
  /** A model expression: `limits.NAME` is the profile's value (P.L). */
  readonly limits: ReadonlyMap<string, number> | undefined;
}

const LETS_IN_PROGRESS = new Set<string>();

/**
 * Expression nodes one compiler may write out: lets are inlined where they are used, and lets that
 * use lets of parent structs (which the schema loader's let check does not count) could double at
 * every level. Real models need a few hundred.
 */
const MAX_STEPS = 200_000;

export class ExprCompiler {
  private steps = 0;

  constructor(private readonly env: ExprEnv) {}

  private tmp(): string {
    return this.env.gen.local('t');
  }

  compile(e: Expr, f: Frame): Val {
    if (++this.steps > MAX_STEPS) throw new Unsupported('the expressions expand to too much code');
    switch (e.kind) {
      case 'int': return { k: 'int', code: num(e.value), lo: e.value, hi: e.value, nullable: false };
      case 'bool': return { k: 'bool', code: e.value ? 'true' : 'false' };
      case 'null': return { k: 'null' };
      case 'str': return { k: 'str', value: e.value };
      case 'name': return this.name(e.name, f);
      case 'member': return this.member(this.compile(e.object, f), e.name, f);
      case 'index': return this.index(this.compile(e.object, f), this.compile(e.index, f));
      case 'cond': return this.cond(this.bool(e.test, f), this.compile(e.then, f), this.compile(e.else, f));
      case 'unary': return this.unary(e.op, this.compile(e.operand, f));
      case 'binary': return this.binary(e.op, e.left, e.right, f);
      case 'call': return this.call(e.fn, e.args, f);
    }
  }

  bool(e: Expr, f: Frame): { k: 'bool'; code: string } {
    const v = this.compile(e, f);
    if (v.k !== 'bool') throw new Unsupported(`a condition that is not a boolean (${v.k})`);
    return v;
  }

  /** An integer, or the evaluator's EvalError (null is not an integer). */
  int(e: Expr, f: Frame): { code: string; lo: bigint; hi: bigint } {
    const v = this.compile(e, f);
    if (v.k !== 'int') throw new Unsupported(`an integer expression that is ${v.k}`);
    return { code: v.nullable ? `R.nn(${v.code})` : v.code, lo: v.lo, hi: v.hi };
  }

  /** A plain value for details: a number, boolean or null. */
  value(e: Expr, f: Frame): string {
    const v = this.compile(e, f);
    if (v.k === 'int' || v.k === 'bool') return v.code;
    if (v.k === 'null') return 'null';
    throw new Unsupported(`a detail value that is ${v.k}`);
  }

  private slotVal(s: Slot): Val {
    const guard = s.state === 'dyn' ? s.flag : undefined;
    const v = s.value;
    if (!v || v.k === 'opaque') {
      const t = s.field.type;
      throw new Unsupported(`field ${s.field.id} (${t.kind === 'int' ? `${t.int}, a bigint in the evaluator` : t.kind}) used in an expression`);
    }
    switch (v.k) {
      case 'int': return { k: 'int', code: guard ? `(${guard} ? ${v.code} : R.ev())` : v.code, lo: v.lo, hi: v.hi, nullable: false };
      case 'obj': return { k: 'obj', frame: v.frame, guard };
      case 'intarr': return { k: 'intarr', start: v.start, count: v.count, type: v.type, le: v.le, guard };
      case 'refarr': return { k: 'refarr', store: v.store, count: v.count, guard };
    }
  }

  /** A field of a scope or struct: a value when it holds one, `undefined` when it certainly does not. */
  private own(s: Slot | undefined): Val | undefined {
    if (!s || s.state === 'unset') {
      if (s && this.env.deferred) throw new Unsupported(`field ${s.field.id} is read after the expression is needed`);
      return undefined;
    }
    if (s.state === 'unknown') throw new Unsupported(`field ${s.field.id} may or may not be read here`);
    return this.slotVal(s);
  }

  private name(name: string, f: Frame): Val {
    if (this.env.limits && name === LIMITS) return { k: 'limits' };
    switch (name) {
      case '_root': return { k: 'scope', frame: f.root };
      case '_parent':
        if (!f.parent) throw new Unsupported('_parent at the root');
        return { k: 'scope', frame: f.parent };
      case '_index':
        if (f.index === undefined) throw new Unsupported('_index outside a repeat');
        return { k: 'int', code: f.index, lo: 0n, hi: SAFE, nullable: false };
      case '_io': return { k: 'io' };
    }
    const s = f.fields.get(name);
    const lets = f.def.lets;
    const letExpr = lets && Object.prototype.hasOwnProperty.call(lets, name) ? lets[name] : undefined;
    if (s && s.state === 'dyn' && letExpr) throw new Unsupported(`${name} is both a field and a let`);
    const v = this.own(s);
    if (v) return v;
    if (letExpr) {
      const key = `${f.def.name}.${name}`;
      if (LETS_IN_PROGRESS.has(key)) throw new Unsupported(`let ${name} depends on itself`);
      LETS_IN_PROGRESS.add(key);
      try {
        return this.compile(letExpr.ast, f);
      } finally {
        LETS_IN_PROGRESS.delete(key);
      }
    }
    throw new Unsupported(`${name} is not available where it is used`);
  }

  private member(o: Val, name: string, f: Frame): Val {
    switch (o.k) {
      case 'scope': return this.name(name, o.frame);
      case 'null': return { k: 'null' };
      case 'io':
        if (name !== 'size') throw new Unsupported(`_io.${name}`);
        return { k: 'int', code: 'len', lo: 0n, hi: SAFE, nullable: false };
      case 'limits': {
        const v = this.env.limits?.get(name);
        if (v === undefined) throw new Unsupported(`limits.${name}`);
        return { k: 'int', code: `P.L[${num(v)}]`, lo: -SAFE, hi: SAFE, nullable: false };
      }
      case 'obj': {
        // A struct value (not a scope): its own fields only.
        const s = o.frame.fields.get(name);
        const v = this.own(s);
        if (!v) throw new Unsupported(`${name} is not a field read in ${o.frame.def.name}`);
        if (o.guard === undefined) return v;
        if (v.k !== 'int') throw new Unsupported(`a struct or array inside a root field that may be unread (${name})`);
        return { ...v, code: `(${o.guard} ? ${v.code} : R.ev())` };
      }
      case 'ref': {
        const col = this.env.stores.column(o.store, name);
        if (o.nullable) {
          const t = this.tmp();
          return { k: 'int', code: `((${t} = ${o.code}) === -1 ? null : S.st[${o.store}].c[${col.index}][${t}])`, lo: col.lo, hi: col.hi, nullable: true };
        }
        return { k: 'int', code: `S.st[${o.store}].c[${col.index}][${o.code}]`, lo: col.lo, hi: col.hi, nullable: false };
      }
      default:
        void f;
        throw new Unsupported(`member ${name} of ${o.k}`);
    }
  }

  private index(o: Val, i: Val): Val {
    if (i.k !== 'int') throw new Unsupported(`an index that is ${i.k}`);
    const ix = i.nullable ? `R.nn(${i.code})` : i.code;
    const t = this.tmp();
    if (o.k === 'intarr') {
      const at = `${o.start} + ${t} * ${num(INT_WIDTH[o.type])}`;
      const read = `(${t} >= 0 && ${t} < ${o.count} ? ${intGetter(o.type, o.le, at)} : R.ev())`;
      const code = `(${t} = ${ix}, ${o.guard ? `${o.guard} ? ${read} : R.ev()` : read})`;
      const [lo, hi] = INT_RANGE[o.type];
      return { k: 'int', code, lo, hi, nullable: false };
    }
    if (o.k === 'refarr') {
      const read = `(${t} >= 0 && ${t} < ${o.count} ? ${t} : R.ev())`;
      return { k: 'ref', store: o.store, code: `(${t} = ${ix}, ${o.guard ? `${o.guard} ? ${read} : R.ev()` : read})`, nullable: false };
    }
    throw new Unsupported(`indexing ${o.k}`);
  }

  private cond(test: { code: string }, a: Val, b: Val): Val {
    const code = (x: string, y: string): string => `(${test.code} ? ${x} : ${y})`;
    if (a.k === 'int' && b.k === 'int') {
      return { k: 'int', code: code(a.code, b.code), lo: min(a.lo, b.lo), hi: max(a.hi, b.hi), nullable: a.nullable || b.nullable };
    }
    if (a.k === 'int' && b.k === 'null') return { ...a, code: code(a.code, 'null'), nullable: true };
    if (a.k === 'null' && b.k === 'int') return { ...b, code: code('null', b.code), nullable: true };
    if (a.k === 'bool' && b.k === 'bool') return { k: 'bool', code: code(a.code, b.code) };
    if (a.k === 'null' && b.k === 'null') return { k: 'null' };
    if (a.k === 'ref' && b.k === 'ref' && a.store === b.store) return { ...a, code: code(a.code, b.code), nullable: a.nullable || b.nullable };
    if (a.k === 'ref' && b.k === 'null') return { ...a, code: code(a.code, '-1'), nullable: true };
    if (a.k === 'null' && b.k === 'ref') return { ...b, code: code('-1', b.code), nullable: true };
    throw new Unsupported(`a conditional of ${a.k} and ${b.k}`);
  }

  private unary(op: '!' | '-' | '~', v: Val): Val {
    if (op === '!' && v.k === 'bool') return { k: 'bool', code: `!${v.code}` };
    if (op === '-' && v.k === 'int') return safeInt(`(0 - ${nn(v)})`, -v.hi, -v.lo);
    throw new Unsupported(`unary ${op} on ${v.k}`);
  }

  private binary(op: string, le: Expr, re: Expr, f: Frame): Val {
    const a = this.compile(le, f);
    const b = this.compile(re, f);
    if (op === '&&' || op === '||') {
      if (a.k !== 'bool' || b.k !== 'bool') throw new Unsupported(`${op} on ${a.k} and ${b.k}`);
      return { k: 'bool', code: `(${a.code} ${op} ${b.code})` };
    }
    if (op === '==' || op === '!=') return this.equality(op === '==' ? '===' : '!==', a, b);
    if (a.k !== 'int' || b.k !== 'int') throw new Unsupported(`${op} on ${a.k} and ${b.k}`);
    const x = nn(a);
    const y = nn(b);
    switch (op) {
      case '<': case '<=': case '>': case '>=': return { k: 'bool', code: `(${x} ${op} ${y})` };
      case '+': return safeInt(`(${x} + ${y})`, a.lo + b.lo, a.hi + b.hi);
      case '-': return safeInt(`(${x} - ${y})`, a.lo - b.hi, a.hi - b.lo);
      case '*': {
        const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
        // + 0: the evaluator's integers have no -0.
        return safeInt(`(${x} * ${y} + 0)`, c.reduce(min), c.reduce(max));
      }
    }
    throw new Unsupported(`operator ${op}`);
  }

  private equality(op: '===' | '!==', a: Val, b: Val): Val {
    const nullOf = (v: Val): string | undefined => (v.k === 'int' ? 'null' : v.k === 'ref' ? '-1' : undefined);
    if ((a.k === 'int' && b.k === 'int') || (a.k === 'bool' && b.k === 'bool') || (a.k === 'ref' && b.k === 'ref' && a.store === b.store)) {
      return { k: 'bool', code: `(${a.code} ${op} ${b.code})` };
    }
    if (a.k === 'null' && b.k === 'null') return { k: 'bool', code: op === '===' ? 'true' : 'false' };
    if (b.k === 'null' && nullOf(a)) return { k: 'bool', code: `(${(a as { code: string }).code} ${op} ${nullOf(a)})` };
    if (a.k === 'null' && nullOf(b)) return { k: 'bool', code: `(${(b as { code: string }).code} ${op} ${nullOf(b)})` };
    throw new Unsupported(`comparing ${a.k} with ${b.k}`);
  }

  private call(fn: string, args: readonly Expr[], f: Frame): Val {
    if (fn === 'len') {
      const v = this.compile(args[0]!, f);
      if (v.k !== 'intarr' && v.k !== 'refarr') throw new Unsupported(`len() of ${v.k}`);
      return { k: 'int', code: v.guard ? `(${v.guard} ? ${v.count} : R.ev())` : v.count, lo: 0n, hi: SAFE, nullable: false };
    }
    if (fn === 'lookup') {
      const arr = this.compile(args[0]!, f);
      const key = this.compile(args[1]!, f);
      const want = this.compile(args[2]!, f);
      if (arr.k !== 'refarr' || key.k !== 'str') throw new Unsupported('lookup() other than on a root table by a key field');
      const col = this.env.stores.column(arr.store, key.value);
      let w: string;
      if (want.k === 'int') w = want.code;
      else if (want.k === 'null') w = 'null';
      else throw new Unsupported(`lookup() of ${want.k}`);
      const call = `R.lookup(S, ${arr.store}, ${col.index}, ${w})`;
      return { k: 'ref', store: arr.store, code: arr.guard ? `(${arr.guard} ? ${call} : R.ev())` : call, nullable: true };
    }
    throw new Unsupported(`function ${fn}()`);
  }
}

function nn(v: { code: string; nullable: boolean }): string {
  return v.nullable ? `R.nn(${v.code})` : v.code;
}

function safeInt(code: string, lo: bigint, hi: bigint): Val {
  if (lo < -SAFE || hi > SAFE) throw new Unsupported('arithmetic that may leave the safe integers');
  return { k: 'int', code, lo, hi, nullable: false };
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
