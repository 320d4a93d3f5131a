import { BUILTINS, isBuiltin, type BinaryOp, type CompiledExpr, type Expr } from './ast.js';
import { ExprSyntaxError, tokenize, type Token } from './lexer.js';

/** Binding power of each binary operator; higher binds tighter (C precedence). */
const BINARY_POWER: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '<=': 7, '>': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
const MAX_DEPTH = 64;

/** Parses an expression; throws ExprSyntaxError with the character position on bad input. */
export function parseExpr(source: string): CompiledExpr {
  const tokens = tokenize(source);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const isOp = (v: string): boolean => { const t = peek(); return t.t === 'op' && t.v === v; };
  const expect = (v: string): void => {
    const t = next();
    if (t.t !== 'op' || t.v !== v) throw new ExprSyntaxError(`expected '${v}'`, t.at);
  };

  function expression(minPower: number): Expr {
    if (++depth > MAX_DEPTH) throw new ExprSyntaxError('expression nests too deeply', peek().at);
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.t !== 'op') break;
      if (t.v === '?' && minPower === 0) {
        next();
        const then = expression(0);
        expect(':');
        const otherwise = expression(0);
        left = { kind: 'cond', test: left, then, else: otherwise };
        continue;
      }
      const power = BINARY_POWER[t.v];
      if (power === undefined || power <= minPower) break;
      next();
      left = { kind: 'binary', op: t.v as BinaryOp, left, right: expression(power) };
    }
    depth--;
    return left;
  }

  function unary(): Expr {
    const t = peek();
    if (t.t === 'op' && (t.v === '!' || t.v === '-' || t.v === '~')) {
      next();
      return { kind: 'unary', op: t.v, operand: unary() };
    }
    return postfix(primary());
  }

  function postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      if (isOp('.')) {
        next();
        const t = next();
        if (t.t !== 'id') throw new ExprSyntaxError('expected a field name after "."', t.at);
        e = { kind: 'member', object: e, name: t.v };
      } else if (isOp('[')) {
        next();
        const index = expression(0);
        expect(']');
        e = { kind: 'index', object: e, index };
      } else return e;
    }
  }

  function primary(): Expr {
    const t = next();
    switch (t.t) {
      case 'int': return { kind: 'int', value: t.v };
      case 'str': return { kind: 'str', value: t.v };
      case 'id': {
        if (t.v === 'true' || t.v === 'false') return { kind: 'bool', value: t.v === 'true' };
        if (t.v === 'null') return { kind: 'null' };
        if (isOp('(')) return call(t.v, t.at);
        return { kind: 'name', name: t.v };
      }
      case 'op':
        if (t.v === '(') { const e = expression(0); expect(')'); return e; }
        throw new ExprSyntaxError(`unexpected '${t.v}'`, t.at);
      case 'end':
        throw new ExprSyntaxError('expression ends too early', t.at);
    }
  }

  function call(name: string, at: number): Expr {
    if (!isBuiltin(name)) throw new ExprSyntaxError(`unknown function ${name}()`, at);
    next();
    const args: Expr[] = [];
    if (!isOp(')')) {
      for (;;) {
        args.push(expression(0));
        if (isOp(',')) { next(); continue; }
        break;
      }
    }
    expect(')');
    if (args.length !== BUILTINS[name]) throw new ExprSyntaxError(`${name}() takes ${BUILTINS[name]} argument(s), got ${args.length}`, at);
    return { kind: 'call', fn: name, args };
  }

  const ast = expression(0);
  const rest = peek();
  if (rest.t !== 'end') throw new ExprSyntaxError('unexpected text after the expression', rest.at);
  return { source, ast };
}
