/**
 * Expressions in schema files: counts, sizes, offsets, constraints and derivations.
 * They are parsed into this AST and interpreted; they are never turned into code,
 * so a schema file cannot run anything.
 */
export type Expr =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'member'; readonly object: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly object: Expr; readonly index: Expr }
  | { readonly kind: 'call'; readonly fn: BuiltinName; readonly args: readonly Expr[] }
  | { readonly kind: 'unary'; readonly op: '!' | '-' | '~'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr };

export type BinaryOp =
  | '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '|' | '^' | '&' | '<<' | '>>' | '+' | '-' | '*' | '/' | '%';

/** Functions an expression may call. `offsetof`, `sizeof` and `end` take a field reference, not a value. */
export const BUILTINS = {
  len: 1,
  offsetof: 1,
  sizeof: 1,
  end: 1,
  lookup: 3,
  has: 3,
  min: 2,
  max: 2,
  find: 3,
  rfind: 3,
} as const;
export type BuiltinName = keyof typeof BUILTINS;

export function isBuiltin(name: string): name is BuiltinName {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

/** A parsed expression with the text it came from, for messages. */
export interface CompiledExpr {
  readonly source: string;
  readonly ast: Expr;
}
