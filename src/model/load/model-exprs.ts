import { ExprSyntaxError, parseExpr, type CompiledExpr, type Expr, type FormatSchema } from '../../schema/index.js';
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

  constructor(private readonly r: YamlReader, schema: FormatSchema, private readonly limits: () => ReadonlySet<string>) {
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
      t = scopes.length === 0 ? this.constantType(ast, at) : this.types.infer(ast, scopes);
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
      if (!this.limits().has(name)) this.r.fail(at, `limits.${name} is not a limit the model's profile declares (declared: ${[...this.limits()].join(', ') || 'none'})`);
      return { kind: 'int', value: 0n };
    });
  }

  /** An expression that may use only constants and limits (evaluated once per profile). */
  private constantType(e: Expr, at: At): StaticType {
    let bad: string | undefined;
    walk(e, (n) => { if (n.kind === 'name') bad ??= n.name; });
    if (bad !== undefined) this.r.fail(at, `${bad} cannot be used here: only numbers and limits.NAME`);
    return { k: 'any' };
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
