import { EvalError, evaluate, type CompiledExpr, type Expr, type Scope } from '../../schema/index.js';
import { SCOPE_BRAND, isNoItem } from '../../schema/expr/scope.js';
import { binary, call, cond, index, unary, versusConstant, type Quick } from './quick-nodes.js';
import { UNKNOWN } from './quick-ops.js';

export { UNKNOWN } from './quick-ops.js';
export type { Quick } from './quick-nodes.js';

const QUICK = new WeakMap<CompiledExpr, Quick>();
const own = Object.prototype.hasOwnProperty;

/**
 * An expression compiled once into closures: what `evaluate` gives in `scope`, or UNKNOWN where
 * it throws an EvalError. The generator asks "is it known yet?" of a few expressions for every
 * struct it draws; the reference evaluator answers by throwing (a stack trace each time) and
 * works in bigints, and it re-dispatches on the AST at every node.
 *
 * It is the reference, node for node: operands in the same order, the same short cuts, and lets
 * memoised in the same `scope.letCache` (so the two can be mixed on one scope). What it does not
 * compile (lookup/has, whose index the reference caches; offsetof/sizeof/end, which need paths)
 * is handed to the reference evaluator itself.
 */
export function quickOf(expr: CompiledExpr): Quick {
  let q = QUICK.get(expr);
  if (!q) QUICK.set(expr, (q = compile(expr.ast, expr.source)));
  return q;
}

/** The reference evaluator on a sub-expression: exact by construction. */
function reference(ast: Expr, source: string): Quick {
  const expr: CompiledExpr = { source, ast };
  return (scope) => {
    try {
      return evaluate(expr, scope);
    } catch (e) {
      if (e instanceof EvalError) return UNKNOWN;
      throw e;
    }
  };
}

/** See judgeOf: the lets of the judged struct, memoised per judgement rather than in the scope's letCache. */
interface Judging {
  readonly lets: Lets;
  readonly slots: Map<string, number>;
  readonly values: unknown[];
  readonly stamps: number[];
  /** One per judgement: a slot holds this judgement's value when its stamp is this. */
  epoch: number;
}
type Lets = Readonly<Record<string, CompiledExpr>>;

/**
 * The rule of an assert, for judging a struct the generator has just drawn: its scope is new, no
 * let of it is memoised yet, and it is dropped right after (kept or redrawn). The struct's own lets
 * are then memoised in slots for this one judgement, not in a letCache Map nobody will read again
 * (values are the same: nothing changes while a rule is evaluated). Any other scope: as quickOf.
 */
export function judgeOf(rule: CompiledExpr, lets: Lets | undefined): Quick {
  const general = quickOf(rule);
  if (!lets) return general;
  const ctx: Judging = { lets, slots: new Map(), values: [], stamps: [], epoch: 0 };
  const body = compile(rule.ast, rule.source, ctx);
  return (s) => {
    if (s.lets !== lets || s.letCache !== undefined) return general(s);
    ctx.epoch++;
    return body(s);
  };
}

function compile(e: Expr, source: string, judging?: Judging): Quick {
  const sub = (x: Expr): Quick => compile(x, source, judging);
  switch (e.kind) {
    case 'int': {
      const v = Number.isSafeInteger(Number(e.value)) ? Number(e.value) : e.value;
      return () => v;
    }
    case 'str': case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'null': return () => null;
    case 'name': return (judging && ownLet(judging, e.name, source)) || nameOf(e.name);
    case 'member': return member(e.object, e.name, sub);
    case 'index': return index(sub(e.object), sub(e.index));
    case 'cond': return cond(sub(e.test), sub(e.then), sub(e.else));
    case 'unary': return unary(e.op, sub(e.operand));
    case 'binary': return versusConstant(e.op, e.left, e.right, sub) ?? binary(e.op, sub(e.left), sub(e.right));
    case 'call': return call(e, sub) ?? reference(e, source);
  }
}

/** A name, as the reference's nameValue: the four specials, then own fields, then lets. */
function nameOf(name: string): Quick {
  switch (name) {
    case '_root': return (s) => s.root;
    case '_parent': return (s) => s.parent ?? UNKNOWN;
    case '_index': return (s) => s.index ?? UNKNOWN;
    case '_io': return (s) => ({ size: s.ioSize });
    case '_': return (s) => (isNoItem(s.item) ? UNKNOWN : s.item);
  }
  // The let `name` of the struct last seen: a name is read in scopes of one struct, mostly.
  let lastLets: Scope['lets'] = undefined;
  let lastLet: Quick | undefined;
  return (s) => {
    if (own.call(s.object, name)) return s.object[name];
    // A parametric type's arguments come before its lets, as in the reference.
    const params = s.params;
    if (params && own.call(params, name)) return params[name];
    const lets = s.lets;
    if (lets !== lastLets) {
      const letExpr = lets && own.call(lets, name) ? lets[name] : undefined;
      lastLet = letExpr && quickOf(letExpr);
      lastLets = lets;
    }
    return lastLet ? letValue(s, name, lastLet) : UNKNOWN;
  };
}

/** A name that may be a let of the judged struct (an own field of the same name comes first, as in nameOf). */
function ownLet(j: Judging, name: string, source: string): Quick | undefined {
  if (name.charCodeAt(0) === 95 /* _ */ || !own.call(j.lets, name)) return undefined;
  let slot = j.slots.get(name);
  if (slot === undefined) j.slots.set(name, (slot = j.slots.size));
  let q: Quick | undefined; // compiled when first needed: lets may refer to one another
  return (s) => {
    if (own.call(s.object, name)) return s.object[name];
    if (j.stamps[slot] === j.epoch) return j.values[slot];
    const v = (q ??= compile(j.lets[name]!.ast, source, j))(s);
    j.values[slot] = v;
    j.stamps[slot] = j.epoch;
    return v;
  };
}

/** A let, memoised in the scope's letCache as the reference memoises it. */
function letValue(s: Scope, name: string, q: Quick): unknown {
  const cache = (s.letCache ??= new Map());
  let v = cache.get(name);
  if (v === undefined && !cache.has(name)) {
    v = q(s);
    if (v === UNKNOWN) return UNKNOWN;
    cache.set(name, v);
  }
  return v;
}

const isScope = (v: object): v is Scope => (v as Partial<Scope>)[SCOPE_BRAND] === true;

function member(object: Expr, name: string, sub: (x: Expr) => Quick): Quick {
  const inner = nameOf(name); // for a member of a scope (`_parent.x`, `_root.x`)
  if (object.kind === 'name') {
    if (object.name === '_io') return name === 'size' ? (s) => s.ioSize : () => UNKNOWN;
    if (object.name === '_parent') return (s) => (s.parent ? inner(s.parent) : UNKNOWN);
    if (object.name === '_root') return (s) => inner(s.root);
  }
  const o = sub(object);
  return (s) => {
    const v = o(s);
    if (v === UNKNOWN) return UNKNOWN;
    if (v === null || v === undefined) return null;
    if (typeof v !== 'object') return UNKNOWN;
    if (isScope(v)) return inner(v);
    if (v instanceof Uint8Array || Array.isArray(v) || !own.call(v, name)) return UNKNOWN;
    return (v as Record<string, unknown>)[name];
  };
}
