import { EvalError, ExprSyntaxError, evaluateInt, parseExpr, rootScope, type CompiledExpr, type Expr, type FormatSchema } from '../../schema/index.js';
import { TypeInference, UnresolvedName } from '../../schema/load/infer-type.js';
import { buildGraph } from '../../schema/load/schema-graph.js';
import type { StaticType } from '../../schema/load/static-type.js';
import type { At, YamlReader } from './yaml-reader.js';

/** The one name a model adds to the schema's expression language: `limits.NAME`, a profile limit. */
export const LIMITS = 'limits';

export type Want = 'int' | 'bool' | 'ref';

/**
 * Parses and type-checks model expressions against the loaded schema, with the schema loader's
 * own name resolution (TypeInference): a field, let or member that does not exist, or a value of
 * the wrong kind, is an error at the model's key. `limits.NAME` must name a declared limit.
 */
export class ExprChecker {
  private readonly types: TypeInference;

  constructor(private readonly r: YamlReader, private readonly schema: FormatSchema, private readonly limits: () => ReadonlyMap<string, { readonly min: number; readonly max: number }>) {
    this.types = new TypeInference(schema, buildGraph(schema));
  }

  /** `scopes`: the structs the expression is evaluated in ([] for profile-only expressions). */
  expr(at: At, scopes: readonly string[], want: Want): CompiledExpr {
    const text = this.r.text(at);
    let compiled: CompiledExpr;
    try {
      compiled = parseExpr(text);
    } catch (e) {
      if (e instanceof ExprSyntaxError) this.r.fail(at, `${e.message} at character ${e.position + 1} of ${JSON.stringify(text)}`);
      throw e;
    }
    const ast = this.withoutLimits(compiled.ast, at);
    if (want === 'ref' && ast.kind !== 'name' && ast.kind !== 'member' && ast.kind !== 'index') this.r.fail(at, `must be a field, not a computed value: ${text}`);
    let t: StaticType;
    try {
      t = scopes.length === 0 ? this.constantType(ast, at, compiled.ast) : this.types.infer(ast, scopes);
    } catch (e) {
      if (e instanceof UnresolvedName) this.r.fail(at, `${e.message}, in ${text}`);
      throw e;
    }
    if (want !== 'ref' && t.k !== 'any' && t.k !== want) this.r.fail(at, `must be ${want === 'int' ? 'an integer' : 'true or false'}, but ${text} is ${t.k === 'obj' || t.k === 'scope' ? 'a struct' : t.k}`);
    return compiled;
  }

  /** `limits.X` checked and replaced by an integer, for type inference. */
  private withoutLimits(e: Expr, at: At): Expr {
    return mapLimits(e, (name) => {
      if (!this.limits().has(name)) this.r.fail(at, `limits.${name} is not a limit the model's profile declares (declared: ${[...this.limits().keys()].join(', ') || 'none'})`);
      return { kind: 'int', value: 0n };
    });
  }

  /**
   * An expression that may use only constants and limits (evaluated once per profile). It is
   * typed like any other, and evaluated with every limit at its declared min and at its max: a
   * value that cannot be computed (a division by zero) would otherwise switch its rule off.
   */
  private constantType(e: Expr, at: At, original: Expr): StaticType {
    let bad: string | undefined;
    walk(e, (n) => { if (n.kind === 'name') bad ??= n.name; });
    if (bad !== undefined) this.r.fail(at, `${bad} cannot be used here: only numbers and limits.NAME`);
    const t = this.types.infer(e, [this.schema.root]);
    if (t.k !== 'int') return t;
    for (const end of ['min', 'max'] as const) {
      const bound = mapLimits(original, (name) => ({ kind: 'int', value: BigInt(this.limits().get(name)![end]) }));
      try {
        evaluateInt({ source: '', ast: bound }, rootScope({}, 0, () => undefined));
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        this.r.fail(at, `cannot be computed with every limit at its ${end}: ${err.message}`);
      }
    }
    return t;
  }
}

/** Replaces every `limits.NAME` by what `f` returns. */
export function mapLimits(e: Expr, f: (name: string) => Expr): Expr {
  const m = (x: Expr): Expr => mapLimits(x, f);
  switch (e.kind) {
    case 'member':
      if (e.object.kind === 'name' && e.object.name === LIMITS) return f(e.name);
      return { ...e, object: m(e.object) };
    case 'index': return { ...e, object: m(e.object), index: m(e.index) };
    case 'call': return { ...e, args: e.args.map(m) };
    case 'unary': return { ...e, operand: m(e.operand) };
    case 'binary': return { ...e, left: m(e.left), right: m(e.right) };
    case 'cond': return { ...e, test: m(e.test), then: m(e.then), else: m(e.else) };
    default: return e;
  }
}

export function usesLimits(e: Expr): boolean {
  let found = false;
  mapLimits(e, () => { found = true; return { kind: 'int', value: 0n }; });
  return found;
}

/** The expression with the profile's limit values in place of `limits.NAME`. */
export function bindLimits(e: CompiledExpr, limits: ReadonlyMap<string, number>): CompiledExpr {
  return { source: e.source, ast: mapLimits(e.ast, (name) => ({ kind: 'int', value: BigInt(limits.get(name) ?? 0) })) };
}

function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'member': walk(e.object, visit); break;
    case 'index': walk(e.object, visit); walk(e.index, visit); break;
    case 'call': e.args.forEach((a) => walk(a, visit)); break;
    case 'unary': walk(e.operand, visit); break;
    case 'binary': walk(e.left, visit); walk(e.right, visit); break;
    case 'cond': walk(e.test, visit); walk(e.then, visit); walk(e.else, visit); break;
    default: break;
  }
}

/**
 * Root fields an expression reads, through the root's lets (each let once): the consumer's
 * refusal checks may only read what it has read by then (refuse.read).
 */
export function rootFieldsRead(e: Expr, schema: FormatSchema): Set<string> {
  const root = schema.types.get(schema.root)!;
  const fields = new Set(root.fields.map((f) => f.id));
  const lets = root.lets ?? {};
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (x: Expr): void => walk(x, (n) => {
    const name = n.kind === 'name' ? n.name : n.kind === 'member' && n.object.kind === 'name' && n.object.name === '_root' ? n.name : undefined;
    if (name === undefined) return;
    if (fields.has(name)) out.add(name);
    else if (Object.prototype.hasOwnProperty.call(lets, name) && !seen.has(name)) {
      seen.add(name);
      visit(lets[name]!.ast);
    }
  });
  visit(e);
  return out;
}
