export type { CompiledExpr, Expr, BuiltinName } from './ast.js';
export { BUILTINS } from './ast.js';
export { parseExpr } from './parse.js';
export { ExprSyntaxError } from './lexer.js';
export { evaluate, evaluateBool, evaluateInt, evaluateRef, evaluateSize, EvalError } from './evaluate.js';
export type { Ref } from './evaluate.js';
export { rootScope, childScope, elementScope, itemScope, rememberScopeExtra } from './scope.js';
export type { Scope, Locate, Location, StreamIo, ScopeExtra } from './scope.js';
export { latin1Bytes } from './operators.js';
