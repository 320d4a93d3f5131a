import type { Expr } from '../expr/index.js';
import { caseStructs, type FieldDef, type FormatSchema } from '../model.js';
import type { SchemaGraph } from './schema-graph.js';
import { ANY, BOOL, INT, NULL, describeType, union, type StaticType } from './static-type.js';

/** A name that does not resolve: the reason, said as a person would fix it. */
export class UnresolvedName extends Error {}

/**
 * Infers the static type of expressions, resolving every name on the way: bare names against the
 * fields and lets of the scopes the expression is evaluated in, members against the struct they
 * belong to. A name that cannot exist in any of the possible scopes throws UnresolvedName.
 * Lets are inferred once per struct; a let reached again while being inferred (a reference
 * through `_parent` of a recursive type) is `any` here, and same-scope cycles are refused by checkLets.
 */
export class TypeInference {
  private readonly letTypes = new Map<string, Map<string, StaticType | 'busy'>>();

  /** The type of `_` while a repeat_until is inferred; undefined elsewhere. */
  private item: StaticType | undefined;

  constructor(private readonly schema: FormatSchema, private readonly graph: SchemaGraph) {}

  /** Infers `e` with `_` bound to an element of `field` (repeat_until). */
  inferWithItem(e: Expr, scopes: readonly string[], field: FieldDef): StaticType {
    const arr = fieldType(field);
    this.item = arr.k === 'array' ? arr.of : ANY;
    try {
      return this.infer(e, scopes);
    } finally {
      this.item = undefined;
    }
  }

  /** The type of `e` evaluated in a scope of one of `scopes`. */
  infer(e: Expr, scopes: readonly string[]): StaticType {
    switch (e.kind) {
      case 'int': return INT;
      case 'str': return { k: 'str' };
      case 'bool': return BOOL;
      case 'null': return NULL;
      case 'name': return this.inScope(e.name, scopes, e.name);
      case 'member': return this.member(this.infer(e.object, scopes), e.name);
      case 'index': {
        const base = this.infer(e.object, scopes);
        this.infer(e.index, scopes);
        if (base.k === 'array') return base.of;
        if (base.k === 'bytes') return INT;
        if (base.k === 'any' || base.k === 'null') return ANY;
        throw new UnresolvedName(`${describeType(base)} cannot be indexed (only arrays and bytes can)`);
      }
      case 'cond':
        this.infer(e.test, scopes);
        return union(this.infer(e.then, scopes), this.infer(e.else, scopes));
      case 'unary':
        this.infer(e.operand, scopes);
        return e.op === '!' ? BOOL : INT;
      case 'binary': {
        this.infer(e.left, scopes);
        this.infer(e.right, scopes);
        return ['||', '&&', '==', '!=', '<', '<=', '>', '>='].includes(e.op) ? BOOL : INT;
      }
      case 'call': return this.call(e.fn, e.args, scopes);
    }
  }

  private call(fn: string, args: readonly Expr[], scopes: readonly string[]): StaticType {
    const types = args.map((a) => this.infer(a, scopes));
    if (fn !== 'lookup' && fn !== 'has') return INT;
    const arr = types[0]!;
    const key = args[1]!;
    if (arr.k === 'array' && arr.of.k === 'obj' && key.kind === 'str') {
      const structs = arr.of.structs.filter((s) => this.graph.membersOf.get(s)?.has(key.value));
      if (structs.length === 0) throw new UnresolvedName(`${fn}(): the elements (${describeType(arr.of)}) have no field ${key.value}${this.suggest(key.value, arr.of.structs, false)}`);
      return fn === 'has' ? BOOL : { k: 'obj', structs: arr.of.structs };
    }
    return fn === 'has' ? BOOL : ANY;
  }

  /** A bare name (or a member of a scope): fields first, as the evaluator does, then the specials and lets. */
  private inScope(name: string, scopes: readonly string[], shown: string): StaticType {
    switch (name) {
      case '_root': return { k: 'scope', structs: [this.schema.root] };
      case '_index': return INT;
      case '_io': return { k: 'io' };
      case '_':
        if (this.item === undefined) throw new UnresolvedName('_ (the element just read) is only available in repeat_until');
        return this.item;
      case '_parent': {
        const parents = new Set<string>();
        let orphan = false;
        for (const s of scopes) {
          const p = this.graph.parentsOf.get(s);
          if (p) for (const x of p) parents.add(x);
          else if (s !== this.schema.root) orphan = true; // unused type: anything goes
        }
        if (orphan) return ANY;
        if (parents.size === 0) throw new UnresolvedName(`_parent is used in ${this.schema.root}, the root type, which has no parent`);
        return { k: 'scope', structs: [...parents] };
      }
    }
    let found: StaticType | undefined;
    for (const s of scopes) {
      const fields = this.graph.membersOf.get(s)?.get(name);
      const t = fields ? this.fieldsType(fields) : this.letType(s, name) ?? this.paramType(s, name);
      if (t) found = found ? union(found, t) : t;
    }
    if (found) return found;
    throw new UnresolvedName(`${shown} is not a field or let of ${scopes.join(' or ')}${this.suggest(name, scopes, true)}`);
  }

  private member(base: StaticType, name: string): StaticType {
    switch (base.k) {
      case 'any': case 'null': return ANY;
      case 'scope': return this.inScope(name, base.structs, name);
      case 'io':
        if (name === 'size' || name === 'pos') return INT;
        if (name === 'eof') return BOOL;
        throw new UnresolvedName(`_io has no ${name} (it has size, pos and eof)`);
      case 'obj': {
        let found: StaticType | undefined;
        for (const s of base.structs) {
          const fields = this.graph.membersOf.get(s)?.get(name);
          if (fields) found = found ? union(found, this.fieldsType(fields)) : this.fieldsType(fields);
        }
        if (found) return found;
        throw new UnresolvedName(`${base.structs.join(' or ')} has no field ${name}${this.suggest(name, base.structs, false)}`);
      }
      default:
        throw new UnresolvedName(`${describeType(base)} has no field ${name}`);
    }
  }

  private fieldsType(fields: readonly FieldDef[]): StaticType {
    return fields.map(fieldType).reduce(union);
  }

  /** The type of let `name` of scope struct `s`, inferred once; undefined when `s` has no such let. */
  private letType(s: string, name: string): StaticType | undefined {
    const lets = this.schema.types.get(s)?.lets;
    if (!lets || !Object.prototype.hasOwnProperty.call(lets, name)) return undefined;
    let memo = this.letTypes.get(s);
    if (!memo) this.letTypes.set(s, (memo = new Map()));
    const known = memo.get(name);
    if (known === 'busy') return ANY;
    if (known) return known;
    memo.set(name, 'busy');
    const t = this.infer(lets[name]!.ast, [s]);
    memo.set(name, t);
    return t;
  }

  /** The type of parameter `name` of struct `s`; undefined when it has none of that name. */
  private paramType(s: string, name: string): StaticType | undefined {
    const p = this.schema.types.get(s)?.params?.find((x) => x.id === name);
    if (!p) return undefined;
    return p.type === 'int' ? INT : p.type === 'bool' ? BOOL : p.type === 'bytes' ? { k: 'bytes' } : p.type === 'str' ? { k: 'str' } : ANY;
  }

  /** " (did you mean file_size?)" when a known name is one or two edits away. */
  private suggest(name: string, structs: readonly string[], withLets: boolean): string {
    let best: string | undefined;
    let bestDistance = 3;
    for (const s of structs) {
      const names = [...(this.graph.membersOf.get(s)?.keys() ?? [])];
      const lets = this.schema.types.get(s)?.lets;
      if (withLets && lets) names.push(...Object.keys(lets));
      if (withLets) for (const p of this.schema.types.get(s)?.params ?? []) names.push(p.id);
      for (const n of names) {
        const d = distance(name, n, bestDistance);
        if (d < bestDistance) { best = n; bestDistance = d; }
      }
    }
    return best === undefined ? '' : ` (did you mean ${best}?)`;
  }
}

export function fieldType(f: FieldDef): StaticType {
  const t = f.type;
  const one: StaticType =
    t.kind === 'int' || t.kind === 'bits' ? INT
    : t.kind === 'bytes' ? { k: 'bytes' }
    : t.kind === 'str' ? { k: 'str' }
    : t.kind === 'struct' ? { k: 'obj', structs: [t.struct] }
    : { k: 'obj', structs: caseStructs(t) };
  const value: StaticType = f.process && t.kind === 'bytes' ? { k: 'bytes' } : one;
  return f.repeat ? { k: 'array', of: value } : value;
}

/** Edit distance, giving up (returning `limit`) past `limit`; names are at most 64 characters. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}
